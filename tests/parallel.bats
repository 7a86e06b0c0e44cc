#!/usr/bin/env bats
# Scaling out: a stream cut into blocks at its --- lines by GNU parallel,
# TSV cut between documents, or rows of one document each cut anywhere
# (as Hadoop Streaming and Spark cut them), give the rows of one process.

load helper

setup_file() {
	stream 20 > "$BATS_FILE_TMPDIR/stream.txt"
	# TSV with a document in several rows, each a paragraph.
	nsplit_bin=${NTOOLS_BIN:-$BATS_TEST_DIRNAME/../bin}/nsplit
	"$nsplit_bin" -u para "$BATS_FILE_TMPDIR/stream.txt" > "$BATS_FILE_TMPDIR/paras.tsv"
}

STREAM=$BATS_FILE_TMPDIR/stream.txt
PARAS=$BATS_FILE_TMPDIR/paras.tsv

need_parallel() {
	command -v parallel > /dev/null ||
		skip "no GNU parallel (Debian: parallel; .ci/run installs it)"
}

# more_than_one_job JOBLOG: parallel ran the command on several blocks.
more_than_one_job() {
	[ "$(($(wc -l < "$1") - 1))" -gt 1 ]
}

@test "the test stream is 20 MB of distinct documents" {
	[ "$(wc -c < "$STREAM")" -ge 19900000 ]
	[ "$(nsplit -H -u doc "$STREAM" | cut -f1 | sort | uniq -d | wc -l)" -eq 0 ]
}

@test "parallel --pipepart --recstart '---' --block 10M: every program gives the rows of one process" {
	need_parallel
	for prog in $(programs); do
		"$prog" -H "$STREAM" | sort > one
		parallel --joblog log --pipepart --recstart '---' --block 10M -a "$STREAM" "$prog" -H -j 1 |
			sort > blocks
		more_than_one_job log
		[ -s one ]
		cmp one blocks || { echo "$prog: the blocks' rows differ"; false; }
	done
}

@test "parallel -k keeps the rows in input order, byte for byte" {
	need_parallel
	nsplit "$STREAM" > one
	parallel -k --pipepart --recstart '---' --block 5M -a "$STREAM" nsplit -H |
		cat <(head -1 one) - > blocks
	cmp one blocks
}

@test "the --sshlogin recipe, on this machine (-S 2/:): --pipe blocks give the rows in order" {
	need_parallel
	nquote -H "$STREAM" > one
	parallel -k --pipe --recstart '---' --block 10M -S 2/: nquote -H -j 1 < "$STREAM" > blocks
	cmp one blocks
}

@test "TSV cut with --group-by doc: the rows of one document stay together, the rows are one process's" {
	need_parallel
	[ "$(wc -c < "$PARAS")" -ge 19900000 ]
	for prog in $(programs); do
		"$prog" -H "$PARAS" | sort > one
		parallel --joblog log --pipepart -a "$PARAS" --header : --group-by doc --block 10M \
			"$prog" -H -j 1 | sort > groups
		more_than_one_job log
		[ -s one ]
		cmp one groups || { echo "$prog: the groups' rows differ"; false; }
	done
}

@test "TSV cut between rows of one document gives other rows: the check above can fail" {
	need_parallel
	# Without --group-by, blocks of 100 kB part many documents' rows:
	# their paragraphs are numbered afresh.
	nsplit -H "$PARAS" | sort > one
	parallel --pipepart -a "$PARAS" --header : --block 100k nsplit -H -j 1 | sort > cut
	! cmp -s one cut
}

@test "one document a row, cut anywhere between rows, through examples/map.sh: the stream's rows" {
	# Hadoop Streaming and Spark's rdd.pipe hand each mapper some lines
	# of the input, without its header; split -l cuts the same way.
	nsplit -H -u doc "$STREAM" | cut -f1,2,8 > docs.tsv
	split -l 3000 docs.tsv part.
	[ "$(ls part.* | wc -l)" -gt 2 ]
	for prog in $(programs); do
		"$prog" -H "$STREAM" | sort > one
		for f in part.*; do
			"$EXAMPLES/map.sh" "$prog" < "$f"
		done | sort > mapped
		[ -s one ]
		cmp one mapped || { echo "$prog: the mapped rows differ"; false; }
	done
}
