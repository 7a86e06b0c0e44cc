#!/usr/bin/env bats
# Memory: a program's peak does not grow with its input, only with its
# largest document; nquote holds at most 16 MiB on a stream of articles
# with two threads (the lexicons and weights loaded once for all threads,
# batches of 64 KB of documents between the reader and the threads).

load helper

# peak FILE PROG ARGS...: PROG's peak resident memory on FILE, in KiB.
peak() {
	local r
	r=$("$RUSAGE" "$@")
	echo "${r#* }"
}

need_plain_build() {
	need_rusage
	case ${NTOOLS_BIN:-} in
	*asan* | *tsan*) skip "a sanitiser's shadow memory is no measure" ;;
	esac
}

@test "nquote: the same peak memory on 2 MB and 16 MB of articles, at most 16 MiB with two threads" {
	need_plain_build
	stream 2 > small
	stream 16 > big
	small_kb=$(peak small nquote -j 2)
	big_kb=$(peak big nquote -j 2)
	echo "nquote -j 2: $small_kb KiB on 2 MB, $big_kb KiB on 16 MB" >&3
	[ "$big_kb" -le 16384 ]
	[ "$big_kb" -le $((small_kb + 1024)) ]
}
