#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

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
	 * A loaded model: each key beside its quantised weights (one
	 * memory trip), and a filter that tells most features the model
	 * lacks (most of those asked for) without a trip at all: two bits
	 * set per key, small enough to stay in the fast caches.
	 */
	struct pct_packed *pk;
	size_t pk_size;
	uint64_t *filter;
	float scale;
};

struct pct_packed {
	uint32_t key;           /* 0: empty */
	int16_t w[PCT_CLASSES];
};

#define FILTER_BITS 20          /* 128 KiB: 13 bits per feature of the shipped model */

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
	free(m->pk);
	free(m->filter);
	free(m);
}

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Where key k's probe starts in a table of size slots: any size, not only powers of two. */
static size_t
packed_start(uint32_t k, size_t size)
{
	return (size_t)(((uint64_t)(k * 2654435761u) * size) >> 32);
}

/* Key k's hash for the filter: which word of it (the top bits), and three bits in that word. */
static uint64_t
filter_hash(uint32_t k)
{
	return (uint64_t)k * 0x9E3779B97F4A7C15ull;
}

static size_t
filter_word(uint64_t h)
{
	return (size_t)(h >> (64 - FILTER_BITS + 6));
}

static uint64_t
filter_bits(uint64_t h)
{
	return (uint64_t)1 << (h & 63) | (uint64_t)1 << (h >> 6 & 63) | (uint64_t)1 << (h >> 12 & 63);
}

/* Whether the model may hold key k (hash h): all its bits in one word, one memory trip. */
static int
filter_has(const uint64_t *filter, uint64_t h)
{
	return (filter[filter_word(h)] & filter_bits(h)) == filter_bits(h);
}

static void
filter_add(uint64_t *filter, uint64_t h)
{
	filter[filter_word(h)] |= filter_bits(h);
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
	if (count > (len - 20) / 6)
		return NULL;

	struct pct_model *m = xcalloc(1, sizeof *m);
	/* A third empty: most probes end in their first cache line. */
	m->pk_size = count + count / 2 + 1;
	m->pk = xcalloc(m->pk_size, sizeof *m->pk);
	m->filter = xcalloc((size_t)1 << (FILTER_BITS - 6), sizeof *m->filter);
	m->scale = scale;
	size_t pos = 20;
	for (size_t n = 0; n < count; n++) {
		if (pos + 6 > len)
			goto bad;
		uint32_t k = key_of(get_u32(data + pos));
		unsigned mask = data[pos + 4] | data[pos + 5] << 8;
		pos += 6;
		size_t i = packed_start(k, m->pk_size);
		while (m->pk[i].key && m->pk[i].key != k)
			i = i + 1 < m->pk_size ? i + 1 : 0;
		if (m->pk[i].key)
			goto bad;
		m->pk[i].key = k;
		filter_add(m->filter, filter_hash(k));
		m->used++;
		for (int c = 0; c < PCT_CLASSES; c++) {
			if (!(mask & 1u << c))
				continue;
			if (pos + 2 > len)
				goto bad;
			m->pk[i].w[c] = (int16_t)(data[pos] | data[pos + 1] << 8);
			pos += 2;
		}
	}
	return m;
bad:
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

void
pct_sum_parts(const struct pct_model *m, const uint32_t *f, size_t n, const uint32_t *part,
    int32_t (*sums)[PCT_CLASSES])
{
	/*
	 * Sweeps, so that the memory trips of all the features overlap
	 * instead of following one another: the filter's words, then the
	 * slots of the keys that pass it, then the keys and their weights.
	 * The keys that pass are gathered without a branch: whether one
	 * passes is a coin toss to the processor.
	 */
	uint32_t key[SWEEP], to[SWEEP];
	uint64_t h[SWEEP];
	size_t slot[SWEEP];
	if (!m->pk)
		return;
	for (size_t at = 0; at < n; at += SWEEP) {
		size_t cnt = n - at < SWEEP ? n - at : SWEEP, found = 0;
		for (size_t j = 0; j < cnt; j++) {
			h[j] = filter_hash(key_of(f[at + j]));
			PREFETCH(&m->filter[filter_word(h[j])]);
		}
		for (size_t j = 0; j < cnt; j++) {
			key[found] = key_of(f[at + j]);
			to[found] = part ? part[at + j] : 0;
			found += (size_t)filter_has(m->filter, h[j]);
		}
		for (size_t j = 0; j < found; j++) {
			slot[j] = packed_start(key[j], m->pk_size);
			PREFETCH(&m->pk[slot[j]]);
		}
		for (size_t j = 0; j < found; j++) {
			size_t i = slot[j];
			while (m->pk[i].key && m->pk[i].key != key[j])
				i = i + 1 < m->pk_size ? i + 1 : 0;
			if (m->pk[i].key)
				add_weights(sums[to[j]], m->pk[i].w);
		}
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
	if (m->pk) {
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
