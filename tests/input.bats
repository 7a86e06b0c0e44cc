#!/usr/bin/env bats
# Hostile input: every built program survives it, reports what it must,
# and drops no document.

load helper

# ndocs PROG FILE: how many distinct documents PROG's output names.
ndocs() {
	"$1" < "$2" | col doc | sort -u | wc -l
}

@test "CRLF input: separators, date line and documents read as with LF" {
	printf -- '---\r\n**Title one**\r\n07/02/2020\r\n\r\nMexico City, February 7 (RHC)-- Text one.\r\n---\r\nText two.\r\n' > crlf
	[ "$(nsplit -H -u doc crlf | wc -l)" -eq 2 ]
	[ "$(nsplit -u doc crlf | col date | head -1)" = "2020-02-07" ]
	[ "$(nsplit -u doc crlf | col title | head -1)" = "Title one" ]
}

@test "separators with trailing blanks; a last document without final newline" {
	printf -- '---  \nOne.\n--- \t\r\nTwo, no newline' > a
	run nsplit -H -u doc a
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[1]}" == *"Two, no newline" ]]
}

@test "empty input, white space only, and only separators give a header and no rows" {
	for p in $(programs); do
		: > empty
		printf '\n \n\t\n' > blank
		printf -- '---\n---\n\n---\r\n' > seps
		for f in empty blank seps; do
			run "$p" "$f"
			[ "$status" -eq 0 ]
			[ "${#lines[@]}" -eq 1 ]
		done
	done
}

@test "invalid UTF-8 and NUL bytes: no crash, offsets still slice the bytes" {
	printf -- '---\nBad \377\376 bytes\000 and \300\200 more.\n\nSecond \355\240\200 para.\n' > bad
	for p in $(programs); do
		run "$p" bad
		[ "$status" -eq 0 ]
	done
	doc_bytes bad > doc
	nsplit -H -u para bad > rows
	[ "$(cut -f3-5 rows)" = "$(printf '1\t0\t26\n2\t28\t44')" ]
	head -1 rows | cut -f6 | head -c -1 > want
	slice doc 0 26 > got
	cmp want got
}

@test "every program keeps every document of a messy stream" {
	{
		printf '\n\n---\n# Heading title\n\nBy Ann Lee\n\nText with \342\200\234curly quotes\342\200\235 said Ann Lee.\n'
		printf -- '---\r\nCRLF doc said Bob Smith on Monday.\r\n'
		printf -- '---\nNo title at all, said Carl Jones in Paris on 3 March 2020.\n'
		printf -- '---\n\377 invalid start, said Dana White.\n---'
	} > messy
	[ "$(nsplit -H -u doc messy | wc -l)" -eq 4 ]
	[ "$(ndocs nsplit messy)" -eq 4 ]
}

@test "a 50 MB single document is one document" {
	yes 'The quick brown fox jumps over the lazy dog again and again.' | head -c 50000000 > big
	run sh -c 'nsplit -H -u doc big | cut -f6,7'
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '0\t50000000')" ]
}

@test "a document over --max-bytes is reported, skipped, and the rest goes on" {
	{ printf 'Small one.\n---\n'; head -c 5000 /dev/zero | tr '\0' 'x'; printf '\n---\nSmall two.\n'; } > s
	run nsplit -H -u doc --max-bytes 1K s
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[0]}" == "nsplit:s:3: document longer than 1024 bytes skipped"* ]]
	[[ "${lines[2]}" == *"Small two."* ]]
}

@test "a TSV row with the wrong number of fields is reported with its line" {
	printf 'doc\ttext\nd1\tfine\nd2\tone\ttoo many\nd3\tfine too\n' > t.tsv
	run nsplit -H -u para t.tsv
	[ "$status" -eq 1 ]
	[[ "$output" == *"nsplit:t.tsv:3: 3 fields where the header has 2"* ]]
	[ "$(nsplit -H -u para t.tsv 2>/dev/null | wc -l)" -eq 3 ]
}

@test "PostgreSQL's NULL (\\N) in the date, start, text and doc columns reads as an empty field" {
	printf 'doc\tdate\tstart\ttext\n' > null.tsv
	printf 'd1\t\\N\t\\N\tMonday, March 1, 2021\\n\\nTalks resumed on Friday, "we agree," Ann Lee said.\n' >> null.tsv
	printf 'd2\t2020-02-07\t\\N\t\\N\n\\N\t\\N\t\\N\tAnn Lee left on Friday.\n' >> null.tsv
	for p in $(programs); do
		run "$p" null.tsv
		[ "$status" -eq 0 ]
		[[ "$output" != *"$p:"* ]]
	done
	# No date in the column: the article's date line gives it.
	[ "$(nsplit -u doc null.tsv | col date | tr '\n' ' ')" = "2021-03-01 2020-02-07  " ]
	[ "$(ndate -H null.tsv | cut -f1,5,6 | sed -n '1,2p' | tr '\t\n' ', ')" = "d1,2021-03-01,Monday, March 1, 2021 d1,2021-02-26,Friday " ]
	# a NULL id: a document of its own, its id derived from its text
	ndate -H null.tsv | sed -n '3p' | grep -E -q $'^[0-9a-f]{16}\t.*\tXXXX-WXX-5\tFriday\t' 
	# No start: offsets count from the text's first byte; no text: no rows.
	[ "$(nquote -H null.tsv | cut -f1-3)" = "$(printf 'd1\t48\t59')" ]
	[ "$(nsplit -H -u doc null.tsv | cut -f6,7 | tr '\t\n' ', ')" = "0,73 0,0 0,23 " ]
}
