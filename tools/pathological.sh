#!/bin/sh
# pathological.sh: inputs of odd shapes at N, 2N, 4N and 8N bytes, and
# what each program's CPU time does as they grow (linear: about 8x at
# 8N; a scan per item: 30x and more).
#
#   tools/pathological.sh gen SHAPE BYTES      one input on stdout
#   tools/pathological.sh list                 the shapes
#   tools/pathological.sh [-b BINDIR] [-n BYTES] [-p 'PROG...'] [SHAPE...]
#
# The last form prints a table: shape, program, CPU seconds (user +
# system, the least of RUNS runs, default 1) at each size, and t(8N)/t(N).
# PROG is a program with its options, ',' for ' ': nquote,--indirect.
# Defaults: bin, 100000 bytes, every program, every shape.
set -eu

SHAPES='she_male diplomat commission he_said he_said_far named surname mixed one_para unbalanced nested
quote_run lines crlf scare titles indirect indirect_chain caps one_name
acronyms dates token dots ellipsis mister abbrevs separators tsv_nostart tsv_start
tsv_field tsv_quote_field backslash glued letters letter_paras blank_lines blank_lines_far'

# gen SHAPE BYTES: an input of that shape, about BYTES long.
gen() {
	case $1 in
	glued)
		# the example article, again and again, as one document
		ex=$(dirname "$0")/../examples/rhc-lavrov-mexico.txt
		awk -v n="$2" '$0 != "---" { a = a $0 "\n" }
		    END { while (o < n) { printf "%s\n", a; o += length(a) + 1 } }' "$ex"
		return ;;
	esac
	awk -v shape="$1" -v n="$2" '
	# name(i): a person of their own for every i: a first name and a
	# surname made of syllables.
	function surname(i,   s, k) {
		s = ""
		for (k = 0; k < 4; k++) { s = s syl[i % 8]; i = int(i / 8) }
		return toupper(substr(s, 1, 1)) substr(s, 2)
	}
	function name(i) { return first[i % 8] " " surname(int(i / 8) + i) }
	function female(i) { return ffirst[i % 4] " " surname(int(i / 4) + 3 * i) }
	function out(s) { printf "%s", s; o += length(s) }
	BEGIN {
		split("John Peter Robert David Michael James Thomas George", f, " ")
		for (k = 1; k <= 8; k++) first[k - 1] = f[k]
		split("Mary Anna Susan Helen", f, " ")
		for (k = 1; k <= 4; k++) ffirst[k - 1] = f[k]
		split("ka lo mer dan vi tor bel sun", f, " ")
		for (k = 1; k <= 8; k++) syl[k - 1] = f[k]
		q = "\""
		if (shape ~ /^tsv_nostart|^tsv_field|^tsv_quote_field|^backslash/) out("doc\ttext\n")
		if (shape == "tsv_start") out("doc\tstart\ttext\n")
		if (shape == "tsv_field" || shape == "tsv_quote_field" || shape == "backslash") out("d1\t")
		for (i = 0; o < n; i++) {
			if (shape == "she_male")
				out(name(i) " arrived in the capital on Monday.\n\n" q "We will see," q " she said.\n\n")
			else if (shape == "diplomat")
				out("Russian diplomat " name(i) " spoke.\n\n" q "We agree," q " said the Russian diplomat.\n\n" q "We do not," q " said the Chinese envoy.\n\n")
			else if (shape == "commission")
				out("The " surname(i) " Trading Company reported results.\n\n" q "We grew," q " said the commission.\n\n")
			else if (shape == "mixed")
				out(q "It is done," q " said " name(i) ". " name(i + 1) " said that the plan would work.\n\n")
			else if (shape == "he_said")
				out(name(i) " spoke to reporters.\n\n" q "It is done," q " he said.\n\n")
			else if (shape == "he_said_far")
				out(name(i) " spoke to reporters.\n\nThe talks went on.\n\nThey ended late.\n\n" q "It is done," q " he said.\n\n")
			else if (shape == "named")
				out(q "It is done," q " said " name(i) ".\n\n")
			else if (shape == "surname")
				out(name(i) " spoke to reporters. " q "It is done," q " " surname(int(i / 8) + i) " said.\n\n")
			else if (shape == "one_para")
				out(q "It is done," q " said " name(i % 50) ". ")
			else if (shape == "unbalanced")
				out("He said " q "it is done. " (i % 3 ? q : "") " and ")
			else if (shape == "nested")
				out(q "He called it \047odd\047 and " q "strange" q " and \047new\047," q " she said. ")
			else if (shape == "letters")
				out(q "a" q " ")
			else if (shape == "letter_paras")
				out(q "a" q "\n\n")
			else if (shape == "blank_lines")
				# half empty lines, then one paragraph of quotations that each ask what came before it
				out(o < n / 2 ? "\n \n" : q "a" q " ")
			else if (shape == "blank_lines_far")
				# the same, a short paragraph between: the quotations ask about the paragraphs before theirs
				out(o < n / 2 ? "\n \n" : !far++ ? "\nThe talks went on.\n\n" : q "a" q " ")
			else if (shape == "quote_run")
				out(q q q q q q q q "\xe2\x80\x9c\xe2\x80\x9d")
			else if (shape == "lines")
				out(q "It is done," q " said " name(i) ".\n")
			else if (shape == "crlf")
				out(name(i) " spoke.\r\n\r\n" q "It is done," q " he said.\r\n\r\n")
			else if (shape == "scare")
				out("the " q "new" q " plan and a " q "big" q " deal ")
			else if (shape == "titles")
				out("they watched " q "The Big Show" q " on TV and read " q "Night Train" q ", ")
			else if (shape == "indirect")
				out(name(i % 50) " said that the plan would work. ")
			else if (shape == "indirect_chain")
				out(name(i % 50) " said that ")
			else if (shape == "caps")
				out("Alpha Bravo Charlie Delta Echo Foxtrot ")
			else if (shape == "one_name")
				out("John Smith ")
			else if (shape == "acronyms")
				out("the " surname(i) " Labour Council (" toupper(substr(surname(i), 1, 3)) "LC) and ")
			else if (shape == "dates")
				out("on 12/03/2020, 3/4 and 1,000.5 at 5 p.m. March 3, 2019 1/2/3/4 ")
			else if (shape == "token")
				out("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
			else if (shape == "dots")
				out("..........")
			else if (shape == "ellipsis")
				out("\xe2\x80\xa6 ... \xe2\x80\xa6")
			else if (shape == "mister")
				out("Mr. ")
			else if (shape == "abbrevs")
				# one long word opens the sentence, then abbreviations that ask how many words came first
				out(i * 64 < n / 2 ? "0000000000000000000000000000000000000000000000000000000000000000" : " the U.S. Navy was here")
			else if (shape == "separators")
				out("---\nA word.\n")
			else if (shape == "tsv_nostart")
				out("d1\t" name(i) " arrived.\\n\\n" q "Yes," q " she said.\n")
			else if (shape == "tsv_start")
				out("d1\t" o "\t" name(i) " arrived.\\n\\n" q "Yes," q " he said.\n")
			else if (shape == "tsv_field")
				out(name(i) " spoke.\\n\\n" q "It is done," q " he said.\\n\\n")
			else if (shape == "tsv_quote_field")
				out(q "It is done," q " he said. \\t")
			else if (shape == "backslash")
				out("\\\\\\\\\\\\\\\\")
			else { print "pathological.sh: no shape " shape > "/dev/stderr"; exit 2 }
		}
		if (shape ~ /^tsv_field|^tsv_quote_field|^backslash/) out("\n")
	}'
}

# cpu FILE PROG...: the CPU seconds of PROG reading FILE, the least of RUNS runs.
cpu() {
	f=$1
	shift
	best=
	for r in $(seq "${RUNS:-1}"); do
		/usr/bin/time -p sh -c '"$@" > /dev/null 2>&1' sh "$@" < "$f" 2> "$tmp/t" || true
		t=$(awk '$1 == "user" || $1 == "sys" { s += $2 } END { printf "%.2f", s }' "$tmp/t")
		best=$(awk -v a="$t" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
	done
	echo "$best"
}

case ${1:-} in
gen) gen "$2" "$3"; exit ;;
list) echo $SHAPES | tr ' ' '\n'; exit ;;
esac

bindir=bin
bytes=100000
progs='nsplit nsplit,-u,word ndate nentity nquote nquote,-a nquote,--indirect'
while getopts b:n:p: o; do
	case $o in
	b) bindir=$OPTARG ;;
	n) bytes=$OPTARG ;;
	p) progs=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- $SHAPES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf 'shape\tprogram\tN\t2N\t4N\t8N\t8N/N\n'
for s in "$@"; do
	for m in 1 2 4 8; do
		gen "$s" $((bytes * m)) > "$tmp/$m"
	done
	for p in $progs; do
		cmd=$(echo "$p" | tr ',' ' ')
		printf '%s\t%s' "$s" "$cmd"
		for m in 1 2 4 8; do
			t=$(cpu "$tmp/$m" "$bindir"/$cmd)
			eval "t$m=$t"
			printf '\t%s' "$t"
		done
		awk -v a="$t1" -v b="$t8" 'BEGIN { printf "\t%s\n", (a > 0 ? sprintf("%.1f", b / a) : "-") }'
	done
done
