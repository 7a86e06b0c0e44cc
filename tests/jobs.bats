#!/usr/bin/env bats
# -j, --jobs: the programs that work on several threads write what they
# write on one, in input order, and keep a document's TSV rows together.

load helper

threaded() {
	echo nentity nquote
}

# A stream of more documents than one batch holds, and the example article.
many_docs() {
	awk 'BEGIN {
		for (i = 1; i <= 4500; i++) {
			print "Report " i
			print ""
			print "Sergey Lavrov met Nicolás Maduro in Caracas on day " i ". Lavrov said \"we agree\"."
			print "---"
		}
	}'
	cat "$SEED"
}

@test "several threads write exactly what one writes, in input order" {
	many_docs > in.txt
	for prog in $(threaded); do
		"$prog" -j 1 in.txt > one
		"$prog" -j 3 in.txt > three
		"$prog" --jobs=2 < in.txt > two
		[ -s one ]
		cmp one three
		cmp one two
	done
}

@test "a document's TSV rows stay together across batches" {
	# Three rows per document: batches of 4096 documents' rows would cut one.
	awk 'BEGIN {
		print "doc\ttext"
		for (i = 1; i <= 3000; i++) {
			print "d" i "\tForeign Minister Sergey Lavrov arrived."
			print "d" i "\tThe talks went on."
			print "d" i "\tLavrov left."
		}
	}' > rows.tsv
	nentity -j 2 rows.tsv > out
	[ "$(awk -F'\t' '$5 == "Lavrov"' out | wc -l)" -eq 3000 ]
	[ "$(awk -F'\t' '$5 == "Lavrov" && $6 != "Sergey Lavrov"' out | wc -l)" -eq 0 ]
}

@test "a bad number of threads is a usage error" {
	for prog in $(threaded); do
		run "$prog" -j 0 < /dev/null
		[ "$status" -eq 2 ]
		run "$prog" --jobs=many < /dev/null
		[ "$status" -eq 2 ]
		[[ "$output" == *"--jobs"* ]]
	done
}
