/*
 * timex_words: the words and tokens the date finder reads.
 *
 * A table of temporal words (lib/data/timex_words.tsv: months,
 * weekdays, number words, units, "last", "ago", "now" ...) and a
 * tokenizer that cuts ASCII words, digit runs and single punctuation
 * bytes out of text[0..len) without allocating.  Words are matched
 * without regard to ASCII case; a word touching a non-ASCII byte is
 * never a table word ("Mayé" is not "May").
 */
#ifndef NTOOLS_TIMEX_WORDS_H
#define NTOOLS_TIMEX_WORDS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum tw_class {
	TW_NONE, TW_MONTH, TW_WDAY, TW_NUM, TW_ORD, TW_UNIT, TW_UNITS,
	TW_REL, TW_AGO, TW_REF, TW_DAYREL, TW_PART, TW_CLOCK, TW_SEASON,
	TW_EDGE, TW_APPROX, TW_SETW, TW_EVERY, TW_QUANT, TW_FISCAL,
	TW_HALF, TW_FUNC, TW_HOLIDAY, TW_AMPM, TW_TZ, TW_VAGUE,
	TW_PAST, TW_FUTURE, TW_PLAIN   /* verbs for the tense: "said", "will"; "-ed" words that are none */
};

enum tok_kind { TK_WORD, TK_NUM, TK_PUNCT, TK_OTHER, TK_END };

struct tok {
	size_t s, e;            /* the token's bytes */
	unsigned char kind;     /* enum tok_kind */
	unsigned char cls;      /* enum tw_class, for words */
	unsigned char cap;      /* a word with an upper-case first letter */
	unsigned char space;    /* white space (or nothing) before it: 1 space, 2 a line break */
	const char *val;        /* the table's value field (not NUL-terminated) */
	unsigned char vlen;
	long num;               /* a digit run's value (capped), a number word's value */
	uint64_t low;           /* a word's first eight bytes in lower case, the first in the low byte, zeros after */
};

/*
 * Builds the table on first use (the embedded data outlive it); safe
 * to call often.  Not thread-safe on the first call.  Words of the
 * classes in the bit mask trigger_classes (bit 1 << TW_MONTH, ...) pass
 * tw_maybe_trigger.
 */
void tw_init(unsigned long trigger_classes);

/*
 * Whether the word w[0..n) may belong to a trigger class: a cheap test,
 * by its first two letters and length, that keeps most words from the
 * lookup.  False positives happen; false negatives do not.
 */
static inline int tw_maybe_trigger(const char *w, size_t n);

/* The filters' key: first two letters (folded to 5 bits) and length. */
static inline unsigned tw_filter_key(const char *w, size_t n)
{
	unsigned a = (unsigned char)w[0] & 31, b = n > 1 ? (unsigned char)w[1] & 31 : 0;
	return a << 9 | b << 4 | (unsigned)(n < 15 ? n : 15);
}

/* A bit set indexed by tw_filter_key; inline because the scan asks it often. */
extern unsigned char tw_trigger_filter[1 << 14 >> 3];

static inline int tw_maybe_trigger(const char *w, size_t n)
{
	unsigned k = tw_filter_key(w, n);
	return n <= 15 && (tw_trigger_filter[k >> 3] >> (k & 7) & 1);
}

/*
 * Whether the word w[0..n) could be in the table: a cheap test, by its
 * first two letters and length, that keeps the lookup off most words.
 */
int tw_maybe(const char *w, size_t n);

/* The class of the word w[0..n), TW_NONE when not in the table; *val, *vlen its value. */
int tw_lookup(const char *w, size_t n, const char **val, unsigned char *vlen);

typedef void (*tw_each_fn)(const char *w, size_t n, int cls, const char *val, size_t vlen, void *arg);

/*
 * Calls fn for every word of the table (lower case, not NUL-terminated),
 * with its class and value, so that a caller can build its own filters.
 */
void tw_each(tw_each_fn fn, void *arg);

/* The number a table value spells, for numeric classes. */
long tw_value_num(const char *val, size_t vlen);

/*
 * Reads the token at or after pos in text[0..len) (skipping white
 * space) into *t and returns the offset after it; t->kind is TK_END at
 * the end of text or at a blank line, which ends an expression.
 */
size_t tw_next(const char *text, size_t len, size_t pos, struct tok *t);

/*
 * Reads the word that ends just before pos (skipping white space back)
 * into *t; returns 0 (t->kind TK_END) when there is none or a blank
 * line or punctuation other than '-' stands between.
 */
int tw_prev(const char *text, size_t pos, struct tok *t);

/* Byte classes for the scanner: 1 ASCII letter, 2 digit, 0 else. */
extern const unsigned char tw_byte_class[256];

/*
 * Word-at-a-time helpers for the scanners: eight bytes read as one
 * little-endian number where the compiler says the machine is so,
 * else one byte at a time.
 */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define TW_WORDWISE 1
#else
#define TW_WORDWISE 0
#endif

#define TW_ONES 0x0101010101010101ull
#define TW_HIGHS 0x8080808080808080ull

/* Bit 7 of each byte of w that is an ASCII letter. */
static inline uint64_t tw_letter_bits(uint64_t w)
{
	uint64_t x = w | 0x20 * TW_ONES;   /* only 'A'..'Z' and 'a'..'z' fold into 'a'..'z' */
	uint64_t x7 = x & 0x7f * TW_ONES;
	return (x7 + (0x80 - 'a') * TW_ONES) & ~(x7 + (0x80 - 'z' - 1) * TW_ONES) & ~x & TW_HIGHS;
}

/* Bit 7 of each byte of w that is an ASCII digit. */
static inline uint64_t tw_digit_bits(uint64_t w)
{
	uint64_t w7 = w & 0x7f * TW_ONES;
	return (w7 + (0x80 - '0') * TW_ONES) & ~(w7 + (0x80 - '9' - 1) * TW_ONES) & ~w & TW_HIGHS;
}

/* The end of the run of ASCII letters at i. */
static inline size_t tw_letters_end(const char *text, size_t len, size_t i)
{
#if TW_WORDWISE
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, text + i, 8);
		uint64_t other = ~tw_letter_bits(w) & TW_HIGHS;
		if (other)
			return i + ((size_t)__builtin_ctzll(other) >> 3);
	}
	/* the last bytes: the eight that end the text, shifted so that zeros (no letters) follow them */
	if (i < len && len >= 8) {
		uint64_t w;
		memcpy(&w, text + len - 8, 8);
		w >>= 8 * (i - (len - 8));
		return i + ((size_t)__builtin_ctzll(~tw_letter_bits(w) & TW_HIGHS) >> 3);
	}
#endif
	while (i < len && tw_byte_class[(unsigned char)text[i]] == 1)
		i++;
	return i;
}

/* The first letter or digit at or after i, or len. */
static inline size_t tw_next_alnum(const char *text, size_t len, size_t i)
{
#if TW_WORDWISE
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, text + i, 8);
		uint64_t alnum = tw_letter_bits(w) | tw_digit_bits(w);
		if (alnum)
			return i + ((size_t)__builtin_ctzll(alnum) >> 3);
	}
#endif
	while (i < len && !tw_byte_class[(unsigned char)text[i]])
		i++;
	return i;
}

#endif
