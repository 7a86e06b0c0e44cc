#include "speaker.h"

#include <stdlib.h>
#include <string.h>
#include "entity.h"
#include "perceptron.h"
#include "tokfeat.h"
#include "xalloc.h"

extern const unsigned char data_speaker_bin[];
extern const size_t data_speaker_bin_len;

/* Feature templates: a template and its values hash to one feature id. */
enum {
	F_BIAS = 1, F_DIST, F_FORM, F_WC, F_NEXT, F_NEXT_WORD, F_PREV, F_PREV_WORD, F_HEAD,
	F_SIDE_HEAD, F_FINE, F_NEXT_COARSE, F_PREV_COARSE, F_ENTITY, F_RANK, F_SENTENCES,
	F_COMMA, F_LENGTH, F_OPENS, F_IS_RULE, F_EMPTY_SIDE, F_RULE, F_FOCUS, F_FIRST_AFTER,
	F_LAST_BEFORE, F_NEXT_FORM, F_POSSESSIVE
};

enum { FORM_PRONOUN = 1, FORM_NAME, FORM_WORD };
enum { SIDE_BEFORE, SIDE_AFTER };

static void
add_feature(struct sp_set *set, unsigned tmpl, uint64_t a, uint64_t b)
{
	tf_push(&set->feat, &set->nfeat, &set->capfeat, tf_id(tmpl, a, b));
}

static struct sp_cand *
add_cand(struct sp_set *set, enum sp_kind kind, size_t ms, size_t me, size_t cs, size_t ce)
{
	if (set->n == set->cap) {
		set->cap = set->cap ? 2 * set->cap : 64;
		set->c = xrealloc(set->c, set->cap * sizeof *set->c);
	}
	struct sp_cand *c = &set->c[set->n++];

	c->kind = kind;
	c->ms = ms;
	c->me = me;
	c->cs = cs;
	c->ce = ce;
	c->f = set->nfeat;
	c->nf = 0;
	return c;
}

static int
ends_sentence(const struct tok *t)
{
	return t->type == T_PUNCT && (t->ch == '.' || t->ch == '!' || t->ch == '?' || t->ch == ';');
}

static int
possessive(const char *text, const struct tok *t)
{
	size_t n = t->e - t->s;
	const char *w = text + t->s;

	return (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's') ||
	    (n > 4 && memcmp(w + n - 4, "\xe2\x80\x99s", 4) == 0);
}

/* Can a speaker phrase end at this word? */
static int
may_head(const struct tok *t)
{
	if (t->type != T_WORD)
		return 0;
	switch (t->wc) {
	case W_CUE: case W_AUX: case W_STOP: case W_DEF: case W_INDEF: case W_INTRO:
		return t->cap && t->wc != W_DEF && t->wc != W_INDEF;
	}
	return 1;
}

/* The first word of the phrase that ends with t[h]. */
static size_t
phrase_start(const struct tok *t, size_t lo, size_t h)
{
	size_t b = h;

	if (is_pronoun(&t[h]))
		return h;
	if (t[h].cap) {
		/* a name's words: not the function words that open a sentence ("But", "When", "His") */
		while (b > lo && t[b - 1].type == T_WORD && t[b - 1].cap && (t[b - 1].wc == W_NONE ||
		    t[b - 1].wc == W_PERSON || t[b - 1].wc == W_ABBR || t[b - 1].wc == W_BODY ||
		    t[b - 1].wc == W_MEDIUM || t[b - 1].wc == W_LABEL))
			b--;
		if (b > lo && t[b - 1].type == T_WORD && (t[b - 1].wc == W_DEF || t[b - 1].wc == W_PERSON))
			b--;
		return b;
	}
	while (b > lo && h - b < 4 && t[b - 1].type == T_WORD) {
		unsigned wc = t[b - 1].wc;

		if (wc == W_STOP || wc == W_CUE || wc == W_AUX || wc == W_INTRO || is_pronoun(&t[b - 1]))
			break;
		b--;
		if (wc == W_DEF || wc == W_INDEF)
			break;
	}
	return b;
}

/* The entity type over [s, e) plus one (0: none), from ents sorted by start. */
static unsigned
entity_at(const struct sp_quote *q, size_t s, size_t e)
{
	size_t lo = 0, hi = q->nents;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (q->ents[mid].start <= s)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k > 0 && lo - k < 4; k--)
		if (q->ents[k - 1].start <= s && q->ents[k - 1].end >= e)
			return 1 + (unsigned)q->ents[k - 1].type + (q->ents[k - 1].end == e ? 0x10 : 0);
	return 0;
}

/* The candidates of one side: t[0..n), nearest the quotation last (before) or first (after). */
static void
side_candidates(struct sp_set *set, const struct sp_quote *q, const struct wordclass *wc,
    const struct tok *t, size_t n, int side)
{
	unsigned rank[4] = { 0, 0, 0, 0 };
	size_t rule_head = q->rule_me;

	for (size_t i = 0; i < n; i++) {
		/* nearest first */
		size_t h = side == SIDE_BEFORE ? n - 1 - i : i;

		if (!may_head(&t[h]))
			continue;
		if (possessive(q->text, &t[h]) && h + 1 < n && t[h + 1].type == T_WORD)
			continue;       /* "Holt's campaign manager": the phrase goes on */
		if (t[h].cap && !is_pronoun(&t[h]) && h + 1 < n && t[h + 1].type == T_WORD && t[h + 1].cap &&
		    !is_pronoun(&t[h + 1]))
			continue;       /* a name ends at its last word: "Sam", not of "Sam Ortiz" */
		size_t b = phrase_start(t, 0, h);
		const struct tok *next = h + 1 < n ? &t[h + 1] : NULL;
		const struct tok *prev = b > 0 ? &t[b - 1] : NULL;
		size_t cs = 0, ce = 0;

		if (next && next->type == T_WORD && next->wc == W_CUE && !next->cap) {
			cs = next->s;
			ce = next->e;
		} else if (prev && prev->type == T_WORD && prev->wc == W_CUE) {
			cs = prev->s;
			ce = prev->e;
		} else if (prev && b > 1 && prev->e - prev->s == 2 && q->text[prev->s] == 't' &&
		    q->text[prev->s + 1] == 'o' && t[b - 2].e - t[b - 2].s == 9 &&
		    strncmp(q->text + t[b - 2].s + 1, "ccording", 8) == 0) {
			cs = t[b - 2].s;
			ce = prev->e;
		}
		struct sp_cand *c = add_cand(set, SP_WINDOW, t[b].s, t[h].e, cs, ce);
		unsigned form = is_pronoun(&t[h]) ? FORM_PRONOUN : t[h].cap ? FORM_NAME : FORM_WORD;
		size_t dist = side == SIDE_BEFORE ? n - 1 - h : b;
		unsigned sentences = 0, comma = 0;
		size_t from = side == SIDE_BEFORE ? h + 1 : 0, to = side == SIDE_BEFORE ? n : b;

		for (size_t k = from; k < to; k++) {
			sentences += ends_sentence(&t[k]);
			comma |= t[k].type == T_PUNCT && t[k].ch == ',';
		}
		unsigned coarse, fine, nc, nf, pc, pf;
		uint64_t head = tf_lower(q->text, &t[h]);

		tf_classes(wc, q->text, &t[h], &coarse, &fine);
		tf_classes(wc, q->text, next, &nc, &nf);
		tf_classes(wc, q->text, prev, &pc, &pf);
		add_feature(set, F_POSSESSIVE, side, (uint64_t)possessive(q->text, &t[h]) * 0x100 + tf_code(next));
		add_feature(set, F_BIAS, side, 0);
		add_feature(set, F_DIST, side, tf_bucket(dist));
		add_feature(set, F_FORM, side, form);
		add_feature(set, F_WC, side, t[h].wc);
		add_feature(set, F_NEXT, side, tf_code(next));
		add_feature(set, F_NEXT_FORM, side * 16 + form, tf_code(next));
		add_feature(set, F_PREV, side, tf_code(prev));
		if (next && next->type == T_WORD)
			add_feature(set, F_NEXT_WORD, side, tf_lower(q->text, next));
		if (prev && prev->type == T_WORD)
			add_feature(set, F_PREV_WORD, side, tf_lower(q->text, prev));
		add_feature(set, F_HEAD, 0, head);
		add_feature(set, F_SIDE_HEAD, side, head);
		add_feature(set, F_FINE, side, fine);
		add_feature(set, F_NEXT_COARSE, side, nc);
		add_feature(set, F_PREV_COARSE, side, pc);
		add_feature(set, F_ENTITY, side, entity_at(q, t[b].s, t[h].e));
		add_feature(set, F_RANK, side * 16 + form, rank[form] < 3 ? rank[form] : 3);
		add_feature(set, F_SENTENCES, side, sentences < 2 ? sentences : 2);
		add_feature(set, F_COMMA, side, comma);
		add_feature(set, F_LENGTH, form, h - b < 3 ? h - b : 3);
		add_feature(set, F_OPENS, side, (uint64_t)q->opens * 4 + tf_bucket(dist) / 3);
		add_feature(set, F_IS_RULE, t[h].e == rule_head && q->rule == SP_RULE_WRITTEN, q->rule);
		add_feature(set, F_EMPTY_SIDE, side, q->nbefore == 0);
		if (q->nafter)
			add_feature(set, F_FIRST_AFTER, side, tf_code(&q->after[0]));
		if (q->nbefore)
			add_feature(set, F_LAST_BEFORE, side, tf_code(&q->before[q->nbefore - 1]));
		c->nf = set->nfeat - c->f;
		rank[form]++;
	}
}

void
sp_candidates(struct sp_set *set, const struct sp_quote *q, const struct wordclass *wc)
{
	set->n = 0;
	set->nfeat = 0;

	struct sp_cand *c = add_cand(set, SP_RULE, q->rule_ms, q->rule_me, q->rule_cs, q->rule_ce);

	add_feature(set, F_RULE, q->rule, q->opens);
	add_feature(set, F_RULE, q->rule, 0x10 + (q->nbefore == 0));
	c->nf = set->nfeat - c->f;
	if (q->rule != SP_RULE_FOCUS) {
		c = add_cand(set, SP_FOCUS, 0, 0, 0, 0);
		add_feature(set, F_FOCUS, q->rule, q->opens);
		add_feature(set, F_FOCUS, q->rule, 0x10 + (q->nbefore == 0));
		c->nf = set->nfeat - c->f;
	}
	side_candidates(set, q, wc, q->before, q->nbefore, SIDE_BEFORE);
	side_candidates(set, q, wc, q->after, q->nafter, SIDE_AFTER);
}

size_t
sp_choose(const struct sp_set *set, const struct pct_model *m)
{
	size_t best = 0;
	float top = 0;

	if (m == NULL)
		return 0;
	for (size_t i = 0; i < set->n; i++) {
		float s[PCT_CLASSES] = { 0 };

		pct_score(m, set->feat + set->c[i].f, set->c[i].nf, s);
		if (i == 0 || s[0] > top) {
			top = s[0];
			best = i;
		}
	}
	return best;
}

struct pct_model *
sp_model_builtin(void)
{
	return pct_builtin(data_speaker_bin, data_speaker_bin_len, "lib/data/speaker.bin");
}

void
sp_set_free(struct sp_set *set)
{
	free(set->c);
	free(set->feat);
}
