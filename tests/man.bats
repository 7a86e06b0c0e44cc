#!/usr/bin/env bats
# The manual pages and the install: what `make install` puts in place,
# that mandoc finds nothing to say, and that each page keeps up with its
# program's usage.

load helper

PAGES="nsplit.1 nquote.1 nentity.1 ndate.1 ntools.7"

@test "make install puts 4 programs and 5 pages in place with their modes; uninstall takes them away" {
	run mk install DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/usr/local
	[ "$status" -eq 0 ]
	cd root/usr/local
	for p in nsplit nquote nentity ndate; do
		[ "$(stat -c %a "bin/$p")" = 755 ]
		"bin/$p" --version
	done
	for page in $PAGES; do
		[ "$(stat -c %a "share/man/man${page##*.}/$page")" = 644 ]
		cmp "share/man/man${page##*.}/$page" "$ROOT/man/$page"
	done
	[ "$(find . -type f | wc -l)" -eq 9 ]
	run mk uninstall DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/usr/local
	[ "$status" -eq 0 ]
	[ "$(find . -type f | wc -l)" -eq 0 ]
}

@test "mandoc -Tlint has nothing to say about the pages" {
	command -v mandoc > /dev/null || skip "mandoc is not installed (Debian: mandoc)"
	run mk manlint
	echo "$output"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
}

@test "the lint fails on a page with a fault" {
	command -v mandoc > /dev/null || skip "mandoc is not installed (Debian: mandoc)"
	sed 's/^\.Sh SEE ALSO$/.Sh SEE ALSO\n.Xr no-such-page 1 ,/' "$ROOT/man/ndate.1" > ndate.1
	run sh "$ROOT/tools/manlint.sh" "$ROOT/man/nsplit.1" ndate.1
	[ "$status" -eq 1 ]
	[[ "$output" == *"Xr no-such-page 1"* ]]
}

@test "man -l renders each page with its name and synopsis" {
	command -v man > /dev/null || skip "man is not installed (Debian: man-db)"
	for page in $PAGES; do
		run env MANWIDTH=80 man -P cat -l "$ROOT/man/$page"
		[ "$status" -eq 0 ]
		[[ "$output" == *NAME*"${page%.*} "*DESCRIPTION* ]]
	done
}

@test "each page names every option its program's usage lists" {
	for p in $(programs); do
		for o in $("$p" --help | grep -o -E -e '(^|[ [])--?[a-zA-Z][-a-z]*' | tr -d ' [' | sort -u); do
			case $o in
			--*) grep -q -x -e "\.It Fl -${o#--}\( .*\)\{0,1\}" -e "\.It Fl .*, Fl -${o#--}\( .*\)\{0,1\}" \
				"$ROOT/man/$p.1" || { echo "$p.1 lacks $o"; false; } ;;
			*) grep -q -e "^\.It Fl ${o#-}\( \|$\)" "$ROOT/man/$p.1" || { echo "$p.1 lacks $o"; false; } ;;
			esac
		done
	done
}
