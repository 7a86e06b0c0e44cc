#!/bin/sh
# most-quoted.sh [FILE...]: who is quoted most, as "count<TAB>speaker"
# rows, most first (ties by name).  Quotations whose speaker nquote does
# not name are left out.  Input: an article stream or TSV, as nquote reads.
set -eu
command -v nquote > /dev/null || PATH="$(dirname "$0")/../bin:$PATH"

nquote -H "$@" | cut -f4 | grep -v '^$' | sort | uniq -c |
	awk '{ n = $1; sub(/^ *[0-9]+ /, ""); print n "\t" $0 }' | sort -t '	' -k1,1nr -k2,2
