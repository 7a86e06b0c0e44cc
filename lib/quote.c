#include "quote.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "utf8.h"
#include "xalloc.h"

struct quote_finder {
	struct quote_span *spans;
	size_t n, cap;
};

struct quote_finder *
quote_finder_new(void)
{
	return xcalloc(1, sizeof(struct quote_finder));
}

void
quote_finder_free(struct quote_finder *qf)
{
	if (qf == NULL)
		return;
	free(qf->spans);
	free(qf);
}

static void
push(struct quote_finder *qf, const struct quote_span *s)
{
	if (qf->n == qf->cap) {
		size_t cap = qf->cap ? 2 * qf->cap : 32;
		qf->spans = xrealloc(qf->spans, cap * sizeof *qf->spans);
		qf->cap = cap;
	}
	qf->spans[qf->n++] = *s;
}

static uint32_t
char_at(const char *t, size_t len, size_t i, size_t *n)
{
	uint32_t cp;

	if (i >= len) {
		*n = 0;
		return 0;
	}
	*n = utf8_decode(t + i, len - i, &cp);
	return cp;
}

static uint32_t
char_before(const char *t, size_t i)
{
	uint32_t cp;

	if (i == 0)
		return 0;
	utf8_decode_back(t, i, &cp);
	return cp;
}

/* The last character before i that is not white space, or 0. */
static uint32_t
solid_before(const char *t, size_t lo, size_t i)
{
	while (i > lo) {
		uint32_t cp;
		size_t n = utf8_decode_back(t, i, &cp);

		if (!u_isspace(cp))
			return cp;
		i -= n;
	}
	return 0;
}

/*
 * Hard-wrapped text keeps its lines short; a line too long to be a
 * wrapped one shows that the text is not wrapped, and then each line is
 * a paragraph (feeds that separate paragraphs by single line breaks).
 */
#define QUOTE_WRAP_MAX 160

int
quote_lines_are_paras(const char *t, size_t len)
{
	size_t ls = 0;

	for (;;) {
		const char *nl = memchr(t + ls, '\n', len - ls);
		size_t le = nl != NULL ? (size_t)(nl - t) : len;

		if (le - ls > QUOTE_WRAP_MAX)
			return 1;
		if (nl == NULL)
			return 0;
		ls = le + 1;
	}
}

/* Ends of the paragraph that starts at or after *pos. */
static int
next_para(const char *t, size_t len, int lines, size_t *pos, size_t *ps, size_t *pe)
{
	size_t i = *pos;

	/* skip blank lines and leading white space */
	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(t + i, len - i, &cp);

		if (!u_isspace(cp))
			break;
		i += n;
	}
	if (i >= len)
		return 0;
	*ps = i;
	/* a paragraph ends at a line holding only white space */
	for (;;) {
		const char *nl = memchr(t + i, '\n', len - i);

		i = nl != NULL ? (size_t)(nl - t) : len;
		if (i >= len) {
			*pe = len;
			break;
		}
		size_t j = i + 1;
		int blank = 1;

		while (j < len && t[j] != '\n') {
			uint32_t cp;
			size_t n = utf8_decode(t + j, len - j, &cp);

			if (!u_isspace(cp)) {
				blank = 0;
				break;
			}
			j += n;
		}
		if (blank && j < len) {
			*pe = i;
			break;
		}
		if (blank || lines) {
			*pe = i;
			break;
		}
		i = j;
	}
	while (*pe > *ps) {
		uint32_t cp;
		size_t n = utf8_decode_back(t, *pe, &cp);

		if (!u_isspace(cp))
			break;
		*pe -= n;
	}
	*pos = *pe;
	return 1;
}

/*
 * The first byte at or after i, before end, that may start a double mark
 * ('"', or the lead byte 0xC2 or 0xE2 of « » “ ” „ ‟), else end.  Eight
 * bytes at a time: a word with no byte over 0x7F and no '"' holds none.
 */
static size_t
next_mark_byte(const char *t, size_t i, size_t end)
{
	const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
	const uint64_t quotes = ones * '"';

	while (i + 8 <= end) {
		uint64_t w, x;

		memcpy(&w, t + i, 8);
		x = w ^ quotes;
		if (((w | ((x - ones) & ~x)) & highs) != 0)
			break;
		i += 8;
	}
	while (i < end) {
		unsigned char c = (unsigned char)t[i];

		if (c == '"' || c == 0xE2 || c == 0xC2)
			return i;
		i++;
	}
	return end;
}

size_t
quote_marks_bound(const char *text, size_t len)
{
	size_t n = 0;

	for (size_t i = next_mark_byte(text, 0, len); i < len; i = next_mark_byte(text, i + 1, len))
		n++;
	return n;
}

/* May a mark cp close a quotation opened by open_cp? */
static int
closes(uint32_t open_cp, uint32_t cp)
{
	switch (open_cp) {
	case 0xAB:
		return cp == 0xBB;
	case 0xBB:
		return cp == 0xAB;
	case 0x201E: case 0x201F:
		return cp == 0x201C || cp == 0x201D || cp == '"';
	default:
		return cp == '"' || cp == 0x201D || cp == 0x201C;
	}
}

static int
is_closing_punct(uint32_t cp)
{
	return cp == ',' || cp == '.' || cp == '!' || cp == '?' || cp == ';' || cp == ':';
}

struct pairing {
	int open;
	uint32_t open_cp;
	size_t open_at, inner_at, para_at;
	unsigned flags;
	int nested;             /* quotations open inside this one */
	size_t nest_end;        /* where the first of them closed, or 0 */
	size_t nest_mark;       /* that closing mark's first byte */
};

/* Does t[s..e) hold nothing but white space? */
static int
blank(const char *t, size_t s, size_t e)
{
	while (s < e) {
		uint32_t cp;
		size_t n = utf8_decode(t + s, e - s, &cp);

		if (!u_isspace(cp))
			return 0;
		s += n;
	}
	return 1;
}

/*
 * A pair of marks with nothing between them quotes nobody: it is no
 * span, and a run of them ("""") costs no memory.  One that a paragraph
 * break cuts (reopened or going on) stays, to keep the chain whole.
 */
static void
emit(struct quote_finder *qf, const char *t, const struct pairing *p, size_t end, size_t inner_end,
    size_t pe, unsigned flags)
{
	struct quote_span s;

	if (!((p->flags | flags) & (QUOTE_REOPENED | QUOTE_GOES_ON)) && blank(t, p->inner_at, inner_end))
		return;

	s.start = (uint32_t)p->open_at;
	s.end = (uint32_t)end;
	s.open = (unsigned char)(p->inner_at - p->open_at);
	s.close = (unsigned char)(end - inner_end);
	s.para_start = (uint32_t)p->para_at;
	s.para_end = (uint32_t)pe;
	s.flags = (unsigned char)(p->flags | flags);
	push(qf, &s);
}

size_t
quote_find(struct quote_finder *qf, const char *t, size_t len, const struct quote_span **out)
{
	struct pairing p = { 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	size_t pos = 0, ps, pe, prev_pe = 0;
	int lines = quote_lines_are_paras(t, len);

	qf->n = 0;
	while (next_para(t, len, lines, &pos, &ps, &pe)) {
		size_t i = ps, n;
		int may_nest = 1;

		if (p.open) {
			uint32_t first = char_at(t, len, ps, &n);

			if (u_quote(first) & U_QUOTE_DOUBLE) {
				/* reopened: the previous span ends with its paragraph */
				emit(qf, t, &p, prev_pe, prev_pe, prev_pe, QUOTE_GOES_ON);
				p.open_cp = first;
				p.open_at = ps;
				p.inner_at = ps + n;
				p.para_at = ps;
				p.flags = QUOTE_REOPENED;
				i = ps + n;
			} else if (u_islower(first)) {
				p.flags |= QUOTE_RUNS_ON;
			} else {
				emit(qf, t, &p, prev_pe, prev_pe, prev_pe, QUOTE_UNTERMINATED);
				p.open = 0;
			}
		}
		p.nested = 0;
		p.nest_end = 0;
rescan:
		while (i < pe) {
			unsigned char c = (unsigned char)t[i];

			/* every double mark starts with one of these bytes */
			if (c != '"' && c != 0xE2 && c != 0xC2) {
				i = next_mark_byte(t, i + 1, pe);
				continue;
			}
			uint32_t cp = char_at(t, pe, i, &n);
			int q = u_quote(cp);

			if (!(q & U_QUOTE_DOUBLE)) {
				i += n;
				continue;
			}
			uint32_t before = char_before(t, i);
			size_t m;
			uint32_t after = char_at(t, pe, i + n, &m);

			if (!p.open) {
				if (before == '=') {
					/* a markup attribute: skip to its closing mark */
					size_t j = i + n;

					while (j < pe && t[j] != (char)cp)
						j++;
					i = j < pe ? j + 1 : pe;
					continue;
				}
				/* French « » take a space inside; other marks do not */
				if (after == 0 || (u_isspace(after) && cp != 0xAB && cp != 0xBB) ||
				    (cp == '"' && u_isdigit(before))) {
					i += n;     /* a stray or inch mark */
					continue;
				}
				if (cp == 0x201D && before != 0 && !u_isspace(before)) {
					i += n;
					continue;
				}
				p.open = 1;
				p.open_cp = cp;
				p.open_at = i;
				p.inner_at = i + n;
				p.para_at = ps;
				p.flags = 0;
				p.nested = 0;
				p.nest_end = 0;
				i += n;
				continue;
			}
			if (!closes(p.open_cp, cp)) {
				i += n;
				continue;
			}
			if (cp == 0x201C && p.open_cp != 0x201E && p.open_cp != 0x201F) {
				/*
				 * An opening mark inside a quotation closes it when
				 * it follows the quotation's last punctuation
				 * ("...intervention, “he added") or ends a word;
				 * otherwise it opens a quotation inside this one,
				 * as one after a colon does ("the question was:
				 * “Who pays?”").
				 */
				uint32_t solid = solid_before(t, p.inner_at, i);

				if (!(is_closing_punct(solid) && solid != ':') &&
				    !(after == 0 || u_isspace(after) || is_closing_punct(after))) {
					p.nested += may_nest;
					i += n;
					continue;
				}
			}
			if (cp == 0x201D && p.nested > 0) {
				/* it closes the quotation inside */
				p.nested--;
				if (!p.nest_end) {
					p.nest_mark = i;
					p.nest_end = i + n;
				}
				i += n;
				continue;
			}
			emit(qf, t, &p, i + n, i, pe, 0);
			p.open = 0;
			i += n;
		}
		if (p.open && p.nest_end) {
			/*
			 * The paragraph ended inside a quotation that a mark
			 * taken as closing one inside it would have closed
			 * ("“We will win “big,” she said."): it did.  Read the
			 * rest again once, nesting nothing.
			 */
			emit(qf, t, &p, p.nest_end, p.nest_mark, pe, 0);
			p.open = 0;
			i = p.nest_end;
			p.nest_end = 0;
			p.nested = 0;
			may_nest = 0;
			goto rescan;
		}
		prev_pe = pe;
	}
	if (p.open)
		emit(qf, t, &p, prev_pe, prev_pe, prev_pe, QUOTE_UNTERMINATED);
	*out = qf->spans;
	return qf->n;
}

void
quote_trim_words(const char *t, size_t *s, size_t *e)
{
	for (;;) {
		uint32_t cp;

		while (*s < *e) {
			size_t n = utf8_decode(t + *s, *e - *s, &cp);

			if (!u_isspace(cp))
				break;
			*s += n;
		}
		if (*e <= *s)
			return;
		size_t n = utf8_decode_back(t, *e, &cp);

		if (u_isspace(cp) || cp == ',')
			*e -= n;
		else
			return;
	}
}
