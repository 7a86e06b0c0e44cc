#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "pages.h"
#include "wordclass.h"
#include "xalloc.h"

extern const unsigned char data_clusters_bin[];
extern const size_t data_clusters_bin_len;

#define RECORD 10       /* u64 key, u8, u8 */

struct wordclass {
	const unsigned char *rec;       /* the file's records, sorted by key */
	size_t n;
	uint64_t *slot;                 /* open addressing: key, 0 empty */
	uint16_t *cls;                  /* the slot's classes, coarse << 8 | fine */
	size_t mask;
};

uint64_t
wordclass_key(const char *s, size_t n)
{
	char buf[64];

	if (n > sizeof buf)
		return hash64(s, n) | 1;
	for (size_t k = 0; k < n; k++)
		buf[k] = s[k] >= '0' && s[k] <= '9' ? '0' : s[k];
	return hash64(buf, n) | 1;
}

static uint64_t
le64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int k = 7; k >= 0; k--)
		v = v << 8 | p[k];
	return v;
}

static size_t
slot_of(uint64_t key, size_t mask)
{
	return (size_t)(key >> 17) & mask;
}

struct wordclass *
wordclass_load(const unsigned char *data, size_t len)
{
	if (len < 12 || memcmp(data, "NTWC", 4) != 0 || data[4] != 1 || data[5] || data[6] || data[7])
		return NULL;
	size_t n = (size_t)data[8] | (size_t)data[9] << 8 | (size_t)data[10] << 16 | (size_t)data[11] << 24;
	if ((len - 12) / RECORD != n || (len - 12) % RECORD != 0)
		return NULL;
	struct wordclass *wc = xcalloc(1, sizeof *wc);
	size_t cap = 16;
	while (cap < 2 * n)
		cap *= 2;
	wc->rec = data + 12;
	wc->n = n;
	wc->mask = cap - 1;
	wc->slot = xcalloc(cap, sizeof *wc->slot);
	wc->cls = xcalloc(cap, sizeof *wc->cls);
	for (size_t k = 0; k < n; k++) {
		const unsigned char *r = wc->rec + k * RECORD;
		uint64_t key = le64(r);
		if (key == 0 || r[8] >= WORDCLASS_COARSE) {
			wordclass_free(wc);
			return NULL;
		}
		size_t s = slot_of(key, wc->mask);
		while (wc->slot[s])
			s = (s + 1) & wc->mask;
		wc->slot[s] = key;
		wc->cls[s] = (uint16_t)(r[8] << 8 | r[9]);
	}
	return wc;
}

struct wordclass *
wordclass_builtin(void)
{
	struct wordclass *wc = wordclass_load(data_clusters_bin, data_clusters_bin_len);

	if (!wc) {
		fputs("ntools: the built-in word classes are broken (rebuild lib/data/clusters.bin)\n", stderr);
		exit(2);
	}
	/* Read into the tables: the bytes are not read again. */
	pages_release(data_clusters_bin, data_clusters_bin_len);
	return wc;
}

void
wordclass_free(struct wordclass *wc)
{
	if (!wc)
		return;
	free(wc->slot);
	free(wc->cls);
	free(wc);
}

int
wordclass_of(const struct wordclass *wc, uint64_t key, unsigned *coarse, unsigned *fine)
{
	for (size_t s = slot_of(key, wc->mask); wc->slot[s]; s = (s + 1) & wc->mask)
		if (wc->slot[s] == key) {
			*coarse = wc->cls[s] >> 8;
			*fine = wc->cls[s] & 255;
			return 1;
		}
	return 0;
}
