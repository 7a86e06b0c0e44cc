#include <string.h>

#include "calendar.h"
#include "layout.h"
#include "utf8.h"

/* Lines longer than this are never titles, bylines or date lines. */
enum { HEAD_LINE_MAX = 300, BYLINE_MAX = 100, DATELINE_MAX = 100 };

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static size_t
line_end(const char *s, size_t n, size_t i)
{
	const char *nl = memchr(s + i, '\n', n - i);

	return nl ? (size_t)(nl - s) : n;
}

static int
blank_line(const char *s, size_t a, size_t b)
{
	while (a < b && blank(s[a]))
		a++;
	return a == b;
}

/* Trims white space (ASCII and Unicode) from both ends of [*a, *b). */
static void
trim(const char *s, size_t *a, size_t *b)
{
	uint32_t cp;
	size_t k;

	while (*a < *b && (k = utf8_decode(s + *a, *b - *a, &cp)) && u_isspace(cp))
		*a += k;
	while (*b > *a && (k = utf8_decode_back(s, *b, &cp)) && u_isspace(cp))
		*b -= k;
}

static int
starts_upper(const char *s, size_t a, size_t b)
{
	uint32_t cp;

	return a < b && (utf8_decode(s + a, b - a, &cp), u_isupper(cp) || u_isdigit(cp));
}

/* "**Title**" or "# Title": sets the inner span. */
static int
marked_title(const char *s, size_t a, size_t b, struct block *bl)
{
	if (b - a > 4 && s[a] == '*' && s[a + 1] == '*' && s[b - 1] == '*' && s[b - 2] == '*') {
		bl->inner_start = a + 2, bl->inner_end = b - 2;
	} else if (b - a > 2 && s[a] == '#' && s[a + 1] == ' ') {
		bl->inner_start = a + 2, bl->inner_end = b;
	} else {
		return 0;
	}
	trim(s, &bl->inner_start, &bl->inner_end);
	return bl->inner_start < bl->inner_end;
}

/* An unmarked headline: one short line that does not end a sentence. */
static int
headline(const char *s, size_t a, size_t b)
{
	char last = s[b - 1];

	return b - a <= HEAD_LINE_MAX && memchr(s + a, '\n', b - a) == NULL &&
	    starts_upper(s, a, b) && last != '.' && last != ',' && last != ';' && last != ':';
}

static int
date_line(const char *s, size_t a, size_t b)
{
	struct ymd d;
	size_t k;

	if (b - a > 40)
		return 0;
	k = date_parse(s + a, b - a, ORDER_DMY, NULL, &d);
	return k > 0 && d.year && blank_line(s, a + k, b);
}

static int
has_prefix(const char *s, size_t a, size_t b, const char *p)
{
	size_t n = strlen(p);

	return b - a >= n && memcmp(s + a, p, n) == 0;
}

int
layout_sign_off(const char *s, size_t n)
{
	/* The wires' names as their copy ends: alone on the last line. */
	static const char *const wires[] = {
		"Reuter", "REUTER", "Reuters", "REUTERS", "AP", "AFP", "UPI", "dpa", NULL
	};
	for (int k = 0; wires[k]; k++)
		if (strlen(wires[k]) == n && memcmp(wires[k], s, n) == 0)
			return 1;
	return 0;
}

/*
 * "By NAME", "Edited by NAME", "(Reporting by NAME; Editing by ...)",
 * or the wire's sign-off "Reuter".  NAME is a few capitalised words.
 */
static int
byline(const char *s, size_t a, size_t b, struct block *bl)
{
	static const char *const leads[] = {
		"By ", "BY ", "Edited by ", "Written by ", "Reported by ", "Compiled by ",
		"Story by ", "Words by ", "(Reporting by ", "Reporting by ", NULL
	};
	size_t i, e, words = 0;
	int k;

	if (b - a > BYLINE_MAX || memchr(s + a, '\n', b - a))
		return 0;
	if (layout_sign_off(s + a, b - a)) {
		bl->inner_start = a, bl->inner_end = b;
		return 1;
	}
	for (k = 0; leads[k] && !has_prefix(s, a, b, leads[k]); k++)
		;
	if (!leads[k])
		return 0;
	i = a + strlen(leads[k]);
	/* The name ends at a separator, or at the line's end. */
	for (e = i; e < b && s[e] != ';' && s[e] != ')' && s[e] != ','; e++)
		;
	bl->inner_start = i, bl->inner_end = e;
	trim(s, &bl->inner_start, &bl->inner_end);
	if (bl->inner_start == bl->inner_end || !starts_upper(s, bl->inner_start, bl->inner_end))
		return 0;
	/* Every word capitalised (but name particles), and not many of them. */
	for (i = bl->inner_start; i < bl->inner_end; ) {
		while (i < bl->inner_end && s[i] == ' ')
			i++;
		if (i == bl->inner_end)
			break;
		if (!starts_upper(s, i, bl->inner_end) && !has_prefix(s, i, bl->inner_end, "and ") &&
		    !has_prefix(s, i, bl->inner_end, "de ") && !has_prefix(s, i, bl->inner_end, "van ") &&
		    !has_prefix(s, i, bl->inner_end, "von ") && !has_prefix(s, i, bl->inner_end, "da "))
			return 0;
		while (i < bl->inner_end && s[i] != ' ')
			i++;
		words++;
	}
	return words >= 1 && words <= 8 && s[bl->inner_end - 1] != '.';
}

/*
 * Whether the line from i holds a lower-case letter: a dateline's runs
 * on into the story, a headline's ("SOCCER - ENGLAND WIN") does not.
 */
static int
lower_after(const char *s, size_t i, size_t b)
{
	uint32_t cp;
	size_t end = line_end(s, b, i);
	for (size_t k; i < end; i += k) {
		k = utf8_decode(s + i, end - i, &cp);
		if (u_islower(cp))
			return 1;
	}
	return 0;
}

/*
 * "HONG KONG, March 25 - ", "Mexico City, February 7 (RHC)-- ",
 * "LONDON (Reuters) - ": a place, maybe a date and an agency, then a
 * dash.  Sets the inner span to the prefix before the dash and *when to
 * its month and day (year too when given).
 */
static int
dateline(const char *s, size_t a, size_t b, struct block *bl, struct ymd *when)
{
	size_t i, dash = 0, lim = b - a > DATELINE_MAX ? a + DATELINE_MAX : b;
	int words = 0, caps_word = 0, agency = 0, dated = 0;
	uint32_t cp;
	size_t k;

	if (!starts_upper(s, a, b))
		return 0;
	for (i = a; i < lim; i += k) {
		k = utf8_decode(s + i, lim - i, &cp);
		if (cp == '-' && i + 1 < lim && s[i + 1] == '-') {
			dash = i;
			break;
		}
		/* " - ", and "Oct 2- " or "(Reuters)- " as wire copy types it */
		if ((cp == '-' && i > a && (s[i - 1] == ' ' || s[i - 1] == ')' ||
		    (s[i - 1] >= '0' && s[i - 1] <= '9')) && i + 1 < lim && s[i + 1] == ' ') ||
		    cp == 0x2014 || cp == 0x2013) {
			dash = i;
			break;
		}
		if (cp == '\n')
			return 0;
	}
	if (!dash || !lower_after(s, dash, b))
		return 0;
	when->year = when->month = when->day = 0;
	/* Walk the words before the dash: each capitalised, a date, or "(AGENCY)". */
	for (i = a; i < dash; ) {
		size_t w = i, e;
		struct ymd d;

		while (w < dash && (s[w] == ' ' || s[w] == ','))
			w++;
		if (w == dash)
			break;
		if (s[w] == '(') {
			const char *close = memchr(s + w, ')', dash - w);
			if (!close)
				return 0;
			agency = 1;
			i = (size_t)(close - s) + 1;
			continue;
		}
		if ((k = date_parse(s + w, dash - w, ORDER_DMY, NULL, &d)) > 0 && d.month) {
			*when = d;
			dated = 1;
			i = w + k;
			continue;
		}
		if (!starts_upper(s, w, dash))
			return 0;
		for (e = w; e < dash && s[e] != ' ' && s[e] != ',' && s[e] != '('; e++)
			;
		if (e - w >= 2 && s[w] >= 'A' && s[w] <= 'Z' && s[w + 1] >= 'A' && s[w + 1] <= 'Z')
			caps_word = 1;
		if (++words > 6)
			return 0;
		i = e;
	}
	if (!words || !(caps_word || agency || dated))
		return 0;
	bl->inner_start = a, bl->inner_end = dash;
	trim(s, &bl->inner_start, &bl->inner_end);
	return 1;
}

void
layout_init(struct layout *l, const char *text, size_t len)
{
	memset(l, 0, sizeof *l);
	l->text = text;
	l->len = len;
}

void
layout_continue(struct layout *l, const char *text, size_t len)
{
	l->text = text;
	l->len = len;
	l->pos = 0;
}

/*
 * layout_next, and the month and day (year too when given) of a
 * dateline block in *when, so that layout_find_date need not read the
 * dateline twice.
 */
static int
next_block(struct layout *l, struct block *bl, struct ymd *when)
{
	const char *s = l->text;
	size_t n = l->len, a, e, b;

	/* Skip blank lines. */
	for (;;) {
		if (l->pos >= n)
			return 0;
		e = line_end(s, n, l->pos);
		if (!blank_line(s, l->pos, e))
			break;
		l->pos = e + 1;
	}
	a = l->pos;
	bl->number = ++l->blocks;
	bl->kind = BLOCK_BODY;

	/* In the head, a title, date or byline line stands alone even when
	 * no blank line follows it (wire copy runs them together). */
	if (!l->seen_body) {
		b = e;
		trim(s, &a, &b);
		if ((!l->seen_title && marked_title(s, a, b, bl) && (bl->kind = BLOCK_TITLE)) ||
		    (date_line(s, a, b) && (bl->kind = BLOCK_DATE)) ||
		    (byline(s, a, b, bl) && (bl->kind = BLOCK_BYLINE))) {
			if (bl->kind == BLOCK_TITLE)
				l->seen_title = 1;
			if (bl->kind == BLOCK_DATE)
				bl->inner_start = a, bl->inner_end = b;
			bl->start = a, bl->end = b;
			l->pos = e < n ? e + 1 : n;
			return 1;
		}
		a = l->pos;
	}

	/* A block runs to the next blank line. */
	for (b = e; b < n; b = e) {
		size_t next = b + 1;
		if (next >= n)
			break;
		e = line_end(s, n, next);
		if (blank_line(s, next, e))
			break;
	}
	l->pos = b < n ? b + 1 : n;
	trim(s, &a, &b);
	bl->start = bl->inner_start = a;
	bl->end = bl->inner_end = b;

	if (byline(s, a, b, bl)) {
		bl->kind = BLOCK_BYLINE;
	} else if (!l->seen_body && !l->seen_title && bl->number == 1 && headline(s, a, b)) {
		bl->kind = BLOCK_TITLE;
		l->seen_title = 1;
	} else {
		if (!l->seen_body && !l->seen_dateline && dateline(s, a, b, bl, when)) {
			bl->kind = BLOCK_DATELINE;
			l->seen_dateline = 1;
		}
		l->seen_body = 1;
	}
	return 1;
}

int
layout_next(struct layout *l, struct block *bl)
{
	struct ymd when;

	return next_block(l, bl, &when);
}

const char *
block_kind_name(enum block_kind k)
{
	switch (k) {
	case BLOCK_TITLE: return "title";
	case BLOCK_DATE: return "date";
	case BLOCK_DATELINE: return "dateline";
	case BLOCK_BYLINE: return "byline";
	case BLOCK_BODY: break;
	}
	return "body";
}

int
layout_find_date(const char *text, size_t len, enum date_order order, char out[11])
{
	struct layout l;
	struct block bl;
	struct ymd hint = {0, 0, 0}, when, d;
	size_t date_start = 0, date_end = 0;
	int have_line = 0;

	layout_init(&l, text, len);
	while (next_block(&l, &bl, &when)) {
		if (bl.kind == BLOCK_DATE && !have_line) {
			date_start = bl.start, date_end = bl.end;
			have_line = 1;
		} else if (bl.kind == BLOCK_DATELINE) {
			hint = when;
		}
		if (l.seen_body)
			break;
	}
	if (have_line && date_parse(text + date_start, date_end - date_start, order, &hint, &d))
		return ymd_format(&d, out);
	if (hint.year)
		return ymd_format(&hint, out);
	out[0] = '\0';
	return 0;
}
