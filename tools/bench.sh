#!/bin/sh
# bench.sh [MB]: throughput and peak memory of each built program beside
# `wc -w`, on the same stream in the same run, each the best of RUNS (3)
# runs (timings on a shared machine are noisy: the ratio is the figure
# to quote).  The stream is
# made from the shared Reuters corpus when it is there, else from the
# example article repeated.  Peak memory is measured at two sizes, to
# show that it does not grow with the stream.
set -eu
mb=${1:-100}
bindir=${BINDIR:-bin}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make_stream() {         # make_stream MB FILE
	if [ -x ../shared/corpus/grow ] && command -v python3 > /dev/null; then
		../shared/corpus/grow "$1" "$2"
	else
		: > "$2"
		while [ "$(wc -c < "$2")" -lt $(($1 * 1000000)) ]; do
			cat examples/rhc-lavrov-mexico.txt examples/rhc-lavrov-mexico.txt \
			    examples/rhc-lavrov-mexico.txt examples/rhc-lavrov-mexico.txt >> "$2"
			printf '\n---\n' >> "$2"
		done
	fi
}

# run_timed CMD...: wall seconds, peak KiB and CPU seconds (user + system)
# of CMD reading the stream, from the fastest of RUNS runs (other work on
# the machine only ever slows a run down).
runs=${RUNS:-3}
run_timed() {
	: > "$tmp/all"
	for r in $(seq "$runs"); do
		/usr/bin/time -f '%e %M %U %S' -o "$tmp/t" "$@" < "$tmp/stream" > /dev/null
		cat "$tmp/t" >> "$tmp/all"
	done
	sort -n "$tmp/all" | awk 'NR == 1 { print $1, $2, $3 + $4 }'
}

ratio() {
	echo "$1 / $2" | bc -l
}

make_stream 10 "$tmp/small"
make_stream "$mb" "$tmp/stream"
bytes=$(wc -c < "$tmp/stream")
echo "stream: $bytes bytes"
# time/wc is the wall-clock ratio, what a user waits; cpu/wc counts the
# processor time of every thread (nentity and nquote use several).
printf '%-8s %9s %9s %9s %10s %13s\n' program MB/s time/wc cpu/wc 'peak MiB' 'peak@10MB MiB'
set -- $(run_timed wc -w)
printf '%-8s %9.1f %9.2f %9.2f %10.1f\n' 'wc -w' "$(ratio "$bytes / 1000000" "$1")" 1 1 \
	"$(ratio "$2" 1024)"
for prog in nsplit ndate nentity nquote; do
	[ -x "$bindir/$prog" ] || continue
	set -- $(run_timed wc -w)
	wc_s=$1 wc_cpu=$3
	set -- $(run_timed "$bindir/$prog")
	s=$1 peak=$2 cpu=$3
	small=$(/usr/bin/time -f '%M' "$bindir/$prog" < "$tmp/small" 2>&1 > /dev/null | tail -1)
	printf '%-8s %9.1f %9.2f %9.2f %10.1f %13.1f\n' "$prog" \
		"$(ratio "$bytes / 1000000" "$s")" "$(ratio "$s" "$wc_s")" "$(ratio "$cpu" "$wc_cpu")" \
		"$(ratio "$peak" 1024)" "$(ratio "$small" 1024)"
done
