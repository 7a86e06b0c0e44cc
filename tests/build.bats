#!/usr/bin/env bats
# The build itself: quiet unless asked (V=1), installs where it is told.

load helper

@test "a build prints no compiler lines; V=1 shows them" {
	run mk OBJDIR="$BATS_TEST_TMPDIR/obj" "$BATS_TEST_TMPDIR/obj/lib/hash.o"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ -f obj/lib/hash.o ]
	rm obj/lib/hash.o
	run mk V=1 OBJDIR="$BATS_TEST_TMPDIR/obj" "$BATS_TEST_TMPDIR/obj/lib/hash.o"
	[ "$status" -eq 0 ]
	[[ "$output" == *" -c -o $BATS_TEST_TMPDIR/obj/lib/hash.o lib/hash.c"* ]]
}

@test "a compiler's error still shows in a quiet build" {
	run mk OBJDIR="$BATS_TEST_TMPDIR/obj" CFLAGS='-include no-such-header.h' \
		"$BATS_TEST_TMPDIR/obj/lib/hash.o"
	[ "$status" -ne 0 ]
	[[ "$output" == *no-such-header.h* ]]
}

# mine_data: training data of the user's own, mine.conll (CoNLL-2003) and mine.txt (news text).
mine_data() {
	{
		for i in 1 2 3 4 5 6; do
			printf -- '-DOCSTART- -X- -X- O\n\n'
			printf 'Anna NNP B-NP B-PER\nBerg NNP I-NP I-PER\nvisited VBD B-VP O\nOslo NNP B-NP B-LOC\n. . O O\n\n'
			printf 'The DT B-NP O\nBank NNP I-NP B-ORG\nof IN I-NP I-ORG\nNorway NNP I-NP I-ORG\nagreed VBD B-VP O\n. . O O\n\n'
		done
	} > mine.conll
	for i in 1 2 3 4; do
		printf 'Anna Berg visited Oslo on Monday.\nThe bank agreed.\n---\n'
	done > mine.txt
}

@test "make model trains the weights from the user's own data" {
	mine_data
	mkdir one two
	run mk model CORPUS="$BATS_TEST_TMPDIR/mine.txt" TRAIN="$BATS_TEST_TMPDIR/mine.conll" DEV= \
		MODELDIR="$BATS_TEST_TMPDIR/one"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(head -c 4 one/ner.bin)" = NTPC ]
	[ -s one/clusters.bin ] && [ -s one/syntax.bin ]
	[[ "$output" == *"6 documents, 66 tokens"* ]]
	# The same data gives the same bytes, gzipped or not.
	gzip mine.txt
	mk model CORPUS="$BATS_TEST_TMPDIR/mine.txt.gz" TRAIN="$BATS_TEST_TMPDIR/mine.conll" DEV= \
		MODELDIR="$BATS_TEST_TMPDIR/two"
	for f in clusters ner syntax; do
		cmp "one/$f.bin" "two/$f.bin"
	done
}

@test "train_ner learns with the word classes it is given, as make model gives it the new ones" {
	mine_data
	mk build/release/train_clusters build/release/train_ner
	"$ROOT/build/release/train_clusters" mine.bin mine.conll < mine.txt
	"$ROOT/build/release/train_ner" -c mine.bin mine.conll one.bin
	"$ROOT/build/release/train_ner" -c mine.bin mine.conll two.bin
	"$ROOT/build/release/train_ner" mine.conll builtin.bin
	cmp one.bin two.bin
	# Other classes, other weights: these are not the ones compiled in.
	run cmp -s one.bin builtin.bin
	[ "$status" -eq 1 ]
	run "$ROOT/build/release/train_ner" -c mine.conll mine.conll three.bin
	[ "$status" -eq 1 ]
	[[ "$output" == *"not a word classes file"* ]]
	run "$ROOT/build/release/train_ner" -c
	[ "$status" -eq 2 ]
}

# small_conll: documents that differ, so that their order counts, in mine.conll.
small_conll() {
	for who in 'Anna Berg' 'Tom Dale' 'Ines Moreau' 'Karl Olsen' 'Rosa Lind' 'Omar Haddad'; do
		printf -- '-DOCSTART- -X- -X- O\n\n'
		printf '%s NNP B-NP B-PER\n' ${who%% *}
		printf '%s NNP I-NP I-PER\n' ${who#* }
		printf 'left VBD B-VP O\nLima NNP B-NP B-LOC\n. . O O\n\n'
	done > mine.conll
	mk build/release/train_ner
}

@test "train_ner's NER_SEED orders the documents otherwise; the default is the seed make model's weights come from" {
	small_conll
	"$ROOT/build/release/train_ner" mine.conll plain.bin
	NER_SEED=12345 "$ROOT/build/release/train_ner" mine.conll same.bin
	NER_SEED=7 "$ROOT/build/release/train_ner" mine.conll seven.bin
	NER_SEED=7 "$ROOT/build/release/train_ner" mine.conll seven-again.bin
	cmp plain.bin same.bin
	cmp seven.bin seven-again.bin
	run cmp -s plain.bin seven.bin
	[ "$status" -eq 1 ]
}

@test "train_ner's NER_ORDERS=2: the mean of the models of two orders, neither one's, the same each time" {
	small_conll
	NER_SEED=1 "$ROOT/build/release/train_ner" mine.conll one.bin
	NER_SEED=2 "$ROOT/build/release/train_ner" mine.conll two.bin
	NER_SEED=1 NER_ORDERS=2 "$ROOT/build/release/train_ner" mine.conll mean.bin
	NER_SEED=1 NER_ORDERS=2 "$ROOT/build/release/train_ner" mine.conll mean-again.bin
	cmp mean.bin mean-again.bin
	run cmp -s mean.bin one.bin
	[ "$status" -eq 1 ]
	run cmp -s mean.bin two.bin
	[ "$status" -eq 1 ]
}

@test "train_syntax -k measures the tagger by cross-validation and writes no model" {
	{
		for i in 1 2 3 4 5 6; do
			printf -- '-DOCSTART- -X- -X- O\n\n'
			printf 'Anna NNP B-NP B-PER\nsaid VBD B-VP O\nthe DT B-NP O\nreport NN I-NP O\nwas VBD B-VP O\nlate JJ B-ADJP O\n. . O O\n\n'
			printf 'Officials NNS B-NP O\nreport VBP B-VP O\ndelays NNS B-NP O\n. . O O\n\n'
		done
	} > mine.conll
	mk build/release/train_syntax
	run "$ROOT/build/release/train_syntax" -q -e 3 -k 3 mine.conll
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"fold 3 of 3 (CoNLL tokens): part of speech 100.00%"* ]]
	[[ "$output" == *"3-fold cross-validation: part of speech 100.00%, chunk F1 100.00"* ]]
	[ -z "$(ls | grep -v mine.conll)" ]
	# One fold is no cross-validation; -k writes no model, so it takes no OUT.
	run "$ROOT/build/release/train_syntax" -k 1 mine.conll
	[ "$status" -eq 2 ]
	run "$ROOT/build/release/train_syntax" -k 3 mine.conll out.bin
	[ "$status" -eq 2 ]
}

@test "every data file compiled into the programs has its terms in lib/data/README.md" {
	[ -f "$ROOT/LICENSE" ]
	terms=$(sed -n '/^## Terms at a glance/,/^## /p' "$ROOT/lib/data/README.md")
	for f in "$ROOT"/lib/data/*.tsv "$ROOT"/lib/data/*.txt "$ROOT"/lib/data/*.bin; do
		grep -q -F "\`${f##*/}\`" <<< "$terms" || { echo "no terms for ${f##*/}"; false; }
	done
}
