#!/usr/bin/env bats
# PostgreSQL both ways, for real: articles go out with COPY ... TO STDOUT
# into each program and the rows come back with COPY ... FROM STDIN, as
# README's "PostgreSQL" section and ntools(7) write them.  A throw-away
# cluster, run by an unprivileged user on a socket in a temporary
# directory, lives for this file only.

load helper

setup_file() {
	PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2> /dev/null | sort -V | tail -1)
	[ -x "$PGBIN/initdb" ] || PGBIN=$(dirname "$(command -v initdb 2> /dev/null || echo /none/x)")
	if [ ! -x "$PGBIN/initdb" ] || [ ! -x "$PGBIN/pg_ctl" ] || [ ! -x "$PGBIN/psql" ]; then
		export PG_SKIP="PostgreSQL is not installed (Debian: postgresql)"
		return 0
	fi
	if [ "$("$PGBIN/pg_ctl" --version | sed 's/[^0-9]*\([0-9]*\).*/\1/')" -lt 15 ]; then
		export PG_SKIP="PostgreSQL 15 or later is needed (COPY's HEADER in text format)"
		return 0
	fi
	PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/ntools-pg.XXXXXX")
	# initdb refuses root: the cluster belongs to an unprivileged user.
	as=
	if [ "$(id -u)" = 0 ]; then
		chown nobody "$PGDIR"
		as="runuser -u nobody --"
	fi
	$as "$PGBIN/initdb" -D "$PGDIR/data" -U ntools --auth=trust -E UTF8 --locale=C > "$PGDIR/initdb.log" 2>&1 ||
		{ cat "$PGDIR/initdb.log" >&3; return 1; }
	$as "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w \
		-o "-k $PGDIR -c listen_addresses='' -c fsync=off" start > /dev/null ||
		{ cat "$PGDIR/server.log" >&3; return 1; }
	export PGBIN PGDIR PGAS="$as"
	export PGHOST="$PGDIR" PGUSER=ntools PGDATABASE=postgres
}

teardown_file() {
	if [ -n "${PGDIR:-}" ]; then
		$PGAS "$PGBIN/pg_ctl" -D "$PGDIR/data" -m immediate -w stop > /dev/null 2>&1 || true
		rm -rf "$PGDIR"
	fi
}

setup() {
	[ -z "${PG_SKIP:-}" ] || skip "$PG_SKIP"
	export PATH="${NTOOLS_BIN:-$ROOT/bin}:$PGBIN:$PATH"
	export LC_ALL=C
	set -o pipefail        # a program that fails in a pipeline fails the test
	cd "$BATS_TEST_TMPDIR" || return 1
	q "DROP SCHEMA IF EXISTS news CASCADE; CREATE SCHEMA news; SET search_path = news;"
	make_articles
}

# q SQL: run SQL in the test's schema; psql's own output, unaligned.
q() {
	psql -X -q -v ON_ERROR_STOP=1 -A -t -c "SET client_min_messages = warning; SET search_path = news" -c "$1"
}

# The articles: tabs, a backslash, CRLF, non-ASCII, a NULL date whose
# article has its own date line, and a quotation nobody is named for.
make_articles() {
	q "CREATE TABLE articles (id text PRIMARY KEY, published date, body text);
	INSERT INTO articles VALUES
	('a1', '2020-02-07', E'Lavrov visits Mexico\n\nMexico City, February 7 -- Russian Foreign Minister Sergey Lavrov met Marcelo Ebrard on Thursday.\n\n\"Mexico is a partner we trust, and the United States should respect that,\" Lavrov said.\n\nThe ministers signed a deal on\ttrade and a path C:\\\\docs.'),
	('a2', NULL, E'Storms close schools\r\n\r\nMonday, March 1, 2021\r\n\r\nZ\u00fcrich, March 1 -- Schools in Z\u00fcrich closed on Friday, the caf\u00e9 owners said.\r\n\r\n\"We were ready for it,\" said Anna M\u00fcller, the mayor of Z\u00fcrich.\r\n'),
	('a3', '2019-11-05', E'\"Nothing is decided yet.\"\n\nTalks in Geneva resume next week.')"
}

export_articles="COPY (SELECT id AS doc, published AS date, body AS text FROM articles) TO STDOUT WITH (FORMAT text, HEADER)"

@test "postgres: a NULL date goes out as \\N and every program reads it, exit 0" {
	q "$export_articles" > out.tsv
	grep -q -P '^a2\t\\N\t' out.tsv
	for p in $(programs); do
		run "$p" out.tsv
		[ "$status" -eq 0 ]
	done
	# The article with no date in the table takes its date line's.
	[ "$(nsplit -u doc out.tsv | awk -F'\t' '$1 == "a2" { print $2 }')" = 2021-03-01 ]
	[ "$(ndate out.tsv | awk -F'\t' '$1 == "a2" && $6 == "Friday" { print $5 }')" = 2021-02-26 ]
}

@test "postgres: each program's rows go back with COPY FROM STDIN; every id comes back" {
	q 'CREATE TABLE docs (doc text, date date, title text, dateline text, byline text, start int, "end" int, text text)'
	q 'CREATE TABLE sentences (doc text, date date, para int, sent int, start int, "end" int, text text)'
	q 'CREATE TABLE quotes (doc text, start int, "end" int, speaker text, mention text, cue text, text text, kind text, mention_start int, mention_end int)'
	q 'CREATE TABLE entities (doc text, start int, "end" int, type text, text text, canonical text, role text)'
	q 'CREATE TABLE dates (doc text, start int, "end" int, type text, value text, text text, mod text)'
	back="WITH (FORMAT text, HEADER MATCH, NULL '')"
	q "$export_articles" | nsplit -u doc | q "COPY docs FROM STDIN $back"
	q "$export_articles" | nsplit | q "COPY sentences FROM STDIN $back"
	q "$export_articles" | nquote | q "COPY quotes FROM STDIN $back"
	q "$export_articles" | nentity | q "COPY entities FROM STDIN $back"
	q "$export_articles" | ndate | q "COPY dates FROM STDIN $back"
	[ "$(q 'SELECT string_agg(doc, $$ $$ ORDER BY doc) FROM docs')" = "a1 a2 a3" ]
	[ "$(q 'SELECT count(DISTINCT doc) FROM sentences')" -eq 3 ]
	[ "$(q 'SELECT count(*) FROM docs d JOIN articles a ON a.id = d.doc AND d.date IS NOT DISTINCT FROM coalesce(a.published, $$2021-03-01$$)')" -eq 3 ]
	# An empty mention offset is NULL in an int column.
	[ "$(q 'SELECT count(*) FROM quotes WHERE mention_start IS NULL AND mention IS NULL')" -ge 1 ]
	[ "$(q 'SELECT count(*) FROM quotes WHERE mention_start IS NOT NULL')" -ge 2 ]
	[ "$(q 'SELECT count(*) FROM entities')" -ge 6 ]
	[ "$(q 'SELECT count(*) FROM dates')" -ge 4 ]
}

@test "postgres: spans slice the stored text exactly, in bytes" {
	for t in sentences:nsplit entities:nentity dates:ndate quotes:nquote; do
		q "CREATE TABLE ${t%:*} AS SELECT NULL::text AS doc, 0 AS start, 0 AS \"end\", NULL::text AS text LIMIT 0"
		q "$export_articles" | "${t#*:}" | awk -F'\t' -v OFS='\t' '
			NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
			{ print $c["doc"], $c["start"], $c["end"], $c["text"] }' |
			q "COPY ${t%:*} FROM STDIN WITH (FORMAT text, HEADER)"
	done
	slice="substring(convert_to(a.body, 'UTF8') from t.start + 1 for t.\"end\" - t.start)"
	for t in sentences entities dates; do
		[ "$(q "SELECT count(*) FROM $t t JOIN articles a ON a.id = t.doc")" -gt 0 ]
		[ "$(q "SELECT count(*) FROM $t t JOIN articles a ON a.id = t.doc WHERE $slice <> convert_to(t.text, 'UTF8')")" -eq 0 ]
	done
	# A quotation's span holds its marks around its words.
	[ "$(q "SELECT count(*) FROM quotes t JOIN articles a ON a.id = t.doc WHERE position(convert_to(t.text, 'UTF8') in $slice) <> 2")" -eq 0 ]
	# Non-ASCII and CRLF before a span: byte offsets, not characters.
	[ "$(q "SELECT convert_from($slice, 'UTF8') FROM entities t JOIN articles a ON a.id = t.doc WHERE t.doc = 'a2' AND t.text = 'Anna Müller'")" = "Anna Müller" ]
}

@test "postgres: one query answers who said what about whom, and when" {
	q 'CREATE TABLE quotes (doc text, start int, "end" int, speaker text, mention text, cue text, text text, kind text, mention_start int, mention_end int)'
	q 'CREATE TABLE entities (doc text, start int, "end" int, type text, text text, canonical text, role text)'
	q "$export_articles" | nquote | q "COPY quotes FROM STDIN WITH (FORMAT text, HEADER MATCH, NULL '')"
	q "$export_articles" | nentity | q "COPY entities FROM STDIN WITH (FORMAT text, HEADER MATCH, NULL '')"
	run q "SELECT a.published, q.speaker, e.canonical AS about, q.text
		FROM quotes q
		JOIN articles a ON a.id = q.doc
		JOIN entities e ON e.doc = q.doc AND e.start >= q.start AND e.\"end\" <= q.\"end\"
		WHERE q.speaker IS NOT NULL AND e.canonical <> q.speaker
		ORDER BY a.published, q.doc, q.start, e.start"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "2020-02-07|Sergey Lavrov|Mexico|Mexico is a partner we trust, and the United States should respect that" ]
	[ "${lines[1]}" = "2020-02-07|Sergey Lavrov|United States|Mexico is a partner we trust, and the United States should respect that" ]
}
