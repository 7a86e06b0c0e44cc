#include <string.h>

#include "hash.h"
#include "synfeat.h"
#include "utf8.h"

/* Longest prefix of a word that its features read; longer words are cut. */
#define WORD_MAX 48
#define SHAPE_MAX 12

/* What a feature says, the high bits of its id's seed; a word's role adds its own. */
enum {
	F_EDGE = 1, F_EXACT, F_LOW, F_SHAPE, F_SUFFIX, F_PREFIX = F_SUFFIX + 8,
	F_POS_HISTORY = 32, F_POS_T1, F_POS_T2, F_POS_T12,
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

/* The chunker's features have the top bit set, the tagger's not: the two models never share an id. */
#define CHUNKER_BIT 0x80000000u

static uint32_t
word_feature(unsigned what, unsigned role, uint64_t h)
{
	uint32_t id = feature(what, role, h);
	return role >= SYN_C0 ? id | CHUNKER_BIT : id & ~CHUNKER_BIT;
}

static uint32_t
tags_feature(unsigned what, unsigned a, unsigned b, unsigned c)
{
	uint32_t id = feature(what, 0, (uint64_t)a | (uint64_t)b << 16 | (uint64_t)c << 32);
	return what >= F_CHUNK_POS ? id | CHUNKER_BIT : id & ~CHUNKER_BIT;
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

void
synfeat_word(const char *s, size_t n, uint32_t out[SYN_ROLES][SYN_ROLE_FEATS], size_t count[SYN_ROLES])
{
	struct forms f;

	if (n == 0) {
		for (unsigned r = 0; r < SYN_ROLES; r++) {
			out[r][0] = word_feature(F_EDGE, r, 0);
			count[r] = 1;
		}
		return;
	}
	make_forms(s, n, &f);
	uint64_t low = hash64(f.low, f.len), shape = hash64(f.shape, f.shapelen);
	uint32_t *p = out[SYN_P0];
	size_t k = 0;

	p[k++] = word_feature(F_EXACT, SYN_P0, hash64(f.exact, f.len));
	p[k++] = word_feature(F_LOW, SYN_P0, low);
	p[k++] = word_feature(F_SHAPE, SYN_P0, shape);
	for (size_t a = 1; a <= 4 && a < f.len; a++)
		p[k++] = word_feature(F_SUFFIX + (unsigned)a, SYN_P0, hash64(f.low + f.len - a, a));
	for (size_t a = 1; a <= 3 && a < f.len; a++)
		p[k++] = word_feature(F_PREFIX + (unsigned)a, SYN_P0, hash64(f.low, a));
	count[SYN_P0] = k;

	uint64_t suffix3 = f.len > 3 ? hash64(f.low + f.len - 3, 3) : low;
	for (unsigned r = SYN_PM1; r <= SYN_PP1; r++) {
		out[r][0] = word_feature(F_LOW, r, low);
		out[r][1] = word_feature(F_SUFFIX + 3, r, suffix3);
		out[r][2] = word_feature(F_SHAPE, r, shape);
		count[r] = 3;
	}
	for (unsigned r = SYN_PM2; r <= SYN_PP2; r++) {
		out[r][0] = word_feature(F_LOW, r, low);
		count[r] = 1;
	}
	for (unsigned r = SYN_PFIRST; r <= SYN_PHEAD; r++) {
		out[r][0] = word_feature(F_LOW, r, low);
		out[r][1] = word_feature(F_SHAPE, r, shape);
		count[r] = 2;
	}
	out[SYN_C0][0] = word_feature(F_LOW, SYN_C0, low);
	out[SYN_C0][1] = word_feature(F_SHAPE, SYN_C0, shape);
	count[SYN_C0] = 2;
	for (unsigned r = SYN_CM1; r <= SYN_CP1; r++) {
		out[r][0] = word_feature(F_LOW, r, low);
		count[r] = 1;
	}
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
