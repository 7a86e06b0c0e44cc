#include <stdlib.h>
#include <string.h>

#include <stdio.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

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

/* Whether a word tagged tag was typed otherwise (kind, or -1) elsewhere in the document. */
static int
typed_otherwise(int kind, int tag)
{
	return kind >= 0 && (tag == NER_O || NER_KIND(tag) != kind);
}

/*
 * Whether the second pass can learn anything in the sentence from token
 * i on: some word in it was typed otherwise elsewhere in the document.
 */
static int
sentence_disagrees(const struct ner_doc *d, const int *tags, size_t i)
{
	do {
		if (typed_otherwise(d->t[i].doc_class, tags[i]))
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

/*
 * BEST_AFTER for whole sums, choosing without branches (which class
 * wins is a coin toss to the processor): O and the beginnings, then the
 * one continuation prev allows, the first of equals winning as there.
 */
static int
best_whole(int prev, const int32_t *s)
{
	int best = NER_O;
	int32_t top = s[NER_O];
	for (int c = 1; c <= NER_KINDS; c++) {
		int more = s[c] > top;
		best = more ? c : best;
		top = more ? s[c] : top;
	}
	if (prev != NER_O) {
		int c = NER_INSIDE(NER_KIND(prev));
		best = s[c] > top ? c : best;
	}
	return best;
}

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Words' own sums, by spelling, case and lists: 512 KiB a thread. */
#define TAGGER_WORDS 8192
#define TAGGER_TAG_WORDS 2048   /* sums of feat_tag_word after a name's tag */
#define CASES_OWN (FEAT_CASES - 1)      /* a token's own case class: never "no token" */
#define SEEN_SETS (1 << FEAT_SEEN_KINDS)
#define PHRASE_POSITIONS 3

/*
 * A cache line each: after_o is two weights' sum, which nearly always
 * fits in 16 bits; a word whose sum does not is summed whenever seen.
 */
struct word_sums {
	uint64_t key;                           /* feat_local_key | 1; 0: empty */
	int32_t own[PCT_CLASSES];               /* feat_local */
	int16_t after_o[PCT_CLASSES];           /* feat_tag_word after O, the usual case */
};

/* feat_tag_word's sums for a word (by its hashes) after a tag other than O. */
struct tag_word_sums {
	uint64_t word;                          /* lowh << 32 | shapeh */
	int prev;                               /* NER_O (never asked for): empty */
	int32_t s[PCT_CLASSES];
};

struct tagger_cache {
	const struct pct_model *model;          /* what the sums are of; NULL: none yet */
	struct word_sums *word;                 /* in word_mem, on a cache line's start */
	void *word_mem;
	struct tag_word_sums *tag_word;
	/* Sums of the features with few values, by those values. */
	int32_t flags[CASES_OWN][FEAT_CASES][FEAT_CASES][PCT_CLASSES];
	int32_t seen[SEEN_SETS][PCT_CLASSES];
	int32_t gaz_phrase[GAZ_CLASSES][PHRASE_POSITIONS][PCT_CLASSES];
	int32_t gaz_beside[GAZ_CLASSES][2][PCT_CLASSES];
	int32_t gaz_before_capital[GAZ_CLASSES][PCT_CLASSES];
	int32_t doc[NER_KINDS][CASES_OWN][PCT_CLASSES];
	int32_t tags[PCT_CLASSES][PCT_CLASSES][PCT_CLASSES];
	/* Per token of the document being tagged: */
	struct token_sums *token;
	unsigned char *mark;            /* MARK_* */
	size_t *scored;                 /* the tokens the first pass scores whatever the tags */
	uint64_t *scored_key;           /* their word_key */
	/* The capitalised tokens, the only ones the second pass reads a document kind of: */
	size_t *upper;                  /* where they are */
	uint32_t *upper_low;            /* their lowh */
	int *upper_tag;                 /* their tags after the first pass */
	signed char *upper_kind;        /* the kind the document gave their word most, or -1 */
	size_t n_upper;
	signed char *doc_kind;          /* per token: upper_kind, for the capitalised ones only */
	size_t token_cap;
	/* The first pass's batch of lookups (sum_ahead): */
	uint32_t *look_f, *look_to;     /* features, and which of got their weights go to */
	size_t look_n, look_cap;
	int32_t (*got)[PCT_CLASSES];
	size_t got_n, got_cap;
	struct batch_miss *miss;        /* words' sums to keep once summed */
	size_t miss_n, miss_cap;
};

struct batch_miss {
	struct word_sums *slot;
	uint64_t key;
	size_t got;                     /* its own sums' target; after_o's is the next */
};

/* What the passes need of a token, one byte each, so that they skip most tokens unread. */
enum {
	MARK_FIXED = 1 << 0,            /* token[i] is set */
	MARK_ALWAYS = 1 << 1,           /* the first pass scores it whatever the tag before */
	MARK_LINE = 1 << 2,             /* TOK_LINE_START */
	MARK_SENT = 1 << 3,             /* TOK_SENT_START, or the first token */
	MARK_DISAGREE = 1 << 4          /* typed otherwise elsewhere in the document: the second pass looks again */
};

struct token_sums {
	int32_t fixed[PCT_CLASSES];     /* features that depend on no tag, feat_doc left out */
	int32_t after_o[PCT_CLASSES];   /* feat_tag_word after O */
};

static size_t
slot_of(uint64_t key, size_t size)
{
	return (size_t)(key ^ key >> 29) & (size - 1);
}

/* s[c] += w[c] for every class: four at a time where SSE2 is, the same sums. */
static void
add_to(int32_t *s, const int32_t *w)
{
	int c = 0;
#ifdef __SSE2__
	for (; c + 4 <= PCT_CLASSES; c += 4) {
		__m128i *to = (__m128i *)(void *)(s + c);
		_mm_storeu_si128(to, _mm_add_epi32(_mm_loadu_si128(to),
		    _mm_loadu_si128((const __m128i *)(const void *)(w + c))));
	}
#endif
	for (; c < PCT_CLASSES; c++)
		s[c] += w[c];
}

static void
sum_of(const struct pct_model *m, const uint32_t *f, size_t n, int32_t *s)
{
	memset(s, 0, PCT_CLASSES * sizeof *s);
	pct_sum(m, f, n, s);
}

/* Sums the weights of the features with few values into the tables; empties the word sums. */
static void
cache_fill(struct tagger_cache *c, const struct pct_model *m)
{
	uint32_t f[FEAT_SEEN_KINDS + 1];

	c->model = m;
	memset(c->word, 0, TAGGER_WORDS * sizeof *c->word);
	memset(c->tag_word, 0, TAGGER_TAG_WORDS * sizeof *c->tag_word);
	for (unsigned cf = 0; cf < CASES_OWN; cf++)
		for (unsigned pf = 0; pf < FEAT_CASES; pf++)
			for (unsigned nf = 0; nf < FEAT_CASES; nf++) {
				f[0] = feat_flags(cf, pf, nf);
				sum_of(m, f, 1, c->flags[cf][pf][nf]);
			}
	for (unsigned seen = 0; seen < SEEN_SETS; seen++)
		sum_of(m, f, feat_seen(seen, f), c->seen[seen]);
	for (int b = 0; b < GAZ_CLASSES; b++) {
		for (int pos = 0; pos < PHRASE_POSITIONS; pos++) {
			f[0] = feat_gaz_phrase(b, pos);
			sum_of(m, f, 1, c->gaz_phrase[b][pos]);
		}
		for (int after = 0; after < 2; after++) {
			f[0] = feat_gaz_beside(b, after);
			sum_of(m, f, 1, c->gaz_beside[b][after]);
		}
		f[0] = feat_gaz_before_capital(b);
		sum_of(m, f, 1, c->gaz_before_capital[b]);
	}
	for (int k = 0; k < NER_KINDS; k++)
		for (unsigned cf = 0; cf < CASES_OWN; cf++)
			sum_of(m, f, feat_doc_kind(k, cf, f), c->doc[k][cf]);
	for (int p = 0; p < PCT_CLASSES; p++)
		for (int p2 = 0; p2 < PCT_CLASSES; p2++)
			sum_of(m, f, feat_tags(p, p2, f), c->tags[p][p2]);
}

/* Token i's key in the cache of words' own sums: never 0, the empty slot's. */
static uint64_t
word_key(const struct ner_doc *d, size_t i)
{
	return feat_local_key(d, i) | 1;
}

/* Keeps a word's sums (own, then after_o) in w under key, or leaves w empty when after_o does not fit. */
static void
keep_word(struct word_sums *w, uint64_t key, int32_t (*sums)[PCT_CLASSES])
{
	w->key = key;
	memcpy(w->own, sums[0], sizeof w->own);
	for (int c = 0; c < PCT_CLASSES; c++) {
		if (sums[1][c] < INT16_MIN || sums[1][c] > INT16_MAX)
			w->key = 0;
		w->after_o[c] = (int16_t)sums[1][c];
	}
}

/* Token i's own sums (its word_key is key) into sums[0] and [1], from the cache or summed now. */
static void
word_sums(struct tagger_cache *c, const struct pct_model *m, const struct ner_doc *d, size_t i,
    uint64_t key, int32_t (*sums)[PCT_CLASSES])
{
	struct word_sums *w = &c->word[slot_of(key, TAGGER_WORDS)];
	if (w->key == key) {
		memcpy(sums[0], w->own, sizeof w->own);
		for (int c = 0; c < PCT_CLASSES; c++)
			sums[1][c] = w->after_o[c];
		return;
	}
	uint32_t f[FEAT_MAX + 2];
	uint32_t part[FEAT_MAX + 2] = { 0 };
	size_t n = feat_local(d, i, f);
	part[n] = part[n + 1] = 1;
	n += feat_tag_word(&d->t[i], NER_O, f + n);
	memset(sums, 0, 2 * sizeof *sums);
	pct_sum_parts(m, f, n, part, sums);
	keep_word(w, key, sums);
}

/*
 * Token i's sums of the features that depend on no tag (feat_local, and
 * feat_context but feat_doc); key is its word_key; around is the sum of
 * its feat_around from a batch, or NULL to look them up now.
 */
static void
fixed_sums(struct tagger_cache *c, const struct pct_model *m, const struct ner_doc *d, size_t i,
    uint64_t key, const int32_t *around, struct token_sums *out)
{
	const struct ner_token *t = &d->t[i];
	int32_t *s = out->fixed, own[2][PCT_CLASSES];
	word_sums(c, m, d, i, key, own);
	memcpy(s, own[0], sizeof own[0]);
	memcpy(out->after_o, own[1], sizeof own[1]);
	add_to(s, c->flags[feat_case(d, i, 0)][feat_case(d, i, -1)][feat_case(d, i, 1)]);
	add_to(s, c->seen[t->seen & (SEEN_SETS - 1)]);
	unsigned before = i > 0 ? d->t[i - 1].gaz : 0, after = i + 1 < d->n ? d->t[i + 1].gaz : 0;
	unsigned listed = feat_capital_next(d, i) ? t->gaz : 0;
	unsigned lists = (t->phrase | before | after | listed) & ((1u << GAZ_CLASSES) - 1);
	for (int b = 0; lists >> b; b++) {
		if (t->phrase & 1u << b)
			add_to(s, c->gaz_phrase[b][t->phrase_pos]);
		if (before & 1u << b)
			add_to(s, c->gaz_beside[b][1]);
		if (after & 1u << b)
			add_to(s, c->gaz_beside[b][0]);
		if (listed & 1u << b)
			add_to(s, c->gaz_before_capital[b]);
	}
	if (around) {
		add_to(s, around);
	} else {
		uint32_t f[FEAT_AROUND];
		pct_sum(m, f, feat_around(d, i, f), s);
	}
}

/* Adds token i's features that depend on the tags before it. */
static void
dynamic_sums(struct tagger_cache *c, const struct pct_model *m, const struct ner_doc *d, size_t i,
    int prev, int prev2, const int32_t *after_o, int32_t *s)
{
	add_to(s, c->tags[prev][prev2]);
	if (prev == NER_O) {
		add_to(s, after_o);
		return;
	}
	/* After a name: the words that follow names are few (",", "said", "'s"). */
	const struct ner_token *t = &d->t[i];
	uint64_t word = (uint64_t)t->lowh << 32 | t->shapeh;
	struct tag_word_sums *e = &c->tag_word[slot_of(word ^ (uint64_t)prev << 40, TAGGER_TAG_WORDS)];
	if (e->word != word || e->prev != prev) {
		uint32_t f[2];
		e->word = word;
		e->prev = prev;
		memset(e->s, 0, sizeof e->s);
		pct_sum(m, f, feat_tag_word(t, prev, f), e->s);
	}
	add_to(s, e->s);
}

/*
 * Token i's best class with a loaded model.  The first pass keeps the
 * sum of the features that the second pass does not change, so that
 * the second adds only how the document typed the word and the tags
 * before it.  Whole numbers add exactly: the sums come out as if every
 * feature were looked up one by one.
 */
static int
best_cached(struct pct_model *m, const struct ner_doc *d, size_t i, int prev, int prev2,
    int second, struct tagger_cache *cache)
{
	struct token_sums here, *sums = &cache->token[i];
	int32_t s[PCT_CLASSES];

	if (!(cache->mark[i] & MARK_FIXED)) {
		if (second)
			sums = &here;
		fixed_sums(cache, m, d, i, word_key(d, i), NULL, sums);
		if (!second)
			cache->mark[i] |= MARK_FIXED;
	}
	memcpy(s, sums->fixed, sizeof s);
	const struct ner_token *t = &d->t[i];
	if (second && (t->flags & TOK_UPPER) && cache->doc_kind[i] >= 0)
		add_to(s, cache->doc[cache->doc_kind[i]][feat_case(d, i, 0)]);
	dynamic_sums(cache, m, d, i, prev, prev2, sums->after_o, s);
	return best_whole(prev, s);
}

/* Room for n more lookups in the first pass's batch, and for sums more targets. */
static void
batch_reserve(struct tagger_cache *c, size_t n, size_t sums)
{
	if (c->look_n + n > c->look_cap) {
		c->look_cap = xroom(c->look_n + n);
		c->look_f = xrealloc(c->look_f, c->look_cap * sizeof *c->look_f);
		c->look_to = xrealloc(c->look_to, c->look_cap * sizeof *c->look_to);
	}
	if (c->got_n + sums > c->got_cap) {
		c->got_cap = xroom(c->got_n + sums);
		c->got = xrealloc(c->got, c->got_cap * sizeof *c->got);
	}
	if (c->miss_n + 1 > c->miss_cap) {
		c->miss_cap = xroom(c->miss_n + 1);
		c->miss = xrealloc(c->miss, c->miss_cap * sizeof *c->miss);
	}
}

/* Queues the lookup of f[0..n), whose weights go to target got + part[j]. */
static void
batch_add(struct tagger_cache *c, const uint32_t *f, const uint32_t *part, size_t n, size_t got)
{
	for (size_t j = 0; j < n; j++) {
		c->look_f[c->look_n] = f[j];
		c->look_to[c->look_n++] = (uint32_t)(got + (part ? part[j] : 0));
	}
}

/*
 * Queues token i's features from its neighbours (into target got), and
 * its own when the cache lacks them (claiming the slot now); key is its
 * word_key.
 */
static void
batch_token(struct tagger_cache *c, const struct ner_doc *d, size_t i, uint64_t key, size_t got)
{
	uint32_t f[FEAT_MAX + 2], part[FEAT_MAX + 2] = { 0 };
	struct word_sums *w = &c->word[slot_of(key, TAGGER_WORDS)];
	if (w->key != key) {
		w->key = key;
		size_t n = feat_local(d, i, f);
		part[n] = part[n + 1] = 1;
		n += feat_tag_word(&d->t[i], NER_O, f + n);
		batch_reserve(c, n, 2);
		c->miss[c->miss_n].slot = w;
		c->miss[c->miss_n].key = key;
		c->miss[c->miss_n++].got = c->got_n;
		batch_add(c, f, part, n, c->got_n);
		memset(c->got[c->got_n], 0, 2 * sizeof *c->got);
		c->got_n += 2;
	}
	batch_reserve(c, FEAT_AROUND, 0);
	batch_add(c, f, NULL, feat_around(d, i, f), got);
}

/*
 * The first pass's sums of the tokens it scores whatever the tags before
 * them, ahead of tagging and in stages, so that the memory trips of many
 * tokens overlap: what to look up (the features from neighbours, and the
 * words' own that the cache lacks); all their weights in one batch; the
 * cache's new sums; then each token's sum.  A slot claimed twice keeps
 * the later word; the earlier is summed again when it is wanted.
 */
static void
sum_ahead(struct tagger_cache *c, const struct pct_model *m, const struct ner_doc *d)
{
	size_t k = 0;
	c->n_upper = 0;
	for (size_t i = 0; i < d->n; i++) {
		unsigned flags = d->t[i].flags;
		c->mark[i] = (flags & TOK_LINE_START ? MARK_LINE : 0) |
		    (i == 0 || (flags & TOK_SENT_START) ? MARK_SENT : 0);
		if (flags & TOK_UPPER) {
			c->upper[c->n_upper] = i;
			c->upper_low[c->n_upper++] = d->t[i].lowh;
		}
		if (!plainly_outside(&d->t[i], NER_O)) {
			c->mark[i] |= MARK_ALWAYS | MARK_FIXED;
			c->scored[k] = i;
			/* Asked for early: the batch reads it soon. */
			c->scored_key[k] = word_key(d, i);
			PREFETCH(&c->word[slot_of(c->scored_key[k], TAGGER_WORDS)]);
			k++;
		}
	}
	if (k == 0)
		return;
	c->look_n = c->miss_n = 0;
	c->got_n = k;
	batch_reserve(c, 0, k);
	memset(c->got, 0, k * sizeof *c->got);
	for (size_t j = 0; j < k; j++)
		batch_token(c, d, c->scored[j], c->scored_key[j], j);
	pct_sum_parts(m, c->look_f, c->look_n, c->look_to, c->got);
	for (size_t j = 0; j < c->miss_n; j++) {
		keep_word(c->miss[j].slot, c->miss[j].key, &c->got[c->miss[j].got]);
	}
	for (size_t j = 0; j < k; j++)
		fixed_sums(c, m, d, c->scored[j], c->scored_key[j], c->got[j], &c->token[c->scored[j]]);
}

/* Whether a token of the sentence that starts at token i has mark. */
static int
marked_in_sentence(const unsigned char *mark, size_t n, size_t i, unsigned what)
{
	do {
		if (mark[i] & what)
			return 1;
		i++;
	} while (i < n && !(mark[i] & MARK_SENT));
	return 0;
}

/* one_pass with a loaded model and its cache: most tokens are only a byte of c->mark. */
static void
cached_pass(struct pct_model *m, const struct ner_doc *d, int *tags, int second,
    struct tagger_cache *c)
{
	int prev = NER_O, prev2 = NER_O, skip = 0;

	for (size_t i = 0; i < d->n; i++) {
		unsigned mark = c->mark[i];
		if (mark & MARK_LINE)
			prev = prev2 = NER_O;
		if (second && (mark & MARK_SENT))
			skip = !marked_in_sentence(c->mark, d->n, i, MARK_DISAGREE);
		if (skip) {
			/* The sentence keeps its tags: on to its last token. */
			while (i + 1 < d->n && !(c->mark[i + 1] & MARK_SENT))
				i++;
			prev2 = (c->mark[i] & MARK_LINE) || i == 0 ? NER_O : tags[i - 1];
			prev = tags[i];
			continue;
		}
		if (prev == NER_O && !(mark & MARK_ALWAYS)) {
			/* A run of words left O, up to one scored or a sentence to look at again. */
			unsigned stop = MARK_ALWAYS | (second ? MARK_SENT : 0);
			tags[i] = NER_O;
			while (i + 1 < d->n && !(c->mark[i + 1] & stop))
				tags[++i] = NER_O;
			prev2 = prev = NER_O;
			continue;
		}
		int best = best_cached(m, d, i, prev, prev2, second, c);
		tags[i] = best;
		prev2 = prev;
		prev = best;
	}
}

/* Tags (or retags, in the second pass) d's tokens. */
static size_t
one_pass(struct pct_model *m, const struct ner_doc *d, int *tags, const int *gold, int second)
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
		if (plainly_outside(t, prev)) {
			if (gold && gold[i] != NER_O)
				wrong++;
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
	int best;                       /* 1 + the kind counted most (the first of equals); 0: none */
};

/*
 * The kind that the capitalised words word[0..n) (lower-case hashes)
 * were tagged most often, by their tags tag[0..n): kind[j], or -1.
 */
static void
kinds_by_word(const uint32_t *word, const int *tag, size_t n, signed char *kind)
{
	size_t names = 0, cap = 16;
	for (size_t j = 0; j < n; j++) {
		names += tag[j] != NER_O;
		kind[j] = -1;
	}
	while (cap < names * 2)
		cap *= 2;
	/* Sized by the names, not the words: most documents have few. */
	struct kind_count *tab = names ? calloc(cap, sizeof *tab) : NULL;
	/* No names, or no memory: the second pass learns nothing new. */
	if (!tab)
		return;
	for (size_t j = 0; j < n; j++) {
		if (tag[j] == NER_O)
			continue;
		uint32_t w = word[j] | 1;
		size_t at = w & (cap - 1);
		while (tab[at].word && tab[at].word != w)
			at = (at + 1) & (cap - 1);
		struct kind_count *e = &tab[at];
		int k = NER_KIND(tag[j]);
		e->word = w;
		e->count[k]++;
		unsigned most = e->best ? e->count[e->best - 1] : 0;
		if (e->count[k] > most || (e->count[k] == most && k < e->best - 1))
			e->best = k + 1;
	}
	for (size_t j = 0; j < n; j++) {
		uint32_t w = word[j] | 1;
		size_t at = w & (cap - 1);
		while (tab[at].word && tab[at].word != w)
			at = (at + 1) & (cap - 1);
		kind[j] = (signed char)(tab[at].best - 1);
	}
	free(tab);
}

/* Sets every token's doc_class, for the tagger without a cache. */
static void
set_doc_classes(struct ner_doc *d, const int *tags)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++) {
		d->t[i].doc_class = -1;
		n += (d->t[i].flags & TOK_UPPER) != 0;
	}
	size_t *at = xcalloc(n + 1, sizeof *at);
	uint32_t *word = xcalloc(n + 1, sizeof *word);
	int *tag = xcalloc(n + 1, sizeof *tag);
	signed char *kind = xcalloc(n + 1, sizeof *kind);
	n = 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->t[i].flags & TOK_UPPER) {
			at[n] = i;
			word[n] = d->t[i].lowh;
			tag[n++] = tags[i];
		}
	kinds_by_word(word, tag, n, kind);
	for (size_t j = 0; j < n; j++)
		d->t[at[j]].doc_class = kind[j];
	free(at);
	free(word);
	free(tag);
	free(kind);
}

/*
 * The cached tagger's doc_class, kept in the cache from the words
 * gathered by sum_ahead, and the marks of the capitalised tokens whose
 * tag disagrees with it.
 */
static void
cached_doc_kinds(struct tagger_cache *c, const int *tags)
{
	for (size_t j = 0; j < c->n_upper; j++)
		c->upper_tag[j] = tags[c->upper[j]];
	kinds_by_word(c->upper_low, c->upper_tag, c->n_upper, c->upper_kind);
	for (size_t j = 0; j < c->n_upper; j++) {
		size_t i = c->upper[j];
		c->doc_kind[i] = c->upper_kind[j];
		if (typed_otherwise(c->upper_kind[j], c->upper_tag[j]))
			c->mark[i] |= MARK_DISAGREE;
	}
}

size_t
tagger_run(struct pct_model *m, struct ner_doc *d, int *tags, const int *gold,
    struct tagger_cache *cache)
{
	if (cache && !gold) {
		if (cache->model != m)
			cache_fill(cache, m);
		if (d->n > cache->token_cap) {
			size_t cap = xroom(d->n);
			cache->token = xrealloc(cache->token, cap * sizeof *cache->token);
			cache->mark = xrealloc(cache->mark, cap);
			cache->scored = xrealloc(cache->scored, cap * sizeof *cache->scored);
			cache->scored_key = xrealloc(cache->scored_key, cap * sizeof *cache->scored_key);
			cache->upper = xrealloc(cache->upper, cap * sizeof *cache->upper);
			cache->upper_low = xrealloc(cache->upper_low, cap * sizeof *cache->upper_low);
			cache->upper_tag = xrealloc(cache->upper_tag, cap * sizeof *cache->upper_tag);
			cache->upper_kind = xrealloc(cache->upper_kind, cap * sizeof *cache->upper_kind);
			cache->doc_kind = xrealloc(cache->doc_kind, cap * sizeof *cache->doc_kind);
			cache->token_cap = cap;
		}
		/* The first pass reads no document kinds; the second, only capitalised words'. */
		sum_ahead(cache, m, d);
		cached_pass(m, d, tags, 0, cache);
		cached_doc_kinds(cache, tags);
		cached_pass(m, d, tags, 1, cache);
		return 0;
	}
	for (size_t i = 0; i < d->n; i++)
		d->t[i].doc_class = -1;
	size_t wrong = one_pass(m, d, tags, gold, 0);
	set_doc_classes(d, tags);
	return wrong + one_pass(m, d, tags, gold, 1);
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
	struct tagger_cache *c = xcalloc(1, sizeof *c);
	c->word_mem = xcalloc(TAGGER_WORDS + 1, sizeof *c->word);
	c->word = (struct word_sums *)(void *)(((uintptr_t)c->word_mem + 63) & ~(uintptr_t)63);
	c->tag_word = xcalloc(TAGGER_TAG_WORDS, sizeof *c->tag_word);
	return c;
}

void
tagger_cache_free(struct tagger_cache *c)
{
	if (!c)
		return;
	free(c->word_mem);
	free(c->tag_word);
	free(c->token);
	free(c->mark);
	free(c->scored);
	free(c->scored_key);
	free(c->upper);
	free(c->upper_low);
	free(c->upper_tag);
	free(c->upper_kind);
	free(c->doc_kind);
	free(c->look_f);
	free(c->look_to);
	free(c->got);
	free(c->miss);
	free(c);
}
