#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "hash.h"
#include "layout.h"
#include "reader.h"
#include "tsv.h"

enum form { FORM_UNKNOWN, FORM_STREAM, FORM_TSV, FORM_BAD };
enum { READ_CHUNK = 1 << 16, SEPARATOR_MAX = 64 };
enum { LINE_TOO_LONG = -2 };

struct reader {
	int fd;
	const char *name;
	struct reader_opts opts;
	enum form form;

	/*
	 * buf[mark..len) is input not yet given away: mark is the start of
	 * the document (or row) being gathered, scan the start of the next
	 * line to look at.  Filling moves buf[mark..len) to the front.
	 */
	char *buf;
	size_t cap, len, mark, scan;
	int eof;
	unsigned long line;     /* line number of buf[scan] */

	/* TSV */
	int ncols, col_text, col_doc, col_date, col_start;
	char *prev_id;          /* the previous row's doc id, for same_doc */
	size_t prev_len, prev_cap;
	int have_prev;
	char prev_date[11];
	size_t prev_end;        /* where the previous row of the document ends in it */

	char idhex[17];
	struct reader_counts own_counts;        /* when the caller keeps none */
};

struct reader *
reader_new(int fd, const char *name, const struct reader_opts *opts)
{
	struct reader *r = calloc(1, sizeof *r);

	if (!r || !(r->buf = malloc(READ_CHUNK))) {
		free(r);
		diag_system(name, "out of memory");
		return NULL;
	}
	r->fd = fd;
	r->name = name;
	r->opts = *opts;
	if (!r->opts.text_col)
		r->opts.text_col = "text";
	if (!r->opts.max_bytes)
		r->opts.max_bytes = READER_MAX_BYTES_DEFAULT;
	if (!r->opts.counts)
		r->opts.counts = &r->own_counts;
	r->cap = READ_CHUNK;
	r->line = 1;
	r->col_text = r->col_doc = r->col_date = r->col_start = -1;
	return r;
}

void
reader_free(struct reader *r)
{
	if (r) {
		free(r->buf);
		free(r->prev_id);
		free(r);
	}
}

/* How long a reader waits for input before it asks the program again whether it has rows to write. */
#define IDLE_MS 10

/* Whether fd has input (or its end, or an error) within ms milliseconds. */
static int
input_within(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	int k;
	while ((k = poll(&p, 1, ms)) < 0 && errno == EINTR)
		continue;
	return k != 0;
}

/*
 * Reads more input.  Returns 1 when bytes came, 0 at the end of input,
 * -1 on a read error or when out of memory (both reported).
 */
static int
fill(struct reader *r)
{
	ssize_t k;

	if (r->eof)
		return 0;
	if (r->mark > 0 && r->len - r->mark < r->cap / 2) {
		memmove(r->buf, r->buf + r->mark, r->len - r->mark);
		r->len -= r->mark, r->scan -= r->mark, r->mark = 0;
	}
	if (r->cap - r->len < READ_CHUNK / 2) {
		size_t cap = r->cap * 2;
		char *nb = realloc(r->buf, cap);
		if (!nb) {
			diag_system(r->name, "out of memory");
			return -1;
		}
		r->buf = nb, r->cap = cap;
	}
	if (r->opts.idle)
		while (!input_within(r->fd, 0) && r->opts.idle(r->opts.idle_ctx, r->form == FORM_TSV) &&
		    !input_within(r->fd, IDLE_MS))
			continue;
	for (;;) {
		k = read(r->fd, r->buf + r->len, r->cap - r->len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			diag_system(r->name, "read error: %s", strerror(errno));
			return -1;
		}
		if (k == 0) {
			r->eof = 1;
			return 0;
		}
		r->len += (size_t)k;
		r->opts.counts->bytes += (unsigned long long)k;
		return 1;
	}
}

/*
 * Finds the line that starts at scan: sets *end to the index of its
 * '\n', or of the end of input, and returns 1; returns 0 at the end of
 * input, -1 on error, LINE_TOO_LONG when the bytes gathered since mark
 * pass the cap before the line ends, by more than a separator line could
 * hold: whether a document or row is too long must not depend on where
 * the reads end, so the callers judge whole lines against the cap.
 */
static int
next_line(struct reader *r, size_t *end)
{
	size_t searched = 0;    /* bytes after scan known to hold no '\n' */
	int got;

	for (;;) {
		char *nl = memchr(r->buf + r->scan + searched, '\n', r->len - r->scan - searched);
		if (nl) {
			*end = (size_t)(nl - r->buf);
			return 1;
		}
		searched = r->len - r->scan;
		if (r->len - r->mark > r->opts.max_bytes + SEPARATOR_MAX)
			return LINE_TOO_LONG;
		if ((got = fill(r)) < 0)
			return -1;
		if (!got) {
			*end = r->len;
			return r->scan < r->len;
		}
	}
}

static void
take_line(struct reader *r, size_t end)
{
	r->scan = end < r->len ? end + 1 : end;
	r->line++;
}

/* "---", maybe followed by blanks and a carriage return. */
static int
is_separator(const char *s, size_t n)
{
	size_t i;

	if (n < 3 || n > SEPARATOR_MAX || s[0] != '-' || s[1] != '-' || s[2] != '-')
		return 0;
	for (i = 3; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/*
 * Drops input up to and including the next separator line (stream) or
 * the end of the line (TSV), holding no more than a line's start in
 * memory.  midline: the input at scan is inside a line already.
 */
static int
skip_rest(struct reader *r, int to_separator, int midline)
{
	for (;;) {
		char *nl = memchr(r->buf + r->scan, '\n', r->len - r->scan);
		int got;

		if (!nl) {
			if (r->len - r->scan > SEPARATOR_MAX) {
				r->scan = r->len;
				midline = 1;
			}
			r->mark = r->scan;
			if ((got = fill(r)) <= 0) {
				r->mark = r->scan = r->len;
				return got;
			}
			continue;
		}
		int sep = !midline && is_separator(r->buf + r->scan, (size_t)(nl - r->buf) - r->scan);
		take_line(r, (size_t)(nl - r->buf));
		r->mark = r->scan;
		midline = 0;
		if (!to_separator || sep)
			return 1;
	}
}

static int
all_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r' &&
		    s[i] != '\f' && s[i] != '\v')
			return 0;
	return 1;
}

/* The id of a document: its bytes without surrounding white space, so
 * that a final newline (or its absence) does not change it. */
static void
derive_id(struct reader *r, const char *s, size_t n, struct doc *d)
{
	while (n > 0 && all_blank(s, 1))
		s++, n--;
	while (n > 0 && all_blank(s + n - 1, 1))
		n--;
	hash_hex(hash64(s, n), r->idhex);
	d->id = r->idhex;
	d->idlen = 16;
}

static void
too_long(struct reader *r, unsigned long line, const char *what)
{
	r->opts.counts->too_long++;
	diag_input(r->name, line, "%s longer than %zu bytes skipped (see --max-bytes)",
	    what, r->opts.max_bytes);
}

static int
next_stream(struct reader *r, struct doc *d)
{
	for (;;) {
		unsigned long first = r->line;
		size_t end, doc_end;
		int got;

		r->mark = r->scan;
		for (;;) {
			got = next_line(r, &end);
			if (got <= 0) {
				doc_end = r->len;
				break;
			}
			if (is_separator(r->buf + r->scan, end - r->scan)) {
				doc_end = r->scan;
				take_line(r, end);
				break;
			}
			take_line(r, end);
			if (r->scan - r->mark > r->opts.max_bytes) {
				got = LINE_TOO_LONG;
				break;
			}
		}
		if (got == -1)
			return -1;
		if (got == LINE_TOO_LONG) {
			too_long(r, first, "document");
			if (skip_rest(r, 1, 0) < 0)
				return -1;
			continue;
		}
		if (all_blank(r->buf + r->mark, doc_end - r->mark)) {
			if (got == 0)
				return 0;
			continue;
		}
		memset(d, 0, sizeof *d);
		d->text = r->buf + r->mark;
		d->len = doc_end - r->mark;
		d->whole = 1;
		d->file = r->name;
		d->line = first;
		derive_id(r, d->text, d->len, d);
		r->opts.counts->docs++;
		layout_find_date(d->text, d->len, r->opts.order, d->date);
		return 1;
	}
}

static int
column_named(const char *s, size_t n, const char *name)
{
	return strlen(name) == n && memcmp(s, name, n) == 0;
}

/*
 * Reads the header row at [a, b): returns 1 when it makes this TSV (a
 * tab and the text column, or the text column's name alone), 0 when the
 * input is an article stream, -1 (reported) for a header that lacks the
 * text column.  forced: the input is TSV whatever the line.
 */
static int
read_header(struct reader *r, size_t a, size_t b, int forced)
{
	const char *s = r->buf;
	size_t a0 = a;
	int col = 0;

	if (b > a && s[b - 1] == '\r')
		b--;
	if (!forced && !memchr(s + a, '\t', b - a) && !column_named(s + a, b - a, r->opts.text_col))
		return 0;
	while (a <= b) {
		const char *tab = memchr(s + a, '\t', b - a);
		size_t e = tab ? (size_t)(tab - s) : b;

		if (column_named(s + a, e - a, r->opts.text_col))
			r->col_text = col;
		else if (column_named(s + a, e - a, "doc"))
			r->col_doc = col;
		else if (column_named(s + a, e - a, "date"))
			r->col_date = col;
		else if (column_named(s + a, e - a, "start"))
			r->col_start = col;
		col++;
		a = e + 1;
	}
	r->ncols = col;
	if (r->col_text >= 0)
		return 1;
	/* a database export must never pass for an article */
	char names[160];
	size_t n = 0;

	for (a = a0; a < b && n + 6 < sizeof names; a++) {
		if (s[a] == '\t')
			names[n++] = ',', names[n++] = ' ';
		else
			names[n++] = (unsigned char)s[a] < ' ' ? '?' : s[a];
	}
	if (a < b)
		names[n++] = '.', names[n++] = '.', names[n++] = '.';
	diag_unreadable(r->name, r->line, "no column \"%s\" in the header; columns: %.*s%s",
	    r->opts.text_col, (int)n, names, forced ? "" : " (see --text, --stream)");
	return -1;
}

static int
keep_prev_id(struct reader *r, const char *id, size_t n)
{
	if (n > r->prev_cap) {
		char *p = realloc(r->prev_id, n);
		if (!p) {
			diag_system(r->name, "out of memory");
			return -1;
		}
		r->prev_id = p, r->prev_cap = n;
	}
	if (n)
		memcpy(r->prev_id, id, n);
	r->prev_len = n;
	r->have_prev = 1;
	return 0;
}

static size_t
parse_offset(const char *s, size_t n, int *ok)
{
	size_t v = 0, i;

	*ok = n > 0 && n <= 18;
	for (i = 0; i < n && *ok; i++) {
		if (s[i] < '0' || s[i] > '9')
			*ok = 0;
		else
			v = v * 10 + (size_t)(s[i] - '0');
	}
	return *ok ? v : 0;
}

static int
next_tsv(struct reader *r, struct doc *d)
{
	for (;;) {
		unsigned long line = r->line;
		size_t end, a, b, fs[4] = {0}, fe[4] = {0};
		int want[4] = { r->col_text, r->col_doc, r->col_date, r->col_start };
		int got, col, k, have[4] = {0};
		char *s;

		r->mark = r->scan;
		got = next_line(r, &end);
		if (got == 0 || got == -1)
			return got;
		if (got == LINE_TOO_LONG) {
			too_long(r, line, "row");
			if (skip_rest(r, 0, 1) < 0)
				return -1;
			continue;
		}
		a = r->scan, b = end;
		take_line(r, end);
		if (b - a > r->opts.max_bytes) {
			too_long(r, line, "row");
			continue;
		}
		s = r->buf;
		if (b > a && s[b - 1] == '\r')
			b--;
		if (a == b)
			continue;
		for (col = 0; a <= b; col++) {
			const char *tab = memchr(s + a, '\t', b - a);
			size_t e = tab ? (size_t)(tab - s) : b;

			/* A NULL (\N) from a database export is an empty field. */
			for (k = 0; k < 4; k++)
				if (want[k] == col)
					fs[k] = a, fe[k] = tsv_is_null(s + a, e - a) ? a : e, have[k] = 1;
			a = e + 1;
		}
		if (col != r->ncols)
			diag_input(r->name, line, "%d fields where the header has %d", col, r->ncols);
		if (!have[0]) {
			r->opts.counts->bad_rows++;
			continue;
		}

		memset(d, 0, sizeof *d);
		d->file = r->name;
		d->line = line;
		d->text = s + fs[0];
		d->len = tsv_unescape(s + fs[0], fe[0] - fs[0]);
		if (have[1] && fe[1] > fs[1]) {
			d->id = s + fs[1];
			d->idlen = tsv_unescape(s + fs[1], fe[1] - fs[1]);
			d->same_doc = r->have_prev && r->prev_len == d->idlen &&
			    memcmp(r->prev_id, d->id, d->idlen) == 0;
			if (keep_prev_id(r, d->id, d->idlen) < 0)
				return -1;
		} else {
			/* no id, or an empty one: a document of its own, named by its bytes */
			derive_id(r, d->text, d->len, d);
			r->have_prev = 0;
		}
		/* without a start, a row stands a line break after the one before */
		d->base = d->same_doc ? r->prev_end + 1 : 0;
		if (have[3] && fe[3] > fs[3]) {
			int ok;
			size_t at = parse_offset(s + fs[3], fe[3] - fs[3], &ok);

			if (ok)
				d->base = at;
			else
				diag_input(r->name, line, "start is not a byte offset: %.*s",
				    (int)(fe[3] - fs[3] > 40 ? 40 : fe[3] - fs[3]), s + fs[3]);
		}
		r->prev_end = d->base + d->len;
		if (!d->same_doc)
			r->opts.counts->docs++;
		if (have[2] && fe[2] > fs[2]) {
			struct ymd ymd;
			size_t n = tsv_unescape(s + fs[2], fe[2] - fs[2]);
			/* A timestamp's date part will do: 2020-02-07T10:00:00Z. */
			if (ymd_read_iso(s + fs[2], n < 10 ? n : 10, &ymd))
				ymd_format(&ymd, d->date);
			else
				diag_input(r->name, line, "date is not YYYY-MM-DD: %.*s",
				    (int)(n > 40 ? 40 : n), s + fs[2]);
		}
		if (!d->date[0] && d->same_doc)
			memcpy(d->date, r->prev_date, sizeof d->date);
		else if (!d->date[0])
			layout_find_date(d->text, d->len, r->opts.order, d->date);
		memcpy(r->prev_date, d->date, sizeof d->date);
		return 1;
	}
}

/* Is the input at the start of buf compressed?  Returns the tool that reads it, or NULL. */
static const char *
compressed(const struct reader *r)
{
	static const struct { const char *magic; size_t n; const char *tool; } kinds[] = {
		{ "\x1f\x8b", 2, "zcat" },
		{ "BZh", 3, "bzcat" },
		{ "\xfd" "7zXZ\0", 6, "xzcat" },
		{ "\x28\xb5\x2f\xfd", 4, "zstdcat" },
	};

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (r->len >= kinds[i].n && memcmp(r->buf, kinds[i].magic, kinds[i].n) == 0 &&
		    (kinds[i].magic[0] != 'B' || (r->len > 3 && r->buf[3] >= '1' && r->buf[3] <= '9')))
			return kinds[i].tool;
	return NULL;
}

int
reader_next(struct reader *r, struct doc *d)
{
	if (r->form == FORM_UNKNOWN) {
		size_t end;
		int got = next_line(r, &end), tsv = 0;
		const char *tool;

		if (got == LINE_TOO_LONG)
			got = 1, end = r->len;
		if (got < 0)
			return -1;
		r->form = FORM_STREAM;
		if (got > 0 && (tool = compressed(r)) != NULL) {
			diag_unreadable(r->name, 1, "compressed input: pipe it through %s", tool);
			r->form = FORM_BAD;
		} else if (got > 0 && r->opts.form != READER_STREAM) {
			tsv = read_header(r, r->scan, end, r->opts.form == READER_TSV);
			r->form = tsv < 0 ? FORM_BAD : tsv ? FORM_TSV : FORM_STREAM;
			if (tsv > 0)
				take_line(r, end);
		}
	}
	if (r->form == FORM_BAD)
		return -1;
	return r->form == FORM_TSV ? next_tsv(r, d) : next_stream(r, d);
}
