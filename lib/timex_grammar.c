#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "calendar.h"
#include "timex_grammar.h"
#include "timex_tense.h"

/*
 * The expression grammar: each p_* rule reads the tokens from i and
 * fills a result, or returns 0.  Rules are plain code over a token
 * window, tried longest first by parse(); the words they know are in
 * lib/data/timex_words.tsv.
 */

enum { U_NONE, U_S, U_MIN, U_H, U_D, U_W, U_WE, U_FN, U_M, U_Q, U_Y, U_DE, U_CE, U_ML };

static const char *const unit_names[] = {
	"", "S", "MIN", "H", "D", "W", "WE", "FN", "M", "Q", "Y", "DE", "CE", "ML"
};

const struct tok *
timex_read_to(struct timex_ctx *c, int i)
{
	static const struct tok end_tok = { 0, 0, TK_END, TW_NONE, 0, 0, NULL, 0, 0, 0 };
	const struct tok *end = &end_tok;
	if (i < 0 || i >= MAXTOK)
		return end;
	while (c->n <= i && !c->ended) {
		c->next = tw_next(c->text, c->len, c->next, &c->t[c->n]);
		if (c->t[c->n].kind == TK_END)
			c->ended = 1;
		else
			c->n++;
	}
	return i < c->n ? &c->t[i] : end;
}

/* Whether t's table value is the string v (no strlen: the grammar asks often). */
static inline int
val_is(const struct tok *t, const char *v)
{
	if (!t->vlen)
		return 0;
	for (size_t k = 0; k < t->vlen; k++)
		if (t->val[k] != v[k])
			return 0;
	return v[t->vlen] == 0;
}

static int
unit_of(const struct tok *t)
{
	if (t->kind != TK_WORD)
		return U_NONE;
	if (t->cls == TW_ORD && t->num == 2)
		return U_S;     /* "second" */
	if (t->cls != TW_UNIT && t->cls != TW_UNITS)
		return U_NONE;
	for (int u = 1; u <= U_ML; u++)
		if (val_is(t, unit_names[u]))
			return u;
	return U_NONE;
}

/* ---------------------------------------------------------------- values */

static int
ref_known(struct timex_ctx *c)
{
	return c->d->ref.year > 0;
}

/* Writes n as width digits (n in range) at out; the values are written often enough for printf to show. */
static char *
digits(char *out, int n, int width)
{
	for (int k = width - 1; k >= 0; k--) {
		out[k] = (char)('0' + n % 10);
		n /= 10;
	}
	return out + width;
}

static void
put_year(struct timex_res *r, int y)
{
	if (y > 0 && y <= 9999)
		*digits(r->v, y, 4) = 0;
	else
		memcpy(r->v, "XXXX", 5);
}

static void
put_month(struct timex_res *r, int y, int m)
{
	put_year(r, y);
	r->v[4] = '-';
	*digits(r->v + 5, m, 2) = 0;
}

static void
put_day(struct timex_res *r, int y, int m, int d)
{
	put_month(r, y, m);
	r->v[7] = '-';
	*digits(r->v + 8, d, 2) = 0;
}

static void
put_days(struct timex_res *r, long days)
{
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	put_day(r, y, m, d);
}

static void
put_week(struct timex_res *r, long days)
{
	int y, m, d, wy, wk;
	civil_from_days(days, &y, &m, &d);
	iso_week(y, m, d, &wy, &wk);
	snprintf(r->v, sizeof r->v, "%04d-W%02d", wy, wk);
}

static long
ref_days(struct timex_ctx *c)
{
	return days_from_civil(c->d->ref.year, c->d->ref.month, c->d->ref.day);
}

static void
set(struct timex_res *r, int ntok, enum timex_type type)
{
	r->ntok = ntok;
	r->type = type;
}

/* Appends "T" and a part of day (MO AF EV NI) or a clock time to a date value. */
static void
add_time(struct timex_res *r, const char *part)
{
	size_t n = strlen(r->v);
	snprintf(r->v + n, sizeof r->v - n, "T%s", part);
	r->type = TIMEX_TIME;
}

/* Appends the part of day that token j names ("Friday night": TNI). */
static void
add_part_of_day(struct timex_ctx *c, int j, struct timex_res *r)
{
	char part[3] = { T(c, j)->val[0], T(c, j)->val[1], 0 };

	add_time(r, part);
}

static int
month_mod_year(int y, int m, int delta, int *om)
{
	int k = y * 12 + (m - 1) + delta;
	int q = k >= 0 ? k / 12 : -((-k + 11) / 12);    /* floor, for years before 0 */
	*om = k - q * 12 + 1;
	return q;
}

static int sentence_dir(struct timex_ctx *c, int i, int j);
static int strong_dir(struct timex_ctx *c, int i, int j);

/*
 * The year of month m named without one, in tokens i..j.  News names
 * the months near its date: one or two months ahead is the coming one
 * ("Dec. 7" in November, "Jan. 2" in November; a bare month only when
 * no finite verb says past), one or two behind the one just gone; further off, the verbs decide ("said in August" in
 * March is last year's, "will open in January" in November next
 * year's), and with no evidence the article's own year.  strong: count
 * finite verbs only (for dates with a day, where an infinitive nearby
 * says little).
 */
static int
month_year(struct timex_ctx *c, int m, int i, int j, int strong)
{
	int y = c->d->ref.year, rm = c->d->ref.month;
	if (!y || m == rm)
		return y;
	int ahead = (m - rm + 12) % 12;
	if (ahead <= 2 && (strong || strong_dir(c, i, j) >= 0))
		return m < rm ? y + 1 : y;
	if (ahead >= 10)
		return m > rm ? y - 1 : y;
	int dir = strong || ahead <= 2 ? strong_dir(c, i, j) : sentence_dir(c, i, j);
	if (m > rm && dir < 0)
		return y - 1;
	if (m < rm && dir > 0)
		return y + 1;
	return y;
}

/* The date of a bare weekday wd (0 = Monday), from the tense around it. */
static long
weekday_days(struct timex_ctx *c, int wd, int dir)
{
	long r = ref_days(c);
	int rwd = weekday_of(c->d->ref.year, c->d->ref.month, c->d->ref.day);
	if (dir < 0)
		return r - (rwd - wd + 7) % 7;
	if (dir > 0)
		return r + (wd - rwd + 7) % 7;
	return r - (rwd - wd + 7) % 7;
}

static void
put_weekday(struct timex_ctx *c, struct timex_res *r, int wd, int dir)
{
	if (!ref_known(c)) {
		snprintf(r->v, sizeof r->v, "XXXX-WXX-%d", wd + 1);
		return;
	}
	put_days(r, weekday_days(c, wd, dir));
}

/* ---------------------------------------------------------------- numbers */

/*
 * Reads a number at token i: digits ("20", "1,000"), or words ("two",
 * "twenty-four", "twenty four", "a hundred").  Returns the tokens used.
 */
static int
number_at(struct timex_ctx *c, int i, long *val)
{
	const struct tok *t = T(c, i);
	if (t->kind == TK_NUM) {
		long v = t->num;
		int k = 1;
		if (t->s > 0 && (c->text[t->s - 1] == '/' || c->text[t->s - 1] == '.'))
			return 0;   /* the end of "1/2", "2.5" */
		while (is_punct(c, i + k, ',') && adj(c, i + k) && T(c, i + k + 1)->kind == TK_NUM &&
		    adj(c, i + k + 1) && T(c, i + k + 1)->e - T(c, i + k + 1)->s == 3) {
			if (v < 1000000000L)    /* no overflow on "1,000,000,000,000,000" */
				v = v * 1000 + T(c, i + k + 1)->num;
			k += 2;
		}
		/* a decimal ("2.4") or a fraction ("1/2") is no count of units */
		if ((is_punct(c, i + k, '.') || is_punct(c, i + k, '/')) && adj(c, i + k) &&
		    T(c, i + k + 1)->kind == TK_NUM && adj(c, i + k + 1))
			return 0;
		*val = v;
		return k;
	}
	if (!is_cls(c, i, TW_NUM))
		return 0;
	long v = t->num;
	int k = 1;
	if (v >= 20 && v <= 90 && v % 10 == 0) {
		int j = i + 1;
		if (is_dash(c, j) && adj(c, j))
			j++;
		if (is_cls(c, j, TW_NUM) && T(c, j)->num >= 1 && T(c, j)->num <= 9 &&
		    !is_word(c, j, "a") && !is_word(c, j, "an")) {
			v += T(c, j)->num;
			k = j - i + 1;
		}
	}
	if (is_word(c, i + k, "hundred") || is_word(c, i + k, "thousand")) {
		v *= T(c, i + k)->num;
		k++;
	}
	*val = v;
	return k;
}

/* ---------------------------------------------------------------- years */

static int
is_year_num(const struct tok *t)
{
	return t->kind == TK_NUM && t->e - t->s == 4 && t->num >= 1000 && t->num <= 2199;
}

/* Words after a number that make it a count, not a year. */
static int
count_noun(struct timex_ctx *c, int i)
{
	static const char *const nouns[] = {
		"percent", "pct", "shares", "people", "tons", "tonnes", "dollars",
		"points", "members", "feet", "meters", "metres", "miles", "acres",
		"units", "employees", "workers", "troops", "barrels", "cars",
		"votes", "seats", "jobs", "pounds", "yen", "marks", "francs",
		"kilometers", "kilometres", "ounces", "bushels", "contracts",
		"lire", "pesos", "rupees", "times", NULL
	};
	const struct tok *t = T(c, i);
	if (t->kind != TK_WORD)
		return is_punct(c, i, '%');
	char first = c->text[t->s];
	for (int k = 0; nouns[k]; k++)
		if ((first | 0x20) == nouns[k][0] && tok_is(c->text, t, nouns[k], strlen(nouns[k])))
			return 1;
	return 0;
}

/*
 * A year at token i: "1987", "1990s", "'90s", "1990's".  Returns the
 * tokens used; *decade is set for decades (value "199").
 */
static int
year_at(struct timex_ctx *c, int i, int *year, int *decade)
{
	const struct tok *t = T(c, i);
	*decade = 0;
	if (is_punct(c, i, '\'') && T(c, i + 1)->kind == TK_NUM && adj(c, i + 1) &&
	    T(c, i + 1)->e - T(c, i + 1)->s == 2 && T(c, i + 1)->num % 10 == 0 &&
	    wordeq(c->text, T(c, i + 2), "s") && adj(c, i + 2)) {
		*year = 1900 + (int)T(c, i + 1)->num;
		*decade = 1;
		return 3;
	}
	if (!is_year_num(t))
		return 0;
	/* parts of bigger numbers, prices, decimals, times */
	if (i > 0 || t->s > 0) {
		size_t s = t->s;
		if (s > 0) {
			char p = c->text[s - 1];
			if (p == '$' || p == '#' || p == '.' || p == ',' || p == '/' || p == ':' ||
			    p == '+' || tw_byte_class[(unsigned char)p] == 1)
				return 0;
			if (p == '-' && s > 1 && tw_byte_class[(unsigned char)c->text[s - 2]] == 2)
				return 0;
		}
	}
	if (T(c, i + 1)->kind != TK_END && adj(c, i + 1)) {
		if ((is_punct(c, i + 1, ',') || is_punct(c, i + 1, '.') || is_punct(c, i + 1, ':') ||
		     is_punct(c, i + 1, '/')) && T(c, i + 2)->kind == TK_NUM && adj(c, i + 2))
			return 0;
		if (wordeq(c->text, T(c, i + 1), "s") && t->num % 10 == 0) {
			*year = (int)t->num;
			*decade = 1;
			return 2;
		}
		if (is_punct(c, i + 1, '\'') && wordeq(c->text, T(c, i + 2), "s") && adj(c, i + 2) &&
		    t->num % 10 == 0) {
			*year = (int)t->num;
			*decade = 1;
			return 3;
		}
		if (T(c, i + 1)->kind == TK_WORD || is_punct(c, i + 1, '%'))
			return 0;
	}
	if (count_noun(c, i + 1))
		return 0;
	*year = (int)t->num;
	return 1;
}

static int spelled_year(struct timex_ctx *c, int i, int *year, int *decade);

/*
 * The year of a month or a season, in digits or as said on the radio:
 * "January 1997", "the winter of nineteen ninety-four".  Not a decade.
 */
static int
year_written(struct timex_ctx *c, int i, int *year)
{
	int dec;
	int n = year_at(c, i, year, &dec);
	if (!n)
		n = spelled_year(c, i, year, &dec);
	return n && !dec ? n : 0;
}

/* ---------------------------------------------------------------- grammar */

static int parse(struct timex_ctx *c, int i, struct timex_res *r);

static int
sentence_dir(struct timex_ctx *c, int i, int j)
{
	return timex_tense(c->text, c->len, T(c, i)->s, T(c, j)->e, NULL);
}

static int
strong_dir(struct timex_ctx *c, int i, int j)
{
	int strong;
	timex_tense(c->text, c->len, T(c, i)->s, T(c, j)->e, &strong);
	return strong;
}

/*
 * A bare weekday looks back unless a finite verb points ahead: in news
 * "Friday" is mostly a day just gone, and an infinitive ("was due to
 * expire Friday") is weak evidence.
 */
static int
weekday_dir(struct timex_ctx *c, int i, int j)
{
	/* "Wednesday's ruling": an event the news reports, so one gone by */
	if (is_punct(c, j + 1, '\'') && adj(c, j + 1) && wordeq(c->text, T(c, j + 2), "s") &&
	    adj(c, j + 2))
		return -1;
	int strong;
	timex_tense(c->text, c->len, T(c, i)->s, T(c, j)->e, &strong);
	return strong > 0 ? 1 : -1;
}

/* A day of the month at token i: "7", "7th", "31st".  Returns tokens used. */
static int
mday_at(struct timex_ctx *c, int i, int *day)
{
	const struct tok *t = T(c, i);
	if (t->kind != TK_NUM || t->e - t->s > 2 || t->num < 1 || t->num > 31)
		return 0;
	int k = 1;
	if (adj(c, i + 1) && (is_word(c, i + 1, "st") || is_word(c, i + 1, "nd") ||
	    is_word(c, i + 1, "rd") || is_word(c, i + 1, "th")))
		k = 2;
	else if (T(c, i + 1)->kind == TK_WORD && adj(c, i + 1))
		return 0;
	else if ((is_punct(c, i + 1, '.') || is_punct(c, i + 1, ',') || is_punct(c, i + 1, ':') ||
	    is_punct(c, i + 1, '/')) && adj(c, i + 1) && T(c, i + 2)->kind == TK_NUM && adj(c, i + 2))
		return 0;
	else if (is_punct(c, i + 1, '%'))
		return 0;
	*day = (int)t->num;
	return k;
}

/*
 * Whether the month word at token i is a month here: "May" and
 * "March" are also a verb, a name ("Theresa May") and a noun.
 */
static int
month_word(struct timex_ctx *c, int i)
{
	const struct tok *t = T(c, i);
	if (!is_cls(c, i, TW_MONTH))
		return 0;
	size_t n = t->e - t->s;
	int abbrev = n <= 4 && !is_word(c, i, "june") && !is_word(c, i, "july") &&
	    !is_word(c, i, "may");
	if (abbrev) {
		/* "Sept." or "Sept 30"; "Jan" alone is a name */
		if (!t->cap)
			return 0;
		if (!(is_punct(c, i + 1, '.') && adj(c, i + 1)) && T(c, i + 1)->kind != TK_NUM)
			return 0;
		return 1;
	}
	if (is_word(c, i, "may") || is_word(c, i, "march")) {
		if (!t->cap)
			return 0;
		if (T(c, i + 1)->kind == TK_NUM)
			return 1;
		/* "May I add", "may be" */
		if (is_word(c, i + 1, "i") || is_word(c, i + 1, "we") || is_word(c, i + 1, "you") ||
		    is_word(c, i + 1, "he") || is_word(c, i + 1, "she") || is_word(c, i + 1, "they") ||
		    is_word(c, i + 1, "be") || is_word(c, i + 1, "not") || is_word(c, i + 1, "have"))
			return 0;
		struct tok p;
		if (!tw_prev(c->text, t->s, &p))
			return 0;
		if (p.kind == TK_WORD && (p.cls == TW_FUNC || p.cls == TW_REL || p.cls == TW_EDGE ||
		    p.cls == TW_WDAY || p.cls == TW_NUM || p.cls == TW_ORD))
			return !wordeq(c->text, &p, "to") || is_word(c, i + 1, "and") ||
			    T(c, i + 1)->kind == TK_PUNCT;
		if (p.kind == TK_PUNCT && c->text[p.s] == '-')
			return 1;
		return 0;
	}
	return t->cap || n > 3;
}

/* Skips the period of an abbreviated month ("Sept.", not "July."). */
static int
month_dot(struct timex_ctx *c, int i)
{
	return is_punct(c, i, '.') && adj(c, i) && T(c, i - 1)->e - T(c, i - 1)->s <= 4 &&
	    !is_word(c, i - 1, "june") && !is_word(c, i - 1, "july") && !is_word(c, i - 1, "may");
}

/* "last year", "this year", "next year" after a month or season. */
static int
rel_year_at(struct timex_ctx *c, int i, int *year)
{
	if (!is_cls(c, i, TW_REL) || !is_word(c, i + 1, "year"))
		return 0;
	int y = c->d->ref.year;
	if (is_word(c, i, "last") || is_word(c, i, "past") || is_word(c, i, "previous"))
		*year = y ? y - 1 : 0;
	else if (is_word(c, i, "next") || is_word(c, i, "coming"))
		*year = y ? y + 1 : 0;
	else if (is_word(c, i, "this") || is_word(c, i, "current"))
		*year = y;
	else
		return 0;
	return 2;
}

/* MONTH [DAY] [, YEAR] | MONTH [of] YEAR | MONTH last year. */
static int
p_month(struct timex_ctx *c, int i, struct timex_res *r)
{
	if (!month_word(c, i))
		return 0;
	int m = (int)T(c, i)->num, k = 1, day = 0, year = 0, dec;
	if (month_dot(c, i + k))
		k++;
	int n = mday_at(c, i + k, &day);
	if (n) {
		k += n;
		int j = i + k;
		if (is_punct(c, j, ','))
			j++;
		int yn = year_at(c, j, &year, &dec);
		if (yn && !dec)
			k = j - i + yn;
		else
			year = 0;
		if (day > days_in_month(year ? year : 2000, m))
			return 0;
		if (year)
			r->told = year * 100 + m;
		else
			year = month_year(c, m, i, i + k - 1, 1);
		put_day(r, year, m, day);
		set(r, k, TIMEX_DATE);
		return k;
	}
	int j = i + k;
	if (is_word(c, j, "of") || is_punct(c, j, ','))
		j++;
	int yn = year_written(c, j, &year);
	if (yn) {
		put_month(r, year, m);
		set(r, j - i + yn, TIMEX_DATE);
		r->told = year * 100 + m;
		return r->ntok;
	}
	if ((yn = rel_year_at(c, i + k, &year))) {
		put_month(r, year, m);
		set(r, k + yn, TIMEX_DATE);
		return r->ntok;
	}
	/* "that January day in 2011": a year written in the phrase wins over the tense */
	for (j = i + k; j < i + k + 2 && T(c, j)->kind == TK_WORD && !T(c, j)->cap &&
	    !is_word(c, j, "in") && !is_word(c, j, "of"); j++)
		;
	if ((is_word(c, j, "in") || is_word(c, j, "of")) && (yn = year_at(c, j + 1, &year, &dec)) && !dec) {
		put_month(r, year, m);
		set(r, k, TIMEX_DATE);
		return k;
	}
	year = month_year(c, m, i, i + k - 1, 0);
	put_month(r, year, m);
	set(r, k, TIMEX_DATE);
	r->told = year * 100 + m;
	return k;
}

/* DAY MONTH [YEAR]: "13 March 1987", "13th of March". */
static int
p_day_month(struct timex_ctx *c, int i, struct timex_res *r)
{
	int day, year = 0, dec;
	int k = mday_at(c, i, &day);
	if (!k)
		return 0;
	if (is_word(c, i + k, "of"))
		k++;
	if (!month_word(c, i + k))
		return 0;
	int m = (int)T(c, i + k)->num;
	k++;
	if (month_dot(c, i + k))
		k++;
	int j = i + k;
	if (is_punct(c, j, ','))
		j++;
	int yn = year_at(c, j, &year, &dec);
	if (yn && !dec)
		k = j - i + yn;
	else
		year = 0;
	if (day > days_in_month(year ? year : 2000, m))
		return 0;
	put_day(r, year ? year : month_year(c, m, i, i + k - 1, 1), m, day);
	set(r, k, TIMEX_DATE);
	return k;
}

/*
 * Numeric dates: 1987-03-13, 13/03/1987, 3/13/87.  Day and month
 * order: a side over 12 decides (and tells the rest of the document),
 * else the reference date's own month and day (an article dated
 * 07/02/2020 with a dateline of February 7), else an earlier date of
 * the document with a side over 12, else the caller's order.
 */
static int
p_numeric(struct timex_ctx *c, int i, struct timex_res *r)
{
	const struct tok *a = T(c, i);
	if (a->kind != TK_NUM || (i == 0 && a->s > 0 &&
	    (c->text[a->s - 1] == '$' || c->text[a->s - 1] == '/' || c->text[a->s - 1] == '.')))
		return 0;
	char sep;
	if (is_punct(c, i + 1, '-'))
		sep = '-';
	else if (is_punct(c, i + 1, '/'))
		sep = '/';
	else if (is_punct(c, i + 1, '.'))
		sep = '.';
	else
		return 0;
	if (!(adj(c, i + 1) && T(c, i + 2)->kind == TK_NUM && adj(c, i + 2) &&
	    is_punct(c, i + 3, sep) && adj(c, i + 3) && T(c, i + 4)->kind == TK_NUM && adj(c, i + 4)))
		return 0;
	const struct tok *b = T(c, i + 2), *e = T(c, i + 4);
	if (T(c, i + 5)->kind != TK_END && adj(c, i + 5) && T(c, i + 5)->kind != TK_PUNCT)
		return 0;
	if ((is_punct(c, i + 5, '/') || is_punct(c, i + 5, '-') || is_punct(c, i + 5, '.')) && adj(c, i + 5) &&
	    T(c, i + 6)->kind == TK_NUM && adj(c, i + 6))
		return 0;
	int y, m, d;
	size_t la = a->e - a->s, lb = b->e - b->s, le = e->e - e->s;
	if (la == 4 && lb <= 2 && le <= 2) {
		y = (int)a->num;
		m = (int)b->num;
		d = (int)e->num;
	} else if (la <= 2 && lb <= 2 && (le == 4 || le == 2)) {
		y = (int)e->num;
		if (le == 2)
			y += y < 40 ? 2000 : 1900;
		int x = (int)a->num, z = (int)b->num;
		const struct ymd *ref = &c->d->ref;
		if (x > 12) {
			m = z, d = x;
			c->d->order_seen = ORDER_DMY + 1;
		} else if (z > 12) {
			m = x, d = z;
			c->d->order_seen = ORDER_MDY + 1;
		} else if (ref->year == y && ref->month == z && ref->day == x) {
			m = z, d = x;
		} else if (ref->year == y && ref->month == x && ref->day == z) {
			m = x, d = z;
		} else if ((c->d->order_seen ? (int)c->d->order_seen - 1 : (int)c->d->order) == ORDER_DMY) {
			m = z, d = x;
		} else {
			m = x, d = z;
		}
	} else {
		return 0;
	}
	if (sep == '.' && la != 4 && le != 4)
		return 0;
	if (y < 1000 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return 0;
	put_day(r, y, m, d);
	set(r, 5, TIMEX_DATE);
	return 5;
}

/* Clock times: "8 PM", "10:30 a.m. EST", "noon", "10 p.m. Wednesday". */
static int
p_time(struct timex_ctx *c, int i, struct timex_res *r)
{
	int h = -1, mi = 0, k = 0;
	if (is_cls(c, i, TW_CLOCK)) {
		h = is_word(c, i, "midnight") ? 24 : 12;
		k = 1;
	} else if (T(c, i)->kind == TK_NUM && T(c, i)->e - T(c, i)->s <= 2 && T(c, i)->num <= 24) {
		h = (int)T(c, i)->num;
		k = 1;
		if (is_punct(c, i + 1, ':') && adj(c, i + 1) && T(c, i + 2)->kind == TK_NUM && adj(c, i + 2) &&
		    T(c, i + 2)->e - T(c, i + 2)->s == 2 && T(c, i + 2)->num < 60) {
			mi = (int)T(c, i + 2)->num;
			k = 3;
			/* "2:05:31": hours, minutes and seconds are a time taken (a race), not a clock */
			if (is_punct(c, i + 3, ':') && adj(c, i + 3) && T(c, i + 4)->kind == TK_NUM && adj(c, i + 4) &&
			    T(c, i + 4)->e - T(c, i + 4)->s == 2 && T(c, i + 4)->num < 60) {
				snprintf(r->v, sizeof r->v, "PT%dH%dM%ldS", h, mi, T(c, i + 4)->num);
				set(r, 5, TIMEX_DURATION);
				return 5;
			}
		}
		if (is_cls(c, i + k, TW_AMPM) || (is_punct(c, i + k, '.') == 0 && (is_word(c, i + k, "am") || is_word(c, i + k, "pm")))) {
			if (h < 1 || h > 12)
				return 0;
			int pm = T(c, i + k)->val && T(c, i + k)->val[0] == 'p';
			if (pm && h < 12)
				h += 12;
			if (!pm && h == 12)
				h = 0;
			k++;
		} else if (k == 3) {
			/* "10:30" alone is a clock time as well */
		} else if (is_word(c, i + 1, "o") && is_punct(c, i + 2, '\'') && is_word(c, i + 3, "clock")) {
			k = 4;
		} else {
			return 0;
		}
		if (is_cls(c, i + k, TW_TZ) && T(c, i + k)->cap)
			k++;
	} else {
		return 0;
	}
	char hm[8];
	snprintf(hm, sizeof hm, "%02d:%02d", h, mi);
	/* a day after the time: "10 p.m. Wednesday", "noon yesterday" */
	struct timex_res day;
	memset(&day, 0, sizeof day);
	int dn = 0;
	int dk = k;
	if (is_punct(c, i + dk, ','))
		dk++;
	if (is_cls(c, i + dk, TW_WDAY) || is_cls(c, i + dk, TW_DAYREL) || month_word(c, i + dk))
		dn = parse(c, i + dk, &day);
	if (dn)
		k = dk;
	if (dn && day.type == TIMEX_DATE && strlen(day.v) == 10) {
		memcpy(r->v, day.v, sizeof r->v);
		k += dn;
	} else if (ref_known(c)) {
		put_day(r, c->d->ref.year, c->d->ref.month, c->d->ref.day);
	} else {
		snprintf(r->v, sizeof r->v, "XXXX-XX-XX");
	}
	add_time(r, hm);
	set(r, k, TIMEX_TIME);
	return k;
}

/* The year of a quarter or half n of part-count per (4 or 2) with no year given. */
static int
part_year(struct timex_ctx *c, int i, int n, int per, int j)
{
	int y = c->d->ref.year;
	if (!y)
		return 0;
	int cur = (c->d->ref.month - 1) / (12 / per) + 1;
	if (n > cur && sentence_dir(c, i, j) < 0)
		return y - 1;
	return y;
}

static void
put_quarter(struct timex_ctx *c, struct timex_res *r, int y, int q)
{
	if (y > 0)
		snprintf(r->v, sizeof r->v, "%04d-Q%d", y, q);
	else
		snprintf(r->v, sizeof r->v, "XXXX-Q%d", q);
	r->quarter = q;
	r->quarter_year = y;
	(void)c;
}

/*
 * ORD quarter / ORD half, with an optional year: "the third quarter",
 * "fourth-quarter", "the first half of 1990", "the fiscal first
 * quarter", "1990 first quarter".
 */
static int
p_quarter(struct timex_ctx *c, int i, struct timex_res *r, int year)
{
	int k = 0;
	if (is_cls(c, i, TW_FISCAL)) {
		k++;
		if (is_dash(c, i + k) && adj(c, i + k))
			k++;
	}
	/* "the last half of 1989": the last part of a year written out */
	int last = is_word(c, i + k, "last") && is_word(c, i + k + 2, "of");
	if (!is_cls(c, i + k, TW_ORD) && !last)
		return 0;
	int n = (int)T(c, i + k)->num;
	k++;
	if (is_dash(c, i + k) && adj(c, i + k))
		k++;
	int per;
	r->adjective = is_dash(c, i + k - 1);
	if (is_word(c, i + k, "quarter"))
		per = 4;
	else if (is_word(c, i + k, "half"))
		per = 2;
	else
		return 0;
	if (last)
		n = per;
	if (n < 1 || n > per)
		return 0;
	k++;
	int j = i + k, dec, y2;
	if (is_word(c, j, "of") || is_punct(c, j, ','))
		j++;
	int yn = year_at(c, j, &y2, &dec);
	if (yn && !dec) {
		year = y2;
		k = j - i + yn;
	} else if (last) {
		return 0;   /* "the last quarter" alone is the one before this */
	} else if ((yn = rel_year_at(c, i + k, &y2))) {
		year = y2;
		k += yn;
	}
	if (!year)
		year = part_year(c, i, n, per, i + k - 1);
	if (per == 4) {
		put_quarter(c, r, year, n);
	} else if (year > 0) {
		snprintf(r->v, sizeof r->v, "%04d-H%d", year, n);
	} else {
		snprintf(r->v, sizeof r->v, "XXXX-H%d", n);
	}
	set(r, k, TIMEX_DATE);
	return k;
}

/* The quarter a bare "the quarter" / "the latest period" means. */
static void
last_quarter(struct timex_ctx *c, struct timex_res *r, int mentioned)
{
	if (mentioned && c->d->last_quarter) {
		put_quarter(c, r, c->d->last_quarter_year, c->d->last_quarter);
		return;
	}
	if (!ref_known(c)) {
		snprintf(r->v, sizeof r->v, "XXXX-QX");
		return;
	}
	int q = (c->d->ref.month - 1) / 3 + 1, y = c->d->ref.year;
	if (--q == 0)
		q = 4, y--;
	put_quarter(c, r, y, q);
}

/* "a year ago", "a year earlier", "last year" at token i: its tokens, or 0. */
static int
year_back_at(struct timex_ctx *c, int i)
{
	if (is_word(c, i, "a") && is_word(c, i + 1, "year") &&
	    (is_word(c, i + 2, "ago") || is_word(c, i + 2, "earlier")))
		return 3;
	return is_word(c, i, "last") && is_word(c, i + 1, "year") ? 2 : 0;
}

/* "a year ago" and the like in the granularity of what came before. */
static void
year_before(struct timex_ctx *c, struct timex_res *r, int n)
{
	if (c->d->last_quarter && c->d->last_quarter_year > 0 && c->d->quarter_grain) {
		put_quarter(c, r, c->d->last_quarter_year - n, c->d->last_quarter);
		r->quarter = 0;
		return;
	}
	put_year(r, ref_known(c) ? c->d->ref.year - n : 0);
}

/* A date n units before (dir -1) or after (+1) the reference date. */
static void
shift(struct timex_ctx *c, struct timex_res *r, int unit, long n, int dir)
{
	if (!ref_known(c) || n > 10000) {   /* "a million years ago" is out of the calendar's range */
		static const char *const vague[] = {
			[U_D] = "XXXX-XX-XX", [U_W] = "XXXX-WXX", [U_M] = "XXXX-XX",
			[U_Y] = "XXXX", [U_DE] = "XXX", [U_CE] = "XX", [U_Q] = "XXXX-QX"
		};
		const char *v = unit < (int)(sizeof vague / sizeof *vague) && vague[unit] ? vague[unit] : "XXXX-XX-XX";
		snprintf(r->v, sizeof r->v, "%s", v);
		return;
	}
	const struct ymd *f = &c->d->ref;
	long s = n * dir;
	int m;
	switch (unit) {
	case U_S: case U_MIN: case U_H: case U_D:
		put_days(r, ref_days(c) + (unit == U_D ? s : 0));
		break;
	case U_W: case U_WE:
		put_week(r, ref_days(c) + 7 * s);
		break;
	case U_FN:
		put_week(r, ref_days(c) + 14 * s);
		break;
	case U_M: {
		int y = month_mod_year(f->year, f->month, (int)s, &m);
		put_month(r, y, m);
		break;
	}
	case U_Q: {
		int y = month_mod_year(f->year, f->month, (int)(3 * s), &m);
		put_quarter(c, r, y, (m - 1) / 3 + 1);
		r->quarter = 0;
		break;
	}
	case U_Y:
		put_year(r, f->year + (int)s);
		break;
	case U_DE:
		if (f->year + 10 * s < 0)
			snprintf(r->v, sizeof r->v, "XXX");
		else
			snprintf(r->v, sizeof r->v, "%03d", (int)((f->year + 10 * s) / 10));
		break;
	default:
		if (f->year + 100 * s < 0)
			snprintf(r->v, sizeof r->v, "XX");
		else
			snprintf(r->v, sizeof r->v, "%02d", (int)((f->year + 100 * s) / 100));
		break;
	}
}

/* The table's value of word t as the value: "now" is PRESENT_REF, "daily" P1D. */
static void
put_table_value(struct timex_res *r, const struct tok *t)
{
	size_t n = t->vlen < sizeof r->v - 1 ? t->vlen : sizeof r->v - 1;

	memcpy(r->v, t->val, n);
	r->v[n] = 0;
}

/* Writes n >= 0 in decimal at out; returns the byte after. */
static char *
decimal(char *out, long n)
{
	char rev[24];
	int k = 0;

	do
		rev[k++] = (char)('0' + n % 10);
	while ((n /= 10) > 0);
	while (k)
		*out++ = rev[--k];
	return out;
}

/*
 * A duration value for n units (n < 0: vague, "X"), written by hand:
 * a value is made for most expressions found, and printf's code would
 * crowd the grammar's out of the instruction cache.
 */
static void
put_duration(struct timex_res *r, int unit, long n)
{
	/* "P", "T" before a clock unit, the count (of base units, some in multiples), the letters */
	static const struct { char clock; const char *code; long times; const char *vague; } units[] = {
		[U_S] = { 1, "S", 1, "S" }, [U_MIN] = { 1, "M", 1, "M" }, [U_H] = { 1, "H", 1, "H" },
		[U_D] = { 0, "D", 1, "D" }, [U_W] = { 0, "W", 1, "W" }, [U_WE] = { 0, "WE", 1, "WE" },
		[U_FN] = { 0, "W", 2, "W" }, [U_M] = { 0, "M", 1, "M" }, [U_Q] = { 0, "Q", 1, "Q" },
		[U_Y] = { 0, "Y", 1, "Y" }, [U_DE] = { 0, "Y", 10, "DE" }, [U_CE] = { 0, "Y", 100, "CE" },
		[U_ML] = { 0, "Y", 1000, "ML" },
	};
	int u = unit >= U_S && unit <= U_ML ? unit : U_ML;
	char *o = r->v;
	*o++ = 'P';
	if (units[u].clock)
		*o++ = 'T';
	if (n < 0)
		*o++ = 'X';
	else
		o = decimal(o, n * units[u].times);
	const char *code = n < 0 ? units[u].vague : units[u].code;
	size_t cl = strlen(code);
	memcpy(o, code, cl + 1);
}

static int extent_before(struct timex_ctx *c, int i);

/*
 * "for years", "in weeks", "over decades", "lasted minutes", "could take
 * days": a vague duration, after a word that asks for a length of time.
 */
static int
p_vague_units(struct timex_ctx *c, int i, struct timex_res *r)
{
	static const char *const before[] = {
		"for", "in", "over", "within", "after", "take", "takes", "took", "taken",
		"last", "lasts", "lasted", "spend", "spent", "wait", "waited", NULL
	};
	const struct tok *t = T(c, i);
	int u = unit_of(t);
	struct tok p;
	size_t k;
	if (!u || t->cls != TW_UNITS || u == U_S || u == U_WE || u == U_Q || !tw_prev(c->text, t->s, &p))
		return 0;
	for (k = 0; before[k] && !tok_is(c->text, &p, before[k], strlen(before[k])); k++)
		;
	/*
	 * "over the years", "during the weeks", "in the months that
	 * followed": "the" comes into the span from parse()
	 */
	struct tok pp;
	if (!before[k] && wordeq(c->text, &p, "the") && (extent_before(c, i) ||
	    (tw_prev(c->text, p.s, &pp) && wordeq(c->text, &pp, "in") && (is_word(c, i + 1, "since") ||
	    is_word(c, i + 1, "after") || (is_word(c, i + 1, "that") && is_word(c, i + 2, "followed"))))))
		k = 0;
	if (is_word(c, i + 1, "ahead")) {
		put_duration(r, u, -1);     /* "the weeks ahead" */
		set(r, 2, TIMEX_DURATION);
		return 2;
	}
	if (!before[k])
		return 0;
	if (is_word(c, i + 1, "of") || is_word(c, i + 1, "ago") || is_word(c, i + 1, "old") ||
	    is_word(c, i + 1, "earlier") || is_word(c, i + 1, "before"))
		return 0;
	put_duration(r, u, -1);
	set(r, 1, TIMEX_DURATION);
	return 1;
}

/* "a day-long meeting", "a decades-long feud": one unit, or some. */
static int
p_long(struct timex_ctx *c, int i, struct timex_res *r)
{
	int u = unit_of(T(c, i));
	if (!u || u == U_S || !is_dash(c, i + 1) || !adj(c, i + 1) || !adj(c, i + 2) ||
	    !is_word(c, i + 2, "long"))
		return 0;
	put_duration(r, u, T(c, i)->cls == TW_UNITS ? -1 : 1);
	set(r, 3, TIMEX_DURATION);
	r->adjective = 1;
	return 3;
}

/* "ago", "earlier", "later", "before", "after", "from now": which way, or 0. */
static int
ago_at(struct timex_ctx *c, int i, int *k)
{
	*k = 1;
	if (is_word(c, i, "ago") || is_word(c, i, "earlier") || is_word(c, i, "before"))
		return -1;
	if (is_word(c, i, "later") || is_word(c, i, "hence"))
		return 1;
	if (is_word(c, i, "from") && is_word(c, i + 1, "now")) {
		*k = 2;
		return 1;
	}
	return 0;
}

/* Whether "age", "ages" or "aged" comes just before token i. */
static int
age_before(struct timex_ctx *c, int i)
{
	struct tok p;
	return tw_prev(c->text, T(c, i)->s, &p) && (wordeq(c->text, &p, "age") || wordeq(c->text, &p, "ages") ||
	    wordeq(c->text, &p, "aged"));
}

/* "or so" at token i, as in "a week or so", "the next year or so": its tokens, or 0. */
static int
or_so(struct timex_ctx *c, int i)
{
	return is_word(c, i, "or") && is_word(c, i + 1, "so") && T(c, i + 2)->kind != TK_NUM &&
	    !is_cls(c, i + 2, TW_NUM) ? 2 : 0;
}

/*
 * Whether token i follows a counted plural: "four flights", "700 seats",
 * "hundreds of interviews".  Then "a week" after it is how often.
 */
static int
counted_before(struct timex_ctx *c, int i)
{
	struct tok p;
	if (!tw_prev(c->text, T(c, i)->s, &p) || p.kind != TK_WORD || p.e - p.s < 3 ||
	    c->text[p.e - 1] != 's' || unit_of(&p) || p.cls != TW_NONE)
		return 0;
	for (int back = 0; back < 3 && tw_prev(c->text, p.s, &p); back++) {
		if (p.kind == TK_NUM || p.cls == TW_NUM || wordeq(c->text, &p, "hundreds") ||
		    wordeq(c->text, &p, "thousands") || wordeq(c->text, &p, "dozens") ||
		    wordeq(c->text, &p, "millions"))
			return 1;
		if (p.kind != TK_WORD)
			return 0;
	}
	return 0;
}

/*
 * COUNT UNIT: "90 days", "two-year", "a decade", "twenty four hours",
 * "8-month-old"; then "ago"/"earlier" make a date of it.
 */
static int
p_count(struct timex_ctx *c, int i, struct timex_res *r)
{
	long n;
	int k, nk, half_given = 0;
	if (is_cls(c, i, TW_QUANT) || ((is_word(c, i, "a") || is_word(c, i, "the")) && is_cls(c, i + 1, TW_QUANT))) {
		k = is_cls(c, i, TW_QUANT) ? 1 : 2;
		n = val_is(T(c, i + k - 1), "2") ? 2 : -1;
		if (is_word(c, i + k, "of"))
			k++;
	} else if (is_word(c, i, "a") || is_word(c, i, "an")) {
		n = 1;
		k = 1;
		/* "a hundred years", "a dozen weeks" */
		if ((is_word(c, i + 1, "hundred") || is_word(c, i + 1, "thousand") || is_word(c, i + 1, "dozen")) &&
		    (nk = number_at(c, i + 1, &n)))
			k += nk;
		struct tok p;
		int dk;
		/* "$5 million a year", "twice a week", "24 hours a day": a rate, not a span of time */
		if (!ago_at(c, i + 2, &dk) && tw_prev(c->text, T(c, i)->s, &p) &&
		    (p.kind == TK_NUM || (p.kind == TK_PUNCT && c->text[p.s] == '%') || unit_of(&p) ||
		    wordeq(c->text, &p, "million") || wordeq(c->text, &p, "billion") || wordeq(c->text, &p, "twice") ||
		    wordeq(c->text, &p, "times") || wordeq(c->text, &p, "percent") || wordeq(c->text, &p, "once") ||
		    wordeq(c->text, &p, "thousand") || wordeq(c->text, &p, "trillion")))
			return 0;
		/* "four flights a week": a frequency, the unit once */
		if (!ago_at(c, i + 1, &dk) && k == 1 && unit_of(T(c, i + 1)) && T(c, i + 1)->cls == TW_UNIT &&
		    counted_before(c, i)) {
			put_duration(r, unit_of(T(c, i + 1)), 1);
			set(r, 2, TIMEX_SET);
			return 2;
		}
	} else {
		k = number_at(c, i, &n);
		if (!k)
			return 0;
		/* "2 1/2 years" */
		if (T(c, i)->kind == TK_NUM && T(c, i + k)->kind == TK_NUM && T(c, i + k)->num == 1 &&
		    is_punct(c, i + k + 1, '/') && adj(c, i + k + 1) && T(c, i + k + 2)->kind == TK_NUM &&
		    T(c, i + k + 2)->num == 2 && adj(c, i + k + 2)) {
			k += 3;
			half_given = 1;
		}
		if (T(c, i)->kind == TK_NUM && i == 0 && T(c, i)->s > 0 && c->text[T(c, i)->s - 1] == '$')
			return 0;
	}
	/*
	 * "between 12 and 18 months", "two to three weeks": the first end is
	 * a duration of the unit written after the second.
	 */
	long n2;
	int k2;
	if (n > 0 && (is_word(c, i + k, "and") || is_word(c, i + k, "to") || is_word(c, i + k, "or")) &&
	    T(c, i)->kind == T(c, i + k + 1)->kind && (k2 = number_at(c, i + k + 1, &n2)) && n2 > n &&
	    T(c, i + k + 1 + k2)->cls == TW_UNITS && unit_of(T(c, i + k + 1 + k2)) &&
	    !is_word(c, i + k + 2 + k2, "old") && !is_word(c, i + k + 2 + k2, "ago")) {
		put_duration(r, unit_of(T(c, i + k + 1 + k2)), n);
		set(r, k, TIMEX_DURATION);
		return k;
	}
	/* "two more weeks", "an additional year", "eight trading days" */
	int more = (is_word(c, i + k, "more") || is_word(c, i + k, "additional") ||
	    ((is_word(c, i + k, "trading") || is_word(c, i + k, "business") || is_word(c, i + k, "working")) &&
	    unit_of(T(c, i + k + 1)) == U_D)) && unit_of(T(c, i + k + 1));
	k += more;
	int hyph = 0;
	if (!more && is_dash(c, i + k) && adj(c, i + k) && adj(c, i + k + 1)) {
		hyph = 1;
		k++;
	}
	int u = unit_of(T(c, i + k));
	if (!u)
		return 0;
	int plural = T(c, i + k)->cls == TW_UNITS;
	/* "a decades-long feud", "a day-long meeting": the unit's own adjective (p_long) */
	if (k == 1 && (is_word(c, i, "a") || is_word(c, i, "an")) &&
	    (plural || (is_dash(c, i + k + 1) && is_word(c, i + k + 2, "long"))))
		return 0;
	if (is_dash(c, i + k + 1) && adj(c, i + k + 1) && T(c, i + k + 2)->kind == TK_WORD && adj(c, i + k + 2) &&
	    !is_word(c, i + k + 2, "old") && !is_word(c, i + k + 2, "long"))
		return 0;   /* "a year-earlier", "year-end": another compound */
	if (u == U_S && !plural && n != 1)
		return 0;   /* "two second" is an ordinal use */
	/* "a quarter of the market" is a share; "a quarter of a century" still time */
	if (u == U_Q && !plural && is_word(c, i + k + 1, "of")) {
		if (n == 1 && is_word(c, i + k + 2, "a") && unit_of(T(c, i + k + 3)) == U_CE) {
			snprintf(r->v, sizeof r->v, "P25Y");
			set(r, k + 4, TIMEX_DURATION);
			return k + 4;
		}
		return 0;
	}
	if (hyph && plural)
		return 0;
	k++;
	/* "a minute and a half" */
	int half = half_given;
	if (is_word(c, i + k, "and") && is_word(c, i + k + 1, "a") && is_word(c, i + k + 2, "half")) {
		half = 1;
		k += 3;
	}
	/* "a week or so ago": the approximation inside, before "ago" */
	int orso = or_so(c, i + k);
	k += orso;
	/* ages ("a 52-year-old", "37 years old", "ages 6 months and older") are no time expressions */
	if (age_before(c, i))
		return 0;
	if ((hyph && is_dash(c, i + k) && adj(c, i + k) && is_word(c, i + k + 1, "old")) ||
	    (!hyph && is_word(c, i + k, "old")))
		return 0;
	if (u == U_S && (is_word(c, i, "a") || is_word(c, i, "an")))
		return 0;   /* "a second" is an ordinal */
	/* "will one day be": some day to come, no day long */
	struct tok pv;
	if (u == U_D && !plural && is_word(c, i, "one") && k == 2 && tw_prev(c->text, T(c, i)->s, &pv) &&
	    (wordeq(c->text, &pv, "will") || wordeq(c->text, &pv, "would") || wordeq(c->text, &pv, "could") ||
	    wordeq(c->text, &pv, "may") || wordeq(c->text, &pv, "might") || wordeq(c->text, &pv, "can"))) {
		snprintf(r->v, sizeof r->v, "FUTURE_REF");
		set(r, k, TIMEX_DATE);
		return k;
	}
	int dk, dir = hyph ? 0 : ago_at(c, i + k, &dk);
	/* "three days later", "30 days before": TimeML marks the duration alone */
	if (dir > 0 || is_word(c, i + k, "before"))
		dir = 0;
	/* "a month earlier than usual": a difference, not a date */
	if (dir && is_word(c, i + k + dk, "than"))
		dir = 0;
	if (dir && n != 0) {
		if (n < 0)
			snprintf(r->v, sizeof r->v, dir < 0 ? "PAST_REF" : "FUTURE_REF");
		else if (u == U_Y && n == 1 && dir < 0)
			year_before(c, r, 1);
		else
			shift(c, r, u, n, dir);
		set(r, k + dk, TIMEX_DATE);
		if (orso)
			r->mod = "APPROX";
		return r->ntok;
	}
	if (half && n >= 0) {
		if (u == U_MIN)
			snprintf(r->v, sizeof r->v, "PT%ldM30S", n);
		else if (u == U_H)
			snprintf(r->v, sizeof r->v, "PT%ldH30M", n);
		else if (u == U_Y)
			snprintf(r->v, sizeof r->v, "P%ldY6M", n);
		else
			put_duration(r, u, n);
	} else {
		put_duration(r, u, n);
	}
	set(r, k, TIMEX_DURATION);
	r->adjective = hyph;
	if (orso)
		r->mod = "APPROX";
	return k;
}

/* Which way a relative word points: -1 last, 0 this, +1 next, 2 none. */
static int
rel_dir(struct timex_ctx *c, int i)
{
	static const struct { const char *w; int dir; } rels[] = {
		{ "last", -1 }, { "past", -1 }, { "previous", -1 }, { "prior", -1 },
		{ "next", 1 }, { "coming", 1 }, { "following", 1 }, { "upcoming", 1 },
		{ "this", 0 }, { "current", 0 }, { "latest", 0 }, { "recent", -1 }, { "that", 0 },
	};
	const struct tok *t = T(c, i);
	if (t->kind != TK_WORD)
		return 2;
	for (size_t k = 0; k < sizeof rels / sizeof *rels; k++)
		if ((t->low & 0xff) == (unsigned char)rels[k].w[0] && tok_is(c->text, t, rels[k].w, strlen(rels[k].w)))
			return rels[k].dir;
	return 2;
}

static int
season_first_month(const char *code)
{
	switch (code[0]) {
	case 'S': return code[1] == 'P' ? 3 : 6;
	case 'F': return 9;
	default: return 12;
	}
}

/* The year of a season code for dir (-1 last, 0 this, +1 next) against the reference. */
static int
season_year(struct timex_ctx *c, const char *code, int dir)
{
	int y = c->d->ref.year, m = c->d->ref.month;
	if (!y)
		return 0;
	int sm = season_first_month(code);
	/* the season's position and the reference's, on a Dec-Nov year */
	int ry = m == 12 ? y + 1 : y;
	int rpos = m == 12 ? 0 : m, spos = sm == 12 ? 0 : sm;
	int sy = ry;    /* the winter's year is the year of its January, but TimeML dates it by December */
	if (dir < 0) {
		if (spos + 2 >= rpos)   /* not over yet */
			sy--;
	} else if (dir > 0) {
		if (spos <= rpos)
			sy++;
	}
	return sm == 12 ? sy - 1 : sy;
}

/* Whether a word that asks for a stretch of time ("over", "for") comes before token i (and its "the"). */
static int
extent_before(struct timex_ctx *c, int i)
{
	struct tok p;
	if (!tw_prev(c->text, T(c, i)->s, &p))
		return 0;
	if (wordeq(c->text, &p, "the") && !tw_prev(c->text, p.s, &p))
		return 0;
	return wordeq(c->text, &p, "over") || wordeq(c->text, &p, "for") || wordeq(c->text, &p, "during") ||
	    wordeq(c->text, &p, "throughout") || wordeq(c->text, &p, "within");
}

/*
 * Whether the relative word at token i ("the following year", "the
 * previous month") counts from the latest date the text wrote out
 * rather than from the article's date: unit u of it must be known.
 */
static int
told_anchor(struct timex_ctx *c, int i, int u)
{
	if (!ref_known(c) || !c->d->told_year || (u == U_M && !c->d->told_month))
		return 0;
	return is_word(c, i, "following") || is_word(c, i, "previous") || is_word(c, i, "prior");
}

/* REL followed by a unit, month, weekday or season: "last year", "next July". */
static int
p_rel(struct timex_ctx *c, int i, struct timex_res *r)
{
	if (is_word(c, i, "these") && is_word(c, i + 1, "days")) {
		snprintf(r->v, sizeof r->v, "PRESENT_REF");   /* the present, not some days */
		set(r, 2, TIMEX_DATE);
		return 2;
	}
	int dir = rel_dir(c, i);
	if (dir == 2)
		return 0;
	int k = 1;
	const struct tok *t = T(c, i + k);
	int u = unit_of(t);
	if (T(c, i)->cap && t->cap && T(c, i)->s > 0 && c->text[T(c, i)->s - 1] != '\n')
		return 0;   /* "This Week", "Next Year": a title */
	if (is_word(c, i, "that")) {
		/* "that year", "later that month": the one the text last wrote out; not "that year-end prices" */
		if (!c->d->told_year || t->cls != TW_UNIT || (u != U_Y && (u != U_M || !c->d->told_month)) ||
		    is_dash(c, i + 2))
			return 0;
		if (u == U_Y)
			put_year(r, c->d->told_year);
		else
			put_month(r, c->d->told_year, c->d->told_month);
		set(r, 2, TIMEX_DATE);
		return 2;
	}
	/* "this fiscal year" */
	if (is_cls(c, i + k, TW_FISCAL) && is_word(c, i + k + 1, "year")) {
		k++;
		t = T(c, i + k);
		u = U_Y;
	}
	if (u && t->cls == TW_UNIT && !is_word(c, i, "recent")) {
		if (u == U_WE) {
			if (!ref_known(c)) {
				snprintf(r->v, sizeof r->v, "XXXX-WXX-WE");
			} else {
				long d = ref_days(c);
				int wd = weekday_of(c->d->ref.year, c->d->ref.month, c->d->ref.day);
				if (dir < 0 || (dir == 0 && wd < 4 && sentence_dir(c, i, i + 1) < 0))
					d -= wd + 1;
				else if (dir > 0)
					d += 7 - wd + 5;
				put_week(r, d);
				strcat(r->v, "-WE");
			}
		} else if (u == U_Q && dir <= 0 && is_word(c, i, "latest")) {
			last_quarter(c, r, 0);
		} else if (u >= U_DE && dir != 0 && extent_before(c, i)) {
			/* "over the next decade": ten years from now, not the 2020s */
			put_duration(r, u, 1);
			set(r, k + 1, TIMEX_DURATION);
			return k + 1;
		} else if ((u == U_Y || u == U_M) && told_anchor(c, i, u)) {
			/* "On May 22, 1995 ... the following year": counted from the date told */
			struct ymd ref = c->d->ref;
			c->d->ref.year = c->d->told_year;
			c->d->ref.month = c->d->told_month ? c->d->told_month : 1;
			shift(c, r, u, 1, dir < 0 ? -1 : 1);
			c->d->ref = ref;
		} else if (u >= U_W) {
			shift(c, r, u, dir == 0 ? 0 : 1, dir < 0 ? -1 : 1);
		} else if (u == U_D) {
			shift(c, r, u, dir == 0 ? 0 : 1, dir < 0 ? -1 : 1);
		} else {
			return 0;
		}
		set(r, k + 1, TIMEX_DATE);
		/* "next year's first quarter", "this year's second half": a part of that year */
		struct timex_res q;
		int qn;
		memset(&q, 0, sizeof q);
		if (u == U_Y && is_punct(c, i + k + 1, '\'') && adj(c, i + k + 1) && is_word(c, i + k + 2, "s") &&
		    adj(c, i + k + 2) && (qn = p_quarter(c, i + k + 3, &q, ref_known(c) ? atoi(r->v) : 0))) {
			*r = q;
			r->ntok = k + 3 + qn;
		}
		return r->ntok;
	}
	if (is_cls(c, i + k, TW_SEASON)) {
		char code[3];
		memcpy(code, T(c, i + k)->val, 2);
		code[2] = 0;
		int y = season_year(c, code, dir);
		if (y)
			snprintf(r->v, sizeof r->v, "%04d-%s", y, code);
		else
			snprintf(r->v, sizeof r->v, "XXXX-%s", code);
		set(r, 2, TIMEX_DATE);
		return 2;
	}
	if (is_cls(c, i + k, TW_MONTH) && (T(c, i + k)->cap || (T(c, i + k)->e - T(c, i + k)->s > 3 &&
	    !is_word(c, i + k, "march")))) {
		int m = (int)T(c, i + k)->num, y = c->d->ref.year, day = 0;
		if (y) {
			if (dir < 0)
				y = m < c->d->ref.month ? y : y - 1;
			else if (dir > 0)
				y = m > c->d->ref.month ? y : y + 1;
		}
		k++;
		if (month_dot(c, i + k))
			k++;
		/* "last Oct. 23": the day stays */
		int n = mday_at(c, i + k, &day);
		if (n && day <= days_in_month(y ? y : 2000, m)) {
			put_day(r, y, m, day);
			set(r, k + n, TIMEX_DATE);
			return k + n;
		}
		put_month(r, y, m);
		set(r, 2, TIMEX_DATE);
		return 2;
	}
	if (is_cls(c, i + k, TW_WDAY)) {
		int wd = (int)T(c, i + k)->num;
		if (!ref_known(c)) {
			snprintf(r->v, sizeof r->v, "XXXX-WXX-%d", wd + 1);
		} else {
			long d = ref_days(c);
			int rwd = weekday_of(c->d->ref.year, c->d->ref.month, c->d->ref.day);
			if (dir < 0)
				d -= (rwd - wd + 6) % 7 + 1;
			else if (dir > 0)
				d += (wd - rwd + 6) % 7 + 1;
			else
				d += wd - rwd;
			put_days(r, d);
		}
		k++;
		if (is_cls(c, i + k, TW_PART)) {
			add_part_of_day(c, i + k, r);
			k++;
		}
		set(r, k, r->type == TIMEX_TIME ? TIMEX_TIME : TIMEX_DATE);
		return k;
	}
	if (is_cls(c, i + k, TW_PART) && ((dir == 0 && is_word(c, i, "this")) ||
	    (is_word(c, i, "last") && is_word(c, i + k, "night")))) {
		if (ref_known(c))
			put_days(r, ref_days(c) - (dir < 0));
		else
			snprintf(r->v, sizeof r->v, "XXXX-XX-XX");
		add_part_of_day(c, i + k, r);
		set(r, 2, TIMEX_TIME);
		return 2;
	}
	/* "recent weeks", "coming months": vague */
	if ((is_word(c, i, "recent") || is_word(c, i, "coming")) && u && t->cls == TW_UNITS) {
		put_duration(r, u, -1);
		set(r, 2, TIMEX_DURATION);
		return 2;
	}
	/* "the past three years", "the next two weeks": a duration */
	if (dir != 0 || is_word(c, i, "first")) {
		struct timex_res d;
		memset(&d, 0, sizeof d);
		int n = p_count(c, i + 1, &d);
		if (n && d.type == TIMEX_DURATION && !is_word(c, i + 1, "a")) {
			*r = d;
			r->ntok = n + 1;
			return r->ntok;
		}
	}
	/*
	 * "current market conditions": TimeML's present.  ("A recent sale"
	 * is annotated too seldom to be worth its false hits.)
	 */
	if (is_word(c, i, "current") && T(c, i + 1)->kind == TK_WORD && !T(c, i + 1)->cap) {
		snprintf(r->v, sizeof r->v, "PRESENT_REF");
		set(r, 1, TIMEX_DATE);
		r->adjective = 1;       /* "the" stays out */
		return 1;
	}
	return 0;
}

/* WEEKDAY [PART]: "Thursday", "Friday afternoon". */
static int
p_weekday(struct timex_ctx *c, int i, struct timex_res *r)
{
	if (!is_cls(c, i, TW_WDAY))
		return 0;
	const struct tok *t = T(c, i);
	if (!t->cap && t->e - t->s < 6)
		return 0;
	int k = 1;
	/* "Friday, March 13, 1987": the date says it all */
	int j = i + 1;
	if (is_punct(c, j, ','))
		j++;
	struct timex_res d;
	memset(&d, 0, sizeof d);
	int n = 0;
	if (month_word(c, j))
		n = p_month(c, j, &d);
	else if (T(c, j)->kind == TK_NUM)
		n = p_day_month(c, j, &d);
	if (n && strlen(d.v) == 10) {
		*r = d;
		r->ntok = j - i + n;
		return r->ntok;
	}
	/* "Sunday Times", "Black Monday Fund": a name */
	if (T(c, i + 1)->kind == TK_WORD && T(c, i + 1)->cap && T(c, i + 1)->cls != TW_MONTH &&
	    T(c, i + 1)->cls != TW_PART && T(c, i + 1)->cls != TW_CLOCK && T(c, i + 1)->cls != TW_DAYREL)
		return 0;
	put_weekday(c, r, (int)t->num, ref_known(c) ? weekday_dir(c, i, i) : 0);
	set(r, 1, TIMEX_DATE);
	if (is_cls(c, i + k, TW_PART)) {
		add_part_of_day(c, i + k, r);
		k++;
		r->ntok = k;
	}
	return k;
}

/* today, yesterday, tomorrow, tonight [PART]. */
static int
p_dayrel(struct timex_ctx *c, int i, struct timex_res *r)
{
	if (!is_cls(c, i, TW_DAYREL))
		return 0;
	int k = 1;
	if (ref_known(c))
		put_days(r, ref_days(c) + T(c, i)->num);
	else
		snprintf(r->v, sizeof r->v, "XXXX-XX-XX");
	set(r, 1, TIMEX_DATE);
	if (is_word(c, i, "tonight")) {
		add_time(r, "NI");
	} else if (is_cls(c, i + k, TW_PART)) {
		add_part_of_day(c, i + k, r);
		k++;
		r->ntok = k;
	}
	return k;
}

/* every day, each week, every Thursday, daily, annually. */
static int
p_set(struct timex_ctx *c, int i, struct timex_res *r)
{
	if (is_cls(c, i, TW_SETW)) {
		if (is_word(c, i, "annual") || is_word(c, i, "semiannual"))
			return 0;   /* an adjective: "annual report" */
		put_table_value(r, T(c, i));
		set(r, 1, TIMEX_SET);
		return 1;
	}
	if (!is_word(c, i, "every") && !is_word(c, i, "each"))
		return 0;
	int k = 1;
	long n = 1;
	int nk = number_at(c, i + k, &n);
	if (is_word(c, i + k, "other")) {
		n = 2;
		k++;
	} else if (nk && T(c, i + k)->kind != TK_WORD) {
		k += nk;
	} else if (nk && !is_word(c, i + k, "a")) {
		k += nk;
	}
	const struct tok *t = T(c, i + k);
	int u = unit_of(t);
	if (u) {
		put_duration(r, u, n);
	} else if (is_cls(c, i + k, TW_WDAY)) {
		snprintf(r->v, sizeof r->v, "XXXX-WXX-%d", (int)t->num + 1);
	} else if (is_cls(c, i + k, TW_PART)) {
		snprintf(r->v, sizeof r->v, "XXXX-XX-XXT%.2s", t->val);
	} else if (month_word(c, i + k)) {
		snprintf(r->v, sizeof r->v, "XXXX-%02d", (int)t->num);
	} else if (is_cls(c, i + k, TW_SEASON)) {
		snprintf(r->v, sizeof r->v, "XXXX-%.2s", t->val);
	} else if (is_word(c, i + k, "season")) {
		snprintf(r->v, sizeof r->v, "P1Y");      /* a season of sport or fashion comes once a year */
	} else {
		return 0;
	}
	set(r, k + 1, TIMEX_SET);
	return k + 1;
}

/* "nineteen ninety-six", "the year two thousand" as said on the radio. */
static int
spelled_year(struct timex_ctx *c, int i, int *year, int *decade)
{
	*decade = 0;
	if (is_word(c, i, "year") && is_word(c, i + 1, "two") && is_word(c, i + 2, "thousand")) {
		*year = 2000;
		return 3;
	}
	if (!is_cls(c, i, TW_NUM) || T(c, i)->num < 11 || T(c, i)->num > 20 || is_word(c, i, "a"))
		return 0;
	long rest;
	int n = number_at(c, i + 1, &rest);
	if (!n || !is_cls(c, i + 1, TW_NUM) || T(c, i + 1)->num < 20 || rest >= 100)
		return 0;
	*year = (int)(T(c, i)->num * 100 + rest);
	return 1 + n;
}

/* A year, a decade, a year range's first half: "1987", "the 1990s", "fiscal 1989". */
static int
p_year(struct timex_ctx *c, int i, struct timex_res *r)
{
	int k = 0;
	if (is_cls(c, i, TW_FISCAL)) {
		k = 1;
		if (is_word(c, i + 1, "year"))
			k = 2;
	}
	int y, dec;
	int n = year_at(c, i + k, &y, &dec);
	if (!n)
		n = spelled_year(c, i + k, &y, &dec);
	if (!n)
		return 0;
	k += n;
	if (dec) {
		snprintf(r->v, sizeof r->v, "%03d", y / 10);
		set(r, k, TIMEX_DATE);
		return k;
	}
	/* "1990 first quarter" */
	struct timex_res q;
	memset(&q, 0, sizeof q);
	int qn = p_quarter(c, i + k, &q, y);
	if (qn) {
		*r = q;
		r->ntok = k + qn;
		return r->ntok;
	}
	/*
	 * "the 1990 Clean Air Act", "the 2000 Olympics": a year inside a
	 * name.  A decision: the year is still tagged, as TimeML does; it
	 * dates the thing named, and a reader who wants names has nentity.
	 */
	put_year(r, y);
	set(r, k, TIMEX_DATE);
	r->told = y * 100;
	return k;
}

/* now, currently, recently, soon. */
static int
p_ref(struct timex_ctx *c, int i, struct timex_res *r)
{
	if (!is_cls(c, i, TW_REF))
		return 0;
	if (is_word(c, i, "future") || is_word(c, i, "present") || is_word(c, i, "once"))
		return 0;   /* only after "the" (see p_the) */
	/* "now" as a discourse marker opens many sentences; it still refers to the present */
	put_table_value(r, T(c, i));
	set(r, 1, TIMEX_DATE);
	return 1;
}

/* SEASON [of] [YEAR]: "summer", "the winter of 1994". */
static int
p_season(struct timex_ctx *c, int i, struct timex_res *r)
{
	if (!is_cls(c, i, TW_SEASON))
		return 0;
	char code[3] = { T(c, i)->val[0], T(c, i)->val[1], 0 };
	int k = 1, j = i + 1, y;
	if (T(c, i)->cap && T(c, j)->kind == TK_WORD && T(c, j)->cap && T(c, j)->cls != TW_MONTH)
		return 0;   /* a name: "British Summer Time", "Winter Olympics" */
	if (T(c, i)->cap && is_word(c, j, "of") && T(c, j + 1)->kind == TK_WORD && T(c, j + 1)->cap &&
	    T(c, j + 1)->cls != TW_MONTH)
		return 0;   /* "the Spring of Life", "the Summer of Love" */
	if (is_word(c, j, "of") || is_punct(c, j, ','))
		j++;
	int yn = year_written(c, j, &y);
	if (yn) {
		k = j - i + yn;
	} else if ((yn = rel_year_at(c, i + 1, &y))) {
		k += yn;
	} else {
		/* "fall" is a verb more often than a season */
		if (is_word(c, i, "fall"))
			return 0;
		y = season_year(c, code, ref_known(c) ? (sentence_dir(c, i, i) < 0 ? -1 : 0) : 0);
	}
	if (y)
		snprintf(r->v, sizeof r->v, "%04d-%s", y, code);
	else
		snprintf(r->v, sizeof r->v, "XXXX-%s", code);
	set(r, k, TIMEX_DATE);
	return k;
}

/* Holidays whose date is fixed, and Thanksgiving (fourth Thursday of November). */
static int
p_holiday(struct timex_ctx *c, int i, struct timex_res *r)
{
	/*
	 * The value is "MM-DD", the day; "MM-DD+W", the first weekday W
	 * (0 = Monday) on or after that day ("11-22+3": Thanksgiving, the
	 * fourth Thursday); a final "D" asks for "Day" after the word, which
	 * alone is a common noun ("Election Day", "Labor Day").
	 */
	if (!is_cls(c, i, TW_HOLIDAY) || !T(c, i)->cap)
		return 0;
	const char *v = T(c, i)->val;
	size_t vlen = T(c, i)->vlen;
	int need_day = v[vlen - 1] == 'D', k = 1;
	if (is_word(c, i + 1, "day") || (!need_day && is_word(c, i + 1, "eve")))
		k++;
	if (need_day && (k == 1 || !T(c, i + 1)->cap))
		return 0;
	int m = (int)tw_value_num(v, 2), d = (int)tw_value_num(v + 3, 2);
	int wd = vlen > 5 && v[5] == '+' ? v[6] - '0' : -1;
	int y = month_year(c, m, i, i + k - 1, 0);
	if (wd >= 0 && y)
		d += (wd - weekday_of(y, m, d) + 7) % 7;
	if (is_word(c, i + 1, "eve"))
		d--;
	put_day(r, y, m, d);
	if (wd >= 0 && !y)
		memcpy(r->v + 8, "XX", 2);     /* the weekday's day needs the year */
	set(r, k, TIMEX_DATE);
	return k;
}

/*
 * Whether token j goes on with a noun phrase ("the past decisions", "the
 * long term debt"), which makes the words before it an adjective.
 */
static int
noun_follows(struct timex_ctx *c, int j)
{
	return T(c, j)->kind == TK_WORD && !T(c, j)->cap && T(c, j)->cls != TW_FUNC &&
	    !is_word(c, j, "and") && !is_word(c, j, "or") && !is_word(c, j, "is") &&
	    !is_word(c, j, "was") && !is_word(c, j, "has") && !is_word(c, j, "will") &&
	    !is_word(c, j, "that");
}

/*
 * After "the": "the past", "the future", "the weekend", "the quarter",
 * "the year-earlier period", "the 1988 period", "the 20th century".
 */
static int
p_the(struct timex_ctx *c, int i, struct timex_res *r)
{
	if (!is_word(c, i, "the"))
		return 0;
	int k = 1;
	if (is_word(c, i + k, "past") || is_word(c, i + k, "future") || is_word(c, i + k, "present")) {
		int nk;
		struct timex_res d;
		memset(&d, 0, sizeof d);
		if ((nk = p_rel(c, i + k, &d))) {
			*r = d;
			r->ntok = k + nk;
			return r->ntok;
		}
		if (noun_follows(c, i + k + 1))
			return 0;   /* "the past decisions": an adjective */
		snprintf(r->v, sizeof r->v, is_word(c, i + k, "past") ? "PAST_REF" :
		    is_word(c, i + k, "future") ? "FUTURE_REF" : "PRESENT_REF");
		set(r, k + 1, TIMEX_DATE);
		return k + 1;
	}
	/*
	 * "the near future", "the short term": what comes next; not "the
	 * long term debt" (an adjective) nor "The Long Term Credit Bank".
	 */
	if ((is_word(c, i + 1, "near") || is_word(c, i + 1, "short") || is_word(c, i + 1, "long")) &&
	    (is_word(c, i + 2, "future") || is_word(c, i + 2, "term")) && !T(c, i + 2)->cap &&
	    !is_dash(c, i + 3) && !noun_follows(c, i + 3)) {
		snprintf(r->v, sizeof r->v, "FUTURE_REF");
		set(r, 3, TIMEX_DATE);
		return 3;
	}
	/* "the week of March 6": that day's week */
	if (is_word(c, i + k, "week") && is_word(c, i + k + 1, "of")) {
		struct timex_res d;
		memset(&d, 0, sizeof d);
		int n = (month_word(c, i + k + 2) || T(c, i + k + 2)->kind == TK_NUM) ? parse(c, i + k + 2, &d) : 0;
		if (n && strlen(d.v) == 10 && d.v[0] != 'X') {
			put_week(r, days_from_civil((int)tw_value_num(d.v, 4), (int)tw_value_num(d.v + 5, 2),
			    (int)tw_value_num(d.v + 8, 2)));
			set(r, k + 2 + n, TIMEX_DATE);
			return r->ntok;
		}
	}
	/* "at the time" he spoke: a time gone by */
	if (is_word(c, i + k, "time") && !is_word(c, i + k + 1, "of") && !is_dash(c, i + k + 1)) {
		struct tok p;
		if (!tw_prev(c->text, T(c, i)->s, &p) || !wordeq(c->text, &p, "at"))
			return 0;
		snprintf(r->v, sizeof r->v, "PAST_REF");
		set(r, k + 1, TIMEX_DATE);
		return k + 1;
	}
	/* "the year ended Sept. 30" is a fiscal year: a duration; "for the year," the current one */
	int full = is_word(c, i + k, "full");
	if (full || is_word(c, i + k, "fiscal"))
		k++;
	if (is_word(c, i + k, "year") && !(is_dash(c, i + k + 1) && adj(c, i + k + 1))) {
		struct tok p;
		/* "throughout the fiscal year", "over the year": its length; "for the year," is below */
		if (is_word(c, i + k + 1, "ended") || is_word(c, i + k + 1, "ending") ||
		    (extent_before(c, i + 1) && tw_prev(c->text, T(c, i)->s, &p) && !wordeq(c->text, &p, "for") &&
		    T(c, i + k + 1)->kind != TK_NUM && !is_word(c, i + k + 1, "of"))) {
			put_duration(r, U_Y, 1);
			set(r, k + 1, TIMEX_DURATION);
			return k + 1;
		}
		/*
		 * "the full year 1986", "the full year of 1980": the year written;
		 * else, after the year just ended was written out, the full year
		 * whose results are told; a year ahead is a target, not results
		 */
		int y, dec, yn = 0;
		if (full && (yn = year_at(c, i + k + 1 + is_word(c, i + k + 1, "of"), &y, &dec)) && !dec) {
			put_year(r, y);
			set(r, k + 1 + is_word(c, i + k + 1, "of") + yn, TIMEX_DATE);
			return r->ntok;
		}
		if (full && c->d->told_year && c->d->told_year == c->d->ref.year - 1) {
			put_year(r, c->d->told_year);
			set(r, k + 1, TIMEX_DATE);
			return k + 1;
		}
		/* "for the year,", "the end of the year", "the full year": this year */
		if ((tw_prev(c->text, T(c, i)->s, &p) && (wordeq(c->text, &p, "for") || wordeq(c->text, &p, "of")) &&
		    (T(c, i + k + 1)->kind == TK_PUNCT || T(c, i + k + 1)->kind == TK_END || is_word(c, i + k + 1, "of"))) ||
		    k > 1) {
			put_year(r, c->d->ref.year);
			set(r, k + 1, TIMEX_DATE);
			return k + 1;
		}
		return 0;
	}
	if (is_word(c, i + k, "weekend")) {
		if (!ref_known(c)) {
			snprintf(r->v, sizeof r->v, "XXXX-WXX-WE");
		} else {
			long d = ref_days(c);
			int wd = weekday_of(c->d->ref.year, c->d->ref.month, c->d->ref.day);
			int dir = sentence_dir(c, i, i + 1);
			if (dir < 0 && wd < 5)
				d -= wd + 1;
			put_week(r, d);
			strcat(r->v, "-WE");
		}
		set(r, 2, TIMEX_DATE);
		return 2;
	}
	/* "the year-earlier period", "the year-ago quarter" */
	if (is_word(c, i + k, "comparable") || is_word(c, i + k, "corresponding") || is_word(c, i + k, "same"))
		k++;
	if (is_word(c, i + k, "year") && is_dash(c, i + k + 1) && adj(c, i + k + 1) &&
	    (is_word(c, i + k + 2, "earlier") || is_word(c, i + k + 2, "ago")) && adj(c, i + k + 2)) {
		k += 3;
		struct timex_res q;
		memset(&q, 0, sizeof q);
		int qn = p_quarter(c, i + k, &q, 0);
		if (qn) {
			put_quarter(c, r, (q.quarter_year ? q.quarter_year : c->d->ref.year) - 1, q.quarter);
			r->quarter = 0;
			set(r, k + qn, TIMEX_DATE);
			return r->ntok;
		}
		if (is_word(c, i + k, "quarter") || is_word(c, i + k, "period")) {
			year_before(c, r, 1);
			set(r, k + 1, TIMEX_DATE);
			return k + 1;
		}
		return 0;
	}
	k = 1;
	/* "the 1988 period" */
	int y, dec;
	int yn = year_at(c, i + 1, &y, &dec);
	if (yn && !dec && (is_word(c, i + 1 + yn, "period") || is_word(c, i + 1 + yn, "quarter"))) {
		if (c->d->last_quarter)
			put_quarter(c, r, y, c->d->last_quarter);
		else
			put_year(r, y);
		r->quarter = 0;
		set(r, 2 + yn, TIMEX_DATE);
		return r->ntok;
	}
	/*
	 * "the quarter a year ago", "the corresponding period last year":
	 * that quarter the year before, one expression
	 */
	int yb;
	if (is_word(c, i + k, "comparable") || is_word(c, i + k, "corresponding") || is_word(c, i + k, "same"))
		k++;
	if ((is_word(c, i + k, "quarter") || (k == 2 && is_word(c, i + k, "period"))) &&
	    (yb = year_back_at(c, i + k + 1))) {
		last_quarter(c, r, 1);
		if (r->v[0] >= '0' && r->v[0] <= '9' && r->v[5] == 'Q' && r->v[6] >= '1' && r->v[6] <= '4') {
			put_quarter(c, r, atoi(r->v) - 1, r->v[6] - '0');
			r->quarter = 0;
			set(r, k + 1 + yb, TIMEX_DATE);
			return r->ntok;
		}
	}
	k = 1;
	/* "the quarter", "the latest quarter", "the latest period" */
	if (is_word(c, i + k, "latest") || is_word(c, i + k, "current") || is_word(c, i + k, "recent"))
		k++;
	if (is_word(c, i + k, "quarter") || (k == 2 && is_word(c, i + k, "period"))) {
		if (is_word(c, i + k - 1, "current")) {
			if (ref_known(c))
				put_quarter(c, r, c->d->ref.year, (c->d->ref.month - 1) / 3 + 1);
			else
				snprintf(r->v, sizeof r->v, "XXXX-QX");
		} else {
			last_quarter(c, r, k == 1);
		}
		r->quarter = 0;
		set(r, k + 1, TIMEX_DATE);
		return k + 1;
	}
	return 0;
}

/* "the 20th century" (with "the" by the rule in parse), "11th century". */
static int
p_century(struct timex_ctx *c, int i, struct timex_res *r)
{
	long ord = 0;
	int k = 0;
	if (T(c, i)->kind == TK_NUM && adj(c, i + 1) &&
	    (is_word(c, i + 1, "th") || is_word(c, i + 1, "st") || is_word(c, i + 1, "nd") || is_word(c, i + 1, "rd"))) {
		ord = T(c, i)->num;
		k = 2;
	} else if (is_cls(c, i, TW_ORD)) {
		ord = T(c, i)->num;
		k = 1;
	}
	if (!(ord > 0 && ord < 40 && is_word(c, i + k, "century")))
		return 0;
	snprintf(r->v, sizeof r->v, "%02ld", ord - 1);
	set(r, k + 1, TIMEX_DATE);
	return k + 1;
}

/* "year-earlier", "year-ago", "a year earlier/ago". */
static int
p_year_ago(struct timex_ctx *c, int i, struct timex_res *r)
{
	if (is_word(c, i, "year") && is_dash(c, i + 1) && adj(c, i + 1) && adj(c, i + 2) &&
	    (is_word(c, i + 2, "earlier") || is_word(c, i + 2, "ago"))) {
		year_before(c, r, 1);
		set(r, 3, TIMEX_DATE);
		return 3;
	}
	/* "year end", "year's end": this year's end, as "the end of the year"; "since year-end" the last one */
	struct tok p;
	int y = c->d->ref.year && tw_prev(c->text, T(c, i)->s, &p) && wordeq(c->text, &p, "since") ?
	    c->d->ref.year - 1 : c->d->ref.year;
	int e = is_word(c, i + 1, "end") ? 1 : is_punct(c, i + 1, '\'') && adj(c, i + 1) && is_word(c, i + 2, "s") &&
	    adj(c, i + 2) && is_word(c, i + 3, "end") ? 3 : 0;
	if (is_word(c, i, "year") && e) {
		put_year(r, y);
		set(r, e + 1, TIMEX_DATE);
		r->mod = "END";
		return e + 1;
	}
	if (is_word(c, i, "year") && is_dash(c, i + 1) && adj(c, i + 1) && adj(c, i + 2) &&
	    is_word(c, i + 2, "end")) {
		if (ref_known(c))
			put_day(r, y, 12, 31);
		else
			snprintf(r->v, sizeof r->v, "XXXX-12-31");
		set(r, 3, TIMEX_DATE);
		return 3;
	}
	return 0;
}

/* "earlier this year", "later this month", "earlier today". */
static int
p_earlier(struct timex_ctx *c, int i, struct timex_res *r)
{
	if (!is_word(c, i, "earlier") && !is_word(c, i, "later"))
		return 0;
	struct timex_res d;
	memset(&d, 0, sizeof d);
	int k = 1;
	if (is_word(c, i + 1, "in") && is_word(c, i + 2, "the") && is_word(c, i + 3, "year")) {
		put_year(r, c->d->ref.year);
		set(r, 4, TIMEX_DATE);
		return 4;
	}
	int n = 0;
	if (is_cls(c, i + k, TW_REL) || is_cls(c, i + k, TW_DAYREL) || is_cls(c, i + k, TW_WDAY))
		n = parse(c, i + k, &d);
	if (!n || d.type == TIMEX_DURATION)
		return 0;
	*r = d;
	r->ntok = k + n;
	return r->ntok;
}

/*
 * EDGE: "early", "late", "mid", "the end of", "the beginning of":
 * TIMEX3 mod START, END, MID around a date.
 */
static int
p_edge(struct timex_ctx *c, int i, struct timex_res *r)
{
	int k = 0;
	const char *mod = NULL;
	if (is_word(c, i, "the") && (is_word(c, i + 1, "end") || is_word(c, i + 1, "beginning") ||
	    is_word(c, i + 1, "middle") || is_word(c, i + 1, "start")) && is_word(c, i + 2, "of")) {
		mod = is_word(c, i + 1, "end") ? "END" : is_word(c, i + 1, "middle") ? "MID" : "START";
		k = 3;
	} else if (is_word(c, i, "end") && is_word(c, i + 1, "of")) {
		mod = "END";    /* "by end of March" */
		k = 2;
	} else if (is_word(c, i, "early") || is_word(c, i, "late") || is_word(c, i, "mid")) {
		mod = is_word(c, i, "early") ? "START" : is_word(c, i, "late") ? "END" : "MID";
		k = 1;
		if (is_dash(c, i + 1) && adj(c, i + 1))
			k = 2;
		else if (is_word(c, i, "mid") && !is_cls(c, i + 1, TW_PART))
			return 0;
		/* "mid-afternoon", "late evening yesterday": a part of that day */
		if (is_cls(c, i + k, TW_PART) && !(k == 2 && !is_word(c, i, "mid")) &&
		    !is_dash(c, i + k + 1) && T(c, i + k)->vlen == 2) {
			struct timex_res d;
			memset(&d, 0, sizeof d);
			int n = is_cls(c, i + k + 1, TW_DAYREL) || is_cls(c, i + k + 1, TW_WDAY) ? parse(c, i + k + 1, &d) : 0;
			if (n && strlen(d.v) != 10)
				n = 0;
			if (!n && noun_follows(c, i + k + 1))
				return 0;       /* "early morning trading" */
			if (!n && ref_known(c))
				put_days(&d, ref_days(c));
			else if (!n)
				snprintf(d.v, sizeof d.v, "XXXX-XX-XX");
			*r = d;
			add_part_of_day(c, i + k, r);
			set(r, k + 1 + n, TIMEX_TIME);
			r->mod = mod;
			return r->ntok;
		}
	} else {
		return 0;
	}
	struct timex_res d;
	memset(&d, 0, sizeof d);
	int n = parse(c, i + k, &d);
	if (!n && k >= 2 && is_word(c, i + k, "year") && !is_dash(c, i + k + 1)) {
		put_year(&d, c->d->ref.year);   /* "by the end of year": this year's */
		d.type = TIMEX_DATE;
		n = 1;
	}
	if (!n || d.type == TIMEX_DURATION || d.type == TIMEX_SET || d.v[0] == 'P')
		return 0;
	*r = d;
	r->ntok = k + n;
	r->mod = mod;
	return r->ntok;
}

/* "for a while": a stretch of some length; "at a later date": some day to come. */
static int
p_a_while(struct timex_ctx *c, int i, struct timex_res *r)
{
	struct tok p;
	if (!is_word(c, i, "a") || !tw_prev(c->text, T(c, i)->s, &p))
		return 0;
	if (is_word(c, i + 1, "while") && (wordeq(c->text, &p, "for") || wordeq(c->text, &p, "after") ||
	    wordeq(c->text, &p, "in"))) {
		snprintf(r->v, sizeof r->v, "PXX");
		set(r, 2, TIMEX_DURATION);
		return 2;
	}
	if (is_word(c, i + 1, "later") && is_word(c, i + 2, "date") && wordeq(c->text, &p, "at")) {
		snprintf(r->v, sizeof r->v, "FUTURE_REF");
		set(r, 3, TIMEX_DATE);
		return 3;
	}
	return 0;
}

/* Approximations and bounds before a count: "about", "nearly", "more than", "at least", "up to". */
static int
p_approx(struct timex_ctx *c, int i, struct timex_res *r)
{
	int k;
	const char *mod;
	if (is_word(c, i, "more") && is_word(c, i + 1, "than")) { k = 2; mod = "MORE_THAN"; }
	else if ((is_word(c, i, "less") || is_word(c, i, "fewer")) && is_word(c, i + 1, "than")) { k = 2; mod = "LESS_THAN"; }
	else if (is_word(c, i, "at") && is_word(c, i + 1, "least")) { k = 2; mod = "EQUAL_OR_MORE"; }
	else if (is_word(c, i, "up") && is_word(c, i + 1, "to")) { k = 2; mod = "EQUAL_OR_LESS"; }
	else if (is_word(c, i, "no") && is_word(c, i + 1, "more") && is_word(c, i + 2, "than")) { k = 3; mod = "EQUAL_OR_LESS"; }
	else if (is_cls(c, i, TW_APPROX) && T(c, i)->vlen && val_is(T(c, i), "APPROX")) { k = 1; mod = "APPROX"; }
	else return 0;
	struct timex_res d;
	memset(&d, 0, sizeof d);
	int n = parse(c, i + k, &d);
	if (!n || T(c, i + k)->kind == TK_END)
		return 0;
	/* only around counts: "about Friday" is not an expression of ours */
	if (!(T(c, i + k)->kind == TK_NUM || is_cls(c, i + k, TW_NUM) || is_cls(c, i + k, TW_QUANT) ||
	    is_word(c, i + k, "a") || is_word(c, i + k, "an") ||
	    (is_word(c, i + k, "the") && d.type == TIMEX_DURATION)))
		return 0;
	*r = d;
	r->ntok = k + n;
	r->mod = mod;
	/* TimeML leaves "about" out of the span ("about five hours"), its mod in */
	if (is_word(c, i, "about"))
		r->lead = k + d.lead;
	return r->ntok;
}

/* All expressions that start at token i; the longest wins. */
static int
parse(struct timex_ctx *c, int i, struct timex_res *r)
{
	typedef int (*rule)(struct timex_ctx *, int, struct timex_res *);
	/* the rules each kind of first token can start */
	static const rule month[] = { p_month, NULL }, wday[] = { p_weekday, NULL },
	    dayrel[] = { p_dayrel, NULL }, ref[] = { p_ref, NULL }, season[] = { p_season, NULL },
	    setw[] = { p_set, NULL }, holiday[] = { p_holiday, NULL }, clock[] = { p_time, NULL },
	    unit[] = { p_year_ago, p_year, p_long, NULL }, units[] = { p_vague_units, p_long, NULL },
	    num[] = { p_count, p_year, NULL }, ord[] = { p_century, NULL }, rel[] = { p_rel, NULL },
	    edge[] = { p_edge, NULL }, approx[] = { p_approx, NULL },
	    func[] = { p_approx, p_edge, p_the, p_count, p_a_while, NULL }, ago[] = { p_earlier, NULL },
	    fiscal[] = { p_year, NULL }, quant[] = { p_count, NULL },
	    digits[] = { p_numeric, p_time, p_day_month, p_year, p_count, p_century, NULL },
	    quote[] = { p_year, NULL };   /* "'90s" */
	const struct tok *first = T(c, i);
	const rule *rules = NULL;
	if (first->kind == TK_NUM) {
		rules = digits;
	} else if (first->kind == TK_WORD) {
		switch (first->cls) {
		case TW_MONTH: rules = month; break;
		case TW_WDAY: rules = wday; break;
		case TW_DAYREL: rules = dayrel; break;
		case TW_REF: rules = ref; break;
		case TW_SEASON: rules = season; break;
		case TW_SETW: case TW_EVERY: rules = setw; break;
		case TW_HOLIDAY: rules = holiday; break;
		case TW_CLOCK: rules = clock; break;
		case TW_UNIT: rules = unit; break;
		case TW_UNITS: rules = units; break;
		case TW_NUM: rules = num; break;
		case TW_ORD: rules = ord; break;
		case TW_REL: rules = rel; break;
		case TW_EDGE: rules = edge; break;
		case TW_APPROX: rules = approx; break;
		case TW_FUNC: rules = func; break;
		case TW_AGO: rules = ago; break;
		case TW_FISCAL: rules = fiscal; break;
		case TW_QUANT: rules = quant; break;
		default: break;
		}
	} else if (is_punct(c, i, '\'')) {
		rules = quote;
	}
	if (!rules)
		return 0;
	if (c->depth > 4 || T(c, i)->kind == TK_END)
		return 0;
	/* "the 1987 budget": the parse from "1987" is asked again from "the" and alone */
	if (c->memo_ok && c->memo_at == first->s) {
		*r = c->memo;
		return r->ntok;
	}
	c->depth++;
	struct timex_res best, cur;
	memset(&best, 0, sizeof best);
	best.mod = "";
	for (size_t k = 0; rules[k]; k++) {
		memset(&cur, 0, sizeof cur);
		cur.mod = "";
		int n = rules[k](c, i, &cur);
		if (n > best.ntok) {
			best = cur;
			best.ntok = n;
		}
	}
	/* quarters stand alone too: "third-quarter" */
	memset(&cur, 0, sizeof cur);
	cur.mod = "";
	int n = p_quarter(c, i, &cur, 0);
	if (n > best.ntok) {
		best = cur;
		best.ntok = n;
	}
	/* "the first nine months": a duration */
	if (is_word(c, i, "first") && !best.ntok) {
		memset(&cur, 0, sizeof cur);
		cur.mod = "";
		n = p_count(c, i + 1, &cur);
		if (n && cur.type == TIMEX_DURATION && !is_word(c, i + 1, "a") && !is_word(c, i + 1, "an")) {
			best = cur;
			best.ntok = n + 1;
		}
	}
	/*
	 * TimeML takes "the" into durations, quarters, decades and relative
	 * expressions ("the past three years", "the third quarter"), not
	 * into names of single days, months and years.
	 */
	if (is_word(c, i, "the") && !best.ntok) {
		memset(&cur, 0, sizeof cur);
		cur.mod = "";
		n = parse(c, i + 1, &cur);
		const struct tok *h = T(c, i + 1);
		if (n && !cur.adjective && (cur.type == TIMEX_DURATION || strstr(cur.v, "-Q") || strstr(cur.v, "-H") ||
		    is_word(c, i + 1, "year") ||   /* "the year two thousand" */
		    (cur.v[0] >= '0' && cur.v[0] <= '9' && strlen(cur.v) <= 3) ||
		    (h->kind == TK_WORD && (h->cls == TW_REL || h->cls == TW_EDGE || h->cls == TW_ORD ||
		     h->cls == TW_NUM || h->cls == TW_QUANT || h->cls == TW_FISCAL || h->cls == TW_SEASON)))) {
			best = cur;
			best.ntok = n + 1;
		}
	}
	/* "quarter-to-quarter", "year-to-year": a compound adjective, no time */
	if (best.ntok && T(c, i + best.ntok - 1)->e < c->len && c->text[T(c, i + best.ntok - 1)->e] == '-' &&
	    is_dash(c, i + best.ntok) &&
	    is_word(c, i + best.ntok + 1, "to") && is_dash(c, i + best.ntok + 2))
		best.ntok = 0;
	c->depth--;
	*r = best;
	c->memo = best;
	c->memo_at = first->s;
	c->memo_ok = 1;
	return best.ntok;
}

int
timex_parse(struct timex_ctx *c, int i, struct timex_res *r)
{
	int n = parse(c, i, r);
	int k = n ? or_so(c, i + n) : 0;
	if (k && !r->adjective) {
		r->ntok = n += k;
		if (!r->mod || !*r->mod)
			r->mod = "APPROX";
	}
	return n;
}
