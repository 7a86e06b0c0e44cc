#include <stdlib.h>
#include <string.h>

#include "perceptron.h"
#include "xalloc.h"

struct pct_model {
	uint32_t *kv;           /* per slot: the key (0: empty) and its feature number, side by side for the cache */
	unsigned *counts;       /* while counting: per slot */
	size_t mask, used;
	float *w;               /* feature number * PCT_CLASSES + class */
	double *total;          /* training: sums for averaging */
	uint32_t *stamp;
	uint32_t now;
	/*
	 * A loaded model: the keys alone (small enough to stay in the
	 * cache, so that features the model lacks cost no memory trip),
	 * and beside them each slot's quantised weights.
	 */
	uint32_t *pk_key;       /* 0: empty */
	int16_t (*pk_w)[PCT_CLASSES];
	size_t pk_mask;
	float scale;
};

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
	free(m->pk_key);
	free(m->pk_w);
	free(m);
}

static uint32_t
get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
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

	struct pct_model *m = xcalloc(1, sizeof *m);
	size_t cap = 1024;
	while (cap < count + count / 2)
		cap *= 2;
	m->pk_key = xcalloc(cap, sizeof *m->pk_key);
	m->pk_w = xcalloc(cap, sizeof *m->pk_w);
	m->pk_mask = cap - 1;
	m->scale = scale;
	size_t pos = 20;
	for (size_t n = 0; n < count; n++) {
		if (pos + 6 > len)
			goto bad;
		uint32_t k = key_of(get_u32(data + pos));
		unsigned mask = data[pos + 4] | data[pos + 5] << 8;
		pos += 6;
		size_t i = (k * 2654435761u) & m->pk_mask;
		while (m->pk_key[i] && m->pk_key[i] != k)
			i = (i + 1) & m->pk_mask;
		if (m->pk_key[i])
			goto bad;
		m->pk_key[i] = k;
		m->used++;
		for (int c = 0; c < PCT_CLASSES; c++) {
			if (!(mask & 1u << c))
				continue;
			if (pos + 2 > len)
				goto bad;
			m->pk_w[i][c] = (int16_t)(data[pos] | data[pos + 1] << 8);
			pos += 2;
		}
	}
	return m;
bad:
	pct_free(m);
	return NULL;
}

void
pct_sum2(const struct pct_model *m, const uint32_t *f, size_t split, size_t n, int32_t *first,
    int32_t *rest)
{
	/*
	 * Three sweeps, so that the memory trips of all the features
	 * overlap instead of following one another: where each key would
	 * be, which slot holds it, and the weights.
	 */
	size_t slot[128];
	int32_t sum[2][PCT_CLASSES] = { { 0 } };
	if (!m->pk_key)
		return;
	for (size_t at = 0; at < n; at += 128) {
		size_t cnt = n - at < 128 ? n - at : 128, found = 0, found_first = 0;
		for (size_t j = 0; j < cnt; j++) {
			slot[j] = (key_of(f[at + j]) * 2654435761u) & m->pk_mask;
			PREFETCH(&m->pk_key[slot[j]]);
		}
		for (size_t j = 0; j < cnt; j++) {
			uint32_t k = key_of(f[at + j]);
			size_t i = slot[j];
			while (m->pk_key[i] && m->pk_key[i] != k)
				i = (i + 1) & m->pk_mask;
			if (!m->pk_key[i])
				continue;
			PREFETCH(m->pk_w[i]);
			slot[found++] = i;
			if (at + j < split)
				found_first = found;
		}
		for (size_t j = 0; j < found; j++)
			for (int c = 0; c < PCT_CLASSES; c++)
				sum[j >= found_first][c] += m->pk_w[slot[j]][c];
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
	pct_sum2(m, f, n, n, sums, NULL);
}

float
pct_step(const struct pct_model *m)
{
	return m->scale;
}

void
pct_score(const struct pct_model *m, const uint32_t *f, size_t n, float *scores)
{
	if (m->pk_key) {
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
