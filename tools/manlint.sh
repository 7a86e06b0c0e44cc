#!/bin/sh
# manlint.sh PAGE...: mandoc -Tlint on the pages; any message fails.
# mandoc looks for the pages an Xr names only in the system's base
# directories, so a reference to one of the pages given is no fault;
# nor is a note about the system's own stale mandoc.db.
set -eu
command -v mandoc > /dev/null || { echo "manlint: mandoc not found (Debian: mandoc)" >&2; exit 2; }
names=
for page in "$@"; do
	base=${page##*/}
	names="$names|${base%.*} ${base##*.}"
done
out=$(mandoc -Tlint "$@" 2>&1 | grep -v -E \
	-e "referenced manual not found: Xr (${names#|})( \\([0-9]+ times\\))?\$" \
	-e 'outdated mandoc\.db lacks' || true)
[ -z "$out" ] || { printf '%s\n' "$out"; exit 1; }
