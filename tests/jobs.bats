#!/usr/bin/env bats
# -j, --jobs: the programs that work on several threads write what they
# write on one, in input order, and keep a document's TSV rows together.

load helper

threaded() {
	echo nentity nquote
}

# A stream of more documents than one batch holds, and the example article.
many_docs() {
	awk 'BEGIN {
		for (i = 1; i <= 4500; i++) {
			print "Report " i
			print ""
			print "Sergey Lavrov met Nicolás Maduro in Caracas on day " i ". Lavrov said \"we agree\"."
			print "---"
		}
	}'
	cat "$SEED"
}

@test "several threads write exactly what one writes, in input order" {
	many_docs > in.txt
	for prog in $(threaded); do
		"$prog" -j 1 in.txt > one
		"$prog" -j 3 in.txt > three
		"$prog" --jobs=2 < in.txt > two
		[ -s one ]
		cmp one three
		cmp one two
	done
}

@test "a document's TSV rows stay together across batches" {
	# Three rows per document: batches of 4096 documents' rows would cut one.
	awk 'BEGIN {
		print "doc\ttext"
		for (i = 1; i <= 3000; i++) {
			print "d" i "\tForeign Minister Sergey Lavrov arrived."
			print "d" i "\tThe talks went on."
			print "d" i "\tLavrov left."
		}
	}' > rows.tsv
	nentity -j 2 rows.tsv > out
	[ "$(awk -F'\t' '$5 == "Lavrov"' out | wc -l)" -eq 3000 ]
	[ "$(awk -F'\t' '$5 == "Lavrov" && $6 != "Sergey Lavrov"' out | wc -l)" -eq 0 ]
}

@test "a document too long for a batch is read in its turn, its later TSV rows with it" {
	# over 256 KB: read on the main thread, after the batches before it
	awk 'BEGIN {
		for (i = 1; i <= 300; i++)
			print "Report " i ".\n\nAnna Pell said \"yes\" on day " i ".\n---"
		print "Foreign Minister Sergey Lavrov arrived.\n"
		for (i = 1; i <= 6000; i++)
			print "\"We will talk,\" Lavrov said on day " i ". Then the talks went on.\n"
		print "---"
		for (i = 1; i <= 300; i++)
			print "Report " i ".\n\nBen Tull said \"no\" on day " i ".\n---"
	}' > in.txt
	[ "$(wc -c < in.txt)" -gt 300000 ]
	for prog in $(threaded); do
		"$prog" -j 1 in.txt > one
		"$prog" -j 2 in.txt > two
		[ -s one ]
		cmp one two
	done
	# a long first row, then short ones that resolve against it
	awk 'BEGIN {
		printf "doc\ttext\nd0\tAnna Pell spoke.\nd1\tForeign Minister Sergey Lavrov arrived."
		for (i = 1; i <= 15000; i++)
			printf " The talks went on."
		print ""
		print "d1\tLavrov left."
		print "d2\tLavrov left."
	}' > rows.tsv
	[ "$(wc -c < rows.tsv)" -gt 280000 ]
	nentity -j 1 rows.tsv > one
	nentity -j 2 rows.tsv > two
	cmp one two
	[ "$(awk -F'\t' '$1 == "d1" && $5 == "Lavrov" {print $6}' two)" = "Sergey Lavrov" ]
}

@test "a bad number of threads is a usage error, in every program" {
	for prog in $(programs); do
		run "$prog" -j 0 < /dev/null
		[ "$status" -eq 2 ]
		run "$prog" --jobs=many < /dev/null
		[ "$status" -eq 2 ]
		[[ "$output" == *"--jobs"* ]]
	done
}

@test "nsplit and ndate accept -j, so that one command line fits all four" {
	for prog in nsplit ndate; do
		"$prog" "$SEED" > one
		"$prog" -j 3 "$SEED" > three
		"$prog" --jobs 2 "$SEED" > two
		[ -s one ]
		cmp one three
		cmp one two
	done
}

# threads_of PROG CPUS [ARGS...]: how many threads PROG has once it has
# set out to read, run by taskset on the processors CPUS.
threads_of() {
	local prog=$1 cpus=$2 pid n
	shift 2
	rm -f fifo
	mkfifo fifo
	taskset -c "$cpus" "$prog" "$@" fifo > /dev/null &
	pid=$!
	# The program opens its input once its threads are started.
	exec 3> fifo
	n=$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status")
	exec 3>&-
	wait "$pid"
	echo "$n"
}

@test "-j's default: the processors the process may run on (taskset), not all online" {
	command -v taskset > /dev/null || skip "no taskset (Debian: util-linux)"
	[ -r /proc/self/status ] || skip "no /proc"
	taskset -c 0,1 true 2> /dev/null || skip "fewer than two processors to run on"
	case ${NTOOLS_BIN:-} in
	*tsan*) skip "ThreadSanitizer starts a thread of its own once a program starts one" ;;
	esac
	for prog in $(threaded); do
		one=$(threads_of "$prog" 0)
		two=$(threads_of "$prog" 0,1)
		# One processor: the main thread alone; two: two workers besides.
		[ "$two" -eq "$((one + 2))" ]
		# -j still says how many, whatever the processors.
		[ "$(threads_of "$prog" 0 -j 3)" -eq "$((one + 3))" ]
	done
}
