#!/usr/bin/env bats
# Wrong input never passes as right: a file the programs cannot read as
# asked is an error with a message and exit status 2, and every document
# of what they can read is either in the output or named on stderr.

load helper

@test "a TSV header without the text column is an error, not an article" {
	printf 'doc\tbody\nd1\tAnn Lee said "we agree" on Monday.\n' > nobody.tsv
	for p in $(programs); do
		run "$p" -H nobody.tsv
		[ "$status" -eq 2 ]
		[[ "$output" == "$p:nobody.tsv:1: no column \"text\" in the header; columns: doc, body"* ]]
		[ "$(echo "$output" | grep -vc "^$p:")" -eq 0 ]
	done
	# --text names it; --stream reads it as prose all the same
	[ "$(nsplit -H -u doc -t body nobody.tsv | cut -f1)" = d1 ]
	run nsplit -H -u doc --stream nobody.tsv
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "-t naming a column the header lacks is an error" {
	printf 'doc\ttext\nd1\tOne.\n' > t.tsv
	for p in $(programs); do
		run "$p" -t body t.tsv
		[ "$status" -eq 2 ]
		[[ "$output" == *"$p:t.tsv:1: no column \"body\" in the header; columns: doc, text"* ]]
	done
	# the next file is still read
	printf 'doc\tbody\nd2\tTwo.\n' > b.tsv
	run nsplit -H -u doc -t body t.tsv b.tsv
	[ "$status" -eq 2 ]
	[[ "$output" == *"d2"*"Two."* ]]
}

@test "a one-column export whose header is text is TSV, a row a document" {
	printf 'text\n"We agree," Ann Lee said.\\n\\nShe left.\n"No," Bob Ray said.\n' > one.tsv
	run nquote -H one.tsv
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(nquote -H one.tsv | cut -f4 | tr '\n' ,)" = "Ann Lee,Bob Ray," ]
	[ "$(nquote -H one.tsv | cut -f1 | sort -u | wc -l)" -eq 2 ]
	# the text in a row unescaped: the paragraph break is two line breaks
	[ "$(nsplit -H -u para one.tsv | wc -l)" -eq 3 ]
	# and -t names the one column too
	sed '1s/text/body/' one.tsv > body.tsv
	[ "$(nquote -H -t body body.tsv | wc -l)" -eq 2 ]
}

@test "compressed input is an error that says what to pipe it through" {
	printf '"We agree," Ann Lee said.\n' > a.txt
	gzip -c a.txt > a.txt.gz
	for p in $(programs); do
		run "$p" -H a.txt.gz
		[ "$status" -eq 2 ]
		[ "$output" = "$p:a.txt.gz:1: compressed input: pipe it through zcat" ]
	done
	for z in "bzip2 bzcat" "xz xzcat" "zstd zstdcat"; do
		set -- $z
		command -v "$1" > /dev/null || continue
		"$1" -c a.txt > a.z
		run nquote -H a.z
		[ "$status" -eq 2 ]
		[[ "$output" == *"pipe it through $2" ]]
	done
	# text that merely starts like a magic number is text
	printf 'BZh is not a bzip2 file.\n' > bzh.txt
	run nsplit -H -u doc bzh.txt
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	# and the files after a compressed one are still read
	run nsplit -H -u doc a.txt.gz a.txt
	[ "$status" -eq 2 ]
	[[ "$output" == *"Ann Lee"* ]]
}

@test "\\N in the date and start columns reads as empty" {
	printf 'doc\tdate\tstart\ttext\nd1\t\\N\t\\N\tAnn Lee left on Friday.\nd1\t\\N\t\\N\tShe came back.\n' > n.tsv
	for p in $(programs); do
		run "$p" n.tsv
		[ "$status" -eq 0 ]
		[[ "$output" != *"$p:"* ]]
	done
	[ "$(nsplit -H -u doc n.tsv | cut -f2 | sort -u)" = "" ]
	# no start: the second row stands after the first (a line break between)
	[ "$(nsplit -H -u sent n.tsv | cut -f5,6 | tr '\t\n' '-,')" = "0-23,24-38," ]
}

@test "rows of one document without start: a pronoun reaches back in order" {
	printf 'doc\ttext\nd1\tThe talks went on. Anna Jones arrived.\nd1\tMary Brown arrived. "We will go," she said.\n' > rows.tsv
	[ "$(nquote -H rows.tsv | cut -f2,4)" = "$(printf '59\tMary Brown')" ]
	# offsets: the first row at 0, the next a byte after the first ends
	[ "$(nsplit -H -u sent rows.tsv | cut -f5 | tr '\n' ,)" = "0,19,39,59," ]
	# a start given wins
	printf 'doc\tstart\ttext\nd1\t\tOne.\nd1\t100\tTwo.\nd1\t\tThree.\n' > s.tsv
	[ "$(nsplit -H -u sent s.tsv | cut -f5 | tr '\n' ,)" = "0,100,105," ]
}

@test "an empty doc id: each row a document of its own, named by its text" {
	printf 'doc\ttext\n\tOne said.\n\tTwo said.\n\\N\tThree said.\n' > e.tsv
	run nsplit -H -u doc e.tsv
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[ "$(nsplit -H -u doc e.tsv | cut -f1 | grep -c '^[0-9a-f]\{16\}$')" -eq 3 ]
	# the same id as the text alone in a stream
	[ "$(printf 'One said.\n' | nsplit -H -u doc | cut -f1)" = "$(nsplit -H -u doc e.tsv | head -1 | cut -f1)" ]
}

# feed CHUNK FILE: FILE into a pipe CHUNK bytes at a time, with pauses,
# so that the reads end wherever the chunks do.
feed() {
	local size i
	size=$(wc -c < "$2")
	for ((i = 0; i < size; i += $1)); do
		tail -c +$((i + 1)) "$2" | head -c "$1"
		sleep 0.01
	done
}

@test "--max-bytes holds whatever the size of the reads" {
	{
		printf 'doc\ttext\n'
		printf 'd1\t%0300d\n' 0
		printf 'd2\tshort\n'
		printf 'd3\t%0150d\n' 0
	} > big.tsv
	{
		printf -- '%0300d\n---\nshort\n---\n' 0
		printf -- '%0150d\n---\n' 0
	} > big.txt
	for f in big.tsv big.txt; do
		for m in 100 160 200 400; do
			nsplit -H -u doc --max-bytes $m $f > whole 2> whole.err || true
			feed 7 $f | nsplit -H -u doc --max-bytes $m > pieces 2> pieces.err || true
			cmp whole pieces
			[ "$(wc -l < whole.err)" -eq "$(wc -l < pieces.err)" ]
		done
		# every document is either in the output or named on stderr
		run nsplit -H -u doc --max-bytes 200 $f
		[ "$status" -eq 1 ]
		[ "$(echo "$output" | grep -c 'longer than 200 bytes skipped')" -eq 1 ]
		[ "$(echo "$output" | grep -vc 'longer than')" -eq 2 ]
	done
}

@test "-v: one line on stderr whose counts are those of the output" {
	{
		printf 'doc\ttext\n'
		printf 'd1\t"We agree," Ann Lee said.\n'
		printf 'd1\t"No," she said.\n'
		printf 'd2\tNothing quoted here.\n'
		printf 'd3\t%0300d\n' 0
		printf 'd4\t"Yes," Bob Ray said.\n'
		printf 'd5\n'
	} > v.tsv
	for p in $(programs); do
		for j in 1 2; do
			args=(-v --max-bytes 200)
			[ "$p" = nquote ] || [ "$p" = nentity ] && args+=(-j $j)
			"$p" "${args[@]}" v.tsv > out 2> err || true
			[ "$(grep -c "^$p: .* documents read" err)" -eq 1 ]
			summary=$(grep "documents read" err)
			read=$(nsplit -H -u doc --max-bytes 200 v.tsv 2>/dev/null | cut -f1 | uniq | wc -l)
			rows=$(($(wc -l < out) - 1))
			empty=$(nsplit -H -u doc --max-bytes 200 v.tsv 2>/dev/null | cut -f1 | uniq |
			    while read -r d; do grep -q "^$d	" out || echo "$d"; done | wc -l)
			[[ "$summary" == "$p: $read documents read, 2 skipped (1 too long, 1 bad TSV rows), $empty without rows; $rows rows written; "*" bytes in "*" s, "*" MB/s" ]]
		done
	done
	# and without -v, nothing on stderr for good input
	printf 'A sentence.\n' | nsplit 2> err > /dev/null
	[ ! -s err ]
}

@test "--tsv reads a header of any names as TSV; --stream reads a header-like line as text" {
	printf 'body\nOne said.\nTwo said.\n' > b.tsv
	# a first line that is no known column: an article stream
	[ "$(nsplit -H -u doc b.tsv | wc -l)" -eq 1 ]
	[ "$(nsplit -H -u doc --tsv -t body b.tsv | wc -l)" -eq 2 ]
	run nsplit -H -u doc --tsv b.tsv
	[ "$status" -eq 2 ]
	[[ "$output" == "nsplit:b.tsv:1: no column \"text\" in the header; columns: body"* ]]
	printf 'text\nOne said.\n' > t.tsv
	[ "$(nsplit -H -u doc t.tsv | cut -f8)" = "One said." ]
	[ "$(nsplit -H -u doc --stream t.tsv | cut -f8)" = 'text\nOne said.\n' ]
}

@test "-v on a terminal: a progress line while running, the summary at the end" {
	command -v script > /dev/null || skip "no script(1) to give stderr a terminal"
	printf 'One said.\n---\nTwo said.\n---\nThree said.\n' > docs
	# the documents come a second and a half apart, so that a progress line is due
	script -qec "{ sed -n 1,2p docs; sleep 1.5; sed -n '3,\$p' docs; } | nsplit -v -u doc > out" /dev/null > tty
	[ "$(wc -l < out)" -eq 4 ]
	grep -q $'\rnsplit: [0-9]* documents, [0-9.]* MB' tty
	grep -q 'nsplit: 3 documents read' tty
	# not a terminal: the summary alone
	nsplit -v -u doc docs 2> err > /dev/null
	[ "$(wc -l < err)" -eq 1 ]
	! grep -q $'\r' err
}
