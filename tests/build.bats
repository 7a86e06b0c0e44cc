#!/usr/bin/env bats
# The build itself: quiet unless asked (V=1), installs where it is told.

load helper

# mk ARGS...: the project's make, free of the make that runs the tests.
mk() {
	(cd "$ROOT" && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS make "$@")
}

@test "a build prints no compiler lines; V=1 shows them" {
	run mk OBJDIR="$BATS_TEST_TMPDIR/obj" "$BATS_TEST_TMPDIR/obj/lib/hash.o"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -f obj/lib/hash.o ]
	rm obj/lib/hash.o
	run mk V=1 OBJDIR="$BATS_TEST_TMPDIR/obj" "$BATS_TEST_TMPDIR/obj/lib/hash.o"
	[ "$status" -eq 0 ]
	[[ "$output" == *" -c -o $BATS_TEST_TMPDIR/obj/lib/hash.o lib/hash.c"* ]]
}

@test "a compiler's error still shows in a quiet build" {
	run mk OBJDIR="$BATS_TEST_TMPDIR/obj" CFLAGS='-include no-such-header.h' \
		"$BATS_TEST_TMPDIR/obj/lib/hash.o"
	[ "$status" -ne 0 ]
	[[ "$output" == *no-such-header.h* ]]
}
