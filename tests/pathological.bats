#!/usr/bin/env bats
# Pathological inputs, in the style of cmark's: each shape of
# tools/pathological.sh at N and 8N bytes; 8N may cost at most ten times
# N in processor time (linear work costs 8 times; a scan over everything
# seen so far for each new item costs 64).  Timings on a shared machine
# are noisy: each figure is the least of two runs, and a run under
# NOISE seconds is too short to judge.

load helper

NOISE=0.3

# cpu FILE PROG ARGS...: user + system seconds of PROG on FILE, the least of two runs.
cpu() {
	local f=$1 best= t i
	shift
	for i in 1 2; do
		t=$( { TIMEFORMAT='%U %S'; time "$@" < "$f" > /dev/null 2>&1; } 2>&1 | awk '{ print $1 + $2 }')
		best=$(awk -v a="$t" -v b="$best" 'BEGIN { print (b == "" || a < b) ? a : b }')
	done
	echo "$best"
}

# linear BYTES SHAPE PROG ARGS...: the shape at BYTES and 8 x BYTES costs PROG at most 10x more.
linear() {
	local n=$1 shape=$2 t1 t8
	shift 2
	sh "$ROOT/tools/pathological.sh" gen "$shape" "$n" > n1
	sh "$ROOT/tools/pathological.sh" gen "$shape" $((8 * n)) > n8
	t1=$(cpu n1 "$@")
	t8=$(cpu n8 "$@")
	echo "$shape $*: $t1 s at $n bytes, $t8 s at 8x" >&3
	awk -v a="$t1" -v b="$t8" -v noise="$NOISE" 'BEGIN { exit !(b <= 10 * a + noise) }'
}

@test "nquote: pronouns, descriptions and names over thousands of paragraphs" {
	for s in she_male diplomat commission he_said he_said_far named surname mixed; do
		linear 60000 "$s" nquote
	done
}

# At 60 KB a scan per quotation over everything seen costs less than
# reading does; at 200 KB these shapes show it (before the bounds of
# attrib.c: diplomat 15x, commission 26x, mixed with --indirect 20x).
@test "nquote: who the text was last about, over a long text: descriptions, organisations, quotations among reported speech" {
	linear 200000 diplomat nquote
	linear 200000 commission nquote
	linear 200000 mixed nquote --indirect
}

@test "nquote: many quotations in one paragraph, marks unbalanced or nested, lines, CRLF" {
	for s in one_para unbalanced nested lines crlf quote_run; do
		linear 60000 "$s" nquote
	done
}

@test "nquote -a and --indirect: scare quotes, titles, reported speech chains" {
	linear 60000 scare nquote -a
	linear 60000 titles nquote -a
	linear 60000 indirect nquote --indirect
	linear 40000 indirect_chain nquote --indirect
}

@test "nquote: TSV rows of one document with and without start, a long field, escapes" {
	for s in tsv_nostart tsv_start tsv_field tsv_quote_field backslash glued; do
		linear 60000 "$s" nquote
	done
}

@test "nsplit, nentity, ndate: capitals, names, acronyms, dates, long tokens, dots, titles, separators" {
	for s in caps one_name acronyms dates token dots ellipsis mister abbrevs separators one_para; do
		linear 100000 "$s" nsplit
		linear 100000 "$s" nentity
		linear 100000 "$s" ndate
	done
}
