#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "utf8.h"
#include "xalloc.h"

#define LIST(name) \
	extern const unsigned char data_##name[]; \
	extern const size_t data_##name##_len;
LIST(countries_tsv)
LIST(cities_tsv)
LIST(demonyms_tsv)
LIST(regions_tsv)
LIST(places_tsv)
LIST(firstnames_tsv)
LIST(organisations_tsv)
LIST(org_words_txt)
LIST(titles_tsv)
LIST(events_txt)
LIST(words_txt)
LIST(aliases_tsv)
LIST(groups_txt)

/* 12 bytes: the table is most of the finder's memory and of its start-up time. */
struct slot {
	uint32_t check;         /* the hash's high half */
	uint32_t key;           /* offset of the folded key in the arena */
	uint16_t keylen;        /* 0: empty */
	uint16_t bits;
};

/*
 * Two bits per key in a filter small enough to stay in the cache: most
 * phrases looked up are on no list, and the filter answers for them
 * without a trip to the big table.
 */
#define FILTER_BITS (1u << 21)

/*
 * Keys wait a few insertions between hashing and going in, so that the
 * slot each will take is fetched into the cache meanwhile: building the
 * table is most of every program's start-up, and most of that was
 * waiting for memory.  They go in first come, first in, so a key given
 * twice still finds itself.
 */
#define PENDING 16
#define KEY_MAX 200
struct pending {
	uint64_t h;
	size_t n;
	unsigned bits;
	char key[KEY_MAX];
};

struct gazetteer {
	struct slot *slots;
	size_t mask, used;
	struct pending pending[PENDING];
	size_t pending_first, pending_n;
	uint64_t filter[FILTER_BITS / 64];
	char *arena;
	size_t arena_len, arena_cap;
};

/* The letter without its accent, for Latin letters (already lower case). */
static uint32_t
unaccent(uint32_t c)
{
	static const char latin1[] = "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";
	if (c >= 0xE0 && c <= 0xFF && c != 0xF7)
		return (unsigned char)latin1[c - 0xE0];
	if (c >= 0x100 && c <= 0x17F) {
		static const char ext_a[] =
		    "aaaaaaccccccccddddeeeeeeeeeegggg" "gggghhhhiiiiiiiiiiiijjkkklllllll" "lllnnnnnnnnnoooooooorrrrrrssssss" "ssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
		return (unsigned char)ext_a[c - 0x100];
	}
	return c;
}

/*
 * Folds s[0..n) to lower case without accents into out (4n bytes
 * available); returns its length.  "Nicolás" finds "nicolas".
 */
static size_t
fold(const char *s, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) {
			out[o++] = (char)(b >= 'A' && b <= 'Z' ? b + 32 : b);
			i++;
			continue;
		}
		uint32_t c;
		i += utf8_decode(s + i, n - i, &c);
		o += utf8_encode(unaccent(u_tolower(c)), out + o);
	}
	return o;
}

static uint64_t
hash_bytes(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

static struct slot *
find_slot(const struct gazetteer *g, const char *key, size_t n, uint64_t h)
{
	size_t i = h & g->mask;
	uint32_t check = (uint32_t)(h >> 32);
	while (g->slots[i].keylen) {
		struct slot *s = &g->slots[i];
		if (s->check == check && s->keylen == n && memcmp(g->arena + s->key, key, n) == 0)
			return s;
		i = (i + 1) & g->mask;
	}
	return &g->slots[i];
}

static void
filter_add(struct gazetteer *g, uint64_t h)
{
	uint32_t a = (uint32_t)(h >> 43), b = (uint32_t)(h >> 22) & (FILTER_BITS - 1);
	g->filter[a / 64] |= 1ull << (a % 64);
	g->filter[b / 64] |= 1ull << (b % 64);
}

static int
filter_has(const struct gazetteer *g, uint64_t h)
{
	uint32_t a = (uint32_t)(h >> 43), b = (uint32_t)(h >> 22) & (FILTER_BITS - 1);
	return (g->filter[a / 64] >> (a % 64) & 1) && (g->filter[b / 64] >> (b % 64) & 1);
}

static void
rehash(struct gazetteer *g)
{
	size_t old = g->mask + 1;
	struct slot *o = g->slots;
	g->mask = old * 2 - 1;
	g->slots = xcalloc(g->mask + 1, sizeof *g->slots);
	for (size_t i = 0; i < old; i++)
		if (o[i].keylen) {
			size_t j = hash_bytes(g->arena + o[i].key, o[i].keylen) & g->mask;
			while (g->slots[j].keylen)
				j = (j + 1) & g->mask;
			g->slots[j] = o[i];
		}
	free(o);
}

static void
insert(struct gazetteer *g, const char *key, size_t n, unsigned bits, uint64_t h)
{
	struct slot *s = find_slot(g, key, n, h);
	if (s->keylen) {
		s->bits = (uint16_t)(s->bits | bits);
		return;
	}
	if (g->arena_len + n > g->arena_cap) {
		g->arena_cap = (g->arena_cap + n) * 2;
		g->arena = xrealloc(g->arena, g->arena_cap);
	}
	memcpy(g->arena + g->arena_len, key, n);
	filter_add(g, h);
	s->check = (uint32_t)(h >> 32);
	s->key = (uint32_t)g->arena_len;
	s->keylen = (uint16_t)n;
	s->bits = (uint16_t)bits;
	g->arena_len += n;
	/* Three quarters full at most: most keys looked up on no list never get past the filter. */
	if (++g->used * 4 > g->mask * 3)
		rehash(g);
}

static void
insert_oldest(struct gazetteer *g)
{
	struct pending *p = &g->pending[g->pending_first];
	insert(g, p->key, p->n, p->bits, p->h);
	g->pending_first = (g->pending_first + 1) % PENDING;
	g->pending_n--;
}

static void
add_folded(struct gazetteer *g, const char *key, size_t n, unsigned bits)
{
	if (n == 0 || n > KEY_MAX)
		return;
	if (g->pending_n == PENDING)
		insert_oldest(g);
	struct pending *p = &g->pending[(g->pending_first + g->pending_n++) % PENDING];
	p->h = hash_bytes(key, n);
	p->n = n;
	p->bits = bits;
	memcpy(p->key, key, n);
#if defined(__GNUC__) || defined(__clang__)
	__builtin_prefetch(&g->slots[p->h & g->mask]);
#endif
}

static void
add(struct gazetteer *g, const char *key, size_t n, unsigned bits)
{
	char buf[800];
	if (n > 200)
		return;
	n = fold(key, n, buf);
	/* Every phrase's leading words are marked so that matching can stop early. */
	for (size_t i = 0; i < n; i++)
		if (buf[i] == ' ')
			add_folded(g, buf, i, GAZ_PREFIX);
	add_folded(g, buf, n, bits);
}

/* The gender column of firstnames.tsv and titles.tsv: m, f, u or nothing. */
static unsigned
gender_bits(const char *v, size_t n, unsigned otherwise)
{
	if (n == 0)
		return otherwise;
	if (v[0] == 'm')
		return GAZ_FIRST_MALE;
	if (v[0] == 'f')
		return GAZ_FIRST_FEMALE;
	return GAZ_FIRST_MALE | GAZ_FIRST_FEMALE;
}

enum list_kind { PLAIN, FIRST_NAMES, DEMONYMS, ALIASES };

static void
add_list(struct gazetteer *g, const unsigned char *data, size_t len, unsigned bits,
    enum list_kind kind)
{
	const char *s = (const char *)data;
	size_t i = 0;

	while (i < len) {
		size_t e = i, t;
		while (e < len && s[e] != '\n')
			e++;
		size_t le = e;
		if (le > i && s[le - 1] == '\r')
			le--;
		if (le > i && s[i] != '#') {
			for (t = i; t < le && s[t] != '\t'; t++)
				;
			const char *v = t < le ? s + t + 1 : s + le;
			size_t vn = t < le ? le - t - 1 : 0;
			unsigned b = bits;
			if (kind == FIRST_NAMES)
				b = gender_bits(v, vn, 0);
			if (kind == ALIASES) {
				const char *type = memchr(v, '\t', vn);
				b = GAZ_ALIAS;
				if (type && le - (size_t)(type - s) == 4 && memcmp(type + 1, "GPE", 3) == 0)
					b |= GAZ_COUNTRY;
				else
					b |= GAZ_ORG;
			}
			add(g, s + i, t - i, b);
			if (kind == DEMONYMS && t - i < 100) {
				char plural[128];
				memcpy(plural, s + i, t - i);
				plural[t - i] = 's';
				add(g, plural, t - i + 1, b);
			}
		}
		i = e + 1;
	}
}

struct gazetteer *
gaz_new(void)
{
	struct gazetteer *g = xmalloc(sizeof *g);
	memset(g, 0, sizeof *g);
	g->mask = (1u << 18) - 1;      /* room for every list without rehashing */
	/*
	 * Zeroed by writing, in order: calloc's untouched pages would each
	 * fault twice (read, then write) at random as keys arrive.
	 */
	g->slots = xmalloc((g->mask + 1) * sizeof *g->slots);
	memset(g->slots, 0, (g->mask + 1) * sizeof *g->slots);

	add_list(g, data_countries_tsv, data_countries_tsv_len, GAZ_COUNTRY, PLAIN);
	add_list(g, data_cities_tsv, data_cities_tsv_len, GAZ_CITY, PLAIN);
	add_list(g, data_demonyms_tsv, data_demonyms_tsv_len, GAZ_DEMONYM, DEMONYMS);
	add_list(g, data_regions_tsv, data_regions_tsv_len, GAZ_REGION, PLAIN);
	add_list(g, data_places_tsv, data_places_tsv_len, GAZ_REGION, PLAIN);
	add_list(g, data_firstnames_tsv, data_firstnames_tsv_len, 0, FIRST_NAMES);
	add_list(g, data_organisations_tsv, data_organisations_tsv_len, GAZ_ORG, PLAIN);
	add_list(g, data_org_words_txt, data_org_words_txt_len, GAZ_ORG_WORD, PLAIN);
	add_list(g, data_titles_tsv, data_titles_tsv_len, GAZ_TITLE, PLAIN);
	add_list(g, data_events_txt, data_events_txt_len, GAZ_EVENT, PLAIN);
	add_list(g, data_words_txt, data_words_txt_len, GAZ_WORD, PLAIN);
	add_list(g, data_aliases_tsv, data_aliases_tsv_len, 0, ALIASES);
	add_list(g, data_groups_txt, data_groups_txt_len, GAZ_GROUP, PLAIN);
	while (g->pending_n)
		insert_oldest(g);
	return g;
}

void
gaz_free(struct gazetteer *g)
{
	if (!g)
		return;
	free(g->slots);
	free(g->arena);
	free(g);
}

unsigned
gaz_lookup(const struct gazetteer *g, const char *key, size_t n)
{
	char buf[800];
	if (n == 0 || n > 200)
		return 0;
	n = fold(key, n, buf);
	uint64_t h = hash_bytes(buf, n);
	if (!filter_has(g, h))
		return 0;
	struct slot *s = find_slot(g, buf, n, h);
	return s->keylen ? s->bits : 0;
}

const char *
gaz_class_name(int i)
{
	static const char *const names[] = {
		"country", "city", "demonym", "region", "male", "female", "org",
		"orgword", "title", "event", "word", "alias", "group"
	};
	return i >= 0 && i < GAZ_CLASSES ? names[i] : "";
}
