#!/bin/sh
# mentioned-with.sh NAME [FILE...]: the entities mentioned in the articles
# that mention NAME, as "articles<TAB>type<TAB>name" rows, the most
# articles first.  Names are nentity's canonical ones; NAME is too.
set -eu
[ $# -ge 1 ] || { echo "usage: mentioned-with.sh NAME [FILE...]" >&2; exit 2; }
command -v nentity > /dev/null || PATH="$(dirname "$0")/../bin:$PATH"
name=$1
shift

# Each entity once per article, then the articles of NAME's rows.
nentity -H "$@" | awk -F'\t' -v OFS='\t' -v name="$name" '
	!seen[$1 SUBSEP $4 SUBSEP $6]++ { ent[++n] = $1 "\t" $4 "\t" $6 }
	$6 == name { with[$1] = 1 }
	END {
		for (i = 1; i <= n; i++) {
			split(ent[i], f, "\t")
			if ((f[1] in with) && f[3] != name)
				count[f[2] "\t" f[3]]++
		}
		for (k in count)
			print count[k], k
	}' | sort -t '	' -k1,1nr -k3,3 -k2,2
