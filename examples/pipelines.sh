#!/bin/sh
# A few pipelines over the example article; run from the project root
# after `make` (or with the programs installed on PATH).
set -eu
PATH="$(pwd)/bin:$PATH"
art=examples/rhc-lavrov-mexico.txt

echo "# Who said what: speaker, cue and the first words of each quotation"
nquote -H "$art" | cut -f4,6,7 | cut -c1-90

echo
echo "# Who is quoted how often"
nquote -H "$art" | cut -f4 | sort | uniq -c | sort -rn

echo
echo "# Who and what is mentioned, each entity once (canonical names)"
nentity -H "$art" | cut -f4,6 | sort | uniq -c | sort -rn | head -12

echo
echo "# When: every date expression, resolved against the article's date"
ndate "$art" | cut -f2-6

echo
echo "# Dates in the sentences that mention Venezuela (the TSV chains)"
nsplit "$art" | grep -e Venezuela -e '^doc' | ndate -H | cut -f4-6
