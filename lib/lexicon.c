#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "utf8.h"
#include "xalloc.h"

struct slot {
	uint32_t check;         /* the key's hash, high half: most slots probed are someone else's */
	uint32_t key_len;       /* 0: empty slot */
	size_t key;             /* offsets into the data */
	size_t val, val_len;
};

/*
 * A key that matches as written has its length and first byte: one bit
 * for each pair the keys have answers most lookups of a small table
 * (most names looked up are no alias) before any hashing.
 */
#define GATE_BITS 4096

struct lexicon {
	const char *data;
	unsigned flags;
	size_t mask;            /* slots - 1; slots a power of two, at most half full */
	struct slot *slots;
	uint64_t gate[GATE_BITS / 64];  /* without LEX_FOLD_CASE; all ones with it */
};

static size_t
gate_bit(const char *key, size_t n)
{
	return (n & 63) << 6 | ((unsigned char)key[0] & 63);
}

static uint32_t
fold(uint32_t cp, unsigned flags)
{
	return flags & LEX_FOLD_CASE ? u_tolower(cp) : cp;
}

static uint64_t
key_hash(const char *s, size_t n, unsigned flags)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	uint32_t cp;
	size_t i, k;

	for (i = 0; i < n; i += k) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			/* Most keys are ASCII: no decoding, no table calls. */
			if ((flags & LEX_FOLD_CASE) && b >= 'A' && b <= 'Z')
				b += 'a' - 'A';
			h = (h ^ b) * 0x100000001b3ULL;
			k = 1;
			continue;
		}
		k = utf8_decode(s + i, n - i, &cp);
		h = (h ^ fold(cp, flags)) * 0x100000001b3ULL;
	}
	return h;
}

static int
key_equal(const char *a, size_t an, const char *b, size_t bn, unsigned flags)
{
	uint32_t ca, cb;
	size_t i = 0, j = 0;

	if (an == bn && memcmp(a, b, an) == 0)
		return 1;
	if (!(flags & LEX_FOLD_CASE))
		return 0;
	while (i < an && j < bn) {
		i += utf8_decode(a + i, an - i, &ca);
		j += utf8_decode(b + j, bn - j, &cb);
		if (u_tolower(ca) != u_tolower(cb))
			return 0;
	}
	return i == an && j == bn;
}

struct lexicon *
lexicon_build(const unsigned char *udata, size_t len, unsigned flags)
{
	const char *data = (const char *)udata;
	struct lexicon *lx = xcalloc(1, sizeof *lx);
	size_t lines = 0, i, slots = 16;

	for (i = 0; i < len; i++)
		lines += data[i] == '\n';
	while (slots < 2 * (lines + 1))
		slots *= 2;
	lx->data = data;
	lx->flags = flags;
	lx->mask = slots - 1;
	lx->slots = xcalloc(slots, sizeof *lx->slots);
	/* Folding case may change a key's bytes and length: no gate then. */
	memset(lx->gate, flags & LEX_FOLD_CASE ? 0xFF : 0, sizeof lx->gate);

	for (i = 0; i < len; ) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len, tab, h;

		if (end > i && data[end - 1] == '\r')
			end--;
		for (tab = i; tab < end && data[tab] != '\t'; tab++)
			;
		if (tab > i && data[i] != '#' && tab - i <= UINT32_MAX) {
			uint64_t kh = key_hash(data + i, tab - i, flags);
			h = (size_t)kh & lx->mask;
			while (lx->slots[h].key_len &&
			    !key_equal(data + lx->slots[h].key, lx->slots[h].key_len, data + i, tab - i, flags))
				h = (h + 1) & lx->mask;
			if (!lx->slots[h].key_len) {
				struct slot *sl = &lx->slots[h];
				size_t bit = gate_bit(data + i, tab - i);
				lx->gate[bit / 64] |= 1ull << (bit % 64);
				sl->check = (uint32_t)(kh >> 32);
				sl->key = i, sl->key_len = (uint32_t)(tab - i);
				sl->val = tab < end ? tab + 1 : end;
				sl->val_len = end - sl->val;
			}
		}
		i = nl ? (size_t)(nl - data) + 1 : len;
	}
	return lx;
}

int
lexicon_find(const struct lexicon *lx, const char *key, size_t n, const char **val, size_t *vlen)
{
	size_t h;

	if (n == 0)
		return 0;
	size_t bit = gate_bit(key, n);
	if (!(lx->gate[bit / 64] >> (bit % 64) & 1))
		return 0;
	uint64_t kh = key_hash(key, n, lx->flags);
	uint32_t check = (uint32_t)(kh >> 32);
	h = (size_t)kh & lx->mask;
	for (; lx->slots[h].key_len; h = (h + 1) & lx->mask) {
		const struct slot *sl = &lx->slots[h];
		if (sl->check == check && key_equal(lx->data + sl->key, sl->key_len, key, n, lx->flags)) {
			if (val)
				*val = lx->data + sl->val;
			if (vlen)
				*vlen = sl->val_len;
			return 1;
		}
	}
	return 0;
}

void
lexicon_free(struct lexicon *lx)
{
	if (lx) {
		free(lx->slots);
		free(lx);
	}
}

int
lexicon_in_list(const char *const by_letter[26], const char *w, size_t n)
{
	char key[34];
	if (n == 0 || n > 30)
		return 0;
	unsigned first = (unsigned char)w[0] | 0x20;
	if (first < 'a' || first > 'z')
		return 0;
	key[0] = ' ';
	memcpy(key + 1, w, n);
	key[n + 1] = ' ';
	key[n + 2] = '\0';
	const char *list = by_letter[first - 'a'];
	/*
	 * strstr (quick in libc) reads the key up to a NUL only: a key that
	 * holds one is compared by strncmp, which stops at the list's end
	 * where memcmp would read past it.
	 */
	if (!memchr(w, '\0', n))
		return strstr(list, key) != NULL;
	for (const char *at = strchr(list, ' '); at && at[1]; at = strchr(at + 1, ' '))
		if (strncmp(at, key, n + 2) == 0)
			return 1;
	return 0;
}
