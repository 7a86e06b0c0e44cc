#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#include "tagger.h"
#include "token.h"
#include "xalloc.h"

/*
 * Tokens without capitals, and capitalised function words, are O after
 * an O without asking the model: names almost never start so, and
 * skipping them is most of the tagger's speed.
 */
static int
plainly_outside(const struct ner_token *t, int prev)
{
	return prev == NER_O && (!(t->flags & TOK_UPPER) || t->closed);
}

/*
 * Whether the second pass can learn anything in the sentence from token
 * i on: some word in it was typed otherwise elsewhere in the document.
 */
static int
sentence_disagrees(const struct ner_doc *d, const int *tags, size_t i)
{
	do {
		int k = d->t[i].doc_class;
		if (k >= 0 && (tags[i] == NER_O || NER_KIND(tags[i]) != k))
			return 1;
		i++;
	} while (i < d->n && !(d->t[i].flags & TOK_SENT_START));
	return 0;
}

/* The best class after prev, by scores s (float or whole). */
#define BEST_AFTER(prev, s, best) do { \
	for (int c_ = 0; c_ < PCT_CLASSES; c_++) { \
		/* A name continues only the kind it began as. */ \
		if (c_ > NER_KINDS && !((prev) == NER_BEGIN(c_ - 1 - NER_KINDS) || \
		    (prev) == NER_INSIDE(c_ - 1 - NER_KINDS))) \
			continue; \
		if (c_ == 0 || (s)[c_] > (s)[best]) \
			best = c_; \
	} \
} while (0)

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

static size_t
cache_slot(const struct ner_doc *d, size_t i)
{
	uint64_t key = feat_local_key(d, i) | 1;
	return (size_t)(key ^ key >> 29) & (TAGGER_CACHE_SIZE - 1);
}

/*
 * Token i's whole-number score with a loaded model.  The first pass
 * keeps the sum of the features that the second pass does not change
 * (the word's own and its context's), so that the second adds only how
 * the document typed the word and the tags before it.
 */
static int
best_cached(struct pct_model *m, const struct ner_doc *d, size_t i, int prev, int prev2,
    int second, struct tagger_cache *cache)
{
	uint32_t f[FEAT_MAX + 8];
	int32_t s[PCT_CLASSES];
	size_t n;

	if (second && cache->has_fixed[i]) {
		memcpy(s, cache->fixed[i], sizeof s);
		n = feat_doc(d, i, f);
	} else {
		uint64_t key = feat_local_key(d, i) | 1;
		size_t slot = cache_slot(d, i);
		if (cache->word[slot].key != key) {
			n = feat_local(d, i, f);
			memset(cache->word[slot].score, 0, sizeof cache->word[slot].score);
			pct_sum(m, f, n, cache->word[slot].score);
			cache->word[slot].key = key;
		}
		memcpy(s, cache->word[slot].score, sizeof s);
		n = feat_context(d, i, f);
		if (!second) {
			/* No word has a doc_class yet: the context is all fixed. */
			int32_t tagged[PCT_CLASSES] = { 0 };
			size_t all = n + feat_dynamic(d, i, prev, prev2, f + n);
			pct_sum2(m, f, n, all, s, tagged);
			memcpy(cache->fixed[i], s, sizeof s);
			cache->has_fixed[i] = 1;
			for (int c = 0; c < PCT_CLASSES; c++)
				s[c] += tagged[c];
			int best = NER_O;
			BEST_AFTER(prev, s, best);
			return best;
		}
	}
	n += feat_dynamic(d, i, prev, prev2, f + n);
	pct_sum(m, f, n, s);
	int best = NER_O;
	BEST_AFTER(prev, s, best);
	return best;
}

/* Tags (or retags, in the second pass) d's tokens. */
static size_t
one_pass(struct pct_model *m, const struct ner_doc *d, int *tags, const int *gold, int second,
    struct tagger_cache *cache)
{
	uint32_t f[FEAT_MAX + 8];
	size_t wrong = 0;
	int prev = NER_O, prev2 = NER_O, skip = 0;

	for (size_t i = 0; i < d->n; i++) {
		const struct ner_token *t = &d->t[i];
		int best = NER_O;
		if (t->flags & TOK_LINE_START)
			prev = prev2 = NER_O;   /* no name runs over a line break */
		if (second && (i == 0 || (t->flags & TOK_SENT_START)))
			skip = !sentence_disagrees(d, tags, i);
		if (skip) {
			if (gold && gold[i] != tags[i])
				wrong++;
			prev2 = prev;
			prev = tags[i];
			continue;
		}
		if (cache && !second) {
			cache->has_fixed[i] = 0;
			/* The cache is bigger than the fast caches: ask early for the slot of a later name's word. */
			if (i + 4 < d->n && !plainly_outside(&d->t[i + 4], NER_O))
				PREFETCH(&cache->word[cache_slot(d, i + 4)]);
		}
		if (plainly_outside(t, prev)) {
			if (gold && gold[i] != NER_O)
				wrong++;
		} else if (cache) {
			best = best_cached(m, d, i, prev, prev2, second, cache);
		} else {
			float s[PCT_CLASSES] = { 0 };
			size_t n = feat_local(d, i, f);
			n += feat_context(d, i, f + n);
			n += feat_dynamic(d, i, prev, prev2, f + n);
			pct_score(m, f, n, s);
			BEST_AFTER(prev, s, best);
			if (gold) {
				pct_tick(m);
				if (best != gold[i]) {
					pct_update(m, f, n, gold[i], best);
					wrong++;
				}
			}
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
tagger_run(struct pct_model *m, struct ner_doc *d, int *tags, const int *gold,
    struct tagger_cache *cache)
{
	for (size_t i = 0; i < d->n; i++)
		d->t[i].doc_class = -1;
	if (cache && d->n > cache->fixed_cap) {
		size_t cap = d->n * 2;
		cache->fixed = xrealloc(cache->fixed, cap * sizeof *cache->fixed);
		cache->has_fixed = xrealloc(cache->has_fixed, cap);
		cache->fixed_cap = cap;
	}
	size_t wrong = one_pass(m, d, tags, gold, 0, cache);
	set_doc_classes(d, tags);
	wrong += one_pass(m, d, tags, gold, 1, cache);
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
			if (d->t[i].flags & TOK_LINE_START)
				prev = prev2 = NER_O;
			if (!plainly_outside(&d->t[i], prev)) {
				size_t n = feat_local(d, i, f);
				n += feat_context(d, i, f + n);
				n += feat_dynamic(d, i, prev, prev2, f + n);
				pct_count(m, f, n);
			}
			prev2 = prev;
			prev = gold[i];
		}
	}
}

struct tagger_cache *
tagger_cache_new(void)
{
	return xcalloc(1, sizeof(struct tagger_cache));
}

void
tagger_cache_free(struct tagger_cache *c)
{
	if (!c)
		return;
	free(c->fixed);
	free(c->has_fixed);
	free(c);
}
