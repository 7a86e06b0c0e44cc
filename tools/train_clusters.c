/*
 * train_clusters OUT.bin [CONLL...] < TEXT: learns the word classes of
 * lib/wordclass.h from unlabelled text (an article stream on standard
 * input; the words of CoNLL files' first column too) and writes the
 * classes file.
 *
 * Words are the project's tokens (token.h), keyed as wordclass_key keys
 * them; those seen fewer than MIN_COUNT times get no class.  The classes
 * are those of the predictive exchange algorithm (Uszkoreit and Brants,
 * 2008): each word in turn moves to the class that most raises the
 * likelihood of a bigram model P(w | v) = P(class(w) | v) P(w | class(w)),
 * which comes to maximising the sum over preceding words v and classes c
 * of N(v, c) log N(v, c), less the sum over classes of N(c) log N(c).
 * Run once with WORDCLASS_COARSE classes and once with WORDCLASS_FINE.
 * Everything is counted in integers and visited in a fixed order: the
 * same text gives the same bytes.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "token.h"
#include "wordclass.h"
#include "xalloc.h"

#define MIN_COUNT 3
#define ITERATIONS 8

static char *
slurp(FILE *f, size_t *len, char *buf)
{
	size_t cap = buf ? *len : 0;

	for (;;) {
		if (cap - *len < 65536) {
			cap = cap ? 2 * cap : 1 << 24;
			buf = xrealloc(buf, cap);
		}
		size_t got = fread(buf + *len, 1, cap - *len, f);
		if (got == 0)
			break;
		*len += got;
	}
	return buf;
}

/* Appends the words of a CoNLL file's first column, a line a sentence. */
static char *
add_conll(const char *path, char *buf, size_t *len, size_t *cap)
{
	FILE *f = fopen(path, "r");
	char line[4096];

	if (!f) {
		perror(path);
		exit(1);
	}
	while (fgets(line, sizeof line, f)) {
		size_t w = strcspn(line, " \t\r\n");
		if (strncmp(line, "-DOCSTART-", 10) == 0)
			continue;
		if (*len + w + 2 > *cap) {
			*cap = (*len + w + 2) * 2;
			buf = xrealloc(buf, *cap);
		}
		if (w == 0) {
			buf[(*len)++] = '\n';
			continue;
		}
		memcpy(buf + *len, line, w);
		*len += w;
		buf[(*len)++] = ' ';
	}
	fclose(f);
	return buf;
}

struct word {
	uint64_t key;
	size_t count;
};

/* The vocabulary: keys in open addressing, each with its index in words. */
struct vocab {
	uint64_t *key;
	int32_t *index;
	size_t mask;
	struct word *words;
	size_t n, cap;
};

static int32_t
vocab_add(struct vocab *v, uint64_t key)
{
	size_t s = (size_t)(key >> 20) & v->mask;

	while (v->key[s] && v->key[s] != key)
		s = (s + 1) & v->mask;
	if (!v->key[s]) {
		if (v->n == v->cap) {
			v->cap = v->cap ? 2 * v->cap : 65536;
			v->words = xrealloc(v->words, v->cap * sizeof *v->words);
		}
		v->key[s] = key;
		v->index[s] = (int32_t)v->n;
		v->words[v->n].key = key;
		v->words[v->n++].count = 0;
	}
	v->words[v->index[s]].count++;
	return v->index[s];
}

static int
by_count(const void *a, const void *b)
{
	const struct word *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return (x->key > y->key) - (x->key < y->key);
}

static int
by_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* x log x, from a table for the small counts that are most of them. */
#define XLOGX_TABLE 65536
static double xlogx_table[XLOGX_TABLE];

static double
xlogx(int64_t x)
{
	return x < XLOGX_TABLE ? xlogx_table[x] : (double)x * log((double)x);
}

/*
 * The bigrams, by their second word: pred[first[w] .. first[w + 1]) are
 * the words before w with their counts.
 */
struct bigrams {
	int32_t *pred, *count;
	size_t *first;
	int64_t *total;         /* w's count as a second word */
};

static void
exchange(const struct bigrams *b, size_t V, unsigned C, unsigned char *cls)
{
	int64_t *N = xcalloc(V * C, sizeof *N), *Nc = xcalloc(C, sizeof *Nc);
	double *gain = xmalloc(C * sizeof *gain);

	for (size_t w = 0; w < V; w++)
		cls[w] = (unsigned char)(w % C);     /* the most frequent words apart */
	for (size_t w = 0; w < V; w++) {
		for (size_t k = b->first[w]; k < b->first[w + 1]; k++)
			N[(size_t)b->pred[k] * C + cls[w]] += b->count[k];
		Nc[cls[w]] += b->total[w];
	}
	for (int it = 1; it <= ITERATIONS; it++) {
		size_t moved = 0;
		for (size_t w = 0; w < V; w++) {
			unsigned a = cls[w], best = a;
			for (size_t k = b->first[w]; k < b->first[w + 1]; k++)
				N[(size_t)b->pred[k] * C + a] -= b->count[k];
			Nc[a] -= b->total[w];
			for (unsigned c = 0; c < C; c++)
				gain[c] = xlogx(Nc[c]) - xlogx(Nc[c] + b->total[w]);
			for (size_t k = b->first[w]; k < b->first[w + 1]; k++) {
				const int64_t *row = N + (size_t)b->pred[k] * C;
				int64_t n = b->count[k];
				for (unsigned c = 0; c < C; c++)
					gain[c] += xlogx(row[c] + n) - xlogx(row[c]);
			}
			for (unsigned c = 0; c < C; c++)
				if (gain[c] > gain[best])
					best = c;
			for (size_t k = b->first[w]; k < b->first[w + 1]; k++)
				N[(size_t)b->pred[k] * C + best] += b->count[k];
			Nc[best] += b->total[w];
			cls[w] = (unsigned char)best;
			moved += best != a;
		}
		fprintf(stderr, "train_clusters: %u classes, iteration %d: %zu of %zu words moved\n", C, it, moved, V);
	}
	free(N);
	free(Nc);
	free(gain);
}

static void
put_le(FILE *f, uint64_t v, int bytes)
{
	for (int k = 0; k < bytes; k++)
		putc((int)(v >> 8 * k & 255), f);
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fputs("usage: train_clusters OUT.bin [CONLL...] < TEXT\n", stderr);
		return 2;
	}
	size_t len = 0, cap;
	char *text = slurp(stdin, &len, NULL);
	cap = len;
	for (int k = 2; k < argc; k++)
		text = add_conll(argv[k], text, &len, &cap);

	struct token_list tl = {0};
	token_scan_lines(&tl, text, len);
	struct vocab v = {0};
	size_t slots = 1 << 22;
	v.key = xcalloc(slots, sizeof *v.key);
	v.index = xcalloc(slots, sizeof *v.index);
	v.mask = slots - 1;
	int32_t *seq = xmalloc(tl.n * sizeof *seq);
	for (size_t i = 0; i < tl.n; i++) {
		if (v.n * 2 > slots) {
			fputs("train_clusters: too many distinct words\n", stderr);
			return 1;
		}
		seq[i] = vocab_add(&v, wordclass_key(text + tl.v[i].start, tl.v[i].end - tl.v[i].start));
	}

	/* The words to class, most frequent first; the rest are left out of the bigrams. */
	struct word *ranked = xmalloc(v.n * sizeof *ranked);
	memcpy(ranked, v.words, v.n * sizeof *ranked);
	qsort(ranked, v.n, sizeof *ranked, by_count);
	size_t V = 0;
	while (V < v.n && ranked[V].count >= MIN_COUNT)
		V++;
	int32_t *rank = xmalloc(v.n * sizeof *rank);
	for (size_t k = 0; k < v.n; k++)
		rank[k] = -1;
	for (size_t r = 0; r < V; r++) {
		uint64_t key = ranked[r].key;
		size_t s = (size_t)(key >> 20) & v.mask;
		while (v.key[s] != key)
			s = (s + 1) & v.mask;
		rank[v.index[s]] = (int32_t)r;
	}

	/* Bigrams of classed words, counted by sorting. */
	uint64_t *pairs = xmalloc(tl.n * sizeof *pairs);
	size_t np = 0;
	for (size_t i = 1; i < tl.n; i++) {
		int32_t a = rank[seq[i - 1]], b = rank[seq[i]];
		if (a >= 0 && b >= 0)
			pairs[np++] = (uint64_t)b << 32 | (uint32_t)a;
	}
	qsort(pairs, np, sizeof *pairs, by_u64);
	struct bigrams bg;
	bg.pred = xmalloc((np + 1) * sizeof *bg.pred);
	bg.count = xmalloc((np + 1) * sizeof *bg.count);
	bg.first = xcalloc(V + 1, sizeof *bg.first);
	bg.total = xcalloc(V, sizeof *bg.total);
	size_t nb = 0;
	for (size_t k = 0; k < np;) {
		size_t e = k;
		while (e < np && pairs[e] == pairs[k])
			e++;
		uint32_t w = (uint32_t)(pairs[k] >> 32);
		bg.pred[nb] = (int32_t)(uint32_t)pairs[k];
		bg.count[nb] = (int32_t)(e - k);
		bg.total[w] += (int64_t)(e - k);
		bg.first[w + 1] = ++nb;
		k = e;
	}
	for (size_t w = 1; w <= V; w++)
		if (bg.first[w] < bg.first[w - 1])
			bg.first[w] = bg.first[w - 1];
	fprintf(stderr, "train_clusters: %zu tokens, %zu words classed, %zu bigram types\n", tl.n, V, nb);

	for (int64_t x = 1; x < XLOGX_TABLE; x++)
		xlogx_table[x] = (double)x * log((double)x);
	unsigned char *coarse = xmalloc(V + 1), *fine = xmalloc(V + 1);
	exchange(&bg, V, WORDCLASS_COARSE, coarse);
	exchange(&bg, V, WORDCLASS_FINE, fine);

	/* The file, by key. */
	uint64_t *order = xmalloc((V + 1) * sizeof *order);
	for (size_t r = 0; r < V; r++)
		order[r] = ranked[r].key;
	qsort(order, V, sizeof *order, by_u64);
	FILE *f = fopen(argv[1], "wb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	fputs("NTWC", f);
	put_le(f, 1, 4);
	put_le(f, V, 4);
	for (size_t k = 0; k < V; k++) {
		size_t s = (size_t)(order[k] >> 20) & v.mask;
		while (v.key[s] != order[k])
			s = (s + 1) & v.mask;
		int32_t r = rank[v.index[s]];
		put_le(f, order[k], 8);
		putc(coarse[r], f);
		putc(fine[r], f);
	}
	if (fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
