#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "image.h"
#include "wordclass.h"
#include "xalloc.h"

#define RECORD 10       /* u64 key, u8, u8 */

/*
 * A slot holds a key's upper 48 bits and its classes in the lower 16
 * (coarse << 8 | fine), so that a lookup reads one word of memory, not a
 * key and then its classes elsewhere; 0 is empty.  Keys that agree in
 * their upper 48 bits are one word (among some 30,000 words, never).
 */
#define KEY_PART(k)     (((k) | 0x10000) & ~(uint64_t)0xFFFF)

struct wordclass {
	uint64_t *slot;
	size_t mask;
	int view;       /* the slots are an image's bytes (wordclass_image), not ours to free */
};

uint64_t
wordclass_key(const char *s, size_t n)
{
	char buf[64];
	size_t k = 0;

	/* Most words have no digit: those are hashed where they are, not copied. */
	while (k < n && (s[k] < '0' || s[k] > '9'))
		k++;
	if (k == n || n > sizeof buf)
		return hash64(s, n) | 1;
	memcpy(buf, s, k);
	for (; k < n; k++)
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
	wc->mask = cap - 1;
	wc->slot = xcalloc(cap, sizeof *wc->slot);
	for (size_t k = 0; k < n; k++) {
		const unsigned char *r = data + 12 + k * RECORD;
		uint64_t key = le64(r);
		if (key == 0 || r[8] >= WORDCLASS_COARSE) {
			wordclass_free(wc);
			return NULL;
		}
		size_t s = slot_of(key, wc->mask);
		while (wc->slot[s])
			s = (s + 1) & wc->mask;
		wc->slot[s] = KEY_PART(key) | (uint64_t)(r[8] << 8 | r[9]);
	}
	return wc;
}

/* An image (image.h): count WORDCLASS_COARSE, size the slots; the slots follow. */
unsigned char *
wordclass_image(const struct wordclass *wc, size_t *len)
{
	uint64_t size[2] = { wc->mask + 1, 0 };

	*len = IMAGE_LINE + image_line_up(size[0] * sizeof *wc->slot);
	unsigned char *img = image_new(*len, "NTWI", WORDCLASS_COARSE, size);
	memcpy(img + IMAGE_LINE, wc->slot, size[0] * sizeof *wc->slot);
	return img;
}

struct wordclass *
wordclass_view(const unsigned char *img, size_t len)
{
	uint64_t size[2];

	if (!image_open(img, len, "NTWI", WORDCLASS_COARSE, size) || size[0] == 0 ||
	    (size[0] & (size[0] - 1)) != 0 || size[0] > len ||
	    IMAGE_LINE + image_line_up(size[0] * sizeof(uint64_t)) != len)
		return NULL;
	struct wordclass *wc = xcalloc(1, sizeof *wc);
	wc->view = 1;
	wc->mask = size[0] - 1;
	/* Never written: lookups only read the slots. */
	wc->slot = (uint64_t *)(uintptr_t)(img + IMAGE_LINE);
	return wc;
}

void
wordclass_free(struct wordclass *wc)
{
	if (!wc)
		return;
	if (!wc->view)
		free(wc->slot);
	free(wc);
}

int
wordclass_of(const struct wordclass *wc, uint64_t key, unsigned *coarse, unsigned *fine)
{
	uint64_t part = KEY_PART(key);

	for (size_t s = slot_of(key, wc->mask); wc->slot[s]; s = (s + 1) & wc->mask)
		if ((wc->slot[s] & ~(uint64_t)0xFFFF) == part) {
			*coarse = (unsigned)(wc->slot[s] >> 8 & 0xFF);
			*fine = (unsigned)(wc->slot[s] & 0xFF);
			return 1;
		}
	return 0;
}
