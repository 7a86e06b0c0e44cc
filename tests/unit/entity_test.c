/* The name finder's modules: tokens, lists, weights, aliases, roles, the finder. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "check.h"
#include "entity.h"
#include "gazetteer.h"
#include "hash.h"
#include "nerfeat.h"
#include "perceptron.h"
#include "role.h"
#include "wordclass.h"
#include "token.h"

static int
token_is(const char *text, const struct token *t, const char *want)
{
	return t->end - t->start == strlen(want) && memcmp(text + t->start, want, t->end - t->start) == 0;
}

static void
test_tokens(void)
{
	const char *s = "The U.S. envoy's Anglo-Dutch plan cost 3,500.5 on 1996-08-30.\nCorp. Smith";
	struct token_list tl = { 0 };
	token_scan(&tl, s, strlen(s));
	const char *want[] = { "The", "U.S.", "envoy", "'s", "Anglo-Dutch", "plan", "cost",
		"3,500.5", "on", "1996-08-30", ".", "Corp.", "Smith" };
	CHECK(tl.n == sizeof want / sizeof want[0]);
	for (size_t i = 0; i < tl.n && i < sizeof want / sizeof want[0]; i++)
		CHECK(token_is(s, &tl.v[i], want[i]));
	CHECK(tl.v[0].flags & TOK_SENT_START);
	CHECK(tl.v[11].flags & TOK_LINE_START);
	CHECK(!(tl.v[2].flags & TOK_SENT_START));

	const char *cur = "C$ 5 and US$5";
	token_scan(&tl, cur, strlen(cur));
	CHECK(tl.n == 5 && token_is(cur, &tl.v[0], "C$") && token_is(cur, &tl.v[3], "US$"));

	const char *h = "LEADERS MEET IN PARIS\nThey met.";
	token_scan(&tl, h, strlen(h));
	CHECK(tl.n == 7);
	CHECK(tl.v[0].flags & TOK_HEADLINE);
	CHECK(!(tl.v[5].flags & TOK_HEADLINE));

	/* Bytes that are no text never stop the scan nor shift offsets. */
	const char bad[] = "A\0B \xff\xfe C";
	token_scan(&tl, bad, sizeof bad - 1);
	CHECK(tl.n >= 3);
	CHECK(tl.v[tl.n - 1].end == sizeof bad - 1);
	token_list_free(&tl);
}

/* ASCII words take a quicker path to their hashes: it must give what the general one does. */
static void
test_word_hashes(void)
{
	static const char *const words[] = { "Zoe", "Zoë", "ZOE", "zoe", "Zoë-x", "Zoe-x",
		"A1", "Á1", "", "O'Brien", "Ó'Brien", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
		"abcdefghijklmnopqrstuvwxyzABCDEFGHIJ-1.2aAa1-bB" };
	struct ner_doc d = { 0 };
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
		ner_doc_add(&d, words[i], strlen(words[i]), 0);
	CHECK(d.t[0].shapeh == d.t[1].shapeh);     /* Xx, by both paths */
	CHECK(d.t[0].lowh == d.t[2].lowh && d.t[0].lowh == d.t[3].lowh);
	CHECK(d.t[0].lowh != d.t[1].lowh && d.t[0].wordh != d.t[2].wordh);
	CHECK(d.t[4].shapeh == d.t[5].shapeh && d.t[6].shapeh == d.t[7].shapeh);
	CHECK(d.t[9].shapeh == d.t[10].shapeh && d.t[9].lowlen == 7);
	CHECK(d.t[11].shapeh != d.t[12].shapeh && d.t[8].lowlen == 0);
	/* Past 64 bytes only a prefix is lowered, the whole word still hashed. */
	char lng[80], lng2[80];
	memset(lng, 'a', sizeof lng);
	memcpy(lng2, lng, sizeof lng);
	lng2[79] = 'b';
	ner_doc_add(&d, lng, sizeof lng, 0);
	ner_doc_add(&d, lng2, sizeof lng2, 0);
	CHECK(d.t[13].lowlen == 64 && d.t[13].lowh == d.t[14].lowh && d.t[13].wordh != d.t[14].wordh);
	ner_doc_free(&d);
}

static void
check_lists(const struct gazetteer *g)
{
	CHECK(gaz_lookup(g, "Mexico", 6) & GAZ_COUNTRY);
	CHECK(gaz_lookup(g, "MEXICO", 6) & GAZ_COUNTRY);
	CHECK(gaz_lookup(g, "Venezuelans", 11) & GAZ_DEMONYM);
	CHECK(gaz_lookup(g, "Nicolás", strlen("Nicolás")) & GAZ_FIRST_MALE);
	CHECK(gaz_lookup(g, "Latin", 5) & GAZ_PREFIX);
	CHECK(gaz_lookup(g, "latin america", 13) & GAZ_REGION);
	CHECK(gaz_lookup(g, "foreign minister", 16) & GAZ_TITLE);
	CHECK(gaz_lookup(g, "xqzv", 4) == 0);
	/* A later word of a listed phrase is marked so; the first is not, for that. */
	CHECK(gaz_lookup(g, "America", 7) & GAZ_INNER);
	CHECK(gaz_lookup(g, "MINISTER", 8) & GAZ_INNER);
	CHECK(gaz_lookup(g, "Said", 4) & GAZ_INNER);     /* "Port Said" */
	CHECK(!(gaz_lookup(g, "Sergey", 6) & GAZ_INNER) && (gaz_lookup(g, "Sergey", 6) & GAZ_FIRST_MALE));
}

extern const unsigned char data_gazetteer_img[];
extern const size_t data_gazetteer_img_len;

/* The lists built at start-up and the image the build compiled in answer alike. */
static void
test_gazetteer(void)
{
	struct gazetteer *g = gaz_new(), *b = gaz_builtin();
	size_t len;
	unsigned char *img = gaz_image(g, &len);

	check_lists(g);
	check_lists(b);
	CHECK(len == data_gazetteer_img_len && memcmp(img, data_gazetteer_img, len) == 0);
	CHECK(gaz_view(img + 1, len - 1) == NULL);     /* not on a cache line's boundary */
	free(img);
	gaz_free(b);
	gaz_free(g);
}

static void
test_perceptron(void)
{
	struct pct_model *m = pct_new();
	uint32_t a[] = { 11, 12 }, b[] = { 21, 22 };
	for (int i = 0; i < 3; i++) {
		pct_count(m, a, 2);
		pct_count(m, b, 2);
	}
	pct_keep_frequent(m, 2);
	for (int e = 0; e < 5; e++) {
		float s[PCT_CLASSES] = { 0 };
		pct_tick(m);
		pct_score(m, a, 2, s);
		pct_update(m, a, 2, 1, s[1] > s[2] ? 1 : 2);
		pct_tick(m);
		pct_update(m, b, 2, 2, 1);
	}
	pct_average(m);
	FILE *f = tmpfile();
	CHECK(f && pct_save(m, f, 0.0f) == 0);
	long len = ftell(f);
	unsigned char *bytes = malloc((size_t)len);
	rewind(f);
	CHECK(fread(bytes, 1, (size_t)len, f) == (size_t)len);
	struct pct_model *back = pct_load(bytes, (size_t)len);
	CHECK(back != NULL);
	float s[PCT_CLASSES] = { 0 };
	pct_score(back, a, 2, s);
	CHECK(s[1] > s[2]);
	CHECK(pct_load(bytes, 10) == NULL);
	bytes[0] = 'X';
	CHECK(pct_load(bytes, (size_t)len) == NULL);
	pct_free(back);
	pct_free(m);
	free(bytes);
	fclose(f);
}

/* Word classes read from a file, and from the image of their tables in place, answer alike. */
static void
test_wordclass_image(void)
{
	static unsigned char file[12 + 10 * 300];
	const char *words[3] = { "Lukashenko", "impeached", "1999" };
	uint64_t keys[300];
	size_t n = 0;

	memcpy(file, "NTWC\1\0\0\0", 8);
	for (int w = 0; w < 3; w++)
		keys[n++] = wordclass_key(words[w], strlen(words[w]));
	while (n < 300)
		keys[n] = (uint64_t)n * 0x9E3779B97F4A7C15ull | 1, n++;
	for (size_t k = 0; k < n; k++) {
		unsigned char *r = file + 12 + 10 * k;
		for (int b = 0; b < 8; b++)
			r[b] = (unsigned char)(keys[k] >> 8 * b);
		r[8] = (unsigned char)(k % WORDCLASS_COARSE);
		r[9] = (unsigned char)(k % WORDCLASS_FINE);
	}
	file[8] = (unsigned char)n;
	file[9] = (unsigned char)(n >> 8);
	struct wordclass *wc = wordclass_load(file, sizeof file);
	CHECK(wc != NULL);
	if (!wc)
		return;
	size_t len;
	unsigned char *img = wordclass_image(wc, &len), *aligned = aligned_alloc(64, (len + 63) / 64 * 64);
	CHECK(aligned != NULL);
	if (aligned) {
		memcpy(aligned, img, len);
		struct wordclass *v = wordclass_view(aligned, len);
		CHECK(v != NULL && wordclass_view(aligned, len - 64) == NULL);
		for (size_t k = 0; v && k < n; k++) {
			unsigned c1 = 0, f1 = 0, c2 = 0, f2 = 0;
			CHECK(wordclass_of(wc, keys[k], &c1, &f1) && wordclass_of(v, keys[k], &c2, &f2));
			CHECK(c1 == k % WORDCLASS_COARSE && f1 == k % WORDCLASS_FINE && c2 == c1 && f2 == f1);
		}
		unsigned c, f;
		CHECK(v && !wordclass_of(v, wordclass_key("Zzyzx", 5), &c, &f));
		/* a word's digits key as zeros, wherever they stand; a word without one keys by its bytes */
		CHECK(wordclass_key("7a-19b3", 7) == wordclass_key("0a-00b0", 7));
		CHECK(wordclass_key("7a-19b3", 7) != wordclass_key("7a-19b", 6));
		CHECK(wordclass_key("Zzyzx", 5) == (hash64("Zzyzx", 5) | 1));
		wordclass_free(v);
	}
	free(aligned);
	free(img);
	wordclass_free(wc);
}

static int
canonical_is(const struct alias_table *a, int id, const char *want)
{
	size_t n;
	const char *s = alias_canonical(a, id, &n);
	return n == strlen(want) && memcmp(s, want, n) == 0;
}

static int
is_george(void *ctx, const char *s, size_t n)
{
	(void)ctx;
	return n == 6 && memcmp(s, "George", 6) == 0;
}

static size_t
put_feature(unsigned char *p, uint32_t key, unsigned mask, int first_weight)
{
	size_t o = 0;
	p[o++] = (unsigned char)key;
	p[o++] = (unsigned char)(key >> 8);
	p[o++] = (unsigned char)(key >> 16);
	p[o++] = (unsigned char)(key >> 24);
	p[o++] = (unsigned char)mask;
	p[o++] = (unsigned char)(mask >> 8);
	for (int c = 0, w = first_weight; c < PCT_CLASSES; c++)
		if (mask & 1u << c) {
			p[o++] = (unsigned char)(w & 0xff);
			p[o++] = (unsigned char)((unsigned)w >> 8 & 0xff);
			w -= 3;
		}
	return o;
}

/* Loaded weights: features on few classes and on many, positive and negative, and missing ones. */
static void
test_loaded_weights(void)
{
	static unsigned char buf[32768];
	size_t at = 20, nfeat = 0;
	memcpy(buf, "NTPC\1\0\0\0\11\0\0\0", 12);
	float scale = 0.5f;
	memcpy(buf + 16, &scale, 4);
	/* Weights counting down from the first: class c gets first - 3 * (its rank in the mask). */
	at += put_feature(buf + at, 7, 0x1FF, 4), nfeat++;      /* all nine */
	at += put_feature(buf + at, 8, 0x0A2, 100), nfeat++;    /* classes 1, 5, 7 */
	at += put_feature(buf + at, 9, 0x13F, -2), nfeat++;     /* seven: 0-5 and 8 */
	for (uint32_t k = 100; k < 3000; k++)                   /* enough for the table to probe on */
		at += put_feature(buf + at, k * 7919u, 1u << (k % 9), 1), nfeat++;
	buf[12] = (unsigned char)nfeat;
	buf[13] = (unsigned char)(nfeat >> 8);
	struct pct_model *m = pct_load(buf, at);
	CHECK(m != NULL);
	if (!m)
		return;
	uint32_t f[] = { 7, 8, 9, 12345 };
	int32_t sum[PCT_CLASSES] = { 0 };
	pct_sum(m, f, 4, sum);
	int32_t want[PCT_CLASSES] = { 4 - 2, 1 + 100 - 5, -2 - 8, -5 - 11, -8 - 14,
		-11 + 97 - 17, -14, -17 + 94, -20 - 20 };
	for (int c = 0; c < PCT_CLASSES; c++)
		CHECK(sum[c] == want[c]);
	int32_t a[PCT_CLASSES] = { 0 }, b[PCT_CLASSES] = { 0 };
	pct_sum2(m, f, 1, 4, a, b);
	for (int c = 0; c < PCT_CLASSES; c++)
		CHECK(a[c] == 4 - 3 * c && a[c] + b[c] == want[c]);
	float s[PCT_CLASSES] = { 0 };
	pct_score(m, f, 4, s);
	CHECK(s[1] == 0.5f * (float)want[1] && pct_step(m) == 0.5f);
	uint32_t many[3000];
	for (uint32_t k = 100; k < 3000; k++)
		many[k] = k * 7919u;
	memset(sum, 0, sizeof sum);
	pct_sum(m, many + 100, 2900, sum);
	int32_t per_class[PCT_CLASSES] = { 0 };
	for (uint32_t k = 100; k < 3000; k++)
		per_class[k % 9]++;
	for (int c = 0; c < PCT_CLASSES; c++)
		CHECK(sum[c] == per_class[c]);

	/* The same model read in place from its image, as the programs read theirs. */
	size_t len;
	unsigned char *img = pct_image(m, &len), *aligned = aligned_alloc(64, (len + 63) / 64 * 64);
	CHECK(img != NULL && aligned != NULL && memcmp(img, "NTPI", 4) == 0);
	if (img && aligned) {
		memcpy(aligned, img, len);
		struct pct_model *v = pct_builtin(aligned, len, "test");
		int32_t vsum[PCT_CLASSES] = { 0 }, vmany[PCT_CLASSES] = { 0 };
		pct_sum(v, f, 4, vsum);
		pct_sum(v, many + 100, 2900, vmany);
		for (int c = 0; c < PCT_CLASSES; c++)
			CHECK(vsum[c] == want[c] && vmany[c] == per_class[c]);
		CHECK(pct_step(v) == pct_step(m));
		pct_free(v);
	}
	free(img);
	free(aligned);
	pct_free(m);
}

/*
 * Keys whose hashes agree in their top bits all start their search in
 * the same bucket: they fill it and spill into the next ones, and keys
 * of that bucket the model lacks must still come out missing.
 */
static void
test_loaded_full_buckets(void)
{
	static unsigned char buf[4096];
	uint32_t odd = 2654435761u, inverse = odd;
	for (int i = 0; i < 5; i++)
		inverse *= 2u - odd * inverse;          /* Newton's step: odd * inverse = 1 mod 2^32 */
	size_t at = 20;
	memcpy(buf, "NTPC\1\0\0\0\11\0\0\0", 12);
	float scale = 1.0f;
	memcpy(buf + 16, &scale, 4);
	enum { KEPT = 40, LACKED = 10 };
	uint32_t f[KEPT + LACKED];
	for (uint32_t j = 0; j < KEPT + LACKED; j++) {
		f[j] = (j + 1) * inverse;               /* hash j + 1: the top bits all zero */
		if (j < KEPT)
			at += put_feature(buf + at, f[j], 1u << (j % 9), 1);
	}
	buf[12] = KEPT;
	struct pct_model *m = pct_load(buf, at);
	CHECK(m != NULL);
	if (!m)
		return;
	int32_t sum[PCT_CLASSES] = { 0 }, want[PCT_CLASSES] = { 0 };
	pct_sum(m, f, KEPT + LACKED, sum);
	for (int j = 0; j < KEPT; j++)
		want[j % 9]++;
	for (int c = 0; c < PCT_CLASSES; c++)
		CHECK(sum[c] == want[c]);
	memset(sum, 0, sizeof sum);
	pct_sum(m, f + KEPT, LACKED, sum);
	for (int c = 0; c < PCT_CLASSES; c++)
		CHECK(sum[c] == 0);
	pct_free(m);
}

static void
test_alias(void)
{
	struct alias_table *a = alias_new();
	int lavrov = alias_resolve(a, ENT_PERSON, "Lavrov", 6);
	CHECK(alias_resolve(a, ENT_PERSON, "Sergey  Lavrov", 14) == lavrov);
	CHECK(canonical_is(a, lavrov, "Sergey Lavrov"));
	/* Kept single-spaced however written: ends trimmed, any white space one space. */
	int maria = alias_resolve(a, ENT_PERSON, " Ana\tMar\xc3\xad" "a \n L\xc3\xb3pez\xc2\xa0", 22);
	CHECK(canonical_is(a, maria, "Ana Mar\xc3\xad" "a L\xc3\xb3pez"));
	CHECK(alias_resolve(a, ENT_PERSON, "Ana Mar\xc3\xad" "a L\xc3\xb3pez", 17) == maria);
	int obama = alias_resolve(a, ENT_PERSON, "Barack\r\nObama", 13);
	CHECK(canonical_is(a, obama, "Barack Obama") && alias_resolve(a, ENT_PERSON, "Obama", 5) == obama);
	CHECK(alias_resolve(a, ENT_PERSON, "LAVROV", 6) == lavrov);
	CHECK(alias_resolve(a, ENT_PERSON, "Sergey Ivanov", 13) != lavrov);
	int us = alias_resolve(a, ENT_GPE, "U.S.", 4);
	CHECK(canonical_is(a, us, "United States"));
	CHECK(alias_resolve(a, ENT_GPE, "United States", 13) == us);
	int wto = alias_resolve(a, ENT_ORG, "World Trade Organization", 24);
	CHECK(alias_resolve(a, ENT_ORG, "W.T.O.", 6) == wto);
	int celac = alias_resolve(a, ENT_ORG, "Community of Latin American and Caribbean States", 48);
	alias_define(a, celac, "CELAC", 5);
	CHECK(alias_resolve(a, ENT_ORG, "CELAC", 5) == celac);
	CHECK(canonical_is(a, alias_resolve(a, ENT_NORP, "Venezuelans", 11), "Venezuelan"));
	alias_clear(a);
	CHECK(canonical_is(a, alias_resolve(a, ENT_PERSON, "Lavrov", 6), "Lavrov"));

	/* A lone word tagged a place is a person's surname only after a first name. */
	alias_clear(a);
	int lebed = alias_resolve(a, ENT_PERSON, "Lebed Chechnya", 14);
	CHECK(alias_resolve(a, ENT_GPE, "Chechnya", 8) != lebed);
	alias_first_names(a, is_george, NULL);
	int george = alias_resolve(a, ENT_PERSON, "George Washington", 17);
	CHECK(alias_resolve(a, ENT_GPE, "Washington", 10) == george);
	CHECK(alias_resolve(a, ENT_GPE, "Chechnya", 8) != lebed);

	/*
	 * A name met again is found however many came between, under its
	 * fuller spelling too; a surname alone looks back over the last few
	 * hundred entities only (a stream without separators is one huge
	 * document: it must not cost the square of its names).
	 */
	alias_clear(a);
	int sergey = alias_resolve(a, ENT_PERSON, "Lavrov", 6);
	CHECK(alias_resolve(a, ENT_PERSON, "Sergey Lavrov", 13) == sergey);
	char name[32];
	for (int i = 0; i < 3000; i++) {
		int len = snprintf(name, sizeof name, "Firm%d Corp", i);
		alias_resolve(a, ENT_ORG, name, (size_t)len);
	}
	CHECK(alias_count(a) == 3001);
	CHECK(alias_resolve(a, ENT_PERSON, "SERGEY LAVROV", 13) == sergey);
	CHECK(alias_resolve(a, ENT_ORG, "firm7 corp", 10) == sergey + 8);
	CHECK(alias_resolve(a, ENT_PERSON, "Lavrov", 6) == 3001);
	CHECK(alias_resolve(a, ENT_PERSON, "Lavrov", 6) == 3001);
	alias_clear(a);
	CHECK(alias_resolve(a, ENT_PERSON, "Sergey Lavrov", 13) == 0);
	alias_free(a);
}

static void
test_roles(void)
{
	const char *s = "Russian Foreign Minister Sergey Lavrov met Mrs. Smith and former National Security adviser John Bolton.";
	struct token_list tl = { 0 };
	struct role_finder *r = role_new();
	size_t rs, re;
	enum entity_gender g = GENDER_UNKNOWN;
	token_scan(&tl, s, strlen(s));
	CHECK(role_before(r, s, tl.v, 3, &rs, &re, &g));         /* Sergey */
	CHECK(re - rs == 16 && memcmp(s + rs, "Foreign Minister", 16) == 0);
	CHECK(role_before(r, s, tl.v, 7, &rs, &re, &g));         /* Smith */
	CHECK(rs == re && g == GENDER_FEMALE);
	CHECK(role_before(r, s, tl.v, 13, &rs, &re, &g));        /* John */
	CHECK(re - rs == 32 && memcmp(s + rs, "former National Security adviser", 32) == 0);
	CHECK(!role_before(r, s, tl.v, 5, &rs, &re, &g));        /* met */
	role_free(r);
	token_list_free(&tl);
}

static void
test_finder(void)
{
	struct entity_finder *f = entity_finder_new();
	const struct entity *e;
	const char *p1 = "Foreign Minister Sergey Lavrov arrived in Mexico.";
	const char *p2 = "Lavrov said he was pleased.";
	entity_doc_begin(f);
	size_t n = entity_find(f, p1, strlen(p1), 0, &e);
	CHECK(n == 2);
	int id = n ? e[0].id : -1;
	CHECK(n && e[0].type == ENT_PERSON && e[0].start == 17 && e[0].end == 30);
	CHECK(n && e[0].role_start == 0 && e[0].role_end == 16);
	CHECK(n == 2 && e[1].type == ENT_GPE);
	n = entity_find(f, p2, strlen(p2), 100, &e);
	CHECK(n == 1 && e[0].start == 100 && e[0].end == 106 && e[0].id == id);
	size_t len;
	const char *c = entity_canonical(f, id, &len);
	CHECK(len == 13 && memcmp(c, "Sergey Lavrov", 13) == 0);
	CHECK(entity_gender_of(f, id) == GENDER_MALE);
	CHECK(strcmp(entity_type_name(ENT_NORP), "NORP") == 0);
	entity_doc_begin(f);
	n = entity_find(f, p2, strlen(p2), 0, &e);
	c = entity_canonical(f, n ? e[0].id : 0, &len);
	CHECK(n == 1 && len == 6);
	CHECK(entity_find(f, "", 0, 0, &e) == 0);
	entity_finder_free(f);
}

int
main(void)
{
	test_tokens();
	test_word_hashes();
	test_gazetteer();
	test_perceptron();
	test_loaded_weights();
	test_loaded_full_buckets();
	test_wordclass_image();
	test_alias();
	test_roles();
	test_finder();
	return check_result("entity_test");
}
