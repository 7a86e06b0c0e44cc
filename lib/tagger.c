#include <stdlib.h>
#include <string.h>

#include "tagger.h"
#include "token.h"

/*
 * Tokens with neither capitals nor digits after an O are O without
 * asking the model: names almost never start lower case, and skipping
 * them is most of the tagger's speed.
 */
static int
plainly_outside(const struct ner_token *t, int prev)
{
	return prev == NER_O && !(t->flags & (TOK_UPPER | TOK_DIGIT));
}

static size_t
one_pass(struct pct_model *m, const struct ner_doc *d, int *tags, const int *gold)
{
	uint32_t f[FEAT_MAX + 8];
	size_t wrong = 0;
	int prev = NER_O, prev2 = NER_O;

	for (size_t i = 0; i < d->n; i++) {
		const struct ner_token *t = &d->t[i];
		int best = NER_O;
		if (!plainly_outside(t, prev)) {
			size_t n = feat_static(d, i, f);
			n += feat_dynamic(d, i, prev, prev2, f + n);
			float s[PCT_CLASSES] = { 0 };
			pct_score(m, f, n, s);
			float top = 0;
			for (int c = 0; c < PCT_CLASSES; c++) {
				/* A name continues only the kind it began as. */
				if (c > NER_KINDS && !(prev == NER_BEGIN(c - 1 - NER_KINDS) ||
				    prev == NER_INSIDE(c - 1 - NER_KINDS)))
					continue;
				if (c == 0 || s[c] > top) {
					top = s[c];
					best = c;
				}
			}
			if (gold) {
				pct_tick(m);
				if (best != gold[i]) {
					pct_update(m, f, n, gold[i], best);
					wrong++;
				}
			}
		} else if (gold && gold[i] != NER_O) {
			wrong++;
		}
		tags[i] = best;
		prev2 = prev;
		prev = best;
	}
	return wrong;
}

/* Hashes of capitalised words to the kind the first pass gave them most. */
struct kind_count {
	uint32_t word;
	unsigned count[NER_KINDS];
};

static void
set_doc_classes(struct ner_doc *d, const int *tags)
{
	size_t cap = 64;
	while (cap < d->n * 2)
		cap *= 2;
	struct kind_count *tab = calloc(cap, sizeof *tab);
	if (!tab)
		return;         /* the second pass just learns nothing new */
	for (size_t i = 0; i < d->n; i++) {
		if (tags[i] == NER_O || !(d->t[i].flags & TOK_UPPER))
			continue;
		uint32_t w = d->t[i].lowh | 1;
		size_t j = w & (cap - 1);
		while (tab[j].word && tab[j].word != w)
			j = (j + 1) & (cap - 1);
		tab[j].word = w;
		tab[j].count[NER_KIND(tags[i])]++;
	}
	for (size_t i = 0; i < d->n; i++) {
		d->t[i].doc_class = -1;
		if (!(d->t[i].flags & TOK_UPPER))
			continue;
		uint32_t w = d->t[i].lowh | 1;
		size_t j = w & (cap - 1);
		while (tab[j].word && tab[j].word != w)
			j = (j + 1) & (cap - 1);
		if (!tab[j].word)
			continue;
		unsigned best = 0;
		for (int k = 0; k < NER_KINDS; k++)
			if (tab[j].count[k] > best) {
				best = tab[j].count[k];
				d->t[i].doc_class = k;
			}
	}
	free(tab);
}

size_t
tagger_run(struct pct_model *m, struct ner_doc *d, int *tags, const int *gold)
{
	for (size_t i = 0; i < d->n; i++)
		d->t[i].doc_class = -1;
	size_t wrong = one_pass(m, d, tags, gold);
	set_doc_classes(d, tags);
	wrong += one_pass(m, d, tags, gold);
	return wrong;
}

void
tagger_count(struct pct_model *m, struct ner_doc *d, const int *gold)
{
	uint32_t f[FEAT_MAX + 8];

	for (int pass = 0; pass < 2; pass++) {
		if (pass == 0)
			for (size_t i = 0; i < d->n; i++)
				d->t[i].doc_class = -1;
		else
			set_doc_classes(d, gold);
		int prev = NER_O, prev2 = NER_O;
		for (size_t i = 0; i < d->n; i++) {
			if (!plainly_outside(&d->t[i], prev)) {
				size_t n = feat_static(d, i, f);
				n += feat_dynamic(d, i, prev, prev2, f + n);
				pct_count(m, f, n);
			}
			prev2 = prev;
			prev = gold[i];
		}
	}
}
