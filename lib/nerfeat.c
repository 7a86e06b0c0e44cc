#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "nerfeat.h"
#include "token.h"
#include "utf8.h"
#include "wordclass.h"
#include "xalloc.h"

static uint32_t
hash_str(uint32_t seed, const char *s, size_t n)
{
	uint32_t h = 2166136261u ^ (seed * 16777619u);
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h ^ (h >> 15);
}

static uint32_t
mix(uint32_t a, uint32_t b)
{
	uint32_t h = a * 0x9E3779B1u ^ (b + 0x7F4A7C15u + (a << 6) + (a >> 2));
	h ^= h >> 16;
	h *= 0x85EBCA6Bu;
	h ^= h >> 13;
	return h;
}

static uint32_t
mix3(uint32_t a, uint32_t b, uint32_t c)
{
	return mix(mix(a, b), c);
}

/* Feature templates: the first argument of every hash. */
enum {
	F_BIAS = 1, F_WORD, F_LOW, F_SHAPE, F_PREFIX, F_SUFFIX, F_FLAGS, F_SHAPE_POS,
	F_LOW_PREV, F_LOW_NEXT, F_LOW_PREV2, F_LOW_NEXT2, F_SHAPE_PREV, F_SHAPE_NEXT,
	F_BIGRAM_PREV, F_BIGRAM_NEXT, F_GAZ, F_GAZ_POS, F_GAZ_PREV, F_GAZ_NEXT,
	F_GAZ_FLAGS, F_DOC, F_DOC_SHAPE, F_TAG1, F_TAG2, F_TAG_LOW, F_TAG_SHAPE,
	F_SHAPE_TRI, F_LOW_SHAPE_NEXT, F_LEN, F_LINE, F_SEEN, F_SEEN_ALL,
	F_CLASS, F_CLASS_FINE, F_CLASS_PREV, F_CLASS_NEXT, F_CLASS_FINE_PREV, F_CLASS_FINE_NEXT,
	F_GAZ_BEFORE_CAPITAL
};

/*
 * Words recur: their gazetteer bits are remembered by the hash of their
 * bytes (a word missed costs a trip to the lists and one to the word
 * classes, both tables of megabytes).  Room for the words of the
 * documents at hand, not a stream's whole vocabulary: each thread keeps
 * one.  16,384 slots missed 184,000 times in 1.47 million lookups over
 * 20 MB of Reuters copy, 65,536 (512 KiB) 104,000 times: 3-8 % less
 * processor time; four times more would miss 71,000.
 */
#define MEMO_SIZE 65536
struct ner_gaz_memo {
	/*
	 * The hash's high half, its word classes (NER_CLASS_NONE when it
	 * has none) and its GAZ_* bits: one memory trip a word.
	 */
	uint64_t slot[MEMO_SIZE];       /* 0: empty */
};

#define MEMO_AHEAD 8
#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

static uint64_t *
memo_slot(const struct ner_doc *d, uint64_t h)
{
	return &d->memo->slot[(size_t)(h ^ h >> 31) & (MEMO_SIZE - 1)];
}

/*
 * Function words, which begin no name even when capitalised, by first
 * letter (a capitalised word is checked against a handful, not all).
 */
static const char *const closed_words[26] = {
	" a an at and as after all although also are about ",
	" but by before be because both ",
	"",
	" dr. do does did ",
	" each ",
	" for from four five ",
	"",
	" he his her however how has have had ",
	" in it i if its is into ",
	"",
	"",
	" last ",
	" more most mr. mrs. ms. my meanwhile ",
	" not no next ",
	" on or of other our one only over ",
	"",
	"",
	"",
	" she some said says so since ",
	" the they this that these those their there to than then two three ",
	" under until ",
	"",
	" we with when while what who which where why was were ",
	"",
	" your you ",
	"",
};

/* Beside a word's GAZ_* bits in the memo (they stop below it): a function word. */
#define MEMO_CLOSED 0x8000u
#define MEMO_LOW 0xFFFFFFFFu    /* the bits of a slot below its key */

/* What a memo slot holds above a word's bits: the high half of its hash h, and a mark. */
static uint64_t
memo_key(uint64_t h)
{
	return (h | (uint64_t)1 << 32) & ~(uint64_t)MEMO_LOW;
}

/* The classes of token t as written, coarse << 8 | fine, or NER_CLASS_NONE. */
static unsigned
classes_of(const struct wordclass *wc, const struct ner_token *t)
{
	unsigned coarse, fine;
	if (!wc || !wordclass_of(wc, wordclass_key(t->s, t->len), &coarse, &fine))
		return NER_CLASS_NONE;
	return coarse << 8 | fine;
}

/* The GAZ_* bits of token t (alpha: whether it is a word the lists may hold), MEMO_CLOSED, and its classes above. */
static uint32_t
lookup_word(struct ner_doc *d, const struct gazetteer *g, const struct wordclass *wc,
    const struct ner_token *t, int alpha)
{
	uint64_t h = t->wordh;
	uint64_t *slot = memo_slot(d, h);
	uint64_t key = memo_key(h);
	if ((*slot & ~(uint64_t)MEMO_LOW) != key) {
		const char *low = d->arena + t->low;
		unsigned bits = alpha ? gaz_lookup(g, low, t->lowlen) & (MEMO_CLOSED - 1) : 0;
		if (alpha && lexicon_in_list(closed_words, low, t->lowlen))
			bits |= MEMO_CLOSED;
		*slot = key | (uint64_t)classes_of(wc, t) << 16 | bits;
	}
	return (uint32_t)(*slot & MEMO_LOW);
}

void
ner_doc_clear(struct ner_doc *d)
{
	d->n = 0;
	d->arena_len = 0;
}

void
ner_doc_free(struct ner_doc *d)
{
	free(d->t);
	free(d->arena);
	free(d->memo);
	free(d->seen);
	free(d->seen_at);
	memset(d, 0, sizeof *d);
}

/* "Xxxx" -> "Xx", "U.S." -> "X.X.", "1996-08-30" -> "d-d-d": kinds of characters, runs collapsed. */
static uint32_t
shape_hash(const char *s, size_t n)
{
	char buf[16];
	size_t o = 0;
	char last = 0;
	for (size_t i = 0; i < n && o < sizeof buf;) {
		uint32_t c = (unsigned char)s[i];
		char k;
		if (c < 0x80) {
			i++;
			k = c >= 'A' && c <= 'Z' ? 'X' : c >= 'a' && c <= 'z' ? 'x' :
			    c >= '0' && c <= '9' ? 'd' : (char)c;
			if (k != last)
				buf[o++] = k;
			last = k;
			continue;
		}
		i += utf8_decode(s + i, n - i, &c);
		k = u_isupper(c) ? 'X' : u_islower(c) ? 'x' : u_isdigit(c) ? 'd' :
		    u_isalpha(c) ? 'a' : c < 0x80 ? (char)c : '*';
		if (k != last)
			buf[o++] = k;
		last = k;
	}
	return hash_str(F_SHAPE, buf, o);
}

/* Four and sixteen consecutive byte values, for the tables below. */
#define SEQ4(b) (b), (b) + 1, (b) + 2, (b) + 3
#define SEQ16(b) SEQ4(b), SEQ4((b) + 4), SEQ4((b) + 8), SEQ4((b) + 12)
#define SAME4(c) c, c, c, c
#define SAME16(c) SAME4(c), SAME4(c), SAME4(c), SAME4(c)

/* Each ASCII byte lowered, and its kind in a shape (as shape_hash makes them): one load each. */
static const unsigned char ascii_lower[128] = {
	SEQ16(0x00), SEQ16(0x10), SEQ16(0x20), SEQ16(0x30),
	'@', SEQ16('a'), SEQ4('q'), SEQ4('u'), 'y', 'z', '[', '\\', ']', '^', '_',
	SEQ16(0x60), SEQ16(0x70),
};
static const unsigned char ascii_shape[128] = {
	SEQ16(0x00), SEQ16(0x10), SEQ16(0x20),
	SAME4('d'), SAME4('d'), 'd', 'd', ':', ';', '<', '=', '>', '?',
	'@', SAME16('X'), SAME4('X'), SAME4('X'), 'X', 'X', '[', '\\', ']', '^', '_',
	'`', SAME16('x'), SAME4('x'), SAME4('x'), 'x', 'x', '{', '|', '}', '~', 0x7F,
};
#undef SEQ4
#undef SEQ16
#undef SAME4
#undef SAME16

/*
 * The lower-case form (into out, room for twice min(len, 64) bytes) and
 * the hashes of any token; returns the length of the lower-case form.
 */
static size_t
lower_and_hash(struct ner_token *t, char *out, const char *s, size_t len)
{
	size_t cap_low = len < 64 ? len : 64, i = 0, o = 0;

	/* Lower case may grow a character by a byte or two; cap what is kept. */
	while (i < cap_low) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			if (o + 1 > cap_low * 2)
				break;
			out[o++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
			i++;
			continue;
		}
		uint32_t c;
		size_t l = utf8_decode(s + i, len - i, &c);
		char buf[4];
		size_t m = utf8_encode(u_tolower(c), buf);
		if (o + m > cap_low * 2)
			break;
		memcpy(out + o, buf, m);
		o += m;
		i += l;
	}
	t->lowh = hash_str(F_LOW, out, o);
	t->shapeh = shape_hash(s, len);
	uint64_t h = 14695981039346656037ull;
	for (size_t k = 0; k < len; k++)
		h = (h ^ (unsigned char)s[k]) * 1099511628211ull;
	t->wordh = h;
	return o;
}

/*
 * The hashes and lower-case form (into out) of an ASCII token s[0..len)
 * of 16 bytes or fewer (a shape has at most 16 kinds: such a word needs
 * no count of them), the same values as lower_and_hash's; returns 0,
 * having set nothing in t, when a byte is not ASCII.
 */
static inline int
hash_short(struct ner_token *t, char *out, const char *s, size_t len)
{
	uint32_t lh = 2166136261u ^ (F_LOW * 16777619u);
	uint32_t sh = 2166136261u ^ (F_SHAPE * 16777619u);
	uint64_t wh = 14695981039346656037ull;
	unsigned last = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned b = (unsigned char)s[i];
		if (b >= 0x80)
			return 0;
		unsigned lo = ascii_lower[b], k = ascii_shape[b];
		out[i] = (char)lo;
		lh = (lh ^ lo) * 16777619u;
		wh = (wh ^ b) * 1099511628211ull;
		uint32_t next = (sh ^ k) * 16777619u;
		sh = k != last ? next : sh;
		last = k;
	}
	t->lowh = lh ^ (lh >> 15);
	t->shapeh = sh ^ (sh >> 15);
	t->wordh = wh;
	t->lowlen = len;
	return 1;
}

/* Tokens taken at a time by ner_doc_add_tokens, in the order of their lengths. */
#define ADD_BATCH 256

/*
 * Appends v[0..n) (n <= ADD_BATCH) with room for them in the arena.
 * The short words are hashed grouped by length, shortest first: a
 * hashing loop that runs as many rounds as the one before is one whose
 * end the processor foresees (in text order, nearly every word's end
 * was a wrong guess).
 */
static void
add_batch(struct ner_doc *d, const char *text, const struct token *v, size_t n)
{
	unsigned short at[17] = { 0 }, order[ADD_BATCH], later[ADD_BATCH];
	size_t nlater = 0;
	struct ner_token *t = d->t + d->n;
	char *arena = d->arena;

	for (size_t i = 0; i < n; i++) {
		size_t len = v[i].end - v[i].start;
		t[i].s = text + v[i].start;
		t[i].len = len;
		t[i].flags = v[i].flags;
		t[i].gaz = t[i].phrase = 0;
		t[i].phrase_pos = 0;
		t[i].doc_class = -1;
		t[i].closed = 0;
		t[i].seen = 0;
		t[i].cls = NER_CLASS_NONE;
		t[i].low = d->arena_len;
		if (len > 16) {
			t[i].lowlen = lower_and_hash(&t[i], arena + d->arena_len, t[i].s, len);
			d->arena_len += t[i].lowlen;
		} else {
			d->arena_len += len;
			if (len < 16)
				at[len + 1]++;
		}
	}
	for (size_t k = 1; k < 17; k++)
		at[k] += at[k - 1];
	for (size_t i = 0; i < n; i++)
		if (t[i].len <= 16)
			order[at[t[i].len]++] = (unsigned short)i;
	size_t shorts = at[16];
	for (size_t k = 0; k < shorts; k++) {
		struct ner_token *w = &t[order[k]];
		if (!hash_short(w, arena + w->low, w->s, w->len))
			later[nlater++] = order[k];
	}
	/* Not ASCII: lower case may be longer, so the form goes at the end. */
	for (size_t k = 0; k < nlater; k++) {
		struct ner_token *w = &t[later[k]];
		w->low = d->arena_len;
		w->lowlen = lower_and_hash(w, arena + d->arena_len, w->s, w->len);
		d->arena_len += w->lowlen;
	}
	d->n += n;
}

void
ner_doc_add_tokens(struct ner_doc *d, const char *text, const struct token *v, size_t n)
{
	if (d->n + n > d->cap) {
		d->cap = xroom(d->n + n);
		d->t = xrealloc(d->t, d->cap * sizeof *d->t);
	}
	for (size_t i = 0; i < n; i += ADD_BATCH) {
		size_t m = n - i < ADD_BATCH ? n - i : ADD_BATCH, room = 0;
		/*
		 * Lower case may grow a character by a byte or two: room for
		 * twice what is kept, and a short word's place besides.
		 */
		for (size_t k = i; k < i + m; k++) {
			size_t len = v[k].end - v[k].start;
			room += (len < 64 ? len : 64) * 3;
		}
		if (d->arena_len + room + 8 > d->arena_cap) {
			d->arena_cap = xroom(d->arena_len + room + 8);
			d->arena = xrealloc(d->arena, d->arena_cap);
		}
		add_batch(d, text, v + i, m);
	}
}

void
ner_doc_add(struct ner_doc *d, const char *s, size_t len, unsigned flags)
{
	const struct token one = { 0, len, flags };
	ner_doc_add_tokens(d, s, &one, 1);
}


/*
 * A word's places: which FEAT_SEEN_* kinds it holds once or more, and
 * twice or more (a token learns of the others: more than its own place).
 */
struct ner_seen {
	uint32_t word;          /* lowh | 1; 0: empty */
	unsigned char once, twice;
};

static unsigned
is_cap(const struct ner_token *t)
{
	return (t->flags & TOK_UPPER_INITIAL) && !t->closed;
}

/* The FEAT_SEEN_* bits of token i's own place. */
static unsigned
seen_here(const struct ner_doc *d, size_t i)
{
	const struct ner_token *t = &d->t[i];
	const struct ner_token *p = i > 0 && !(t->flags & TOK_LINE_START) ? &d->t[i - 1] : NULL;
	const struct ner_token *q = i + 1 < d->n && !(d->t[i + 1].flags & TOK_LINE_START) ?
	    &d->t[i + 1] : NULL;
	unsigned bits = 0;
	if (p && is_cap(p) && (p->gaz & (GAZ_FIRST_MALE | GAZ_FIRST_FEMALE)))
		bits |= FEAT_SEEN_AFTER_FIRST;
	if (p && (p->gaz & GAZ_TITLE))
		bits |= FEAT_SEEN_AFTER_TITLE;
	if (q && is_cap(q) && (q->gaz & GAZ_ORG_WORD))
		bits |= FEAT_SEEN_BEFORE_ORG_WORD;
	if (q && is_cap(q))
		bits |= FEAT_SEEN_BEFORE_CAPITAL;
	else if (p && !(t->flags & TOK_SENT_START) && !is_cap(p) && !(t->flags & TOK_HEADLINE))
		bits |= FEAT_SEEN_ALONE;
	return bits;
}

/*
 * A name is often written in full once and short later ("Harris
 * Metals" ... "Harris"; "Ian Webb" ... "Webb"): every capitalised
 * word learns the places the same word holds in the rest of the document
 * (its own place is in its other features: leaving it out keeps a word
 * written once as it was without these).
 */
struct ner_seen_at {
	uint32_t token;
	uint32_t slot;          /* in d->seen */
	unsigned here;          /* FEAT_SEEN_* of its own place */
};

static void
mark_seen(struct ner_doc *d)
{
	size_t cap = 64, words = 0;
	if (d->n > d->seen_at_cap) {
		d->seen_at_cap = d->n;
		free(d->seen_at);
		d->seen_at = xmalloc(d->seen_at_cap * sizeof *d->seen_at);
	}
	for (size_t i = 0; i < d->n; i++)
		if (is_cap(&d->t[i]) && (d->t[i].flags & TOK_ALPHA)) {
			d->seen_at[words].token = (uint32_t)i;
			d->seen_at[words++].here = seen_here(d, i);
		}
	/* Sized for the capitalised words alone: clearing it is a cost per document. */
	while (cap < words * 2)
		cap *= 2;
	if (cap > d->seen_cap) {
		d->seen = xrealloc(d->seen, cap * sizeof *d->seen);
		d->seen_cap = cap;
	}
	memset(d->seen, 0, cap * sizeof *d->seen);
	for (size_t k = 0; k < words; k++) {
		struct ner_seen_at *at = &d->seen_at[k];
		uint32_t w = d->t[at->token].lowh | 1;
		size_t j = w & (cap - 1);
		while (d->seen[j].word && d->seen[j].word != w)
			j = (j + 1) & (cap - 1);
		struct ner_seen *e = &d->seen[j];
		e->word = w;
		at->slot = (uint32_t)j;
		e->twice |= e->once & at->here;
		e->once |= at->here;
	}
	for (size_t k = 0; k < words; k++) {
		const struct ner_seen_at *at = &d->seen_at[k];
		const struct ner_seen *e = &d->seen[at->slot];
		/* A kind of place held elsewhere: twice, or once and not here. */
		d->t[at->token].seen |= e->twice | (e->once & ~at->here);
	}
}

/* Words of lines without lower case that are looked for in the rest: a headline's worth. */
#define HEADLINE_ONLY_WORDS 64

/* The slot of word w in the open table word[0..mask], or the empty one where it would go. */
static size_t
headline_slot_of(const uint32_t *word, size_t mask, uint32_t w)
{
	size_t j = w & mask;
	while (word[j] && word[j] != w)
		j = (j + 1) & mask;
	return j;
}

/*
 * A word of a line in capitals ("ACME 1ST QTR NET") that the rest of the
 * document never writes, in any case, is more often the headline's
 * shorthand than a name, which the story spells out: whether it does is
 * left for the weights to judge.  Only where there is a rest to tell.
 */
static void
mark_headline_only(struct ner_doc *d)
{
	uint32_t word[HEADLINE_ONLY_WORDS * 2] = { 0 };
	unsigned char found[HEADLINE_ONLY_WORDS * 2] = { 0 };
	const size_t mask = HEADLINE_ONLY_WORDS * 2 - 1;
	size_t words = 0, rest = 0;

	for (size_t i = 0; i < d->n; i++) {
		const struct ner_token *t = &d->t[i];
		if (!(t->flags & TOK_ALPHA))
			continue;
		if (!(t->flags & TOK_HEADLINE)) {
			rest++;
			continue;
		}
		if (words == HEADLINE_ONLY_WORDS)
			continue;
		size_t j = headline_slot_of(word, mask, t->lowh | 1);
		words += !word[j];
		word[j] = t->lowh | 1;
	}
	if (!words || !rest)
		return;
	for (size_t i = 0; i < d->n; i++) {
		const struct ner_token *t = &d->t[i];
		if ((t->flags & (TOK_ALPHA | TOK_HEADLINE)) != TOK_ALPHA)
			continue;
		size_t j = headline_slot_of(word, mask, t->lowh | 1);
		found[j] = word[j] != 0;
	}
	for (size_t i = 0; i < d->n; i++) {
		struct ner_token *t = &d->t[i];
		if ((t->flags & (TOK_ALPHA | TOK_HEADLINE)) != (TOK_ALPHA | TOK_HEADLINE))
			continue;
		size_t j = headline_slot_of(word, mask, t->lowh | 1);
		if (word[j] && !found[j])
			t->seen |= FEAT_SEEN_HEADLINE_ONLY;
	}
}

/*
 * Whether token t, as the memo knows it, is no word of a listed phrase
 * after the phrase's first (GAZ_INNER): then no phrase runs on through
 * it, and looking the longer phrase up is not needed.  A token unknown
 * to the memo, or holding a space, may still continue one.
 */
static int
ends_phrases(const struct ner_doc *d, const struct ner_token *t)
{
	uint64_t slot = *memo_slot(d, t->wordh);
	return (slot & ~(uint64_t)MEMO_LOW) == memo_key(t->wordh) && !(slot & GAZ_INNER) &&
	    !memchr(d->arena + t->low, ' ', t->lowlen);
}

void
feat_prepare(struct ner_doc *d, const struct gazetteer *g, const struct wordclass *wc)
{
	char key[512];

	if (!d->memo) {
		d->memo = xmalloc(sizeof *d->memo);
		memset(d->memo, 0, sizeof *d->memo);
	}
	/* The flags of the tokens before, at and after i, carried along. */
	unsigned before = 0, here = d->n ? d->t[0].flags : 0;
	for (size_t i = 0; i < d->n; i++) {
		struct ner_token *t = &d->t[i];
		unsigned after = i + 1 < d->n ? d->t[i + 1].flags : 0;
		/* The memo is bigger than the fast caches: ask for a later word's slot early. */
		if (i + MEMO_AHEAD < d->n)
			PREFETCH(memo_slot(d, d->t[i + MEMO_AHEAD].wordh));
		/*
		 * Lower-case words matter to the lists only next to capitals
		 * (the tagger skips the rest): looking them all up would be
		 * most of the time spent here.
		 */
		unsigned flags = here, near = before | flags | after;
		before = flags;
		here = after;
		/* Every capitalised word is near one, so its memo slot also says whether it is closed. */
		uint32_t bits = near & TOK_UPPER ? lookup_word(d, g, wc, t, (flags & TOK_ALPHA) != 0) :
		    (uint32_t)NER_CLASS_NONE << 16;
		t->gaz = bits & 0xFFFF & ~(MEMO_CLOSED | GAZ_INNER);
		t->closed = (flags & TOK_UPPER) && (bits & MEMO_CLOSED);
		t->cls = bits >> 16;
	}
	if (!d->alone) {
		mark_seen(d);
		mark_headline_only(d);
	}
	/* Phrases: the longest listed run of 2+ tokens from each start. */
	for (size_t i = 0; i < d->n; i++) {
		if (!(d->t[i].gaz & GAZ_PREFIX))
			continue;
		size_t len = 0, best = 0;
		unsigned best_bits = 0;
		for (size_t j = i; j < d->n && j < i + 8; j++) {
			const struct ner_token *t = &d->t[j];
			if (len + t->lowlen + 1 > sizeof key || (j > i && (t->flags & TOK_LINE_START)))
				break;
			if (j > i)
				key[len++] = ' ';
			memcpy(key + len, d->arena + t->low, t->lowlen);
			len += t->lowlen;
			if (j == i)
				continue;
			if (ends_phrases(d, t))
				break;
			unsigned bits = gaz_lookup(g, key, len);
			if (bits & ~(unsigned)(GAZ_PREFIX | GAZ_INNER)) {
				best = j - i + 1;
				best_bits = bits & ~(unsigned)(GAZ_PREFIX | GAZ_INNER);
			}
			if (!(bits & GAZ_PREFIX))
				break;
		}
		for (size_t j = i; j < i + best; j++) {
			if (d->t[j].phrase_pos)
				continue;
			d->t[j].phrase = best_bits;
			d->t[j].phrase_pos = j == i ? 1 : 2;
		}
	}
}

/* The capital and position flags that matter, packed small. */
static unsigned
case_flags(unsigned f)
{
	unsigned k = 0;
	if (f & TOK_UPPER_INITIAL)
		k |= 1;
	if ((f & TOK_UPPER) && !(f & TOK_LOWER))
		k |= 2;
	if (f & TOK_SENT_START)
		k |= 4;
	if (f & TOK_HEADLINE)
		k |= 8;
	return k;
}

size_t
feat_local(const struct ner_doc *d, size_t i, uint32_t *out)
{
	const struct ner_token *t = &d->t[i];
	const char *low = d->arena + t->low;
	size_t n = 0;
	unsigned cf = case_flags(t->flags);

	out[n++] = F_BIAS;
	out[n++] = hash_str(F_WORD, t->s, t->len < 64 ? t->len : 64);
	out[n++] = t->lowh;
	out[n++] = t->shapeh;
	out[n++] = mix(F_SHAPE_POS, mix(t->shapeh, cf));
	out[n++] = mix(F_LEN, t->lowlen < 12 ? (uint32_t)t->lowlen : 12);
	if (t->flags & TOK_LINE_START)
		out[n++] = mix(F_LINE, t->shapeh);
	/* Affixes by bytes: a cut inside a character still names it consistently. */
	for (size_t k = 1; k <= 4 && k < t->lowlen; k++) {
		out[n++] = hash_str(F_PREFIX * 8 + (uint32_t)k, low, k);
		out[n++] = hash_str(F_SUFFIX * 8 + (uint32_t)k, low + t->lowlen - k, k);
	}
	for (int b = 0; b < GAZ_CLASSES; b++)
		if (t->gaz & 1u << b) {
			out[n++] = mix(F_GAZ, (uint32_t)b);
			out[n++] = mix3(F_GAZ_FLAGS, (uint32_t)b, cf);
		}
	if (t->cls != NER_CLASS_NONE) {
		out[n++] = mix(F_CLASS, t->cls >> 8);
		out[n++] = mix(F_CLASS_FINE, t->cls & 255);
	}
	return n;
}

uint64_t
feat_local_key(const struct ner_doc *d, size_t i)
{
	const struct ner_token *t = &d->t[i];
	unsigned k = case_flags(t->flags) | (t->flags & TOK_LINE_START ? 32 : 0);
	return t->wordh ^ ((uint64_t)mix(k, t->gaz | (uint32_t)t->cls << 16) << 20);
}

/* Token i + off, or NULL beyond the document's ends. */
static const struct ner_token *
token_at(const struct ner_doc *d, size_t i, long off)
{
	long j = (long)i + off;
	return j < 0 || (size_t)j >= d->n ? NULL : &d->t[j];
}

/* The lower-case hash and the shape of t, or marks of the end they stand beyond (before: off < 0). */
static uint32_t
low_or_edge(const struct ner_token *t, long off)
{
	return t ? t->lowh : off < 0 ? 11 : 13;
}

static uint32_t
shape_or_edge(const struct ner_token *t, long off)
{
	return t ? t->shapeh : off < 0 ? 17 : 19;
}

/* The classes of t, or a mark of the end it stands beyond. */
static uint32_t
class_or_edge(const struct ner_token *t)
{
	return t ? t->cls : NER_CLASS_NONE + 1;
}

unsigned
feat_case(const struct ner_doc *d, size_t i, long off)
{
	const struct ner_token *t = token_at(d, i, off);
	return t ? case_flags(t->flags) : FEAT_CASES - 1;
}

uint32_t
feat_flags(unsigned cf, unsigned pf, unsigned nf)
{
	return mix(F_FLAGS, cf | pf << 5 | nf << 10);
}

size_t
feat_around(const struct ner_doc *d, size_t i, uint32_t *out)
{
	const struct ner_token *t = &d->t[i];
	const struct ner_token *p = token_at(d, i, -1), *q = token_at(d, i, 1);
	uint32_t plow = low_or_edge(p, -1), qlow = low_or_edge(q, 1);
	uint32_t pshape = shape_or_edge(p, -1), qshape = shape_or_edge(q, 1);

	/* In the order training met them, which places them in the weights file. */
	out[0] = mix(F_LOW_PREV, plow);
	out[1] = mix(F_LOW_NEXT, qlow);
	out[2] = mix(F_LOW_PREV2, low_or_edge(token_at(d, i, -2), -2));
	out[3] = mix(F_LOW_NEXT2, low_or_edge(token_at(d, i, 2), 2));
	out[4] = mix(F_SHAPE_PREV, pshape);
	out[5] = mix(F_SHAPE_NEXT, qshape);
	out[6] = mix3(F_SHAPE_TRI, pshape, mix(t->shapeh, qshape));
	out[7] = mix3(F_BIGRAM_PREV, plow, t->lowh);
	out[8] = mix3(F_BIGRAM_NEXT, t->lowh, qlow);
	out[9] = mix3(F_LOW_SHAPE_NEXT, t->lowh, qshape);
	uint32_t pc = class_or_edge(p), qc = class_or_edge(q);
	out[10] = mix(F_CLASS_FINE_PREV, pc);
	out[11] = mix(F_CLASS_FINE_NEXT, qc);
	return FEAT_AROUND;
}

size_t
feat_seen(unsigned seen, uint32_t *out)
{
	size_t n = 0;
	if (seen) {
		out[n++] = mix(F_SEEN_ALL, seen);
		for (int b = 0; b < FEAT_SEEN_KINDS; b++)
			if (seen & 1u << b)
				out[n++] = mix(F_SEEN, (uint32_t)b);
	}
	return n;
}

uint32_t
feat_gaz_phrase(int b, int pos)
{
	return mix3(F_GAZ_POS, (uint32_t)b, (uint32_t)pos);
}

uint32_t
feat_gaz_beside(int b, int after)
{
	return mix(after ? F_GAZ_PREV : F_GAZ_NEXT, (uint32_t)b);
}

int
feat_capital_next(const struct ner_doc *d, size_t i)
{
	return i + 1 < d->n && !(d->t[i + 1].flags & TOK_LINE_START) && is_cap(&d->t[i + 1]);
}

uint32_t
feat_gaz_before_capital(int b)
{
	return mix(F_GAZ_BEFORE_CAPITAL, (uint32_t)b);
}

size_t
feat_context(const struct ner_doc *d, size_t i, uint32_t *out)
{
	const struct ner_token *t = &d->t[i];
	size_t n = 0;
	int capital_next = feat_capital_next(d, i);

	out[n++] = feat_flags(feat_case(d, i, 0), feat_case(d, i, -1), feat_case(d, i, 1));
	n += feat_around(d, i, out + n);
	n += feat_seen(t->seen, out + n);
	for (int b = 0; b < GAZ_CLASSES; b++) {
		if (t->phrase & 1u << b)
			out[n++] = feat_gaz_phrase(b, t->phrase_pos);
		if (i > 0 && (d->t[i - 1].gaz & 1u << b))
			out[n++] = feat_gaz_beside(b, 1);
		if (i + 1 < d->n && (d->t[i + 1].gaz & 1u << b))
			out[n++] = feat_gaz_beside(b, 0);
		if (capital_next && (t->gaz & 1u << b))
			out[n++] = feat_gaz_before_capital(b);
	}
	return n + feat_doc(d, i, out + n);
}

size_t
feat_doc_kind(int kind, unsigned cf, uint32_t *out)
{
	out[0] = mix(F_DOC, (uint32_t)kind);
	out[1] = mix3(F_DOC_SHAPE, (uint32_t)kind, cf);
	return 2;
}

size_t
feat_doc(const struct ner_doc *d, size_t i, uint32_t *out)
{
	const struct ner_token *t = &d->t[i];
	if (t->doc_class < 0)
		return 0;
	return feat_doc_kind(t->doc_class, case_flags(t->flags), out);
}

size_t
feat_tags(int prev, int prev2, uint32_t *out)
{
	out[0] = mix(F_TAG1, (uint32_t)prev);
	out[1] = mix3(F_TAG2, (uint32_t)prev, (uint32_t)prev2);
	return 2;
}

size_t
feat_tag_word(const struct ner_token *t, int prev, uint32_t *out)
{
	out[0] = mix3(F_TAG_LOW, (uint32_t)prev, t->lowh);
	out[1] = mix3(F_TAG_SHAPE, (uint32_t)prev, t->shapeh);
	return 2;
}

size_t
feat_dynamic(const struct ner_doc *d, size_t i, int prev, int prev2, uint32_t *out)
{
	size_t n = feat_tags(prev, prev2, out);
	return n + feat_tag_word(&d->t[i], prev, out + n);
}
