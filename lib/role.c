#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "role.h"
#include "xalloc.h"

extern const unsigned char data_titles_tsv[];
extern const size_t data_titles_tsv_len;

/*
 * The last words of the titles, lowercased: a word that is none of them
 * ends no title, and spares the lookups of every way of reading the
 * words before it (most names have no title).
 */
#define END_SLOTS 1024
#define END_WORD 32

struct role_finder {
	struct lexicon *titles;
	struct {
		char w[END_WORD];
		unsigned char n;        /* 0: empty */
	} end[END_SLOTS];
	int unsure;             /* a last word the set cannot hold: look every title up */
};

/* Words that stay with the title they stand before: "former adviser". */
static const char *const modifiers[] = {
	"former", "acting", "interim", "outgoing", "then", "late", "incoming", "Former", "Acting", NULL
};

#define ROLE_WORDS 5

static size_t
end_slot(const struct role_finder *r, const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	size_t k = h & (END_SLOTS - 1);
	while (r->end[k].n && (r->end[k].n != n || memcmp(r->end[k].w, w, n) != 0))
		k = (k + 1) & (END_SLOTS - 1);
	return k;
}

/* Lowercases the ASCII word s[0..n) into out; 0 when it is too long or not ASCII. */
static int
lower_ascii(const char *s, size_t n, char *out)
{
	if (n == 0 || n >= END_WORD)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80)
			return 0;
		out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	return 1;
}

static void
collect_ends(struct role_finder *r, const char *d, size_t len)
{
	size_t used = 0;

	for (size_t i = 0; i < len;) {
		const char *nl = memchr(d + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - d) : len, tab = i, w;
		if (end > i && d[end - 1] == '\r')
			end--;
		while (tab < end && d[tab] != '\t')
			tab++;
		for (w = tab; w > i && d[w - 1] != ' '; w--)
			;
		char low[END_WORD];
		if (tab > i && d[i] != '#') {
			if (!lower_ascii(d + w, tab - w, low) || used * 2 >= END_SLOTS) {
				r->unsure = 1;
			} else {
				size_t k = end_slot(r, low, tab - w);
				if (!r->end[k].n) {
					memcpy(r->end[k].w, low, tab - w);
					r->end[k].n = (unsigned char)(tab - w);
					used++;
				}
			}
		}
		i = nl ? (size_t)(nl - d) + 1 : len;
	}
}

/* Whether some title ends with the word s[0..n). */
static int
may_end_title(const struct role_finder *r, const char *s, size_t n)
{
	char low[END_WORD];

	if (r->unsure)
		return 1;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 1;       /* folded by the lexicon beyond ASCII: ask it */
	if (!lower_ascii(s, n, low))
		return 0;       /* longer than any last word of a title */
	return r->end[end_slot(r, low, n)].n != 0;
}

struct role_finder *
role_new(void)
{
	struct role_finder *r = xcalloc(1, sizeof *r);
	r->titles = lexicon_build(data_titles_tsv, data_titles_tsv_len, LEX_FOLD_CASE);
	collect_ends(r, (const char *)data_titles_tsv, data_titles_tsv_len);
	return r;
}

void
role_free(struct role_finder *r)
{
	if (!r)
		return;
	lexicon_free(r->titles);
	free(r);
}

static int
is_modifier(const char *s, size_t n)
{
	for (const char *const *m = modifiers; *m; m++)
		if (strlen(*m) == n && memcmp(*m, s, n) == 0)
			return 1;
	return 0;
}

int
role_before(const struct role_finder *r, const char *text, const struct token *v, size_t i,
    size_t *start, size_t *end, enum entity_gender *gender)
{
	char key[256];

	if (i == 0 || (v[i].flags & TOK_SENT_START))
		return 0;
	/* "... adviser, Ruth Almond": a comma may stand between. */
	if (i > 1 && v[i - 1].end - v[i - 1].start == 1 && text[v[i - 1].start] == ',')
		i--;
	if (!may_end_title(r, text + v[i - 1].start, v[i - 1].end - v[i - 1].start))
		return 0;
	/* The longest title that ends at token i-1, within the sentence. */
	size_t first = i;
	while (first > 0 && i - first < ROLE_WORDS && !(v[first].flags & TOK_SENT_START) &&
	    !(v[first - 1].flags & TOK_PUNCT))
		first--;
	for (size_t j = first; j < i; j++) {
		size_t len = 0;
		for (size_t k = j; k < i; k++) {
			size_t n = v[k].end - v[k].start;
			if (len + n + 1 > sizeof key) {
				len = 0;
				break;
			}
			if (k > j)
				key[len++] = ' ';
			memcpy(key + len, text + v[k].start, n);
			len += n;
		}
		const char *val;
		size_t vn;
		if (len == 0 || !lexicon_find(r->titles, key, len, &val, &vn))
			continue;
		*gender = vn > 0 && val[0] == 'm' ? GENDER_MALE :
		    vn > 0 && val[0] == 'f' ? GENDER_FEMALE : GENDER_UNKNOWN;
		if (vn >= 2 && val[vn - 1] == 'h') {
			*start = *end = v[j].start;
			return 1;
		}
		size_t s = j;
		while (s > 0 && !(v[s].flags & TOK_SENT_START) &&
		    is_modifier(text + v[s - 1].start, v[s - 1].end - v[s - 1].start))
			s--;
		*start = v[s].start;
		*end = v[i - 1].end;
		return 1;
	}
	return 0;
}
