#include "attrib.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "entity.h"
#include "lexicon.h"
#include "quote.h"
#include "attrib_tok.h"
#include "perceptron.h"
#include "reported.h"
#include "sorted.h"
#include "speaker.h"
#include "wordclass.h"
#include "utf8.h"
#include "xalloc.h"

extern const unsigned char data_cues_txt[];
extern const size_t data_cues_txt_len;

#define MAX_TOKS 160
#define INHERIT_FOCUS (-2)

/*
 * The classes of cues.txt by the lowercased bytes of a word: looking a
 * word up costs one hash of two machine words rather than decoding and
 * folding it character by character.  Longer words, and words with
 * other than ASCII bytes, go to the lexicon, which folds them.
 */
#define WORD_MAX 16
#define WORD_FILTER 8192

struct word_slot {
	uint64_t key[2];        /* the lowercased key, zero-padded */
	unsigned char len;      /* 0: empty */
	unsigned char wc;       /* enum wclass */
};

struct word_table {
	struct word_slot *slot;
	size_t mask;
	uint64_t seen[WORD_FILTER / 64];        /* a bit per hash of the keys: most words miss here */
	int ascii;              /* every key is ASCII: the table answers for ASCII words */
};

/* What the document has told of one entity so far. */
struct person {
	enum entity_type type;
	int seen;
	char role[120];         /* the roles the text gave it, lowercased, space-separated */
	size_t rolelen;
	size_t last_met;        /* its last mention, counted from 1 (attrib's met) */
};

/* A moment where the discourse is about someone. */
struct event {
	size_t pos;
	int id;
};

/*
 * Where the paragraphs of the text being read start and end, found once
 * rather than by a walk over the paragraph for each quotation or name.
 * It grows as far as the questions reach, and starts afresh for another
 * text (or the same bytes read with lines as paragraphs or not).
 */
struct para_index {
	const char *text;
	int lines;
	size_t done;            /* text[0..done) is indexed */
	size_t *starts;         /* the paragraphs' starts, in order */
	size_t nstarts, capstarts;
	struct para_break {
		size_t first, last;     /* the break's first and last line break */
	} *breaks;
	size_t nbreaks, capbreaks;
};

struct attrib {
	unsigned flags;
	const struct lexicon *lx;       /* cues.txt, the tables' */
	struct quote_finder *qf;
	struct entity_finder *ef;
	struct entity *ents;    /* the piece's mentions, offsets within the piece */
	size_t nents, capents;
	struct person *people;
	size_t npeople;
	struct event *events;   /* in order of position, a gap at evgap (add_event) */
	size_t nevents, capevents, evgap;
	int *met;               /* the ids of the last RECENT_PEOPLE mentions, a ring */
	size_t nmet;            /* the mentions met in this document */
	struct attribution *out;
	unsigned char *ranked;  /* per out: the ranker chose its mention over the rules' */
	size_t nout, capout;
	size_t *order;          /* out in the order of the text */
	size_t caporder;
	size_t *title_run;      /* for a title or scare quote in out: where its run of them begins */
	size_t captitle_run;
	char *held;             /* pieces not yet given to the name finder */
	size_t held_len, held_cap;
	struct held_piece { size_t at, len, base; } *pieces;
	size_t npieces, cappieces;
	size_t base;
	const char *text;
	size_t len;
	int lines;              /* every line break is a paragraph break */
	struct region {
		size_t s, e;
		int discourse;  /* a mention here needs who the text is about */
	} *regions;             /* what the name finder reads */
	size_t nregions, capregions;
	const struct word_table *words; /* the tables' */
	struct para_index *paras;
	struct tok toks[MAX_TOKS];
	const struct pct_model *ranker; /* chooses each speaker (speaker.h) */
	const struct wordclass *classes;        /* the name finder's */
	struct sp_set cands;
	attrib_trace_fn *trace;
	void *trace_ctx;
	const struct pct_model *reporter;       /* finds reported speech (reported.h) */
	struct attrib_tables *own;      /* tables to free with it, or NULL */
	struct rs_sentence sentence;
	struct pct_model *sourcer;      /* and who reports it */
	struct rs_sources sources;
	struct pct_model *spanner;      /* and where the reported words begin and end */
	struct rs_sources starts, ends;
	attrib_reported_fn *trace_reported;
};

static void words_build(struct word_table *w, const char *data, size_t len);

struct attrib_tables {
	struct entity_tables *names;
	struct pct_model *ranker, *reporter, *sourcer, *spanner;
	struct lexicon *cues;
	struct word_table words;
};

struct attrib_tables *
attrib_tables_new(void)
{
	struct attrib_tables *t = xcalloc(1, sizeof *t);

	t->names = entity_tables_new();
	t->ranker = sp_model_builtin();
	t->reporter = rs_model_builtin();
	t->sourcer = rs_source_model_builtin();
	t->spanner = rs_span_model_builtin();
	t->cues = lexicon_build(data_cues_txt, data_cues_txt_len, LEX_FOLD_CASE);
	words_build(&t->words, (const char *)data_cues_txt, data_cues_txt_len);
	return t;
}

void
attrib_tables_free(struct attrib_tables *t)
{
	if (t == NULL)
		return;
	entity_tables_free(t->names);
	pct_free(t->ranker);
	pct_free(t->reporter);
	pct_free(t->sourcer);
	pct_free(t->spanner);
	lexicon_free(t->cues);
	free(t->words.slot);
	free(t);
}

struct attrib *
attrib_new_on(unsigned flags, struct attrib_tables *tables)
{
	struct attrib *a = xcalloc(1, sizeof *a);
	struct entity_finder *ef = entity_finder_on(tables->names);

	a->flags = flags;
	a->lx = tables->cues;
	a->words = &tables->words;
	a->qf = quote_finder_new();
	a->ef = ef;
	a->paras = xcalloc(1, sizeof *a->paras);
	a->ranker = tables->ranker;
	a->reporter = tables->reporter;
	a->sourcer = tables->sourcer;
	a->spanner = tables->spanner;
	a->classes = entity_classes(ef);
	return a;
}

struct attrib *
attrib_new(unsigned flags)
{
	struct attrib_tables *t = attrib_tables_new();
	struct attrib *a = attrib_new_on(flags, t);

	a->own = t;
	return a;
}

void
attrib_free(struct attrib *a)
{
	if (a == NULL)
		return;
	rs_sources_free(&a->sources);
	rs_sources_free(&a->starts);
	rs_sources_free(&a->ends);
	rs_sentence_free(&a->sentence);
	sp_set_free(&a->cands);
	quote_finder_free(a->qf);
	entity_finder_free(a->ef);
	attrib_tables_free(a->own);     /* after the finder that reads them */
	free(a->people);
	free(a->met);
	free(a->events);
	free(a->ents);
	free(a->out);
	free(a->ranked);
	free(a->held);
	free(a->pieces);
	free(a->order);
	free(a->title_run);
	free(a->regions);
	free(a->paras->starts);
	free(a->paras->breaks);
	free(a->paras);
	free(a);
}

void
attrib_doc_begin(struct attrib *a)
{
	entity_doc_begin(a->ef);
	a->npieces = 0;
	a->held_len = 0;
	for (size_t i = 0; i < a->npeople; i++)
		a->people[i].seen = 0;
	a->nevents = 0;
	a->evgap = 0;
	a->nmet = 0;
}

const char *
attrib_kind_name(enum quote_kind k)
{
	static const char *names[] = { "direct", "partial", "scare", "title", "indirect" };

	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "direct";
}

/* ------------------------------------------------------------ words */

/* The class of a value of cues.txt: class names told apart by length and first letters. */
static enum wclass
class_named(const char *v, size_t vl)
{
	switch (vl) {
	case 1:
		return v[0] == 'm' ? W_MALE : v[0] == 'f' ? W_FEMALE : v[0] == 'n' ? W_THING :
		    v[0] == 'p' ? W_PLURAL : v[0] == 'i' ? W_FIRST : W_NONE;
	case 3:
		return v[0] == 'c' ? W_CUE : v[0] == 'a' ? W_AUX : v[0] == 'd' ? W_DEF : W_NONE;
	case 4:
		return v[0] == 's' ? W_STOP : v[0] == 'a' ? W_ABBR : v[0] == 'b' ? W_BODY : W_NONE;
	case 5:
		return v[0] == 'i' && v[1] == 'n' && v[2] == 'd' ? W_INDEF :
		    v[0] == 'i' ? W_INTRO : v[0] == 'l' ? W_LABEL : W_NONE;
	case 6:
		return v[0] == 'p' ? W_PERSON : v[0] == 'm' ? W_MEDIUM : W_NONE;
	}
	return W_NONE;
}

/*
 * Lowercases the ASCII word s[0..n), n <= WORD_MAX, into key, byte i at
 * bits 8 * (i % 8) of key[i / 8] (built in registers: bytes stored one by
 * one and read back as a word would stall); 0 when it holds other bytes.
 */
static int
word_key(const char *s, size_t n, uint64_t key[2])
{
	uint64_t k[2] = { 0, 0 };
	unsigned char any = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];

		any |= b;
		b = (unsigned char)(b | ((unsigned char)(b - 'A') < 26) << 5);
		k[i / 8] |= (uint64_t)b << (8 * (i % 8));
	}
	key[0] = k[0];
	key[1] = k[1];
	return any < 0x80;
}

/* ASCII capitals of the eight bytes x made small; other bytes kept. */
static uint64_t
lower8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101u;
	uint64_t upper = (x + ones * (0x80 - 'A')) & ~(x + ones * (0x80 - 'Z' - 1)) & ~x & ones * 0x80;

	return x | upper >> 2;
}

/*
 * word_key with two loads instead of a loop, where sixteen bytes can be
 * read from s (end is where the text stops) and memory holds a word's
 * first byte lowest, as word_key lays keys out.
 */
static int
word_key_at(const char *s, size_t n, const char *end, uint64_t key[2])
{
	static const union { uint16_t u; unsigned char c[2]; } order = { 1 };
	uint64_t w[2];

	if (!order.c[0] || end - s < 16)
		return word_key(s, n, key);
	memcpy(w, s, sizeof w);
	if (n < 16)
		w[1] &= n > 8 ? ~(uint64_t)0 >> (8 * (16 - n)) : 0;
	if (n < 8)
		w[0] &= ~(uint64_t)0 >> (8 * (8 - n));
	key[0] = lower8(w[0]);
	key[1] = lower8(w[1]);
	return ((w[0] | w[1]) & 0x8080808080808080u) == 0;
}

static uint64_t
key_hash(const uint64_t key[2], size_t n)
{
	return (key[0] * 0x9E3779B97F4A7C15u) ^ (key[1] * 0xC2B2AE3D27D4EB4Fu) ^ n;
}

/* The slot of key: its own, or the empty one where it would go. */
static struct word_slot *
words_slot(const struct word_table *w, const uint64_t key[2], size_t n)
{
	size_t i = (size_t)(key_hash(key, n) >> 40) & w->mask;

	while (w->slot[i].len && (w->slot[i].len != n || w->slot[i].key[0] != key[0] ||
	    w->slot[i].key[1] != key[1]))
		i = (i + 1) & w->mask;
	return &w->slot[i];
}

/* Builds the table from the lines of cues.txt, as the lexicon reads them (the first of duplicates wins). */
static void
words_build(struct word_table *w, const char *data, size_t len)
{
	size_t lines = 0, slots = 64;

	for (size_t i = 0; i < len; i++)
		lines += data[i] == '\n';
	while (slots < 4 * (lines + 1))
		slots *= 2;
	w->slot = xcalloc(slots, sizeof *w->slot);
	w->mask = slots - 1;
	w->ascii = 1;
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len, tab = i;

		if (end > i && data[end - 1] == '\r')
			end--;
		while (tab < end && data[tab] != '\t')
			tab++;
		if (tab > i && data[i] != '#') {
			uint64_t key[2];
			size_t n = tab - i;

			if (n > WORD_MAX) {
				for (size_t c = i; c < tab; c++)
					if ((unsigned char)data[c] >= 0x80)
						w->ascii = 0;
			} else if (!word_key(data + i, n, key)) {
				w->ascii = 0;
			} else {
				struct word_slot *sl = words_slot(w, key, n);

				if (!sl->len) {
					uint64_t h = key_hash(key, n) >> 51;

					w->seen[h / 64] |= (uint64_t)1 << (h % 64);
					sl->key[0] = key[0];
					sl->key[1] = key[1];
					sl->len = (unsigned char)n;
					sl->wc = (unsigned char)class_named(data + tab + (tab < end),
					    end - tab - (tab < end));
				}
			}
		}
		i = nl ? (size_t)(nl - data) + 1 : len;
	}
}

static enum wclass
word_class(const struct attrib *a, const char *s, size_t n)
{
	const char *v;
	size_t vl;

	if (n > 1 && s[n - 1] == '.')
		n--;
	if (n > 2 && s[n - 2] == '\'' && s[n - 1] == 's')
		n -= 2;
	else if (n > 4 && memcmp(s + n - 4, "\xe2\x80\x99s", 4) == 0)
		n -= 4;
	if (n == 0)
		return W_NONE;
	if (a->words->ascii && n <= WORD_MAX) {
		uint64_t key[2];

		if (word_key_at(s, n, a->text + a->len, key)) {
			uint64_t h = key_hash(key, n) >> 51;

			if (!(a->words->seen[h / 64] >> (h % 64) & 1))
				return W_NONE;
			const struct word_slot *sl = words_slot(a->words, key, n);

			return sl->len ? (enum wclass)sl->wc : W_NONE;
		}
	}
	if (!lexicon_find(a->lx, s, n, &v, &vl))
		return W_NONE;
	return class_named(v, vl);
}

static int
is_joiner(uint32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == '-' || cp == '.' || cp == '&' || cp == 0x2010;
}

/* The character at s[i] (before hi): ASCII without a call, the rest decoded. */
static inline size_t
char_at(const char *s, size_t i, size_t hi, uint32_t *cp)
{
	unsigned char b = (unsigned char)s[i];

	if (b < 0x80) {
		*cp = b;
		return 1;
	}
	return utf8_decode(s + i, hi - i, cp);
}

static inline int
is_alnum(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
	return u_isalnum(cp);
}

static inline int
is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	return u_isspace(cp);
}

/*
 * Splits text[lo..hi) into words, punctuation and quotation marks, at
 * most max of them.  A word keeps its inner apostrophes, hyphens and
 * dots ("U.S", "Clinton’s"), and the dot after an abbreviation or an
 * initial.
 */
static size_t
tokenize(struct attrib *a, size_t lo, size_t hi, struct tok *t, size_t max)
{
	const char *s = a->text;
	size_t i = lo, n = 0;

	while (i < hi && n < max) {
		uint32_t cp;
		size_t k = char_at(s, i, hi, &cp);

		if (is_space(cp)) {
			i += k;
			continue;
		}
		struct tok *x = &t[n++];

		x->s = i;
		x->ch = cp;
		x->wc = W_NONE;
		x->cap = 0;
		if (is_alnum(cp)) {
			size_t j = i + k;

			x->type = T_WORD;
			x->cap = cp < 0x80 ? cp >= 'A' && cp <= 'Z' : u_isupper(cp) != 0;
			while (j < hi) {
				uint32_t c2, c3;
				size_t k2 = char_at(s, j, hi, &c2);

				if (is_alnum(c2)) {
					j += k2;
					continue;
				}
				if (is_joiner(c2) && j + k2 < hi) {
					char_at(s, j + k2, hi, &c3);
					if (is_alnum(c3)) {
						j += k2;
						continue;
					}
				}
				break;
			}
			x->e = j;
			x->wc = word_class(a, s + i, j - i);
			if (j < hi && s[j] == '.') {
				int initial = x->cap && j - i == 1;
				int dotted = memchr(s + i, '.', j - i) != NULL;

				if (initial || dotted || x->wc == W_ABBR)
					x->e = j + 1;
			}
			i = x->e;
			continue;
		}
		x->e = i + k;
		x->type = (u_quote(cp) & U_QUOTE_DOUBLE) ? T_QUOTE : T_PUNCT;
		i += k;
	}
	return n;
}

static int
tok_is(const struct attrib *a, const struct tok *t, const char *w)
{
	size_t n = strlen(w);

	if (t->type != T_WORD || t->e - t->s != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = a->text[t->s + i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[i])
			return 0;
	}
	return 1;
}

static int
is_cue(const struct tok *t)
{
	return t->type == T_WORD && t->wc == W_CUE && !t->cap;
}

static int
ends_sentence(const struct tok *t, size_t i, size_t n)
{
	if (t[i].type != T_PUNCT || !(t[i].ch == '.' || t[i].ch == '!' || t[i].ch == '?'))
		return 0;
	if (i + 1 < n && t[i + 1].type == T_PUNCT && (t[i + 1].ch == ')' || t[i + 1].ch == ','))
		return 0;       /* "(D-Md.)" */
	return i + 1 >= n || t[i + 1].type != T_WORD || t[i + 1].cap;
}

/* May a speaker phrase start with this word? */
static int
opens_mention(const struct tok *t)
{
	return t->type == T_WORD &&
	    (t->cap || is_pronoun(t) || t->wc == W_DEF || t->wc == W_INDEF || t->wc == W_PERSON);
}

/* The speaker phrase that follows an inverted cue ("said the minister"). */
static size_t
phrase_after(const struct tok *t, size_t i, size_t n, size_t *end)
{
	size_t j = i, name = i;

	if (i < n && t[i].type == T_WORD && !opens_mention(&t[i]) && t[i].wc == W_NONE) {
		/* "said former secretary of state Hillary Clinton": role words, then the name */
		size_t k = i;

		while (k < n && k < i + 5 && t[k].type == T_WORD && !t[k].cap && t[k].wc != W_STOP)
			k++;
		if (k == i || k >= n || t[k].type != T_WORD || !t[k].cap)
			return 0;
		name = k;
	} else if (i >= n || !opens_mention(&t[i])) {
		return 0;
	}
	while (j < n && j - i < 10 && t[j].type == T_WORD && t[j].wc != W_STOP &&
	    !(t[j].wc == W_CUE && !t[j].cap && j >= name))
		j++;
	*end = j;
	return j - i;
}

/*
 * The speaker phrase that ends just before t[j] ("the Russian diplomat"
 * reiterated), over adverbs, an apposition ("Morial, the chief executive
 * of the league, told") and "who".
 */
static size_t
phrase_before(const struct attrib *a, const struct tok *t, size_t lo, size_t j, size_t *begin)
{
	size_t e = j, b;

	while (e > lo && t[e - 1].type == T_WORD && t[e - 1].wc == W_AUX)
		e--;
	/* "I laughed and said": the subject of the first verb */
	if (e > lo + 2 && tok_is(a, &t[e - 1], "and") && t[e - 2].type == T_WORD && !t[e - 2].cap &&
	    t[e - 2].wc == W_NONE && t[e - 2].e - t[e - 2].s > 3 &&
	    memcmp(a->text + t[e - 2].e - 2, "ed", 2) == 0)
		e -= 2;
	if (e > lo + 1 && tok_is(a, &t[e - 1], "who") && t[e - 2].type == T_PUNCT && t[e - 2].ch == ',')
		e -= 2;
	if (e > lo + 1 && t[e - 1].type == T_PUNCT && (t[e - 1].ch == ',' || t[e - 1].ch == ')')) {
		uint32_t open = t[e - 1].ch == ')' ? '(' : ',';
		size_t x = e - 1;

		for (;;) {
			size_t seg = x;

			while (x > lo && e - x < 25 && !(t[x - 1].type == T_PUNCT && t[x - 1].ch == open) &&
			    !is_cue(&t[x - 1]) && t[x - 1].type != T_QUOTE)
				x--;
			/* "of Elizabeth, Colorado,": a place's parts, not a name in commas */
			if (open != ',' || seg - x != 1 || !t[x].cap || x < lo + 2 || !t[x - 2].cap ||
			    t[x - 2].type != T_WORD || e - x >= 25)
				break;
			size_t y = x - 1;

			while (y > lo && t[y - 1].type == T_WORD && t[y - 1].cap)
				y--;
			if (y == lo || !(t[y - 1].type == T_WORD && !t[y - 1].cap))
				break;
			x = y;
		}
		if (x > lo + 1 && t[x - 1].type == T_PUNCT && t[x - 1].ch == open && t[x - 2].type == T_WORD &&
		    t[x - 2].cap) {
			/* "His former partner, Lawrence B. Cummings, called": the name in commas */
			if (open == ',' && x < e - 1 && t[x].cap && t[x].wc == W_NONE && t[e - 2].cap) {
				size_t k = x;

				while (k < e - 1 && t[k].type == T_WORD && (t[k].cap || t[k].wc == W_ABBR))
					k++;
				if (k == e - 1) {
					*begin = x;
					return e - 1 - x;
				}
			}
			e = x - 1;
		} else if (open == ',' && x > lo + 1 && x + 2 <= e - 1 && t[x - 1].type == T_PUNCT &&
		    t[x - 1].ch == ',' && t[x - 2].type == T_WORD && !t[x - 2].cap &&
		    (t[x - 2].wc == W_PERSON || t[x - 2].wc == W_NONE)) {
			/* "Another critic, Laurence H. Tribe, likened": the name in commas */
			size_t k = x;

			while (k < e - 1 && t[k].type == T_WORD && (t[k].cap || t[k].wc == W_ABBR))
				k++;
			if (k == e - 1) {
				*begin = x;
				return e - 1 - x;
			}
		}
	}
	b = e;
	if (e > lo && is_pronoun(&t[e - 1])) {
		*begin = e - 1;
		return 1;
	}
	while (b > lo && e - b < 10) {
		const struct tok *x = &t[b - 1];

		if (x->type != T_WORD || x->wc == W_STOP || x->wc == W_INTRO || is_cue(x) || is_pronoun(x))
			break;
		if (x->wc == W_DEF || x->wc == W_INDEF) {
			b--;
			break;
		}
		if (x->cap || x->wc == W_PERSON || x->wc == W_ABBR) {
			b--;
			continue;
		}
		/* a lowercase word belongs to a description that a determiner opens */
		size_t k = b - 1;
		int det = 0;

		while (k > lo && b - k < 6 && t[k - 1].type == T_WORD && t[k - 1].wc != W_STOP) {
			if (t[k - 1].wc == W_DEF || t[k - 1].wc == W_INDEF) {
				det = 1;
				break;
			}
			k--;
		}
		if (!det)
			break;
		b--;
	}
	while (b < e && !opens_mention(&t[b]))
		b++;
	*begin = b;
	return e - b;
}

/*
 * Does the capitalised word t[b] open a phrase before the subject rather
 * than name it: an adverb ("Once in my twenties, I"), a word before a
 * preposition ("Here in Columbia, Sanders"), a participle ("Preceded at
 * the lectern by Arpaio, Trump")?  A name is followed by its other parts
 * or a verb, not by those.
 */
static int
opens_phrase(const struct attrib *a, const struct tok *t, size_t b, size_t n)
{
	size_t w = t[b].e - t[b].s;
	const char *x = a->text + t[b].s;

	if (!t[b].cap || b + 1 >= n || t[b + 1].type != T_WORD || t[b + 1].cap)
		return 0;
	if (t[b].wc == W_AUX || t[b + 1].wc == W_STOP)
		return 1;
	return (w > 5 && memcmp(x + w - 3, "ing", 3) == 0) || (w > 5 && memcmp(x + w - 2, "ed", 2) == 0);
}

/* The end of the lowercase role words from t[k], max at most: "campaign manager" */
static size_t
role_words_end(const struct tok *t, size_t k, size_t n, size_t max)
{
	size_t e = k;

	while (e < n && e < k + max && t[e].type == T_WORD && !t[e].cap &&
	    (t[e].wc == W_NONE || t[e].wc == W_PERSON || t[e].wc == W_BODY))
		e++;
	return e;
}

/* The end of a name's words from t[k], five at most: "Robby Mook" */
static size_t
name_words_end(const struct tok *t, size_t k, size_t n)
{
	size_t e = k;

	while (e < n && e < k + 5 && t[e].type == T_WORD && t[e].cap && t[e].wc != W_STOP)
		e++;
	return e;
}

/* The subject a sentence opens with, past an opening phrase ("In Ohio, Trump"). */
static size_t
sentence_subject(const struct attrib *a, const struct tok *t, size_t ls, size_t n, size_t *begin, size_t *end)
{
	size_t b = ls, e;

	/* a dateline: "WASHINGTON, Dec. 8 (UPI) --", "Washington (AFP) -" */
	for (size_t c = b; c < n && c < b + 10 && b < n && t[b].cap; c++) {
		if (t[c].type == T_PUNCT && u_isdash(t[c].ch) && c > b) {
			b = c + 1;
			while (b < n && t[b].type == T_PUNCT && u_isdash(t[b].ch))
				b++;
			break;
		}
		if (t[c].type == T_QUOTE || (t[c].type == T_WORD && !t[c].cap && !u_isdigit(t[c].ch)))
			break;
	}
	if (b + 1 < n && t[b].type == T_WORD && t[b].wc == W_INTRO && t[b + 1].type == T_WORD)
		b++;            /* "But Sen. Pat Toomey refused" */
	if (b < n && t[b].type == T_WORD && (t[b].wc == W_STOP || t[b].wc == W_INTRO ||
	    opens_phrase(a, t, b, n))) {
		size_t c = b;

		while (c < n && c - b < 12 && !(t[c].type == T_PUNCT && t[c].ch == ','))
			c++;
		if (c < n && c - b < 12)
			b = c + 1;
	}
	e = b;
	while (e < n && e - b < 8 && t[e].type == T_WORD && t[e].wc != W_STOP && !is_cue(&t[e]) &&
	    (t[e].cap || t[e].wc == W_DEF || t[e].wc == W_INDEF || is_pronoun(&t[e]) ||
	    (e > b && (t[e - 1].wc == W_DEF || t[e - 1].wc == W_INDEF || t[e].wc == W_PERSON))))
		e++;
	if (e == b || !opens_mention(&t[b]))
		return 0;
	/*
	 * Role words between capitalised words lead to the name:
	 * "Democratic presidential nominee Hillary Clinton", "Hillary
	 * Clinton's campaign manager Robby Mook".
	 */
	if (t[e - 1].cap) {
		size_t k = role_words_end(t, e, n, 3), m = name_words_end(t, k, n);

		if (k > e && m - k >= 2)
			e = m;
	}
	*begin = b;
	*end = e;
	return e - b;
}

/* ------------------------------------------------------------ people */

/*
 * How many of the latest mentions known_by_last_word reads: a sentence
 * start costs the same on the thousandth page as on the first.
 */
#define RECENT_PEOPLE 512

/* The person of entity id, met in a mention of the text. */
static struct person *
person_of(struct attrib *a, int id)
{
	if (id < 0)
		return NULL;
	if ((size_t)id >= a->npeople) {
		size_t n = a->npeople ? a->npeople : 64;

		while (n <= (size_t)id)
			n *= 2;
		a->people = xrealloc(a->people, n * sizeof *a->people);
		memset(a->people + a->npeople, 0, (n - a->npeople) * sizeof *a->people);
		a->npeople = n;
	}
	if (a->met == NULL)
		a->met = xmalloc(RECENT_PEOPLE * sizeof *a->met);
	a->met[a->nmet % RECENT_PEOPLE] = id;
	a->people[id].last_met = ++a->nmet;
	return &a->people[id];
}

/*
 * The events stand in a gap buffer: the speakers that resolve_all adds
 * fall among the subjects already read, each after the one before, so
 * the gap moves forward with them rather than every later event moving
 * once per speaker.
 */
static struct event *
event_at(const struct attrib *a, size_t i)
{
	return &a->events[i < a->evgap ? i : i + (a->capevents - a->nevents)];
}

/* How many events stand before the document offset at: those before the gap, then after it. */
static size_t
events_before(const struct attrib *a, size_t at)
{
	size_t off = offsetof(struct event, pos), n = sorted_below(a->events, a->evgap, sizeof *a->events, off, at);

	if (n < a->evgap || a->events == NULL)
		return n;
	return n + sorted_below(a->events + a->evgap + (a->capevents - a->nevents), a->nevents - a->evgap,
	    sizeof *a->events, off, at);
}

/* How many of the piece's mentions, in order of start, start before pos. */
static size_t
ents_before(const struct attrib *a, size_t pos)
{
	return sorted_below(a->ents, a->nents, sizeof *a->ents, offsetof(struct entity, start), pos);
}

static void
add_event(struct attrib *a, size_t pos, int id)
{
	if (id < 0)
		return;
	if (a->nevents == a->capevents) {
		size_t cap = a->capevents ? 2 * a->capevents : 64, tail = a->nevents - a->evgap;

		a->events = xrealloc(a->events, cap * sizeof *a->events);
		memmove(a->events + cap - tail, a->events + a->evgap, tail * sizeof *a->events);
		a->capevents = cap;
	}
	/* keep them in order of position, after those at the same place: speakers arrive after subjects */
	size_t at = events_before(a, a->base + pos + 1), room = a->capevents - a->nevents;

	if (at < a->evgap)
		memmove(a->events + at + room, a->events + at, (a->evgap - at) * sizeof *a->events);
	else
		memmove(a->events + a->evgap, a->events + a->evgap + room, (at - a->evgap) * sizeof *a->events);
	a->events[at].pos = a->base + pos;
	a->events[at].id = id;
	a->evgap = at + 1;
	a->nevents++;
}

static void
note_role(struct attrib *a, struct person *p, size_t s, size_t e)
{
	for (size_t i = s; i < e && p->rolelen + 2 < sizeof p->role; i++) {
		char c = a->text[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (i == s && p->rolelen)
			p->role[p->rolelen++] = ' ';
		p->role[p->rolelen++] = c;
	}
}

static int
role_has(const struct attrib *a, const struct person *p, const struct tok *t)
{
	size_t n = t->e - t->s;

	if (n < 3)
		return 0;
	for (size_t i = 0; i + n <= p->rolelen; i++) {
		if ((i > 0 && p->role[i - 1] != ' ') || (i + n < p->rolelen && p->role[i + n] != ' '))
			continue;
		size_t k;

		for (k = 0; k < n; k++) {
			char c = a->text[t->s + k];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != p->role[i + k])
				break;
		}
		if (k == n)
			return 1;
	}
	return 0;
}

static int
gender_fits(const struct attrib *a, int id, enum wclass pron)
{
	enum entity_gender g = entity_gender_of(a->ef, id);

	if (pron == W_MALE)
		return g != GENDER_FEMALE;
	if (pron == W_FEMALE)
		return g != GENDER_MALE;
	return 1;
}

/*
 * Is entity id plausibly a person to refer back to: a known gender, or a
 * name of two words or more?  Keeps sentence-initial words that the name
 * finder took for people ("All", "Netflix") out of pronoun resolution.
 */
static int
looks_personal(const struct attrib *a, int id)
{
	size_t n;
	const char *c;

	if (entity_gender_of(a->ef, id) != GENDER_UNKNOWN)
		return 1;
	c = entity_canonical(a->ef, id, &n);
	return c != NULL && memchr(c, ' ', n) != NULL;
}

/*
 * How far back the questions "who was the text last about" look, in
 * events and in names: a pronoun or a description a page later names
 * someone nearer, and the search stays bounded however many people a
 * long text holds.
 */
#define RECENT 256

/* The person in focus before pos whose gender fits the pronoun. */
static int
focus(const struct attrib *a, size_t pos, enum wclass pron)
{
	size_t end = events_before(a, a->base + pos);

	for (size_t i = end; i > 0 && end - i < RECENT; i--) {
		const struct event *ev = event_at(a, i - 1);

		if (a->people[ev->id].type == ENT_PERSON && gender_fits(a, ev->id, pron) &&
		    looks_personal(a, ev->id))
			return ev->id;
	}
	/* no subject yet: the last person named */
	end = ents_before(a, pos);
	for (size_t i = end; i > 0 && end - i < RECENT; i--) {
		const struct entity *en = &a->ents[i - 1];

		if (en->type == ENT_PERSON && gender_fits(a, en->id, pron))
			return en->id;
	}
	return -1;
}

/* The organisation in focus before pos ("it", "they"). */
static int
focus_org(const struct attrib *a, size_t pos)
{
	size_t end = events_before(a, a->base + pos);

	for (size_t i = end; i > 0 && end - i < 4; i--) {
		const struct event *ev = event_at(a, i - 1);

		if (a->people[ev->id].type == ENT_ORG)
			return ev->id;
	}
	return -1;
}

/* Does the canonical name of id hold the word t ("the commission")? */
static int
name_has(const struct attrib *a, int id, const struct tok *t)
{
	size_t n, w = t->e - t->s;
	const char *c = entity_canonical(a->ef, id, &n);

	for (size_t i = 0; c != NULL && i + w <= n; i++) {
		if (i > 0 && c[i - 1] != ' ')
			continue;
		if (i + w < n && c[i + w] != ' ')
			continue;
		size_t k;

		for (k = 0; k < w; k++) {
			char x = c[i + k], y = a->text[t->s + k];

			if (x >= 'A' && x <= 'Z')
				x = (char)(x - 'A' + 'a');
			if (y >= 'A' && y <= 'Z')
				y = (char)(y - 'A' + 'a');
			if (x != y)
				break;
		}
		if (k == w)
			return 1;
	}
	return 0;
}

/* The person a description such as "the Russian diplomat" stands for. */
static int
describe(struct attrib *a, const struct tok *t, size_t b, size_t e, size_t pos)
{
	int best = -1, best_score = 0;
	size_t best_at = 0;

	/*
	 * Among the people of the last RECENT events and names before pos:
	 * a description a page later names someone nearer, and the search
	 * stays bounded however many people a long text holds.
	 */
	size_t lo = events_before(a, a->base + pos);

	for (size_t i = lo > RECENT ? lo - RECENT : 0; i < lo; i++) {
		const struct event *ev = event_at(a, i);
		const struct person *p = &a->people[ev->id];
		int score = 0;

		if (p->type != ENT_PERSON)
			continue;
		for (size_t k = b; k < e; k++)
			if (t[k].type == T_WORD && t[k].wc != W_DEF)
				score += role_has(a, p, &t[k]);
		if (score > best_score || (score == best_score && score > 0 && ev->pos >= best_at)) {
			best = ev->id;
			best_score = score;
			best_at = ev->pos;
		}
	}
	size_t upto = ents_before(a, pos);

	for (size_t i = upto > RECENT ? upto - RECENT : 0; i < upto; i++) {
		const struct entity *en = &a->ents[i];
		const struct person *p = &a->people[en->id];
		int score = 0;

		if (en->type != ENT_PERSON)
			continue;
		for (size_t k = b; k < e; k++)
			if (t[k].type == T_WORD && t[k].wc != W_DEF)
				score += role_has(a, p, &t[k]);
		if (score > best_score) {
			best = en->id;
			best_score = score;
		}
	}
	if (best >= 0)
		return best;
	for (size_t k = b; k < e; k++)
		if (t[k].wc == W_PERSON)
			return focus(a, pos, W_NONE);
	if (e > b && t[e - 1].wc == W_BODY) {
		/* "the commission": the organisation whose name holds the word */
		for (size_t i = lo; i > 0 && lo - i < RECENT; i--) {
			const struct event *ev = event_at(a, i - 1);

			if (a->people[ev->id].type == ENT_ORG && name_has(a, ev->id, &t[e - 1]))
				return ev->id;
		}
		for (size_t i = upto; i > 0 && upto - i < RECENT; i--) {
			const struct entity *en = &a->ents[i - 1];

			if (en->type == ENT_ORG && name_has(a, en->id, &t[e - 1]))
				return en->id;
		}
	}
	return -1;
}

/*
 * The person (else organisation) of this document whose canonical name
 * ends with the word t, possessive aside; -1 when none or several people.
 * Among the people of the last RECENT_PEOPLE mentions: in an article,
 * everyone; in a book-length text, those in play.
 */
static int
known_by_last_word(const struct attrib *a, const struct tok *t)
{
	size_t w = t->e - t->s;
	const char *x = a->text + t->s;
	int found = -1, found_org = -1;

	if (w > 2 && x[w - 2] == '\'' && x[w - 1] == 's')
		w -= 2;
	else if (w > 4 && memcmp(x + w - 4, "\xe2\x80\x99s", 4) == 0)
		w -= 4;
	if (w < 2)
		return -1;
	for (size_t k = a->nmet > RECENT_PEOPLE ? a->nmet - RECENT_PEOPLE : 0; k < a->nmet; k++) {
		int id = a->met[k % RECENT_PEOPLE];
		const struct person *p = &a->people[id];
		size_t n;
		const char *c;

		if (p->last_met != k + 1)
			continue;       /* met again since: once is enough */
		if (!p->seen || (p->type != ENT_PERSON && p->type != ENT_ORG))
			continue;
		c = entity_canonical(a->ef, id, &n);
		if (c == NULL || n < w || memcmp(c + n - w, x, w) != 0 || (n > w && c[n - w - 1] != ' '))
			continue;
		if (p->type == ENT_PERSON) {
			if (found >= 0 && found != id)
				return -1;      /* two people share it: leave it */
			found = id;
		} else if (found_org < 0 || id < found_org) {
			found_org = id; /* the first the text named */
		}
	}
	return found >= 0 ? found : found_org;
}

/* Does the word end in 's (a possessor, not a speaker)? */
static int
possessive(const struct attrib *a, const struct tok *t)
{
	size_t n = t->e - t->s;
	const char *w = a->text + t->s;

	return (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's') ||
	    (n > 4 && memcmp(w + n - 4, "\xe2\x80\x99s", 4) == 0) ||
	    (n > 1 && (w[n - 1] == '\'' || (n > 3 && memcmp(w + n - 3, "\xe2\x80\x99", 3) == 0)));
}

struct resolved {
	int id;                 /* the entity, or -1 */
	size_t as_written_s, as_written_e;      /* a name with no entity behind it */
};

/* Resolves the speaker phrase t[b..e). */
static struct resolved
resolve(struct attrib *a, const struct tok *t, size_t b, size_t e)
{
	struct resolved r = { -1, 0, 0 };
	size_t head_e = e;

	if (b >= e)
		return r;
	if (e - b == 1 && is_pronoun(&t[b])) {
		if (t[b].wc == W_MALE || t[b].wc == W_FEMALE)
			r.id = focus(a, t[b].s, (enum wclass)t[b].wc);
		else if (t[b].wc == W_THING || t[b].wc == W_PLURAL)
			r.id = focus_org(a, t[b].s);
		return r;
	}
	/* "the representative of X" is not X */
	if (t[b].wc == W_DEF || t[b].wc == W_INDEF)
		for (size_t k = b + 1; k < e; k++)
			if (tok_is(a, &t[k], "of")) {
				head_e = k;
				break;
			}
	size_t hs = t[b].s, he = t[head_e - 1].e;

	if (t[b].wc != W_DEF && t[b].wc != W_INDEF) {
		/*
		 * A name at the end of the phrase is the speaker, whatever the
		 * phrase holds before it ("Hillary Clinton's campaign manager
		 * Robby Mook", "Democratic nominee Hillary Clinton"); an
		 * apposition, a party label or "of" a place ends it ("Sen. Claire
		 * McCaskill (D-Mo.)", "Gov. Earl Ray Tomblin of West Virginia").
		 */
		size_t k = b, last;

		while (k < head_e && t[k].type == T_WORD && !tok_is(a, &t[k], "of") && !tok_is(a, &t[k], "who"))
			k++;
		last = k;
		if (last > b && t[last - 1].cap && !possessive(a, &t[last - 1])) {
			size_t ws = t[last - 1].s, we = t[last - 1].e;
			int pick = -1;

			/* the last mention over the word: mentions neither overlap nor nest, so ends grow as starts do */
			for (size_t i = ents_before(a, ws + 1); i > 0 && a->ents[i - 1].end >= we; i--)
				if (a->ents[i - 1].type == ENT_PERSON) {
					pick = a->ents[i - 1].id;
					break;
				}
			if (pick < 0)
				pick = known_by_last_word(a, &t[last - 1]);
			if (pick >= 0) {
				r.id = pick;
				return r;
			}
			size_t f = last - 1;

			while (f > b && t[f - 1].cap && !possessive(a, &t[f - 1]))
				f--;
			while (f < last - 1 && t[f].wc == W_ABBR)
				f++;    /* "Sen." */
			if (last - f >= 2) {
				/* a full name the finder did not mark: as written */
				r.as_written_s = t[f].s;
				r.as_written_e = we;
				return r;
			}
		}
	}
	/*
	 * "the New York businessman": an organisation that only modifies a
	 * person noun at the head is where the speaker works, not the speaker.
	 */
	int person_head = t[b].wc == W_DEF && head_e - b > 1 && !t[head_e - 1].cap &&
	    t[head_e - 1].wc == W_PERSON;

	for (size_t i = ents_before(a, hs); i < a->nents && a->ents[i].start <= he; i++) {
		const struct entity *en = &a->ents[i];

		if (person_head && en->type == ENT_ORG && en->end <= t[head_e - 1].s)
			continue;
		if (en->start >= hs && en->end <= he && (en->type == ENT_PERSON || en->type == ENT_ORG)) {
			/* a possessor ("Trump's spokesman") does not speak */
			if (en->end + 1 < a->len && en->end < he &&
			    (a->text[en->end] == '\'' || (unsigned char)a->text[en->end] == 0xE2))
				continue;
			if (r.id < 0 || a->ents[r.id].type != ENT_PERSON || en->type == ENT_PERSON)
				r.id = (int)i;
		}
	}
	if (r.id >= 0) {
		r.id = a->ents[r.id].id;
		return r;
	}
	if (t[head_e - 1].cap && t[b].wc != W_INDEF) {
		/* a name the finder missed here but found elsewhere: "Trump" -> "Donald Trump" */
		r.id = known_by_last_word(a, &t[head_e - 1]);
		if (r.id >= 0)
			return r;
	}
	if (t[b].wc == W_INDEF)
		return r;
	if (!t[head_e - 1].cap || t[b].wc == W_DEF) {
		/* "the Russian diplomat", "Obama's former strategist", "the Foreign Minister" */
		r.id = describe(a, t, b, head_e, t[b].s);
		if (r.id < 0 && !t[head_e - 1].cap && t[head_e - 1].wc == W_BODY) {
			/* "the ballot commission" that no name holds: the body, by what the text calls it */
			r.as_written_s = t[b + (t[b].wc == W_DEF && head_e - b > 1)].s;
			r.as_written_e = he;
		}
		if (r.id >= 0 || !t[head_e - 1].cap)
			return r;
	}
	if (t[b].wc == W_DEF) {
		r.as_written_s = t[b + (head_e - b > 1)].s;    /* "the White House" */
		r.as_written_e = he;
		return r;
	}
	if (t[b].cap) {
		/* as written, from after a possessor: "Clinton's campaign manager Robby Mook" */
		size_t k = head_e;

		while (k > b && t[k - 1].type == T_WORD && t[k - 1].cap && !(t[k - 1].e - t[k - 1].s > 2 &&
		    (a->text[t[k - 1].e - 2] == '\'' || a->text[t[k - 1].e - 3] == '\x80')))
			k--;
		r.as_written_s = k < head_e ? t[k].s : hs;
		r.as_written_e = he;
	}
	return r;
}

/* ------------------------------------------------------------ subjects */

/*
 * Is the dot at text[d] that of a title or an initial ("Mr. Tribe's
 * client", "H. Tribe"), which ends no sentence?
 */
static int
title_dot(const struct attrib *a, size_t d)
{
	size_t w = d;

	if (a->text[d] != '.')
		return 0;
	while (w > 0 && ((a->text[w - 1] >= 'a' && a->text[w - 1] <= 'z') ||
	    (a->text[w - 1] >= 'A' && a->text[w - 1] <= 'Z')))
		w--;
	return d - w >= 1 && d - w <= 3 && a->text[w] >= 'A' && a->text[w] <= 'Z' &&
	    (w == 0 || a->text[w - 1] == ' ' || a->text[w - 1] == '\n');
}

/* Is the mention at [s, ...) the subject its sentence opens with? */
static int
opens_sentence(struct attrib *a, size_t ps, size_t s)
{
	size_t i = s, words = 0;

	while (i > ps) {
		uint32_t cp;
		size_t k = utf8_decode_back(a->text, i, &cp);

		if (cp == '\n') {
			size_t j = i - k;

			while (j > ps && (a->text[j - 1] == ' ' || a->text[j - 1] == '\t' || a->text[j - 1] == '\r'))
				j--;
			if (j == ps || a->text[j - 1] == '\n' || a->lines)
				return 1;       /* a paragraph's start */
		}
		if (u_isspace(cp)) {
			i -= k;
			continue;
		}
		if (cp == '.' && title_dot(a, i - k)) {
			i -= k;         /* "Mr." */
			continue;
		}
		if (cp == '.' || cp == '!' || cp == '?')
			return 1;
		if (cp == ',' && words <= 1) {
			i -= k;
			continue;       /* "Also, Lavrov ..." */
		}
		if (!u_isalpha(cp))
			return 0;
		/* a word: capitalised (a title) or an opening word */
		size_t we = i;

		while (i > ps) {
			size_t k2 = utf8_decode_back(a->text, i, &cp);

			if (!u_isalpha(cp) && cp != '.' && cp != '-')
				break;
			i -= k2;
		}
		utf8_decode(a->text + i, we - i, &cp);
		enum wclass wc = word_class(a, a->text + i, we - i);

		if (!u_isupper(cp) && wc != W_INTRO && wc != W_DEF)
			return 0;
		if (++words > 6)
			return 0;
	}
	return 1;
}

/*
 * Indexes the line breaks of a->text before hi.  A paragraph starts
 * after a line break that follows another with only blanks between (or
 * only blanks before it), or after any line break when lines are
 * paragraphs; the break runs from the first of those line breaks to the
 * last.
 */
static struct para_index *
paras_to(const struct attrib *a, size_t hi)
{
	struct para_index *x = a->paras;

	if (x->text != a->text || x->lines != a->lines) {
		x->text = a->text;
		x->lines = a->lines;
		x->done = x->nstarts = x->nbreaks = 0;
	}
	while (x->done < hi) {
		const char *nl = memchr(a->text + x->done, '\n', hi - x->done);
		size_t q, j;

		if (nl == NULL) {
			x->done = hi;
			break;
		}
		q = (size_t)(nl - a->text);
		x->done = q + 1;
		j = q;
		while (j > 0 && (a->text[j - 1] == ' ' || a->text[j - 1] == '\t' || a->text[j - 1] == '\r'))
			j--;
		if (j > 0 && a->text[j - 1] != '\n' && !a->lines)
			continue;
		if (x->nstarts == x->capstarts) {
			x->capstarts = x->capstarts ? 2 * x->capstarts : 64;
			x->starts = xrealloc(x->starts, x->capstarts * sizeof *x->starts);
		}
		x->starts[x->nstarts++] = q + 1;
		if (j == 0 && !a->lines)
			continue;       /* blanks from the start: no break before */
		if (x->nbreaks == x->capbreaks) {
			x->capbreaks = x->capbreaks ? 2 * x->capbreaks : 64;
			x->breaks = xrealloc(x->breaks, x->capbreaks * sizeof *x->breaks);
		}
		x->breaks[x->nbreaks].first = a->lines ? q : j - 1;
		x->breaks[x->nbreaks].last = q;
		x->nbreaks++;
	}
	return x;
}

/* Paragraph start at or before s. */
static size_t
para_start_of(const struct attrib *a, size_t s)
{
	const struct para_index *x = paras_to(a, s);
	/* the last start at or before s */
	size_t n = sorted_below(x->starts, x->nstarts, sizeof *x->starts, 0, s + 1);

	return n > 0 ? x->starts[n - 1] : 0;
}

static int
inside_quote(const struct quote_span *q, size_t nq, size_t *cursor, size_t pos)
{
	while (*cursor < nq && q[*cursor].end <= pos)
		(*cursor)++;
	return *cursor < nq && q[*cursor].start <= pos;
}

/*
 * The cursor inside_quote would reach for pos from the first span: the
 * first span that ends after pos (the spans' ends grow with their starts).
 */
static size_t
quote_cursor(const struct quote_span *q, size_t nq, size_t pos)
{
	return sorted_below(q, nq, sizeof *q, offsetof(struct quote_span, end), pos + 1);
}

/*
 * Is the person introduced here with a description in commas ("Henry
 * Crespo, president of the caucus,", "Ana Ruiz, a lawyer,")?  An
 * introduction brings a person into focus wherever it stands.
 */
static int
introduced(struct attrib *a, const struct entity *en)
{
	struct tok t[3];
	size_t hi, n;

	if (en->type != ENT_PERSON || en->end + 2 >= a->len || a->text[en->end] != ',')
		return 0;
	hi = en->end + 60 < a->len ? en->end + 60 : a->len;
	n = tokenize(a, en->end + 1, hi, t, 3);
	if (n < 2 || t[0].type != T_WORD || t[0].cap)
		return 0;
	if (t[0].wc == W_DEF || t[0].wc == W_INDEF || t[0].wc == W_PERSON)
		return 1;
	/* "executive director of ..." */
	return t[0].wc == W_NONE && (tok_is(a, &t[1], "of") || tok_is(a, &t[1], "at") ||
	    (n > 2 && t[1].type == T_WORD && !t[1].cap && (tok_is(a, &t[2], "of") || tok_is(a, &t[2], "at"))));
}

/*
 * Records who each sentence is about: a person named as its subject, or
 * a description of one ("The Russian diplomat reiterated ...").
 */
static void
find_subjects(struct attrib *a, const struct quote_span *q, size_t nq, size_t from)
{
	size_t cursor = 0;
	int placed = 0;

	for (size_t i = from; i < a->nents; i++) {
		const struct entity *en = &a->ents[i];
		struct person *p = person_of(a, en->id);

		p->type = en->type;
		if (!p->seen) {
			p->seen = 1;
			p->rolelen = 0;
		}
		if (en->role_end > en->role_start) {
			/* the nationality before the title: "Russian Foreign Minister" */
			size_t rs = en->role_start;

			if (rs > 2 && a->text[rs - 1] == ' ') {
				size_t w = rs - 1;

				while (w > 0 && a->text[w - 1] != ' ' && a->text[w - 1] != '\n')
					w--;
				if (w < rs - 1 && a->text[w] >= 'A' && a->text[w] <= 'Z')
					rs = w;
			}
			note_role(a, p, rs, en->role_end);
		}
		if (en->type != ENT_PERSON && en->type != ENT_ORG)
			continue;
		if (!placed) {
			/* where a cursor from the first span would stop: not a walk from there per piece */
			cursor = quote_cursor(q, nq, en->start);
			placed = 1;
		}
		if (inside_quote(q, nq, &cursor, en->start))
			continue;
		size_t s = en->role_end > en->role_start && en->role_start < en->start ? en->role_start : en->start;

		if (opens_sentence(a, para_start_of(a, s), s) || introduced(a, en))
			add_event(a, en->start, en->id);
	}
}

/*
 * A sentence that opens with a name the finder did not mark there but
 * knows from elsewhere in the document ("Trump said ...").
 */
static void
name_subject(struct attrib *a, const struct quote_span *q, size_t nq, size_t *cursor, size_t i)
{
	size_t j = i;

	/* only at a sentence's start: after . ! ? or a paragraph break */
	while (j > 0 && (a->text[j - 1] == ' ' || a->text[j - 1] == '\r'))
		j--;
	if (j > 0 && a->text[j - 1] != '.' && a->text[j - 1] != '!' && a->text[j - 1] != '?' &&
	    !(a->text[j - 1] == '\n' && ((j > 1 && a->text[j - 2] == '\n') || a->lines)))
		return;
	if (j > 0 && title_dot(a, j - 1))
		return;
	if (inside_quote(q, nq, cursor, i))
		return;
	struct tok t[6];
	size_t hi = i + 80 < a->len ? i + 80 : a->len;
	size_t n = tokenize(a, i, hi, t, 6), k = 0;

	while (k < n && t[k].type == T_WORD && t[k].cap && t[k].wc == W_NONE)
		k++;
	if (k == 0 || k >= n || t[k].type != T_WORD || t[k].cap)
		return;
	int id = known_by_last_word(a, &t[k - 1]);

	if (id >= 0)
		add_event(a, t[0].s, id);
}

/* Sentences in text[from..to) that open with a description ("The Russian diplomat said"). */
static void
find_described_subjects(struct attrib *a, const struct quote_span *q, size_t nq, size_t from, size_t to)
{
	size_t cursor = quote_cursor(q, nq, from);

	for (size_t i = from; i < to && i + 4 < a->len; i++) {
		char c = a->text[i];

		if (c >= 'A' && c <= 'Z' && !(c == 'T' && a->text[i + 1] == 'h' && a->text[i + 2] == 'e' &&
		    a->text[i + 3] == ' ')) {
			name_subject(a, q, nq, &cursor, i);
			continue;
		}
		if (c != 'T' || a->text[i + 1] != 'h' || a->text[i + 2] != 'e' || a->text[i + 3] != ' ')
			continue;
		if (i > 0 && !(a->text[i - 1] == ' ' || a->text[i - 1] == '\n'))
			continue;
		if (inside_quote(q, nq, &cursor, i) || !opens_sentence(a, para_start_of(a, i), i))
			continue;
		struct tok t[8];
		size_t hi = i + 120 < a->len ? i + 120 : a->len;
		size_t n = tokenize(a, i, hi, t, 8);

		for (size_t k = 1; k < n && t[k].type == T_WORD; k++) {
			if (t[k].wc == W_PERSON) {
				int id = describe(a, t, 0, k + 1, i);

				if (id >= 0)
					add_event(a, t[0].s, id);
				break;
			}
			if (t[k].wc == W_STOP || t[k].wc == W_CUE)
				break;
		}
	}
}

/* ------------------------------------------------------------ quotations */

struct found {
	size_t ms, me, cs, ce;  /* mention, cue */
	size_t mb, mend;        /* the mention as tokens, for resolving */
	int ok;
};

static void
set_found(struct found *f, const struct tok *t, size_t mb, size_t mend, size_t cb, size_t cend)
{
	/* a pronoun is the whole speaker; auxiliaries are not part of one */
	if (is_pronoun(&t[mb]))
		mend = mb + 1;
	while (mend > mb + 1 && t[mend - 1].type == T_WORD && t[mend - 1].wc == W_AUX)
		mend--;
	size_t k = mb;

	while (k < mend && t[k].type == T_WORD && (t[k].wc == W_DEF || t[k].wc == W_INDEF))
		k++;
	if (k == mend) {
		f->ok = 0;      /* "a", "his": no speaker */
		return;
	}
	f->ok = 1;
	f->ms = t[mb].s;
	f->me = t[mend - 1].e;
	if (cend > cb) {
		f->cs = t[cb].s;
		f->ce = t[cend - 1].e;
	} else {
		f->cs = f->ce = 0;      /* no cue */
	}
	f->mb = mb;
	f->mend = mend;
}

/*
 * "...," he said / "...," said the minister / "...," according to X /
 * "...," Flynn, a top surrogate, said / "..." ― Christina Lastra.
 */
/* Are t[b..e) the words of a name: two or more, each capitalised or a title? */
static int
name_between(const struct tok *t, size_t b, size_t e)
{
	if (e < b + 2)
		return 0;
	for (size_t k = b; k < e; k++)
		if (t[k].type != T_WORD || !(t[k].cap || t[k].wc == W_ABBR) || is_pronoun(&t[k]) ||
		    t[k].wc == W_STOP)
			return 0;
	return 1;
}

static struct found
cue_after(struct attrib *a, const struct tok *t, size_t n)
{
	struct found f = { 0, 0, 0, 0, 0, 0, 0 };
	size_t k = 0, e;
	int dash = 0;

	while (k < n && t[k].type == T_PUNCT && (t[k].ch == ',' || u_isdash(t[k].ch))) {
		dash |= u_isdash(t[k].ch);
		k++;
	}
	if (k >= n || t[k].type != T_WORD)
		return f;
	if (tok_is(a, &t[k], "according") && k + 1 < n && tok_is(a, &t[k + 1], "to")) {
		if (phrase_after(t, k + 2, n, &e))
			set_found(&f, t, k + 2, e, k, k + 2);
		return f;
	}
	if (is_cue(&t[k])) {
		if (phrase_after(t, k + 1, n, &e) && !is_cue(&t[k + 1]))
			set_found(&f, t, k + 1, e, k, k + 1);
		return f;
	}
	/* "panel Chairman Rep. Jason Chaffetz said" opens with a lowercase word */
	if (!opens_mention(&t[k])) {
		/* "campaign manager Robby Mook said": role words, then the name */
		size_t x = role_words_end(t, k, n, 3);

		if (x == k || x >= n || t[x].type != T_WORD || !t[x].cap)
			return f;
	}
	if (t[k].wc == W_STOP || t[k].wc == W_INTRO)
		return f;
	/* the speaker, then perhaps an apposition in commas or parentheses, then the cue */
	size_t np_end = 0, depth = 0;

	for (size_t j = k + 1; j < n && j <= k + 30; j++) {
		if (t[j].type == T_PUNCT) {
			if (t[j].ch == '(')
				depth++;
			else if (t[j].ch == ')' && depth)
				depth--;
			else if (t[j].ch != ',' && t[j].ch != '.' && !u_isdash(t[j].ch))
				break;
			if (!np_end)
				np_end = j;
			continue;
		}
		if (t[j].type != T_WORD)
			break;
		if (!np_end && j - k > 8)
			break;
		if (is_cue(&t[j]) && depth == 0 && (!np_end || t[j - 1].type == T_PUNCT ||
		    t[j - 1].wc == W_AUX) && t[j - 1].wc != W_DEF && t[j - 1].wc != W_INDEF) {
			size_t ms = k, me = np_end ? np_end : j;

			while (me > k + 1 && t[me - 1].wc == W_AUX)
				me--;
			if (np_end && t[np_end].ch == ',' && !t[np_end - 1].cap && t[j - 1].type == T_PUNCT &&
			    t[j - 1].ch == ',' && name_between(t, np_end + 1, j - 1)) {
				/* "Lee's chief of staff, Ann Park, said": the name in commas speaks */
				ms = np_end + 1;
				me = j - 1;
			}
			set_found(&f, t, ms, me, j, j + 1);
			return f;
		}
		if (!np_end && t[j].wc == W_STOP)
			break;
	}
	/* a signature after a dash: "..." ― Christina Lastra. */
	if (dash && t[k].cap) {
		size_t j = k;

		while (j < n && j - k < 6 && t[j].type == T_WORD && t[j].cap)
			j++;
		if (j > k && (j == n || t[j].type == T_PUNCT)) {
			set_found(&f, t, k, j, k, k);
			f.cs = f.ce = 0;
		}
	}
	return f;
}

static struct found cue_before_clause(struct attrib *a, const struct tok *t, size_t lo, size_t n);

/*
 * She said: "..." / said Smith: "..." / Trump called it "...".  In a
 * relative clause ("Williamson assails what he calls the "lie"") the
 * sentence's subject is the speaker as written.
 */
static struct found
cue_before(struct attrib *a, const struct tok *t, size_t lo, size_t n)
{
	struct found f = { 0, 0, 0, 0, 0, 0, 0 };
	size_t b, e;

	/* "According to ProPublica, Clinton praised her "donors"": the source speaks */
	if (n > lo + 3 && tok_is(a, &t[lo], "according") && tok_is(a, &t[lo + 1], "to") &&
	    phrase_after(t, lo + 2, n, &e) && e < n && t[e].type == T_PUNCT && t[e].ch == ',') {
		set_found(&f, t, lo + 2, e, lo, lo + 2);
		if (f.ok)
			return f;
	}
	f = cue_before_clause(a, t, lo, n);

	if (f.ok && f.mend == f.mb + 1 && is_pronoun(&t[f.mb]) && f.mb > lo &&
	    (tok_is(a, &t[f.mb - 1], "what") || tok_is(a, &t[f.mb - 1], "whom")) &&
	    sentence_subject(a, t, lo, f.mb - 1, &b, &e) && t[b].cap && t[b].wc == W_NONE) {
		f.mb = b;
		f.mend = e;
		f.ms = t[b].s;
		f.me = t[e - 1].e;
	}
	return f;
}

static struct found
cue_before_clause(struct attrib *a, const struct tok *t, size_t lo, size_t n)
{
	struct found f = { 0, 0, 0, 0, 0, 0, 0 };
	size_t b, e, from = lo;

	/* "Trump said Clinton called it "...": the outermost report speaks */
	for (size_t j = lo; j < n; j++)
		if (t[j].type == T_QUOTE)
			from = j + 1;
	/* ... unless the quotation follows its own cue: "..., I laughed and said, "..."" */
	if (n >= from + 3 && t[n - 1].type == T_PUNCT && (t[n - 1].ch == ',' || t[n - 1].ch == ':') &&
	    is_cue(&t[n - 2]) && !(t[n - 2].e - t[n - 2].s > 4 && memcmp(a->text + t[n - 2].e - 3, "ing", 3) == 0) &&
	    phrase_before(a, t, from, n - 2, &b) && b < n - 2 &&
	    (t[b].cap || is_pronoun(&t[b]))) {
		size_t me = b;

		while (me < n - 2 && t[me].type == T_WORD && !(tok_is(a, &t[me], "and") && me > b))
			me++;
		set_found(&f, t, b, me, n - 2, n - 1);
		if (f.ok)
			return f;
	}
	for (size_t j = from; j + 1 < n; j++) {
		if (!is_cue(&t[j]) || (t[j].e - t[j].s > 4 && memcmp(a->text + t[j].e - 3, "ing", 3) == 0))
			continue;
		if (phrase_before(a, t, from, j, &b) && b < j && (t[b].cap || is_pronoun(&t[b]))) {
			size_t me = b;

			while (me < j && t[me].type == T_WORD)
				me++;
			set_found(&f, t, b, me, j, j + 1);
			if (f.ok)
				return f;
		}
	}
	for (size_t j = n; j > lo; j--) {
		const struct tok *x = &t[j - 1];

		if (x->type == T_QUOTE)
			break;
		if (tok_is(a, x, "according") && j < n && tok_is(a, &t[j], "to")) {
			if (phrase_after(t, j + 1, n, &e))
				set_found(&f, t, j + 1, e, j - 1, j + 1);
			return f;
		}
		if (j - 1 == lo && x->type == T_WORD && x->wc == W_CUE && x->cap) {
			/* "Said Ellis: "..."" */
			if (phrase_after(t, j, n, &e) && e + 1 == n && t[e].type == T_PUNCT &&
			    (t[e].ch == ':' || t[e].ch == ',')) {
				set_found(&f, t, j, e, j - 1, j);
				if (f.ok)
					return f;
			}
			continue;
		}
		if (!is_cue(x))
			continue;
		/* "..., saying, "...": the sentence's subject speaks */
		size_t xl = x->e - x->s;

		if (xl > 4 && memcmp(a->text + x->e - 3, "ing", 3) == 0 && j >= 2 &&
		    t[j - 2].type == T_PUNCT && t[j - 2].ch == ',') {
			if (sentence_subject(a, t, lo, j - 2, &b, &e))
				set_found(&f, t, b, e, j - 1, j);
			if (f.ok && t[f.mb].wc == W_STOP)
				f.ok = 0;
			if (f.ok)
				return f;
			continue;
		}
		if (phrase_before(a, t, lo, j - 1, &b) && b < j - 1) {
			size_t me = b;

			while (me < j - 1 && t[me].type == T_WORD)
				me++;
			while (me > b + 1 && t[me - 1].wc == W_AUX)
				me--;
			set_found(&f, t, b, me, j - 1, j);
			if (f.ok)
				return f;
		}
		/* inverted: "said Smith:" right before the mark */
		if (phrase_after(t, j, n, &e) && e + 1 == n && t[e].type == T_PUNCT &&
		    (t[e].ch == ':' || t[e].ch == ',')) {
			set_found(&f, t, j, e, j - 1, j);
			if (f.ok)
				return f;
		}
		/* "Trump took to Twitter to accuse them of being "duped"" */
		if (sentence_subject(a, t, lo, j - 1, &b, &e) && (t[b].cap || is_pronoun(&t[b]) ||
		    t[b].wc == W_DEF || t[b].wc == W_INDEF) && t[b].wc != W_STOP && t[b].wc != W_INTRO) {
			set_found(&f, t, b, e, j - 1, j);
			if (f.ok)
				return f;
		}
	}
	return f;
}

static void
push_out(struct attrib *a, const struct attribution *x)
{
	if (a->nout == a->capout) {
		a->capout = a->capout ? 2 * a->capout : 32;
		a->out = xrealloc(a->out, a->capout * sizeof *a->out);
		a->ranked = xrealloc(a->ranked, a->capout);
	}
	a->ranked[a->nout] = 0;
	a->out[a->nout++] = *x;
}

/*
 * The words of a quotation, counted up to SHORT_WORDS + 1 (the kinds
 * only tell quotations of a few words apart), and whether those are
 * title-cased.
 */
#define SHORT_WORDS 6

static size_t
count_words(const char *s, size_t n, int *title_case)
{
	static const struct { const char *w; size_t n; } small[] = {
		{ "of ", 3 }, { "the ", 4 }, { "and ", 4 }, { "a ", 2 }, { "in ", 3 }, { "on ", 3 },
		{ "to ", 3 }, { "for ", 4 }
	};
	size_t words = 0, caps = 0;
	int in = 0;

	for (size_t i = 0; i < n && words <= SHORT_WORDS; i++) {
		unsigned char c = (unsigned char)s[i];
		int sp = c == ' ' || c == '\n' || c == '\t' || c == '\r';

		if (!sp && !in) {
			words++;
			uint32_t cp;

			utf8_decode(s + i, n - i, &cp);
			if (u_isupper(cp) || u_isdigit(cp))
				caps++;
			else {
				for (size_t k = 0; k < sizeof small / sizeof small[0]; k++)
					if (i + small[k].n <= n && memcmp(s + i, small[k].w, small[k].n) == 0)
						caps++;
			}
		}
		in = !sp;
	}
	*title_case = words > 0 && caps == words;
	return words;
}

static void
set_speaker(struct attrib *a, struct attribution *x, struct resolved r)
{
	x->speaker = NULL;
	x->speaker_len = 0;
	if (r.id >= 0) {
		x->speaker = entity_canonical(a->ef, r.id, &x->speaker_len);
	} else if (r.as_written_e > r.as_written_s) {
		x->speaker = a->text + r.as_written_s;
		x->speaker_len = r.as_written_e - r.as_written_s;
	}
}

/* Does the span starting at start go on in the next paragraph? */
static int
q_goes_on(const struct quote_span *q, size_t nq, size_t start)
{
	/* the spans are in order of start */
	size_t lo = sorted_below(q, nq, sizeof *q, offsetof(struct quote_span, start), start);

	return lo < nq && q[lo].start == start && (q[lo].flags & QUOTE_GOES_ON) != 0;
}

/* `He said:` ending the paragraph before a quotation that opens its own. */
static struct found
cue_over_break(struct attrib *a, size_t para_start)
{
	struct found f = { 0, 0, 0, 0, 0, 0, 0 };
	size_t e = para_start, lo, n, ls = 0;

	while (e > 0 && (a->text[e - 1] == '\n' || a->text[e - 1] == ' ' || a->text[e - 1] == '\r' ||
	    a->text[e - 1] == '\t'))
		e--;
	if (e == 0 || a->text[e - 1] != ':')
		return f;
	lo = e > 300 ? e - 300 : 0;
	n = tokenize(a, lo, e - 1, a->toks, MAX_TOKS);
	for (size_t k = 0; k < n; k++)
		if (ends_sentence(a->toks, k, n))
			ls = k + 1;
	f = cue_before(a, a->toks, ls, n);
	if (!f.ok) {
		/* "President Clinton released the following statement:" */
		size_t b, e2;

		if (sentence_subject(a, a->toks, ls, n, &b, &e2) && a->toks[b].cap &&
		    a->toks[b].wc == W_NONE)
			set_found(&f, a->toks, b, e2, b, b);
	}
	return f;
}

/*
 * A few words in marks with no cue: a title after "'s", "on" or a word
 * such as "documentary", or between the parts of a name (a nickname); a
 * scare quote when the words modify a noun ("quack" medical cures), follow
 * "so-called", or are a lone pronoun; else somebody's words (partial).
 */
static enum quote_kind
short_kind(const struct attrib *a, const struct tok *before2, const struct tok *before,
    const struct tok *after, int title_case, int pronoun)
{
	if (pronoun)
		return KIND_SCARE;
	/* "a broadcast of "Fox News Sunday"" */
	if (title_case && before2 != NULL && before2->wc == W_MEDIUM && tok_is(a, before, "of"))
		return KIND_TITLE;
	if (title_case && before != NULL && before->type == T_WORD) {
		size_t n = before->e - before->s;
		const char *w = a->text + before->s;

		if ((n > 2 && w[n - 2] == '\'' && w[n - 1] == 's') ||
		    (n > 4 && memcmp(w + n - 4, "\xe2\x80\x99s", 4) == 0) ||
		    before->wc == W_MEDIUM || tok_is(a, before, "on"))
			return KIND_TITLE;
		if (before->cap && after->type == T_WORD && after->cap)
			return KIND_TITLE;
	}
	if (before != NULL && before->wc == W_LABEL)
		return KIND_SCARE;
	if (after->type == T_WORD && !after->cap && after->wc == W_NONE)
		return KIND_SCARE;
	return KIND_PARTIAL;
}

/*
 * First pass, without names: the cue, the mention and the kind of each
 * quotation.  Returns where the text stops mattering for resolving the
 * mentions (0: no mention to resolve).
 */
static size_t
attribute(struct attrib *a, const struct quote_span *q, size_t nq)
{
	size_t prev = 0, need = 0, last_any = 0;
	int have_prev = 0, have_any = 0;
	size_t prev_para = (size_t)-1;
	struct tok *t = a->toks;

	for (size_t i = 0; i < nq; i++) {
		const struct quote_span *s = &q[i];
		struct attribution x;
		struct found f = { 0, 0, 0, 0, 0, 0, 0 };
		int inherit = 0, opens = 0;
		size_t n;

		memset(&x, 0, sizeof x);
		x.start = s->start;
		x.end = s->end;
		x.text_start = s->inner_start;
		x.text_end = s->inner_end;
		quote_trim_words(a->text, &x.text_start, &x.text_end);
		if (s->para_start != prev_para && !(s->flags & QUOTE_REOPENED))
			have_prev = 0;

		/* the cue after it, up to the sentence's end */
		size_t hi = s->end + 400 < s->para_end ? s->end + 400 : s->para_end;

		if (i + 1 < nq && q[i + 1].start < hi)
			hi = q[i + 1].start;
		n = tokenize(a, s->end, hi, t, 40);
		struct tok after = n ? t[0] : (struct tok){ 0, 0, T_PUNCT, 0, 0, '.' };

		for (size_t k = 0; k < n; k++)
			if (ends_sentence(t, k, n) || t[k].type == T_QUOTE) {
				n = k;
				break;
			}
		{
			f = cue_after(a, t, n);
			/* "“...” for criminal behavior, she said." */
			for (size_t k = 1; !f.ok && k < n; k++)
				if (t[k].type == T_PUNCT && t[k].ch == ',' && k + 1 < n &&
				    (t[k + 1].cap || is_pronoun(&t[k + 1]) || tok_is(a, &t[k + 1], "according") ||
				    (is_cue(&t[k + 1]) && k + 2 < n && t[k + 2].cap))) {
					f = cue_after(a, t + k, n - k);
					if (f.ok) {
						f.mb += k;
						f.mend += k;
					}
				}
		}

		/* else the cue before it, in its sentence */
		size_t lo = s->para_start;
		int sentence_break = 0;

		/* the window reaches back to the last quotation of speech, over titles */
		size_t title_end = 0;

		for (size_t k = i; k > 0; k--) {
			const struct attribution *px = &a->out[a->nout - (i - k) - 1];

			if (q[k - 1].end <= lo || q[k - 1].end > s->start)
				break;
			if (px->kind == KIND_TITLE || px->kind == KIND_SCARE) {
				if (!title_end)
					title_end = q[k - 1].end;
				/* over its run of titles at once: the spans' ends only grow */
				size_t m = a->title_run[k - 1];

				if (q[m].end <= lo)
					break;
				k = m + 1;
				continue;
			}
			lo = q[k - 1].end;
			break;
		}
		if (s->start > lo + 600)
			lo = s->start - 600;
		n = tokenize(a, lo, s->start, t, MAX_TOKS);
		if (title_end) {
			/* a title's marks do not end the window: drop them */
			size_t m = 0;

			for (size_t k = 0; k < n; k++)
				if (!(t[k].type == T_QUOTE && t[k].s < title_end))
					t[m++] = t[k];
			n = m;
		}
		size_t ls = 0, pls = 0;

		for (size_t k = 0; k < n; k++)
			if (ends_sentence(t, k, n) || (t[k].type == T_PUNCT && t[k].ch == ';')) {
				pls = ls;
				ls = k + 1;
				sentence_break = 1;
			}
		opens = ls == n || (n > 0 && t[n - 1].type == T_PUNCT && t[n - 1].ch == ':') ||
		    (n > 1 && t[n - 1].type == T_PUNCT && t[n - 1].ch == ',' && is_cue(&t[n - 2]));
		if (f.ok && s->inner_end > s->inner_start && a->text[s->inner_end - 1] == '.' &&
		    f.cs > s->end && !(s->flags & QUOTE_REOPENED)) {
			/*
			 * "Brafman said, "... we have found." He added, ..." -- the
			 * quotation ended its sentence: a cue before it wins over the
			 * next sentence's.
			 */
			struct found g = cue_before(a, t, ls, n);

			if (g.ok)
				f = g;
		}
		if (!f.ok && !(s->flags & QUOTE_REOPENED))
			f = cue_before(a, t, ls, n);
		if (!f.ok && n == 0 && !(s->flags & QUOTE_REOPENED))
			f = cue_over_break(a, s->para_start);
		int title_case;
		size_t words = count_words(a->text + x.text_start, x.text_end - x.text_start, &title_case);
		int is_pron = words == 1 && x.text_end > x.text_start &&
		    word_class(a, a->text + x.text_start, x.text_end - x.text_start) >= W_MALE &&
		    word_class(a, a->text + x.text_start, x.text_end - x.text_start) <= W_FIRST;
		enum quote_kind short_k = words < 4 || (words <= SHORT_WORDS && title_case) ?
		    short_kind(a, n > 1 ? &t[n - 2] : NULL, n ? &t[n - 1] : NULL, &after, title_case,
		    is_pron) : KIND_PARTIAL;

		if (words >= 4 && short_k == KIND_SCARE)
			short_k = KIND_PARTIAL;         /* longer names in marks are titles or words */

		if (!f.ok && n >= ls + 3 && t[n - 1].type == T_PUNCT && t[n - 1].ch == ':' &&
		    !(s->flags & QUOTE_REOPENED)) {
			/* "... doesn't surprise Republican pollster Daron Shaw: "..."" */
			size_t b = n - 1;

			while (b > ls && t[b - 1].type == T_WORD && t[b - 1].cap && t[b - 1].wc == W_NONE)
				b--;
			if (n - 1 - b >= 2) {
				set_found(&f, t, b, n - 1, b, b);
				f.cs = f.ce = 0;
			}
		}
		if (!f.ok && ls < n && !(s->flags & QUOTE_REOPENED) && short_k == KIND_PARTIAL) {
			/* words quoted inside a sentence about someone are theirs */
			size_t b, e;

			if (sentence_subject(a, t, ls, n, &b, &e) && (is_pronoun(&t[b]) ||
			    (t[b].cap && (t[b].wc == W_NONE || t[b].wc == W_PERSON || t[b].wc == W_ABBR))) &&
			    t[b].wc != W_THING &&
			    t[b].wc != W_FIRST) {
				set_found(&f, t, b, e, b, b);
				f.cs = f.ce = 0;
			}
		}
		size_t lead = ls;

		while (lead < n && t[lead].type == T_WORD && (t[lead].wc == W_INTRO || tok_is(a, &t[lead], "and")))
			lead++;
		if (!f.ok && have_prev && a->out[prev].mention_end > a->out[prev].mention_start &&
		    ((s->flags & QUOTE_REOPENED) || !sentence_break || lead == n))
			inherit = 1;
		if (!f.ok && !inherit && ls == n && ls > 1 && !(s->flags & QUOTE_REOPENED)) {
			/* "Schiff said. "The other factor ..."": the sentence before reports */
			f = cue_before(a, t, pls, ls - 1);
		}
		if (!f.ok && !inherit && n == 0 && have_any && !(s->flags & QUOTE_GOES_ON) &&
		    s->para_start > a->out[last_any].end &&
		    s->para_start - a->out[last_any].end < 120 &&
		    a->out[last_any].mention_end > a->out[last_any].mention_start) {
			/* the paragraph before ended on a quotation and its cue: more of it */
			prev = last_any;
			inherit = 1;
		}

		x.inherits = -1;

		/* "the so-called "reforms"" are nobody's words, whoever the sentence quotes */
		int so_called = n > 0 && tok_is(a, &t[n - 1], "so-called") && words < 4;

		if (inherit && (short_k != KIND_TITLE || words >= 4) && !so_called) {
			const struct attribution *p = &a->out[prev];

			x.mention_start = p->mention_start;
			x.mention_end = p->mention_end;
			x.cue_start = p->cue_start;
			x.cue_end = p->cue_end;
			x.inherits = (long)prev;
			x.kind = opens ? KIND_DIRECT : p->kind;
		} else if (so_called) {
			x.kind = KIND_SCARE;
		} else if (f.ok && short_k == KIND_TITLE && f.cs < s->start && f.ce != 0) {
			x.kind = short_k;       /* a title in a reported sentence */
		} else if (f.ok) {
			x.mention_start = f.ms;
			x.mention_end = f.me;
			x.cue_start = f.cs;
			x.cue_end = f.ce;
			x.kind = opens || f.cs >= s->end ? KIND_DIRECT : KIND_PARTIAL;
			if (f.me > need)
				need = f.me;
		} else if ((words >= 4 && short_k != KIND_TITLE) ||
		    (s->flags & (QUOTE_REOPENED | QUOTE_RUNS_ON | QUOTE_GOES_ON))) {
			x.kind = opens ? KIND_DIRECT : KIND_PARTIAL;
			if (n == 0) {
				/* a paragraph of its own: the person the text is about */
				x.inherits = INHERIT_FOCUS;
				if (s->start + 1 > need)
					need = s->start + 1;
			}
		} else {
			x.kind = short_k;
		}
		if ((x.kind == KIND_DIRECT || x.kind == KIND_PARTIAL) && x.inherits == -1 &&
		    x.mention_end == x.mention_start && s->start + 1 > need)
			need = s->start + 1;    /* the ranker may find its speaker near it */
		push_out(a, &x);
		if (a->nout > a->captitle_run) {
			a->captitle_run = a->capout;
			a->title_run = xrealloc(a->title_run, a->captitle_run * sizeof *a->title_run);
		}
		a->title_run[i] = i > 0 && (a->out[i - 1].kind == KIND_TITLE || a->out[i - 1].kind == KIND_SCARE) ?
		    a->title_run[i - 1] : i;
		if (x.kind == KIND_DIRECT || x.kind == KIND_PARTIAL) {
			prev = a->nout - 1;
			last_any = prev;
			have_any = 1;
			have_prev = 1;
			prev_para = s->para_start;
		}
	}
	/* a quotation over paragraphs takes its cue from wherever it stands */
	for (size_t i = a->nout; i > 1; i--) {
		struct attribution *x = &a->out[i - 2], *y = &a->out[i - 1];

		if (x->mention_end == x->mention_start && x->inherits < 0 &&
		    y->mention_end > y->mention_start &&
		    q_goes_on(q, nq, x->start)) {
			x->mention_start = y->mention_start;
			x->mention_end = y->mention_end;
			x->cue_start = y->cue_start;
			x->cue_end = y->cue_end;
			x->inherits = (long)(i - 1);
		}
	}
	return need;
}

/*
 * The end of the paragraph that holds pos, at most limit: the first line
 * break of the break after it (CRLF and blank-only lines break as LF does).
 */
static size_t
para_end_of(const struct attrib *a, size_t pos, size_t limit)
{
	const struct para_index *x = paras_to(a, limit);
	/* the first break that starts at or after pos */
	size_t lo = sorted_below(x->breaks, x->nbreaks, sizeof *x->breaks, offsetof(struct para_break, first), pos);

	return lo < x->nbreaks && x->breaks[lo].last < limit ? x->breaks[lo].first : limit;
}

/* Is there a paragraph break between byte offsets a and b? */
static int
breaks_between(const struct attrib *a, size_t from, size_t to)
{
	/* most words stand a space apart: a break between paragraphs takes two line breaks */
	if (to - from < 2)
		return a->lines && to > from && a->text[from] == '\n';
	const char *p = memchr(a->text + from, '\n', to - from);

	if (a->lines)
		return p != NULL;
	while (p != NULL) {
		size_t i = (size_t)(p - a->text) + 1;

		while (i < to && (a->text[i] == ' ' || a->text[i] == '\t' || a->text[i] == '\r'))
			i++;
		if (i < to && a->text[i] == '\n')
			return 1;
		p = i < to ? memchr(a->text + i, '\n', to - i) : NULL;
	}
	return 0;
}

static int
is_say(const struct attrib *a, const struct tok *t)
{
	return tok_is(a, t, "said") || tok_is(a, t, "says") || tok_is(a, t, "say") ||
	    tok_is(a, t, "told") || tok_is(a, t, "tells");
}

/* The speaker phrase of a reporting word t[j]: its subject, else what follows it ("said X"). */
static int
reporter_of(struct attrib *a, const struct tok *t, size_t last, size_t j, size_t cb, size_t ce,
    struct found *f)
{
	size_t b, e;

	if (j > 0 && phrase_before(a, t, 0, j, &b) && b < j) {
		size_t me = b;

		while (me < j && t[me].type == T_WORD)
			me++;
		while (me > b + 1 && t[me - 1].wc == W_AUX)
			me--;
		set_found(f, t, b, me, cb, ce);
		if (f->ok)
			return 1;
	}
	if (phrase_after(t, j + 1, last, &e) && e > j + 1) {
		set_found(f, t, j + 1, e, cb, ce);
		return f->ok;
	}
	f->ok = 1;
	f->ms = f->me = 0;
	f->mb = f->mend = 0;
	f->cs = t[cb].s;
	f->ce = t[ce - 1].e;
	return 1;
}

/* One report of reported speech: its speaker and cue, and the reported words [cs, ce). */
struct said {
	struct found f;
	size_t cs, ce;
};

/* A sentence's reports, at most: more than two are rare, eight never seen. */
#define MAX_SAID 8

/*
 * The speaker of the reporting word c: the phrase that ends on the word
 * the learnt ranker chooses (reported.h), else as the rules find it:
 * after "according to", else its subject or what follows it.
 */
static int
speaker_of(struct attrib *a, const struct tok *t, size_t last, const struct rs_cue *c, struct found *f)
{
	size_t j = c->word, ce = j + 1, e, k;
	int according = tok_is(a, &t[j], "according") && j + 1 < last && tok_is(a, &t[j + 1], "to");

	if (according)
		ce = j + 2;
	rs_source_candidates(&a->sources, &a->sentence, j, c->cls, a->classes);
	k = rs_source_best(&a->sources, a->sourcer);
	if (k != SIZE_MAX) {
		size_t w = a->sources.word[k], b;

		if (!phrase_before(a, t, 0, w + 1, &b) || b > w)
			b = w;
		set_found(f, t, b, w + 1, j, ce);
		if (f->ok)
			return 1;
	}
	if (according) {
		if (!phrase_after(t, j + 2, last, &e))
			return 0;
		set_found(f, t, j + 2, e, j, ce);
		return f->ok;
	}
	return reporter_of(a, t, last, j, j, ce, f);
}

/*
 * The reported words of the reporting word c, whose speaker is r->f,
 * within t[lo..hi): sets r->cs and r->ce and returns 1, or returns 0.
 */
static int
said_words(struct attrib *a, const struct tok *t, size_t lo, size_t hi, const struct rs_cue *c, struct said *r)
{
	size_t j = c->word, from = j + 1, to = hi;

	if (c->cls == RS_AFTER && tok_is(a, &t[j], "according")) {
		if (j > lo + 1 && t[j - 1].type == T_PUNCT) {
			/* "..., according to X." */
			from = lo;
			to = j - 1;
		} else {
			/* "According to X, ...": the words after the comma that ends X */
			from = r->f.mend;
			while (from < hi && !(t[from].type == T_PUNCT && t[from].ch == ','))
				from++;
			from++;
		}
	} else if (c->cls != RS_AFTER) {
		from = lo;
		if (c->cls == RS_BEFORE) {
			/* the reported words end at the comma before the speaker */
			size_t k = r->f.me > r->f.ms ? r->f.mb : j;

			while (k > lo && !(t[k - 1].type == T_PUNCT && (t[k - 1].ch == ',' || u_isdash(t[k - 1].ch))))
				k--;
			if (k < lo + 2)
				return 0;
			to = k - 1;
		}
	}
	if (!tok_is(a, &t[j], "according")) {
		/* where the learnt ranker begins them and, before the cue, ends them (reported.h) */
		size_t b, e;

		rs_span_candidates(&a->starts, &a->ends, &a->sentence, j, c->cls, lo, hi, a->classes);
		b = rs_source_best(&a->starts, a->spanner);
		e = rs_source_best(&a->ends, a->spanner);
		if (b != SIZE_MAX)
			from = a->starts.word[b];
		if (e != SIZE_MAX)
			to = a->ends.word[e];
	}
	/* "X said ..., and Y said ...": the words that join the next report are neither's */
	while (to > from && (t[to - 1].type == T_PUNCT || (to == hi && hi < a->sentence.n && t[to - 1].wc == W_STOP)))
		to--;
	if (from >= to)
		return 0;
	r->cs = t[from].s;
	r->ce = t[to - 1].e;
	return 1;
}

/*
 * Reported speech in the sentence t[0..last), as the learnt model finds
 * it (reported.h): fills out[] with each report's speaker, cue and words,
 * and returns how many.  Each report's words end where the next one's
 * speaker begins.
 */
static size_t
learnt_reports(struct attrib *a, const struct tok *t, size_t last, struct said *out)
{
	struct rs_cue c[MAX_SAID];
	int ok[MAX_SAID];
	size_t n, k = 0;

	rs_features(&a->sentence, a->text, t, last, a->classes);
	if (a->trace_reported) {
		a->trace_reported(a->trace_ctx, &a->sentence);
		return 0;
	}
	n = rs_cues(&a->sentence, a->reporter, c, MAX_SAID);
	for (size_t i = 0; i < n; i++)
		ok[i] = speaker_of(a, t, last, &c[i], &out[i].f);
	for (size_t i = 0; i < n; i++) {
		size_t lo = i > 0 ? c[i - 1].word + 1 : 0, hi = last;

		if (i + 1 < n) {
			hi = c[i + 1].word;
			if (ok[i + 1] && out[i + 1].f.me > out[i + 1].f.ms && out[i + 1].f.mb > c[i].word &&
			    out[i + 1].f.mb < hi)
				hi = out[i + 1].f.mb;
		}
		if (ok[i] && said_words(a, t, lo, hi, &c[i], &out[i]))
			out[k++] = out[i];
	}
	return k;
}

void
attrib_trace_reported(struct attrib *a, attrib_reported_fn *fn, void *ctx)
{
	a->trace_reported = fn;
	a->trace_ctx = ctx;
}

/* Adds the report of f, the words [cs, ce), as an indirect attribution; returns the new need. */
static size_t
push_indirect(struct attrib *a, const struct found *f, size_t cs, size_t ce, size_t need)
{
	struct attribution x;

	memset(&x, 0, sizeof x);
	x.start = x.text_start = cs;
	x.end = x.text_end = ce;
	x.kind = KIND_INDIRECT;
	x.mention_start = f->ms;
	x.mention_end = f->me;
	x.cue_start = f->cs;
	x.cue_end = f->ce;
	x.inherits = -1;
	push_out(a, &x);
	return f->me > need ? f->me : need;
}

/* Does a quotation of q[from..nq) that starts before limit overlap text[s..e)? */
static int
quoted(const struct quote_span *q, size_t from, size_t nq, size_t limit, size_t s, size_t e)
{
	for (size_t x = from; x < nq && q[x].start < limit; x++)
		if (q[x].end > s && q[x].start < e)
			return 1;
	return 0;
}

/*
 * Indirect speech in sentences without marks: "Lavrov said (that) both
 * nations ..." and "..., another source said."  The span is the reported
 * clause, in the sentences that start in text[from..limit), from the
 * start of a sentence.  Returns the new need (see attribute).
 */
static size_t
find_indirect(struct attrib *a, const struct quote_span *q, size_t nq, size_t need, size_t from,
    size_t limit)
{
	struct tok *all = a->toks;
	/* the quotations from the first that ends after from: not a walk from the first for each region */
	size_t pos = from, qi = quote_cursor(q, nq, from), nall = 0, b0 = 0, stop = a->len;
	int cut = 0;

	if (limit < a->len) {
		/* a sentence that starts before limit ends by the next paragraph break: read a token past it, no more */
		stop = para_end_of(a, limit, a->len);
		while (stop < a->len && is_space((unsigned char)a->text[stop]))
			stop++;
		stop = stop + 64 < a->len ? stop + 64 : a->len;
	}

	while (pos < limit) {
		if (b0 >= nall) {
			/* a fresh window of tokens from pos, read sentence by sentence */
			size_t hi = pos + 3000 < stop ? pos + 3000 : stop;

			nall = tokenize(a, pos, hi, all, MAX_TOKS);
			cut = nall == MAX_TOKS || hi < a->len;
			b0 = 0;
			if (nall == 0)
				break;
		}
		struct tok *t = all + b0;
		size_t n = nall - b0, k;

		for (k = 0; k < n; k++)
			if (ends_sentence(t, k, n) || (k + 1 < n && breaks_between(a, t[k].e, t[k + 1].s)))
				break;
		if (k == n && cut) {
			if (b0 > 0) {
				pos = t[0].s;   /* the window ends inside this sentence: read it afresh */
				nall = 0;
				continue;
			}
			pos = t[n - 1].e;       /* too long a sentence: skip it */
			nall = 0;
			continue;
		}
		size_t end = k < n ? k : n - 1, ss = t[0].s, se = t[end].e;

		pos = se;
		b0 += end + 1;
		while (qi < nq && q[qi].end <= ss)
			qi++;
		int marked = qi < nq && q[qi].start < se;
		size_t last = k < n ? k : n;    /* tokens [0, last) before the full stop */
		struct found f = { 0, 0, 0, 0, 0, 0, 0 };
		size_t cs = 0, ce = 0, e;

		/* the tagger learns from sentences without marks, where its reports are all there is */
		if ((a->flags & ATTRIB_INDIRECT) && !(marked && a->trace_reported)) {
			struct said r[MAX_SAID];
			size_t nr = learnt_reports(a, t, last, r);

			/* with marks, only the reports whose words and speaker no quotation overlaps: the others are the quotation's */
			for (size_t i = 0; i < nr; i++)
				if (!marked || (!quoted(q, qi, nq, se, r[i].cs, r[i].ce) &&
				    !quoted(q, qi, nq, se, r[i].f.ms, r[i].f.me)))
					need = push_indirect(a, &r[i].f, r[i].cs, r[i].ce, need);
			continue;
		}
		if (marked)
			continue;       /* marks: the quotation finder's business */

		for (size_t j = 1; j + 1 < last && !f.ok; j++) {
			if (!is_cue(&t[j]))
				continue;
			size_t b, c = j + 1;

			if (tok_is(a, &t[c], "that"))
				c++;
			else if (!is_say(a, &t[j]) || t[c].type != T_WORD)
				continue;
			else if (tok_is(a, &t[j], "told") || tok_is(a, &t[j], "tells")) {
				/* "told reporters (that) ..." */
				while (c < last && c < j + 4 && t[c].type == T_WORD && !tok_is(a, &t[c], "that"))
					c++;
				if (c < last && tok_is(a, &t[c], "that"))
					c++;
			}
			if (c >= last || !phrase_before(a, t, 0, j, &b) || b >= j)
				continue;
			size_t me = b;

			while (me < j && t[me].type == T_WORD)
				me++;
			while (me > b + 1 && t[me - 1].wc == W_AUX)
				me--;
			set_found(&f, t, b, me, j, j + 1);
			cs = t[c].s;
			ce = t[last - 1].e;
		}
		/* "..., noted NBC's Dante Chinni." */
		for (size_t j = 2; !f.ok && j + 2 < last; j++) {
			if (t[j].type != T_PUNCT || t[j].ch != ',' || !is_cue(&t[j + 1]))
				continue;
			if (phrase_after(t, j + 2, last, &e) && e == last && t[j + 2].cap) {
				set_found(&f, t, j + 2, e, j + 1, j + 2);
				cs = t[0].s;
				ce = t[j - 1].e;
			}
		}
		/* "..., another source said." */
		if (!f.ok && last >= 4 && is_cue(&t[last - 1]) && is_say(a, &t[last - 1])) {
			size_t b;

			if (phrase_before(a, t, 0, last - 1, &b) && b > 1 && t[b - 1].type == T_PUNCT &&
			    t[b - 1].ch == ',') {
				set_found(&f, t, b, last - 1, last - 1, last);
				cs = t[0].s;
				ce = t[b - 2].e;
			}
		}
		if (f.ok && ce > cs)
			need = push_indirect(a, &f, cs, ce, need);
	}
	return need;
}

/*
 * a->order[0..nout): out's indices in the order of the text, those that
 * start together as they stand.  A merge sort: with --indirect, out is
 * two runs, the quotations and then the reported speech.
 */
static void
order_by_start(struct attrib *a)
{
	size_t n = a->nout, *from, *to;

	if (n == 0)
		return;
	if (2 * n > a->caporder) {
		a->caporder = 2 * n;
		a->order = xrealloc(a->order, a->caporder * sizeof *a->order);
	}
	from = a->order;
	to = a->order + n;
	for (size_t i = 0; i < n; i++)
		from[i] = i;
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t l = lo, r = mid, k = lo;

			while (l < mid && r < hi)
				to[k++] = a->out[from[r]].start < a->out[from[l]].start ? from[r++] : from[l++];
			while (l < mid)
				to[k++] = from[l++];
			while (r < hi)
				to[k++] = from[r++];
		}
		size_t *swap = from;

		from = to;
		to = swap;
	}
	if (from != a->order)
		memcpy(a->order, from, n * sizeof *from);
}

static void
sort_by_start(struct attrib *a)
{
	if (a->nout == 0)
		return;

	struct attribution *sorted = xmalloc(a->nout * sizeof *sorted);

	order_by_start(a);
	for (size_t i = 0; i < a->nout; i++)
		sorted[i] = a->out[a->order[i]];
	memcpy(a->out, sorted, a->nout * sizeof *sorted);
	free(sorted);
}

/* Second pass: the speakers' names. */
static void
resolve_all(struct attrib *a)
{
	struct tok t[24];

	/* in the order of the text, so that each speaker is in focus for the next */
	order_by_start(a);
	for (size_t o = 0; o < a->nout; o++) {
		struct attribution *x = &a->out[a->order[o]];

		if (x->inherits >= 0)
			continue;
		if (x->inherits == INHERIT_FOCUS) {
			struct resolved r = { focus(a, x->start, W_NONE), 0, 0 };

			set_speaker(a, x, r);
			continue;
		}
		if (x->mention_end <= x->mention_start)
			continue;
		size_t n = tokenize(a, x->mention_start, x->mention_end, t, 24);
		struct resolved r = resolve(a, t, 0, n);

		if (x->cue_end == x->cue_start && r.id < 0 && !(n == 1 && is_pronoun(&t[0])) &&
		    !a->ranked[a->order[o]]) {
			/* a sentence's first words, taken without a cue, that name nobody */
			x->mention_start = x->mention_end = 0;
			continue;
		}

		set_speaker(a, x, r);
		if (r.id >= 0)
			add_event(a, x->mention_start, r.id);
	}
	/* continuations, backwards so that a chain of forward references resolves */
	for (size_t i = a->nout; i > 0; i--) {
		struct attribution *x = &a->out[i - 1];

		if (x->inherits >= 0 && (size_t)x->inherits > i - 1) {
			x->speaker = a->out[x->inherits].speaker;
			x->speaker_len = a->out[x->inherits].speaker_len;
		}
	}
	for (size_t i = 0; i < a->nout; i++) {
		struct attribution *x = &a->out[i];

		if (x->inherits >= 0 && (size_t)x->inherits < i) {
			x->speaker = a->out[x->inherits].speaker;
			x->speaker_len = a->out[x->inherits].speaker_len;
		}
	}
}

/* Only speech, unless asked for everything. */
static void
keep_wanted(struct attrib *a)
{
	size_t k = 0;

	for (size_t i = 0; i < a->nout; i++) {
		enum quote_kind kd = a->out[i].kind;

		if (((kd != KIND_SCARE && kd != KIND_TITLE) || (a->flags & ATTRIB_ALL)) &&
		    (kd != KIND_INDIRECT || (a->flags & ATTRIB_INDIRECT)))
			a->out[k++] = a->out[i];
	}
	a->nout = k;
}

/*
 * Gives the name finder text[from..to) of the piece text[0..len) (or,
 * with note, only registers the names there) and learns who its
 * sentences are about; its mentions join a->ents.
 */
static void
feed(struct attrib *a, const char *text, size_t len, size_t base, size_t from, size_t to,
    const struct quote_span *q, size_t nq, int note)
{
	const struct entity *found;
	size_t nf, first = a->nents;

	a->text = text;
	a->base = base;
	if (note)
		nf = entity_note(a->ef, text + from, to - from, base + from, &found);
	else
		nf = entity_find(a->ef, text + from, to - from, base + from, &found);
	if (a->nents + nf > a->capents) {
		/* doubling: a document fed in many regions does not copy its mentions once a region */
		a->capents = a->nents + nf > 2 * a->capents ? a->nents + nf : 2 * a->capents;
		a->ents = xrealloc(a->ents, a->capents * sizeof *a->ents);
	}
	for (size_t i = 0; i < nf; i++) {
		struct entity e = found[i];

		if (e.start < base + from || e.end > base + to || e.id < 0)
			continue;
		e.start -= base;
		e.end -= base;
		if (e.role_end > e.role_start && e.role_start >= base + from && e.role_end <= base + to) {
			e.role_start -= base;
			e.role_end -= base;
		} else {
			e.role_start = e.role_end = e.start;
		}
		a->ents[a->nents++] = e;
	}
	size_t keep_len = a->len;

	a->len = len;
	find_subjects(a, q, nq, first);
	if (!note)
		find_described_subjects(a, q, nq, from, to);
	a->len = keep_len;
}

/*
 * Pieces of a document with nothing to resolve wait here, unread by the
 * name finder, until a later piece needs the names they introduce.
 */
static void
hold(struct attrib *a, const char *text, size_t len, size_t base)
{
	if (a->held_len + len > a->held_cap) {
		size_t cap = a->held_cap ? a->held_cap : 4096;

		while (cap < a->held_len + len)
			cap *= 2;
		a->held = xrealloc(a->held, cap);
		a->held_cap = cap;
	}
	if (len)        /* an empty piece may come before anything is held */
		memcpy(a->held + a->held_len, text, len);
	if (a->npieces == a->cappieces) {
		a->cappieces = a->cappieces ? 2 * a->cappieces : 8;
		a->pieces = xrealloc(a->pieces, a->cappieces * sizeof *a->pieces);
	}
	a->pieces[a->npieces].at = a->held_len;
	a->pieces[a->npieces].len = len;
	a->pieces[a->npieces].base = base;
	a->npieces++;
	a->held_len += len;
}

static void
feed_held(struct attrib *a)
{
	for (size_t i = 0; i < a->npieces; i++) {
		a->nents = 0;
		feed(a, a->held + a->pieces[i].at, a->pieces[i].len, a->pieces[i].base, 0, a->pieces[i].len,
		    NULL, 0, 0);
	}
	a->npieces = 0;
	a->held_len = 0;
}

/* The start of the paragraph paras before the one that holds pos. */
static size_t
paras_back(const struct attrib *a, size_t pos, size_t paras)
{
	size_t s = para_start_of(a, pos);

	while (paras-- > 0 && s > 0) {
		size_t w = s;

		while (w > 0 && is_space((unsigned char)a->text[w - 1]))
			w--;
		if (w == 0)
			return 0;
		s = para_start_of(a, w - 1);
	}
	return s;
}

static void
add_region(struct attrib *a, size_t s, size_t e, int discourse)
{
	if (a->nregions == a->capregions) {
		a->capregions = a->capregions ? 2 * a->capregions : 16;
		a->regions = xrealloc(a->regions, a->capregions * sizeof *a->regions);
	}
	a->regions[a->nregions].s = s;
	a->regions[a->nregions].e = e;
	a->regions[a->nregions].discourse = discourse;
	a->nregions++;
}

static int
region_cmp(const void *x, const void *y)
{
	const struct region *r = x, *q = y;

	return (r->s > q->s) - (r->s < q->s);
}

/*
 * The opening of a document the name finder always reads (to the end of
 * the paragraph at this byte): news introduces people there by full name
 * and title, and the tagger, which types a name by the document's other
 * uses of it, needs them ("U.S. Trade Representative Clayton Yeutter"
 * read alone is an organisation).  Without it a tenth of the speakers of
 * 20 MB of Reuters copy changed, mostly to shorter names; with it a third of that.
 */
#define LEAD_BYTES 400

/*
 * Paragraphs before a mention that the name finder reads when the
 * mention needs the discourse (a pronoun, a description, no mention at
 * all) rather than only the names the document has registered.  One is
 * as good as three on PolNeAR dev (canonical 90.18 and 90.04, train
 * 79.05 and 79.24) and tags a quarter less text.
 */
#define DISCOURSE_PARAS 1

/* Is the mention t[0..n) a name, which resolves by the names registered so far? */
static int
is_name_mention(const struct tok *t, size_t n)
{
	return n > 0 && t[0].type == T_WORD && t[0].cap && !is_pronoun(&t[0]) && t[0].wc != W_DEF &&
	    t[0].wc != W_INDEF;
}

/*
 * The text in text[0..upto) that the speakers' resolution reads with the
 * name finder: each mention's paragraph, and the paragraphs before it
 * when the mention needs the discourse.
 */
static void
needed_regions(struct attrib *a, size_t upto)
{
	a->nregions = 0;
	for (size_t i = 0; i < a->nout; i++) {
		const struct attribution *x = &a->out[i];
		size_t s, e, paras = DISCOURSE_PARAS;

		if (x->inherits == INHERIT_FOCUS || (x->inherits == -1 && x->mention_end == x->mention_start &&
		    (x->kind == KIND_DIRECT || x->kind == KIND_PARTIAL))) {
			s = e = x->start;
		} else if (x->inherits < 0 && x->mention_end > x->mention_start) {
			struct tok t[1];

			s = x->mention_start;
			e = x->mention_end;
			if (is_name_mention(t, tokenize(a, s, e, t, 1)))
				paras = 0;
		} else {
			continue;
		}
		if (s < upto)
			add_region(a, paras_back(a, s, paras), para_end_of(a, e, upto), paras > 0);
	}
	if (a->nregions > 0)
		add_region(a, 0, para_end_of(a, LEAD_BYTES < upto ? LEAD_BYTES : upto, upto), 0);
	/* in order, overlaps merged */
	qsort(a->regions, a->nregions, sizeof *a->regions, region_cmp);
	size_t m = 0;

	for (size_t i = 0; i < a->nregions; i++) {
		if (m > 0 && a->regions[i].s <= a->regions[m - 1].e + 2) {
			if (a->regions[i].e > a->regions[m - 1].e)
				a->regions[m - 1].e = a->regions[i].e;
			a->regions[m - 1].discourse |= a->regions[i].discourse;
		} else {
			a->regions[m++] = a->regions[i];
		}
	}
	a->nregions = m;
}

/*
 * Feeds the name finder the needed regions of text[0..upto), and only
 * notes the names of the text between them: the tagger is most of the
 * cost, and most of the text holds nothing a speaker's name depends on.
 */
static void
feed_regions(struct attrib *a, const char *text, size_t upto, size_t base,
    const struct quote_span *q, size_t nq)
{
	size_t done = 0;

	for (size_t r = 0; r < a->nregions; r++) {
		if (a->regions[r].s > done)
			feed(a, text, upto, base, done, a->regions[r].s, q, nq, 1);
		feed(a, text, upto, base, a->regions[r].s, a->regions[r].e, q, nq, 0);
		done = a->regions[r].e;
	}
	if (done < upto)
		feed(a, text, upto, base, done, upto, q, nq, 1);
}

/* ------------------------------------------------------------ choosing speakers */

/*
 * The end of a chosen mention carried past the name that only modifies a
 * person noun, to that noun or the name it introduces: "the Ohio
 * senator", "Clinton campaign spokesman Tim Wu", not "the Ohio".
 */
static size_t
to_person_head(const struct sp_quote *q, size_t me)
{
	const struct tok *t = q->before;
	size_t n = q->nbefore, h;

	if (n == 0 || me > t[n - 1].e) {
		t = q->after;
		n = q->nafter;
	}
	for (h = 0; h < n && t[h].e != me; h++)
		;
	if (h == n || is_pronoun(&t[h]))
		return me;
	if (!t[h].cap && t[h].wc != W_PERSON)
		return me;
	size_t from = t[h].cap ? h + 1 : h, noun = role_words_end(t, from, n, h + 4 - from);

	while (noun > from && t[noun - 1].wc != W_PERSON)
		noun--;
	if (noun-- == from)
		return me;
	size_t m = name_words_end(t, noun + 1, n);

	return m - noun >= 3 ? t[m - 1].e : t[noun].e;
}

/*
 * Lets the ranker of speaker.h choose the speaker of each quotation of
 * speech among the rules' choice and the phrases around it.  out[0..nq)
 * are the quotations q[0..nq) in order.
 */
static void
choose_speakers(struct attrib *a, const struct quote_span *q, size_t nq)
{
	struct tok before[96], after[64];

	for (size_t i = 0; i < nq && i < a->nout; i++) {
		struct attribution *x = &a->out[i];
		const struct quote_span *s = &q[i];

		if (x->kind != KIND_DIRECT && x->kind != KIND_PARTIAL)
			continue;
		size_t lo = s->para_start, hi = s->para_end;

		if (i > 0 && q[i - 1].end > lo && q[i - 1].end <= s->start)
			lo = q[i - 1].end;
		if (s->start > lo + 480)
			lo = s->start - 480;
		if (i + 1 < nq && q[i + 1].start < hi)
			hi = q[i + 1].start;
		if (hi > s->end + 320)
			hi = s->end + 320;
		if (hi < s->end)
			hi = s->end;

		size_t nb = tokenize(a, lo, s->start, before, sizeof before / sizeof before[0]);
		size_t na = tokenize(a, s->end, hi, after, sizeof after / sizeof after[0]);
		size_t first = 0;

		/* words inside marks are not the writer's: keep those outside them */
		for (size_t k = 0; k < nb; k++)
			if (before[k].type == T_QUOTE)
				first = k + 1;
		for (size_t k = 0; k < na; k++)
			if (after[k].type == T_QUOTE) {
				na = k;
				break;
			}

		struct sp_quote sq = {
			.text = a->text, .start = s->start, .end = s->end,
			.before = before + first, .nbefore = nb - first, .after = after, .nafter = na,
			.rule_ms = x->mention_start, .rule_me = x->mention_end,
			.rule_cs = x->cue_start, .rule_ce = x->cue_end,
			.opens = x->kind == KIND_DIRECT, .ents = a->ents, .nents = a->nents
		};

		sq.rule = x->inherits >= 0 ? SP_RULE_CONTINUES : x->inherits == INHERIT_FOCUS ? SP_RULE_FOCUS :
		    x->mention_end > x->mention_start ? SP_RULE_WRITTEN : SP_RULE_NOTHING;
		sp_candidates(&a->cands, &sq, a->classes);
		if (a->trace)
			a->trace(a->trace_ctx, s->start, s->end, &a->cands);

		size_t best = sp_choose(&a->cands, a->trace ? NULL : a->ranker);
		const struct sp_cand *c = &a->cands.c[best];

		if (c->kind == SP_RULE || (c->ms == x->mention_start && c->me == x->mention_end))
			continue;
		x->mention_start = c->ms;
		x->mention_end = c->kind == SP_WINDOW ? to_person_head(&sq, c->me) : c->me;
		x->cue_start = c->cs;
		x->cue_end = c->ce;
		x->inherits = c->kind == SP_FOCUS ? INHERIT_FOCUS : -1;
		a->ranked[i] = 1;
	}
}

void
attrib_trace(struct attrib *a, attrib_trace_fn *fn, void *ctx)
{
	a->trace = fn;
	a->trace_ctx = ctx;
}

size_t
attrib_find(struct attrib *a, const char *text, size_t len, size_t base,
    const struct attribution **out)
{
	const struct quote_span *q;
	size_t nq, need;

	a->nout = 0;
	a->nents = 0;
	a->paras->text = NULL;  /* the same address may hold other bytes now */
	a->text = text;
	a->len = len;
	a->base = base;
	a->lines = quote_lines_are_paras(text, len);
	nq = quote_find(a->qf, text, len, &q);
	need = nq ? attribute(a, q, nq) : 0;
	if (a->flags & ATTRIB_INDIRECT)
		need = find_indirect(a, q, nq, need, 0, len);
	if (need == 0) {
		hold(a, text, len, base);
	} else {
		/* the names that matter stand before the last mention's paragraph ends */
		size_t upto = para_end_of(a, need, len);

		needed_regions(a, upto);
		if (!(a->flags & ATTRIB_INDIRECT)) {
			/* reported speech near the quotations puts its speakers in focus, shown or not */
			for (size_t r = 0; r < a->nregions; r++)
				if (a->regions[r].s < q[nq - 1].start && a->regions[r].discourse)
					find_indirect(a, q, nq, 0, a->regions[r].s,
					    a->regions[r].e < q[nq - 1].start ? a->regions[r].e : q[nq - 1].start);
		}
		feed_held(a);
		a->nents = 0;
		feed_regions(a, text, upto, base, q, nq);
		a->text = text;
		a->len = len;
		a->base = base;
		choose_speakers(a, q, nq);
		resolve_all(a);
	}
	keep_wanted(a);
	if (a->flags & ATTRIB_INDIRECT)
		sort_by_start(a);
	*out = a->out;
	return a->nout;
}
