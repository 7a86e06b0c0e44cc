#!/usr/bin/env bats
# The example scripts of examples/: on small streams written here, whose
# answers follow from how they are made, and on the example stream.

load helper

STREAM="$EXAMPLES/harbour-stream.txt"

# article DATE CITY TEXT: one article of a stream, dated DATE.
article() {
	printf -- '---\n**A report from %s**\n\n%s\n\n%s, (Wire) - %s\n\n' "$2" "$1" "$2" "$3"
}

# Two people quoted, three times and once, over three days.
quotes() {
	article 2030-03-02 OSLO '"The bridge will open in May," Anna Lund said.'
	article 2030-03-09 OSLO '"We are ready," Anna Lund said. "It cost too much," said Per Dahl.'
	article 2030-03-16 BERGEN '"The first cars crossed today," Anna Lund said.'
}

@test "most-quoted.sh counts each named speaker's quotations, most first" {
	quotes > in.txt
	run "$EXAMPLES/most-quoted.sh" in.txt
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "3	Anna Lund" ]
	[ "${lines[1]}" = "1	Per Dahl" ]
	[ "${#lines[@]}" -eq 2 ]
	# Standard input too.
	[ "$("$EXAMPLES/most-quoted.sh" < in.txt)" = "$output" ]
}

@test "most-quoted.sh on the example stream: counts that add up to nquote's named quotations" {
	"$EXAMPLES/most-quoted.sh" "$STREAM" > out
	[ "$(wc -l < out)" -ge 5 ]
	[ "$(awk -F'\t' '{ s += $1 } END { print s }' out)" -eq \
	  "$(nquote -H "$STREAM" | awk -F'\t' '$4 != ""' | wc -l)" ]
	sort -s -t '	' -k1,1nr -c out
}

@test "said.sh gives what one person said, with the article's date, in date order" {
	quotes > in.txt
	run "$EXAMPLES/said.sh" "Anna Lund" in.txt
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[ "${lines[0]}" = "2030-03-02	said	The bridge will open in May" ]
	[ "${lines[1]}" = "2030-03-09	said	We are ready" ]
	[ "${lines[2]}" = "2030-03-16	said	The first cars crossed today" ]
	# The articles in another order: the same rows.
	{ article 2030-03-16 BERGEN '"The first cars crossed today," Anna Lund said.'; quotes | head -14; } > shuffled.txt
	[ "$("$EXAMPLES/said.sh" "Anna Lund" shuffled.txt)" = "$output" ]
	[ "$("$EXAMPLES/said.sh" "Anna Lund" < in.txt)" = "$output" ]
	run "$EXAMPLES/said.sh" "Per Dahl" in.txt
	[ "$output" = "2030-03-09	said	It cost too much" ]
	run "$EXAMPLES/said.sh"
	[ "$status" -eq 2 ]
}

@test "said.sh on the example stream: each quotation stands in the stream, dates in order" {
	name=$("$EXAMPLES/most-quoted.sh" "$STREAM" | head -1 | cut -f2)
	"$EXAMPLES/said.sh" "$name" "$STREAM" > out
	[ "$(wc -l < out)" -eq "$("$EXAMPLES/most-quoted.sh" "$STREAM" | head -1 | cut -f1)" ]
	cut -f1 out | sort -c
	cut -f1 out | grep -q -v -x -e '' -e '[0-9]\{4\}-[0-9][0-9]-[0-9][0-9]' && false
	while IFS='	' read -r date cue text; do
		grep -q -F -e "$text" "$STREAM"
	done < out
}

@test "mentioned-with.sh counts the articles an entity shares with the name, not the name itself" {
	{
		article 2030-05-01 OSLO 'Anna Lund met Per Dahl in Bergen.'
		article 2030-05-02 OSLO 'Anna Lund flew to Bergen on Friday.'
		article 2030-05-03 OSLO 'Per Dahl met Kari Berg in Tromso.'
	} > in.txt
	run "$EXAMPLES/mentioned-with.sh" "Anna Lund" in.txt
	[ "$status" -eq 0 ]
	[[ "$output" == *"2	GPE	Bergen"* ]]
	[[ "$output" == *"1	PERSON	Per Dahl"* ]]
	[[ "$output" != *"Anna Lund"* ]]
	[[ "$output" != *"Kari Berg"* ]]
	[[ "$output" != *"Tromso"* ]]
	run "$EXAMPLES/mentioned-with.sh"
	[ "$status" -eq 2 ]
}

@test "mentioned-with.sh on the example stream: no count above the name's own articles" {
	name=$("$EXAMPLES/most-quoted.sh" "$STREAM" | head -1 | cut -f2)
	own=$(nentity -H "$STREAM" | awk -F'\t' -v n="$name" '$6 == n { print $1 }' | sort -u | wc -l)
	"$EXAMPLES/mentioned-with.sh" "$name" "$STREAM" > out
	[ "$(wc -l < out)" -ge 3 ]
	[ "$(head -1 out | cut -f1)" -le "$own" ]
	sort -s -t '	' -k1,1nr -c out
}

@test "dates.sh counts the calendar days the articles refer to, in date order" {
	{
		article 2030-06-02 OSLO 'The talks began on 3 March 2030 and ended on June 1, 2030.'
		article 2030-06-09 OSLO 'The report of March 3, 2030 was read again on Friday.'
	} > in.txt
	run "$EXAMPLES/dates.sh" in.txt
	[ "$status" -eq 0 ]
	[[ "$output" == *"2030-03-03	2"* ]]
	[[ "$output" == *"2030-06-01	1"* ]]
	# Every row a day, in order, counted at least once.
	printf '%s\n' "$output" | cut -f1 | sort -c
	printf '%s\n' "$output" | awk -F'\t' '$1 !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ || $2 < 1 { exit 1 }'
}

@test "dates.sh on the example stream: as many mentions as ndate's dated days" {
	"$EXAMPLES/dates.sh" "$STREAM" > out
	[ "$(wc -l < out)" -ge 10 ]
	[ "$(awk -F'\t' '{ s += $2 } END { print s }' out)" -eq \
	  "$(ndate -H "$STREAM" | awk -F'\t' '$4 == "DATE" && length($5) == 10' | wc -l)" ]
}

@test "timeline.sh draws a well-formed SVG, one bar a day with quotations, its height the count" {
	command -v xmllint > /dev/null || skip "no xmllint (Debian: libxml2-utils; .ci/run installs it)"
	quotes > in.txt
	"$EXAMPLES/timeline.sh" in.txt > t.svg
	xmllint --noout t.svg
	[ "$(grep -c 'class="bar"' t.svg)" -eq 3 ]
	grep -q '<title>2030-03-09: 2 (Anna Lund, Per Dahl)</title>' t.svg
	# The two-quotation day's bar is twice as tall as a one-quotation day's.
	tall=$(grep '2030-03-09' t.svg | sed 's/.*height="\([0-9.]*\)".*/\1/')
	short=$(grep '2030-03-02' t.svg | sed 's/.*height="\([0-9.]*\)".*/\1/')
	awk -v a="$tall" -v b="$short" 'BEGIN { exit !(a == 2 * b) }'
}

@test "timeline.sh on the example stream, on names to escape and on no input: well formed" {
	command -v xmllint > /dev/null || skip "no xmllint (Debian: libxml2-utils; .ci/run installs it)"
	"$EXAMPLES/timeline.sh" "$STREAM" > t.svg
	xmllint --noout t.svg
	days=$(nquote -H "$STREAM" | cut -f1 | sort -u |
		join -t '	' - <(nsplit -H -u doc "$STREAM" | cut -f1,2 | sort) | cut -f2 | grep -c .)
	[ "$(grep -c 'class="bar"' t.svg)" -le "$days" ]
	[ "$(grep -c 'class="bar"' t.svg)" -ge 10 ]
	article 2030-01-05 OSLO '"Fine," said O<Brien & "Sons".' | "$EXAMPLES/timeline.sh" | xmllint --noout -
	"$EXAMPLES/timeline.sh" < /dev/null > empty.svg
	xmllint --noout empty.svg
	grep -q 'no dated quotations' empty.svg
}

@test "dated-quotes.sh puts each of nquote's rows after its article's date, empty where there is none" {
	{ quotes; printf -- '---\nNo date here. "It rained," Anna Lund said.\n'; } > in.txt
	"$EXAMPLES/dated-quotes.sh" in.txt > out
	[ "$(cut -f2- out)" = "$(nquote -H in.txt)" ]
	[ "$(cut -f1 out | tr '\n' ' ')" = "2030-03-02 2030-03-09 2030-03-09 2030-03-16  " ]
}
