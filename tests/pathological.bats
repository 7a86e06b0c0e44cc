#!/usr/bin/env bats
# Pathological inputs, in the style of cmark's: each shape of
# tools/pathological.sh at N and 8N bytes; reading 8N may cost at most
# ten times what reading N does (linear work costs 8 times; a scan over
# everything seen so far for each new item costs 64).
#
# The cost of reading is the program's processor time (tools/rusage)
# less what it spends on no input at all, loading its tables: left in,
# that fixed part hides a scan at sizes a test can afford.  Timings on
# a shared machine are noisy: a shape that fails is timed again and
# judged by the lesser times, and NOISE seconds are forgiven, plus the
# startup's own time (it varies by a good part of itself from run to
# run, and a sanitiser's is several times a plain build's).  N is
# chosen per program so that reading 8N costs some tenths of a second.

load helper

NOISE=0.1

# cpu FILE PROG ARGS...: PROG's processor seconds on FILE (it must exit 0).
cpu() {
	local t
	t=$("$RUSAGE" "$@")
	echo "${t% *}"
}

# least A B: the lesser of two times.
least() {
	awk -v a="$1" -v b="$2" 'BEGIN { print (a < b) ? a : b }'
}

# startup PROG ARGS...: T0, PROG's least processor time on no input in three runs.
startup() {
	local i
	need_rusage
	T0=$(cpu /dev/null "$@")
	for i in 2 3; do
		T0=$(least "$T0" "$(cpu /dev/null "$@")")
	done
}

# linear BYTES SHAPE PROG ARGS...: reading the shape at 8 x BYTES costs
# PROG at most ten times what reading it at BYTES does (after startup).
linear() {
	local n=$1 shape=$2 t1 t8
	shift 2
	# one input per shape and size, for every program of the test
	[ -f "$shape.$n" ] || sh "$ROOT/tools/pathological.sh" gen "$shape" "$n" > "$shape.$n"
	[ -f "$shape.$n.8" ] || sh "$ROOT/tools/pathological.sh" gen "$shape" $((8 * n)) > "$shape.$n.8"
	t1=$(cpu "$shape.$n" "$@")
	t8=$(cpu "$shape.$n.8" "$@")
	judge "$shape $*" "$n" 2> /dev/null && return
	t1=$(least "$t1" "$(cpu "$shape.$n" "$@")")
	t8=$(least "$t8" "$(cpu "$shape.$n.8" "$@")")
	judge "$shape $*" "$n" >&3
}

# judge WHAT BYTES: whether t8 after startup is within ten times t1
# after startup, give or take NOISE + T0; the figures on stdout, and on
# stderr when they do not hold.
judge() {
	awk -v what="$1" -v n="$2" -v t0="$T0" -v a="$t1" -v b="$t8" -v noise="$NOISE" 'BEGIN {
		ok = b - t0 <= 10 * (a - t0) + noise + t0
		line = sprintf("%s: %.3f s at %d bytes, %.3f s at 8x, %.3f s of startup: %.1fx",
		    what, a, n, b, t0, (a > t0) ? (b - t0) / (a - t0) : 0)
		print line > (ok ? "/dev/stdout" : "/dev/stderr")
		exit !ok
	}' >&3
}

@test "nquote: pronouns, descriptions and names over thousands of paragraphs" {
	startup nquote
	for s in she_male diplomat commission he_said he_said_far named surname mixed; do
		linear 50000 "$s" nquote
	done
}

# At 50 KB a scan per quotation over everything seen costs less than
# reading does; at 100 KB these shapes show it (before the bounds of
# attrib.c: diplomat 14x, commission 30x, mixed with --indirect 14x).
@test "nquote: who the text was last about, over a long text: descriptions, organisations, quotations among reported speech" {
	startup nquote
	linear 100000 diplomat nquote
	linear 100000 commission nquote
	startup nquote --indirect
	linear 100000 mixed nquote --indirect
}

@test "nquote: many quotations in one paragraph, marks unbalanced or nested, lines, CRLF" {
	startup nquote
	for s in one_para unbalanced nested lines crlf quote_run; do
		linear 50000 "$s" nquote
	done
}

@test "nquote -a and --indirect: scare quotes, titles, reported speech chains" {
	startup nquote -a
	linear 50000 scare nquote -a
	linear 50000 titles nquote -a
	startup nquote --indirect
	linear 50000 indirect nquote --indirect
	linear 50000 indirect_chain nquote --indirect
}

@test "nquote: TSV rows of one document with and without start, a long field, escapes" {
	startup nquote
	for s in tsv_nostart tsv_start tsv_field tsv_quote_field backslash glued; do
		linear 50000 "$s" nquote
	done
}

@test "nsplit, nentity, ndate: capitals, names, acronyms, dates, long tokens, dots, titles, separators" {
	local shapes='caps one_name acronyms dates token dots ellipsis mister separators one_para'
	for p in nsplit ndate; do
		startup "$p"
		for s in $shapes; do
			linear 250000 "$s" "$p"
		done
	done
	startup nentity
	for s in $shapes; do
		linear 50000 "$s" nentity
	done
}
