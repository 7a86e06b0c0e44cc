#include <stdio.h>
#include <string.h>
#include "calendar.h"
#include "timex.h"
#include "timex_grammar.h"
#include "timex_words.h"

/*
 * The finder is a scan over bytes that stops only at digits and at
 * words in the temporal word table; there it reads a few tokens ahead
 * (and, for modifiers such as "the", "last", "late", a few back) and
 * tries the expression grammar (lib/timex_grammar.c), longest first.
 */

/* Classes of words that can head an expression (see trigger()). */
#define TRIGGER_CLASSES (1ul << TW_MONTH | 1ul << TW_WDAY | 1ul << TW_UNIT | 1ul << TW_UNITS | \
	1ul << TW_REF | 1ul << TW_DAYREL | 1ul << TW_SEASON | 1ul << TW_SETW | 1ul << TW_EVERY | \
	1ul << TW_CLOCK | 1ul << TW_HOLIDAY | 1ul << TW_ORD | 1ul << TW_QUANT | 1ul << TW_FISCAL | \
	1ul << TW_PART | 1ul << TW_NUM | 1ul << TW_HALF)

const char *timex_type_name(enum timex_type t)
{
	static const char *const names[] = { "DATE", "TIME", "DURATION", "SET" };
	return names[t];
}

void timex_doc_init(struct timex_doc *d, const struct ymd *ref)
{
	memset(d, 0, sizeof *d);
	if (ref && ref->year > 0 && ref->month >= 1 && ref->month <= 12 &&
	    ref->day >= 1 && ref->day <= days_in_month(ref->year, ref->month))
		d->ref = *ref;
	tw_init(TRIGGER_CLASSES);
}

/* ---------------------------------------------------------------- scan */

/* Words that may open an expression before its head ("the", "last", "late", "about"). */
static int opener(const struct tok *t)
{
	switch (t->cls) {
	case TW_REL: case TW_EDGE: case TW_APPROX: case TW_FISCAL: case TW_ORD:
	case TW_EVERY: case TW_QUANT: case TW_NUM:
		return 1;
	case TW_FUNC:   /* "the", "a", "an", "at" (least); not "in", "on", "of" */
		return (t->vlen == 3 && memcmp(t->val, "the", 3) == 0) || (t->vlen == 1 && t->val[0] == 'a') ||
		    (t->vlen == 2 && (memcmp(t->val, "an", 2) == 0 || memcmp(t->val, "at", 2) == 0));
	case TW_AGO:
		return 1;   /* "earlier this year" */
	default:
		return 0;
	}
}

/* Words that can head an expression: the scan stops at these and at digits. */
static int trigger(const struct tok *t)
{
	switch (t->cls) {
	case TW_MONTH: case TW_WDAY: case TW_UNIT: case TW_UNITS: case TW_REF:
	case TW_DAYREL: case TW_SEASON: case TW_SETW: case TW_EVERY: case TW_CLOCK:
	case TW_HOLIDAY: case TW_ORD: case TW_QUANT: case TW_FISCAL: case TW_PART:
		return 1;
	case TW_NUM:
		return t->num > 1 || t->e - t->s > 2;   /* not "a", "an" alone */
	case TW_REL:    /* "the past", "recent" */
		return t->vlen >= 4 && (memcmp(t->val, "past", 4) == 0 || memcmp(t->val, "rece", 4) == 0 ||
		    memcmp(t->val, "curr", 4) == 0);
	case TW_VAGUE:  /* "the latest period" */
		return t->vlen == 6 && memcmp(t->val, "period", 6) == 0;
	case TW_EDGE:
		return 0;
	default:
		return 0;
	}
}

/*
 * Whether what follows a number ending at i (digits, or a number word)
 * could make an expression of it: a unit, a month, "th", "p.m.", ":",
 * "/", "-".  Most numbers in news are amounts; this keeps them from the
 * grammar at the cost of a few byte tests.
 */
static int number_may_lead(const char *text, size_t len, size_t i, int digits)
{
	if (i >= len)
		return 0;
	char ch = text[i];
	if (digits && (ch == ':' || ch == '/' || ch == '-' || ch == '\'' || ch == '.'))
		return 1;
	if (ch == '-') {
		i++;
	} else {
		int nl = 0;
		while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) {
			nl += text[i] == '\n';
			i++;
		}
		if (nl > 1)
			return 0;
		if (digits && i + 2 < len && text[i] == '1' && text[i + 1] == '/' && text[i + 2] == '2')
			return 1;   /* "2 1/2 years" */
	}
	size_t s = i;
	while (i < len && tw_byte_class[(unsigned char)text[i]] == 1)
		i++;
	if (i == s)
		return 0;
	if (digits && i - s <= 2)
		return 1;   /* "5th", "8 PM", "10 a.m.", "1990s" */
	return tw_maybe_trigger(text + s, i - s) || (i - s == 2 && (text[s] | 0x20) == 'o' && (text[s + 1] | 0x20) == 'f');
}

/*
 * Triggers outside the trigger classes, whose classes hold words too
 * common to stop at ("this", "that", "time"): "the past", "recent
 * weeks", "the current quarter", "the latest period".
 */
static int rare_trigger(const char *w, size_t n)
{
	switch (n) {
	case 4: return (w[0] | 0x20) == 'p' && tok_is(w, &(struct tok){ 0, 4, TK_WORD, 0, 0, 0, NULL, 0, 0 }, "past", 4);
	case 6: return ((w[0] | 0x20) == 'r' && tok_is(w, &(struct tok){ 0, 6, TK_WORD, 0, 0, 0, NULL, 0, 0 }, "recent", 6)) ||
	    ((w[0] | 0x20) == 'p' && tok_is(w, &(struct tok){ 0, 6, TK_WORD, 0, 0, 0, NULL, 0, 0 }, "period", 6));
	case 7: return (w[0] | 0x20) == 'c' && tok_is(w, &(struct tok){ 0, 7, TK_WORD, 0, 0, 0, NULL, 0, 0 }, "current", 7);
	default: return 0;
	}
}

struct emit {
	struct timex_doc *d;
	timex_fn each;
	void *arg;
	size_t count;
};

static void emit(struct emit *em, struct timex_ctx *c, const struct timex_res *r, size_t s, size_t e)
{
	struct timex x;
	x.start = s;
	x.end = e;
	x.type = r->type;
	memcpy(x.value, r->v, sizeof x.value);
	x.value[sizeof x.value - 1] = 0;
	x.mod = r->mod ? r->mod : "";
	if (r->quarter) {
		/* a quarter of long ago ("the 1984 first quarter") is no report's subject */
		if (!c->d->last_quarter && (!c->d->ref.year || r->quarter_year == c->d->ref.year ||
		    r->quarter_year == c->d->ref.year - 1)) {
			c->d->last_quarter = r->quarter;
			c->d->last_quarter_year = r->quarter_year;
		}
		c->d->quarter_grain = 1;
	} else if (r->type == TIMEX_DURATION && r->v[0] == 'P' && r->v[1] != 'T' && r->v[strlen(r->v) - 1] == 'M') {
		c->d->quarter_grain = 0;    /* "the nine months ... a year earlier": the year before */
	}
	em->each(&x, em->arg);
	em->count++;
}

/*
 * A range's second half written short: "2016-18", "March 5-7".  Emits
 * it as an expression of its own, completed from the first half.
 */
static size_t range_tail(struct emit *em, struct timex_ctx *c, const struct timex_res *r, int last)
{
	if (!(is_dash(c, last + 1) && adj(c, last + 1) && T(c, last + 2)->kind == TK_NUM && adj(c, last + 2)))
		return 0;
	const struct tok *n = T(c, last + 2), *p = T(c, last);
	if (p->kind != TK_NUM || (T(c, last + 3)->kind != TK_END && adj(c, last + 3) && !is_punct(c, last + 3, ',') &&
	    !is_punct(c, last + 3, '.') && !is_punct(c, last + 3, ')')))
		return 0;
	struct timex_res t = *r;
	t.mod = "";
	size_t vl = strlen(r->v);
	if (vl == 4 && p->e - p->s == 4) {
		long y = n->num;
		if (n->e - n->s == 2)
			y += (p->num / 100) * 100;
		else if (n->e - n->s != 4)
			return 0;
		if (y <= p->num || y > p->num + 100)
			return 0;
		snprintf(t.v, sizeof t.v, "%04ld", y);
	} else if (vl == 10 && n->e - n->s <= 2 && n->num > p->num && n->num <= 31) {
		snprintf(t.v + 8, sizeof t.v - 8, "%02ld", n->num);
	} else {
		return 0;
	}
	emit(em, c, &t, n->s, n->e);
	return n->e;
}

/* Tries the expressions that could start at or just before the token at pos. */
static size_t try_at(struct emit *em, struct timex_ctx *c, size_t word_start, size_t floor)
{
	/* candidate starts: up to three opener words back, earliest first */
	size_t starts[4];
	int ns = 0;
	size_t p = word_start;
	struct tok prev;
	/* "of", "in", "to" can stand inside ("the end of 1990", "up to 180 days") but start nothing */
	int steps = 0;
	while (ns < 3 && steps++ < 5 && tw_prev(c->text, p, &prev) && prev.s >= floor) {
		if (prev.kind == TK_WORD && prev.cls == TW_FUNC && prev.vlen == 2 &&
		    (memcmp(prev.val, "of", 2) == 0 || memcmp(prev.val, "in", 2) == 0 || memcmp(prev.val, "to", 2) == 0)) {
			p = prev.s;
			continue;
		}
		if (!(prev.kind == TK_WORD && (opener(&prev) || prev.cls == TW_UNIT)) &&
		    !(prev.kind == TK_PUNCT && c->text[prev.s] == '-' && prev.e == p))
			break;
		starts[ns++] = prev.s;
		p = prev.s;
	}
	c->memo_ok = 0;
	for (int k = ns - 1; k >= -1; k--) {
		size_t s = k >= 0 ? starts[k] : word_start;
		timex_load(c, s);
		struct timex_res r;
		int n = timex_parse(c, 0, &r);
		if (!n)
			continue;
		/* a match must reach the trigger word */
		if (c->t[n - 1].e <= word_start)
			continue;
		emit(em, c, &r, c->t[0].s, c->t[n - 1].e);
		size_t e = c->t[n - 1].e;
		size_t tail = range_tail(em, c, &r, n - 1);
		return tail ? tail : e;
	}
	return 0;
}

size_t timex_scan(struct timex_doc *d, const char *text, size_t len, timex_fn each, void *arg)
{
	struct emit em = { d, each, arg, 0 };
	struct timex_ctx c;
	c.d = d;
	c.text = text;
	c.len = len;
	c.n = 0;
	c.depth = 0;
	c.memo_ok = 0;
	tw_init(TRIGGER_CLASSES);
	size_t floor = 0, i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)text[i];
		int k = tw_byte_class[b];
		if (!k) {
			i++;
			continue;
		}
		size_t s = i;
		while (i < len && tw_byte_class[(unsigned char)text[i]] == k)
			i++;
		int cand;
		if (k == 2) {
			/* a decimal, a group of thousands or a price is no date: skip the whole number */
			if ((i + 1 < len && (text[i] == '.' || text[i] == ',') && tw_byte_class[(unsigned char)text[i + 1]] == 2) ||
			    (s > 0 && text[s - 1] == '$')) {
				while (i < len && (tw_byte_class[(unsigned char)text[i]] == 2 ||
				    ((text[i] == '.' || text[i] == ',') && i + 1 < len && tw_byte_class[(unsigned char)text[i + 1]] == 2)))
					i++;
				continue;
			}
			cand = i - s == 4 || (i - s < 4 && number_may_lead(text, len, i, 1));
		} else {
			cand = 0;
			if ((tw_maybe_trigger(text + s, i - s) || rare_trigger(text + s, i - s)) && !(s > 0 && (unsigned char)text[s - 1] >= 0x80) &&
			    !(i < len && (unsigned char)text[i] >= 0x80)) {
				struct tok t;
				t.s = s;
				t.e = i;
				t.kind = TK_WORD;
				t.cls = (unsigned char)tw_lookup(text + s, i - s, &t.val, &t.vlen);
				t.num = (t.cls == TW_NUM) ? tw_value_num(t.val, t.vlen) : 0;
				cand = trigger(&t);
				if (cand && (t.cls == TW_NUM || t.cls == TW_ORD || t.cls == TW_QUANT))
					cand = number_may_lead(text, len, i, 0);
			}
		}
		if (!cand)
			continue;
		/* a word glued to the digits before it ("3rd") is no head */
		size_t e = try_at(&em, &c, s, floor);
		if (e > i) {
			i = e;
			floor = e;
		} else if (e) {
			floor = e;
		}
	}
	return em.count;
}
