#include <string.h>

#include "hash.h"

/*
 * Eight bytes at a time, each word folded in by a multiply and a
 * rotate, then a final avalanche.  Words are assembled little-endian by
 * hand, so an id is the same on every machine.
 */
static uint64_t
load64(const unsigned char *p)
{
	return (uint64_t)p[0] | (uint64_t)p[1] << 8 | (uint64_t)p[2] << 16 |
	    (uint64_t)p[3] << 24 | (uint64_t)p[4] << 32 | (uint64_t)p[5] << 40 |
	    (uint64_t)p[6] << 48 | (uint64_t)p[7] << 56;
}

static uint64_t
rotl(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

static uint64_t
avalanche(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

uint64_t
hash64(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	const uint64_t k1 = 0x9E3779B97F4A7C15ULL, k2 = 0xC2B2AE3D27D4EB4FULL;
	uint64_t h = 0x27D4EB2F165667C5ULL ^ (n * k1);
	unsigned char tail[8] = {0};
	size_t i;

	for (i = 0; i + 8 <= n; i += 8)
		h = rotl(h ^ load64(p + i) * k2, 31) * k1;
	if (i < n) {
		memcpy(tail, p + i, n - i);
		h = rotl(h ^ load64(tail) * k2, 31) * k1;
	}
	return avalanche(h);
}

void
hash_hex(uint64_t h, char out[17])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 15; i >= 0; i--, h >>= 4)
		out[i] = hex[h & 15];
	out[16] = '\0';
}
