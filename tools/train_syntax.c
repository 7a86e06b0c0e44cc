/*
 * train_syntax [-e EPOCHS] TRAIN.conll OUT.bin [DEV.conll]: trains the
 * part-of-speech tagger and the chunker of lib/syntax.h from a CoNLL
 * file's columns 1 to 3 (word, Penn Treebank tag, BIO chunk tag; the
 * CoNLL-2003 layout, "-DOCSTART-" lines and blank lines between
 * sentences) and writes the weights file (layout in lib/syntax.c).
 *
 * Two greedy averaged perceptrons over the features of lib/synfeat.h,
 * the tagger's history its own guesses, as when tagging.  The chunker
 * learns from tags the tagger gave each tenth of the data after
 * training on the other nine (jackknifing): from gold tags it would
 * trust them more than tagging ever allows.  Sentences are visited in
 * an order shuffled by a fixed generator, so the same data give the
 * same bytes.  With DEV, prints the accuracy of the written model on it,
 * tagged the way the programs tag.  -c: the word classes of
 * lib/wordclass.h (made by train_clusters), which the programs must have
 * compiled in beside the weights.  The tagger's lexicon (lib/synfeat.h)
 * is made from the sentences each tagger learns from, the jackknife's and
 * the folds' alike, and written with the weights.  -q, for trying
 * features out: the chunker learns from the gold tags (ten times faster,
 * a little worse).
 *
 * train_syntax [-e EPOCHS] -k K TRAIN.conll: K-fold cross-validation,
 * a second measure beside DEV that nothing was chosen on: for each of K
 * blocks of consecutive sentences (whole stories mostly, so that a
 * story's names do not sit on both sides), the model trained as above on
 * the other blocks, measured on that one; then the mean.  Writes no model.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "readfile.h"
#include "synfeat.h"
#include "syntax.h"
#include "token.h"
#include "wordclass.h"
#include "xalloc.h"

#define MAX_CLASSES (SYN_POS_MAX > SYN_CHUNK_MAX ? SYN_POS_MAX : SYN_CHUNK_MAX)
#define FOLDS 10

/* A corpus: tokens (words in one text, a space between), sentences, tag names. */
struct corpus {
	char *text;
	size_t len, cap;
	struct token *tok;
	unsigned char *pos, *chunk;
	unsigned char *headline;        /* the token is in a sentence without lower case */
	size_t n, tcap;
	size_t *sent;           /* sentence k: tokens sent[k] .. sent[k + 1] */
	size_t nsent, scap;
};

struct names {
	char name[MAX_CLASSES][8];
	unsigned n;
};

static unsigned
name_id(struct names *nm, const char *s, int add)
{
	for (unsigned k = 0; k < nm->n; k++)
		if (strcmp(nm->name[k], s) == 0)
			return k;
	if (!add)
		return 255;     /* a tag the training data lack: never guessed */
	if (nm->n == MAX_CLASSES || strlen(s) > 7) {
		fprintf(stderr, "train_syntax: tag '%s' unknown or one too many\n", s);
		exit(1);
	}
	strcpy(nm->name[nm->n], s);
	return nm->n++;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* Collects the tag names of column col (1 or 2) of path, sorted. */
static void
collect_names(const char *path, int col, struct names *nm)
{
	FILE *f = fopen(path, "r");
	char line[4096], *field[4];

	if (!f) {
		perror(path);
		exit(1);
	}
	while (fgets(line, sizeof line, f)) {
		int k = 0;
		for (char *p = strtok(line, " \t\r\n"); p && k < 4; p = strtok(NULL, " \t\r\n"))
			field[k++] = p;
		if (k >= 3 && strcmp(field[0], "-DOCSTART-") != 0)
			name_id(nm, field[col], 1);
	}
	fclose(f);
	qsort(nm->name, nm->n, sizeof nm->name[0], by_name);
}

static void
read_corpus(const char *path, struct corpus *c, struct names *pos, struct names *chunk)
{
	FILE *f = fopen(path, "r");
	char line[4096], *field[4];
	int open = 0;

	if (!f) {
		perror(path);
		exit(1);
	}
	memset(c, 0, sizeof *c);
	while (fgets(line, sizeof line, f)) {
		int k = 0;
		for (char *p = strtok(line, " \t\r\n"); p && k < 4; p = strtok(NULL, " \t\r\n"))
			field[k++] = p;
		if (k < 3 || strcmp(field[0], "-DOCSTART-") == 0) {
			open = 0;
			continue;
		}
		size_t wl = strlen(field[0]);
		if (c->len + wl + 2 > c->cap) {
			c->cap = (c->len + wl + 2) * 2;
			c->text = xrealloc(c->text, c->cap);
		}
		if (c->n == c->tcap) {
			c->tcap = c->tcap ? 2 * c->tcap : 4096;
			c->tok = xrealloc(c->tok, c->tcap * sizeof *c->tok);
			c->pos = xrealloc(c->pos, c->tcap);
			c->chunk = xrealloc(c->chunk, c->tcap);
		}
		if (!open) {
			if (c->nsent + 2 > c->scap) {
				c->scap = c->scap ? 2 * c->scap : 1024;
				c->sent = xrealloc(c->sent, c->scap * sizeof *c->sent);
			}
			c->sent[c->nsent++] = c->n;
			open = 1;
		}
		memcpy(c->text + c->len, field[0], wl);
		c->tok[c->n].start = c->len;
		c->tok[c->n].end = c->len + wl;
		c->tok[c->n].flags = c->sent[c->nsent - 1] == c->n ? TOK_SENT_START : 0;
		c->pos[c->n] = (unsigned char)name_id(pos, field[1], 0);
		c->chunk[c->n] = (unsigned char)name_id(chunk, field[2], 0);
		c->n++;
		c->len += wl;
		c->text[c->len++] = ' ';
	}
	c->sent[c->nsent] = c->n;
	fclose(f);
	for (size_t i = 0; i < c->n; i++)
		c->tok[i].flags |= token_spelling(c->text + c->tok[i].start, c->tok[i].end - c->tok[i].start);
	token_mark_headlines(c->tok, c->n);
	c->headline = xmalloc(c->n + 1);
	for (size_t i = 0; i < c->n; i++)
		c->headline[i] = (c->tok[i].flags & TOK_HEADLINE) != 0;
}

/*
 * An averaged perceptron over hashed feature ids.  Averages by the
 * usual trick: beside each weight w, the sum u of its updates each times
 * the example count when made; the average is then w - u / count.
 */
struct learner {
	unsigned classes;
	uint32_t *id;           /* open addressing; the slot's row in w and u */
	size_t *row;
	size_t slots, used;
	float *w;
	double *u;
	size_t rows, rcap;
	double count;           /* examples seen */
};

static void
learner_init(struct learner *l, unsigned classes)
{
	memset(l, 0, sizeof *l);
	l->classes = classes;
	l->slots = 1 << 16;
	l->id = xcalloc(l->slots, sizeof *l->id);
	l->row = xcalloc(l->slots, sizeof *l->row);
	l->count = 1;
}

static void
learner_free(struct learner *l)
{
	free(l->id);
	free(l->row);
	free(l->w);
	free(l->u);
}

static size_t
slot_for(const struct learner *l, uint32_t id)
{
	size_t s = (size_t)(id * 0x9E3779B1u) & (l->slots - 1);
	while (l->row[s] && l->id[s] != id)
		s = (s + 1) & (l->slots - 1);
	return s;
}

/* The row of id's weights, or NULL (add: made, zero). */
static float *
weights(struct learner *l, uint32_t id, int add)
{
	size_t s = slot_for(l, id);

	if (l->row[s])
		return l->w + (l->row[s] - 1) * l->classes;
	if (!add)
		return NULL;
	if (2 * (l->used + 1) > l->slots) {
		uint32_t *oid = l->id;
		size_t *orow = l->row, oslots = l->slots;
		l->slots *= 2;
		l->id = xcalloc(l->slots, sizeof *l->id);
		l->row = xcalloc(l->slots, sizeof *l->row);
		for (size_t k = 0; k < oslots; k++)
			if (orow[k]) {
				size_t t = slot_for(l, oid[k]);
				l->id[t] = oid[k];
				l->row[t] = orow[k];
			}
		free(oid);
		free(orow);
		s = slot_for(l, id);
	}
	if (l->rows == l->rcap) {
		l->rcap = l->rcap ? 2 * l->rcap : 65536;
		l->w = xrealloc(l->w, l->rcap * l->classes * sizeof *l->w);
		l->u = xrealloc(l->u, l->rcap * l->classes * sizeof *l->u);
	}
	memset(l->w + l->rows * l->classes, 0, l->classes * sizeof *l->w);
	memset(l->u + l->rows * l->classes, 0, l->classes * sizeof *l->u);
	l->id[s] = id;
	l->row[s] = ++l->rows;
	l->used++;
	return l->w + (l->rows - 1) * l->classes;
}

static unsigned
guess(struct learner *l, const uint32_t *f, size_t n)
{
	float s[MAX_CLASSES] = {0};
	unsigned k = 0;

	for (size_t j = 0; j < n; j++) {
		const float *w = weights(l, f[j], 0);
		if (w)
			for (unsigned c = 0; c < l->classes; c++)
				s[c] += w[c];
	}
	for (unsigned c = 1; c < l->classes; c++)
		if (s[c] > s[k])
			k = c;
	return k;
}

/* Learns one example; returns whether the guess was wrong. */
static int
learn(struct learner *l, const uint32_t *f, size_t n, unsigned truth)
{
	unsigned g = guess(l, f, n);

	if (g != truth)
		for (size_t j = 0; j < n; j++) {
			float *w = weights(l, f[j], 1);
			size_t r = (size_t)(w - l->w);
			w[truth] += 1;
			w[g] -= 1;
			l->u[r + truth] += l->count;
			l->u[r + g] -= l->count;
		}
	l->count++;
	return g != truth;
}

static void
learner_average(struct learner *l)
{
	for (size_t k = 0; k < l->rows * l->classes; k++)
		l->w[k] = (float)(l->w[k] - l->u[k] / l->count);
}

/* Each token's word values (synfeat.h), made once. */
struct word_feats {
	struct syn_value v[SYN_VALUES_MAX];
	size_t n;
	unsigned cls;           /* synfeat_class */
	unsigned mark;          /* the lexicon's (synfeat.h), as the sentences trained on say */
};

static const struct wordclass *classes;        /* -c FILE */

static struct word_feats *
all_word_feats(const struct corpus *c)
{
	struct word_feats *wf = xmalloc((c->n + 1) * sizeof *wf);

	for (size_t i = 0; i < c->n; i++) {
		const char *w = c->text + c->tok[i].start;
		size_t n = c->tok[i].end - c->tok[i].start;
		wf[i].n = synfeat_word(classes, w, n, wf[i].v);
		wf[i].cls = synfeat_class(classes, w, n);
	}
	wf[c->n].n = synfeat_word(classes, NULL, 0, wf[c->n].v);     /* the edge */
	wf[c->n].cls = SYN_EDGE_CLASS;
	for (size_t i = 0; i <= c->n; i++)
		wf[i].mark = 0;
	return wf;
}

/*
 * The tagger's lexicon: per word (its lower-case value), how often the
 * sentences trained on tag it a noun, and a verb's base or present form.
 * Made from the training sentences alone, each fold's its own.
 */
#define LEX_SLOTS (1u << 17)
static struct {
	uint32_t id[LEX_SLOTS];
	unsigned noun[LEX_SLOTS], verb[LEX_SLOTS];
} lex;
static unsigned char tag_kind[MAX_CLASSES];     /* 1 a noun's tag, 2 a verb's base or present */

static size_t
lex_slot(uint32_t id)
{
	size_t s = (size_t)(id * 0x9E3779B1u >> 15) & (LEX_SLOTS - 1);
	while (lex.id[s] && lex.id[s] != id)
		s = (s + 1) & (LEX_SLOTS - 1);
	return s;
}

static unsigned
lex_mark_of(size_t s)
{
	return lex.noun[s] >= 2 && lex.verb[s] >= 2 ? SYN_NOUN_VERB : 0;
}

/* Marks the words of wf[0..n) as the lexicon says. */
static void
mark_words(struct word_feats *wf, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t s = lex_slot(wf[i].v[SYN_LOW_VALUE].id);
		wf[i].mark = lex.id[s] ? lex_mark_of(s) : 0;
	}
}

/* The lexicon of the sentences order[0..n) of c; then every token of c marked by it. */
static void
make_lexicon(const struct corpus *c, struct word_feats *wf, const size_t *order, size_t n)
{
	memset(&lex, 0, sizeof lex);
	for (size_t q = 0; q < n; q++)
		for (size_t i = c->sent[order[q]]; i < c->sent[order[q] + 1]; i++) {
			size_t s = lex_slot(wf[i].v[SYN_LOW_VALUE].id);
			lex.id[s] = wf[i].v[SYN_LOW_VALUE].id;
			lex.noun[s] += tag_kind[c->pos[i]] == 1;
			lex.verb[s] += tag_kind[c->pos[i]] == 2;
		}
	mark_words(wf, c->n);
}

/* The features in role r of the token at i + off of the sentence [s, e), or of the edge (index n). */
static size_t
put_role(const struct word_feats *wf, size_t n, size_t s, size_t e, size_t i, long off, unsigned r, uint32_t *out)
{
	long k = (long)i + off;
	const struct word_feats *w = k >= (long)s && k < (long)e ? &wf[k] : &wf[n];
	size_t m = 0;

	for (size_t j = 0; j < w->n; j++)
		if (w->v[j].roles >> r & 1)
			out[m++] = w->v[j].id | r;
	return m;
}

static size_t
pos_feats(const struct word_feats *wf, const unsigned char *headline, size_t n, size_t s, size_t e, size_t i,
    const unsigned char *tags, uint32_t *f)
{
	size_t k = 0;

	k += put_role(wf, n, s, e, i, 0, SYN_P0, f + k);
	k += put_role(wf, n, s, e, i, -1, SYN_PM1, f + k);
	k += put_role(wf, n, s, e, i, 1, SYN_PP1, f + k);
	k += put_role(wf, n, s, e, i, -2, SYN_PM2, f + k);
	k += put_role(wf, n, s, e, i, 2, SYN_PP2, f + k);
	if (i == s)
		k += put_role(wf, n, s, e, i, 0, SYN_PFIRST, f + k);
	if (headline[i])
		k += put_role(wf, n, s, e, i, 0, SYN_PHEAD, f + k);
	k += synfeat_pos_history(i > s ? tags[i - 1] : SYN_EDGE, i > s + 1 ? tags[i - 2] : SYN_EDGE, f + k);
	f[k++] = synfeat_pos_class(i > s ? tags[i - 1] : SYN_EDGE, wf[i].cls);
	f[k++] = synfeat_pos_next_class(i > s ? tags[i - 1] : SYN_EDGE, i + 1 < e ? wf[i + 1].cls : SYN_EDGE_CLASS);
	if (wf[i].mark)
		f[k++] = synfeat_pos_mark(i > s ? tags[i - 1] : SYN_EDGE, wf[i].mark);
	return k;
}

static size_t
chunk_feats(const struct word_feats *wf, size_t n, size_t s, size_t e, size_t i, const unsigned char *pos,
    const unsigned char *chunks, uint32_t *f)
{
	size_t k = 0;
	unsigned p[5];

	k += put_role(wf, n, s, e, i, 0, SYN_C0, f + k);
	k += put_role(wf, n, s, e, i, -1, SYN_CM1, f + k);
	k += put_role(wf, n, s, e, i, 1, SYN_CP1, f + k);
	for (long o = -2; o <= 2; o++) {
		long j = (long)i + o;
		p[o + 2] = j >= (long)s && j < (long)e ? pos[j] : SYN_EDGE;
	}
	k += synfeat_chunk_tags(p, i > s ? chunks[i - 1] : SYN_EDGE, i > s + 1 ? chunks[i - 2] : SYN_EDGE, f + k);
	return k;
}

#define FEATS (SYN_ROLES * SYN_VALUES_MAX + 32)

static uint64_t rng = 88172645463325252ULL;

static size_t
next_random(size_t bound)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (size_t)(rng % bound);
}

static void
shuffle(size_t *v, size_t n)
{
	for (size_t k = n; k > 1; k--) {
		size_t j = next_random(k), t = v[k - 1];
		v[k - 1] = v[j];
		v[j] = t;
	}
}

/* Trains the tagger on the sentences of c in order[0..n). */
static void
train_pos(struct learner *l, const struct corpus *c, const struct word_feats *wf, size_t *order, size_t n,
    int epochs, int verbose)
{
	unsigned char *guessed = xmalloc(c->n);
	uint32_t f[FEATS];

	for (int ep = 1; ep <= epochs; ep++) {
		size_t wrong = 0, seen = 0;
		shuffle(order, n);
		for (size_t q = 0; q < n; q++) {
			size_t s = c->sent[order[q]], e = c->sent[order[q] + 1];
			for (size_t i = s; i < e; i++) {
				size_t k = pos_feats(wf, c->headline, c->n, s, e, i, guessed, f);
				wrong += learn(l, f, k, c->pos[i]);
				guessed[i] = (unsigned char)guess(l, f, k);
				seen++;
			}
		}
		if (verbose)
			fprintf(stderr, "tagger epoch %d: %.2f%% of training tokens wrong\n", ep,
			    100.0 * (double)wrong / (double)seen);
	}
	free(guessed);
}

/* Tags the sentences order[0..n) of c with l (its weights as they are) into out. */
static void
tag_pos(struct learner *l, const struct corpus *c, const struct word_feats *wf, const size_t *order, size_t n,
    unsigned char *out)
{
	uint32_t f[FEATS];

	for (size_t q = 0; q < n; q++) {
		size_t s = c->sent[order[q]], e = c->sent[order[q] + 1];
		for (size_t i = s; i < e; i++) {
			size_t k = pos_feats(wf, c->headline, c->n, s, e, i, out, f);
			out[i] = (unsigned char)guess(l, f, k);
		}
	}
}

static void
train_chunk(struct learner *l, const struct corpus *c, const struct word_feats *wf, const unsigned char *pos,
    size_t *order, size_t n, int epochs)
{
	unsigned char *guessed = xmalloc(c->n);
	uint32_t f[FEATS];

	for (int ep = 1; ep <= epochs; ep++) {
		size_t wrong = 0, seen = 0;
		shuffle(order, n);
		for (size_t q = 0; q < n; q++) {
			size_t s = c->sent[order[q]], e = c->sent[order[q] + 1];
			for (size_t i = s; i < e; i++) {
				size_t k = chunk_feats(wf, c->n, s, e, i, pos, guessed, f);
				wrong += learn(l, f, k, c->chunk[i]);
				guessed[i] = (unsigned char)guess(l, f, k);
				seen++;
			}
		}
		fprintf(stderr, "chunker epoch %d: %.2f%% of training tokens wrong\n", ep,
		    100.0 * (double)wrong / (double)seen);
	}
	free(guessed);
}

/*
 * Quantises the averaged weights of a learner to whole steps (its
 * largest weight 2047 steps, so that a word's sums in a role fit 16
 * bits) into out as (feature id, class, weight); returns their number.
 */
struct weight {
	uint32_t id;
	unsigned char cls;
	int16_t w;
};

static int
by_id(const void *a, const void *b)
{
	const struct weight *x = a, *y = b;
	return x->id != y->id ? (x->id < y->id ? -1 : 1) : (x->cls > y->cls) - (x->cls < y->cls);
}

static size_t
quantise(const struct learner *l, struct weight *out)
{
	float most = 0;
	size_t n = 0;

	for (size_t k = 0; k < l->rows * l->classes; k++)
		if (fabsf(l->w[k]) > most)
			most = fabsf(l->w[k]);
	float scale = most > 0 ? 2047 / most : 1;
	for (size_t s = 0; s < l->slots; s++) {
		if (!l->row[s])
			continue;
		const float *w = l->w + (l->row[s] - 1) * l->classes;
		for (unsigned c = 0; c < l->classes; c++) {
			long q = lroundf(w[c] * scale);
			if (q != 0) {
				out[n].id = l->id[s];
				out[n].cls = (unsigned char)c;
				out[n++].w = (int16_t)q;
			}
		}
	}
	return n;
}

static void
put32(FILE *f, uint32_t v)
{
	putc((int)(v & 255), f);
	putc((int)(v >> 8 & 255), f);
	putc((int)(v >> 16 & 255), f);
	putc((int)(v >> 24 & 255), f);
}

static void
put_names(FILE *f, const struct names *nm)
{
	putc((int)nm->n, f);
	for (unsigned k = 0; k < nm->n; k++) {
		putc((int)strlen(nm->name[k]), f);
		fputs(nm->name[k], f);
	}
}

static void
put16(FILE *f, unsigned v)
{
	putc((int)(v & 255), f);
	putc((int)(v >> 8 & 255), f);
}

/* Writes the weights file to f: each value's weights in all its roles together, values in order of id. */
static void
save(FILE *f, const struct names *pos, const struct names *chunk, struct learner *lp, struct learner *lc)
{
	struct weight *w = xmalloc((lp->rows * lp->classes + lc->rows * lc->classes + LEX_SLOTS) * sizeof *w);
	size_t n = quantise(lp, w), values = 0;
	n += quantise(lc, w + n);
	for (size_t s = 0; s < LEX_SLOTS; s++)
		if (lex.id[s] && lex_mark_of(s)) {
			w[n].id = lex.id[s] | SYN_LEXICON_ROLE;
			w[n].cls = (unsigned char)lex_mark_of(s);
			w[n++].w = 1;
		}
	qsort(w, n, sizeof *w, by_id);
	for (size_t k = 0; k < n; k++)
		values += k == 0 || (w[k].id & ~SYN_ROLE_MASK) != (w[k - 1].id & ~SYN_ROLE_MASK);
	fputs("NTSY", f);
	put32(f, 2);
	put_names(f, pos);
	put_names(f, chunk);
	put32(f, (uint32_t)values);
	for (size_t k = 0; k < n;) {
		uint32_t id = w[k].id & ~SYN_ROLE_MASK;
		size_t e = k;
		while (e < n && (w[e].id & ~SYN_ROLE_MASK) == id)
			e++;
		if (e - k > 65535) {
			fputs("train_syntax: a value with too many weights\n", stderr);
			exit(1);
		}
		put32(f, id);
		put16(f, (unsigned)(e - k));
		for (; k < e; k++) {
			putc((int)(w[k].id & SYN_ROLE_MASK), f);
			putc(w[k].cls, f);
			put16(f, (uint16_t)w[k].w);
		}
	}
	fprintf(stderr, "train_syntax: %zu values, %zu weights\n", values, n);
	free(w);
}

/* The chunks that BIO tags v[0..n) mark: a B- tag, or an I- tag of another type than the last, begins one. */
static size_t
chunk_spans(const struct syntax_model *m, const struct corpus *c, const unsigned char *v, size_t (*out)[3])
{
	size_t k = 0;

	for (size_t i = 0; i < c->n; i++) {
		const char *a = syntax_chunk_name(m, v[i]);
		const char *b = i > 0 && !(c->tok[i].flags & TOK_SENT_START) ? syntax_chunk_name(m, v[i - 1]) : "O";
		if (a[0] != 'B' && a[0] != 'I')
			continue;
		if (a[0] == 'B' || (b[0] != 'B' && b[0] != 'I') || strcmp(a + 2, b + 2) != 0) {
			out[k][0] = i;
			out[k][2] = 0;
			for (const char *t = a + 2; *t; t++)
				out[k][2] = out[k][2] * 131 + (unsigned char)*t;
			k++;
		}
		out[k - 1][1] = i + 1;
	}
	return k;
}

/*
 * Tags dev with the model bytes[0..len), as the programs do, and prints
 * its accuracy and chunk F1, named what; returns them in acc[2].
 */
static void
evaluate(const unsigned char *bytes, size_t len, const struct corpus *dev, const char *what, double acc[2])
{
	struct syntax_model *m = syntax_model_load(bytes, len, classes);
	if (!m) {
		fputs("train_syntax: the model written is not one\n", stderr);
		exit(1);
	}
	struct syntax_tagger *t = syntax_tagger_new(m);
	unsigned char *pos = xmalloc(dev->n + 1), *chunk = xmalloc(dev->n + 1);
	syntax_tag(t, dev->text, dev->tok, dev->n, pos, chunk);
	size_t right = 0, same = 0;
	static size_t confusion[256][256];
	memset(confusion, 0, sizeof confusion);
	for (size_t i = 0; i < dev->n; i++) {
		right += pos[i] == dev->pos[i];
		confusion[dev->pos[i]][pos[i]]++;
	}
	if (getenv("SYN_DUMP"))
		for (size_t i = 0; i < dev->n; i++)
			fprintf(stderr, "%s%.*s %s %s\n", dev->tok[i].flags & TOK_SENT_START ? "\n" : "",
			    (int)(dev->tok[i].end - dev->tok[i].start), dev->text + dev->tok[i].start,
			    syntax_pos_name(m, dev->pos[i]), syntax_pos_name(m, pos[i]));
	if (getenv("SYN_CONFUSION"))
		for (int g = 0; g < 256; g++)
			for (int q = 0; q < 256; q++)
				if (g != q && confusion[g][q] >= 20)
					fprintf(stderr, "%6zu gold %s got %s\n", confusion[g][q], syntax_pos_name(m, (unsigned)g), syntax_pos_name(m, (unsigned)q));
	size_t (*gold)[3] = xmalloc((dev->n + 1) * sizeof *gold), (*got)[3] = xmalloc((dev->n + 1) * sizeof *got);
	size_t ng = chunk_spans(m, dev, dev->chunk, gold), np = chunk_spans(m, dev, chunk, got);
	for (size_t i = 0, j = 0; i < ng && j < np;) {
		if (gold[i][0] < got[j][0]) {
			i++;
		} else if (gold[i][0] > got[j][0]) {
			j++;
		} else {
			same += gold[i][1] == got[j][1] && gold[i][2] == got[j][2];
			i++;
			j++;
		}
	}
	double p = np ? (double)same / (double)np : 0, r = ng ? (double)same / (double)ng : 0;
	acc[0] = 100.0 * (double)right / (double)dev->n;
	acc[1] = p + r > 0 ? 200 * p * r / (p + r) : 0.0;
	fprintf(stderr, "train_syntax: %s (CoNLL tokens): part of speech %.2f%%, chunk F1 %.2f\n", what, acc[0], acc[1]);
	free(gold);
	free(got);
	free(pos);
	free(chunk);
	syntax_tagger_free(t);
	syntax_model_free(m);
}

/* The sentences of c in (held) or out of (!held) the fold-th of k blocks of consecutive sentences, as a corpus. */
static void
sub_corpus(const struct corpus *c, size_t fold, size_t k, int held, struct corpus *out)
{
	memset(out, 0, sizeof *out);
	out->text = xmalloc(c->len + 1);
	out->tok = xmalloc((c->n + 1) * sizeof *out->tok);
	out->pos = xmalloc(c->n + 1);
	out->chunk = xmalloc(c->n + 1);
	out->headline = xmalloc(c->n + 1);
	out->sent = xmalloc((c->nsent + 1) * sizeof *out->sent);
	for (size_t q = 0; q < c->nsent; q++) {
		if ((q * k / c->nsent == fold) != held)
			continue;
		out->sent[out->nsent++] = out->n;
		for (size_t i = c->sent[q]; i < c->sent[q + 1]; i++) {
			size_t wl = c->tok[i].end - c->tok[i].start;
			memcpy(out->text + out->len, c->text + c->tok[i].start, wl);
			out->tok[out->n] = c->tok[i];
			out->tok[out->n].start = out->len;
			out->tok[out->n].end = out->len + wl;
			out->pos[out->n] = c->pos[i];
			out->chunk[out->n] = c->chunk[i];
			out->headline[out->n++] = c->headline[i];
			out->len += wl;
			out->text[out->len++] = ' ';
		}
	}
	out->sent[out->nsent] = out->n;
}

static void
corpus_free(struct corpus *c)
{
	free(c->text);
	free(c->tok);
	free(c->pos);
	free(c->chunk);
	free(c->headline);
	free(c->sent);
}

/*
 * Trains the tagger and the chunker on c and writes the weights to f;
 * with dev, prints the unquantised tagger's accuracy on it.
 */
static void
build(const struct corpus *c, const struct names *pos, const struct names *chunk, int epochs, int quick,
    const struct corpus *dev, FILE *f)
{
	struct word_feats *wf = all_word_feats(c);
	size_t *order = xmalloc(c->nsent * sizeof *order);

	/* The chunker's input: each tenth tagged by a tagger trained on the rest. */
	unsigned char *tagged = xmalloc(c->n);
	if (quick)
		memcpy(tagged, c->pos, c->n);
	for (int fold = 0; fold < FOLDS && !quick; fold++) {
		struct learner l;
		size_t n = 0, held = 0;
		for (size_t k = 0; k < c->nsent; k++)
			if ((int)(k % FOLDS) != fold)
				order[n++] = k;
		learner_init(&l, pos->n);
		make_lexicon(c, wf, order, n);
		train_pos(&l, c, wf, order, n, epochs, 0);
		learner_average(&l);
		for (size_t k = 0; k < c->nsent; k++)
			if ((int)(k % FOLDS) == fold)
				order[held++] = k;
		tag_pos(&l, c, wf, order, held, tagged);
		learner_free(&l);
		fprintf(stderr, "jackknife fold %d of %d\n", fold + 1, FOLDS);
	}

	struct learner lp, lc;
	for (size_t k = 0; k < c->nsent; k++)
		order[k] = k;
	learner_init(&lp, pos->n);
	make_lexicon(c, wf, order, c->nsent);
	train_pos(&lp, c, wf, order, c->nsent, epochs, 1);
	learner_average(&lp);
	if (dev) {
		struct word_feats *dwf = all_word_feats(dev);
		mark_words(dwf, dev->n);
		size_t *dorder = xmalloc(dev->nsent * sizeof *dorder), right = 0;
		unsigned char *dtag = xmalloc(dev->n);
		for (size_t k = 0; k < dev->nsent; k++)
			dorder[k] = k;
		tag_pos(&lp, dev, dwf, dorder, dev->nsent, dtag);
		for (size_t i = 0; i < dev->n; i++)
			right += dtag[i] == dev->pos[i];
		fprintf(stderr, "train_syntax: dev, unquantised tagger: %.2f%%\n", 100.0 * (double)right / (double)dev->n);
		free(dwf);
		free(dorder);
		free(dtag);
	}
	for (size_t k = 0; k < c->nsent; k++)
		order[k] = k;
	learner_init(&lc, chunk->n);
	train_chunk(&lc, c, wf, tagged, order, c->nsent, epochs);
	learner_average(&lc);
	save(f, pos, chunk, &lp, &lc);
	learner_free(&lp);
	learner_free(&lc);
	free(wf);
	free(tagged);
	free(order);
}

/* K-fold cross-validation (see the top): each fold's figures, then their mean. */
static void
cross_validate(const struct corpus *c, const struct names *pos, const struct names *chunk, int epochs, int quick,
    size_t k)
{
	double sum[2] = {0, 0};

	for (size_t fold = 0; fold < k; fold++) {
		struct corpus train, held;
		char *bytes = NULL, what[64];
		size_t len = 0;
		double acc[2];
		sub_corpus(c, fold, k, 0, &train);
		sub_corpus(c, fold, k, 1, &held);
		FILE *f = open_memstream(&bytes, &len);
		if (!f) {
			perror("train_syntax");
			exit(1);
		}
		build(&train, pos, chunk, epochs, quick, NULL, f);
		if (fclose(f) != 0) {
			perror("train_syntax");
			exit(1);
		}
		snprintf(what, sizeof what, "fold %zu of %zu", fold + 1, k);
		evaluate((const unsigned char *)bytes, len, &held, what, acc);
		sum[0] += acc[0];
		sum[1] += acc[1];
		free(bytes);
		corpus_free(&train);
		corpus_free(&held);
	}
	fprintf(stderr, "train_syntax: %zu-fold cross-validation: part of speech %.2f%%, chunk F1 %.2f\n", k,
	    sum[0] / (double)k, sum[1] / (double)k);
}

int
main(int argc, char **argv)
{
	int epochs = 10, quick = 0, folds = 0, opt;
	size_t clen;
	unsigned char *cbytes = NULL;

	while ((opt = getopt(argc, argv, "c:e:k:q")) != -1) {
		if (opt == 'c') {
			cbytes = read_file(optarg, &clen);
			if ((classes = wordclass_load(cbytes, clen)) == NULL) {
				fprintf(stderr, "train_syntax: %s: not a word classes file\n", optarg);
				return 1;
			}
		} else if (opt == 'e')
			epochs = atoi(optarg);
		else if (opt == 'k')
			folds = atoi(optarg);
		else if (opt == 'q')
			quick = 1;
		else
			goto usage;
	}
	argc -= optind;
	argv += optind;
	if (folds == 1 || folds < 0 || epochs < 1 || (folds ? argc != 1 : argc < 2 || argc > 3)) {
usage:
		fputs("usage: train_syntax [-q] [-c CLASSES] [-e EPOCHS] TRAIN.conll OUT.bin [DEV.conll]\n"
		    "       train_syntax [-q] [-c CLASSES] [-e EPOCHS] -k FOLDS TRAIN.conll\n", stderr);
		return 2;
	}
	struct names pos = {0}, chunk = {0};
	collect_names(argv[0], 1, &pos);
	for (unsigned k = 0; k < pos.n; k++)
		tag_kind[k] = strcmp(pos.name[k], "NN") == 0 || strcmp(pos.name[k], "NNS") == 0 ? 1 :
		    strcmp(pos.name[k], "VB") == 0 || strcmp(pos.name[k], "VBP") == 0 ? 2 : 0;
	collect_names(argv[0], 2, &chunk);
	if (pos.n > SYN_POS_MAX || chunk.n > SYN_CHUNK_MAX) {
		fputs("train_syntax: too many tags\n", stderr);
		return 1;
	}
	struct corpus c, dev;
	read_corpus(argv[0], &c, &pos, &chunk);
	if (folds) {
		cross_validate(&c, &pos, &chunk, epochs, quick, (size_t)folds);
		corpus_free(&c);
		wordclass_free((struct wordclass *)classes);
		free(cbytes);
		return 0;
	}
	if (argc == 3)
		read_corpus(argv[2], &dev, &pos, &chunk);
	FILE *f = fopen(argv[1], "wb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	build(&c, &pos, &chunk, epochs, quick, argc == 3 ? &dev : NULL, f);
	if (fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	if (argc == 3) {
		size_t len;
		unsigned char *bytes = read_file(argv[1], &len);
		double acc[2];
		evaluate(bytes, len, &dev, "dev", acc);
		free(bytes);
		corpus_free(&dev);
	}
	corpus_free(&c);
	wordclass_free((struct wordclass *)classes);
	free(cbytes);
	return 0;
}
