#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "lexicon.h"
#include "utf8.h"
#include "xalloc.h"

extern const unsigned char data_aliases_tsv[];
extern const size_t data_aliases_tsv_len;
extern const unsigned char data_demonyms_tsv[];
extern const size_t data_demonyms_tsv_len;
extern const unsigned char data_countries_tsv[];
extern const size_t data_countries_tsv_len;

struct known {
	size_t name, name_len;  /* the canonical name, in the arena */
	enum entity_type type;
};

struct acronym {
	size_t text, len;       /* in the arena */
	int id;
};

/* An entity's name as it was when indexed (it may have grown fuller since). */
struct named {
	uint32_t hash;          /* of the name, case folded */
	int id;                 /* -1: empty */
};

/*
 * Looking a name up is by hash, whatever the number of entities; the
 * looser matches (a surname, an acronym's initials) look at the last
 * RECENT entities only, so that a document of millions of names (a
 * stream without separators) costs no more per name than an article.
 * Articles name far fewer.
 */
#define RECENT 512

struct alias_table {
	struct lexicon *aliases, *demonyms, *countries;
	struct known *e;
	int n, cap;
	struct named *index;
	size_t index_cap, index_used;
	struct acronym *acr;
	size_t nacr, acr_cap;
	char *arena;
	size_t arena_len, arena_cap;
	int (*is_first)(void *ctx, const char *s, size_t n);
	void *first_ctx;
};

struct alias_table *
alias_new(void)
{
	struct alias_table *a = xmalloc(sizeof *a);
	memset(a, 0, sizeof *a);
	a->aliases = lexicon_build(data_aliases_tsv, data_aliases_tsv_len, 0);
	a->demonyms = lexicon_build(data_demonyms_tsv, data_demonyms_tsv_len, LEX_FOLD_CASE);
	a->countries = lexicon_build(data_countries_tsv, data_countries_tsv_len, 0);
	return a;
}

void
alias_free(struct alias_table *a)
{
	if (!a)
		return;
	lexicon_free(a->aliases);
	lexicon_free(a->demonyms);
	lexicon_free(a->countries);
	free(a->e);
	free(a->index);
	free(a->acr);
	free(a->arena);
	free(a);
}

void
alias_first_names(struct alias_table *a, int (*is_first)(void *ctx, const char *s, size_t n),
    void *ctx)
{
	a->is_first = is_first;
	a->first_ctx = ctx;
}

#define INDEX_MIN 64
#define INDEX_KEEP 4096         /* a bigger index (a huge document's) is given back */

void
alias_clear(struct alias_table *a)
{
	a->n = 0;
	a->nacr = 0;
	a->arena_len = 0;
	if (a->index_cap > INDEX_KEEP) {
		free(a->index);
		a->index = NULL;
		a->index_cap = 0;
	}
	for (size_t i = 0; i < a->index_cap; i++)
		a->index[i].id = -1;
	a->index_used = 0;
}

/* The hash of s whatever its case, alike for every pair same_word finds the same. */
static uint32_t
folded_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n;) {
		uint32_t c = (unsigned char)s[i];
		if (c < 0x80) {
			c = c >= 'A' && c <= 'Z' ? c + 32 : c;
			i++;
		} else {
			i += utf8_decode(s + i, n - i, &c);
			c = u_tolower(c);
		}
		h = (h ^ c) * 16777619u;
	}
	return h;
}

static void
index_put(struct alias_table *a, uint32_t hash, int id)
{
	if ((a->index_used + 1) * 2 > a->index_cap) {
		struct named *old = a->index;
		size_t old_cap = a->index_cap;
		a->index_cap = old_cap ? old_cap * 2 : INDEX_MIN;
		a->index = xmalloc(a->index_cap * sizeof *a->index);
		for (size_t i = 0; i < a->index_cap; i++)
			a->index[i].id = -1;
		a->index_used = 0;
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].id >= 0)
				index_put(a, old[i].hash, old[i].id);
		free(old);
	}
	size_t i = hash & (a->index_cap - 1);
	while (a->index[i].id >= 0)
		i = (i + 1) & (a->index_cap - 1);
	a->index[i].hash = hash;
	a->index[i].id = id;
	a->index_used++;
}

/* The first of the last RECENT of n entities or acronyms, for the looser matches. */
static size_t
recent_from(size_t n)
{
	return n > RECENT ? n - RECENT : 0;
}

/* Copies s to out (room for n bytes) with runs of white space made one space; returns the length. */
static size_t
squeeze(const char *s, size_t n, char *out)
{
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c = (unsigned char)s[i];
		size_t l = 1;
		if (c >= 0x80)
			l = utf8_decode(s + i, n - i, &c);
		if (c < 0x80 ? c == ' ' || (c >= '\t' && c <= '\r') : u_isspace(c)) {
			space = 1;
			i += l;
			continue;
		}
		if (space && o > 0)
			out[o++] = ' ';
		space = 0;
		while (l--)
			out[o++] = s[i++];
	}
	return o;
}

/*
 * Whether squeeze would copy s[0..n) as it is: ASCII without control
 * characters, with single spaces between words, as most names come.
 * Then *hash is its folded_hash, made in the same sweep.
 */
static int
single_spaced(const char *s, size_t n, uint32_t *hash)
{
	uint32_t h = 2166136261u;
	if (n > 0 && (s[0] == ' ' || s[n - 1] == ' '))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || c < ' ' || (c == ' ' && s[i - 1] == ' '))
			return 0;
		h = (h ^ (c >= 'A' && c <= 'Z' ? c + 32u : c)) * 16777619u;
	}
	*hash = h;
	return 1;
}

static char *
arena_room(struct alias_table *a, size_t n)
{
	if (a->arena_len + n + 1 > a->arena_cap) {
		a->arena_cap = (a->arena_cap + n + 1) * 2;
		a->arena = xrealloc(a->arena, a->arena_cap);
	}
	return a->arena + a->arena_len;
}

/* Keeps s in the arena, squeezed; returns its offset. */
static size_t
keep(struct alias_table *a, const char *s, size_t n, size_t *len)
{
	size_t at = a->arena_len;
	*len = squeeze(s, n, arena_room(a, n));
	a->arena_len += *len;
	return at;
}

/*
 * Keeps the name s[0..n) in the arena, squeezed unless it is (squeezed
 * set) already: *hash is then its folded_hash already, else it is made.
 * Returns its offset.
 */
static size_t
keep_name(struct alias_table *a, const char *s, size_t n, int squeezed, size_t *len, uint32_t *hash)
{
	size_t at = a->arena_len;
	if (!squeezed) {
		keep(a, s, n, len);
		*hash = folded_hash(a->arena + at, *len);
		return at;
	}
	if (n)
		memcpy(arena_room(a, n), s, n);
	a->arena_len += n;
	*len = n;
	return at;
}

static const char *
name_of(const struct alias_table *a, int id, size_t *len)
{
	*len = a->e[id].name_len;
	return a->arena + a->e[id].name;
}

/* A new entity named by arena[at..at+len), whose folded_hash is hash. */
static int
add_entity(struct alias_table *a, enum entity_type t, size_t at, size_t len, uint32_t hash)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 64;
		a->e = xrealloc(a->e, (size_t)a->cap * sizeof *a->e);
	}
	struct known *k = &a->e[a->n];
	k->name = at;
	k->name_len = len;
	k->type = t;
	index_put(a, hash, a->n);
	return a->n++;
}

int
alias_is_acronym(const char *s, size_t n)
{
	size_t caps = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] >= 'A' && s[i] <= 'Z')
			caps++;
		else if (s[i] != '.' && s[i] != '&')
			return 0;
	}
	return caps >= 2 && caps <= 8;
}

/* The words of s, one at a time: *i moves past the word it yields. */
static int
next_word(const char *s, size_t n, size_t *i, size_t *ws, size_t *we)
{
	while (*i < n && s[*i] == ' ')
		(*i)++;
	if (*i >= n)
		return 0;
	*ws = *i;
	while (*i < n && s[*i] != ' ')
		(*i)++;
	*we = *i;
	return 1;
}

/* Whether acronym acr (periods ignored) spells the initials of name's capitalised words. */
static int
initials_match(const char *acr, size_t an, const char *name, size_t nn)
{
	size_t i = 0, ws, we, k = 0, words = 0;
	while (next_word(name, nn, &i, &ws, &we)) {
		unsigned char c = (unsigned char)name[ws];
		if (c < 'A' || c > 'Z')
			continue;   /* "of", "and", "the" */
		while (k < an && acr[k] == '.')
			k++;
		if (k >= an || acr[k] != (char)c)
			return 0;
		k++;
		words++;
	}
	while (k < an && acr[k] == '.')
		k++;
	return k == an && words >= 2;
}

/* Whether a and b are the same whatever their case (headlines come in capitals). */
static int
same_word(const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, j = 0;
	if (an == bn && memcmp(a, b, an) == 0)
		return 1;
	while (i < an && j < bn) {
		uint32_t c = (unsigned char)a[i], d = (unsigned char)b[j];
		if (c < 0x80 && d < 0x80) {
			/* ASCII, most names: no decoding, and most comparisons end at the first letter. */
			if (c != d && (c | 0x20) != (d | 0x20))
				return 0;
			if (c != d && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
				return 0;
			i++;
			j++;
			continue;
		}
		i += utf8_decode(a + i, an - i, &c);
		j += utf8_decode(b + j, bn - j, &d);
		if (c != d && u_tolower(c) != u_tolower(d))
			return 0;
	}
	return i == an && j == bn;
}

/* Whether s has no lower-case letter: a headline's spelling, not a name's. */
static int
all_capitals(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t c;
		i += utf8_decode(s + i, n - i, &c);
		if (u_islower(c))
			return 0;
	}
	return 1;
}

/*
 * Keeps the better spelling of entity id's name: the fuller, or the one
 * not in capitals; the fuller name's type is the entity's.  hash is
 * the folded_hash of s[0..n), as keep_name has it.
 */
static void
prefer(struct alias_table *a, int id, enum entity_type t, const char *s, size_t n, int squeezed,
    uint32_t hash)
{
	size_t len = a->e[id].name_len;
	int caps = all_capitals(s, n), old_caps = all_capitals(a->arena + a->e[id].name, len);
	if ((old_caps && !caps) || (caps == old_caps && n > len)) {
		a->e[id].name = keep_name(a, s, n, squeezed, &a->e[id].name_len, &hash);
		if (n > len)
			a->e[id].type = t;
		index_put(a, hash, id);
	}
}

/* Whether the one word s is the first of several in name e: "Harris" of "Harris & Webb Co". */
static int
first_word_of(const char *s, size_t n, const char *e, size_t en)
{
	return en > n + 1 && e[n] == ' ' && same_word(s, n, e, n);
}

/* Whether every word of the shorter name is a word of the longer, the last words alike. */
static int
same_person(const char *m, size_t mn, const char *e, size_t en)
{
	const char *s = mn <= en ? m : e, *l = mn <= en ? e : m;
	size_t sn = mn <= en ? mn : en, ln = mn <= en ? en : mn;
	size_t i = 0, ws, we, last_s = 0, last_se = 0, last_l = 0, last_le = 0;

	while (next_word(l, ln, &i, &ws, &we)) {
		last_l = ws;
		last_le = we;
	}
	i = 0;
	while (next_word(s, sn, &i, &ws, &we)) {
		size_t j = 0, vs, ve;
		int found = 0;
		while (!found && next_word(l, ln, &j, &vs, &ve))
			found = same_word(s + ws, we - ws, l + vs, ve - vs);
		if (!found)
			return 0;
		last_s = ws;
		last_se = we;
	}
	return last_se > last_s && same_word(s + last_s, last_se - last_s, l + last_l, last_le - last_l);
}

int
alias_resolve(struct alias_table *a, enum entity_type t, const char *s, size_t n)
{
	char buf[512];
	const char *v;
	size_t vn, len;

	uint32_t hash;
	if (n > sizeof buf / 2) {
		size_t at = keep_name(a, s, n, 0, &len, &hash);
		return add_entity(a, t, at, len, hash);
	}
	/* The name as the table compares it: white space made single (most names are). */
	int hashed = single_spaced(s, n, &hash);        /* hash is s's folded_hash */
	if (!hashed) {
		n = squeeze(s, n, buf);
		s = buf;
	}
	int squeezed = 1;       /* s is as squeeze would make it */

	/* Well-known short names and spellings. */
	if (lexicon_find(a->aliases, s, n, &v, &vn) || (t == ENT_GPE && lexicon_find(a->countries, s, n, &v, &vn))) {
		const char *tab = memchr(v, '\t', vn);
		if (tab)
			vn = (size_t)(tab - v);
		if (vn > 0 && vn < sizeof buf / 2) {
			memcpy(buf + 256, v, vn);
			s = buf + 256;
			n = vn;
			squeezed = hashed = single_spaced(s, n, &hash);
		}
	}
	/* "Venezuelans" -> "Venezuelan". */
	if (t == ENT_NORP && n > 2 && s[n - 1] == 's' && !lexicon_find(a->demonyms, s, n, &v, &vn) &&
	    lexicon_find(a->demonyms, s, n - 1, &v, &vn)) {
		n--;
		hashed = 0;
		if (s[n - 1] == ' ')
			squeezed = 0;   /* "... s" */
	}

	for (size_t k = a->nacr; k-- > recent_from(a->nacr);)
		if (same_word(a->arena + a->acr[k].text, a->acr[k].len, s, n))
			return a->acr[k].id;
	/* The latest entity whose name (as it is now, not as indexed) is this one. */
	int same = -1;
	if (!hashed)
		hash = folded_hash(s, n);
	for (size_t i = a->index_cap ? hash & (a->index_cap - 1) : 0; a->index_cap && a->index[i].id >= 0;
	    i = (i + 1) & (a->index_cap - 1)) {
		int id = a->index[i].id;
		const char *e = name_of(a, id, &len);
		if (a->index[i].hash == hash && id > same && same_word(e, len, s, n))
			same = id;
	}
	if (same >= 0) {
		prefer(a, same, t, s, n, squeezed, hash);
		return same;
	}
	int floor = (int)recent_from((size_t)a->n);
	if (t == ENT_PERSON) {
		for (int id = a->n; id-- > floor;) {
			if (a->e[id].type != ENT_PERSON)
				continue;
			const char *e = name_of(a, id, &len);
			if (same_person(s, n, e, len)) {
				prefer(a, id, t, s, n, squeezed, hash); /* the fuller name becomes the canonical one */
				return id;
			}
		}
		/* A company named after people, met again by the first name on its door. */
		if (!memchr(s, ' ', n))
			for (int id = a->n; id-- > floor;) {
				const char *e = name_of(a, id, &len);
				if (a->e[id].type == ENT_ORG && first_word_of(s, n, e, len))
					return id;
			}
	}
	/* "Washington" after "George Washington": a person's surname, however tagged. */
	if (t != ENT_PERSON && a->is_first && !memchr(s, ' ', n) && !alias_is_acronym(s, n)) {
		for (int id = a->n; id-- > floor;) {
			const char *e = name_of(a, id, &len);
			const char *sp = memchr(e, ' ', len);
			if (a->e[id].type == ENT_PERSON && sp && same_person(s, n, e, len) &&
			    a->is_first(a->first_ctx, e, (size_t)(sp - e)))
				return id;
		}
	}
	if (alias_is_acronym(s, n)) {
		for (int id = a->n; id-- > floor;) {
			const char *e = name_of(a, id, &len);
			if (a->e[id].type != ENT_PERSON && initials_match(s, n, e, len))
				return id;
		}
	}
	size_t at = keep_name(a, s, n, squeezed, &len, &hash);
	return add_entity(a, t, at, len, hash);
}

void
alias_define(struct alias_table *a, int id, const char *s, size_t n)
{
	for (size_t k = recent_from(a->nacr); k < a->nacr; k++)
		if (a->acr[k].id == id && same_word(a->arena + a->acr[k].text, a->acr[k].len, s, n))
			return;         /* defined again, as articles do */
	if (a->nacr == a->acr_cap) {
		a->acr_cap = a->acr_cap ? a->acr_cap * 2 : 16;
		a->acr = xrealloc(a->acr, a->acr_cap * sizeof *a->acr);
	}
	struct acronym *r = &a->acr[a->nacr++];
	r->text = keep(a, s, n, &r->len);
	r->id = id;
}

const char *
alias_canonical(const struct alias_table *a, int id, size_t *len)
{
	if (id < 0 || id >= a->n) {
		*len = 0;
		return "";
	}
	return name_of(a, id, len);
}

enum entity_type
alias_type(const struct alias_table *a, int id)
{
	return id >= 0 && id < a->n ? a->e[id].type : ENT_MISC;
}

int
alias_count(const struct alias_table *a)
{
	return a->n;
}
