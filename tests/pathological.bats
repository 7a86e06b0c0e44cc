#!/usr/bin/env bats
# Pathological inputs, in the style of cmark's: each shape of
# tools/pathological.sh at N and 8N bytes; reading 8N may cost at most
# ten times what reading N does (linear work costs 8 times; a scan over
# everything seen so far for each new item costs 64), and the memory
# that 6N bytes more add from 2N on, per byte, is within the program's
# factor that the README states (Memory), give or take FILL KiB.  From
# 2N, not N, and FILL: nquote's fixed buffers (the name finder's windows
# of up to 96 KB, blocks under the 128 KB mapping threshold) fill up
# between N and 8N, a MiB that a long document does not see again.  On
# one thread (-j 1), as a document over 256 KB is read whatever -j says:
# in a batch a smaller one also costs its copy and rows, a bounded sum.
#
# The cost of reading is the program's processor time (tools/rusage)
# less what it spends on no input at all, loading its tables: left in,
# that fixed part hides a scan at sizes a test can afford.  Timings and
# peaks on a shared machine are noisy: a shape that fails is measured
# again and judged by the lesser times and growth, and NOISE seconds are
# forgiven, plus the startup's own time (it varies by a good part of
# itself from run to run).  N is chosen per program so that reading 8N costs some tenths
# of a second.

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

# startup PROG ARGS...: T0, PROG's least processor time on no input in
# three runs; PEAK, the most memory in bytes that PROG may add per byte
# read (README, "Memory"), and FILL, its buffers that fill up.  Under a sanitiser, neither: its shadow
# memory is no measure, and its startup varies by more than what a
# small input costs, so runs are judged whole (T0 = 0), which still
# shows a blow-up such as a realloc per item.
startup() {
	local i
	need_rusage
	FILL=0
	case $1 in
	nsplit | ndate) PEAK=2 ;;
	nentity) PEAK=8 ;;
	nquote) PEAK=8 FILL=1024 ;;
	esac
	case ${NTOOLS_BIN:-} in
	*asan* | *tsan*) PEAK= T0=0; return ;;
	esac
	T0=$(cpu /dev/null "$@" -j 1)
	for i in 2 3; do
		T0=$(least "$T0" "$(cpu /dev/null "$@" -j 1)")
	done
}

# linear BYTES SHAPE PROG ARGS...: reading the shape at 8 x BYTES costs
# PROG at most ten times what reading it at BYTES does (after startup),
# and from 2 x BYTES on holds at most PEAK bytes more per byte more.
linear() {
	local n=$1 shape=$2 r1 r2 r8 t1 t8 m2 m8 b2 b8 m
	shift 2
	set -- "$@" -j 1
	# one input per shape and size, for every program of the test
	for m in 1 2 8; do
		[ -f "$shape.$n.$m" ] ||
		    sh "$ROOT/tools/pathological.sh" gen "$shape" $((m * n)) > "$shape.$n.$m"
	done
	b2=$(wc -c < "$shape.$n.2")
	b8=$(wc -c < "$shape.$n.8")
	r1=$("$RUSAGE" "$shape.$n.1" "$@")
	r2=0
	[ -z "$PEAK" ] || r2=$("$RUSAGE" "$shape.$n.2" "$@")
	r8=$("$RUSAGE" "$shape.$n.8" "$@")
	t1=${r1% *} m2=${r2#* } t8=${r8% *} m8=${r8#* }
	judge "$shape $*" 2> /dev/null && return
	# once more, judged by the lesser times and the lesser growth
	r1=$("$RUSAGE" "$shape.$n.1" "$@")
	[ -z "$PEAK" ] || r2=$("$RUSAGE" "$shape.$n.2" "$@")
	r8=$("$RUSAGE" "$shape.$n.8" "$@")
	t1=$(least "$t1" "${r1% *}")
	t8=$(least "$t8" "${r8% *}")
	m8=$(least "$m8" "${r8#* }")
	m2=$(awk -v a="$m2" -v b="${r2#* }" 'BEGIN { print (a > b) ? a : b }')
	judge "$shape $*"
}

# judge WHAT: 0 when t8 after startup is within ten times t1 after
# startup, give or take NOISE + T0, and the memory grown from b2 to b8
# bytes read within PEAK a byte; 1 when the time is not, 2 when the
# memory is not.  The figures on fd 3, or on stderr when they fail.
judge() {
	awk -v what="$1" -v t0="$T0" -v a="$t1" -v b="$t8" -v noise="$NOISE" \
	    -v m2="$m2" -v m8="$m8" -v b2="$b2" -v b8="$b8" -v peak="$PEAK" -v fill="$FILL" 'BEGIN {
		slow = b - t0 > 10 * (a - t0) + noise + t0
		per = (m8 - m2 - fill) * 1024 / (b8 - b2)
		big = peak != "" && per > peak
		line = sprintf("%s: %.3f s at %d bytes, %.3f s at 8x, %.3f s of startup: %.1fx; %.1f bytes a byte",
		    what, a, b8 / 8, b, t0, (a > t0) ? (b - t0) / (a - t0) : 0, per)
		if (slow || big)
			print line > "/dev/stderr"
		else
			print line
		exit slow ? 1 : big ? 2 : 0
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

# A quotation a few bytes long costs its span, its row and the row's
# order, some 90 bytes: held for a whole document, 20 to 32 bytes a byte
# of "a" "a" ..., so such a text is read in pieces of 1,024 quotations
# or so (attrib.h, attrib_cuts), in one paragraph and in many.  Before
# each quotation asked what came before its paragraph, over a megabyte
# of empty lines once a quotation (blank_lines: 43x at 8x the size), and
# of the paragraph before that (blank_lines_far: 53x).
@test "nquote: runs of one-letter quotations, in one paragraph and in many, and after a run of empty lines" {
	local opts
	for opts in "" -a --indirect; do
		# shellcheck disable=SC2086
		startup nquote $opts
		for s in letters letter_paras blank_lines blank_lines_far; do
			# shellcheck disable=SC2086
			linear 50000 "$s" nquote $opts
		done
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
	local shapes='caps one_name acronyms dates token dots ellipsis mister abbrevs separators one_para'
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
