/*
 * train_ner [-c CLASSES] TRAIN.conll OUT.bin [DEV.conll]: trains the name
 * finder's averaged perceptron on CoNLL-2003 style data (token POS chunk
 * IOB2-tag per line, blank lines between sentences, -DOCSTART- between
 * documents) and writes the weights file lib/perceptron.h describes.  With
 * DEV, it prints the entity F1 on it after every epoch.
 *
 * The word classes are features, so the weights hold only with the
 * classes they were learnt with: CLASSES is the file train_clusters made
 * (make model passes the one it has just made); without it, the classes
 * compiled into the trainer, which are those of the last build.
 *
 * Environment: NER_EPOCHS (default 12), NER_MIN_COUNT (default 2),
 * NER_MIN_WEIGHT (weights smaller than this are left out; default 0.01),
 * NER_ALONE (default 2: every second document is learnt without the
 * places its words hold elsewhere in it; 0: none),
 * NER_CAPITALS (set: every fourth sentence is learnt again in capitals;
 * better on bare headlines, 0.5 worse on CoNLL dev),
 * NER_FOLDS (N > 1: no weights are written; instead N models are trained,
 * each on all the training documents but every Nth, and scored on those
 * it left out: a measure that nothing was tuned on, printed per kind),
 * NER_SEED (the seed of the order documents are learnt in, default
 * 12345: another seed tells how far a figure moves by chance alone),
 * NER_ORDERS (N > 1: the weights are the mean of the models learnt in
 * N orders, seeds NER_SEED, NER_SEED + 1, ...; README, Decisions).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "gazetteer.h"
#include "nerfeat.h"
#include "perceptron.h"
#include "readfile.h"
#include "tagger.h"
#include "token.h"
#include "utf8.h"
#include "wordclass.h"

struct corpus {
	char *text;             /* every token, NUL-separated */
	size_t text_len, text_cap;
	size_t *tok_off;        /* per token: offset in text */
	size_t *tok_len;
	unsigned *flags;
	int *gold;
	size_t ntok, tok_cap;
	size_t *doc_first;      /* per document: its first token; one more at the end */
	size_t ndoc, doc_cap;
};

static void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) {
		fputs("train_ner: out of memory\n", stderr);
		exit(2);
	}
	return p;
}

static int
tag_of(const char *s)
{
	static const char *const kinds[NER_KINDS] = { "PER", "ORG", "LOC", "MISC" };
	if (s[0] == 'O' || !s[0] || !s[1])
		return NER_O;
	for (int k = 0; k < NER_KINDS; k++)
		if (strcmp(s + 2, kinds[k]) == 0)
			return s[0] == 'B' ? NER_BEGIN(k) : NER_INSIDE(k);
	return NER_O;
}

static void
new_doc(struct corpus *c)
{
	if (c->ndoc > 0 && c->doc_first[c->ndoc - 1] == c->ntok)
		return;
	if (c->ndoc + 2 > c->doc_cap) {
		c->doc_cap = c->doc_cap ? c->doc_cap * 2 : 256;
		c->doc_first = xrealloc(c->doc_first, c->doc_cap * sizeof *c->doc_first);
	}
	c->doc_first[c->ndoc++] = c->ntok;
}

static void
push_token(struct corpus *c, const char *w, size_t wl, unsigned flags, int gold)
{
	if (c->ntok == c->tok_cap) {
		c->tok_cap = c->tok_cap ? c->tok_cap * 2 : 4096;
		c->tok_off = xrealloc(c->tok_off, c->tok_cap * sizeof *c->tok_off);
		c->tok_len = xrealloc(c->tok_len, c->tok_cap * sizeof *c->tok_len);
		c->flags = xrealloc(c->flags, c->tok_cap * sizeof *c->flags);
		c->gold = xrealloc(c->gold, c->tok_cap * sizeof *c->gold);
	}
	if (c->text_len + wl * 2 + 1 > c->text_cap) {
		c->text_cap = (c->text_cap + wl * 2 + 1) * 2;
		c->text = xrealloc(c->text, c->text_cap);
	}
	memcpy(c->text + c->text_len, w, wl);
	c->text[c->text_len + wl] = 0;
	c->tok_off[c->ntok] = c->text_len;
	c->tok_len[c->ntok] = wl;
	c->text_len += wl + 1;
	c->flags[c->ntok] = token_spelling(w, wl) | flags;
	c->gold[c->ntok] = gold;
	c->ntok++;
}

/*
 * Headlines come in capitals, and the training set has few: with
 * NER_CAPITALS every fourth sentence is learnt a second time in
 * capitals, as a document of its own.
 */
static void
add_capitals(struct corpus *c)
{
	size_t ndoc = c->ndoc, sentence = 0;
	char buf[1024];

	for (size_t k = 0; k < ndoc; k++) {
		size_t a = c->doc_first[k], b = c->doc_first[k + 1];
		new_doc(c);
		for (size_t i = a; i < b; i++) {
			if (c->flags[i] & TOK_SENT_START)
				sentence++;
			if (sentence % 4 != 1)
				continue;
			const char *w = c->text + c->tok_off[i];
			size_t wl = c->tok_len[i], o = 0;
			for (size_t j = 0; j < wl && o + 4 < sizeof buf;) {
				uint32_t cp;
				j += utf8_decode(w + j, wl - j, &cp);
				o += utf8_encode(u_toupper(cp), buf + o);
			}
			push_token(c, buf, o, c->flags[i] & (TOK_SENT_START | TOK_LINE_START), c->gold[i]);
		}
	}
	new_doc(c);
	c->ndoc--;
	c->doc_first[c->ndoc] = c->ntok;
}

static void
read_conll(const char *path, struct corpus *c, int capitals)
{
	FILE *f = fopen(path, "r");
	char line[4096];
	int sent_start = 1;

	if (!f) {
		perror(path);
		exit(2);
	}
	memset(c, 0, sizeof *c);
	new_doc(c);
	while (fgets(line, sizeof line, f)) {
		size_t n = strcspn(line, "\r\n");
		line[n] = 0;
		if (n == 0) {
			sent_start = 1;
			continue;
		}
		if (strncmp(line, "-DOCSTART-", 10) == 0) {
			new_doc(c);
			sent_start = 1;
			continue;
		}
		char *sp = strchr(line, ' ');
		char *last = strrchr(line, ' ');
		if (!sp || !last)
			continue;
		push_token(c, line, (size_t)(sp - line),
		    sent_start ? TOK_SENT_START | TOK_LINE_START : 0, tag_of(last + 1));
		sent_start = 0;
	}
	fclose(f);
	new_doc(c);
	c->ndoc--;              /* the last entry marks the end */
	c->doc_first[c->ndoc] = c->ntok;
	if (capitals)
		add_capitals(c);
	/* Headlines as the tokenizer marks them at run time. */
	struct token *tv = NULL;
	for (size_t k = 0; k < c->ndoc; k++) {
		size_t a = c->doc_first[k], b = c->doc_first[k + 1];
		tv = xrealloc(tv, (b - a + 1) * sizeof *tv);
		for (size_t i = a; i < b; i++)
			tv[i - a].flags = c->flags[i];
		token_mark_headlines(tv, b - a);
		for (size_t i = a; i < b; i++)
			c->flags[i] = tv[i - a].flags;
	}
	free(tv);
}

static struct ner_doc *
prepare(const struct corpus *c, const struct gazetteer *g, const struct wordclass *wc, size_t alone_every)
{
	struct ner_doc *docs = xrealloc(NULL, (c->ndoc ? c->ndoc : 1) * sizeof *docs);
	memset(docs, 0, (c->ndoc ? c->ndoc : 1) * sizeof *docs);
	for (size_t k = 0; k < c->ndoc; k++) {
		for (size_t i = c->doc_first[k]; i < c->doc_first[k + 1]; i++)
			ner_doc_add(&docs[k], c->text + c->tok_off[i], c->tok_len[i], c->flags[i]);
		/*
		 * Text often comes in short pieces, where a word has no other
		 * places to tell of: some training documents are seen so.
		 */
		docs[k].alone = alone_every && k % alone_every == alone_every - 1;
		feat_prepare(&docs[k], g, wc);
	}
	return docs;
}

/* Entity F1 over exact spans and kinds, CoNLL style, per kind. */
struct score {
	size_t tp[NER_KINDS], pred[NER_KINDS], gold[NER_KINDS];
};

static int
ends_here(const int *t, size_t i, size_t n)
{
	return t[i] != NER_O && (i + 1 == n || t[i + 1] != NER_INSIDE(NER_KIND(t[i])));
}

static void
score_doc(const int *pred, const int *gold, size_t n, struct score *s)
{
	size_t ps = 0, gs = 0;
	for (size_t i = 0; i < n; i++) {
		int pb = pred[i] != NER_O && (pred[i] <= NER_KINDS || i == 0 ||
		    NER_KIND(pred[i - 1]) != NER_KIND(pred[i]) || pred[i - 1] == NER_O);
		int gb = gold[i] != NER_O && gold[i] <= NER_KINDS;
		if (pb)
			ps = i;
		if (gb)
			gs = i;
		if (ends_here(pred, i, n)) {
			s->pred[NER_KIND(pred[i])]++;
			if (ends_here(gold, i, n) && gs == ps && NER_KIND(gold[i]) == NER_KIND(pred[i]))
				s->tp[NER_KIND(pred[i])]++;
		}
		if (ends_here(gold, i, n))
			s->gold[NER_KIND(gold[i])]++;
	}
}

/* The F1 of kind k, or of all when k is NER_KINDS; *gold gets the names to find. */
static double
f1(const struct score *s, int k, size_t *gold)
{
	size_t tp = 0, pred = 0;
	*gold = 0;
	for (int j = 0; j < NER_KINDS; j++)
		if (j == k || k == NER_KINDS) {
			tp += s->tp[j];
			pred += s->pred[j];
			*gold += s->gold[j];
		}
	double p = pred ? (double)tp / pred : 0, r = *gold ? (double)tp / *gold : 0;
	return p + r > 0 ? 200 * p * r / (p + r) : 0;
}

/* Scores the documents k of c with k % every == rest (every 1: all) into s. */
static void
score_docs(struct pct_model *m, const struct corpus *c, struct ner_doc *docs, size_t every,
    size_t rest, struct score *s)
{
	int *tags = xrealloc(NULL, (c->ntok + 1) * sizeof *tags);
	for (size_t k = rest; k < c->ndoc; k += every) {
		size_t a = c->doc_first[k];
		tagger_run(m, &docs[k], tags + a, NULL, NULL);
		score_doc(tags + a, c->gold + a, docs[k].n, s);
	}
	free(tags);
}

static double
evaluate(struct pct_model *m, const struct corpus *c, struct ner_doc *docs)
{
	struct score s;
	memset(&s, 0, sizeof s);
	size_t gold;
	score_docs(m, c, docs, 1, 0, &s);
	return f1(&s, NER_KINDS, &gold);
}

/*
 * A model trained on the documents of c (prepared as docs) but those k
 * with k % folds == out (folds 0: all of them).
 */
static struct pct_model *
train_model(const struct corpus *c, struct ner_doc *docs, int epochs, unsigned min_count,
    size_t folds, size_t out, unsigned long seed, clock_t t0)
{
	struct pct_model *m = pct_new();
	size_t *order = xrealloc(NULL, (c->ndoc + 1) * sizeof *order), ndoc = 0;
	for (size_t k = 0; k < c->ndoc; k++)
		if (!folds || k % folds != out)
			order[ndoc++] = k;
	for (size_t j = 0; j < ndoc; j++)
		tagger_count(m, &docs[order[j]], c->gold + c->doc_first[order[j]]);
	pct_keep_frequent(m, min_count);
	fprintf(stderr, "train_ner: %zu features seen at least %u times\n", pct_features(m), min_count);

	int *tags = xrealloc(NULL, (c->ntok + 1) * sizeof *tags);
	unsigned long rng = seed;
	for (int e = 0; e < epochs; e++) {
		/* A fixed-seed shuffle: the same data gives the same weights. */
		for (size_t k = ndoc; k > 1; k--) {
			rng = rng * 6364136223846793005ul + 1442695040888963407ul;
			size_t j = (size_t)(rng >> 33) % k, t = order[k - 1];
			order[k - 1] = order[j];
			order[j] = t;
		}
		size_t wrong = 0;
		for (size_t k = 0; k < ndoc; k++) {
			size_t d = order[k], a = c->doc_first[d];
			wrong += tagger_run(m, &docs[d], tags + a, c->gold + a, NULL);
		}
		fprintf(stderr, "train_ner: epoch %d: %zu tokens wrong (%.1fs)\n", e + 1, wrong,
		    (double)(clock() - t0) / CLOCKS_PER_SEC);
	}
	pct_average(m);
	free(order);
	free(tags);
	return m;
}

/*
 * The mean of models learnt in orders seed, seed + 1, ...: a model learnt
 * in one order depends on that order by some tenths of F1 (README).
 */
static struct pct_model *
train_mean(const struct corpus *c, struct ner_doc *docs, int epochs, unsigned min_count,
    size_t folds, size_t out, unsigned long seed, unsigned orders, clock_t t0)
{
	struct pct_model *m = train_model(c, docs, epochs, min_count, folds, out, seed, t0);

	for (unsigned k = 1; k < orders; k++) {
		struct pct_model *o = train_model(c, docs, epochs, min_count, folds, out, seed + k, t0);

		if (pct_add(m, o) != 0) {
			fprintf(stderr, "train_ner: models of one data learnt other features\n");
			exit(1);
		}
		pct_free(o);
	}
	if (orders > 1)
		pct_scale(m, 1.0f / (float)orders);
	return m;
}

int
main(int argc, char **argv)
{
	struct corpus train, dev;
	int epochs = getenv("NER_EPOCHS") ? atoi(getenv("NER_EPOCHS")) : 12;
	unsigned min_count = getenv("NER_MIN_COUNT") ? (unsigned)atoi(getenv("NER_MIN_COUNT")) : 2;
	float min_abs = getenv("NER_MIN_WEIGHT") ? (float)atof(getenv("NER_MIN_WEIGHT")) : 0.01f;
	size_t folds = getenv("NER_FOLDS") ? (size_t)atoi(getenv("NER_FOLDS")) : 0;
	unsigned long seed = getenv("NER_SEED") ? strtoul(getenv("NER_SEED"), NULL, 10) : 12345;
	unsigned orders = getenv("NER_ORDERS") ? (unsigned)atoi(getenv("NER_ORDERS")) : 1;
	clock_t t0 = clock();
	struct wordclass *wc = NULL;
	unsigned char *cbytes = NULL;
	size_t clen;
	int opt;

	while ((opt = getopt(argc, argv, "c:")) != -1) {
		if (opt != 'c')
			goto usage;
		if (wc)
			wordclass_free(wc);
		free(cbytes);
		cbytes = read_file(optarg, &clen);
		if ((wc = wordclass_load(cbytes, clen)) == NULL) {
			fprintf(stderr, "train_ner: %s: not a word classes file\n", optarg);
			return 1;
		}
	}
	argc -= optind - 1;
	argv += optind - 1;
	if (argc < 3 || argc > 4) {
usage:
		fputs("usage: train_ner [-c CLASSES] TRAIN.conll OUT.bin [DEV.conll]\n", stderr);
		return 2;
	}
	struct gazetteer *g = gaz_new();
	if (!wc)
		wc = wordclass_builtin();
	read_conll(argv[1], &train, getenv("NER_CAPITALS") != NULL);
	struct ner_doc *docs = prepare(&train, g, wc, getenv("NER_ALONE") ? (size_t)atoi(getenv("NER_ALONE")) : 2);
	struct ner_doc *dev_docs = NULL;
	if (argc == 4) {
		read_conll(argv[3], &dev, 0);
		dev_docs = prepare(&dev, g, wc, 0);
	}
	fprintf(stderr, "train_ner: %zu documents, %zu tokens\n", train.ndoc, train.ntok);

	if (folds > 1) {
		/* Kept out of training, scored as text is met: every word's places in the document. */
		struct ner_doc *whole = prepare(&train, g, wc, 0);
		struct score sc;
		memset(&sc, 0, sizeof sc);
		for (size_t k = 0; k < folds; k++) {
			struct pct_model *m = train_mean(&train, docs, epochs, min_count, folds, k, seed, orders, t0);
			score_docs(m, &train, whole, folds, k, &sc);
			pct_free(m);
		}
		static const char *const names[NER_KINDS + 1] = { "PER", "ORG", "LOC", "MISC", "ALL" };
		for (int k = 0; k <= NER_KINDS; k++) {
			size_t gold;
			double f = f1(&sc, k, &gold);
			printf("%-5s %6.2f %6zu\n", names[k], f, gold);
		}
		return 0;
	}
	struct pct_model *m = train_mean(&train, docs, epochs, min_count, 0, 0, seed, orders, t0);
	if (dev_docs)
		fprintf(stderr, "train_ner: dev entity F1 %.2f\n", evaluate(m, &dev, dev_docs));

	FILE *out = fopen(argv[2], "wb");
	if (!out || pct_save(m, out, min_abs) != 0 || fclose(out) != 0) {
		perror(argv[2]);
		return 2;
	}
	fprintf(stderr, "train_ner: wrote %s (%.1fs)\n", argv[2], (double)(clock() - t0) / CLOCKS_PER_SEC);
	if (dev_docs) {
		/* What ships is pruned and quantised: score that too. */
		size_t len;
		unsigned char *bytes = read_file(argv[2], &len);
		struct pct_model *shipped = pct_load(bytes, len);
		if (shipped)
			fprintf(stderr, "train_ner: %zu features kept; dev entity F1 of the file %.2f\n",
			    pct_features(shipped), evaluate(shipped, &dev, dev_docs));
		pct_free(shipped);
		free(bytes);
	}
	return 0;
}
