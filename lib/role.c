#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "role.h"
#include "xalloc.h"

extern const unsigned char data_titles_tsv[];
extern const size_t data_titles_tsv_len;

struct role_finder {
	struct lexicon *titles;
};

/* Words that stay with the title they stand before: "former adviser". */
static const char *const modifiers[] = {
	"former", "acting", "interim", "outgoing", "then", "late", "incoming", "Former", "Acting", NULL
};

#define ROLE_WORDS 5

struct role_finder *
role_new(void)
{
	struct role_finder *r = xmalloc(sizeof *r);
	r->titles = lexicon_build(data_titles_tsv, data_titles_tsv_len, LEX_FOLD_CASE);
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
	/* "... adviser, John Bolton": a comma may stand between. */
	if (i > 1 && v[i - 1].end - v[i - 1].start == 1 && text[v[i - 1].start] == ',')
		i--;
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
