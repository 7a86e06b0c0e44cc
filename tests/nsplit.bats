#!/usr/bin/env bats
# nsplit -u doc and -u para: documents, their parts, and paragraphs.

load helper

@test "the seed article is one document with its title, date, dateline and byline" {
	run nsplit -u doc "$SEED"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(nsplit -u doc "$SEED" | col title)" = "Russian foreign minister bolsters diplomatic ties with Mexico" ]
	[ "$(nsplit -u doc "$SEED" | col date)" = "2020-02-07" ]
	[[ "$(nsplit -u doc "$SEED" | col dateline)" == *"Mexico City"* ]]
	[ "$(nsplit -u doc "$SEED" | col byline)" = "Ed Newman" ]
}

@test "the seed's paragraph offsets slice the document's bytes exactly" {
	doc_bytes "$SEED" > doc
	nsplit -H -u para "$SEED" > rows
	[ "$(wc -l < rows)" -ge 10 ]
	while IFS="$(printf '\t')" read -r id date para start end text kind; do
		printf '%s' "$text" | unescape > want
		slice doc "$start" "$end" > got
		cmp want got
	done < rows
}

@test "a paragraph broken by a blank line is two paragraphs" {
	nsplit -u para "$SEED" > rows
	grep -q "and military	body$" rows
	grep -q "	intervention, \"he added\.	body$" rows
}

@test "paragraph kinds: title, date, dateline, body, byline" {
	[ "$(nsplit -u para "$SEED" | col kind | sort -u | tr '\n' ' ')" = "body byline date dateline title " ]
}

@test "the same article in a stream of three keeps its id; files and streams keep their order" {
	alone=$(nsplit -u doc "$SEED" | col doc)
	{ printf -- '---\nFirst article.\n---\n'; cat "$SEED"; printf '\n---\nLast article.\n---\n'; } > three
	run sh -c "nsplit -u doc three | cut -f1"
	[ "${lines[2]}" = "$alone" ]
	[ "${#lines[@]}" -eq 4 ]
	printf 'Another one.\n---\nAnd one more.\n' > two
	cat three two > both
	[ "$(nsplit -H -u doc both | wc -l)" -eq 5 ]
	[ "$(nsplit -H -u doc three two | cut -f1)" = "$(nsplit -H -u doc both | cut -f1)" ]
	[ "$(nsplit -H -u doc both | tail -1 | cut -f8)" = 'And one more.\n' ]
}

@test "ids do not depend on position, nor on a final newline" {
	printf 'Same text.\n' > a
	printf -- '---\nOther.\n---\nSame text.' > b
	[ "$(nsplit -H -u doc a | cut -f1)" = "$(nsplit -H -u doc b | tail -1 | cut -f1)" ]
	[ "$(nsplit -H -u doc a | cut -f1 | grep -c '^[0-9a-f]\{16\}$')" -eq 1 ]
}

@test "nsplit -u para reads its own output and reproduces it" {
	nsplit -u para "$SEED" > once
	nsplit -u para < once > twice
	cmp once twice
}

@test "nsplit -u doc reads its own output: same ids, dates and text" {
	nsplit -u doc "$SEED" > once
	nsplit -u doc < once > twice
	cmp once twice
}

@test "tabs, newlines, carriage returns and backslashes survive the round trip" {
	printf 'doc\ttext\nd1\tone\\ttab, a\\\\backslash\\r\\nand a line\n' > in.tsv
	[ "$(nsplit -H -u doc in.tsv | cut -f8)" = 'one\ttab, a\\backslash\r\nand a line' ]
	nsplit -u para in.tsv | nsplit -u para > out
	[ "$(col text < out)" = 'one\ttab, a\\backslash\r\nand a line' ]
}

@test "TSV input: doc, date and start columns carried, --text names the column" {
	printf 'id\tdoc\tbody\tdate\tstart\n7\tart-1\tFirst para.\\n\\nSecond.\t2020-02-07\t100\n' > in.tsv
	run nsplit -H -u para -t body in.tsv
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "art-1	2020-02-07	1	100	111	First para.	body" ]
	[ "${lines[1]}" = "art-1	2020-02-07	2	113	120	Second.	body" ]
}

@test "numeric date lines: the dateline decides, then --dmy (default) or --mdy" {
	printf '**T**\n03/04/2021\n\nSome text here.\n' > a
	[ "$(nsplit -u doc a | col date)" = "2021-04-03" ]
	[ "$(nsplit --mdy -u doc a | col date)" = "2021-03-04" ]
	printf '**T**\n03/04/2021\n\nPARIS, March 4 (AFP) - Text.\n' > b
	[ "$(nsplit -u doc b | col date)" = "2021-03-04" ]
	printf '**T**\n13/03/1987\n\nText.\n' > c
	[ "$(nsplit --mdy -u doc c | col date)" = "1987-03-13" ]
}

@test "written date lines and datelines" {
	for line in "2020-02-07" "February 7, 2020" "7 Feb 2020" "Feb. 7, 2020" "Friday, February 7, 2020"; do
		printf 'Title here\n\n%s\n\nBody text.\n' "$line" > a
		[ "$(nsplit -u doc a | col date)" = "2020-02-07" ]
	done
	printf 'LONDON (Reuters) - Shares fell.\n' > b
	[ "$(nsplit -u doc b | col dateline)" = "LONDON (Reuters)" ]
	printf 'NEW YORK, March 13 - Shares rose.\n' > c
	[ "$(nsplit -u doc c | col dateline)" = "NEW YORK, March 13" ]
	printf 'The market - as ever - moved.\n' > d
	[ "$(nsplit -u doc d | col dateline)" = "" ]
	# A headline's kind before a dash, the headline in capitals after it: no dateline.
	printf 'RUGBY - WALES HOLD FRANCE\nCARDIFF 2020-02-07\nWales drew with France.\n' > e
	[ "$(nsplit -u doc e | col dateline)" = "" ]
}

@test "titles: marked, headline lines, and none" {
	printf '# Storm hits coast\n\nText.\n' > a
	[ "$(nsplit -u doc a | col title)" = "Storm hits coast" ]
	printf 'Storm hits coast\n\nThe storm hit the coast.\n' > b
	[ "$(nsplit -u doc b | col title)" = "Storm hits coast" ]
	printf 'The storm hit the coast on Monday.\n\nMore text.\n' > c
	[ "$(nsplit -u doc c | col title)" = "" ]
}

@test "bylines: By NAME, Edited by NAME, wire sign-off; not a sentence starting with By" {
	printf 'Title\n\nBy Jane Q. Smith\n\nText.\n' > a
	[ "$(nsplit -u doc a | col byline)" = "Jane Q. Smith" ]
	printf 'Title\n\nText.\n\nReuter\n' > b
	[ "$(nsplit -u doc b | col byline)" = "Reuter" ]
	printf 'Title\n\nText.\n\nAFP\n' > b
	[ "$(nsplit -u doc b | col byline)" = "AFP" ]
	printf 'Title\n\nBy then the rain had stopped.\n' > c
	[ "$(nsplit -u doc c | col byline)" = "" ]
}
