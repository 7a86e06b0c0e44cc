#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "image.h"
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

/*
 * A slot is 8 bytes, all a key's facts packed: the table is most of the
 * finder's memory and of its start-up time, and at start-up every page
 * of it written is a page fault.  Keys are not copied: a key of ASCII
 * stays where its list has it (its case folded when compared), only the
 * rest are kept folded in an arena.
 */
typedef uint64_t slot;
#define SLOT_BITS(s)    ((unsigned)((s) & 0x7FFF))              /* GAZ_* */
#define SLOT_LEN(s)     ((size_t)((s) >> 15 & 0xFF))            /* 0: empty */
#define SLOT_SOURCE(s)  ((unsigned)((s) >> 23 & 0xF))           /* 0: the arena, else a list */
#define SLOT_AT(s)      ((size_t)((s) >> 27 & 0x1FFFFF))        /* offset in the source */
#define SLOT_CHECK(h)   ((uint64_t)(h) >> 48 << 48)              /* the hash's top bits */
#define SOURCES 16
#define SOURCE_MAX ((size_t)0x1FFFFF)

/*
 * Two bits per key in a filter small enough to stay in the cache: most
 * phrases looked up are on no list, and the filter answers for them
 * without a trip to the big table.  A key's two bits are in one word,
 * so that a lookup costs one trip to memory at most, not two.
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
	slot s;                 /* the slot it will fill */
};

struct gazetteer {
	slot *slots;
	size_t mask, used;
	struct pending pending[PENDING];
	size_t pending_first, pending_n;
	uint64_t *filter;               /* FILTER_BITS */
	const char *source[SOURCES];    /* [0]: the arena, which moves as it grows */
	unsigned sources;
	char *arena;
	size_t arena_len, arena_cap;
	int view;                       /* the tables are an image's bytes (gaz_view), not ours to free */
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

#define FNV_START 14695981039346656037ull
#define FNV_STEP(h, b) (((h) ^ (unsigned char)(b)) * 1099511628211ull)

static uint64_t
hash_finish(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h;
}

static unsigned char
ascii_lower(unsigned char b)
{
	return b >= 'A' && b <= 'Z' ? (unsigned char)(b + 32) : b;
}

/* The hash of s[0..n) folded, for a key that is folded or all ASCII. */
static uint64_t
hash_key(const char *s, size_t n)
{
	uint64_t h = FNV_START;
	for (size_t i = 0; i < n; i++)
		h = FNV_STEP(h, ascii_lower((unsigned char)s[i]));
	return hash_finish(h);
}

/*
 * Whether two keys, each folded or all ASCII, fold alike: a folded key
 * has no ASCII capitals, and folding an ASCII key lowers its capitals.
 */
static int
key_equal(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i] && ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
			return 0;
	return 1;
}

static const char *
slot_key(const struct gazetteer *g, slot s)
{
	return g->source[SLOT_SOURCE(s)] + SLOT_AT(s);
}

/* The slot holding key[0..n) (folded or all ASCII), or the empty slot where it would go. */
static slot *
find_slot(const struct gazetteer *g, const char *key, size_t n, uint64_t h)
{
	size_t i = h & g->mask;
	uint64_t check = SLOT_CHECK(h);
	for (slot s; (s = g->slots[i]) != 0; i = (i + 1) & g->mask)
		if (SLOT_CHECK(s) == check && SLOT_LEN(s) == n && key_equal(slot_key(g, s), key, n))
			return &g->slots[i];
	return &g->slots[i];
}

/* The filter's word for hash h, and the two bits in it: bits the table's slot and check leave. */
static size_t
filter_word(uint64_t h)
{
	return (size_t)(h >> 20) & (FILTER_BITS / 64 - 1);
}

static uint64_t
filter_bits(uint64_t h)
{
	return 1ull << (h >> 36 & 63) | 1ull << (h >> 42 & 63);
}

static void
filter_add(struct gazetteer *g, uint64_t h)
{
	g->filter[filter_word(h)] |= filter_bits(h);
}

static int
filter_has(const struct gazetteer *g, uint64_t h)
{
	uint64_t bits = filter_bits(h);
	return (g->filter[filter_word(h)] & bits) == bits;
}

static void
rehash(struct gazetteer *g)
{
	size_t old = g->mask + 1;
	slot *o = g->slots;
	g->mask = old * 2 - 1;
	g->slots = xcalloc(g->mask + 1, sizeof *g->slots);
	for (size_t i = 0; i < old; i++)
		if (o[i]) {
			size_t j = hash_key(slot_key(g, o[i]), SLOT_LEN(o[i])) & g->mask;
			while (g->slots[j])
				j = (j + 1) & g->mask;
			g->slots[j] = o[i];
		}
	free(o);
}

static void
insert(struct gazetteer *g, slot new, uint64_t h)
{
	slot *s = find_slot(g, slot_key(g, new), SLOT_LEN(new), h);
	if (*s) {
		*s |= SLOT_BITS(new);
		return;
	}
	filter_add(g, h);
	*s = new | SLOT_CHECK(h);
	/* Three quarters full at most: most keys looked up on no list never get past the filter. */
	if (++g->used * 4 > g->mask * 3)
		rehash(g);
}

static void
insert_oldest(struct gazetteer *g)
{
	struct pending *p = &g->pending[g->pending_first];
	insert(g, p->s, p->h);
	g->pending_first = (g->pending_first + 1) % PENDING;
	g->pending_n--;
}

/* Queues the key at source[at..at+n), hashed to h, with its bits. */
static void
add_key(struct gazetteer *g, unsigned source, size_t at, size_t n, unsigned bits, uint64_t h)
{
	if (n == 0 || n > KEY_MAX)
		return;
	if (g->pending_n == PENDING)
		insert_oldest(g);
	struct pending *p = &g->pending[(g->pending_first + g->pending_n++) % PENDING];
	p->h = h;
	p->s = (slot)bits | (slot)n << 15 | (slot)source << 23 | (slot)at << 27;
#if defined(__GNUC__) || defined(__clang__)
	__builtin_prefetch(&g->slots[h & g->mask]);
#endif
}

/* Keeps s[0..n) folded in the arena; returns its offset there. */
static size_t
keep_folded(struct gazetteer *g, const char *s, size_t n, size_t *len)
{
	if (g->arena_len + 4 * n > g->arena_cap) {
		g->arena_cap = (g->arena_cap + 4 * n) * 2;
		g->arena = xrealloc(g->arena, g->arena_cap);
		g->source[0] = g->arena;
	}
	size_t at = g->arena_len;
	*len = fold(s, n, g->arena + at);
	if (at + *len > SOURCE_MAX) {
		fputs("ntools: the gazetteer's lists are too big\n", stderr);
		exit(2);
	}
	g->arena_len += *len;
	return at;
}

/*
 * Queues the phrase key[0..n) (folded, or ASCII), found at source[at..],
 * with its bits; its leading words are marked so that matching can stop
 * early, and its later words so that matching need not start.
 */
static void
add_phrase(struct gazetteer *g, unsigned source, size_t at, const char *key, size_t n, unsigned bits)
{
	uint64_t h = FNV_START;
	size_t from = 0;        /* where the current word begins */
	for (size_t i = 0; i <= n; i++) {
		if (i < n && key[i] != ' ') {
			h = FNV_STEP(h, ascii_lower((unsigned char)key[i]));
			continue;
		}
		if (from > 0)
			add_key(g, source, at + from, i - from, GAZ_INNER, hash_key(key + from, i - from));
		if (i == n)
			break;
		add_key(g, source, at, i, GAZ_PREFIX, hash_finish(h));
		h = FNV_STEP(h, ' ');
		from = i + 1;
	}
	add_key(g, source, at, n, bits, hash_finish(h));
}

/* Whether s[0..n) is all ASCII, looked at eight bytes at a time. */
static int
is_ascii(const char *s, size_t n)
{
	uint64_t high = 0;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		high |= x;
	}
	for (; i < n; i++)
		high |= (unsigned char)s[i];
	return !(high & 0x8080808080808080ull);
}

/* Adds key[0..n) of source (0: a key made elsewhere, to keep) with its bits. */
static void
add(struct gazetteer *g, unsigned source, const char *key, size_t n, unsigned bits)
{
	if (n > KEY_MAX)
		return;
	if (source && is_ascii(key, n)) {
		add_phrase(g, source, (size_t)(key - g->source[source]), key, n, bits);
		return;
	}
	/* Not ASCII, or not in a list: the folded key goes in the arena. */
	size_t at = keep_folded(g, key, n, &n);
	add_phrase(g, 0, at, g->arena + at, n, bits);
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
	unsigned source = ++g->sources;

	if (source >= SOURCES || len > SOURCE_MAX) {
		fputs("ntools: the gazetteer's lists are too big\n", stderr);
		exit(2);
	}
	g->source[source] = s;
	while (i < len) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t e = nl ? (size_t)(nl - s) : len;
		size_t le = e;
		if (le > i && s[le - 1] == '\r')
			le--;
		if (le > i && s[i] != '#') {
			const char *tab = memchr(s + i, '\t', le - i);
			size_t t = tab ? (size_t)(tab - s) : le;
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
			add(g, source, s + i, t - i, b);
			if (kind == DEMONYMS && t - i < 100) {
				char plural[128];
				memcpy(plural, s + i, t - i);
				plural[t - i] = 's';
				add(g, 0, plural, t - i + 1, b);
			}
		}
		i = e + 1;
	}
}

/* The lists, in the order of their sources (an image's slots name them by it). */
static const struct list {
	const unsigned char *data;
	const size_t *len;
	unsigned bits;
	enum list_kind kind;
} lists[] = {
	{ data_countries_tsv, &data_countries_tsv_len, GAZ_COUNTRY, PLAIN },
	{ data_cities_tsv, &data_cities_tsv_len, GAZ_CITY, PLAIN },
	{ data_demonyms_tsv, &data_demonyms_tsv_len, GAZ_DEMONYM, DEMONYMS },
	{ data_regions_tsv, &data_regions_tsv_len, GAZ_REGION, PLAIN },
	{ data_places_tsv, &data_places_tsv_len, GAZ_REGION, PLAIN },
	{ data_firstnames_tsv, &data_firstnames_tsv_len, 0, FIRST_NAMES },
	{ data_organisations_tsv, &data_organisations_tsv_len, GAZ_ORG, PLAIN },
	{ data_org_words_txt, &data_org_words_txt_len, GAZ_ORG_WORD, PLAIN },
	{ data_titles_tsv, &data_titles_tsv_len, GAZ_TITLE, PLAIN },
	{ data_events_txt, &data_events_txt_len, GAZ_EVENT, PLAIN },
	{ data_words_txt, &data_words_txt_len, GAZ_WORD, PLAIN },
	{ data_aliases_tsv, &data_aliases_tsv_len, 0, ALIASES },
	{ data_groups_txt, &data_groups_txt_len, GAZ_GROUP, PLAIN },
};
#define LISTS (sizeof lists / sizeof lists[0])

struct gazetteer *
gaz_new(void)
{
	struct gazetteer *g = xmalloc(sizeof *g);
	memset(g, 0, sizeof *g);
	g->filter = xcalloc(FILTER_BITS / 64, sizeof *g->filter);
	g->mask = (1u << 18) - 1;      /* room for every list without rehashing */
	/*
	 * Zeroed by writing, in order: calloc's untouched pages would each
	 * fault twice (read, then write) at random as keys arrive.
	 */
	g->slots = xmalloc((g->mask + 1) * sizeof *g->slots);
	memset(g->slots, 0, (g->mask + 1) * sizeof *g->slots);
	for (size_t k = 0; k < LISTS; k++)
		add_list(g, lists[k].data, *lists[k].len, lists[k].bits, lists[k].kind);
	while (g->pending_n)
		insert_oldest(g);
	return g;
}

void
gaz_free(struct gazetteer *g)
{
	if (!g)
		return;
	if (!g->view) {
		free(g->filter);
		free(g->slots);
		free(g->arena);
	}
	free(g);
}

/*
 * An image (image.h): count the lists, sizes the slots and the arena's
 * bytes; the filter, the slots and the arena follow.  Its slots name the
 * lists by their order in lists[], which the program reading it has
 * compiled in.
 */
static size_t
image_layout(size_t slots, size_t arena, size_t at[3])
{
	at[0] = IMAGE_LINE;
	at[1] = at[0] + FILTER_BITS / 8;
	at[2] = at[1] + image_line_up(slots * sizeof(slot));
	return at[2] + image_line_up(arena);
}

unsigned char *
gaz_image(const struct gazetteer *g, size_t *len)
{
	uint64_t size[2] = { g->mask + 1, g->arena_len };
	size_t at[3];

	*len = image_layout(size[0], size[1], at);
	unsigned char *img = image_new(*len, "NTGZ", LISTS, size);
	memcpy(img + at[0], g->filter, FILTER_BITS / 8);
	memcpy(img + at[1], g->slots, size[0] * sizeof *g->slots);
	if (size[1])
		memcpy(img + at[2], g->arena, size[1]);
	return img;
}

struct gazetteer *
gaz_view(const unsigned char *img, size_t len)
{
	uint64_t size[2];
	size_t at[3];

	if (!image_open(img, len, "NTGZ", LISTS, size) || size[0] == 0 || (size[0] & (size[0] - 1)) != 0 ||
	    size[0] > len || size[1] > len || image_layout(size[0], size[1], at) != len)
		return NULL;
	struct gazetteer *g = xcalloc(1, sizeof *g);
	g->view = 1;
	g->mask = size[0] - 1;
	/* Never written: lookups only read the tables. */
	g->filter = (uint64_t *)(uintptr_t)(img + at[0]);
	g->slots = (slot *)(uintptr_t)(img + at[1]);
	g->arena = (char *)(uintptr_t)(img + at[2]);
	g->arena_len = size[1];
	g->source[0] = g->arena;
	for (size_t k = 0; k < LISTS; k++)
		g->source[k + 1] = (const char *)lists[k].data;
	g->sources = LISTS;
	return g;
}

unsigned
gaz_lookup(const struct gazetteer *g, const char *key, size_t n)
{
	char buf[800];
	if (n == 0 || n > 200)
		return 0;
	/* Folded and hashed in one sweep while the key is ASCII, most keys throughout. */
	uint64_t h = FNV_START;
	size_t i;
	for (i = 0; i < n && (unsigned char)key[i] < 0x80; i++) {
		unsigned char b = ascii_lower((unsigned char)key[i]);
		buf[i] = (char)b;
		h = FNV_STEP(h, b);
	}
	if (i < n) {
		n = i + fold(key + i, n - i, buf + i);
		for (; i < n; i++)
			h = FNV_STEP(h, buf[i]);
	}
	h = hash_finish(h);
	if (!filter_has(g, h))
		return 0;
	slot s = *find_slot(g, buf, n, h);
	return SLOT_BITS(s);
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
