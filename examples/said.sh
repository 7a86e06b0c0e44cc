#!/bin/sh
# said.sh NAME [FILE...]: what NAME said, and when: "date<TAB>cue<TAB>
# quotation" rows in the order of the articles' dates (the date column of
# nsplit -u doc; empty when an article has none).  NAME is the canonical
# speaker name nquote writes ("Anna Berg", not "Berg").  Quotations of
# one day keep their order in the input.
set -eu
[ $# -ge 1 ] || { echo "usage: said.sh NAME [FILE...]" >&2; exit 2; }
name=$1
shift

"$(dirname "$0")/dated-quotes.sh" "$@" | awk -F'\t' -v OFS='\t' -v name="$name" '
	$5 == name { print $1, NR, $7, $8 }' | sort -t '	' -k1,1 -k2,2n | cut -f1,3,4
