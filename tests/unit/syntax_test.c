/*
 * A word's tags do not depend on what the tagger's cache of word sums
 * holds; the features that tell words apart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "synfeat.h"
#include "syntax.h"
#include "token.h"
#include "wordclass.h"

/* Sentence starts, a headline, a word many times, numbers, a sentence of one word, a ranking. */
static const char text[] =
	"PRICES RISE AS THE BANK CUTS RATES\n"
	"The report said prices would rise. Officials report that the bank cut its rate to 3.5 "
	"percent on Monday, and the report said the cut was the first in 12 years.\n"
	"\"We will go,\" said the minister. She said that the talks had failed, Gr\xc3\xa4\x66 said.\nYes.\n"
	"1. Anna Berg 10.2\n2. Paul Smith 10.4\n";

struct tags {
	unsigned char pos[256], chunk[256];
	size_t n;
};

static void
tag(struct syntax_tagger *t, struct token_list *tl, struct tags *out)
{
	syntax_scan(tl, text, sizeof text - 1);
	out->n = tl->n;
	if (tl->n > sizeof out->pos)
		abort();
	syntax_tag(t, text, tl->v, tl->n, out->pos, out->chunk);
}

/* n made-up words, each new (a word of the text's set pushed back or out), tagged. */
static void
flood(struct syntax_tagger *t, struct token_list *tl, unsigned n)
{
	static char buf[1 << 16];
	static unsigned char pos[1 << 14], chunk[1 << 14];
	static unsigned made;

	while (n > 0) {
		size_t len = 0;
		for (; n > 0 && len + 16 < sizeof buf; n--) {
			buf[len++] = 'q';
			for (unsigned w = ++made; w; w /= 26)
				buf[len++] = (char)('a' + w % 26);
			buf[len++] = ' ';
		}
		syntax_scan(tl, buf, len);
		if (tl->n > sizeof pos)
			abort();
		syntax_tag(t, buf, tl->v, tl->n, pos, chunk);
	}
}

/* Whether words a and b have the same values, in the same roles. */
static int
same_values(const char *a, const char *b)
{
	struct syn_value va[SYN_VALUES_MAX], vb[SYN_VALUES_MAX];
	size_t na = synfeat_word(NULL, a, strlen(a), va), nb = synfeat_word(NULL, b, strlen(b), vb);

	if (na != nb)
		return 0;
	for (size_t k = 0; k < na; k++)
		if (va[k].id != vb[k].id || va[k].roles != vb[k].roles)
			return 0;
	return 1;
}

/* A short number is a value of its own ("3." of a ranking, "4-6" of a score); a long one reads as its shape. */
static void
numbers(void)
{
	CHECK(!same_values("3.", "4."));
	CHECK(!same_values("4-6", "1-1"));
	CHECK(!same_values("1996", "1997"));
	CHECK(same_values("12,345,678", "98,765,432"));
	CHECK(same_values("1996-08-31", "2020-02-07"));
	CHECK(same_values("said", "said"));
}

static size_t
values(const char *w)
{
	struct syn_value v[SYN_VALUES_MAX];
	return synfeat_word(NULL, w, strlen(w), v);
}

/* A compound's last part is a value of its own; a hyphen at either end makes none. */
static void
compounds(void)
{
	CHECK(values("third-place") == values("thirdxplace") + 1);
	CHECK(values("well-to-do") == values("wellxtoxdo") + 1);
	CHECK(values("re-") == values("rex"));
	CHECK(values("-ish") == values("xish"));
}

/*
 * The tag before a word with the word's class, and with the class of
 * the word after it, weigh as the trainer's features say: a model of two
 * tags that weighs nothing but one of them tags with it a word of that
 * class (or before a word of that class) at a sentence's start, and
 * other words with its first tag.
 */
static void
tag_classes(void)
{
	struct wordclass *wc = wordclass_builtin();
	unsigned visit = synfeat_class(wc, "visit", 5), the = synfeat_class(wc, "the", 3);
	uint32_t f[2] = { synfeat_pos_class(SYN_EDGE, visit), synfeat_pos_next_class(SYN_EDGE, the) };
	unsigned char bytes[64], *p = bytes;

	CHECK(visit < WORDCLASS_FINE && the < WORDCLASS_FINE && visit != the);
	CHECK(synfeat_class(wc, "", 0) == SYN_EDGE_CLASS);
	CHECK(synfeat_class(NULL, "visit", 5) == SYN_NO_CLASS);
	CHECK((f[0] & SYN_ROLE_MASK) == SYN_POS_TAGS_ROLE && (f[1] & SYN_ROLE_MASK) == SYN_POS_TAGS_ROLE);
	CHECK(f[0] != synfeat_pos_next_class(SYN_EDGE, visit));
	memcpy(p, "NTSY", 4);
	p = put32(p + 4, 2);
	memcpy(p, "\2\2NN\3VBP\1\1O", 11);
	p = put32(p + 11, 2);
	for (int k = 0; k < 2; k++) {
		p = put32(p, f[k] & ~SYN_ROLE_MASK);
		*p++ = 1;
		*p++ = 0;
		*p++ = SYN_POS_TAGS_ROLE;
		*p++ = 1;       /* VBP */
		*p++ = 100;
		*p++ = 0;
	}
	struct syntax_model *m = syntax_model_load(bytes, (size_t)(p - bytes), wc);
	CHECK(m != NULL);
	if (m) {
		static const char *const text[] = { "visit", "go", "go the", "go we" };
		static const int vbp[] = { 1, 0, 1, 0 };
		struct syntax_tagger *t = syntax_tagger_new(m);
		struct token_list tl = {0};
		unsigned char pos[4], chunk[4];
		CHECK(synfeat_class(wc, "go", 2) != visit && synfeat_class(wc, "we", 2) != the);
		for (size_t k = 0; k < sizeof text / sizeof text[0]; k++) {
			syntax_scan(&tl, text[k], strlen(text[k]));
			CHECK(tl.n >= 1 && tl.n <= 2);
			syntax_tag(t, text[k], tl.v, tl.n, pos, chunk);
			CHECK((strcmp(syntax_pos_name(m, pos[0]), "VBP") == 0) == vbp[k]);
		}
		token_list_free(&tl);
		syntax_tagger_free(t);
		syntax_model_free(m);
	}
	wordclass_free(wc);
}

/*
 * The lexicon's mark, kept as a weight of the word's lower-case value,
 * reaches the tag: a model that weighs nothing but the mark after the
 * sentence's edge tags a marked word with it and another word not.
 */
static void
tag_marks(void)
{
	struct syn_value v[SYN_VALUES_MAX];
	unsigned char bytes[64], *p = bytes;

	CHECK(synfeat_word(NULL, "ban", 3, v) > SYN_LOW_VALUE);
	CHECK(v[SYN_LOW_VALUE].roles >> SYN_P0 & 1);
	memcpy(p, "NTSY", 4);
	p = put32(p + 4, 2);
	memcpy(p, "\2\2NN\3VBP\1\1O", 11);
	p = put32(p + 11, 2);
	p = put32(p, v[SYN_LOW_VALUE].id);
	*p++ = 1;
	*p++ = 0;
	*p++ = SYN_LEXICON_ROLE;
	*p++ = SYN_NOUN_VERB;
	*p++ = 1;
	*p++ = 0;
	p = put32(p, synfeat_pos_mark(SYN_EDGE, SYN_NOUN_VERB) & ~SYN_ROLE_MASK);
	*p++ = 1;
	*p++ = 0;
	*p++ = SYN_POS_TAGS_ROLE;
	*p++ = 1;       /* VBP */
	*p++ = 100;
	*p++ = 0;
	struct syntax_model *m = syntax_model_load(bytes, (size_t)(p - bytes), NULL);
	CHECK(m != NULL);
	if (m) {
		static const char *const text[] = { "ban", "Ban", "bank" };
		static const int vbp[] = { 1, 1, 0 };
		struct syntax_tagger *t = syntax_tagger_new(m);
		struct token_list tl = {0};
		unsigned char pos[2], chunk[2];
		for (size_t k = 0; k < sizeof text / sizeof text[0]; k++) {
			syntax_scan(&tl, text[k], strlen(text[k]));
			CHECK(tl.n == 1);
			syntax_tag(t, text[k], tl.v, tl.n, pos, chunk);
			CHECK((strcmp(syntax_pos_name(m, pos[0]), "VBP") == 0) == vbp[k]);
		}
		token_list_free(&tl);
		syntax_tagger_free(t);
		syntax_model_free(m);
	}
}

static int
same(const struct tags *a, const struct tags *b)
{
	return a->n == b->n && memcmp(a->pos, b->pos, a->n) == 0 && memcmp(a->chunk, b->chunk, a->n) == 0;
}

int
main(void)
{
	struct syntax_model *m = syntax_model_builtin();
	struct syntax_tagger *fresh = syntax_tagger_new(m), *used = syntax_tagger_new(m);
	struct token_list tl = {0};
	struct tags a, b;

	tag(fresh, &tl, &a);
	CHECK(a.n > 60);
	tag(fresh, &tl, &b);            /* every word now in the cache */
	CHECK(same(&a, &b));
	/*
	 * A few new words to a set, then the text twice: its words found
	 * behind them, then where the first finding put them; then so many
	 * that every word of the text is out.
	 */
	for (unsigned n = 1000; n <= 64000; n *= 2) {
		flood(used, &tl, n);
		tag(used, &tl, &b);
		CHECK(same(&a, &b));
		tag(used, &tl, &b);
		CHECK(same(&a, &b));
	}
	/*
	 * A cache of one set of four: each new word puts out the sums of the
	 * word four before it, while the tokens around may still want them.
	 */
	struct syntax_tagger *crowded = syntax_tagger_sized(m, 1);
	tag(crowded, &tl, &b);
	CHECK(same(&a, &b));
	flood(crowded, &tl, 100);
	tag(crowded, &tl, &b);
	CHECK(same(&a, &b));
	syntax_tagger_free(crowded);
	/* the words that the tags around the cue decide, as tagged */
	CHECK(strcmp(syntax_pos_name(m, a.pos[8]), "NN") == 0);         /* The report */
	CHECK(strcmp(syntax_pos_name(m, a.pos[9]), "VBD") == 0);        /* said */
	numbers();
	compounds();
	tag_classes();
	tag_marks();
	syntax_tagger_free(fresh);
	syntax_tagger_free(used);
	syntax_model_free(m);
	token_list_free(&tl);
	return check_result("syntax_test");
}
