/*
 * The attributor's words: the class lib/data/cues.txt gives a word,
 * looked up by a hash of its lowercased bytes, and the tokens of a
 * stretch of text with their classes.
 */

#include "attrib_impl.h"

#include <string.h>

#include "xalloc.h"

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
void
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

enum wclass
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

/*
 * Splits text[lo..hi) into words, punctuation and quotation marks, at
 * most max of them.  A word keeps its inner apostrophes, hyphens and
 * dots ("U.S", "Vale’s"), and the dot after an abbreviation or an
 * initial.
 */
size_t
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

int
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

int
is_cue(const struct tok *t)
{
	return t->type == T_WORD && t->wc == W_CUE && !t->cap;
}

int
ends_sentence(const struct tok *t, size_t i, size_t n)
{
	if (t[i].type != T_PUNCT || !(t[i].ch == '.' || t[i].ch == '!' || t[i].ch == '?'))
		return 0;
	if (i + 1 < n && t[i + 1].type == T_PUNCT && (t[i + 1].ch == ')' || t[i + 1].ch == ','))
		return 0;       /* "(D-Md.)" */
	return i + 1 >= n || t[i + 1].type != T_WORD || t[i + 1].cap;
}
