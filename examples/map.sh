#!/bin/sh
# map.sh PROG [ARGS...]: PROG over TSV rows that come without their
# header, one document a row (doc, date, text), as Hadoop Streaming's
# mappers and Spark's rdd.pipe are handed them; its rows on stdout,
# without a header.  Make the rows with
#   nsplit -H -u doc STREAM | cut -f1,2,8
# (the -u doc text is the document's bytes: the offsets are the stream's).
set -eu
[ $# -ge 1 ] || { echo "usage: map.sh PROG [ARGS...]" >&2; exit 2; }
command -v "$1" > /dev/null || PATH="$(dirname "$0")/../bin:$PATH"
prog=$1
shift
# One thread: the engine runs a mapper on each core already.
{ printf 'doc\tdate\ttext\n'; cat; } | "$prog" -H -j 1 "$@"
