#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "calendar.h"
#include "timex.h"
#include "timex_grammar.h"
#include "timex_words.h"

/*
 * The finder is a scan that stops only at digits and at words that can
 * head an expression; there it reads a few tokens ahead (and, for
 * modifiers such as "the", "last", "late", a few back) and tries the
 * expression grammar (lib/timex_grammar.c), longest first.  Most words
 * head nothing, and the scan must keep up with `wc -w`: it passes over
 * them 64 bytes at a time (next_candidate), and only the candidates are
 * cut into tokens.
 */

/* Classes of words that can head an expression (see trigger()). */
#define TRIGGER_CLASSES (1ul << TW_MONTH | 1ul << TW_WDAY | 1ul << TW_UNIT | 1ul << TW_UNITS | \
	1ul << TW_REF | 1ul << TW_DAYREL | 1ul << TW_SEASON | 1ul << TW_SETW | 1ul << TW_EVERY | \
	1ul << TW_CLOCK | 1ul << TW_HOLIDAY | 1ul << TW_ORD | 1ul << TW_QUANT | 1ul << TW_FISCAL | \
	1ul << TW_PART | 1ul << TW_NUM | 1ul << TW_HALF)

const char *
timex_type_name(enum timex_type t)
{
	static const char *const names[] = { "DATE", "TIME", "DURATION", "SET" };
	return names[t];
}

/* ---------------------------------------------------------------- scan */

/* Words that may open an expression before its head ("the", "last", "late", "about"). */
static int
opener(const struct tok *t)
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
static int
trigger(const struct tok *t)
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
	case TW_VAGUE:  /* "the latest period", "at the time", "the near term", "for a while", "a later date" */
		return (t->vlen == 6 && memcmp(t->val, "period", 6) == 0) ||
		    (t->vlen == 4 && (memcmp(t->val, "time", 4) == 0 || memcmp(t->val, "term", 4) == 0 ||
		    memcmp(t->val, "date", 4) == 0)) || (t->vlen == 5 && memcmp(t->val, "while", 5) == 0);
	case TW_EDGE:
		return 0;
	default:
		return 0;
	}
}

/* Whether w[0..n) is the lower-case word lw[0..n), whatever its case. */
static int
same_word(const char *w, const char *lw, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if ((char)(w[k] >= 'A' && w[k] <= 'Z' ? w[k] + 32 : w[k]) != lw[k])
			return 0;
	return 1;
}

/*
 * Whether what follows a number ending at i (digits, or a number word)
 * could make an expression of it: a unit, a month, "th", "p.m.", ":",
 * "/", "-".  Most numbers in news are amounts; this keeps them from the
 * grammar at the cost of a few byte tests.
 */
static int
number_may_lead(const char *text, size_t len, size_t i, int digits)
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
		return 1;   /* "5th", "8 PM", "10 a.m.", "1990s", "12 to 18 months" */
	if (i + 1 < len && text[i] == ' ' && ((i - s == 3 && same_word(text + s, "and", 3)) ||
	    (i - s == 2 && (same_word(text + s, "to", 2) || same_word(text + s, "or", 2)))))
		return 1;   /* "between 12 and 18 months", "two to three weeks" */
	/* "20 more years", "eight trading days": a word between the count and its unit */
	if ((i - s == 4 && same_word(text + s, "more", 4)) || (i - s == 7 && (same_word(text + s, "trading", 7) ||
	    same_word(text + s, "working", 7))) || (i - s == 8 && same_word(text + s, "business", 8)))
		return 1;
	return tw_maybe_trigger(text + s, i - s) || (i - s == 2 && (text[s] | 0x20) == 'o' && (text[s + 1] | 0x20) == 'f');
}

/*
 * Triggers outside the trigger classes, whose classes hold words too
 * common to stop at ("this", "that"): "the past", "recent weeks",
 * "the current quarter", "the latest period", "at the time", "the near
 * term".
 */
static int
rare_trigger(const char *w, size_t n)
{
	switch (n) {
	case 4: return same_word(w, "past", 4) || same_word(w, "time", 4) || same_word(w, "term", 4) ||
		    same_word(w, "date", 4);
	case 5: return same_word(w, "while", 5);
	case 6: return same_word(w, "recent", 6) || same_word(w, "period", 6);
	case 7: return same_word(w, "current", 7);
	default: return 0;
	}
}

/*
 * The scan's fast path.  Most of the text is words that head nothing:
 * one probe of head_bits, a set (by a hash of a word's first eight
 * letters and its length) of the table words the full test could take,
 * keeps them from that test and from the table.  The set is 2 KB, so
 * that it stays in the first-level cache while the text streams by.
 */
#ifdef __SSE2__
#include <emmintrin.h>
#endif

enum { HEAD_BITS = 14 };
static unsigned char head_bits[1 << HEAD_BITS >> 3];
/* Built once, on first use, whichever thread comes first (workers.h). */
static pthread_once_t heads_once = PTHREAD_ONCE_INIT;

/* The mask of the first min(n, 8) bytes of a little-endian number, n > 0. */
static inline uint64_t
first_bytes(size_t n)
{
	size_t k = n < 8 ? n : 8;

	return ~0ull >> (64 - 8 * k);
}

/* The first (up to) eight bytes of text[s..s+n), the first in the low byte. */
static inline uint64_t
word_bytes(const char *text, size_t len, size_t s, size_t n)
{
	uint64_t w = 0;
	size_t k = n < 8 ? n : 8;

#if TW_WORDWISE
	if (s + 8 <= len) {
		memcpy(&w, text + s, 8);
		return w & first_bytes(k);
	}
#else
	(void)len;
#endif
	for (size_t j = 0; j < k; j++)
		w |= (uint64_t)(unsigned char)text[s + j] << 8 * j;
	return w;
}

/* The hash of an ASCII word from its first bytes and length, blind to case. */
static inline unsigned
head_key(uint64_t first, size_t n)
{
	return (unsigned)((((first | 0x20 * TW_ONES) ^ n) * 0x9E3779B97F4A7C15ull) >> (64 - HEAD_BITS));
}

/* Whether the letters text[s..s+n) may head an expression: no false negatives. */
static inline int
may_head(const char *text, size_t len, size_t s, size_t n)
{
	unsigned k = head_key(word_bytes(text, len, s, n), n);
	return head_bits[k >> 3] >> (k & 7) & 1;
}

enum { BLOCK = 64 };

/* One bit per byte from bit 7 of each byte of highs: byte k to bit k. */
#ifndef __SSE2__
static inline unsigned
gather(uint64_t highs)
{
	return (unsigned)(((highs >> 7) * 0x0102040810204080ull) >> 56);
}
#endif

/* Bit k of *letters (*digits): whether p[k] is an ASCII letter (digit), for k < 64. */
static inline void
block_masks(const char *p, uint64_t *letters, uint64_t *digits)
{
	uint64_t l = 0, d = 0;
#ifdef __SSE2__
	/* a byte is in [lo, lo + n) when (byte - lo + 0x80), signed, is below n - 128 */
	const __m128i fold = _mm_set1_epi8(0x20), to_a = _mm_set1_epi8(0x80 - 'a'), to_0 = _mm_set1_epi8(0x80 - '0');
	const __m128i n26 = _mm_set1_epi8(26 - 128), n10 = _mm_set1_epi8(10 - 128);
	for (int k = 0; k < BLOCK / 16; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
		__m128i lv = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, fold), to_a), n26);
		__m128i dv = _mm_cmplt_epi8(_mm_add_epi8(v, to_0), n10);
		l |= (uint64_t)(unsigned)_mm_movemask_epi8(lv) << 16 * k;
		d |= (uint64_t)(unsigned)_mm_movemask_epi8(dv) << 16 * k;
	}
#else
	for (int k = 0; k < BLOCK / 8; k++) {
		uint64_t w;
		memcpy(&w, p + 8 * k, 8);
		l |= (uint64_t)gather(tw_letter_bits(w)) << 8 * k;
		d |= (uint64_t)gather(tw_digit_bits(w)) << 8 * k;
	}
#endif
	*letters = l;
	*digits = d;
}

/*
 * The start of the first run (of letters or of digits) at or after i
 * that the scan must look at closely: every digit run, and the letter
 * runs that may head an expression.  These are the runs a walk byte by
 * byte from i would meet (a run may start at i itself), found without
 * a branch per byte: a block of 64 bytes becomes bit masks of letters
 * and digits, whose words are then hashed in order.  A word that runs
 * over the block's end is left to the next block.  Near the end of
 * text it returns the next letter or digit, or len.
 */
static size_t
next_candidate(const char *text, size_t len, size_t i)
{
#if TW_WORDWISE
	/* eight bytes of slack: a word's first eight bytes are loaded whole */
	while (len - i >= BLOCK + 8) {
		uint64_t letters, digits;
		block_masks(text + i, &letters, &digits);
		uint64_t starts = letters & ~(letters << 1), numbers = digits & ~(digits << 1);
		unsigned first_number = numbers ? (unsigned)__builtin_ctzll(numbers) : BLOCK;
		/*
		 * When the block ends in a letter, its last word may go on: the
		 * next block starts at that word.  Half the blocks do, so this
		 * is done without a branch.
		 */
		uint64_t open = letters >> 63;
		unsigned last = 63 - (unsigned)__builtin_clzll(starts | 1);
		size_t step = open ? last : BLOCK;
		if (step == 0)
			return i;       /* one word fills the block */
		starts &= ~(open << last);
		/* words in order, up to the first that may head or the first number */
		for (; starts; starts &= starts - 1) {
			unsigned j = (unsigned)__builtin_ctzll(starts);
			if (j > first_number)
				break;
			size_t n = (size_t)__builtin_ctzll(~letters >> j);
			uint64_t w;
			memcpy(&w, text + i + j, 8);
			unsigned k = head_key(w & first_bytes(n), n);
			if (head_bits[k >> 3] >> (k & 7) & 1)
				return i + j;
		}
		if (first_number < step)
			return i + first_number;
		i += step;
	}
#endif
	return tw_next_alnum(text, len, i);
}

/* Puts a table word into head_bits when the scan's full test could take it. */
static void
add_head(const char *w, size_t n, int cls, const char *val, size_t vlen, void *arg)
{
	struct tok t;

	(void)arg;
	memset(&t, 0, sizeof t);
	t.e = n;
	t.kind = TK_WORD;
	t.cls = (unsigned char)cls;
	t.val = val;
	t.vlen = (unsigned char)vlen;
	t.num = cls == TW_NUM ? tw_value_num(val, vlen) : 0;
	if ((tw_maybe_trigger(w, n) || rare_trigger(w, n)) && trigger(&t)) {
		unsigned k = head_key(word_bytes(w, n, 0, n), n);
		head_bits[k >> 3] |= (unsigned char)(1u << (k & 7));
	}
}

static void
build_heads(void)
{
	tw_init(TRIGGER_CLASSES);
	tw_each(add_head, NULL);
}

static void
heads_init(void)
{
	pthread_once(&heads_once, build_heads);
}

struct emit {
	struct timex_doc *d;
	timex_fn each;
	void *arg;
	size_t count;
};

static void
emit(struct emit *em, struct timex_ctx *c, const struct timex_res *r, size_t s, size_t e)
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
	} else if (strlen(r->v) == 7 && r->v[4] == '-' && r->v[5] == 'Q' && r->v[6] >= '1' && r->v[6] <= '4') {
		c->d->quarter_grain = 1;    /* "the latest quarter": the report is back on its quarter */
	} else if (r->type == TIMEX_DURATION && r->v[0] == 'P' && r->v[1] >= '0' && r->v[1] <= '9' &&
	    r->v[strlen(r->v) - 1] == 'M') {
		/* "the nine months ... a year earlier": the year before; not "several months" */
		c->d->quarter_grain = 0;
	}
	if (r->told) {
		c->d->told_year = r->told / 100;
		c->d->told_month = r->told % 100;
	}
	em->each(&x, em->arg);
	em->count++;
}

/*
 * A range's second half written short: "2016-18", "March 5-7", or a
 * second day of the month: "April 24 and 25".  Emits it as an
 * expression of its own, completed from the first half.
 */
static size_t
range_tail(struct emit *em, struct timex_ctx *c, const struct timex_res *r, int last)
{
	const struct tok *w = T(c, last + 1);
	if (w->kind == TK_WORD && (wordeq(c->text, w, "and") || wordeq(c->text, w, "or") ||
	    wordeq(c->text, w, "to") || wordeq(c->text, w, "through")) && strlen(r->v) == 10 &&
	    T(c, last)->kind == TK_NUM && T(c, last + 2)->kind == TK_NUM && !adj(c, last + 2)) {
		const struct tok *n = T(c, last + 2), *after = T(c, last + 3);
		/* "May 5 and 6 others": a count */
		if (n->e - n->s > 2 || n->num <= T(c, last)->num || n->num > 31 ||
		    (after->kind == TK_WORD && after->cls != TW_FUNC) || (after->kind == TK_PUNCT &&
		    (c->text[after->s] == '%' || (adj(c, last + 3) && c->text[after->s] != ',' &&
		    c->text[after->s] != '.' && c->text[after->s] != ')'))))
			return 0;
		struct timex_res t = *r;
		t.mod = "";
		snprintf(t.v + 8, sizeof t.v - 8, "%02ld", n->num);
		emit(em, c, &t, n->s, n->e);
		return n->e;
	}
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

/*
 * Tries the expressions that could start at or just before head, the
 * candidate's token as tw_next reads it.
 */
static size_t
try_at(struct emit *em, struct timex_ctx *c, const struct tok *head, size_t floor)
{
	size_t word_start = head->s;
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
		if (!(prev.kind == TK_WORD && (opener(&prev) || prev.cls == TW_UNIT || prev.cls == TW_HALF)) &&
		    !(prev.kind == TK_PUNCT && c->text[prev.s] == '-' && prev.e == p))
			break;
		starts[ns++] = prev.s;
		p = prev.s;
	}
	c->memo_ok = 0;
	for (int k = ns - 1; k >= -1; k--) {
		size_t s = k >= 0 ? starts[k] : word_start;
		timex_load(c, s);
		if (k < 0)
			timex_seed(c, head);    /* the scan has read it: not twice */
		struct timex_res r;
		int n = timex_parse(c, 0, &r);
		if (!n)
			continue;
		/* a match must reach the trigger word */
		if (c->t[n - 1].e <= word_start)
			continue;
		emit(em, c, &r, c->t[r.lead < n ? r.lead : 0].s, c->t[n - 1].e);
		size_t e = c->t[n - 1].e;
		size_t tail = range_tail(em, c, &r, n - 1);
		return tail ? tail : e;
	}
	return 0;
}

void
timex_doc_init(struct timex_doc *d, const struct ymd *ref)
{
	memset(d, 0, sizeof *d);
	heads_init();
	if (ref && ref->year > 0 && ref->month >= 1 && ref->month <= 12 &&
	    ref->day >= 1 && ref->day <= days_in_month(ref->year, ref->month))
		d->ref = *ref;
}

size_t
timex_scan(struct timex_doc *d, const char *text, size_t len, timex_fn each, void *arg)
{
	struct emit em = { d, each, arg, 0 };
	struct timex_ctx c;
	c.d = d;
	c.text = text;
	c.len = len;
	c.n = 0;
	c.depth = 0;
	c.memo_ok = 0;
	heads_init();
	size_t floor = 0, i = 0;
	while ((i = next_candidate(text, len, i)) < len) {
		int k = tw_byte_class[(unsigned char)text[i]];
		size_t s = i;
		int cand;
		struct tok head;
		if (k == 2) {
			while (i < len && tw_byte_class[(unsigned char)text[i]] == 2)
				i++;
			/* a decimal, a group of thousands or a price is no date: skip the whole number */
			if ((i + 1 < len && (text[i] == '.' || text[i] == ',') && tw_byte_class[(unsigned char)text[i + 1]] == 2) ||
			    (s > 0 && text[s - 1] == '$')) {
				while (i < len && (tw_byte_class[(unsigned char)text[i]] == 2 ||
				    ((text[i] == '.' || text[i] == ',') && i + 1 < len && tw_byte_class[(unsigned char)text[i + 1]] == 2)))
					i++;
				continue;
			}
			cand = i - s == 4 || (i - s < 4 && number_may_lead(text, len, i, 1));
			if (cand)
				tw_next(text, len, s, &head);
		} else {
			i = tw_letters_end(text, len, i + 1);
			if (!may_head(text, len, s, i - s))
				continue;
			cand = 0;
			/* the token's class ignores a word touching a non-ASCII byte */
			if (tw_maybe_trigger(text + s, i - s) || rare_trigger(text + s, i - s)) {
				tw_next(text, len, s, &head);
				cand = trigger(&head);
				if (cand && (head.cls == TW_NUM || head.cls == TW_ORD || head.cls == TW_QUANT))
					cand = number_may_lead(text, len, i, 0);
			}
		}
		if (!cand)
			continue;
		/*
		 * The scan goes on after an expression found; floor keeps the
		 * next expression's openers from reaching back into this one.
		 */
		size_t e = try_at(&em, &c, &head, floor);
		if (e > i) {
			i = e;
			floor = e;
		} else if (e) {
			floor = e;
		}
	}
	return em.count;
}
