#include "reported.h"

#include <stdlib.h>
#include "perceptron.h"
#include "tokfeat.h"
#include "xalloc.h"

extern const unsigned char data_reported_bin[];
extern const size_t data_reported_bin_len;

enum {
	F_BIAS = 1, F_WORD, F_WC, F_SUFFIX, F_NEXT_WORD, F_PREV_WORD, F_NEXT2_WORD, F_NEXT, F_PREV,
	F_PREV2, F_AT, F_TO_END, F_FINE, F_NEXT_COARSE, F_PREV_COARSE, F_COMMA_BEFORE, F_WORD_NEXT,
	F_WORD_PREV, F_SUBJECT, F_AFTER_COMMA, F_LAST
};

static void
put(struct rs_sentence *s, unsigned tmpl, uint64_t a, uint64_t b)
{
	tf_push(&s->feat, &s->nfeat, &s->capfeat, tf_id(tmpl, a, b));
}

void
rs_features(struct rs_sentence *s, const char *text, const struct tok *t, size_t n,
    const struct wordclass *wc)
{
	int comma = 0;

	s->text = text;
	s->t = t;
	s->n = n;
	s->nfeat = 0;
	if (n + 1 > s->capfirst) {
		s->capfirst = 2 * (n + 1);
		s->first = xrealloc(s->first, s->capfirst * sizeof *s->first);
	}
	for (size_t j = 0; j < n; j++) {
		const struct tok *w = &t[j], *next = j + 1 < n ? &t[j + 1] : NULL,
		    *prev = j > 0 ? &t[j - 1] : NULL, *prev2 = j > 1 ? &t[j - 2] : NULL;

		s->first[j] = s->nfeat;
		if (w->type != T_WORD && !(w->type == T_PUNCT && w->ch == ':')) {
			comma |= w->type == T_PUNCT && w->ch == ',';
			continue;
		}
		uint64_t word = w->type == T_WORD ? tf_lower(text, w) : ':';
		uint64_t nw = next && next->type == T_WORD ? tf_lower(text, next) : tf_code(next);
		uint64_t pw = prev && prev->type == T_WORD ? tf_lower(text, prev) : tf_code(prev);
		struct tok suffix = *w;
		unsigned coarse, fine, next_coarse, prev_coarse, unused;

		if (suffix.e - suffix.s > 3)
			suffix.s = suffix.e - 3;
		tf_classes(wc, text, w, &coarse, &fine);
		tf_classes(wc, text, next, &next_coarse, &unused);
		tf_classes(wc, text, prev, &prev_coarse, &unused);
		put(s, F_BIAS, 0, 0);
		put(s, F_WORD, word, 0);
		put(s, F_WC, w->wc, w->cap);
		put(s, F_SUFFIX, tf_lower(text, &suffix), 0);
		put(s, F_NEXT_WORD, nw, 0);
		put(s, F_PREV_WORD, pw, 0);
		if (j + 2 < n && t[j + 2].type == T_WORD)
			put(s, F_NEXT2_WORD, tf_lower(text, &t[j + 2]), 0);
		put(s, F_NEXT, tf_code(next), 0);
		put(s, F_PREV, tf_code(prev), 0);
		put(s, F_PREV2, tf_code(prev2), tf_code(prev));
		put(s, F_AT, tf_bucket(j), 0);
		put(s, F_TO_END, tf_bucket(n - 1 - j), 0);
		put(s, F_FINE, fine, 0);
		put(s, F_NEXT_COARSE, next_coarse, 0);
		put(s, F_PREV_COARSE, prev_coarse, 0);
		put(s, F_COMMA_BEFORE, comma, tf_bucket(n - 1 - j) > 2);
		put(s, F_WORD_NEXT, word, tf_code(next));
		put(s, F_WORD_PREV, word, tf_code(prev));
		put(s, F_SUBJECT, tf_code(prev), tf_code(next));
		put(s, F_AFTER_COMMA, comma, tf_code(prev));
		put(s, F_LAST, n - 1 - j < 2 ? n - 1 - j : 2, w->wc);
		comma |= w->type == T_PUNCT && w->ch == ',';
	}
	s->first[n] = s->nfeat;
}

enum rs_class
rs_best(const struct rs_sentence *s, const struct pct_model *m, size_t *word)
{
	enum rs_class best = RS_NONE;
	float top = 0;

	for (size_t j = 0; j < s->n; j++) {
		float sc[PCT_CLASSES] = { 0 };

		if (s->first[j + 1] == s->first[j])
			continue;
		pct_score(m, s->feat + s->first[j], s->first[j + 1] - s->first[j], sc);
		for (int c = RS_AFTER; c < RS_CLASSES; c++)
			if (sc[c] - sc[RS_NONE] > top) {
				top = sc[c] - sc[RS_NONE];
				best = (enum rs_class)c;
				*word = j;
			}
	}
	return best;
}

struct pct_model *
rs_model_builtin(void)
{
	return pct_builtin(data_reported_bin, data_reported_bin_len, "lib/data/reported.bin");
}

void
rs_sentence_free(struct rs_sentence *s)
{
	free(s->feat);
	free(s->first);
}
