/*
 * train_attrib: learns the weights with which nquote chooses the speaker
 * of a quotation (lib/speaker.h) and finds reported speech
 * (lib/reported.h), from PolNeAR's annotated articles, and measures them
 * on articles they did not learn from.
 *
 *   train_attrib [-e epochs] [-k folds] [-x held.jsonl] train.jsonl speaker.bin reported.bin source.bin
 *       span.bin [dev.jsonl]
 *
 * train.jsonl: one article a line, {"doc_id", "text", "quotes": [{"type",
 * "segments": [[start, end], ...], "speaker_start", "speaker_end"}],
 * "indirect": [{"cue_start", "cue_end", "content_start", "content_end", "speaker_start",
 * "speaker_end"}]},
 * offsets in characters.  Articles whose doc_id is in held.jsonl are left
 * out of training.  With -k, the figures are also cross-validated over k
 * folds of the training articles.  The speakers' figure is the share of
 * quotations whose chosen mention matches the annotated speaker as neval
 * judges it (the last word of either among the other's), for the rules
 * and the ranker; reported speech's is the F1 of the reporting words, and
 * its sources' the share of reports whose chosen source ends on a word of
 * the annotated one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../lib/attrib.h"
#include "../lib/perceptron.h"
#include "../lib/reported.h"
#include "../lib/speaker.h"
#include "../lib/utf8.h"
#include "../lib/wordclass.h"
#include "../lib/xalloc.h"

/* ------------------------------------------------------------ a small JSON reader */

enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
	int type;
	double num;
	char *str;              /* J_STR: UTF-8, NUL-terminated; J_OBJ: unused */
	size_t len;
	struct jv *kid;         /* J_ARR, J_OBJ: the values */
	char **key;             /* J_OBJ: their names */
	size_t n;
};

struct jparse {
	const char *s;
	size_t i, n;
	int bad;
};

static void
skip_ws(struct jparse *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' ||
	    p->s[p->i] == '\r'))
		p->i++;
}

static unsigned
hex4(struct jparse *p)
{
	unsigned v = 0;

	for (int k = 0; k < 4; k++) {
		char c = p->i < p->n ? p->s[p->i++] : 0;

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			p->bad = 1;
	}
	return v;
}

static char *
read_string(struct jparse *p, size_t *len)
{
	char *o = xmalloc(p->n - p->i + 1);
	size_t k = 0;

	p->i++;         /* the opening mark */
	while (p->i < p->n && p->s[p->i] != '"') {
		char c = p->s[p->i++];

		if (c != '\\') {
			o[k++] = c;
			continue;
		}
		c = p->i < p->n ? p->s[p->i++] : 0;
		switch (c) {
		case 'n': o[k++] = '\n'; break;
		case 't': o[k++] = '\t'; break;
		case 'r': o[k++] = '\r'; break;
		case 'b': o[k++] = '\b'; break;
		case 'f': o[k++] = '\f'; break;
		case 'u': {
			unsigned cp = hex4(p);

			if (cp >= 0xd800 && cp < 0xdc00 && p->i + 1 < p->n && p->s[p->i] == '\\' &&
			    p->s[p->i + 1] == 'u') {
				p->i += 2;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (hex4(p) - 0xdc00);
			}
			k += utf8_encode(cp, o + k);
			break;
		}
		default: o[k++] = c;
		}
	}
	p->i++;
	o[k] = 0;
	*len = k;
	return o;
}

static void
read_value(struct jparse *p, struct jv *v)
{
	memset(v, 0, sizeof *v);
	skip_ws(p);
	if (p->i >= p->n) {
		p->bad = 1;
		return;
	}
	char c = p->s[p->i];

	if (c == '"') {
		v->type = J_STR;
		v->str = read_string(p, &v->len);
	} else if (c == '[' || c == '{') {
		size_t cap = 0;

		v->type = c == '[' ? J_ARR : J_OBJ;
		p->i++;
		for (;;) {
			skip_ws(p);
			if (p->i < p->n && (p->s[p->i] == ']' || p->s[p->i] == '}')) {
				p->i++;
				break;
			}
			if (p->i >= p->n || p->bad) {
				p->bad = 1;
				break;
			}
			if (v->n == cap) {
				cap = cap ? 2 * cap : 8;
				v->kid = xrealloc(v->kid, cap * sizeof *v->kid);
				if (v->type == J_OBJ)
					v->key = xrealloc(v->key, cap * sizeof *v->key);
			}
			if (v->type == J_OBJ) {
				size_t kl;

				if (p->s[p->i] != '"') {
					p->bad = 1;
					break;
				}
				v->key[v->n] = read_string(p, &kl);
				skip_ws(p);
				if (p->i < p->n && p->s[p->i] == ':')
					p->i++;
			}
			read_value(p, &v->kid[v->n++]);
			skip_ws(p);
			if (p->i < p->n && p->s[p->i] == ',')
				p->i++;
		}
	} else if (c == 't' || c == 'f' || c == 'n') {
		v->type = c == 'n' ? J_NULL : J_BOOL;
		v->num = c == 't';
		while (p->i < p->n && p->s[p->i] >= 'a' && p->s[p->i] <= 'z')
			p->i++;
	} else {
		char *end;

		v->type = J_NUM;
		v->num = strtod(p->s + p->i, &end);
		if (end == p->s + p->i)
			p->bad = 1;
		p->i = (size_t)(end - p->s);
	}
}

static void
jv_free(struct jv *v)
{
	for (size_t k = 0; k < v->n; k++) {
		jv_free(&v->kid[k]);
		if (v->key)
			free(v->key[k]);
	}
	free(v->kid);
	free(v->key);
	free(v->str);
}

static const struct jv *
jv_get(const struct jv *v, const char *name)
{
	if (v == NULL || v->type != J_OBJ)
		return NULL;
	for (size_t k = 0; k < v->n; k++)
		if (strcmp(v->key[k], name) == 0)
			return &v->kid[k];
	return NULL;
}

/* ------------------------------------------------------------ the articles */

struct quote {
	size_t s, e;            /* bytes: the first segment (inside the marks) */
	size_t ss, se;          /* bytes: the speaker as written (ss == se: none) */
};

struct report {
	size_t cs, ce;          /* bytes: the reporting words */
	size_t ss, se;          /* bytes: the source as written (ss == se: none) */
	size_t ts, te;          /* bytes: the reported words */
	int cls;                /* enum rs_class */
};

struct article {
	char *id;
	char *text;
	size_t len;
	struct quote *q;
	size_t nq;
	struct report *r;
	size_t nr;
};

/* The byte offset of each character offset of text. */
static size_t *
char_offsets(const char *text, size_t len, size_t *nchars)
{
	size_t *at = xmalloc((len + 2) * sizeof *at), n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)text[i] & 0xc0) != 0x80)
			at[n++] = i;
	at[n] = len;
	*nchars = n;
	return at;
}

static size_t
byte_at(const size_t *at, size_t nchars, double c)
{
	size_t k = c < 0 ? 0 : (size_t)c;

	return at[k < nchars ? k : nchars];
}

static char *
read_line(FILE *f, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	char *s = xmalloc(cap);
	int c;

	while ((c = getc(f)) != EOF && c != '\n') {
		if (n + 1 == cap)
			s = xrealloc(s, cap *= 2);
		s[n++] = (char)c;
	}
	if (c == EOF && n == 0) {
		free(s);
		return NULL;
	}
	s[n] = 0;
	*len = n;
	return s;
}

static size_t
read_articles(const char *path, struct article **out)
{
	FILE *f = fopen(path, "r");
	size_t n = 0, cap = 0, len;
	char *line;

	if (!f) {
		perror(path);
		exit(1);
	}
	*out = NULL;
	while ((line = read_line(f, &len)) != NULL) {
		struct jparse p = { line, 0, len, 0 };
		struct jv v;

		read_value(&p, &v);
		const struct jv *id = jv_get(&v, "doc_id"), *text = jv_get(&v, "text"),
		    *quotes = jv_get(&v, "quotes");

		if (p.bad || !id || id->type != J_STR || !text || text->type != J_STR) {
			fprintf(stderr, "%s: line %zu is not an article\n", path, n + 1);
			exit(1);
		}
		if (n == cap)
			*out = xrealloc(*out, (cap = cap ? 2 * cap : 64) * sizeof **out);

		struct article *a = &(*out)[n++];
		size_t nchars, *at = char_offsets(text->str, text->len, &nchars);

		a->id = id->str;
		((struct jv *)id)->str = NULL;     /* kept: the article owns it now */
		a->text = xmalloc(text->len + 1);
		memcpy(a->text, text->str, text->len + 1);
		a->len = text->len;
		a->nq = 0;
		size_t qcap = 16;

		a->q = xmalloc(qcap * sizeof *a->q);
		for (size_t k = 0; quotes && quotes->type == J_ARR && k < quotes->n; k++) {
			const struct jv *q = &quotes->kid[k], *type = jv_get(q, "type"),
			    *seg = jv_get(q, "segments"), *ss = jv_get(q, "speaker_start"),
			    *se = jv_get(q, "speaker_end");

			if (!type || type->type != J_STR || (strcmp(type->str, "direct") != 0 &&
			    strcmp(type->str, "mixed") != 0))
				continue;
			if (!seg || seg->type != J_ARR)
				continue;
			/* each segment is a quotation of its own, with the same speaker */
			for (size_t g = 0; g < seg->n; g++) {
				if (seg->kid[g].type != J_ARR || seg->kid[g].n != 2)
					continue;
				if (a->nq == qcap)
					a->q = xrealloc(a->q, (qcap *= 2) * sizeof *a->q);
				struct quote *x = &a->q[a->nq++];

				x->s = byte_at(at, nchars, seg->kid[g].kid[0].num);
				x->e = byte_at(at, nchars, seg->kid[g].kid[1].num);
				x->ss = x->se = 0;
				if (ss && se && ss->type == J_NUM && se->type == J_NUM) {
					x->ss = byte_at(at, nchars, ss->num);
					x->se = byte_at(at, nchars, se->num);
				}
			}
		}
		const struct jv *ind = jv_get(&v, "indirect");

		a->nr = 0;
		a->r = xcalloc(ind && ind->type == J_ARR ? ind->n + 1 : 1, sizeof *a->r);
		for (size_t k = 0; ind && ind->type == J_ARR && k < ind->n; k++) {
			const struct jv *cs = jv_get(&ind->kid[k], "cue_start"), *ce = jv_get(&ind->kid[k], "cue_end"),
			    *ts = jv_get(&ind->kid[k], "content_start"), *te = jv_get(&ind->kid[k], "content_end");

			if (!cs || !ce || !ts || !te || cs->type != J_NUM || ce->type != J_NUM ||
			    ts->type != J_NUM || te->type != J_NUM)
				continue;
			struct report *r = &a->r[a->nr++];

			r->cs = byte_at(at, nchars, cs->num);
			r->ce = byte_at(at, nchars, ce->num);
			const struct jv *ss = jv_get(&ind->kid[k], "speaker_start"),
			    *se = jv_get(&ind->kid[k], "speaker_end");

			r->ss = r->se = 0;
			if (ss && se && ss->type == J_NUM && se->type == J_NUM) {
				r->ss = byte_at(at, nchars, ss->num);
				r->se = byte_at(at, nchars, se->num);
			}
			r->ts = byte_at(at, nchars, ts->num);
			r->te = byte_at(at, nchars, te->num);
			r->cls = ts->num >= ce->num ? RS_AFTER : te->num <= cs->num ? RS_BEFORE : RS_AROUND;
		}
		free(at);
		jv_free(&v);
		free(line);
	}
	fclose(f);
	return n;
}

/* ------------------------------------------------------------ examples */

struct example {
	size_t art;             /* the article */
	size_t c, n;            /* its candidates: cand[c .. c + n) */
};

struct cand {
	size_t f, nf;           /* features: feat[f .. f + nf) */
	int right;
	int written;            /* a mention, not the person in focus */
};

struct data {
	struct example *ex;
	size_t nex, capex;
	struct cand *cand;
	size_t ncand, capcand;
	uint32_t *feat;
	size_t nfeat, capfeat;
	const struct article *art;
	size_t cur;
	size_t unmatched;
};

/* The words of text[s..e), lowercased ASCII, as neval's lenient match reads them. */
static size_t
words_of(const char *text, size_t s, size_t e, char words[][32], size_t max)
{
	size_t n = 0, i = s;

	while (i < e && n < max) {
		while (i < e && !((unsigned char)text[i] >= 0x80 || (text[i] >= '0' && text[i] <= '9') ||
		    ((text[i] | 0x20) >= 'a' && (text[i] | 0x20) <= 'z')))
			i++;
		size_t k = 0;

		while (i < e && ((unsigned char)text[i] >= 0x80 || (text[i] >= '0' && text[i] <= '9') ||
		    ((text[i] | 0x20) >= 'a' && (text[i] | 0x20) <= 'z'))) {
			if (k < 31)
				words[n][k++] = (char)((text[i] >= 'A' && text[i] <= 'Z') ? text[i] | 0x20 : text[i]);
			i++;
		}
		if (k) {
			words[n][k] = 0;
			n++;
		}
	}
	/* "the minister" and "minister" are one speaker */
	size_t d = 0;

	while (d < n && (strcmp(words[d], "the") == 0 || strcmp(words[d], "a") == 0 ||
	    strcmp(words[d], "an") == 0))
		d++;
	if (d) {
		memmove(words, words + d, (n - d) * sizeof *words);
		n -= d;
	}
	return n;
}

static int
has_word(char w[][32], size_t n, const char *x)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(w[i], x) == 0)
			return 1;
	return 0;
}

/* Is the mention at [ps, pe) the annotated speaker's, as neval judges it? */
static int
names_speaker(const char *text, size_t gs, size_t ge, size_t ps, size_t pe)
{
	char g[24][32], p[24][32];
	size_t ng = words_of(text, gs, ge, g, 24), np = words_of(text, ps, pe, p, 24);

	return ng && np && (has_word(p, np, g[ng - 1]) || has_word(g, ng, p[np - 1]));
}

/* The annotated quotation that [s, e) (with its marks) overlaps by half, or NULL. */
static const struct quote *
gold_of(const struct article *a, size_t s, size_t e)
{
	for (size_t k = 0; k < a->nq; k++) {
		size_t lo = a->q[k].s > s ? a->q[k].s : s, hi = a->q[k].e < e ? a->q[k].e : e;
		size_t longer = a->q[k].e - a->q[k].s > e - s ? a->q[k].e - a->q[k].s : e - s;

		if (hi > lo && 2 * (hi - lo) >= longer)
			return &a->q[k];
	}
	return NULL;
}

static void
collect(void *ctx, size_t start, size_t end, const struct sp_set *set)
{
	struct data *d = ctx;
	const struct article *a = &d->art[d->cur];
	const struct quote *g = gold_of(a, start, end);

	if (g == NULL || g->se <= g->ss) {
		d->unmatched++;
		return;
	}
	if (d->nex == d->capex)
		d->ex = xrealloc(d->ex, (d->capex = d->capex ? 2 * d->capex : 1024) * sizeof *d->ex);

	struct example *x = &d->ex[d->nex++];
	int any = 0;

	x->art = d->cur;
	x->c = d->ncand;
	x->n = set->n;
	for (size_t i = 0; i < set->n; i++) {
		const struct sp_cand *c = &set->c[i];

		if (d->ncand == d->capcand)
			d->cand = xrealloc(d->cand, (d->capcand = d->capcand ? 2 * d->capcand : 4096) *
			    sizeof *d->cand);
		while (d->nfeat + c->nf > d->capfeat)
			d->feat = xrealloc(d->feat, (d->capfeat = d->capfeat ? 2 * d->capfeat : 65536) *
			    sizeof *d->feat);

		struct cand *k = &d->cand[d->ncand++];

		k->f = d->nfeat;
		k->nf = c->nf;
		memcpy(d->feat + d->nfeat, set->feat + c->f, c->nf * sizeof *d->feat);
		d->nfeat += c->nf;
		k->written = c->me > c->ms;
		k->right = c->me > c->ms && names_speaker(a->text, g->ss, g->se, c->ms, c->me);
		any |= k->right;
	}
	/* nobody written near it is the speaker: the person the text is about */
	for (size_t i = 0; i < set->n; i++)
		if (set->c[i].me == set->c[i].ms)
			d->cand[x->c + i].right = !any;
}

/* ------------------------------------------------------------ the ranker */

static size_t
best_of(const struct pct_model *m, const struct data *d, const struct example *x, int right_only)
{
	size_t best = x->n;
	float top = 0;

	for (size_t i = 0; i < x->n; i++) {
		const struct cand *c = &d->cand[x->c + i];
		float s[PCT_CLASSES] = { 0 };

		if (right_only && !c->right)
			continue;
		pct_score(m, d->feat + c->f, c->nf, s);
		if (best == x->n || s[0] > top) {
			top = s[0];
			best = i;
		}
	}
	return best;
}

/* Does training learn from article art: not in the held fold (held < 0: none) nor skipped? */
static int
learns_from(size_t art, int folds, int held, const char *const *skip)
{
	return !(held >= 0 && (int)(art % (size_t)folds) == held) && !skip[art];
}

/* Is article art scored: in fold (fold < 0: any), and among in (NULL: all)? */
static int
scored(size_t art, int folds, int fold, const char *const *in)
{
	return (fold < 0 || (int)(art % (size_t)folds) == fold) && (in == NULL || in[art]);
}

/* Puts order[0..n) in a random order that depends only on *seed (xorshift). */
static void
shuffle(size_t *order, size_t n, uint64_t *seed)
{
	for (size_t i = n; i > 1; i--) {
		*seed ^= *seed << 13;
		*seed ^= *seed >> 7;
		*seed ^= *seed << 17;
		size_t j = (size_t)(*seed % i), t = order[i - 1];

		order[i - 1] = order[j];
		order[j] = t;
	}
}

/* Learns from the examples whose article's fold is not held (fold < 0: all). */
static struct pct_model *
train(const struct data *d, int epochs, int folds, int held, const char *const *skip)
{
	struct pct_model *m = pct_new();
	size_t *order = xmalloc(d->nex * sizeof *order), n = 0;

	for (size_t i = 0; i < d->nex; i++) {
		if (!learns_from(d->ex[i].art, folds, held, skip))
			continue;
		order[n++] = i;
		for (size_t k = 0; k < d->ex[i].n; k++) {
			const struct cand *c = &d->cand[d->ex[i].c + k];

			pct_count(m, d->feat + c->f, c->nf);
		}
	}
	pct_keep_frequent(m, 2);

	uint64_t seed = 0x2545F4914F6CDD1Du;

	for (int e = 0; e < epochs; e++) {
		shuffle(order, n, &seed);
		for (size_t i = 0; i < n; i++) {
			const struct example *x = &d->ex[order[i]];
			size_t guess = best_of(m, d, x, 0), truth = best_of(m, d, x, 1);

			pct_tick(m);
			if (truth == x->n || d->cand[x->c + guess].right)
				continue;
			const struct cand *t = &d->cand[x->c + truth], *g = &d->cand[x->c + guess];

			pct_nudge(m, d->feat + t->f, t->nf, 0, 1.0f);
			pct_nudge(m, d->feat + g->f, g->nf, 0, -1.0f);
		}
	}
	pct_average(m);
	free(order);
	return m;
}

/* Of the examples of fold (fold < 0: those in in, or all), the share whose rules' and ranker's choices are right. */
static void
score(const struct pct_model *m, const struct data *d, int folds, int fold, const char *const *in,
    size_t *n, size_t *rule_ok, size_t *rank_ok)
{
	for (size_t i = 0; i < d->nex; i++) {
		const struct example *x = &d->ex[i];

		if (!scored(x->art, folds, fold, in))
			continue;
		(*n)++;
		*rule_ok += d->cand[x->c].right && d->cand[x->c].written;
		if (m) {
			const struct cand *c = &d->cand[x->c + best_of(m, d, x, 0)];

			*rank_ok += c->right && c->written;
		}
	}
}

/* Runs a, which reports to its tracer, over the articles (*cur: the one it reads), then frees it. */
static void
run_articles(struct attrib *a, const struct article *arts, size_t n, size_t *cur)
{
	const struct attribution *out;

	for (size_t i = 0; i < n; i++) {
		*cur = i;
		attrib_doc_begin(a);
		attrib_find(a, arts[i].text, arts[i].len, 0, &out);
	}
	attrib_free(a);
}

static void
gather(struct data *d, const struct article *arts, size_t n)
{
	struct attrib *a = attrib_new(0);

	memset(d, 0, sizeof *d);
	d->art = arts;
	attrib_trace(a, collect, d);
	run_articles(a, arts, n, &d->cur);
}

static void
report(const char *what, size_t n, size_t rule_ok, size_t rank_ok)
{
	fprintf(stderr, "train_attrib: %s: %zu quotations, mention right: rules %.2f, ranker %.2f\n",
	    what, n, n ? 100.0 * (double)rule_ok / (double)n : 0.0, n ? 100.0 * (double)rank_ok / (double)n : 0.0);
}

/* ------------------------------------------------------------ reported speech */

struct words {
	uint32_t *feat;
	size_t nfeat, capfeat;
	struct word { size_t f, nf, art, tok; int cls; } *w;
	size_t n, cap;
	const struct article *art;
	size_t cur;
	struct data src;        /* each report's candidate sources, for the source ranker */
	struct data span;       /* each report's candidate beginnings and ends, for the span ranker */
	struct rs_sources cand, starts, ends;
	const struct wordclass *wc;
	const struct pct_model *const *tagger;  /* the tagger of article art: tagger[art % ntagger] */
	size_t ntagger;
};

/* The word that stands for the cue of report r: its first but auxiliaries and adverbs ("has also said"). */
static size_t
cue_word(const struct rs_sentence *s, const struct report *r)
{
	size_t head = SIZE_MAX;

	for (size_t j = 0; j < s->n; j++) {
		if (s->t[j].s < r->cs || s->t[j].s >= r->ce || s->first[j + 1] == s->first[j])
			continue;
		if (head == SIZE_MAX || s->t[head].wc == W_AUX)
			head = j;
	}
	return head;
}

/* Adds the choice among cand whose right one is cand[right] (SIZE_MAX: none, and no example) to x. */
static void
add_example(struct data *x, const struct rs_sources *cand, size_t right, size_t art)
{
	if (right == SIZE_MAX)
		return;
	if (x->nex == x->capex)
		x->ex = xrealloc(x->ex, (x->capex = x->capex ? 2 * x->capex : 4096) * sizeof *x->ex);
	while (x->ncand + cand->n > x->capcand)
		x->cand = xrealloc(x->cand, (x->capcand = x->capcand ? 2 * x->capcand : 65536) * sizeof *x->cand);
	while (x->nfeat + cand->nfeat > x->capfeat)
		x->feat = xrealloc(x->feat, (x->capfeat = x->capfeat ? 2 * x->capfeat : 1 << 20) * sizeof *x->feat);

	struct example *e = &x->ex[x->nex++];

	e->art = art;
	e->c = x->ncand;
	e->n = cand->n;
	for (size_t i = 0; i < cand->n; i++) {
		struct cand *c = &x->cand[x->ncand++];

		c->f = x->nfeat + cand->first[i];
		c->nf = cand->first[i + 1] - cand->first[i];
		c->right = i == right;
		c->written = 1;
	}
	memcpy(x->feat + x->nfeat, cand->feat, cand->nfeat * sizeof *x->feat);
	x->nfeat += cand->nfeat;
}

/* The candidate sources of the report r, whose cue is t[head], when its source is one of them. */
static void
collect_sources(struct words *d, const struct rs_sentence *s, const struct report *r, size_t head)
{
	size_t right = SIZE_MAX;

	if (r->se <= r->ss)
		return;
	rs_source_candidates(&d->cand, s, head, (enum rs_class)r->cls, d->wc);
	/* the source's last word, as neval matches sources */
	for (size_t i = 0; i < d->cand.n; i++) {
		const struct tok *w = &s->t[d->cand.word[i]];

		if (w->s >= r->ss && w->e <= r->se)
			right = i;
	}
	add_example(&d->src, &d->cand, right, d->cur);
}

/*
 * The candidate beginnings and ends of the words that the report r,
 * whose cue is t[head], reports, within t[lo..hi) (where the tagger's
 * other reporting words leave off, as nquote bounds them), when the
 * annotated ones are among them.
 */
static void
collect_span(struct words *d, const struct rs_sentence *s, const struct report *r, size_t head, size_t lo,
    size_t hi)
{
	const struct tok *t = s->t;
	size_t right = SIZE_MAX;
	/* the annotated words' first and last word */
	size_t first = SIZE_MAX, last = SIZE_MAX;

	for (size_t k = 0; k < s->n; k++)
		if (t[k].type == T_WORD && t[k].s >= r->ts && t[k].e <= r->te) {
			if (first == SIZE_MAX)
				first = k;
			last = k;
		}
	if (first == SIZE_MAX)
		return;
	rs_span_candidates(&d->starts, &d->ends, s, head, (enum rs_class)r->cls, lo, hi, d->wc);
	for (size_t k = 0; k < d->starts.n; k++)
		if (d->starts.word[k] == first)
			right = k;
	add_example(&d->span, &d->starts, right, d->cur);
	right = SIZE_MAX;
	for (size_t k = 0; k < d->ends.n; k++)
		if (d->ends.word[k] == last + 1)
			right = k;
	add_example(&d->span, &d->ends, right, d->cur);
}

/* Is t[k] a word of report r's reporting words? */
static int
in_cue(const struct tok *t, size_t k, const struct report *r)
{
	return t[k].s >= r->cs && t[k].s < r->ce;
}

static void
collect_words(void *ctx, const struct rs_sentence *s)
{
	struct words *d = ctx;
	const struct article *a = &d->art[d->cur];

	for (size_t j = 0; j < s->n; j++) {
		size_t nf = s->first[j + 1] - s->first[j];

		if (nf == 0)
			continue;
		if (d->n == d->cap)
			d->w = xrealloc(d->w, (d->cap = d->cap ? 2 * d->cap : 65536) * sizeof *d->w);
		while (d->nfeat + nf > d->capfeat)
			d->feat = xrealloc(d->feat, (d->capfeat = d->capfeat ? 2 * d->capfeat : 1 << 20) *
			    sizeof *d->feat);

		struct word *w = &d->w[d->n++];

		w->f = d->nfeat;
		w->nf = nf;
		w->art = d->cur;
		w->tok = j;
		w->cls = RS_NONE;
		for (size_t k = 0; k < a->nr; k++)
			if (cue_word(s, &a->r[k]) == j)
				w->cls = a->r[k].cls;
		memcpy(d->feat + d->nfeat, s->feat + s->first[j], nf * sizeof *d->feat);
		d->nfeat += nf;
	}
	for (size_t k = 0; k < a->nr; k++) {
		size_t head = cue_word(s, &a->r[k]);

		if (head != SIZE_MAX)
			collect_sources(d, s, &a->r[k], head);
	}
}

/*
 * The span examples of a sentence: each annotated report's words bounded
 * as nquote bounds them, by the reporting words that the tagger of its
 * fold (one that did not learn from the article) finds around it, and the
 * next one's source where it stands between.
 */
static void
collect_spans(void *ctx, const struct rs_sentence *s)
{
	struct words *d = ctx;
	const struct article *a = &d->art[d->cur];
	const struct tok *t = s->t;
	struct rs_cue c[8];
	size_t nc = rs_cues(s, d->tagger[d->cur % d->ntagger], c, 8), done[64], ndone = 0;

	for (size_t k = 0; k < a->nr; k++) {
		const struct report *r = &a->r[k];
		size_t head = cue_word(s, r), lo = 0, hi = s->n, i;

		for (i = 0; i < ndone && done[i] != head; i++)
			;
		if (head == SIZE_MAX || i < ndone || ndone == 64)
			continue;
		done[ndone++] = head;
		for (i = 0; i < nc; i++) {
			if (in_cue(t, c[i].word, r) || c[i].word == head)
				continue;
			if (c[i].word < head)
				lo = c[i].word + 1;
			else {
				hi = c[i].word;
				break;
			}
		}
		/* the next report's words begin where its speaker does */
		for (size_t x = 0; i < nc && x < a->nr; x++) {
			const struct report *next = &a->r[x];

			if (!in_cue(t, c[i].word, next) || next->se <= next->ss)
				continue;
			for (size_t m = head + 1; m < hi; m++)
				if (t[m].s >= next->ss && t[m].s < next->se) {
					hi = m;
					break;
				}
		}
		collect_span(d, s, r, head, lo, hi);
	}
}

static void
gather_words(struct words *d, const struct article *arts, size_t n)
{
	struct attrib *a = attrib_new(ATTRIB_INDIRECT);

	memset(d, 0, sizeof *d);
	d->art = arts;
	d->wc = wordclass_builtin();
	d->src.art = arts;
	d->span.art = arts;
	attrib_trace_reported(a, collect_words, d);
	run_articles(a, arts, n, &d->cur);
}

/* The span examples of the articles, bounded by what tagger[art % ntagger] finds; frees d's word classes. */
static void
gather_spans(struct words *d, const struct article *arts, size_t n, const struct pct_model *const *tagger,
    size_t ntagger)
{
	struct attrib *a = attrib_new(ATTRIB_INDIRECT);

	d->tagger = tagger;
	d->ntagger = ntagger;
	attrib_trace_reported(a, collect_spans, d);
	run_articles(a, arts, n, &d->cur);
	wordclass_free((struct wordclass *)d->wc);
	d->wc = NULL;
}

static int
class_of(const struct pct_model *m, const struct words *d, const struct word *w)
{
	float s[PCT_CLASSES] = { 0 };
	int best = 0;

	pct_score(m, d->feat + w->f, w->nf, s);
	for (int c = 1; c < RS_CLASSES; c++)
		if (s[c] > s[best])
			best = c;
	return best;
}

static struct pct_model *
train_words(const struct words *d, int epochs, int folds, int held, const char *const *skip)
{
	struct pct_model *m = pct_new();
	size_t *order = xmalloc(d->n * sizeof *order), n = 0;

	for (size_t i = 0; i < d->n; i++) {
		const struct word *w = &d->w[i];

		if (!learns_from(w->art, folds, held, skip))
			continue;
		order[n++] = i;
		pct_count(m, d->feat + w->f, w->nf);
	}
	pct_keep_frequent(m, 2);

	uint64_t seed = 0x9E3779B97F4A7C15u;

	for (int e = 0; e < epochs; e++) {
		shuffle(order, n, &seed);
		for (size_t i = 0; i < n; i++) {
			const struct word *w = &d->w[order[i]];

			pct_tick(m);
			pct_update(m, d->feat + w->f, w->nf, w->cls, class_of(m, d, w));
		}
	}
	pct_average(m);
	free(order);
	return m;
}

/* The shifts of "none" that the tagger's threshold is chosen among (rs_lean), and each one's counts. */
#define LEANS 41
#define LEAN_STEP 0.25f

struct lean_counts {
	size_t tp[LEANS], fp[LEANS], fn[LEANS];
};

/* Adds to c what m would find in the words of fold but the skipped articles', "none" shifted by each lean in turn. */
static void
tally_leans(const struct pct_model *m, const struct words *d, int folds, int fold, const char *const *skip,
    struct lean_counts *c)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct word *w = &d->w[i];
		float s[PCT_CLASSES] = { 0 };
		int best = RS_NONE + 1;

		if (!scored(w->art, folds, fold, NULL) || skip[w->art])
			continue;
		pct_score(m, d->feat + w->f, w->nf, s);
		for (int k = best + 1; k < RS_CLASSES; k++)
			if (s[k] > s[best])
				best = k;
		for (int l = 0; l < LEANS; l++) {
			int found = s[best] + (float)l * LEAN_STEP > s[RS_NONE];

			c->tp[l] += found && best == w->cls;
			c->fp[l] += found && best != w->cls;
			c->fn[l] += w->cls != RS_NONE && !(found && best == w->cls);
		}
	}
}

/* The lean of c whose F1 is best (0 when c counts nothing). */
static float
best_lean(const struct lean_counts *c)
{
	int best = 0;
	double top = -1;

	for (int l = 0; l < LEANS; l++) {
		double f = c->tp[l] ? 2.0 * (double)c->tp[l] / (double)(2 * c->tp[l] + c->fp[l] + c->fn[l]) : 0;

		if (f > top + 1e-12) {
			top = f;
			best = l;
		}
	}
	fprintf(stderr, "train_attrib: the folds' reporting words F1 %.2f at lean %.2f (%.2f at 0)\n", 100 * top,
	    (double)best * LEAN_STEP, c->tp[0] ? 200.0 * (double)c->tp[0] / (double)(2 * c->tp[0] + c->fp[0] + c->fn[0]) : 0.0);
	return (float)best * LEAN_STEP;
}

/* The F1 of the reporting words (and their class) of the articles in fold (fold < 0: those in in, or all). */
static void
score_words(const struct pct_model *m, const struct words *d, int folds, int fold, const char *const *in,
    const char *what)
{
	size_t tp = 0, fp = 0, fn = 0;

	for (size_t i = 0; i < d->n; i++) {
		const struct word *w = &d->w[i];

		if (!scored(w->art, folds, fold, in))
			continue;
		int c = class_of(m, d, w);

		tp += c != RS_NONE && c == w->cls;
		fp += c != RS_NONE && c != w->cls;
		fn += w->cls != RS_NONE && c != w->cls;
	}
	double p = tp + fp ? (double)tp / (double)(tp + fp) : 0, r = tp + fn ? (double)tp / (double)(tp + fn) : 0;

	fprintf(stderr, "train_attrib: %s: reporting words P %.2f R %.2f F1 %.2f\n", what, 100 * p, 100 * r,
	    p + r > 0 ? 200 * p * r / (p + r) : 0.0);
}

/* The share of choices (each report's source, its words' beginning or end) made as annotated. */
static void
score_choices(const struct pct_model *m, const struct data *d, int folds, int fold, const char *const *in,
    const char *what, const char *noun)
{
	size_t n = 0, rule_ok = 0, rank_ok = 0;

	score(m, d, folds, fold, in, &n, &rule_ok, &rank_ok);
	fprintf(stderr, "train_attrib: %s: %zu %s right %.2f\n", what, n, noun,
	    n ? 100.0 * (double)rank_ok / (double)n : 0.0);
}

static int
save(const struct pct_model *m, const char *path)
{
	FILE *out = fopen(path, "wb");

	if (!out || pct_save(m, out, 1e-3f) != 0 || fclose(out) != 0) {
		perror(path);
		return -1;
	}
	return 0;
}

/*
 * A ranker of the choices d: its figures on each fold, then learnt from
 * all but the held articles (held: there are some), with its figures on
 * them and on dev's choices dd (NULL: none); saved to path.
 */
static int
learn_ranker(const struct data *d, const struct data *dd, int epochs, int folds, const char *const *skip,
    int held, const char *noun, const char *path)
{
	struct pct_model *m;

	for (int f = 0; f < folds; f++) {
		char what[64];

		m = train(d, epochs, folds, f, skip);
		snprintf(what, sizeof what, "fold %d of %d", f + 1, folds);
		score_choices(m, d, folds, f, NULL, what, noun);
		pct_free(m);
	}
	m = train(d, epochs, 1, -1, skip);
	if (held)
		score_choices(m, d, 1, -1, skip, "held articles", noun);
	if (dd)
		score_choices(m, dd, 1, -1, NULL, "dev", noun);
	int r = save(m, path);

	pct_free(m);
	return r;
}

int
main(int argc, char **argv)
{
	int epochs = 8, folds = 0;
	const char *held_path = NULL;
	int c;

	while ((c = getopt(argc, argv, "e:k:x:")) != -1) {
		switch (c) {
		case 'e': epochs = atoi(optarg); break;
		case 'k': folds = atoi(optarg); break;
		case 'x': held_path = optarg; break;
		default: goto usage;
		}
	}
	if (argc - optind < 5 || argc - optind > 6 || epochs < 1 || folds < 0 || folds == 1)
		goto usage;

	struct article *arts, *held = NULL, *dev = NULL;
	size_t narts = read_articles(argv[optind], &arts), nheld = 0, ndev = 0;
	const char **skip = xcalloc(narts, sizeof *skip);

	if (held_path) {
		nheld = read_articles(held_path, &held);
		for (size_t i = 0; i < narts; i++)
			for (size_t k = 0; k < nheld; k++)
				if (strcmp(arts[i].id, held[k].id) == 0)
					skip[i] = "held";
	}
	if (argc - optind == 6)
		ndev = read_articles(argv[optind + 5], &dev);

	/* speakers */
	struct data d, dd;

	gather(&d, arts, narts);
	for (int f = 0; f < folds; f++) {
		size_t n = 0, rule_ok = 0, rank_ok = 0;
		struct pct_model *m = train(&d, epochs, folds, f, skip);
		char what[64];

		score(m, &d, folds, f, NULL, &n, &rule_ok, &rank_ok);
		pct_free(m);
		snprintf(what, sizeof what, "fold %d of %d", f + 1, folds);
		report(what, n, rule_ok, rank_ok);
	}

	struct pct_model *m = train(&d, epochs, 1, -1, skip);
	size_t n = 0, rule_ok = 0, rank_ok = 0;

	if (held_path) {
		score(m, &d, 1, -1, skip, &n, &rule_ok, &rank_ok);
		report("held articles", n, rule_ok, rank_ok);
	}
	if (dev) {
		n = rule_ok = rank_ok = 0;
		gather(&dd, dev, ndev);
		score(m, &dd, 1, -1, NULL, &n, &rule_ok, &rank_ok);
		report("dev", n, rule_ok, rank_ok);
	}
	if (save(m, argv[optind + 1]) != 0)
		return 1;
	pct_free(m);

	/* reported speech */
	struct words w, wd;

	/* its threshold: the one that does best on the folds, each tagged by a model that did not learn from it */
	struct lean_counts leans;

	memset(&leans, 0, sizeof leans);
	gather_words(&w, arts, narts);

	struct pct_model **by_fold = xcalloc(folds > 0 ? (size_t)folds : 1, sizeof *by_fold);

	for (int f = 0; f < folds; f++) {
		char what[64];

		by_fold[f] = train_words(&w, epochs, folds, f, skip);
		snprintf(what, sizeof what, "fold %d of %d", f + 1, folds);
		score_words(by_fold[f], &w, folds, f, NULL, what);
		tally_leans(by_fold[f], &w, folds, f, skip, &leans);
	}
	float lean = best_lean(&leans);

	m = train_words(&w, epochs, 1, -1, skip);
	rs_lean(m, lean);
	for (int f = 0; f < folds; f++)
		rs_lean(by_fold[f], lean);
	if (folds == 0)
		by_fold[0] = m;
	if (held_path)
		score_words(m, &w, 1, -1, skip, "held articles");
	if (dev) {
		gather_words(&wd, dev, ndev);
		score_words(m, &wd, 1, -1, NULL, "dev");
		gather_spans(&wd, dev, ndev, (const struct pct_model *const *)&m, 1);
	}
	/* the spans' bounds as the tagger finds them on articles it did not learn from */
	gather_spans(&w, arts, narts, (const struct pct_model *const *)by_fold, folds > 0 ? (size_t)folds : 1);
	if (save(m, argv[optind + 2]) != 0)
		return 1;
	for (int f = 0; f < folds; f++)
		pct_free(by_fold[f]);
	free(by_fold);
	pct_free(m);

	/* the sources of reported speech, where its words begin and end */
	if (learn_ranker(&w.src, dev ? &wd.src : NULL, epochs, folds, skip, held_path != NULL,
	    "reports with a source in their sentence, source", argv[optind + 3]) != 0 ||
	    learn_ranker(&w.span, dev ? &wd.span : NULL, epochs, folds, skip, held_path != NULL,
	    "bounds of reported words,", argv[optind + 4]) != 0)
		return 1;
	return 0;
usage:
	fputs("usage: train_attrib [-e epochs] [-k folds] [-x held.jsonl] train.jsonl speaker.bin reported.bin "
	    "source.bin span.bin [dev.jsonl]\n", stderr);
	return 2;
}
