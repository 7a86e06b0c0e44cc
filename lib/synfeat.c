#include <string.h>

#include "hash.h"
#include "synfeat.h"
#include "utf8.h"
#include "wordclass.h"

/* Longest prefix of a word that its features read; longer words are cut. */
#define WORD_MAX 48
#define SHAPE_MAX 12

/* What a feature says, the high bits of its id's seed; a word's role adds its own. */
enum {
	F_EDGE = 1, F_EXACT, F_LOW, F_SHAPE, F_SUFFIX, F_PREFIX = F_SUFFIX + 8, F_COARSE = F_PREFIX + 8, F_FINE,
	F_DIGITS, F_HYPHEN,
	F_POS_HISTORY = 32, F_POS_T1, F_POS_T2, F_POS_T12, F_POS_T1_CLASS, F_POS_T1_NEXT_CLASS, F_POS_T1_MARK,
	F_CHUNK_POS, F_CHUNK_PAIR, F_CHUNK_BIAS, F_CHUNK_C1, F_CHUNK_C2, F_CHUNK_C12, F_CHUNK_C1_POS
};

static uint32_t
feature(unsigned what, unsigned role, uint64_t h)
{
	h ^= ((uint64_t)what << 8 | role) * 0x9E3779B97F4A7C15ULL;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ULL;
	h ^= h >> 32;
	return (uint32_t)h;
}

static uint32_t
value_id(unsigned what, uint64_t h)
{
	return feature(what, 0, h) & ~SYN_ROLE_MASK;
}

static uint32_t
tags_feature(unsigned what, unsigned a, unsigned b, unsigned c)
{
	unsigned role = what >= F_CHUNK_POS ? SYN_CHUNK_TAGS_ROLE : SYN_POS_TAGS_ROLE;
	return (feature(what, 0, (uint64_t)a | (uint64_t)b << 16 | (uint64_t)c << 32) & ~SYN_ROLE_MASK) | role;
}

/*
 * The word as written and in lower case, digits read as 0 in both (a
 * number's digits say less than its shape), and its shape: upper-case
 * letters X, lower-case x, digits d, other bytes as they are, each run
 * of one class written once ("Xx", "d-d", "X.X.").
 */
struct forms {
	char exact[WORD_MAX], low[WORD_MAX], shape[SHAPE_MAX];
	size_t len, shapelen;
};

static void
make_forms(const char *s, size_t n, struct forms *f)
{
	size_t i = 0, o = 0;
	char last = 0;

	f->shapelen = 0;
	while (i < n) {
		uint32_t c = (unsigned char)s[i], low;
		size_t l = 1;
		char cls;
		if (c >= 0x80)
			l = utf8_decode(s + i, n - i, &c);
		if (c >= '0' && c <= '9') {
			low = c = '0';
			cls = 'd';
		} else if (u_isupper(c)) {
			low = u_tolower(c);
			cls = 'X';
		} else if (u_isalpha(c)) {
			low = c;
			cls = 'x';
		} else {
			low = c;
			cls = c < 0x80 ? (char)c : '*';
		}
		if (cls != last && f->shapelen < SHAPE_MAX)
			f->shape[f->shapelen++] = cls;
		last = cls;
		char eb[4], lb[4];
		size_t el = c < 0x80 ? (eb[0] = (char)c, 1) : utf8_encode(c, eb);
		size_t ll = low < 0x80 ? (lb[0] = (char)low, 1) : utf8_encode(low, lb);
		if (o + (el > ll ? el : ll) > WORD_MAX)
			break;
		/* Both forms keep one length: a case pair differs in bytes only outside Latin-1's reach. */
		if (el != ll) {
			memcpy(lb, eb, el);
			ll = el;
		}
		memcpy(f->exact + o, eb, el);
		memcpy(f->low + o, lb, ll);
		o += el;
		i += l;
	}
	f->len = o;
}

#define R(r) (1u << (r))

uint32_t
synfeat_digits(const char *s, size_t n)
{
	if (n > SYN_DIGITS_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return value_id(F_DIGITS, hash64(s, n));
	return 0;
}

size_t
synfeat_word(const struct wordclass *wc, const char *s, size_t n, struct syn_value *out)
{
	struct forms f;
	size_t k = 0;
	unsigned coarse, fine;

	if (n == 0) {
		out[0].id = value_id(F_EDGE, 0);
		out[0].roles = R(SYN_ROLES) - 1;
		return 1;
	}
	make_forms(s, n, &f);
	out[k].id = value_id(F_EXACT, hash64(f.exact, f.len));
	out[k++].roles = R(SYN_P0);
	out[k].id = value_id(F_LOW, hash64(f.low, f.len));
	out[k++].roles = R(SYN_P0) | R(SYN_PM1) | R(SYN_PP1) | R(SYN_PM2) | R(SYN_PP2) | R(SYN_PFIRST) |
	    R(SYN_PHEAD) | R(SYN_C0) | R(SYN_CM1) | R(SYN_CP1);
	out[k].id = value_id(F_SHAPE, hash64(f.shape, f.shapelen));
	out[k++].roles = R(SYN_P0) | R(SYN_PM1) | R(SYN_PP1) | R(SYN_PFIRST) | R(SYN_PHEAD) | R(SYN_C0);
	for (size_t a = 1; a <= 4 && a < f.len; a++) {
		out[k].id = value_id(F_SUFFIX + (unsigned)a, hash64(f.low + f.len - a, a));
		out[k++].roles = R(SYN_P0) | (a == 3 ? R(SYN_PM1) | R(SYN_PP1) : 0);
	}
	for (size_t a = 1; a <= 3 && a < f.len; a++) {
		out[k].id = value_id(F_PREFIX + (unsigned)a, hash64(f.low, a));
		out[k++].roles = R(SYN_P0);
	}
	if ((out[k].id = synfeat_digits(s, n)) != 0)
		out[k++].roles = R(SYN_P0);
	const char *h = f.len > 2 ? memchr(f.low + 1, '-', f.len - 2) : NULL;
	if (h) {
		/* a compound's last part: "third-place" reads as "place" does */
		const char *last = h + 1, *e = f.low + f.len;
		while ((h = memchr(last, '-', (size_t)(e - last))) != NULL && h + 1 < e)
			last = h + 1;
		out[k].id = value_id(F_HYPHEN, hash64(last, (size_t)(e - last)));
		out[k++].roles = R(SYN_P0);
	}
	if (wc && wordclass_of(wc, wordclass_key(s, n), &coarse, &fine)) {
		out[k].id = value_id(F_COARSE, coarse);
		out[k++].roles = R(SYN_P0) | R(SYN_PM1) | R(SYN_PP1) | R(SYN_PM2) | R(SYN_PP2) | R(SYN_C0) |
		    R(SYN_CM1) | R(SYN_CP1);
		out[k].id = value_id(F_FINE, fine);
		out[k++].roles = R(SYN_P0) | R(SYN_PM1) | R(SYN_PP1) | R(SYN_C0);
	}
	return k;
}

size_t
synfeat_pos_history(unsigned t1, unsigned t2, uint32_t *out)
{
	out[0] = tags_feature(F_POS_HISTORY, 0, 0, 0);
	out[1] = tags_feature(F_POS_T1, t1, 0, 0);
	out[2] = tags_feature(F_POS_T2, t2, 0, 0);
	out[3] = tags_feature(F_POS_T12, t1, t2, 0);
	return 4;
}

unsigned
synfeat_class(const struct wordclass *wc, const char *s, size_t n)
{
	unsigned coarse, fine;

	if (n == 0)
		return SYN_EDGE_CLASS;
	return wc && wordclass_of(wc, wordclass_key(s, n), &coarse, &fine) ? fine : SYN_NO_CLASS;
}

uint32_t
synfeat_pos_class(unsigned t1, unsigned cls)
{
	return tags_feature(F_POS_T1_CLASS, t1, cls, 0);
}

uint32_t
synfeat_pos_next_class(unsigned t1, unsigned next)
{
	return tags_feature(F_POS_T1_NEXT_CLASS, t1, next, 0);
}

uint32_t
synfeat_pos_mark(unsigned t1, unsigned mark)
{
	return tags_feature(F_POS_T1_MARK, t1, mark, 0);
}

size_t
synfeat_chunk_pos(int k, unsigned p, uint32_t *out)
{
	out[0] = tags_feature(F_CHUNK_POS, (unsigned)(k + 2), p, 0);
	return SYN_CHUNK_POS_FEATS;
}

size_t
synfeat_chunk_pair(int k, unsigned p, unsigned q, uint32_t *out)
{
	out[0] = tags_feature(F_CHUNK_PAIR, (unsigned)(k + 2), p, q);
	return SYN_CHUNK_PAIR_FEATS;
}

size_t
synfeat_chunk_history(unsigned c1, unsigned c2, uint32_t *out)
{
	out[0] = tags_feature(F_CHUNK_BIAS, 0, 0, 0);
	out[1] = tags_feature(F_CHUNK_C1, c1, 0, 0);
	out[2] = tags_feature(F_CHUNK_C2, c2, 0, 0);
	out[3] = tags_feature(F_CHUNK_C12, c1, c2, 0);
	return SYN_CHUNK_HISTORY_FEATS;
}

size_t
synfeat_chunk_prev_pos(unsigned c1, unsigned p, uint32_t *out)
{
	out[0] = tags_feature(F_CHUNK_C1_POS, c1, p, 0);
	return SYN_CHUNK_PREV_POS_FEATS;
}

size_t
synfeat_chunk_tags(const unsigned pos[5], unsigned c1, unsigned c2, uint32_t *out)
{
	size_t n = 0;

	for (int k = -2; k <= 2; k++)
		n += synfeat_chunk_pos(k, pos[k + 2], out + n);
	n += synfeat_chunk_pair(-1, pos[1], pos[2], out + n);
	n += synfeat_chunk_pair(0, pos[2], pos[3], out + n);
	n += synfeat_chunk_history(c1, c2, out + n);
	n += synfeat_chunk_prev_pos(c1, pos[2], out + n);
	return n;
}
