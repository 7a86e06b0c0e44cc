#include "tokfeat.h"

#include "hash.h"
#include "utf8.h"
#include "wordclass.h"
#include "xalloc.h"

uint32_t
tf_id(unsigned tmpl, uint64_t a, uint64_t b)
{
	uint64_t h = (tmpl * 0x9E3779B97F4A7C15u) ^ (a * 0xC2B2AE3D27D4EB4Fu) ^ (b * 0x165667B19E3779F9u);

	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9u;
	h ^= h >> 32;
	return (uint32_t)h | 1;
}

uint64_t
tf_lower(const char *text, const struct tok *t)
{
	char buf[32];
	size_t n = t->e - t->s < sizeof buf ? t->e - t->s : sizeof buf;

	for (size_t i = 0; i < n; i++) {
		char c = text[t->s + i];

		buf[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	return hash64(buf, n);
}

uint64_t
tf_code(const struct tok *t)
{
	if (t == NULL)
		return 1;
	if (t->type == T_QUOTE)
		return 2;
	if (t->type == T_PUNCT)
		return 0x100 + (t->ch < 0x80 ? t->ch : u_isdash(t->ch) ? '-' : 0x7f);
	return 0x200 + t->wc + (t->cap ? 0x40 : 0);
}

unsigned
tf_bucket(size_t d)
{
	return d < 4 ? (unsigned)d : d < 6 ? 4 : d < 9 ? 5 : d < 13 ? 6 : d < 20 ? 7 : 8;
}

void
tf_push(uint32_t **feat, size_t *n, size_t *cap, uint32_t id)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 1024;
		*feat = xrealloc(*feat, *cap * sizeof **feat);
	}
	(*feat)[(*n)++] = id;
}

void
tf_classes(const struct wordclass *wc, const char *text, const struct tok *t, unsigned *coarse,
    unsigned *fine)
{
	*coarse = *fine = 0xff;
	if (wc && t && t->type == T_WORD)
		wordclass_of(wc, wordclass_key(text + t->s, t->e - t->s), coarse, fine);
}
