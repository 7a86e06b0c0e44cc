#!/usr/bin/env bats
# A live feed (`tail -f feed | nentity`): the rows of each document come
# out as soon as its separator has come in, while the input stays open,
# on one thread or several.

load helper

# rows_while_open CMD...: runs CMD on a feed that sends one document and
# its separator, then stays open; prints how many rows CMD has written
# within ten seconds (as soon as they come), then closes it.
rows_while_open() {
	local feed="$BATS_TEST_TMPDIR/feed" out="$BATS_TEST_TMPDIR/out"
	rm -f "$feed"
	mkfifo "$feed"
	"$@" < "$feed" > "$out" &
	local pid=$!
	exec 5> "$feed"
	printf 'Angela Merkel met Emmanuel Macron in Paris on Monday, 3 March 2025.\n"We agree," Merkel said.\n---\n' >&5
	for _ in $(seq 500); do
		[ "$(wc -l < "$out")" -gt 1 ] && break
		sleep 0.02
	done
	wc -l < "$out"
	exec 5>&-
	wait "$pid"
}

@test "a live feed sees a document's rows before its input ends: nentity, one thread and two" {
	run rows_while_open nentity -j 1
	[ "$status" -eq 0 ]
	[ "$output" -ge 4 ]
	run rows_while_open nentity -j 2
	[ "$status" -eq 0 ]
	[ "$output" -ge 4 ]
}

@test "a live feed sees a document's rows before its input ends: nquote, nsplit, ndate" {
	run rows_while_open nquote -j 2
	[ "$output" -ge 2 ]
	run rows_while_open nsplit
	[ "$output" -ge 3 ]
	run rows_while_open ndate
	[ "$output" -ge 2 ]
}

@test "a feed that pauses between documents loses none and keeps their order" {
	feed() {
		for i in 1 2 3; do
			printf 'Report %s\n\nSergey Lavrov met Nicolás Maduro in Caracas.\n---\n' "$i"
			sleep 0.1
		done
	}
	run sh -c "$(declare -f feed); feed | nentity -j 2 -H | cut -f1 | uniq | wc -l"
	[ "$output" -eq 3 ]
	run sh -c "$(declare -f feed); feed | nentity -j 2 -H | cut -f1,5 | grep -c Lavrov"
	[ "$output" -eq 3 ]
}

@test "a TSV feed that pauses inside a document keeps its rows together: names resolve as on one thread" {
	feed() {
		printf 'doc\ttext\n'
		printf 'd1\tForeign Minister Sergey Lavrov arrived in Caracas on Monday.\n'
		sleep 0.3
		printf 'd1\tOn Tuesday, Lavrov met President Nicolás Maduro.\n'
		printf 'd2\tThe talks ended.\n'
	}
	one=$(sh -c "$(declare -f feed); feed" | nentity -j 1 -H | cut -f6 | sort)
	run sh -c "$(declare -f feed); feed | nentity -j 2 -H | cut -f6 | sort"
	[ "$output" = "$one" ]
	[ "$(printf '%s\n' "$output" | grep -c '^Sergey Lavrov$')" -eq 2 ]
}

@test "a TSV feed on several threads writes the documents before the last while it waits" {
	local feed="$BATS_TEST_TMPDIR/feed" out="$BATS_TEST_TMPDIR/out"
	mkfifo "$feed"
	nentity -j 2 -H < "$feed" > "$out" &
	local pid=$!
	exec 5> "$feed"
	printf 'doc\ttext\nd1\tSergey Lavrov arrived in Caracas.\nd2\tNicolás Maduro spoke.\n' >&5
	for _ in $(seq 500); do
		grep -q Lavrov "$out" && break
		sleep 0.02
	done
	run cut -f1 "$out"
	exec 5>&-
	wait "$pid"
	[ "${lines[0]}" = d1 ]
	run grep -c '^d2' "$out"
	[ "$output" -ge 1 ]
}
