#!/bin/sh
# dated-quotes.sh [FILE...]: nquote's rows, without the header, each
# after its article's date (the date column of nsplit -u doc; empty when
# the article has none): date, doc, start, end, speaker, mention, cue,
# text, kind, mention_start, mention_end.
set -eu
command -v nquote > /dev/null || PATH="$(dirname "$0")/../bin:$PATH"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Both programs read the input, so standard input is kept for the second.
if [ $# -eq 0 ]; then
	cat > "$tmp/in"
	set -- "$tmp/in"
fi
nsplit -H -u doc "$@" | cut -f1,2 > "$tmp/dates"
nquote -H "$@" | awk -F'\t' -v OFS='\t' '
	FILENAME == ARGV[1] { date[$1] = $2; next }
	{ print date[$1], $0 }' "$tmp/dates" -
