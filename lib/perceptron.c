#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "image.h"
#include "pages.h"
#include "perceptron.h"
#include "xalloc.h"

#define SWEEP 128

struct pct_model {
	uint32_t *kv;           /* per slot: the key (0: empty) and its feature number, side by side for the cache */
	unsigned *counts;       /* while counting: per slot */
	size_t mask, used;
	float *w;               /* feature number * PCT_CLASSES + class */
	double *total;          /* training: sums for averaging */
	uint32_t *stamp;
	uint32_t now;
	/*
	 * A loaded model: keys in buckets of a cache line each, compared
	 * all at once, so that finding a key (or that the model lacks it,
	 * as it lacks a third of those asked for) takes no branch the
	 * processor could guess wrong.  The quantised weights follow in
	 * rows by bucket, with no rows for the empty slots.
	 */
	uint32_t *bucket;       /* BUCKET_KEYS per bucket; 0: empty, and a bucket fills from its start */
	size_t bucket_mask;     /* buckets - 1 */
	uint32_t *first_row;    /* per bucket: the row of qw of its first key */
	int16_t *qw;            /* per key, PCT_CLASSES weights; then a row of zeros */
	float scale;
	int view;               /* the tables are an image's bytes (pct_image, made by tools/table_image.c), not ours to free */
};

#define BUCKET_KEYS 16          /* 64 bytes */
#define IMAGE_MAGIC "NTPI"

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

/* Feature 0 would look like an empty slot. */
static uint32_t
key_of(uint32_t f)
{
	return f ? f : 1;
}

static size_t
slot_of(const struct pct_model *m, uint32_t k)
{
	size_t i = (k * 2654435761u) & m->mask;
	while (m->kv[2 * (i)] && m->kv[2 * (i)] != k)
		i = (i + 1) & m->mask;
	return i;
}

static void
table_init(struct pct_model *m, size_t want)
{
	size_t cap = 1024;
	while (cap < want * 2)
		cap *= 2;
	m->mask = cap - 1;
	m->kv = xcalloc(cap * 2, sizeof *m->kv);
	m->used = 0;
}

struct pct_model *
pct_new(void)
{
	struct pct_model *m = xcalloc(1, sizeof *m);
	table_init(m, 1 << 20);
	m->counts = xcalloc(m->mask + 1, sizeof *m->counts);
	return m;
}

static struct pct_model *pct_view(const unsigned char *data, size_t len);

struct pct_model *
pct_builtin(const unsigned char *data, size_t len, const char *file)
{
	struct pct_model *m;

	if (len >= 4 && memcmp(data, IMAGE_MAGIC, 4) == 0) {
		if ((m = pct_view(data, len)) != NULL)
			pages_resident(data, len);
	} else if ((m = pct_load(data, len)) != NULL) {
		/* Read into the model's tables: the bytes are not read again. */
		pages_release(data, len);
	}
	if (!m) {
		fprintf(stderr, "ntools: the built-in weights are broken (rebuild %s)\n", file);
		exit(2);
	}
	return m;
}

void
pct_free(struct pct_model *m)
{
	if (!m)
		return;
	free(m->kv);
	free(m->counts);
	free(m->w);
	free(m->total);
	free(m->stamp);
	if (!m->view) {
		free(m->bucket);
		free(m->qw);
		free(m->first_row);
	}
	free(m);
}

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The bucket where key k's search starts: the top bits of a multiplicative hash. */
static size_t
bucket_of(const struct pct_model *m, uint32_t k)
{
	return (size_t)((uint64_t)(k * 2654435761u) * (m->bucket_mask + 1) >> 32);
}

/* The row of qw of the key in slot i: a bucket's keys fill it from its start. */
static size_t
row_of(const struct pct_model *m, size_t i)
{
	return m->first_row[i / BUCKET_KEYS] + i % BUCKET_KEYS;
}

struct pct_model *
pct_load(const unsigned char *data, size_t len)
{
	if (len < 20 || memcmp(data, "NTPC", 4) != 0 || get_u32(data + 4) != 1 ||
	    get_u32(data + 8) != PCT_CLASSES)
		return NULL;
	size_t count = get_u32(data + 12);
	uint32_t sbits = get_u32(data + 16);
	float scale;
	memcpy(&scale, &sbits, sizeof scale);
	/* Slots are counted in 32 bits. */
	if (count > (len - 20) / 6 || count > UINT32_MAX / 4)
		return NULL;

	struct pct_model *m = xcalloc(1, sizeof *m);
	/* Two thirds full at most: few buckets overflow into the next. */
	size_t buckets = 1;
	while (buckets * BUCKET_KEYS * 2 < count * 3)
		buckets *= 2;
	size_t slots = buckets * BUCKET_KEYS;
	m->bucket_mask = buckets - 1;
	m->bucket = xcalloc(slots, sizeof *m->bucket);
	m->first_row = xcalloc(buckets, sizeof *m->first_row);
	m->qw = xcalloc((count + 1) * PCT_CLASSES, sizeof *m->qw);
	m->scale = scale;
	/* The keys first, then the weights in rows by bucket, with no empty slots between them. */
	uint32_t *slot = xcalloc(count + 1, sizeof *slot);
	size_t pos = 20;
	for (size_t n = 0; n < count; n++) {
		if (pos + 6 > len)
			goto bad;
		uint32_t k = key_of(get_u32(data + pos));
		unsigned mask = data[pos + 4] | data[pos + 5] << 8;
		pos += 6;
		size_t i = bucket_of(m, k) * BUCKET_KEYS;
		while (m->bucket[i] && m->bucket[i] != k)
			i = (i + 1) & (slots - 1);
		if (m->bucket[i])
			goto bad;
		m->bucket[i] = k;
		slot[n] = (uint32_t)i;
		m->used++;
		for (int c = 0; c < PCT_CLASSES; c++)
			pos += 2 * !!(mask & 1u << c);
	}
	if (pos > len)
		goto bad;
	for (size_t b = 1; b < buckets; b++) {
		size_t full = 0;
		while (full < BUCKET_KEYS && m->bucket[(b - 1) * BUCKET_KEYS + full])
			full++;
		m->first_row[b] = m->first_row[b - 1] + (uint32_t)full;
	}
	pos = 20;
	for (size_t n = 0; n < count; n++) {
		unsigned mask = data[pos + 4] | data[pos + 5] << 8;
		int16_t *w = m->qw + row_of(m, slot[n]) * PCT_CLASSES;
		pos += 6;
		for (int c = 0; c < PCT_CLASSES; c++) {
			if (!(mask & 1u << c))
				continue;
			w[c] = (int16_t)(data[pos] | data[pos + 1] << 8);
			pos += 2;
		}
	}
	free(slot);
	return m;
bad:
	free(slot);
	pct_free(m);
	return NULL;
}

/* sum[c] += w[c] for every class: eight at a time where SSE2 is, the same sums. */
static void
add_weights(int32_t *sum, const int16_t *w)
{
#ifdef __SSE2__
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)w);
	__m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(x, x), 16);
	__m128i hi = _mm_srai_epi32(_mm_unpackhi_epi16(x, x), 16);
	__m128i *s = (__m128i *)(void *)sum;
	_mm_storeu_si128(s, _mm_add_epi32(_mm_loadu_si128(s), lo));
	_mm_storeu_si128(s + 1, _mm_add_epi32(_mm_loadu_si128(s + 1), hi));
	for (int c = 8; c < PCT_CLASSES; c++)
		sum[c] += w[c];
#else
	for (int c = 0; c < PCT_CLASSES; c++)
		sum[c] += w[c];
#endif
}

/*
 * Key k's slot in bucket b, or BUCKET_KEYS when the bucket lacks it.
 * The keys of a bucket are compared at once.
 */
static unsigned
slot_in_bucket(const uint32_t *b, uint32_t k)
{
	unsigned found = 0;
#ifdef __SSE2__
	__m128i kk = _mm_set1_epi32((int)k);
	const __m128i *q = (const __m128i *)(const void *)b;
	__m128i lo = _mm_packs_epi32(_mm_cmpeq_epi32(_mm_loadu_si128(q), kk),
	    _mm_cmpeq_epi32(_mm_loadu_si128(q + 1), kk));
	__m128i hi = _mm_packs_epi32(_mm_cmpeq_epi32(_mm_loadu_si128(q + 2), kk),
	    _mm_cmpeq_epi32(_mm_loadu_si128(q + 3), kk));
	found = (unsigned)_mm_movemask_epi8(_mm_packs_epi16(lo, hi));
#else
	for (int j = 0; j < BUCKET_KEYS; j++)
		found |= (unsigned)(b[j] == k) << j;
#endif
	found |= 1u << BUCKET_KEYS;
#if defined(__GNUC__) || defined(__clang__)
	return (unsigned)__builtin_ctz(found);
#else
	unsigned j = 0;
	while (!(found & 1u << j))
		j++;
	return j;
#endif
}

/*
 * Key k's weights, or the row of zeros when the model lacks it.  Found
 * or not is a choice of row, not a branch: a third of the keys asked for
 * are missing, at random.
 */
static const int16_t *
weights_of(const struct pct_model *m, uint32_t k, size_t b)
{
	for (;;) {
		const uint32_t *keys = m->bucket + b * BUCKET_KEYS;
		unsigned j = slot_in_bucket(keys, k);
		size_t found = j < BUCKET_KEYS;         /* 0 or 1 */
		size_t row = m->used + (((size_t)m->first_row[b] + j - m->used) & (0 - found));
		/* A full bucket may have sent the key on to the next. */
		if (!((found ^ 1) & (keys[BUCKET_KEYS - 1] != 0)))
			return m->qw + row * PCT_CLASSES;
		b = (b + 1) & m->bucket_mask;
	}
}

void
pct_sum_parts(const struct pct_model *m, const uint32_t *f, size_t n, const uint32_t *part,
    int32_t (*sums)[PCT_CLASSES])
{
	/*
	 * Sweeps, so that the memory trips of all the features overlap
	 * instead of following one another: the keys' buckets, then their
	 * weights, then the sums.
	 */
	size_t b[SWEEP];
	const int16_t *w[SWEEP];
	if (!m->bucket)
		return;
	for (size_t at = 0; at < n; at += SWEEP) {
		size_t cnt = n - at < SWEEP ? n - at : SWEEP;
		for (size_t j = 0; j < cnt; j++) {
			b[j] = bucket_of(m, key_of(f[at + j]));
			PREFETCH(m->bucket + b[j] * BUCKET_KEYS);
		}
		for (size_t j = 0; j < cnt; j++) {
			w[j] = weights_of(m, key_of(f[at + j]), b[j]);
			PREFETCH(w[j]);
		}
		for (size_t j = 0; j < cnt; j++)
			add_weights(sums[part ? part[at + j] : 0], w[j]);
	}
}

void
pct_sum2(const struct pct_model *m, const uint32_t *f, size_t split, size_t n, int32_t *first,
    int32_t *rest)
{
	uint32_t part[SWEEP];
	int32_t sum[2][PCT_CLASSES] = { { 0 } };
	size_t done = 0;
	/* In pieces that part[] holds. */
	while (done < n) {
		size_t cnt = n - done < SWEEP ? n - done : SWEEP;
		for (size_t j = 0; j < cnt; j++)
			part[j] = done + j >= split;
		pct_sum_parts(m, f + done, cnt, part, sum);
		done += cnt;
	}
	for (int c = 0; c < PCT_CLASSES; c++) {
		first[c] += sum[0][c];
		if (rest)
			rest[c] += sum[1][c];
	}
}

void
pct_sum(const struct pct_model *m, const uint32_t *f, size_t n, int32_t *sums)
{
	pct_sum_parts(m, f, n, NULL, (int32_t (*)[PCT_CLASSES])sums);
}

float
pct_step(const struct pct_model *m)
{
	return m->scale;
}

void
pct_score(const struct pct_model *m, const uint32_t *f, size_t n, float *scores)
{
	if (m->bucket) {
		/* The scale comes once at the end. */
		int32_t sum[PCT_CLASSES] = { 0 };
		pct_sum(m, f, n, sum);
		for (int c = 0; c < PCT_CLASSES; c++)
			scores[c] += (float)sum[c] * m->scale;
		return;
	}
	for (size_t j = 0; j < n; j++) {
		uint32_t k = key_of(f[j]);
		size_t i = (k * 2654435761u) & m->mask;
		while (m->kv[2 * (i)] && m->kv[2 * (i)] != k)
			i = (i + 1) & m->mask;
		if (!m->kv[2 * (i)])
			continue;
		const float *w = m->w + (size_t)m->kv[2 * (i) + 1] * PCT_CLASSES;
		for (int c = 0; c < PCT_CLASSES; c++)
			scores[c] += w[c];
	}
}

static void
grow_table(struct pct_model *m)
{
	uint32_t *ok = m->kv;
	unsigned *oc = m->counts;
	size_t old = m->mask + 1;
	table_init(m, old);
	m->counts = xcalloc(m->mask + 1, sizeof *m->counts);
	for (size_t i = 0; i < old; i++)
		if (ok[2 * i]) {
			size_t j = slot_of(m, ok[2 * i]);
			m->kv[2 * j] = ok[2 * i];
			m->counts[j] = oc[i];
			m->used++;
		}
	free(ok);
	free(oc);
}

void
pct_count(struct pct_model *m, const uint32_t *f, size_t n)
{
	for (size_t j = 0; j < n; j++) {
		uint32_t k = key_of(f[j]);
		size_t i = slot_of(m, k);
		if (!m->kv[2 * (i)]) {
			m->kv[2 * (i)] = k;
			m->used++;
		}
		m->counts[i]++;
		if (m->used * 2 > m->mask) {
			grow_table(m);
		}
	}
}

void
pct_keep_frequent(struct pct_model *m, unsigned min)
{
	uint32_t *ok = m->kv;
	unsigned *oc = m->counts;
	size_t old = m->mask + 1, kept = 0;

	for (size_t i = 0; i < old; i++)
		kept += ok[2 * i] && oc[i] >= min;
	table_init(m, kept);
	size_t n = 0;
	for (size_t i = 0; i < old; i++)
		if (ok[2 * i] && oc[i] >= min) {
			size_t j = slot_of(m, ok[2 * i]);
			m->kv[2 * j] = ok[2 * i];
			m->kv[2 * (j) + 1] = (uint32_t)n++;
			m->used++;
		}
	free(ok);
	free(oc);
	m->counts = NULL;
	m->w = xcalloc(n * PCT_CLASSES, sizeof *m->w);
	m->total = xcalloc(n * PCT_CLASSES, sizeof *m->total);
	m->stamp = xcalloc(n * PCT_CLASSES, sizeof *m->stamp);
}

size_t
pct_features(const struct pct_model *m)
{
	return m->used;
}

void
pct_tick(struct pct_model *m)
{
	m->now++;
}

static void
nudge(struct pct_model *m, size_t at, float by)
{
	m->total[at] += (double)(m->now - m->stamp[at]) * m->w[at];
	m->stamp[at] = m->now;
	m->w[at] += by;
}

void
pct_update(struct pct_model *m, const uint32_t *f, size_t n, int truth, int guess)
{
	if (truth == guess)
		return;
	for (size_t j = 0; j < n; j++) {
		uint32_t k = key_of(f[j]);
		size_t i = slot_of(m, k);
		if (!m->kv[2 * (i)])
			continue;
		size_t base = (size_t)m->kv[2 * (i) + 1] * PCT_CLASSES;
		nudge(m, base + (size_t)truth, 1.0f);
		nudge(m, base + (size_t)guess, -1.0f);
	}
}

void
pct_nudge(struct pct_model *m, const uint32_t *f, size_t n, int cls, float by)
{
	for (size_t j = 0; j < n; j++) {
		size_t i = slot_of(m, key_of(f[j]));

		if (m->kv[2 * i])
			nudge(m, (size_t)m->kv[2 * i + 1] * PCT_CLASSES + (size_t)cls, by);
	}
}

void
pct_average(struct pct_model *m)
{
	size_t n = m->used * PCT_CLASSES;
	for (size_t at = 0; at < n; at++) {
		double total = m->total[at] + (double)(m->now - m->stamp[at]) * m->w[at];
		m->w[at] = m->now ? (float)(total / m->now) : 0.0f;
		m->total[at] = 0;
		m->stamp[at] = m->now;
	}
}

int
pct_add(struct pct_model *into, const struct pct_model *m)
{
	if (into->used != m->used || into->mask != m->mask || !into->w || !m->w ||
	    memcmp(into->kv, m->kv, (m->mask + 1) * 2 * sizeof *m->kv) != 0)
		return -1;
	for (size_t at = 0; at < m->used * PCT_CLASSES; at++)
		into->w[at] += m->w[at];
	return 0;
}

void
pct_scale(struct pct_model *m, float by)
{
	for (size_t at = 0; at < m->used * PCT_CLASSES; at++)
		m->w[at] *= by;
}

static float
absf(float x)
{
	return x < 0 ? -x : x;
}

/* Rounds to the nearest step of the quantised weights (libm stays out of the build). */
static long
round_to(float x, float scale)
{
	float q = x / scale;
	return (long)(q < 0 ? q - 0.5f : q + 0.5f);
}

static int
put_u32(FILE *out, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8),
		(unsigned char)(v >> 16), (unsigned char)(v >> 24) };
	return fwrite(b, 1, 4, out) == 4 ? 0 : -1;
}

int
pct_save(const struct pct_model *m, FILE *out, float min_abs)
{
	float top = 0;
	size_t count = 0;
	for (size_t i = 0; i <= m->mask; i++) {
		if (!m->kv[2 * (i)])
			continue;
		const float *w = m->w + (size_t)m->kv[2 * (i) + 1] * PCT_CLASSES;
		int any = 0;
		for (int c = 0; c < PCT_CLASSES; c++) {
			if (absf(w[c]) > top)
				top = absf(w[c]);
			any |= absf(w[c]) >= min_abs;
		}
		count += any;
	}
	float scale = top > 0 ? top / 32767.0f : 1.0f;
	uint32_t sbits;
	memcpy(&sbits, &scale, sizeof sbits);
	if (fwrite("NTPC", 1, 4, out) != 4 || put_u32(out, 1) || put_u32(out, PCT_CLASSES) ||
	    put_u32(out, (uint32_t)count) || put_u32(out, sbits))
		return -1;
	for (size_t i = 0; i <= m->mask; i++) {
		if (!m->kv[2 * (i)])
			continue;
		const float *w = m->w + (size_t)m->kv[2 * (i) + 1] * PCT_CLASSES;
		unsigned mask = 0;
		for (int c = 0; c < PCT_CLASSES; c++)
			if (absf(w[c]) >= min_abs && round_to(w[c], scale) != 0)
				mask |= 1u << c;
		if (!mask) {
			int any = 0;
			for (int c = 0; c < PCT_CLASSES; c++)
				any |= absf(w[c]) >= min_abs;
			if (!any)
				continue;
		}
		unsigned char hdr[2] = { (unsigned char)mask, (unsigned char)(mask >> 8) };
		if (put_u32(out, m->kv[2 * (i)]) || fwrite(hdr, 1, 2, out) != 2)
			return -1;
		for (int c = 0; c < PCT_CLASSES; c++) {
			if (!(mask & 1u << c))
				continue;
			int16_t q = (int16_t)round_to(w[c], scale);
			unsigned char b[2] = { (unsigned char)(q & 0xff), (unsigned char)((uint16_t)q >> 8) };
			if (fwrite(b, 1, 2, out) != 2)
				return -1;
		}
	}
	return ferror(out) ? -1 : 0;
}

/*
 * An image (image.h) of a loaded model: count PCT_CLASSES, sizes the
 * buckets and the rows; the buckets' keys, their first rows and the rows
 * of weights follow.  The scale stands after the header's sizes.
 */
#define SCALE_AT 32

/* Where each table starts in an image of a model of buckets and rows; returns the image's length. */
static size_t
image_layout(size_t buckets, size_t rows, size_t at[3])
{
	at[0] = IMAGE_LINE;
	at[1] = at[0] + image_line_up(buckets * BUCKET_KEYS * sizeof(uint32_t));
	at[2] = at[1] + image_line_up(buckets * sizeof(uint32_t));
	return at[2] + image_line_up(rows * PCT_CLASSES * sizeof(int16_t));
}

unsigned char *
pct_image(const struct pct_model *m, size_t *len)
{
	uint64_t size[2] = { m->bucket_mask + 1, m->used + 1 };
	size_t at[3];

	if (!m->bucket)
		return NULL;
	*len = image_layout(size[0], size[1], at);
	unsigned char *img = image_new(*len, IMAGE_MAGIC, PCT_CLASSES, size);
	memcpy(img + SCALE_AT, &m->scale, sizeof m->scale);
	memcpy(img + at[0], m->bucket, size[0] * BUCKET_KEYS * sizeof *m->bucket);
	memcpy(img + at[1], m->first_row, size[0] * sizeof *m->first_row);
	memcpy(img + at[2], m->qw, size[1] * PCT_CLASSES * sizeof *m->qw);
	return img;
}

/* A model whose tables are the image's bytes, which must outlive it; NULL when they are not one. */
static struct pct_model *
pct_view(const unsigned char *data, size_t len)
{
	uint64_t size[2];
	size_t at[3];

	if (!image_open(data, len, IMAGE_MAGIC, PCT_CLASSES, size) || size[0] == 0 ||
	    (size[0] & (size[0] - 1)) != 0 || size[0] > len || size[1] == 0 || size[1] > len ||
	    image_layout(size[0], size[1], at) != len)
		return NULL;
	struct pct_model *m = xcalloc(1, sizeof *m);
	m->view = 1;
	m->bucket_mask = size[0] - 1;
	m->used = size[1] - 1;
	memcpy(&m->scale, data + SCALE_AT, sizeof m->scale);
	/* Never written: the loaded model's tables are only read. */
	m->bucket = (uint32_t *)(uintptr_t)(data + at[0]);
	m->first_row = (uint32_t *)(uintptr_t)(data + at[1]);
	m->qw = (int16_t *)(uintptr_t)(data + at[2]);
	return m;
}
