#!/usr/bin/env bats
# nsplit -u word: tokens with their part of speech and phrase chunk.

load helper

# tags TEXT: "word/POS/CHUNK" for each token of TEXT, on one line.
tags() {
	printf '%s\n' "$1" | nsplit -H -u word | awk -F'\t' '{ printf "%s%s/%s/%s", sep, $7, $8, $9; sep = " " } END { print "" }'
}

# tag_of TEXT WORD: the part of speech of WORD's first token in TEXT.
tag_of() {
	printf '%s\n' "$1" | nsplit -H -u word | awk -F'\t' -v w="$2" '$7 == w { print $8; exit }'
}

@test "the columns, in the contract's order" {
	run nsplit -u word "$SEED"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(printf 'doc\tdate\tpara\tsent\tstart\tend\ttext\tpos\tchunk')" ]
	[ "${#lines[@]}" -gt 400 ]
}

@test "every token's offsets slice the document's bytes exactly" {
	doc_bytes "$SEED" > doc
	nsplit -H -u word "$SEED" > rows
	awk -F'\t' '{ print $5, $6 }' rows > spans
	awk -F'\t' '{ print $7 }' rows > want
	while read -r start end; do
		slice doc "$start" "$end"
		echo
	done < spans > got
	cmp want got
}

@test "sentence numbers agree with -u sent; a word's paragraph is the one it stands in" {
	nsplit -H -u sent "$SEED" | awk -F'\t' '{ print $3, $4, $5, $6 }' > sents
	nsplit -H -u word "$SEED" > words
	# Each token lies inside the sentence its row names, in that sentence's
	# paragraph or, where the sentence runs over a stray blank line, a later one.
	awk 'NR == FNR { para[$2] = $1; s[$2] = $3; e[$2] = $4; next }
	     { if (!($4 in s) || $5 < s[$4] || $6 > e[$4] || $3 < para[$4]) { print "bad:", $0; bad = 1 } }
	     END { exit bad }' sents FS='\t' words
	[ "$(cut -f4 words | sort -un | wc -l)" -eq "$(wc -l < sents)" ]
}

@test "punctuation is a token of its own; clitics split as in the Penn Treebank" {
	run tags "I don't think Lavrov's aides can't go, they're sure."
	[[ "$output" == "I/PRP/"*" do/VBP/"*" n't/RB/"* ]]
	[[ "$output" == *" Lavrov/NNP/"*" 's/POS/"* ]]
	[[ "$output" == *" ca/MD/"*" n't/RB/"* ]]
	[[ "$output" == *" ,/,/O "* ]]
	[[ "$output" == *" they/PRP/"*" 're/VBP/"* ]]
	[[ "$output" == *" ././O" ]]
}

@test "numbers, dates, fractions, dashes and ellipses are whole tokens" {
	printf 'Shares rose 3.5 percent to 1,234 on 07/02/2020 -- a 1/2 point... yes.\n' | nsplit -H -u word | cut -f7 > toks
	grep -qx '3.5' toks
	grep -qx '1,234' toks
	grep -qx '07/02/2020' toks
	grep -qx -- '--' toks
	grep -qx '1/2' toks
	grep -qx '\.\.\.' toks
}

@test "a decimal number ends its sentence apart from the period; U.S., a.m. and a list's 3. keep theirs" {
	printf 'She ran the final in 10.94.\nPrices fell to 1.5. The U.S. team met at 9 a.m.\n3. Jan Smit\n' |
	    nsplit -H -u word | cut -f7 > toks
	grep -qx '10\.94' toks
	grep -qx '1\.5' toks
	[ "$(grep -cx '\.' toks)" -eq 2 ]
	grep -qx 'U\.S\.' toks
	grep -qx 'a\.m\.' toks
	grep -qx '3\.' toks
}

@test "the report said: a noun, then the reporting verb" {
	[ "$(tag_of 'The report said prices would rise.' report)" = NN ]
	[ "$(tag_of 'The report said prices would rise.' said)" = VBD ]
}

@test "officials report: the same word as a verb" {
	[ "$(tag_of 'Officials report that prices will rise.' report)" = VBP ]
	[ "$(tag_of 'Officials report that prices will rise.' Officials)" = NNS ]
}

@test "said the minister: an inverted cue, the speaker a noun phrase after the verb" {
	run tags '"We will go," said the minister.'
	[[ "$output" == *" said/VBD/B-VP the/DT/B-NP minister/NN/I-NP "* ]]
}

@test "she said that: the subject a noun phrase, the clause after it opened by that" {
	run tags 'She said that the talks had failed.'
	[[ "$output" == "She/PRP/B-NP said/VBD/B-VP that/IN/B-SBAR the/DT/B-NP talks/NNS/I-NP "* ]]
}

@test "chunks are BIO: an I- tag only continues a chunk of its own type" {
	nsplit -H -u word "$SEED" | cut -f4,9 > chunks
	awk -F'\t' '{ t = $2; p = ($1 == s) ? prev : "O"
	     if (t ~ /^I-/ && substr(t, 3) != substr(p, 3)) bad++
	     s = $1; prev = t } END { exit bad > 5 }' chunks
	grep -q 'B-NP' chunks
	grep -q 'B-VP' chunks
	grep -q 'B-PP' chunks
}

@test "TSV in: ids and dates carried through, offsets shifted by the start column" {
	printf 'doc\tdate\tstart\ttext\na1\t2020-02-07\t100\tThe minister said no.\n' | nsplit -u word > rows
	[ "$(col doc < rows | sort -u)" = a1 ]
	[ "$(col date < rows | sort -u)" = 2020-02-07 ]
	[ "$(col start < rows | head -1)" = 100 ]
	[ "$(col text < rows | tr '\n' ' ')" = "The minister said no . " ]
}

@test "its own output read back: the text column's words give the same tags" {
	nsplit -u sent "$SEED" | nsplit -H -u word | cut -f7-9 > via_sent
	nsplit -H -u word "$SEED" | cut -f7-9 > direct
	[ "$(wc -l < via_sent)" -eq "$(wc -l < direct)" ]
	# Sentences read one by one may tag a few words otherwise; the tokens are the same.
	cmp <(cut -f1 via_sent) <(cut -f1 direct)
}

@test "cut -f7,8 is a tagged text; hostile input never loses a document" {
	printf 'a\t\\\\b\r\n---\n\xff\xfe bad bytes\n---\n\n---\nlast one\n' > hostile
	# a first line with a tab reads as a TSV header unless told otherwise
	run nsplit -u word hostile
	[ "$status" -eq 2 ]
	run nsplit -u word --stream hostile
	[ "$status" -eq 0 ]
	[ "$(nsplit -H -u word --stream hostile | cut -f1 | sort -u | wc -l)" -eq "$(nsplit -H -u doc --stream hostile | wc -l)" ]
	[ "$(nsplit -H -u word --stream hostile | cut -f7,8 | head -1)" = "$(printf 'a\tDT')" ]
}

@test "escaped words, and each sentence's doc, date, para and sent, in every row of two documents" {
	printf -- '---\n**A path**\n\n07/02/2020\n\nThe file C:\\tmp\\x was lost, he said.\tIt was \\ gone.\n\nA second paragraph ends here. It has two sentences.\n' > second
	{ printf -- '---\nAnother document says little.\n'; cat second; } > docs
	nsplit -H -u word docs > words
	nsplit -H -u sent docs > sents
	[ "$(cut -f1 words | sort -u | wc -l)" -eq 2 ]
	[ "$(cut -f3 words | sort -u | wc -l)" -ge 3 ]
	# the backslashes come out escaped, the tab between sentences as no token
	grep -q '	\\\\	' words
	! cut -f7 words | grep -q '\\t'
	# every word lies in the sentence its row names, with that sentence's doc, date and para
	awk -F'\t' 'NR == FNR { s[$1 FS $4] = $2 FS $3 FS $5 FS $6; next }
		{ split(s[$1 FS $4], x, FS)
		  if (!(($1 FS $4) in s) || x[1] != $2 || x[2] != $3 || $5 < x[3] || $6 > x[4]) { print "bad: " $0; bad = 1 } }
		END { exit bad }' sents words
	# a document's rows are the same after another document as alone
	nsplit -H -u word second > alone
	[ "$(wc -l < alone)" -gt 20 ]
	grep "^$(head -1 alone | cut -f1)	" words | cmp - alone
	# and its words slice its bytes, once unescaped
	doc_bytes second > bytes
	cut -f5-7 alone | while IFS="$(printf '\t')" read -r start end text; do
		printf '%s' "$text" | unescape > want
		slice bytes "$start" "$end" > got
		cmp want got
	done
}

@test "TSV in: an id that needs escapes stays escaped in every row; a backslash word too" {
	printf 'doc\tdate\tstart\ttext\na\\tb\\\\c\t2020-01-02\t100\tHe said \\\\ it.\n' > in.tsv
	nsplit -H -u word in.tsv | cut -f1-7 > got
	printf 'a\\tb\\\\c\t2020-01-02\t1\t1\t100\t102\tHe\n' > want
	head -1 got | cmp - want
	[ "$(cut -f1 got | sort -u)" = 'a\tb\\c' ]
	[ "$(sed -n 3p got | cut -f5-7)" = "$(printf '108\t109\t\\\\')" ]
}
