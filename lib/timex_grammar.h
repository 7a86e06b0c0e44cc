/*
 * timex_grammar: the date finder's grammar, private to lib/timex.c and
 * lib/timex_grammar.c.  A candidate start is read as tokens, lazily;
 * timex_parse tries every expression that can start at a token and
 * keeps the longest, with its TIMEX3 type and value.
 */
#ifndef NTOOLS_TIMEX_GRAMMAR_H
#define NTOOLS_TIMEX_GRAMMAR_H

#include <string.h>
#include "timex.h"
#include "timex_words.h"

#define MAXTOK 14

struct timex_res {
	int ntok;               /* tokens consumed; 0: no match */
	enum timex_type type;
	char v[32];
	const char *mod;
	int adjective;          /* a hyphenated modifier ("two-year", "third-quarter") */
	int lead;               /* tokens before the span that still give its mod ("about") */
	int told;               /* a date written out: year * 100 + month (0 when not given) */
	int quarter;            /* a quarter named, for later "a year earlier" */
	int quarter_year;
};

struct timex_ctx {
	struct timex_doc *d;
	const char *text;
	size_t len;
	struct tok t[MAXTOK];
	int n;                  /* tokens read from the candidate start */
	int ended;              /* the text or the paragraph ended after them */
	size_t next;            /* where the next token is read from */
	int depth;              /* nesting of parse() */
	int memo_ok;            /* memo holds the parse of the token at memo_at */
	size_t memo_at;
	struct timex_res memo;
};

/* Starts reading tokens at pos; they are read as the grammar asks for them. */
static inline void timex_load(struct timex_ctx *c, size_t pos)
{
	c->n = 0;
	c->ended = 0;
	c->next = pos;
}

/* Starts at t, a token tw_next read at the candidate start: token 0. */
static inline void timex_seed(struct timex_ctx *c, const struct tok *t)
{
	c->t[0] = *t;
	c->n = 1;
	c->next = t->e;
}

/* Reads tokens up to i; an end token past the text or the window. */
const struct tok *timex_read_to(struct timex_ctx *c, int i);

/* Token i from the candidate start, or an end token past the text or the window. */
static inline const struct tok *T(struct timex_ctx *c, int i)
{
	return (i >= 0 && i < c->n) ? &c->t[i] : timex_read_to(c, i);
}


static inline int is_cls(struct timex_ctx *c, int i, int cls)
{
	return T(c, i)->kind == TK_WORD && T(c, i)->cls == cls;
}

/* Whether token t is the word w[0..n) (lower case), whatever its case. */
static inline int tok_is(const char *text, const struct tok *t, const char *w, size_t n)
{
	if (t->kind != TK_WORD || t->e - t->s != n)
		return 0;
	for (size_t k = 0; k < n; k++) {
		char a = text[t->s + k];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (a != w[k])
			return 0;
	}
	return 1;
}

/*
 * Whether token t is the word of n <= 8 bytes whose bytes, first in the
 * low byte, are low: the test the grammar makes more than any other, one
 * comparison of t->low and no branch of its own.
 */
static inline int tok_is_short(const struct tok *t, uint64_t low, size_t n)
{
	return (t->kind == TK_WORD) & (t->e - t->s == n) & (t->low == low);
}

/* Byte k of the string literal w, shifted to its place in a tok's low; 0 past its end. */
#define LIT_BYTE(w, k) ((k) + 1 < sizeof(w) ? (uint64_t)(unsigned char)(w)[(k) + 1 < sizeof(w) ? (k) : 0] << 8 * (k) : 0)
#define LIT_LOW(w) (LIT_BYTE(w, 0) | LIT_BYTE(w, 1) | LIT_BYTE(w, 2) | LIT_BYTE(w, 3) | \
	LIT_BYTE(w, 4) | LIT_BYTE(w, 5) | LIT_BYTE(w, 6) | LIT_BYTE(w, 7))

/* w must be a string literal (the "" makes anything else an error). */
#define wordeq(text, t, w) (sizeof(w) - 1 <= 8 ? tok_is_short((t), LIT_LOW("" w), sizeof(w) - 1) : \
	tok_is((text), (t), "" w, sizeof(w) - 1))
#define is_word(c, i, w) wordeq((c)->text, T((c), (i)), w)

static inline int is_punct(struct timex_ctx *c, int i, char ch)
{
	return T(c, i)->kind == TK_PUNCT && c->text[T(c, i)->s] == ch;
}

/* Token i touches token i-1 (no space between). */
static inline int adj(struct timex_ctx *c, int i)
{
	return i > 0 && T(c, i)->kind != TK_END && c->t[i].s == c->t[i - 1].e;
}

static inline int is_dash(struct timex_ctx *c, int i)
{
	const struct tok *t = T(c, i);
	if (t->kind == TK_PUNCT)
		return c->text[t->s] == '-';
	/* en dash U+2013 */
	return t->kind == TK_OTHER && t->e - t->s == 3 &&
	    memcmp(c->text + t->s, "\xE2\x80\x93", 3) == 0;
}

/* All expressions that start at token i; the longest wins.  Returns its tokens, 0 for none. */
int timex_parse(struct timex_ctx *c, int i, struct timex_res *r);

#endif
