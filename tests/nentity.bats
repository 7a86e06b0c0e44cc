#!/usr/bin/env bats
# nentity: names, their types, canonical names and roles, on sentences
# written for these tests (tests/fixtures/nentity-*.txt).

load helper

# row TEXT: type, canonical and role of the first mention written TEXT.
row() {
	awk -F'\t' -v t="$1" 'NR > 1 && $5 == t { print $4 "|" $6 "|" $7; exit }'
}

@test "the header names the design's columns and the role" {
	run sh -c "printf 'Lavrov spoke.\n' | nentity | head -1"
	[ "$output" = "$(printf 'doc\tstart\tend\ttype\ttext\tcanonical\trole')" ]
}

@test "titles and roles: the role the text gives a person, with its modifier" {
	nentity "$FIXTURES/nentity-roles.txt" > out
	[ "$(row 'Sergey Lavrov' < out)" = "PERSON|Sergey Lavrov|Foreign Minister" ]
	[ "$(row 'John Bolton' < out)" = "PERSON|John Bolton|former National Security adviser" ]
	# The role's words are not a name of their own.
	! grep -q "	National Security	" out
}

@test "a surname alone resolves to the fullest name in the document" {
	nentity "$FIXTURES/nentity-roles.txt" > out
	[ "$(row 'Lavrov' < out)" = "PERSON|Sergey Lavrov|" ]
	[ "$(col canonical < out | grep -c '^Sergey Lavrov$')" -eq 2 ]
}

@test "non-ASCII names are whole, with byte offsets that slice the input" {
	nentity "$FIXTURES/nentity-roles.txt" > out
	[ "$(row 'Andrés Manuel López Obrador' < out)" = "PERSON|Andrés Manuel López Obrador|President" ]
	[ "$(row 'Nicolás Maduro' < out | cut -d'|' -f1)" = "PERSON" ]
	[ "$(row 'Venezuelans' < out)" = "NORP|Venezuelan|" ]
	awk -F'\t' 'NR > 1 { print $2, $3, $5 }' out | while read -r start end text; do
		[ "$(slice "$FIXTURES/nentity-roles.txt" "$start" "$end")" = "$text" ]
	done
}

@test "acronyms the text defines, by parentheses or by initials, take the full name" {
	nentity "$FIXTURES/nentity-acronyms.txt" > out
	[ "$(row 'Community of Latin American and Caribbean States' < out)" = \
	    "ORG|Community of Latin American and Caribbean States|" ]
	[ "$(grep -c '	CELAC	Community of Latin American and Caribbean States	' out)" -eq 2 ]
	[ "$(row 'IAEA' < out)" = "ORG|International Atomic Energy Agency|" ]
}

@test "well-known aliases: U.S. and U.N." {
	nentity "$FIXTURES/nentity-acronyms.txt" > out
	[ "$(row 'U.S.' < out)" = "GPE|United States|" ]
	[ "$(row 'U.N.' < out)" = "ORG|United Nations|" ]
	# Each entity counted once: U.S. and United States are one canonical name.
	[ "$(grep -c '	United States	$' out)" -eq 2 ]
}

@test "headline case: names in capitals take the body's people and their full names" {
	nentity "$FIXTURES/nentity-headline.txt" > out
	[ "$(row 'MERKEL' < out)" = "PERSON|Angela Merkel|" ]
	[ "$(row 'MACRON' < out)" = "PERSON|Emmanuel Macron|" ]
	[ "$(row 'Angela Merkel' < out)" = "PERSON|Angela Merkel|Chancellor" ]
	[ "$(row 'Merkel' < out)" = "PERSON|Angela Merkel|" ]
}

@test "sports tables: clubs in result and standings lines are organisations" {
	nentity "$FIXTURES/nentity-table.txt" > out
	for club in Arsenal Chelsea Everton Liverpool 'Manchester United' Newcastle; do
		[ "$(row "$club" < out | cut -d'|' -f1)" = "ORG" ]
	done
	[ "$(row 'LONDON' < out | cut -d'|' -f1)" = "GPE" ]
	[ "$(row 'English Premier League' < out | cut -d'|' -f1)" = "ORG" ]
	# No name runs over a line break.
	! col text < out | grep -q '\\n'
}

@test "the seed article's entities and canonical names" {
	nentity -H "$SEED" | cut -f2-4,6 > got
	[ "$(grep -c . got)" -ge 55 ]
	grep -q "	PERSON	Sergey Lavrov$" got
	grep -q "^528	533	ORG	Community of Latin American and Caribbean States$" got
	grep -q "	GPE	United States$" got
	grep -q "	ORG	United Nations$" got
	grep -q "	EVENT	World War II$" got
	grep -q "^2572	2582	GPE	Washington$" got
}

@test "TSV rows of one document resolve against earlier rows" {
	printf 'doc\ttext\nd1\tForeign Minister Sergey Lavrov arrived.\nd1\tLavrov spoke.\nd2\tLavrov left.\n' > in.tsv
	nentity -H in.tsv > out
	[ "$(sed -n 2p out | cut -f1,6)" = "$(printf 'd1\tSergey Lavrov')" ]
	[ "$(sed -n 3p out | cut -f1,6)" = "$(printf 'd2\tLavrov')" ]
}

@test "documents do not share names" {
	printf 'Sergey Lavrov arrived.\n---\nLavrov left.\n' | nentity -H | cut -f6 > out
	[ "$(cat out)" = "$(printf 'Sergey Lavrov\nLavrov')" ]
}

@test "hostile input: NUL bytes, invalid UTF-8, a long line, nothing at all" {
	printf 'Nicol\xe1s Maduro met \0 Lavrov in \xff\xfe Caracas.\n' > bad
	run nentity bad
	[ "$status" -eq 0 ]
	head -c 300000 /dev/zero | tr '\0' 'A' > long
	run nentity long
	[ "$status" -eq 0 ]
	run nentity /dev/null
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
}

@test "contests are events by their last word; currencies keep their sign" {
	printf 'Germany won the Davis Cup, and the Greater Milwaukee Open ended.\nThe C$ fell.\n' | nentity > out
	[ "$(row 'Davis Cup' < out | cut -d'|' -f1)" = "EVENT" ]
	[ "$(row 'Greater Milwaukee Open' < out | cut -d'|' -f1)" = "EVENT" ]
	[ "$(row 'C$' < out | cut -d'|' -f1)" = "MISC" ]
}

@test "a document longer than the tagger's window keeps its offsets and names" {
	i=0
	while [ $i -lt 40000 ]; do
		echo "Sergey Lavrov met Nicolás Maduro in Caracas on day $i."
		i=$((i + 1))
	done > long.txt
	[ "$(wc -c < long.txt)" -gt 2000000 ]
	nentity -H long.txt > out
	[ "$(grep -c '	PERSON	Lavrov	\|	PERSON	Sergey Lavrov	' out)" -eq 40000 ]
	tail -1 out | cut -f2,3,5 > last
	read -r start end text < last
	[ "$(slice long.txt "$start" "$end")" = "$text" ]
	[ "$text" = "Caracas" ]
}

@test "names joined by & are one firm's, even after a town's name" {
	printf 'Shares of Harlow & Finch Co rose 5 percent on Monday, and analysts at Kettering & Sons said the bid was fair.\n' |
	    nentity > out
	[ "$(row 'Harlow & Finch Co' < out | cut -d'|' -f1)" = "ORG" ]
	[ "$(row 'Kettering & Sons' < out | cut -d'|' -f1)" = "ORG" ]
	! col text < out | grep -qx 'Harlow'
}

@test "an initial and the surname after it are one person, in a score card too" {
	printf 'Worcester 238 and 303 (K. Spindle 130 not out, S. Rhodes 57; P. DeVrieling 4-70, M. McTavers 2-11), Derby 471 and 71-1.\n' |
	    nentity > out
	[ "$(row 'P. DeVrieling' < out | cut -d'|' -f1)" = "PERSON" ]
	[ "$(row 'M. McTavers' < out | cut -d'|' -f1)" = "PERSON" ]
	! col text < out | grep -qx 'P\.'
	! col text < out | grep -q '4-70'
}

@test "a club's town initials in a results table belong to the club's name" {
	printf 'Division A\nHaldor 2 Vestrin (Z) 0\nVestrin (Z) 4 0 1 3 2 9 1\nKorvac (N) - Sparta (to be played on Sunday)\nThe United Nations (UN) said.\n' |
	    nentity > out
	[ "$(grep -c '	ORG	Vestrin (Z)	' out)" -eq 2 ]
	[ "$(row 'Korvac (N)' < out | cut -d'|' -f1)" = "ORG" ]
	! col text < out | grep -qx 'Z'
	# An acronym in parentheses in running text is still its own name.
	[ "$(row 'UN' < out | cut -d'|' -f1)" = "ORG" ]
}

@test "wire copy: sign-offs name no one, datelines are places with their names as the story writes them" {
	nentity -H "$FIXTURES/nentity-wire.txt" > out
	# The sign-off lines ("Reuter", "AFP", "Reuters" alone) give no row.
	awk -F'\t' '$5 == "Reuter" || $4 == "PERSON" && $5 ~ /^(Reuters?|AFP|AP)$/' out > signed
	[ ! -s signed ]
	# "NEW YORK, March 12 -", "PARIS (AFP) -": the place, typed GPE, its canonical name title-cased.
	[ "$(awk -F'\t' '$5 == "NEW YORK" { print $4 "|" $6 }' out)" = "GPE|New York" ]
	[ "$(awk -F'\t' '$5 == "WASHINGTON" { print $4 "|" $6 }' out)" = "GPE|Washington" ]
	[ "$(awk -F'\t' '$5 == "PARIS" { print $4 "|" $6 }' out)" = "GPE|Paris" ]
	# The wire in a dateline's parentheses is an organisation, not the place's acronym.
	[ "$(awk -F'\t' '$5 == "AFP" { print $4 "|" $6 }' out)" = "ORG|AFP" ]
	# The headline use: the top of the counts holds no sign-off (the
	# wire named in a dateline is an organisation, never a person), no
	# dateline typed ORG, no all-capital canonical name.
	cut -f4,6 out | sort | uniq -c | sort -rn | head -8 > top
	[ "$(wc -l < top)" -eq 8 ]
	[ -z "$(grep -E 'PERSON	(Reuters?|AFP|AP)$' top)" ]
	[ -z "$(grep -E 'ORG	(New York|Washington|Paris|Tokyo)$' top)" ]
	[ -z "$(grep -E '	[A-Z]{5,}' top)" ]
	[ -z "$(cut -f6 out | grep -E '^[A-Z]{5,}( |$)')" ]
	[ "$(grep -c 'GPE	Tokyo$' top)" -eq 1 ]
}

# stream N: N short articles written here, their names and numbers varied.
stream() {
	awk -v n="$1" 'BEGIN {
		split("Anna Berg|Tomas Keller|Maria Lindqvist|Jonas Ortega|Elif Demir", who, "|")
		split("Oslo|Lisbon|Nairobi|Quito|Osaka", where, "|")
		split("Norvik Steel Corp|Halden Bank|the Vestrin Group", firm, "|")
		for (i = 1; i <= n; i++) {
			if (i > 1) print "---"
			printf "%s, March %d - %s said on Monday that %s would cut %d jobs.\n",
			    toupper(where[i % 5 + 1]), i % 28 + 1, who[i % 5 + 1], firm[i % 3 + 1], i
			printf "\"We have no choice,\" %s told reporters in %s. Shares of %s fell %d cents.\n",
			    who[(i + 2) % 5 + 1], where[(i + 1) % 5 + 1], firm[(i + 1) % 3 + 1], i % 90
			print "Reuter"
		}
	}'
}

@test "peak memory: under 16 MiB on two threads, and no more for four times the input" {
	[ -x /usr/bin/time ] && /usr/bin/time -f %M true 2> /dev/null || skip "no GNU time"
	# Sanitizers keep memory of their own.
	case "${NTOOLS_BIN:-}" in */asan/* | */tsan/*) skip "under a sanitizer" ;; esac
	stream 20000 > one
	stream 80000 > four
	/usr/bin/time -f %M -o small nentity -j 2 one > /dev/null
	/usr/bin/time -f %M -o big nentity -j 2 four > /dev/null
	echo "peak KiB: $(cat small) at $(wc -c < one) bytes, $(cat big) at 4x" >&3
	[ "$(cat small)" -le 16384 ]
	[ "$(cat big)" -le $(($(cat small) + 1024)) ]
}
