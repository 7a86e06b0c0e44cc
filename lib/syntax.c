#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "sentence.h"
#include "synfeat.h"
#include "syntax.h"
#include "wordclass.h"
#include "xalloc.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

extern const unsigned char data_syntax_bin[];
extern const size_t data_syntax_bin_len;

void
syntax_scan(struct token_list *tl, const char *text, size_t len)
{
	struct sentencer sp;
	size_t start, end, i = 0;

	token_scan_lines(tl, text, len);
	sentencer_init(&sp, text, len);
	while (sentencer_next(&sp, &start, &end)) {
		while (i < tl->n && tl->v[i].end <= start)
			i++;
		if (i < tl->n)
			tl->v[i].flags |= TOK_SENT_START;
	}
	token_mark_headlines(tl->v, tl->n);
}

/*
 * A word's weights in each role, summed (whole steps of the model's
 * scale), but for the roles of a sentence's first word and of a
 * headline's: few tokens have them, so they are summed when asked for,
 * from the values that have them (SIDE_VALUES, where their weights are).
 * Ten cache lines.
 */
#define SIDE_ROLES (1u << SYN_PFIRST | 1u << SYN_PHEAD)
#define SIDE_VALUES 3
struct word_sums {
	int16_t pos[SYN_PFIRST][SYN_POS_MAX];
	int16_t chunk[SYN_CHUNK_ROLES][SYN_CHUNK_MAX];
	uint32_t side[SIDE_VALUES];     /* 0: none */
	uint16_t cls;                   /* synfeat_class */
	uint8_t mark;                   /* the lexicon's (synfeat.h) */
};

/*
 * The weights file (lib/data/syntax.bin), little-endian:
 *   "NTSY"  u32 version (2)
 *   u8 tags, then each tag's name as u8 length and bytes (the tagger's classes)
 *   u8 chunks, then each chunk tag's name likewise (the chunker's)
 *   u32 values, then per value (synfeat.h), in order of id: u32 id,
 *   u16 count, and count times u8 role, u8 class and i16 weight
 * Roles before SYN_C0 and SYN_POS_TAGS_ROLE weigh tags, SYN_LEXICON_ROLE
 * holds the lexicon's mark of a word's lower-case value (its class; the
 * weight 1), the others weigh chunk tags.
 */
#define NAME_MAX_LEN 7
struct syntax_model {
	unsigned npos, nchunk;
	char pos_name[SYN_POS_MAX][NAME_MAX_LEN + 1];
	char chunk_name[SYN_CHUNK_MAX][NAME_MAX_LEN + 1];
	const unsigned char *data;
	size_t len;
	const struct wordclass *wc;
	struct wordclass *own_wc;       /* the built-in classes, when the model is */
	uint64_t *index;                /* value id << 32 | where its weights are (below); 0 empty */
	int16_t *dense;                 /* the weights of values with many, a row a role */
	size_t ndense;
	size_t mask;
	struct word_sums edge;          /* the sentence's edge in every role */
	unsigned char classes[256];     /* classes_of each role byte of the file; 0 past SYN_ROLES */
	/* Tag features as tables, rows by class (the last row of a class: the edge). */
	int16_t (*pos_history)[SYN_POS_MAX];            /* [t1][t2] */
	/*
	 * The tag before with a class: few of the pairs have weights, so
	 * each table names a row of class_rows (0: the row of zeros).
	 */
	uint16_t *pos_class;                            /* [t1][the token's class] */
	uint16_t *pos_next_class;                       /* [t1][the next word's class] */
	int16_t (*class_rows)[SYN_POS_MAX];
	int16_t (*pos_mark)[SYN_POS_MAX];               /* [t1][the token's mark] */
	int16_t (*chunk_pos)[SYN_CHUNK_MAX];            /* [offset + 2][p] */
	int16_t (*chunk_pair)[SYN_CHUNK_MAX];           /* [k + 1][p][q] */
	int16_t (*chunk_history)[SYN_CHUNK_MAX];        /* [c1][c2] */
	int16_t (*chunk_prev_pos)[SYN_CHUNK_MAX];       /* [c1][p] */
};

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static size_t
slot_of(uint32_t id, size_t mask)
{
	return (size_t)(id * 0x9E3779B1u >> 7) & mask;
}

/*
 * Where a value's weights are: an offset into the file (at the value's
 * count), or with DENSE_BIT an offset into the dense rows, where the
 * values with many weights (a shape such as "Xx", a suffix such as
 * "-ing", frequent words) have a row per role, so that a new word adds
 * them a vector at a time: a u16 mask of the roles, then the rows.
 */
#define DENSE_BIT 0x80000000u
#define DENSE_MIN 32

static uint32_t
find_value(const struct syntax_model *m, uint32_t id)
{
	for (size_t s = slot_of(id, m->mask); m->index[s]; s = (s + 1) & m->mask)
		if ((uint32_t)(m->index[s] >> 32) == id)
			return (uint32_t)m->index[s];
	return 0;
}

static int
tagger_role(unsigned role)
{
	return role < SYN_C0 || role == SYN_POS_TAGS_ROLE;
}

static unsigned
classes_of(const struct syntax_model *m, unsigned role)
{
	return tagger_role(role) ? m->npos : m->nchunk;
}

static int16_t
clamp16(int32_t v)
{
	return (int16_t)(v > INT16_MAX ? INT16_MAX : v < INT16_MIN ? INT16_MIN : v);
}

/* Sums the weights of the features f[0..n), all of one role, into row. */
static void
sum_features(const struct syntax_model *m, const uint32_t *f, size_t n, int16_t *row)
{
	int32_t acc[SYN_POS_MAX] = {0};
	unsigned role = n ? f[0] & SYN_ROLE_MASK : 0, classes = classes_of(m, role);
	unsigned lanes = tagger_role(role) ? SYN_POS_MAX : SYN_CHUNK_MAX;

	for (size_t j = 0; j < n; j++) {
		uint32_t at = find_value(m, f[j] & ~SYN_ROLE_MASK);
		const unsigned char *p = m->data + (at & ~DENSE_BIT);
		unsigned count = at ? (unsigned)(p[0] | p[1] << 8) : 0;
		for (p += 2; count--; p += 4)
			if (p[0] == (f[j] & SYN_ROLE_MASK) && p[1] < classes)
				acc[p[1]] += (int16_t)(p[2] | p[3] << 8);
	}
	for (unsigned k = 0; k < lanes; k++)
		row[k] = k < classes ? clamp16(acc[k]) : 0;
}

/*
 * Scores are 16-bit and add with saturation, eight to an SSE2 register
 * where the compiler offers it; the portable loops give the same sums.
 * A class beyond the model's count scores INT16_MIN from its history
 * table and never wins.
 */
#if defined(__SSE2__) && defined(__GNUC__)
static void
add_sat(int16_t *acc, const int16_t *v, unsigned lanes)
{
	/*
	 * Unrolled (GCC keeps the loop at -O2, clang unrolls it anyway): a
	 * row is then its loads, adds and stores alone, and the tagger runs
	 * some 11 % fewer instructions.
	 */
#pragma GCC unroll 6
	for (unsigned k = 0; k < lanes; k += 8) {
		__m128i a = _mm_loadu_si128((const __m128i *)(const void *)(acc + k));
		__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(v + k));
		_mm_storeu_si128((__m128i *)(void *)(acc + k), _mm_adds_epi16(a, b));
	}
}

/*
 * The first class of the highest score: the lanes that equal the
 * maximum, sixteen to a mask, without a branch to mispredict.  Inlined
 * where it is called, with lanes a constant, so that its loops unroll.
 */
static inline __attribute__((always_inline)) unsigned
best(const int16_t *s, unsigned lanes)
{
	__m128i m = _mm_loadu_si128((const __m128i *)(const void *)s);
#pragma GCC unroll 6
	for (unsigned k = 8; k < lanes; k += 8)
		m = _mm_max_epi16(m, _mm_loadu_si128((const __m128i *)(const void *)(s + k)));
	m = _mm_max_epi16(m, _mm_shuffle_epi32(m, _MM_SHUFFLE(1, 0, 3, 2)));
	m = _mm_max_epi16(m, _mm_shuffle_epi32(m, _MM_SHUFFLE(2, 3, 0, 1)));
	m = _mm_max_epi16(m, _mm_shufflelo_epi16(_mm_shufflehi_epi16(m, _MM_SHUFFLE(2, 3, 0, 1)),
	    _MM_SHUFFLE(2, 3, 0, 1)));
	uint64_t hit = 0;
#pragma GCC unroll 3
	for (unsigned k = 0; k < lanes; k += 16) {
		__m128i a = _mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *)(const void *)(s + k)), m);
		__m128i b = k + 8 < lanes ?
		    _mm_cmpeq_epi16(_mm_loadu_si128((const __m128i *)(const void *)(s + k + 8)), m) :
		    _mm_setzero_si128();
		hit |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_packs_epi16(a, b)) << k;
	}
	return (unsigned)__builtin_ctzll(hit);
}
#else
static void
add_sat(int16_t *acc, const int16_t *v, unsigned lanes)
{
	for (unsigned k = 0; k < lanes; k++)
		acc[k] = clamp16((int32_t)acc[k] + v[k]);
}

/* The first class of the highest score. */
static unsigned
best(const int16_t *s, unsigned lanes)
{
	unsigned k = 0;

	for (unsigned j = 1; j < lanes; j++)
		if (s[j] > s[k])
			k = j;
	return k;
}
#endif

#if defined(__GNUC__) || defined(__clang__)
#define PREFETCH(p) __builtin_prefetch(p)
#else
#define PREFETCH(p) ((void)(p))
#endif

static unsigned
lanes_of(unsigned role)
{
	return tagger_role(role) ? SYN_POS_MAX : SYN_CHUNK_MAX;
}

/*
 * Adds the weights at at (find_value) in the roles of the mask roles to
 * row[role]: a dense row a vector at a time, sparse weights one by one.
 */
static void
add_value(const struct syntax_model *m, uint32_t at, unsigned roles, int16_t *const row[SYN_ROLES])
{
	if (at & DENSE_BIT) {
		const int16_t *d = m->dense + (at & ~DENSE_BIT);
		unsigned has = (uint16_t)d[0];
		d += 8;
		for (unsigned r = 0; r < SYN_ROLES; r++) {
			if (!(has >> r & 1))
				continue;
			/* a constant count of lanes, so that each call unrolls */
			if ((roles >> r & 1) && tagger_role(r))
				add_sat(row[r], d, SYN_POS_MAX);
			else if (roles >> r & 1)
				add_sat(row[r], d, SYN_CHUNK_MAX);
			d += lanes_of(r);
		}
	} else if (at) {
		const unsigned char *p = m->data + at;
		for (unsigned count = (unsigned)(p[0] | p[1] << 8); p += 4, count--;) {
			unsigned r = p[-2], c = p[-1];
			/* a role past SYN_ROLES has no classes, so the shift is in range */
			if (c < m->classes[r] && (roles >> r & 1))
				row[r][c] = (int16_t)(row[r][c] + (int16_t)(p[0] | p[1] << 8));
		}
	}
}

/* The lexicon's mark of the value at at (find_value): the class of its weight in SYN_LEXICON_ROLE, or 0. */
static unsigned
mark_of(const struct syntax_model *m, uint32_t at)
{
	if (!at || (at & DENSE_BIT))
		return 0;       /* a value with a mark is never dense (build_dense) */
	const unsigned char *p = m->data + at;
	for (unsigned count = (unsigned)(p[0] | p[1] << 8); p += 4, count--;)
		if (p[-2] == SYN_LEXICON_ROLE && p[-1] < SYN_MARKS)
			return p[-1];
	return 0;
}

/*
 * A word not seen lately: its dozen values are looked up in two sweeps
 * (their index slots, then their weights), each prefetching what the
 * next reads, so that the trips to memory overlap.  A role's sum of a
 * dozen weights of at most 2047 steps each cannot overflow 16 bits.
 * n == 0 gives the sentence's edge.
 */
static void
sum_word(const struct syntax_model *m, const char *s, size_t n, struct word_sums *w)
{
	struct syn_value val[SYN_VALUES_MAX];
	uint32_t at[SYN_VALUES_MAX];
	size_t nv = synfeat_word(m->wc, s, n, val), nside = 0;
	uint32_t digits = synfeat_digits(s, n);
	int16_t *row[SYN_ROLES] = {0};

	for (size_t j = 0; j < nv; j++)
		PREFETCH(&m->index[slot_of(val[j].id, m->mask)]);
	for (size_t j = 0; j < nv; j++)
		if ((at[j] = find_value(m, val[j].id)) != 0)
			PREFETCH(at[j] & DENSE_BIT ? (const void *)(m->dense + (at[j] & ~DENSE_BIT)) :
			    (const void *)(m->data + at[j]));
	memset(w, 0, sizeof *w);
	w->cls = (uint16_t)synfeat_class(m->wc, s, n);
	if (nv > SYN_LOW_VALUE)
		w->mark = (uint8_t)mark_of(m, at[SYN_LOW_VALUE]);
	for (unsigned r = 0; r < SYN_PFIRST; r++)
		row[r] = w->pos[r];
	for (unsigned r = SYN_C0; r < SYN_ROLES; r++)
		row[r] = w->chunk[r - SYN_C0];
	for (size_t j = 0; j < nv; j++) {
		if (digits && val[j].id == digits)
			continue;       /* the word's own, not its key's (digits_sums) */
		add_value(m, at[j], val[j].roles & ~SIDE_ROLES, row);
		if ((val[j].roles & SIDE_ROLES) && at[j]) {
			if (nside == SIDE_VALUES) {
				fputs("ntools: more of a word's values in the first word's roles than the tagger keeps\n",
				    stderr);
				abort();
			}
			w->side[nside++] = at[j];
		}
	}
}

/* The sums of role r, SYN_PFIRST or SYN_PHEAD, of the word of w, into out. */
static void
side_sums(const struct syntax_model *m, const struct word_sums *w, unsigned r, int16_t *out)
{
	int16_t *row[SYN_ROLES] = {0};

	row[r] = out;
	memset(out, 0, SYN_POS_MAX * sizeof *out);
	for (size_t j = 0; j < SIDE_VALUES && w->side[j]; j++)
		add_value(m, w->side[j], 1u << r, row);
}

/*
 * The sums in role SYN_P0 of a short number's own digits (synfeat_digits:
 * "3." is not "4.", though they share their sums by key) into out; 0
 * when the word s[0..n) has none.
 */
static int
digits_sums(const struct syntax_model *m, const char *s, size_t n, int16_t *out)
{
	uint32_t id = synfeat_digits(s, n);
	int16_t *row[SYN_ROLES] = {0};

	if (id == 0)
		return 0;
	row[SYN_P0] = out;
	memset(out, 0, SYN_POS_MAX * sizeof *out);
	add_value(m, find_value(m, id), 1u << SYN_P0, row);
	return 1;
}

/*
 * Gives the values of word roles only with DENSE_MIN weights or more
 * rows of their own (see DENSE_BIT).
 */
static void
build_dense(struct syntax_model *m)
{
	size_t size = 0;

	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			m->dense = xcalloc(size ? size : 1, sizeof *m->dense);
		size = 0;
		for (size_t s = 0; s <= m->mask; s++) {
			uint32_t at = (uint32_t)m->index[s];
			if (!m->index[s] || (at & DENSE_BIT))
				continue;
			const unsigned char *p = m->data + at;
			unsigned count = (unsigned)(p[0] | p[1] << 8), roles = 0;
			for (unsigned k = 0; k < count; k++)
				roles |= p[2 + 4 * k] < SYN_ROLES ? 1u << p[2 + 4 * k] : DENSE_BIT;
			if (count < DENSE_MIN || (roles & DENSE_BIT))
				continue;
			size_t start = size;
			size += 8;
			for (unsigned r = 0; r < SYN_ROLES; r++)
				size += roles >> r & 1 ? lanes_of(r) : 0;
			if (pass == 0)
				continue;
			int16_t *d = m->dense + start, *row[SYN_ROLES];
			d[0] = (int16_t)roles;
			d += 8;
			for (unsigned r = 0; r < SYN_ROLES; r++)
				if (roles >> r & 1) {
					row[r] = d;
					d += lanes_of(r);
				}
			for (unsigned k = 0; k < count; k++) {
				const unsigned char *q = p + 2 + 4 * k;
				if (q[1] < classes_of(m, q[0]))
					row[q[0]][q[1]] = (int16_t)(q[2] | q[3] << 8);
			}
			m->index[s] = (m->index[s] >> 32) << 32 | DENSE_BIT | (uint32_t)start;
		}
	}
	m->ndense = size;
}

/* A table's class index for feature values: the edge is the last row. */
static unsigned
edge_as(unsigned classes, unsigned k)
{
	return k == classes ? SYN_EDGE : k;
}

static void
build_tables(struct syntax_model *m)
{
	unsigned P = m->npos + 1, C = m->nchunk + 1;
	uint32_t f[16];
	size_t n;

	m->pos_history = xcalloc((size_t)P * P, sizeof *m->pos_history);
	for (unsigned a = 0; a < P; a++)
		for (unsigned b = 0; b < P; b++) {
			n = synfeat_pos_history(edge_as(m->npos, a), edge_as(m->npos, b), f);
			sum_features(m, f, n, m->pos_history[a * P + b]);
		}
	m->pos_class = xcalloc((size_t)P * SYN_CLASSES, sizeof *m->pos_class);
	m->pos_next_class = xcalloc((size_t)P * SYN_CLASSES, sizeof *m->pos_next_class);
	m->pos_mark = xcalloc((size_t)P * SYN_MARKS, sizeof *m->pos_mark);
	for (unsigned a = 0; a < P; a++)
		for (unsigned k = 1; k < SYN_MARKS; k++) {
			f[0] = synfeat_pos_mark(edge_as(m->npos, a), k);
			sum_features(m, f, 1, m->pos_mark[(size_t)a * SYN_MARKS + k]);
		}
	/* Rows counted, then filled; fewer than 2 * 49 * SYN_CLASSES + 1 fit 16 bits. */
	size_t rows = 1;
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1)
			m->class_rows = xcalloc(rows, sizeof *m->class_rows);
		rows = 1;
		for (unsigned a = 0; a < P; a++)
			for (unsigned k = 0; k < SYN_CLASSES; k++)
				for (int next = 0; next < 2; next++) {
					f[0] = next ? synfeat_pos_next_class(edge_as(m->npos, a), k) :
					    synfeat_pos_class(edge_as(m->npos, a), k);
					if (!find_value(m, f[0] & ~SYN_ROLE_MASK))
						continue;
					if (pass == 1) {
						sum_features(m, f, 1, m->class_rows[rows]);
						(next ? m->pos_next_class : m->pos_class)[(size_t)a * SYN_CLASSES + k] =
						    (uint16_t)rows;
					}
					rows++;
				}
	}
	m->chunk_pos = xcalloc((size_t)5 * P, sizeof *m->chunk_pos);
	for (int k = -2; k <= 2; k++)
		for (unsigned a = 0; a < P; a++) {
			n = synfeat_chunk_pos(k, edge_as(m->npos, a), f);
			sum_features(m, f, n, m->chunk_pos[(size_t)(k + 2) * P + a]);
		}
	m->chunk_pair = xcalloc((size_t)2 * P * P, sizeof *m->chunk_pair);
	for (int k = -1; k <= 0; k++)
		for (unsigned a = 0; a < P; a++)
			for (unsigned b = 0; b < P; b++) {
				n = synfeat_chunk_pair(k, edge_as(m->npos, a), edge_as(m->npos, b), f);
				sum_features(m, f, n, m->chunk_pair[((size_t)(k + 1) * P + a) * P + b]);
			}
	m->chunk_history = xcalloc((size_t)C * C, sizeof *m->chunk_history);
	for (unsigned a = 0; a < C; a++)
		for (unsigned b = 0; b < C; b++) {
			n = synfeat_chunk_history(edge_as(m->nchunk, a), edge_as(m->nchunk, b), f);
			sum_features(m, f, n, m->chunk_history[a * C + b]);
		}
	m->chunk_prev_pos = xcalloc((size_t)C * P, sizeof *m->chunk_prev_pos);
	for (unsigned a = 0; a < C; a++)
		for (unsigned b = 0; b < P; b++) {
			n = synfeat_chunk_prev_pos(edge_as(m->nchunk, a), edge_as(m->npos, b), f);
			sum_features(m, f, n, m->chunk_prev_pos[a * P + b]);
		}
	sum_word(m, NULL, 0, &m->edge);
	/* The classes beyond the model's count never win. */
	for (size_t r = 0; r < (size_t)P * P; r++)
		for (unsigned k = m->npos; k < SYN_POS_MAX; k++)
			m->pos_history[r][k] = INT16_MIN;
	for (size_t r = 0; r < (size_t)C * C; r++)
		for (unsigned k = m->nchunk; k < SYN_CHUNK_MAX; k++)
			m->chunk_history[r][k] = INT16_MIN;
}

/* Reads count names into names; returns the bytes read, or 0 when they run past end. */
static size_t
read_names(const unsigned char *p, const unsigned char *end, unsigned *count, unsigned max,
    char (*names)[NAME_MAX_LEN + 1])
{
	const unsigned char *q = p;

	if (q >= end || *q > max)
		return 0;
	*count = *q++;
	for (unsigned k = 0; k < *count; k++) {
		if (q >= end || *q > NAME_MAX_LEN || (size_t)(end - q) < 1u + *q)
			return 0;
		memcpy(names[k], q + 1, *q);
		names[k][*q] = '\0';
		q += 1 + *q;
	}
	return (size_t)(q - p);
}

struct syntax_model *
syntax_model_load(const unsigned char *data, size_t len, const struct wordclass *wc)
{
	const unsigned char *p = data, *end = data + len;
	struct syntax_model *m;
	size_t l;

	if (len < 8 || memcmp(data, "NTSY", 4) != 0 || le32(data + 4) != 2 || len >= DENSE_BIT)
		return NULL;
	m = xcalloc(1, sizeof *m);
	m->wc = wc;
	p += 8;
	if ((l = read_names(p, end, &m->npos, SYN_POS_MAX, m->pos_name)) == 0)
		goto bad;
	p += l;
	if ((l = read_names(p, end, &m->nchunk, SYN_CHUNK_MAX, m->chunk_name)) == 0)
		goto bad;
	p += l;
	if (end - p < 4)
		goto bad;
	uint32_t nfeat = le32(p);
	p += 4;
	size_t cap = 16;
	while (cap < 2 * (size_t)nfeat)
		cap *= 2;
	m->index = xcalloc(cap, sizeof *m->index);
	m->mask = cap - 1;
	m->data = data;
	m->len = len;
	for (uint32_t j = 0; j < nfeat; j++) {
		if (end - p < 6)
			goto bad;
		size_t count = (size_t)(p[4] | p[5] << 8);
		if ((size_t)(end - p - 6) < 4 * count)
			goto bad;
		uint32_t id = le32(p);
		size_t s = slot_of(id, m->mask);
		while (m->index[s])
			s = (s + 1) & m->mask;
		m->index[s] = (uint64_t)id << 32 | (uint32_t)(p + 4 - data);
		p += 6 + 4 * count;
	}
	if (p != end)
		goto bad;
	for (unsigned r = 0; r < SYN_ROLES; r++)
		m->classes[r] = (unsigned char)classes_of(m, r);
	build_dense(m);
	build_tables(m);
	return m;
bad:
	syntax_model_free(m);
	return NULL;
}

struct syntax_model *
syntax_model_builtin(void)
{
	struct wordclass *wc = wordclass_builtin();
	struct syntax_model *m = syntax_model_load(data_syntax_bin, data_syntax_bin_len, wc);

	if (!m) {
		fputs("ntools: the built-in syntax model is broken (rebuild lib/data/syntax.bin)\n", stderr);
		exit(2);
	}
	m->own_wc = wc;
	return m;
}

void
syntax_model_free(struct syntax_model *m)
{
	if (!m)
		return;
	wordclass_free(m->own_wc);
	free(m->index);
	free(m->dense);
	free(m->pos_history);
	free(m->pos_class);
	free(m->pos_next_class);
	free(m->class_rows);
	free(m->pos_mark);
	free(m->chunk_pos);
	free(m->chunk_pair);
	free(m->chunk_history);
	free(m->chunk_prev_pos);
	free(m);
}

unsigned
syntax_pos_count(const struct syntax_model *m)
{
	return m->npos;
}

unsigned
syntax_chunk_count(const struct syntax_model *m)
{
	return m->nchunk;
}

const char *
syntax_pos_name(const struct syntax_model *m, unsigned k)
{
	return k < m->npos ? m->pos_name[k] : "";
}

const char *
syntax_chunk_name(const struct syntax_model *m, unsigned k)
{
	return k < m->nchunk ? m->chunk_name[k] : "";
}

static int
find_name(char (*names)[NAME_MAX_LEN + 1], unsigned count, const char *name, size_t n)
{
	for (unsigned k = 0; k < count; k++)
		if (strlen(names[k]) == n && memcmp(names[k], name, n) == 0)
			return (int)k;
	return -1;
}

int
syntax_pos_id(const struct syntax_model *m, const char *name, size_t n)
{
	return find_name((char (*)[NAME_MAX_LEN + 1])m->pos_name, m->npos, name, n);
}

int
syntax_chunk_id(const struct syntax_model *m, const char *name, size_t n)
{
	return find_name((char (*)[NAME_MAX_LEN + 1])m->chunk_name, m->nchunk, name, n);
}

/*
 * Words recur: their sums are kept by their key (word_key), in sets of
 * WAYS slots, the set's most recently used word first, so that a
 * rare word takes the place of the one least used of four, not of
 * whichever shares its slot: a news stream's working vocabulary in
 * under 8 MB.
 */
#define SETS 3072
#define WAYS 4
struct cache_set {
	uint64_t key[WAYS];     /* the words' keys, most recently used first; 0 empty */
	uint8_t way[WAYS];      /* the slot of each */
};
struct syntax_tagger {
	const struct syntax_model *m;
	size_t nsets;
	struct cache_set *set;          /* [nsets] */
	void *mem;
	struct word_sums *sums;         /* [nsets * WAYS], on cache lines */
};

struct syntax_tagger *
syntax_tagger_sized(const struct syntax_model *m, size_t sets)
{
	struct syntax_tagger *t = xcalloc(1, sizeof *t);

	t->m = m;
	t->nsets = sets ? sets : 1;
	t->set = xcalloc(t->nsets, sizeof *t->set);
	t->mem = xcalloc(1, t->nsets * WAYS * sizeof *t->sums + 64);
	t->sums = (struct word_sums *)(void *)((char *)t->mem + (64 - (uintptr_t)t->mem % 64) % 64);
	for (size_t k = 0; k < t->nsets; k++)
		for (unsigned w = 0; w < WAYS; w++)
			t->set[k].way[w] = (uint8_t)w;
	return t;
}

struct syntax_tagger *
syntax_tagger_new(const struct syntax_model *m)
{
	return syntax_tagger_sized(m, SETS);
}

void
syntax_tagger_free(struct syntax_tagger *t)
{
	if (!t)
		return;
	free(t->mem);
	free(t->set);
	free(t);
}

/*
 * A word's key: its bytes with digits read as 0 (as its features read
 * them, so that "1,234" and "5,678" share one; a short number's own
 * digits are added token by token, digits_sums), with its length in the
 * top byte when they fit in seven, as most words do (no hash to
 * compute), else their hash with the top bit set.
 */
static uint64_t
word_key(const char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101ull;
	uint64_t x;

	if (n > 7)
		return wordclass_key(s, n) | 1ull << 63;
	if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		x = (uint64_t)a | (uint64_t)b << (8 * (n - 4));
	} else if (n > 0) {
		x = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << (8 * (n / 2)) |
		    (uint64_t)(unsigned char)s[n - 1] << (8 * (n - 1));
	} else {
		return 1ull << 62;
	}
	/* the bytes '0' .. '9': 0 .. 9 once xored with '0', high bit clear and none carried up from adding 118 */
	uint64_t t = x ^ ones * '0';
	uint64_t digit = (~(((t & ones * 0x7f) + ones * 0x76) | t) & ones * 0x80) >> 7;
	x = (x & ~(digit * 0xff)) | digit * '0';
	return x | (uint64_t)n << 56;
}

/* A word's set, by a key's mixed bits. */
static struct cache_set *
set_of_key(struct syntax_tagger *t, uint64_t h)
{
	return &t->set[((h * 0x9E3779B97F4A7C15ull) >> 32) * t->nsets >> 32];
}

/* The sums of a word's slot w of set cs. */
static struct word_sums *
slot_sums(struct syntax_tagger *t, const struct cache_set *cs, unsigned w)
{
	return &t->sums[(size_t)(cs - t->set) * WAYS + cs->way[w]];
}

/* The key of word s[0..n), with its slot asked for ahead of its turn when it is in the cache. */
static uint64_t
word_ahead(struct syntax_tagger *t, const char *s, size_t n)
{
	uint64_t h = word_key(s, n);
	const struct cache_set *cs = set_of_key(t, h);
	unsigned w = 0;

	while (w < WAYS && cs->key[w] != h)
		w++;
	if (w == WAYS)
		return h;
	const char *p = (const char *)slot_sums(t, cs, w);
	/* ten prefetches in a row, not a loop that counts them (GCC keeps it at -O2) */
#pragma GCC unroll 10
	for (size_t b = 0; b < sizeof t->sums[0]; b += 64)
		PREFETCH(p + b);
	return h;
}

/* The sums of word s[0..n), whose key is h. */
static const struct word_sums *
word_sums(struct syntax_tagger *t, uint64_t h, const char *s, size_t n)
{
	struct cache_set *cs = set_of_key(t, h);
	unsigned w = 0;

	while (w < WAYS - 1 && cs->key[w] != h)
		w++;
	uint8_t slot = cs->way[w];
	struct word_sums *ws = slot_sums(t, cs, w);
	if (cs->key[w] != h)
		sum_word(t->m, s, n, ws);    /* in the least used slot */
	for (; w > 0; w--) {
		cs->key[w] = cs->key[w - 1];
		cs->way[w] = cs->way[w - 1];
	}
	cs->key[0] = h;
	cs->way[0] = slot;
	return ws;
}

/*
 * A sentence's tokens go through a pipeline: when word j is read, token
 * j - 2 has all its neighbours' sums at hand and is tagged, token j - 1
 * its neighbours' chunk sums, and token j - 4 the tags of the tokens
 * after it that the chunker reads, and is chunked.  RING holds the
 * tokens in flight; the words AHEAD of the one read have what they need
 * from memory asked for, so that it arrives in time.
 *
 * A token's sums are gathered from its neighbours' cached sums in the
 * order in which the words come, so that they saturate as they would
 * word by word.  A word's cached sums stay put for the three words
 * after it (word_sums overwrites only the least used of a set's four
 * slots, and each word moves a slot down by one at most); the word two
 * before a token is four words back when the token is tagged, so its
 * row is copied out as it is read.
 */
#define RING 8
#define AHEAD 4
_Static_assert(WAYS >= 4, "a word's cached sums must stay put for the three words after it");
struct flight {
	int16_t pos[RING][SYN_POS_MAX];
	int16_t chunk[RING][SYN_CHUNK_MAX];
};

/* Token or word k's place in the ring (k >= -RING). */
static size_t
ring(long k)
{
	return (size_t)(k + RING) % RING;
}

/* Adds rows[0..n) to s, each of lanes, in turn (add_sat, row by row). */
static void
add_rows(int16_t *s, const int16_t *const *rows, size_t n, unsigned lanes)
{
	for (size_t r = 0; r < n; r++)
		add_sat(s, rows[r], lanes);
}

static void
tag_sentence(struct syntax_tagger *t, const char *text, const struct token *v, size_t n,
    unsigned char *pos, unsigned char *chunk)
{
	const struct syntax_model *m = t->m;
	const unsigned P = m->npos, C = m->nchunk, PE = P + 1;
	struct flight fl;
	int16_t first[SYN_POS_MAX], head[SYN_POS_MAX], digits[SYN_POS_MAX];
	const struct word_sums *ws[RING];       /* word k's sums at ring(k); the edge outside the sentence */
	const int16_t *row[12];
	uint64_t key[RING];
	long len = (long)n;

	for (long j = 0; j < AHEAD && j < len; j++)
		key[j] = word_ahead(t, text + v[j].start, v[j].end - v[j].start);
	for (long j = -2; j < len + 4; j++) {
		if (j >= 0 && j + AHEAD < len)
			key[(j + AHEAD) % RING] = word_ahead(t, text + v[j + AHEAD].start,
			    v[j + AHEAD].end - v[j + AHEAD].start);
		if (j < len + 2) {
			const struct word_sums *w = j >= 0 && j < len ?
			    word_sums(t, key[j % RING], text + v[j].start, v[j].end - v[j].start) : &m->edge;
			ws[ring(j)] = w;
			if (j + 2 < len)
				memcpy(fl.pos[ring(j + 2)], w->pos[SYN_PM2], sizeof fl.pos[0]);
			if (chunk && j + 1 >= 0 && j + 1 < len)
				memcpy(fl.chunk[ring(j + 1)], w->chunk[SYN_CM1 - SYN_C0], sizeof fl.chunk[0]);
			long i = j - 1;
			if (chunk && i >= 0 && i < len) {
				row[0] = ws[ring(i)]->chunk[SYN_C0 - SYN_C0];
				row[1] = w->chunk[SYN_CP1 - SYN_C0];
				add_rows(fl.chunk[ring(i)], row, 2, SYN_CHUNK_MAX);
			}
		}
		long i = j - 2;
		if (i >= 0 && i < len) {
			const struct word_sums *w = ws[ring(i)];
			unsigned t1 = i >= 1 ? pos[i - 1] : P, t2 = i >= 2 ? pos[i - 2] : P;
			size_t k = 0;
			row[k++] = ws[ring(i - 1)]->pos[SYN_PM1];
			row[k++] = w->pos[SYN_P0];
			if (i == 0) {
				side_sums(m, w, SYN_PFIRST, first);
				row[k++] = first;
			}
			if (v[i].flags & TOK_HEADLINE) {
				side_sums(m, w, SYN_PHEAD, head);
				row[k++] = head;
			}
			if (digits_sums(m, text + v[i].start, v[i].end - v[i].start, digits))
				row[k++] = digits;
			row[k++] = ws[ring(i + 1)]->pos[SYN_PP1];
			row[k++] = ws[ring(i + 2)]->pos[SYN_PP2];
			row[k++] = m->pos_history[t1 * PE + t2];
			row[k++] = m->class_rows[m->pos_class[(size_t)t1 * SYN_CLASSES + w->cls]];
			row[k++] = m->class_rows[m->pos_next_class[(size_t)t1 * SYN_CLASSES +
			    (i + 1 < len ? ws[ring(i + 1)]->cls : SYN_EDGE_CLASS)]];
			if (w->mark)
				row[k++] = m->pos_mark[(size_t)t1 * SYN_MARKS + w->mark];
			int16_t *s = fl.pos[ring(i)];
			add_rows(s, row, k, SYN_POS_MAX);
			pos[i] = (unsigned char)best(s, SYN_POS_MAX);
			/* the next token's rows, on the path from tag to tag */
			const int16_t *h = m->pos_history[pos[i] * PE + (i >= 1 ? pos[i - 1] : P)];
			PREFETCH(h);
			PREFETCH(h + SYN_POS_MAX - 1);
			if (i + 1 < len) {
				h = m->class_rows[m->pos_class[(size_t)pos[i] * SYN_CLASSES + ws[ring(i + 1)]->cls]];
				PREFETCH(h);
				PREFETCH(h + SYN_POS_MAX - 1);
				h = m->class_rows[m->pos_next_class[(size_t)pos[i] * SYN_CLASSES +
				    (i + 2 < len ? ws[ring(i + 2)]->cls : SYN_EDGE_CLASS)]];
				PREFETCH(h);
				PREFETCH(h + SYN_POS_MAX - 1);
			}
		}
		i = j - 4;
		if (chunk && i >= 0 && i < len) {
			unsigned p[5];
			for (int k = -2; k <= 2; k++)
				p[k + 2] = i + k >= 0 && i + k < len ? pos[i + k] : P;
			unsigned c1 = i >= 1 ? chunk[i - 1] : C, c2 = i >= 2 ? chunk[i - 2] : C;
			for (int k = 0; k < 5; k++)
				row[k] = m->chunk_pos[(size_t)k * PE + p[k]];
			row[5] = m->chunk_pair[(size_t)p[1] * PE + p[2]];
			row[6] = m->chunk_pair[((size_t)PE + p[2]) * PE + p[3]];
			row[7] = m->chunk_prev_pos[c1 * PE + p[2]];
			row[8] = m->chunk_history[c1 * (C + 1) + c2];
			int16_t *s = fl.chunk[ring(i)];
			add_rows(s, row, 9, SYN_CHUNK_MAX);
			chunk[i] = (unsigned char)best(s, SYN_CHUNK_MAX);
			if (i + 1 < len) {
				const int16_t *h = m->chunk_history[chunk[i] * (C + 1) + c1];
				const int16_t *q = m->chunk_prev_pos[chunk[i] * PE + pos[i + 1]];
				PREFETCH(h);
				PREFETCH(h + SYN_CHUNK_MAX - 1);
				PREFETCH(q);
				PREFETCH(q + SYN_CHUNK_MAX - 1);
			}
		}
	}
}

void
syntax_tag(struct syntax_tagger *t, const char *text, const struct token *v, size_t n,
    unsigned char *pos, unsigned char *chunk)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i + 1;
		while (j < n && !(v[j].flags & TOK_SENT_START))
			j++;
		tag_sentence(t, text, v + i, j - i, pos + i, chunk ? chunk + i : NULL);
		i = j;
	}
}
