#!/usr/bin/env bats
# The command-line contract every program keeps (design section 3).

load helper

@test "--help prints usage on stdout and exits 0; --version too" {
	for p in $(programs); do
		run "$p" --help
		[ "$status" -eq 0 ]
		[[ "${lines[0]}" == "usage: $p "* ]]
		run "$p" --version
		[ "$status" -eq 0 ]
		[[ "$output" == "$p "[0-9]* ]]
	done
}

@test "an unknown option exits 2 with a usage line on stderr" {
	for p in $(programs); do
		run "$p" --no-such-option
		[ "$status" -eq 2 ]
		[[ "$output" == *"usage: $p "* ]]
	done
}

@test "-H drops the header row" {
	for p in $(programs); do
		[ "$("$p" "$SEED" | sed 1d)" = "$("$p" -H "$SEED")" ]
	done
}

@test "a missing file is reported as PROG:FILE: and the other files still processed" {
	for p in $(programs); do
		run "$p" -H no-such-file "$SEED"
		[ "$status" -eq 2 ]
		[[ "${lines[0]}" == "$p:no-such-file: "* ]]
		[ "${#lines[@]}" -gt 1 ]
	done
}

@test "'-' reads standard input" {
	for p in $(programs); do
		[ "$("$p" - < "$SEED")" = "$("$p" "$SEED")" ]
	done
}

@test "writing to a full disk is reported and exits non-zero" {
	[ -w /dev/full ] || skip "no /dev/full"
	for p in $(programs); do
		run sh -c "$p $SEED > /dev/full"
		[ "$status" -ne 0 ]
		[[ "$output" == "$p:<stdout>: write error"* ]]
	done
}

@test "PROG < big | head -1 ends quietly" {
	for i in $(seq 200); do cat "$SEED"; printf '\n---\n'; done > big
	for p in $(programs); do
		run sh -c "$p < big 2> err | head -1; cat err"
		[ "$status" -eq 0 ]
		[ "${#lines[@]}" -eq 1 ]
		[[ "${lines[0]}" == doc* ]]
	done
}

@test "output depends on the input only: same bytes under another locale and time zone" {
	for p in $(programs); do
		a=$("$p" "$SEED" | cksum)
		b=$(LC_ALL=C.UTF-8 TZ=Asia/Tokyo "$p" "$SEED" | cksum)
		[ "$a" = "$b" ]
	done
}

@test "a record-aligned chunk gives the same rows as the whole stream" {
	for i in 1 2 3; do printf -- '---\nArticle %s said Ann Lee on Monday.\n' "$i"; done > all
	cat "$SEED" >> all
	for p in $(programs); do
		"$p" -H all > whole
		{ head -4 all | "$p" -H; tail -n +5 all | "$p" -H; } > parts
		cmp whole parts
	done
}
