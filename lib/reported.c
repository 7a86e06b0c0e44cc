#include "reported.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "perceptron.h"
#include "tokfeat.h"
#include "xalloc.h"

extern const unsigned char data_reported_bin[];
extern const size_t data_reported_bin_len;
extern const unsigned char data_source_bin[];
extern const size_t data_source_bin_len;
extern const unsigned char data_span_bin[];
extern const size_t data_span_bin_len;

enum {
	F_BIAS = 1, F_WORD, F_WC, F_SUFFIX, F_NEXT_WORD, F_PREV_WORD, F_NEXT2_WORD, F_NEXT, F_PREV,
	F_PREV2, F_AT, F_TO_END, F_FINE, F_NEXT_COARSE, F_PREV_COARSE, F_COMMA_BEFORE, F_WORD_NEXT,
	F_WORD_PREV, F_SUBJECT, F_AFTER_COMMA, F_LAST, F_STEM, F_THAT_AHEAD, F_WHO_BEFORE, F_NEXT_FINE, F_PREV_FINE,
	F_BIGRAM_PREV, F_BIGRAM_NEXT, F_PREV2_WORD
};

/* The word t lowercased without its inflection (-s, -es, -ed, -ing, -d), so that "pledged" and "pledges" meet. */
static uint64_t
stem(const char *text, const struct tok *t)
{
	struct tok w = *t;
	size_t n = w.e - w.s;
	const char *p = text + w.s;

	if (n > 5 && strncasecmp(p + n - 3, "ing", 3) == 0)
		w.e -= 3;
	else if (n > 4 && (strncasecmp(p + n - 2, "ed", 2) == 0 || strncasecmp(p + n - 2, "es", 2) == 0))
		w.e -= 2;
	else if (n > 3 && (p[n - 1] == 's' || p[n - 1] == 'd' || p[n - 1] == 'e'))
		w.e -= 1;
	return tf_lower(text, &w);
}

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
		unsigned coarse, fine, next_coarse, prev_coarse, next_fine, prev_fine;

		if (suffix.e - suffix.s > 3)
			suffix.s = suffix.e - 3;
		tf_classes(wc, text, w, &coarse, &fine);
		tf_classes(wc, text, next, &next_coarse, &next_fine);
		tf_classes(wc, text, prev, &prev_coarse, &prev_fine);
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
		if (w->type == T_WORD)
			put(s, F_STEM, stem(text, w), 0);
		/* "warned reporters on Monday that": a "that" a few words on */
		unsigned that = 0, who = 0;

		for (size_t k = j + 1; k < n && k < j + 5 && !that; k++)
			that = t[k].type == T_WORD && t[k].e - t[k].s == 4 && strncasecmp(text + t[k].s, "that", 4) == 0 ?
			    (unsigned)(k - j) : 0;
		put(s, F_THAT_AHEAD, that, w->wc);
		/* a name or a pronoun a few words before: its subject */
		for (size_t k = j; k-- > 0 && k + 4 > j && !who;)
			who = t[k].type == T_WORD && (t[k].cap || is_pronoun(&t[k])) ? (unsigned)(j - k) : 0;
		put(s, F_WHO_BEFORE, who, 0);
		put(s, F_NEXT_FINE, next_fine, 0);
		put(s, F_PREV_FINE, prev_fine, 0);
		put(s, F_BIGRAM_PREV, pw, word);
		put(s, F_BIGRAM_NEXT, word, nw);
		if (prev2 && prev2->type == T_WORD)
			put(s, F_PREV2_WORD, tf_lower(text, prev2), 0);
		comma |= w->type == T_PUNCT && w->ch == ',';
	}
	s->first[n] = s->nfeat;
}

size_t
rs_cues(const struct rs_sentence *s, const struct pct_model *m, struct rs_cue *out, size_t max)
{
	size_t n = 0, first = s->n, last = 0;

	if (max == 0)
		return 0;
	for (size_t j = 0; j < s->n; j++)
		if (s->t[j].type == T_WORD) {
			first = first < j ? first : j;
			last = j;
		}
	for (size_t j = 0; j < s->n; j++) {
		float sc[PCT_CLASSES] = { 0 };
		struct rs_cue c = { j, RS_NONE, 0 };

		if (s->first[j + 1] == s->first[j])
			continue;
		pct_score(m, s->feat + s->first[j], s->first[j + 1] - s->first[j], sc);
		for (int k = RS_AFTER; k < RS_CLASSES; k++)
			/* words to report on the side the class says: none after the last word, none before the first */
			if (sc[k] - sc[RS_NONE] > c.margin && (k == RS_BEFORE || j < last) && (k == RS_AFTER || j > first)) {
				c.margin = sc[k] - sc[RS_NONE];
				c.cls = (enum rs_class)k;
			}
		if (c.cls == RS_NONE)
			continue;
		/* words side by side are one cue: the surer stands for both */
		if (n > 0 && out[n - 1].word + 1 == j) {
			if (c.margin > out[n - 1].margin)
				out[n - 1] = c;
			continue;
		}
		if (n == max) {
			size_t weak = 0;

			for (size_t k = 1; k < n; k++)
				if (out[k].margin < out[weak].margin)
					weak = k;
			if (out[weak].margin >= c.margin)
				continue;
			memmove(out + weak, out + weak + 1, (n - weak - 1) * sizeof *out);
			n--;
		}
		out[n++] = c;
	}
	return n;
}

void
rs_lean(struct pct_model *m, float by)
{
	uint32_t bias = tf_id(F_BIAS, 0, 0);

	pct_nudge(m, &bias, 1, RS_NONE, -by);
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

/* The features of a source candidate. */
enum {
	S_SIDE_DIST = 1, S_WORD, S_WORD_SIDE, S_WC, S_FINE, S_NEXT, S_PREV, S_NEXT_WORD, S_PREV_WORD,
	S_BETWEEN, S_ADJACENT, S_CUE_WORD, S_PRONOUN, S_AT, S_NEXT_CAP
};

/* A source stands this many tokens from its reporting word at most. */
#define SOURCE_REACH 20

static void
sput(struct rs_sources *c, unsigned tmpl, uint64_t a, uint64_t b)
{
	tf_push(&c->feat, &c->nfeat, &c->capfeat, tf_id(tmpl, a, b));
}

/* Room in c for one more candidate and the end of its features. */
static void
grow(struct rs_sources *c)
{
	if (c->n + 1 >= c->cap) {
		c->cap = c->cap ? 2 * c->cap : 64;
		c->word = xrealloc(c->word, c->cap * sizeof *c->word);
		c->first = xrealloc(c->first, (c->cap + 1) * sizeof *c->first);
	}
}

/* Opens candidate k of c: the features pushed next are its own. */
static void
add_candidate(struct rs_sources *c, size_t k)
{
	grow(c);
	c->word[c->n] = k;
	c->first[c->n] = c->nfeat;
	c->n++;
}

void
rs_source_candidates(struct rs_sources *c, const struct rs_sentence *s, size_t cue, enum rs_class cls,
    const struct wordclass *wc)
{
	const struct tok *t = s->t;
	size_t lo = cue > SOURCE_REACH ? cue - SOURCE_REACH : 0,
	    hi = cue + SOURCE_REACH < s->n ? cue + SOURCE_REACH + 1 : s->n;
	uint64_t cue_word = tf_lower(s->text, &t[cue]);

	c->n = 0;
	c->nfeat = 0;
	for (size_t k = lo; k < hi; k++) {
		const struct tok *w = &t[k], *next = k + 1 < s->n ? &t[k + 1] : NULL, *prev = k > 0 ? &t[k - 1] : NULL;

		if (w->type != T_WORD || k == cue)
			continue;
		add_candidate(c, k);

		/* what stands between it and the cue: commas, and whether only auxiliaries do */
		size_t a = k < cue ? k + 1 : cue + 1, b = k < cue ? cue : k;
		unsigned commas = 0, marks = 0;
		int adjacent = 1;

		for (size_t i = a; i < b; i++) {
			commas += t[i].type == T_PUNCT && t[i].ch == ',';
			marks += t[i].type != T_WORD;
			adjacent &= t[i].type == T_WORD && t[i].wc == W_AUX;
		}
		unsigned side = k < cue ? 0 : 1, coarse, fine;
		uint64_t word = tf_lower(s->text, w);

		tf_classes(wc, s->text, w, &coarse, &fine);
		sput(c, S_SIDE_DIST, side * 4 + (unsigned)cls, tf_bucket(b - a));
		sput(c, S_WORD, word, 0);
		sput(c, S_WORD_SIDE, word, side);
		sput(c, S_WC, w->wc, w->cap * 2 + side);
		sput(c, S_FINE, fine, side);
		sput(c, S_NEXT, tf_code(next), side);
		sput(c, S_PREV, tf_code(prev), side);
		sput(c, S_NEXT_WORD, next && next->type == T_WORD ? tf_lower(s->text, next) : tf_code(next), 0);
		sput(c, S_PREV_WORD, prev && prev->type == T_WORD ? tf_lower(s->text, prev) : tf_code(prev), 0);
		sput(c, S_BETWEEN, commas < 3 ? commas : 3, (marks > commas) * 2 + side);
		sput(c, S_ADJACENT, adjacent, side * 4 + (unsigned)cls);
		sput(c, S_CUE_WORD, cue_word, side);
		sput(c, S_PRONOUN, is_pronoun(w), adjacent);
		sput(c, S_AT, tf_bucket(k), side);
		sput(c, S_NEXT_CAP, next && next->type == T_WORD && next->cap, w->cap);
	}
	grow(c);
	c->first[c->n] = c->nfeat;
}

size_t
rs_source_best(const struct rs_sources *c, const struct pct_model *m)
{
	size_t best = SIZE_MAX;
	float top = 0;

	for (size_t i = 0; i < c->n; i++) {
		float sc[PCT_CLASSES] = { 0 };

		pct_score(m, c->feat + c->first[i], c->first[i + 1] - c->first[i], sc);
		if (best == SIZE_MAX || sc[0] > top) {
			top = sc[0];
			best = i;
		}
	}
	return best;
}

struct pct_model *
rs_source_model_builtin(void)
{
	return pct_builtin(data_source_bin, data_source_bin_len, "lib/data/source.bin");
}

void
rs_sources_free(struct rs_sources *c)
{
	free(c->word);
	free(c->first);
	free(c->feat);
}

/* The features of where reported words begin (B_) and end (E_). */
enum {
	B_WORD = 1, B_PREV, B_CLASSES, B_FINE, B_DIST, B_AT_LO, B_COMMAS, B_CUE, B_PREV_WORD,
	E_WORD, E_NEXT, E_CLASSES, E_NEXT_FINE, E_DIST, E_AT_HI, E_COMMAS, E_CUE, E_NEXT_WORD, E_TO_HI, E_NEXT2,
	E_THAT, B_TO_LO, E_TO_END, E_PAST_HI,
	E_AFTER = 64    /* added to an end's template after the cue: those ends learn apart from the others */
};

/* Reported words after their reporting word begin this many tokens past it at most ("told reporters on Monday that"). */
#define START_REACH 10

static uint64_t
word_or_code(const struct rs_sentence *s, size_t k)
{
	const struct tok *w = k < s->n ? &s->t[k] : NULL;

	return w && w->type == T_WORD ? tf_lower(s->text, w) : tf_code(w);
}

void
rs_span_candidates(struct rs_sources *starts, struct rs_sources *ends, const struct rs_sentence *s, size_t cue,
    enum rs_class cls, size_t lo, size_t hi, const struct wordclass *wc)
{
	const struct tok *t = s->t;
	uint64_t cue_word = tf_lower(s->text, &t[cue]);
	/* the words of other reports may stand inside these (PolNeAR nests them): lo and hi are features, no limits */
	size_t b0 = cls == RS_AFTER ? cue + 1 : 0, b1 = cls == RS_AFTER ? cue + 1 + START_REACH : cue,
	    e0 = cls == RS_BEFORE ? 1 : cue + 2, e1 = cls == RS_BEFORE ? cue : s->n;
	unsigned commas = 0;
	int that = cue + 1 < s->n && t[cue + 1].type == T_WORD && t[cue + 1].e - t[cue + 1].s == 4 &&
	    strncasecmp(s->text + t[cue + 1].s, "that", 4) == 0;

	starts->n = starts->nfeat = 0;
	ends->n = ends->nfeat = 0;
	if (b1 > s->n)
		b1 = s->n;
	/* from the cue outwards, so that commas counts those between the boundary and the cue */
	for (size_t k = b1; k-- > b0;) {
		const struct tok *w = &t[k], *prev = k > 0 ? &t[k - 1] : NULL;
		unsigned coarse, fine, unused, prev_coarse;

		if (k + 1 < cue)
			commas += t[k + 1].type == T_PUNCT && t[k + 1].ch == ',';
		if (w->type != T_WORD)
			continue;
		unsigned side = k < cue, dist = tf_bucket(k < cue ? cue - k : k - cue);

		add_candidate(starts, k);
		tf_classes(wc, s->text, w, &coarse, &fine);
		tf_classes(wc, s->text, prev, &prev_coarse, &unused);
		sput(starts, B_WORD, tf_lower(s->text, w), side);
		sput(starts, B_PREV, tf_code(prev), (unsigned)cls);
		sput(starts, B_PREV_WORD, k > 0 ? word_or_code(s, k - 1) : 0, side);
		sput(starts, B_CLASSES, w->wc * 2 + w->cap, prev_coarse);
		sput(starts, B_FINE, fine, side);
		sput(starts, B_DIST, dist, (unsigned)cls);
		sput(starts, B_AT_LO, k == lo, (unsigned)cls);
		sput(starts, B_COMMAS, commas < 3 ? commas : 3, (unsigned)cls);
		sput(starts, B_CUE, cue_word, tf_code(w));
		sput(starts, B_TO_LO, k >= lo ? tf_bucket(k - lo) : 32 + tf_bucket(lo - k), (unsigned)cls);
	}
	grow(starts);
	starts->first[starts->n] = starts->nfeat;
	commas = 0;
	unsigned after = cls == RS_AFTER ? E_AFTER : 0;

	for (size_t e = e0; e <= e1 && e <= s->n; e++) {
		const struct tok *last = &t[e - 1], *next = e < s->n ? &t[e] : NULL;
		unsigned coarse, fine, unused, last_coarse;

		if (e - 1 > cue)
			commas += last->type == T_PUNCT && last->ch == ',';
		if (last->type != T_WORD)
			continue;
		/* after the cue, at a mark, a word that opens a phrase ("in", "which") or where the next report begins */
		if (cls == RS_AFTER && next && e != hi && next->type == T_WORD && next->wc != W_STOP)
			continue;
		unsigned dist = tf_bucket(e - 1 > cue ? e - 1 - cue : cue - (e - 1));

		add_candidate(ends, e);
		tf_classes(wc, s->text, next, &coarse, &fine);
		tf_classes(wc, s->text, last, &last_coarse, &unused);
		sput(ends, after + E_WORD, tf_lower(s->text, last), 0);
		sput(ends, after + E_NEXT, tf_code(next), (unsigned)cls);
		sput(ends, after + E_NEXT_WORD, word_or_code(s, e), 0);
		sput(ends, after + E_CLASSES, last->wc * 2 + last->cap, coarse);
		sput(ends, after + E_NEXT_FINE, fine, 0);
		sput(ends, after + E_DIST, dist, (unsigned)cls);
		sput(ends, after + E_AT_HI, e == hi, (unsigned)cls);
		sput(ends, after + E_COMMAS, commas < 3 ? commas : 3, (unsigned)cls);
		sput(ends, after + E_CUE, cue_word, tf_code(next));
		sput(ends, after + E_TO_HI, e <= hi ? tf_bucket(hi - e) : 32 + tf_bucket(e - hi), (unsigned)cls);
		/* a mark's next word: ", but", ", which" */
		if (next && next->type != T_WORD)
			sput(ends, after + E_NEXT2, tf_code(next), word_or_code(s, e + 1));
		sput(ends, after + E_THAT, that, tf_code(next));
		/* what joins the next report's source: "..., and Y said" ends here, "said Y accused" nests */
		if (hi < s->n && hi > cue + 1)
			sput(ends, after + E_PAST_HI, (e > hi) * 2 + (e == hi), word_or_code(s, hi - 1));
		sput(ends, after + E_TO_END, tf_bucket(s->n - e), (unsigned)cls * 2 + that);
	}
	grow(ends);
	ends->first[ends->n] = ends->nfeat;
}

struct pct_model *
rs_span_model_builtin(void)
{
	return pct_builtin(data_span_bin, data_span_bin_len, "lib/data/span.bin");
}
