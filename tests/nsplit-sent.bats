#!/usr/bin/env bats
# nsplit -u sent (the default unit): sentence boundaries.  Each kind of
# hard case has one text that must split and one that must not.

load helper

# sents TEXT: the sentences nsplit finds in TEXT, one a line (TSV-escaped).
sents() {
	printf '%s' "$1" | nsplit | col text
}

# split_as TEXT SENTENCE...: TEXT splits into exactly these sentences.
split_as() {
	local text=$1 got want
	shift
	got=$(sents "$text")
	want=$(printf '%s\n' "$@")
	[ "$got" = "$want" ] || { printf 'text: %s\ngot:\n%s\nwant:\n%s\n' "$text" "$got" "$want"; return 1; }
}

@test "sent is the default unit, with its columns" {
	[ "$(printf 'One. Two.\n' | nsplit | head -1)" = "doc	date	para	sent	start	end	text" ]
	[ "$(printf 'One. Two.\n' | nsplit -u sent)" = "$(printf 'One. Two.\n' | nsplit)" ]
	[ "$(printf 'One. Two.\n' | nsplit -H | cut -f3-)" = "1	1	0	4	One.
1	2	5	9	Two." ]
}

@test "abbreviations and titles: no split after Mr. Gen. U.S. Inc. No. St. Feb. vs. e.g. p.m." {
	for s in 'Mr. Smith met Gen. Petraeus in St. Louis on Feb. 7 at 5 p.m. Monday.' \
	    'U.S. officials said the U.S. Senate would vote on bill No. 5 soon.' \
	    'Acme Inc. shares rose, Beta Corp. said, and Gamma Co. Ltd. agreed.' \
	    'It was Smith vs. Jones, e.g. a classic, i.e. a rematch at 9 a.m. sharp.'; do
		[ "$(sents "$s")" = "$s" ]
	done
}

@test "abbreviations: a sentence that ends with one splits before the next" {
	[ "$(sents 'The plant moved to the U.S. The jobs went with it.')" = "The plant moved to the U.S.
The jobs went with it." ]
	[ "$(sents 'He sold it to Acme Corp. The price was low.')" = "He sold it to Acme Corp.
The price was low." ]
	[ "$(sents 'The talks began at 9 a.m. They ended at noon.')" = "The talks began at 9 a.m.
They ended at noon." ]
}

@test "initials: J. R. R. Tolkien and George W. Bush stay whole; Plan B. Then splits" {
	[ "$(sents 'J. R. R. Tolkien met George W. Bush once.')" = "J. R. R. Tolkien met George W. Bush once." ]
	[ "$(sents 'We had no Plan B. Then the rain came.')" = "We had no Plan B.
Then the rain came." ]
}

@test "numbers: decimals, prices, versions and No. 1026.253 do not split; 1,000. does" {
	s='Sales of 2.4 billion, $1.5 each, 3.14 times version 2.0.1 and item No. 1026.253 rose.'
	[ "$(sents "$s")" = "$s" ]
	[ "$(sents 'The crowd was 1,000. Police counted fewer.')" = "The crowd was 1,000.
Police counted fewer." ]
}

@test "ellipses inside a sentence do not split: ... . . . and (...)" {
	for s in 'She waited ... and waited.' 'She waited . . . and waited.' \
	    'He paused… then went on.' 'Trade (...) grew fast in 2019.'; do
		[ "$(sents "$s")" = "$s" ]
	done
}

@test "ellipses at the end of a sentence split" {
	[ "$(sents 'I never said that.... She walked out.')" = "I never said that....
She walked out." ]
	[ "$(sents 'They kept waiting… The bus never came.')" = "They kept waiting…
The bus never came." ]
}

@test "quotations: a quoted sentence followed by a new one splits after the mark" {
	[ "$(sents '"We are ready." He left.')" = '"We are ready."
He left.' ]
	[ "$(sents "'Go home now.' Nobody moved.")" = "'Go home now.'
Nobody moved." ]
	[ "$(sents '“It is over.” The crowd left.')" = '“It is over.”
The crowd left.' ]
}

@test "quotations: a question or exclamation followed by its speaker does not split" {
	[ "$(sents '"Are you ready?" she asked.')" = '"Are you ready?" she asked.' ]
	[ "$(sents '“Stop it!” he shouted.')" = '“Stop it!” he shouted.' ]
	[ "$(sents "'Who knows?' a voter said.")" = "'Who knows?' a voter said." ]
	[ "$(sents '"Why now?" Ann Lee asked.')" = '"Why now?" Ann Lee asked.' ]
}

@test "quotations: a full stop inside the marks does not end a sentence its speaker goes on with" {
	[ "$(sents '"Stop." she said. Then he left.')" = '"Stop." she said.
Then he left.' ]
	[ "$(sents "'It is done.' the mayor said.")" = "'It is done.' the mayor said." ]
}

@test "quotations: a quotation of several sentences splits inside its marks" {
	[ "$(sents '"We won. We are happy," the coach said.')" = '"We won.
We are happy," the coach said.' ]
}

@test "quotations: one broken mid-sentence by a paragraph break runs on; one broken after a full stop does not" {
	printf '"We will fight on the beaches and\n\nin the hills," he said.\n' > a
	[ "$(nsplit -H a | wc -l)" -eq 1 ]
	[ "$(nsplit a | col text)" = '"We will fight on the beaches and\n\nin the hills," he said.' ]
	[ "$(nsplit a | col para)" = 1 ]
	printf '"We will fight.\n\nWe will win," he said.\n' > b
	[ "$(nsplit b | col text)" = '"We will fight.
We will win," he said.' ]
	[ "$(nsplit b | col para | tr '\n' ' ')" = "1 2 " ]
}

@test "brackets: a bracketed sentence is one; an abbreviation inside brackets splits nothing" {
	[ "$(sents 'He left early. (Nobody noticed.) Then it rained.')" = "He left early.
(Nobody noticed.)
Then it rained." ]
	[ "$(sents 'The firm (Acme Inc.) said nothing (at all).')" = "The firm (Acme Inc.) said nothing (at all)." ]
}

@test "! and ?: Yahoo! inside a name does not split; Stop! and a question do" {
	[ "$(sents 'Shares of Yahoo! Inc. rose.')" = "Shares of Yahoo! Inc. rose." ]
	[ "$(sents 'Stop! Thief! Why now? Nobody knows.')" = "Stop!
Thief!
Why now?
Nobody knows." ]
}

@test "headlines, date lines and bylines end at their line" {
	printf 'Storm hits coast\nMonday, May 4, 2020\nBy Jane Doe\nMIAMI - A storm hit.\n' > a
	[ "$(nsplit a | col text)" = "Storm hits coast
Monday, May 4, 2020
By Jane Doe
MIAMI - A storm hit." ]
	printf '**Storm hits coast**\n04/05/2020\nThe storm hit.\n' > b
	[ "$(nsplit -H b | wc -l)" -eq 3 ]
}

@test "a line that ends mid-sentence runs on to the next line" {
	printf 'The storm hit the coast of the\nUnited States and then\nmoved north.\n' > a
	[ "$(nsplit a | col text)" = 'The storm hit the coast of the\nUnited States and then\nmoved north.' ]
}

@test "list items and bullets end at their line" {
	printf 'Officials said:\n• roads are closed\n- schools are shut\n1. stay home\na) keep calm\n' > a
	[ "$(nsplit a | col text)" = "Officials said:
• roads are closed
- schools are shut
1. stay home
a) keep calm" ]
}

@test "a list item's number does not split it from its text" {
	printf 'Steps:\n1. Open the box. Then close it.\n2. Wait\n' > a
	[ "$(nsplit a | col text)" = "Steps:
1. Open the box.
Then close it.
2. Wait" ]
}

@test "list items inline: a marker never ends a sentence, the next item of its list starts one" {
	[ "$(sents '1.) The first item 2.) The second item')" = "1.) The first item
2.) The second item" ]
	[ "$(sents '1) The first item 2) The second item')" = "1) The first item
2) The second item" ]
	[ "$(sents '1. The first item 2. The second item')" = "1. The first item
2. The second item" ]
	[ "$(sents 'a. The first item b. The second item c. The third item')" = "a. The first item
b. The second item
c. The third item" ]
	[ "$(sents '• 9. The first item • 10. The second item')" = "• 9. The first item
• 10. The second item" ]
	[ "$(sents '⁃10. The first item ⁃11. The second item')" = "⁃10. The first item
⁃11. The second item" ]
	[ "$(sents '(a) the first point (b) the second point.')" = "(a) the first point
(b) the second point." ]
	[ "$(sents 'i) The first ii) The second iii) The third')" = "i) The first
ii) The second
iii) The third" ]
	# not a list: a number that ends a sentence, a marker that does not follow on
	[ "$(sents 'He scored 2. The team won 3. Then it rained.')" = "He scored 2.
The team won 3.
Then it rained." ]
	[ "$(sents '1) The first item 3) is not next')" = "1) The first item 3) is not next" ]
}

@test "list items inline, with or without a full stop closing each item" {
	split_as '1.) Buy milk. 2.) Buy eggs. 3.) Go home.' '1.) Buy milk.' '2.) Buy eggs.' '3.) Go home.'
	split_as '1) Buy milk 2) Buy eggs 3) Go home' '1) Buy milk' '2) Buy eggs' '3) Go home'
	split_as '1) Buy milk. 2) Buy eggs.' '1) Buy milk.' '2) Buy eggs.'
	split_as '1. Buy milk. 2. Buy eggs.' '1. Buy milk.' '2. Buy eggs.'
	split_as 'a. Buy milk b. Buy eggs c. Go home' 'a. Buy milk' 'b. Buy eggs' 'c. Go home'
	split_as '• 1. Buy milk • 2. Buy eggs' '• 1. Buy milk' '• 2. Buy eggs'
	split_as '⁃3. Buy milk ⁃4. Buy eggs' '⁃3. Buy milk' '⁃4. Buy eggs'
	split_as '(a) buy milk (b) buy eggs (c) go home' '(a) buy milk' '(b) buy eggs' '(c) go home'
	split_as 'iv) Buy milk v) Buy eggs vi) Go home' 'iv) Buy milk' 'v) Buy eggs' 'vi) Go home'
	# no list: a count, a letter in a phrase, items after a colon in one sentence
	split_as 'She bought 2. Then 3 more came.' 'She bought 2.' 'Then 3 more came.'
	split_as 'We need parts a) and b) today.' 'We need parts a) and b) today.'
	split_as 'Do this: 1. eat 2. sleep 3. repeat.' 'Do this: 1. eat 2. sleep 3. repeat.'
}

@test "list items at the start of lines, in every marker form" {
	printf 'a. Buy milk\nb. Buy eggs\n' > a
	[ "$(nsplit a | col text)" = "a. Buy milk
b. Buy eggs" ]
	printf '(i) Buy milk\n(ii) Buy eggs\n' > b
	[ "$(nsplit b | col text)" = "(i) Buy milk
(ii) Buy eggs" ]
	printf '• 1. Buy milk\n• 2. Buy eggs\n' > c
	[ "$(nsplit c | col text)" = "• 1. Buy milk
• 2. Buy eggs" ]
	printf 'To do:\n1) Open it. Look inside.\n2) Close it\n' > d
	[ "$(nsplit d | col text)" = "To do:
1) Open it.
Look inside.
2) Close it" ]
}

@test "ellipses: a citation stays, a spaced ellipsis pauses, four spaced dots end after the first" {
	s='"Bohr [...] used the analogy of parallel stairways [...]" (Smith 55).'
	[ "$(sents "$s Then he left.")" = "$s
Then he left." ]
	[ "$(sents "I wasn't sure . . . I didn't know.")" = "I wasn't sure . . . I didn't know." ]
	[ "$(sents 'It was built of compounds. . . . The practice was not abandoned. . . .')" = "It was built of compounds.
. . . The practice was not abandoned. . . ." ]
}

@test "ellipses: more citations, pauses and four-dot ends" {
	split_as '"Fire [...] spread fast" (Ortiz 14). The end.' '"Fire [...] spread fast" (Ortiz 14).' 'The end.'
	split_as 'The mayor said "we will [...] rebuild" (Times, p. 3). Then he left.' \
	    'The mayor said "we will [...] rebuild" (Times, p. 3).' 'Then he left.'
	split_as 'He said it . . . twice.' 'He said it . . . twice.'
	split_as 'Well . . . I am not sure . . . Maybe so.' 'Well . . . I am not sure . . . Maybe so.'
	split_as 'The talks ended. . . . New ones began.' 'The talks ended.' '. . . New ones began.'
}

@test "ellipses: four spaced dots end a sentence after the last dot when the first is spaced too" {
	split_as 'Leave out the end and close with a stop . . . . Then go on.' \
	    'Leave out the end and close with a stop . . . .' 'Then go on.'
	split_as 'The list ran on and on. . . . Nobody read it.' 'The list ran on and on.' '. . . Nobody read it.'
	split_as 'He trailed off . . . . and then he smiled.' 'He trailed off . . . . and then he smiled.'
	split_as 'We wait . . . We hope.' 'We wait . . . We hope.'
}

@test "a time or an abbreviation before a title does not end a sentence: the title goes on with a name" {
	split_as 'At 8 a.m. Mr. Hale left home. He came back at 7 P.M. Mrs. Hale was out.' \
	    'At 8 a.m. Mr. Hale left home.' 'He came back at 7 P.M. Mrs. Hale was out.'
	split_as 'By 9 p.m. Ms. Ortiz had won.' 'By 9 p.m. Ms. Ortiz had won.'
	# other starters still split
	split_as 'It began at 8 a.m. The crowd was large.' 'It began at 8 a.m.' 'The crowd was large.'
}

@test "abbreviations before a capitalised word: split when the document writes it in lower case elsewhere" {
	[ "$(sents 'The troops left the U.S. Officials said more would follow. Other officials agreed.')" = "The troops left the U.S.
Officials said more would follow.
Other officials agreed." ]
	[ "$(sents 'It ended at 6 p.m. Police said nothing. The police left.')" = "It ended at 6 p.m.
Police said nothing.
The police left." ]
	# a name goes on: the word stands as a name elsewhere, or a name follows it
	s='The U.S. Senate voted. The state senate did too and the Senate agreed.'
	[ "$(sents "$s")" = "The U.S. Senate voted.
The state senate did too and the Senate agreed." ]
	[ "$(sents 'The U.S. Secretary of State spoke. A secretary took notes.')" = "The U.S. Secretary of State spoke.
A secretary took notes." ]
	[ "$(sents 'The U.S. Officials said more. Nobody agreed.')" = "The U.S. Officials said more.
Nobody agreed." ]
}

@test "abbreviations before a capitalised word: more documents, names that go on stay whole" {
	split_as 'We left the U.K. Officials there had warned us. UK officials agree.' \
	    'We left the U.K.' 'Officials there had warned us.' 'UK officials agree.'
	split_as 'He toured the U.S. Farmers met him. Most farmers liked him.' \
	    'He toured the U.S.' 'Farmers met him.' 'Most farmers liked him.'
	split_as 'The fire began at 2 a.m. Neighbours called it in. Two neighbours helped.' \
	    'The fire began at 2 a.m.' 'Neighbours called it in.' 'Two neighbours helped.'
	split_as 'She lives in the E.U. Where do you live?' 'She lives in the E.U.' 'Where do you live?'
	# no evidence in the document: a plural common noun before a finite verb opens a sentence
	split_as 'The plant moved from the U.S. Workers were angry.' 'The plant moved from the U.S.' 'Workers were angry.'
	split_as 'Prices rose in the U.K. Economists had not expected it.' \
	    'Prices rose in the U.K.' 'Economists had not expected it.'
	split_as 'He left at 6 p.m. Residents said he looked tired.' 'He left at 6 p.m.' 'Residents said he looked tired.'
	# after a clock time, which no name goes on from, a common word in the singular too
	split_as 'The fire started at 6 p.m. Police said it spread fast.' 'The fire started at 6 p.m.' 'Police said it spread fast.'
	split_as 'The shop shut at 8 P.M. Staff were sent home.' 'The shop shut at 8 P.M.' 'Staff were sent home.'
	split_as 'It opens at 9 a.m. Eastern time on Monday.' 'It opens at 9 a.m. Eastern time on Monday.'
	# a singular institution goes on with its name; a fragment of three words or fewer does not end
	for s in 'The U.S. Navy said it would help.' 'The U.S. Marines said no.' 'At 5 a.m. Residents were told to go.' \
	    'The U.S. Marshals Service has the case.'; do
		split_as "$s" "$s"
	done
	for s in 'She joined the U.S. Navy in 1990.' 'I work for the U.S. Government in Ohio.' \
	    'He met the U.S. Ambassador to Peru.' 'He stayed in the U.S. for ten years.' \
	    'The rally is at 5 p.m. Eastern time today.' 'We toured the U.S.A. last spring.'; do
		split_as "$s" "$s"
	done
}

@test "abbreviations before numbers never end a sentence; Q. and A. open a transcript's lines" {
	for s in 'It costs Rs. 83 per kg.' 'He is ranked no. 5 in the world.' 'See Sec. 1262 of the code.' \
	    'It was item No. 7 on the list.'; do
		[ "$(sents "$s")" = "$s" ]
	done
	[ "$(sents 'Q. What is it? A. A test.')" = "Q. What is it?
A. A test." ]
}

@test "abbreviations before numbers: more of them; a transcript on lines" {
	for s in 'The fee is Rs. 500 per day.' 'He was ranked No. 3 last year.' 'Read Art. 5 and Sec. 12 first.' \
	    'The case is in Vol. 3, pp. 12-15.' 'It is shown in Fig. 4 above.' 'Call ext. 44 for help.' \
	    'Born approx. 1900, he died young.' 'The Q. and A. session ran long.'; do
		split_as "$s" "$s"
	done
	split_as 'He finished at no. 9. Then he quit.' 'He finished at no. 9.' 'Then he quit.'
	# a short word no list holds reads as an abbreviation before a number, not before a year
	split_as 'The totals are in tbl. 3 and eq. 7 below.' 'The totals are in tbl. 3 and eq. 7 below.'
	split_as 'See fn. 12 for the source.' 'See fn. 12 for the source.'
	split_as 'They met in Oslo. 2015 was a good year.' 'They met in Oslo.' '2015 was a good year.'
	split_as 'He ran the race in record time. 12 others did not finish.' \
	    'He ran the race in record time.' '12 others did not finish.'
	printf 'Q. Did you see him?\nA. No.\nQ. Why not? A. It was dark.\n' > a
	[ "$(nsplit a | col text)" = "Q. Did you see him?
A. No.
Q. Why not?
A. It was dark." ]
}

@test "the common-word list is in byte order, as the splitter's binary search needs" {
	grep -v '^#' "$ROOT/lib/data/words.txt" | LC_ALL=C sort -c
}

@test "keep what is right: quotations not finished, titles, initials, numbers" {
	split_as '"Wait." he said. We waited.' '"Wait." he said.' 'We waited.'
	split_as 'He looked up, "That is fine." she said.' 'He looked up, "That is fine." she said.'
	split_as 'He looked up, "That is fine." She gave him the key.' 'He looked up, "That is fine."' 'She gave him the key.'
	split_as 'Dr. Ann B. Ortiz met Mt. Hood Inc. staff at 3.5 km from St. Paul.' \
	    'Dr. Ann B. Ortiz met Mt. Hood Inc. staff at 3.5 km from St. Paul.'
	split_as 'It was you and I. Did you meet Bob I. Lee?' 'It was you and I.' 'Did you meet Bob I. Lee?'
	split_as 'She has $40.50 in cash. It is hers.' 'She has $40.50 in cash.' 'It is hers.'
	split_as 'Hi!! Good to see you. Who?? Me!?' 'Hi!!' 'Good to see you.' 'Who??' 'Me!?'
}

@test "no space after a full stop: split before a capitalised word, not in a domain" {
	[ "$(sents 'It hit the world.Officials said so.')" = "It hit the world.
Officials said so." ]
	s='See www.Example.Org or Amazon.com for more.'
	[ "$(sents "$s")" = "$s" ]
}

@test "no space after a full stop: a title or a number's end glued on; domains and file names stay" {
	split_as 'The rain stopped.Mr. Hale went out.' 'The rain stopped.' 'Mr. Hale went out.'
	split_as 'She sold 2,500.That was her best week.' 'She sold 2,500.' 'That was her best week.'
	split_as 'We ate early.Then we slept.' 'We ate early.' 'Then we slept.'
	split_as 'I read the page.It said nothing.' 'I read the page.' 'It said nothing.'
	# a domain or a file name, however it is capitalised; a version number
	for s in 'Write to shop.Com today.' 'Open www.my-shop.Net now.' 'Mail ann@mail.Org please.' \
	    'Open report.Pdf first.' 'Run setup.Exe again.' 'We ship build 3.Beta soon.'; do
		split_as "$s" "$s"
	done
}

@test "URLs, e-mail addresses, file names and domains do not split" {
	s='Amazon.com said www.example.org/news.html, jane.doe@example.com and report.pdf were fine.'
	[ "$(sents "$s")" = "$s" ]
	[ "$(sents 'Visit example.org. Then call.')" = "Visit example.org.
Then call." ]
}

@test "paragraph breaks end sentences; para numbers the block of the sentence start" {
	printf 'Title line\n\nFirst one. Second one\n\nThird one.\n' > a
	[ "$(nsplit a | col text)" = "Title line
First one.
Second one
Third one." ]
	[ "$(nsplit a | col para | tr '\n' ' ')" = "1 2 2 3 " ]
	[ "$(nsplit a | col sent | tr '\n' ' ')" = "1 2 3 4 " ]
}

# same_bytes FILE DOC: every row nsplit makes of FILE (one document, whose
# bytes are DOC) holds in text exactly DOC's bytes from start to end,
# with no white space at either end.
same_bytes() {
	nsplit -H "$1" > rows
	[ "$(wc -l < rows)" -ge 3 ]
	i=0
	cut -f5,6 rows | while read -r start end; do
		i=$((i + 1))
		sed -n "${i}p" rows | cut -f7 | unescape > want
		slice "$2" "$start" "$end" > got
		cmp want got
		case "$(head -c 1 want)" in ' '|'	'|'') false ;; esac
		case "$(tail -c 1 want)" in ' '|'	'|'') false ;; esac
	done
}

@test "each row's text is the document's bytes from start to end, trimmed" {
	doc_bytes "$SEED" > seed-doc
	same_bytes "$SEED" seed-doc
	{ printf '  **A title**\r\n\r\n'
	  printf 'Mr. Smith said:\t"It is done." Then he left...\r\n\r\n'
	  printf '\xe2\x80\x9cA curly one?\xe2\x80\x9d  Yes.\xc2\xa0\xc2\xa0And a\\backslash.  \r\n'
	  printf 'Edited by\nNobody\n\n  \n'; } > mine
	same_bytes mine mine
}

@test "TSV input: offsets are shifted by start; sentence numbers go on over rows of one document" {
	printf 'doc\tstart\ttext\nd1\t100\tOne here. Two here.\nd1\t120\tThree here.\nd2\t0\tFour.\n' > in.tsv
	[ "$(nsplit -H in.tsv | cut -f1,3-)" = "d1	1	1	100	109	One here.
d1	1	2	110	119	Two here.
d1	2	3	120	131	Three here.
d2	1	1	0	5	Four." ]
}

@test "hostile bytes: NUL, invalid UTF-8, lone marks; offsets stay in the document" {
	printf 'A\0B. \xff\xfe C.\n\n. . \n!?\n\xe2\x80\n"\n(\n...' > h
	run nsplit -H h
	[ "$status" -eq 0 ]
	len=$(wc -c < h)
	nsplit -H h | cut -f5,6 | while read -r start end; do
		[ "$start" -lt "$end" ] && [ "$end" -le "$len" ]
	done
}
