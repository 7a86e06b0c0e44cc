#!/bin/sh
# dates.sh [FILE...]: a timeline of the days the articles refer to, as
# "day<TAB>mentions" rows in date order: every date expression ndate
# resolves to one calendar day (YYYY-MM-DD), in any article.
set -eu
command -v ndate > /dev/null || PATH="$(dirname "$0")/../bin:$PATH"

ndate -H "$@" | awk -F'\t' '$4 == "DATE" && $5 ~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ { print $5 }' |
	sort | uniq -c | awk -v OFS='\t' '{ print $2, $1 }'
