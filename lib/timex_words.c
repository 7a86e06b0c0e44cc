#include <stdint.h>
#include <string.h>
#include "timex_words.h"

extern const unsigned char data_timex_words_tsv[];
extern const size_t data_timex_words_tsv_len;

#define TW_MAXLEN 15
#define TW_SLOTS 1024           /* a power of two, well over twice the table */

/*
 * A word in 32 bytes, so that a lookup (the scanners make one for most
 * words they read) touches one cache line: the word's first eight
 * bytes in lower case (see head_of) and the rest in tail.
 */
struct tw_entry {
	uint64_t head;
	const char *val;
	unsigned char len, cls, vlen;   /* len 0: an empty slot */
	char tail[TW_MAXLEN - 8];
};

static _Alignas(64) struct tw_entry tw_table[TW_SLOTS];
/* Set for (first letter, second letter, length) of every table word. */
static unsigned char tw_filter[1 << 14 >> 3];
/* Set for (first letter, second letter, length) of the words whose class is a trigger. */
unsigned char tw_trigger_filter[1 << 14 >> 3];
static unsigned long tw_trigger_classes;
static int tw_ready;

#define trigger_key tw_filter_key

#define L 1
#define D 2
const unsigned char tw_byte_class[256] = {
	['0'] = D, ['1'] = D, ['2'] = D, ['3'] = D, ['4'] = D,
	['5'] = D, ['6'] = D, ['7'] = D, ['8'] = D, ['9'] = D,
	['A'] = L, ['B'] = L, ['C'] = L, ['D'] = L, ['E'] = L, ['F'] = L,
	['G'] = L, ['H'] = L, ['I'] = L, ['J'] = L, ['K'] = L, ['L'] = L,
	['M'] = L, ['N'] = L, ['O'] = L, ['P'] = L, ['Q'] = L, ['R'] = L,
	['S'] = L, ['T'] = L, ['U'] = L, ['V'] = L, ['W'] = L, ['X'] = L,
	['Y'] = L, ['Z'] = L,
	['a'] = L, ['b'] = L, ['c'] = L, ['d'] = L, ['e'] = L, ['f'] = L,
	['g'] = L, ['h'] = L, ['i'] = L, ['j'] = L, ['k'] = L, ['l'] = L,
	['m'] = L, ['n'] = L, ['o'] = L, ['p'] = L, ['q'] = L, ['r'] = L,
	['s'] = L, ['t'] = L, ['u'] = L, ['v'] = L, ['w'] = L, ['x'] = L,
	['y'] = L, ['z'] = L,
};
#undef L
#undef D

static const char *const tw_class_names[] = {
	"", "month", "wday", "num", "ord", "unit", "units", "rel", "ago",
	"ref", "dayrel", "part", "clock", "season", "edge", "approx", "setw",
	"every", "quant", "fiscal", "half", "func", "holiday", "ampm", "tz",
	"vague", "past", "future", "plain"
};

static unsigned char
lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/*
 * The first (up to) eight bytes of w[0..n) in lower case, the first in
 * the low byte: one number to hash and to compare, so that a lookup
 * costs one multiply and (for most words) one comparison.
 */
static uint64_t
head_of(const char *w, size_t n)
{
	uint64_t h = 0;
	size_t k = n < 8 ? n : 8;
	for (size_t i = 0; i < k; i++)
		h |= (uint64_t)lower((unsigned char)w[i]) << 8 * i;
	return h;
}

/* The slot where the search for a word starts. */
static unsigned
slot_of(uint64_t head, size_t n)
{
	return (unsigned)(((head ^ n) * 0x9E3779B97F4A7C15ull) >> 54) & (TW_SLOTS - 1);
}

/* Whether e holds the word w[0..n) whose head is head. */
static int
holds(const struct tw_entry *e, uint64_t head, const char *w, size_t n)
{
	if (e->len != n || e->head != head)
		return 0;
	for (size_t k = 8; k < n; k++)
		if (e->tail[k - 8] != (char)lower((unsigned char)w[k]))
			return 0;
	return 1;
}

static void
set_bit(unsigned char *set, unsigned k)
{
	set[k >> 3] |= (unsigned char)(1u << (k & 7));
}

static int
class_from_name(const char *s, size_t n)
{
	for (size_t i = 1; i < sizeof tw_class_names / sizeof *tw_class_names; i++)
		if (strlen(tw_class_names[i]) == n && memcmp(tw_class_names[i], s, n) == 0)
			return (int)i;
	return TW_NONE;
}

static void
add_entry(const char *w, size_t n, int cls, const char *val, size_t vlen)
{
	if (n == 0 || n > TW_MAXLEN || cls == TW_NONE || vlen > 255)
		return;
	uint64_t head = head_of(w, n);
	unsigned i = slot_of(head, n);
	while (tw_table[i].len) {
		if (holds(&tw_table[i], head, w, n))
			return;         /* the first entry wins */
		i = (i + 1) & (TW_SLOTS - 1);
	}
	for (size_t k = 8; k < n; k++)
		tw_table[i].tail[k - 8] = (char)lower((unsigned char)w[k]);
	tw_table[i].head = head;
	tw_table[i].len = (unsigned char)n;
	tw_table[i].cls = (unsigned char)cls;
	tw_table[i].val = val;
	tw_table[i].vlen = (unsigned char)vlen;
	set_bit(tw_filter, trigger_key(w, n));
	if (tw_trigger_classes >> cls & 1)
		set_bit(tw_trigger_filter, trigger_key(w, n));
}

void
tw_init(unsigned long trigger_classes)
{
	if (tw_ready)
		return;
	tw_trigger_classes = trigger_classes;
	const char *p = (const char *)data_timex_words_tsv;
	const char *end = p + data_timex_words_tsv_len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		if (p < le && *p != '#') {
			const char *f[3] = { p, NULL, NULL };
			const char *fe[3] = { le, le, le };
			int nf = 1;
			for (const char *q = p; q < le && nf < 3; q++)
				if (*q == '\t') {
					fe[nf - 1] = q;
					f[nf++] = q + 1;
				}
			if (nf == 3)
				add_entry(f[0], (size_t)(fe[0] - f[0]),
				    class_from_name(f[1], (size_t)(fe[1] - f[1])),
				    f[2], (size_t)(fe[2] - f[2]));
		}
		p = le + 1;
	}
	tw_ready = 1;
}

void
tw_each(tw_each_fn fn, void *arg)
{
	for (size_t i = 0; i < TW_SLOTS; i++) {
		const struct tw_entry *e = &tw_table[i];
		char key[TW_MAXLEN];

		if (!e->len)
			continue;
		for (size_t k = 0; k < e->len; k++)
			key[k] = k < 8 ? (char)(e->head >> 8 * k) : e->tail[k - 8];
		fn(key, e->len, e->cls, e->val, e->vlen, arg);
	}
}

int
tw_maybe(const char *w, size_t n)
{
	if (n > TW_MAXLEN)
		return 0;
	unsigned k = trigger_key(w, n);
	return tw_filter[k >> 3] >> (k & 7) & 1;
}

/* The class of the word w[0..n) whose head (see head_of) is head. */
static int
find(uint64_t head, const char *w, size_t n, const char **val, unsigned char *vlen)
{
	unsigned i = slot_of(head, n);
	for (; tw_table[i].len; i = (i + 1) & (TW_SLOTS - 1)) {
		const struct tw_entry *e = &tw_table[i];
		if (holds(e, head, w, n)) {
			*val = e->val;
			*vlen = e->vlen;
			return e->cls;
		}
	}
	return TW_NONE;
}

int
tw_lookup(const char *w, size_t n, const char **val, unsigned char *vlen)
{
	if (n == 0 || n > TW_MAXLEN)
		return TW_NONE;
	return find(head_of(w, n), w, n, val, vlen);
}

/*
 * head_of for the letters text[s..s+n), n > 0, read as one number:
 * every word token gets one, and ORing in 0x20 lowers a letter (and
 * leaves '.' of "a.m." as it is).  A short word takes the eight bytes
 * that end it, so that nothing past the word is read (tw_prev reads up
 * to a word's end) and no byte loop runs but at the text's start.
 */
static inline uint64_t
letters_head(const char *text, size_t s, size_t n)
{
#if TW_WORDWISE
	uint64_t w;
	if (n >= 8) {
		memcpy(&w, text + s, 8);
		return w | 0x20 * TW_ONES;
	}
	if (s + n >= 8) {
		memcpy(&w, text + s + n - 8, 8);
		return (w >> 8 * (8 - n)) | (0x20 * TW_ONES >> 8 * (8 - n));
	}
#endif
	return head_of(text + s, n);
}

long
tw_value_num(const char *val, size_t vlen)
{
	long v = 0;
	int neg = vlen && val[0] == '-';
	for (size_t i = neg; i < vlen && val[i] >= '0' && val[i] <= '9'; i++)
		v = v * 10 + (val[i] - '0');
	return neg ? -v : v;
}

/* White space: 1, a line break 2; a table, since the tokenizers ask at every gap. */
static const unsigned char space_kind[256] = {
	[' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\f'] = 1, ['\v'] = 1, ['\n'] = 2,
};

static int
is_space(unsigned char c)
{
	return space_kind[c] != 0;
}

/* Non-breaking space (C2 A0) counts as space between words. */
static size_t
skip_space(const char *text, size_t len, size_t pos, int *lines)
{
	*lines = 0;
	while (pos < len) {
		unsigned char c = (unsigned char)text[pos];
		if (space_kind[c]) {
			*lines += space_kind[c] >> 1;
			pos++;
		} else if (c == 0xC2 && pos + 1 < len && (unsigned char)text[pos + 1] == 0xA0) {
			pos += 2;
		} else {
			break;
		}
	}
	return pos;
}

static void
classify(const char *text, size_t len, struct tok *t)
{
	size_t n = t->e - t->s;
	const char *w = text + t->s;
	t->cls = TW_NONE;
	t->val = NULL;
	t->vlen = 0;
	t->num = 0;
	t->cap = (unsigned char)(w[0] >= 'A' && w[0] <= 'Z');
	if ((t->s > 0 && (unsigned char)text[t->s - 1] >= 0x80) ||
	    (t->e < len && (unsigned char)text[t->e] >= 0x80))
		return;
	if (!tw_maybe(w, n))
		return;
	t->cls = (unsigned char)find(t->low, w, n, &t->val, &t->vlen);
	if ((1ul << TW_NUM | 1ul << TW_ORD | 1ul << TW_DAYREL | 1ul << TW_MONTH | 1ul << TW_WDAY) >> t->cls & 1)
		t->num = tw_value_num(t->val, t->vlen);
}

/* The word token of the letters text[t->s..e), t->s and t->space set. */
static void
word_token(const char *text, size_t len, size_t e, struct tok *t)
{
	size_t pos = t->s;
	unsigned char c = (unsigned char)text[pos];

	t->kind = TK_WORD;
	t->e = e;
	t->low = letters_head(text, pos, e - pos);
	classify(text, len, t);
	/* "a.m." and "p.m." are one word */
	if (e - pos == 1 && (c == 'a' || c == 'p' || c == 'A' || c == 'P') && e + 2 < len + 0 &&
	    text[e] == '.' && (text[e + 1] == 'm' || text[e + 1] == 'M')) {
		t->e = e + 2;
		if (t->e < len && text[t->e] == '.')
			t->e++;
		t->cls = TW_AMPM;
		t->val = (c == 'a' || c == 'A') ? "am" : "pm";
		t->vlen = 2;
		t->low = letters_head(text, pos, t->e - pos);
	}
}

size_t
tw_next(const char *text, size_t len, size_t pos, struct tok *t)
{
	int lines;
	pos = skip_space(text, len, pos, &lines);
	t->s = t->e = pos;
	t->space = (unsigned char)(lines ? 2 : 0);
	if (pos > 0 && lines == 0 && is_space((unsigned char)text[pos - 1]))
		t->space = 1;
	t->low = 0;
	if (pos >= len || lines >= 2) {
		t->kind = TK_END;
		t->cls = TW_NONE;
		return pos;
	}
	unsigned char c = (unsigned char)text[pos];
	size_t e = pos + 1;
	if (tw_byte_class[c] == 1) {
		word_token(text, len, tw_letters_end(text, len, e), t);
	} else if (tw_byte_class[c] == 2) {
		long v = c - '0';
		while (e < len && tw_byte_class[(unsigned char)text[e]] == 2) {
			if (v < 100000000)
				v = v * 10 + (text[e] - '0');
			e++;
		}
		t->kind = TK_NUM;
		t->e = e;
		t->cls = TW_NONE;
		t->num = v;
		t->cap = 0;
	} else {
		t->kind = c < 0x80 ? TK_PUNCT : TK_OTHER;
		if (c >= 0x80)
			while (e < len && ((unsigned char)text[e] & 0xC0) == 0x80)
				e++;
		t->e = e;
		t->cls = TW_NONE;
		t->cap = 0;
		t->num = c;
	}
	return t->e;
}

/*
 * The start of the run of bytes of class k (1 letters, 2 digits) that
 * holds text[s]: eight bytes at a time going back, where there are
 * eight to read.
 */
static size_t
run_start(const char *text, size_t s, int k)
{
#if TW_WORDWISE
	while (s >= 8) {
		uint64_t w;
		memcpy(&w, text + s - 8, 8);
		uint64_t other = ~(k == 1 ? tw_letter_bits(w) : tw_digit_bits(w)) & TW_HIGHS;
		if (other)
			return s - 7 + ((size_t)(63 - __builtin_clzll(other)) >> 3);
		s -= 8;
	}
#endif
	while (s > 0 && tw_byte_class[(unsigned char)text[s - 1]] == k)
		s--;
	return s;
}

int
tw_prev(const char *text, size_t pos, struct tok *t)
{
	size_t p = pos;
	int lines = 0;
	while (p > 0 && is_space((unsigned char)text[p - 1])) {
		lines += space_kind[(unsigned char)text[p - 1]] >> 1;
		p--;
	}
	t->kind = TK_END;
	t->cls = TW_NONE;
	if (p == 0 || lines >= 2)
		return 0;
	unsigned char c = (unsigned char)text[p - 1];
	size_t s = p - 1;
	int k = tw_byte_class[c];
	if (k)
		s = run_start(text, s, k);
	if (k == 1) {
		/* the word is text[s..p): read as tw_next would read it up to p, without finding its end again */
		t->s = s;
		t->space = (unsigned char)(s > 0 && is_space((unsigned char)text[s - 1]));
		word_token(text, p, p, t);
		return 1;
	}
	/* re-read forward so that both directions agree on the token */
	tw_next(text, p, s, t);
	if (t->e != p)
		t->kind = TK_OTHER;
	return t->kind != TK_END;
}
