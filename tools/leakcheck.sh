#!/bin/sh
# leakcheck.sh BINDIR: run each built program under valgrind on the
# example article and on a stream of hostile input; any error or leak
# fails.
set -eu
bindir=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

{
	cat examples/rhc-lavrov-mexico.txt
	printf '\n---\r\nCRLF said Ann Lee.\r\n---\n\377\376 bad \000 bytes "unclosed\n---\n'
	printf 'doc\ttext\n'
} > "$tmp/hostile"
printf 'doc\tdate\ttext\nd1\t2020-02-07\tA row, "quoted," he said on Monday.\\n\\nMore.\n' > "$tmp/rows.tsv"

for prog in "$bindir"/*; do
	for input in examples/rhc-lavrov-mexico.txt "$tmp/hostile" "$tmp/rows.tsv"; do
		valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all \
			"$prog" "$input" > /dev/null 2> "$tmp/err" || {
			rc=$?
			if [ "$rc" -eq 99 ]; then
				cat "$tmp/err"
				echo "not ok valgrind $(basename "$prog") $(basename "$input")"
				exit 1
			fi
		}
		echo "ok valgrind $(basename "$prog") $(basename "$input")"
	done
done
