# Shared set-up for the bats suites: the programs under test on PATH
# (NTOOLS_BIN, as `make test` and `make check-asan` set it, else ./bin),
# a scratch directory, and a C locale so that nothing depends on the
# environment.

ROOT="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
EXAMPLES="$ROOT/examples"
FIXTURES="$ROOT/tests/fixtures"
SEED="$EXAMPLES/rhc-lavrov-mexico.txt"
# tools/rusage, as make test builds it: a program's processor time and peak memory.
RUSAGE="${NTOOLS_RUSAGE:-$ROOT/build/release/rusage}"

setup() {
	export PATH="${NTOOLS_BIN:-$ROOT/bin}:$PATH"
	export LC_ALL=C
	cd "$BATS_TEST_TMPDIR" || return 1
}

need_rusage() {
	[ -x "$RUSAGE" ] || skip "no $RUSAGE (make test builds it)"
}

# col NAME: the values of column NAME of the TSV on stdin, header skipped.
col() {
	awk -F'\t' -v name="$1" '
		NR == 1 { for (i = 1; i <= NF; i++) if ($i == name) c = i; next }
		c { print $c }'
}

# unescape: undo the TSV escapes \t \n \r \\ on stdin, byte for byte.
unescape() {
	awk '{
		out = ""
		while ((i = index($0, "\\")) > 0) {
			out = out substr($0, 1, i - 1)
			c = substr($0, i + 1, 1)
			if (c == "t") out = out "\t"
			else if (c == "n") out = out "\n"
			else if (c == "r") out = out "\r"
			else if (c == "\\") out = out "\\"
			else out = out "\\" c
			$0 = substr($0, i + 2)
		}
		printf "%s", out $0
	}'
}

# slice FILE START END: bytes [START, END) of FILE.
slice() {
	tail -c +"$(($2 + 1))" "$1" | head -c "$(($3 - $2))"
}

# doc_bytes FILE: FILE from the byte after its first --- line, where a
# stream's first document's offsets count from.
doc_bytes() {
	local at
	at=$(grep -a -b -m1 -x -e '---' "$1" | cut -d: -f1)
	tail -c +"$((at + 5))" "$1"
}

# programs: the ntools programs that are built, for checks every one must pass.
programs() {
	local p
	for p in nsplit ndate nentity nquote; do
		command -v "$p" > /dev/null && echo "$p"
	done
}

# mk ARGS...: the project's make in the project's root, free of the make
# (and its variables) that runs the tests.
mk() {
	(cd "$ROOT" && env -u MAKEFLAGS -u MAKELEVEL -u MFLAGS -u VARIANT -u CC -u CFLAGS -u V make "$@")
}

# stream MB: an article stream of MB megabytes of written sentences: names, places, quotations
# and dates that vary from document to document, so that every document's
# bytes (and so its id) differ.
stream() {
	awk -v mb="$1" 'BEGIN {
		split("Anna Berg|Tomas Varga|Lena Holm|Pablo Ortiz|Mira Kovac|Omar Haddad", who, "|")
		split("Oslo|Lisbon|Nairobi|Lima|Hanoi|Tunis", where, "|")
		split("January|February|March|April|May|June|July|August|September|October|November|December", month, "|")
		split("said|told reporters|added|warned", verb, "|")
		split("the talks will go on|we have no plan to leave|the vote was fair|prices must come down", what, "|")
		limit = mb * 1000000
		for (i = 1; n < limit; i++) {
			p = who[i % 6 + 1]; q = who[(i + 1 + int(i / 6) % 5) % 6 + 1]; c = where[i % 6 + 1]
			d = i % 28 + 1; m = month[i % 12 + 1]; y = 2000 + i % 25
			doc = sprintf("Talks in %s, part %d\n\n%s, %s %d (Wire) -\n\n", c, i, toupper(c), m, d)
			for (k = 0; k <= i % 4; k++) {
				doc = doc sprintf("%s met %s in %s on %d %s %d, %d days after the last round. ", p, q, c, d, m, y, i % 90 + k + 2)
				doc = doc sprintf("\"%s,\" %s %s. ", what[(i + k) % 4 + 1], p, verb[(i + k) % 4 + 1])
				doc = doc sprintf("%s said on Monday that the ministry of %s would meet again next week.\n\n", q, c)
			}
			doc = doc "---\n"
			printf "%s", doc
			n += length(doc)
		}
	}'
}
