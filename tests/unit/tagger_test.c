/* The tagger's sums kept by word and in tables must tag as looking every feature up does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "gazetteer.h"
#include "nerfeat.h"
#include "perceptron.h"
#include "tagger.h"
#include "token.h"
#include "wordclass.h"

extern const unsigned char data_ner_bin[];
extern const size_t data_ner_bin_len;

/* Names, lists, capitals, headlines, sentence starts, line breaks, the document's ends, no names. */
static const char *const texts[] = {
	"RUSSIA'S LAVROV ARRIVES IN MEXICO\n"
	"Mexico City, February 7 (RHC)-- Russian Foreign Minister Sergey Lavrov arrived in "
	"Mexico on Thursday. Lavrov met Marcelo Ebrard, and the Community of Latin American "
	"and Caribbean States (CELAC) welcomed him. Ebrard said Mexico and Russia would talk.",
	"Manchester United beat Newcastle 2-1 at Old Trafford. Alan Shearer scored for "
	"Newcastle; United's Ryan Giggs was injured.\nSOCCER - ENGLISH PREMIER LEAGUE RESULTS\n"
	"Arsenal 3 Chelsea 1\nLiverpool 0 Everton 0",
	"Washington",
	"the U.S. Senate and the U.N. Security Council met in New York . Reuters",
	"Andr\xc3\xa9s Manuel L\xc3\xb3pez Obrador met Nicol\xc3\xa1s Maduro in Caracas, Venezuela.",
	"",                                     /* no tokens */
	"nothing here is named, all in lower case.",    /* no token scored */
};

static void
tag_text(struct pct_model *m, const struct gazetteer *g, const struct wordclass *wc,
    struct tagger_cache *cache, const char *text, int *with, int *without, size_t *n)
{
	struct token_list tl = { 0 };
	struct ner_doc doc = { 0 };

	token_scan(&tl, text, strlen(text));
	for (size_t i = 0; i < tl.n; i++)
		ner_doc_add(&doc, text + tl.v[i].start, tl.v[i].end - tl.v[i].start, tl.v[i].flags);
	feat_prepare(&doc, g, wc);
	*n = doc.n;
	tagger_run(m, &doc, with, NULL, cache);
	tagger_run(m, &doc, without, NULL, NULL);
	ner_doc_free(&doc);
	token_list_free(&tl);
}

static void
test_cached_tags(void)
{
	struct pct_model *m = pct_builtin(data_ner_bin, data_ner_bin_len, "lib/data/ner.bin");
	struct gazetteer *g = gaz_new();
	struct wordclass *wc = wordclass_builtin();
	struct tagger_cache *cache = tagger_cache_new();
	int with[256], without[256];
	size_t names = 0;

	CHECK(m != NULL);
	if (!m)
		return;
	/* Twice round: the second time the words' sums come from the cache. */
	for (int round = 0; round < 2; round++)
		for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++) {
			size_t n;
			tag_text(m, g, wc, cache, texts[k], with, without, &n);
			CHECK(n <= 256);
			for (size_t i = 0; i < n; i++) {
				CHECK(with[i] == without[i]);
				names += with[i] != NER_O;
			}
		}
	CHECK(names > 20);
	tagger_cache_free(cache);
	gaz_free(g);
	wordclass_free(wc);
	pct_free(m);
}

/*
 * A word's two features after O may add past 16 bits, where a cached
 * sum kept in 16 bits would wrap: here O's 2 * 30000 would become less
 * than the beginning of a person's 100.
 */
static void
test_wide_sums(void)
{
	const char *text = "Zed";
	struct ner_doc doc = { 0 };
	struct gazetteer *g = gaz_new();
	uint32_t f[2];
	unsigned char bytes[20 + 2 * (6 + 4)], *p = bytes;
	float scale = 1.0f;
	uint32_t sbits;

	ner_doc_add(&doc, text, strlen(text), TOK_UPPER | TOK_ALPHA | TOK_SENT_START | TOK_LINE_START);
	feat_prepare(&doc, g, NULL);
	feat_tag_word(&doc.t[0], NER_O, f);
	memcpy(&sbits, &scale, sizeof sbits);
	memcpy(p, "NTPC", 4);
	p = put32(put32(put32(put32(p + 4, 1), PCT_CLASSES), 2), sbits);
	for (int k = 0; k < 2; k++) {
		int16_t o = 30000, per = 100;
		p = put32(p, f[k]);
		*p++ = 1u << NER_O | 1u << NER_BEGIN(NER_PER);
		*p++ = 0;
		*p++ = (unsigned char)(o & 0xff);
		*p++ = (unsigned char)(o >> 8);
		*p++ = (unsigned char)(per & 0xff);
		*p++ = (unsigned char)(per >> 8);
	}
	struct pct_model *m = pct_load(bytes, (size_t)(p - bytes));
	struct tagger_cache *cache = tagger_cache_new();
	CHECK(m != NULL);
	/* Twice: the second time from the cache, were the word kept there. */
	for (int round = 0; m && round < 2; round++) {
		int with = -1, without = -1;
		tagger_run(m, &doc, &with, NULL, cache);
		tagger_run(m, &doc, &without, NULL, NULL);
		CHECK(with == NER_O);
		CHECK(without == NER_O);
	}
	tagger_cache_free(cache);
	pct_free(m);
	ner_doc_free(&doc);
	gaz_free(g);
}

/* The seen bits of text's tokens, in order, into bits[] (room for 32). */
static size_t
seen_bits(const char *text, unsigned *bits)
{
	struct token_list tl = { 0 };
	struct ner_doc doc = { 0 };
	struct gazetteer *g = gaz_new();

	token_scan(&tl, text, strlen(text));
	for (size_t i = 0; i < tl.n; i++)
		ner_doc_add(&doc, text + tl.v[i].start, tl.v[i].end - tl.v[i].start, tl.v[i].flags);
	feat_prepare(&doc, g, NULL);
	size_t n = doc.n < 32 ? doc.n : 32;
	for (size_t i = 0; i < n; i++)
		bits[i] = doc.t[i].seen;
	ner_doc_free(&doc);
	token_list_free(&tl);
	gaz_free(g);
	return n;
}

/* A word of a line in capitals is marked when the rest never writes it, in any case. */
static void
test_headline_only(void)
{
	unsigned b[32];

	/* OSLO, KEEL, FORGE: 0 1 2; HALT 3 is written in the body (lower case) */
	CHECK(seen_bits("OSLO KEEL FORGE HALT\nThe Keel works at Oslo will halt.", b) >= 4);
	CHECK(!(b[0] & FEAT_SEEN_HEADLINE_ONLY));
	CHECK(!(b[1] & FEAT_SEEN_HEADLINE_ONLY));
	CHECK(b[2] & FEAT_SEEN_HEADLINE_ONLY);
	CHECK(!(b[3] & FEAT_SEEN_HEADLINE_ONLY));
	/* no rest to tell: nothing marked */
	CHECK(seen_bits("OSLO KEEL FORGE HALT", b) == 4);
	for (int i = 0; i < 4; i++)
		CHECK(!(b[i] & FEAT_SEEN_HEADLINE_ONLY));
	/* a word in the body's capitals is in the body */
	CHECK(seen_bits("KEEL FORGE\nKeel and FORGE met. Then they left.", b) >= 2);
	CHECK(!(b[0] & FEAT_SEEN_HEADLINE_ONLY));
}

/*
 * A listed word before a capitalised word has a feature of its own,
 * which the cached path adds from its table as the plain one looks it
 * up: a model that weighs nothing else tags a first name before a
 * capital as a name's beginning, and the same word before a lower-case
 * word or a line break as nothing.
 */
static void
test_listed_before_capital(void)
{
	static const char *const text[] = { "Per Dahl", "Per cent", "Per\nDahl" };
	static const int begins[] = { 1, 0, 0 };
	unsigned char bytes[20 + 10], *p = bytes;
	float scale = 1.0f;
	uint32_t sbits;
	int16_t per = 100;
	int bit = 0;

	while (!(GAZ_FIRST_MALE >> bit & 1))
		bit++;
	memcpy(&sbits, &scale, sizeof sbits);
	memcpy(p, "NTPC", 4);
	p = put32(put32(put32(put32(p + 4, 1), PCT_CLASSES), 1), sbits);
	p = put32(p, feat_gaz_before_capital(bit));
	*p++ = 1u << NER_BEGIN(NER_PER);
	*p++ = 0;
	*p++ = (unsigned char)(per & 0xff);
	*p++ = (unsigned char)(per >> 8);
	struct pct_model *m = pct_load(bytes, (size_t)(p - bytes));
	struct gazetteer *g = gaz_new();
	struct tagger_cache *cache = tagger_cache_new();
	CHECK(m != NULL);
	for (size_t k = 0; m && k < sizeof text / sizeof text[0]; k++) {
		int with[4], without[4];
		size_t n;
		tag_text(m, g, NULL, cache, text[k], with, without, &n);
		CHECK(n == 2);
		CHECK(with[0] == without[0]);
		CHECK((with[0] == NER_BEGIN(NER_PER)) == begins[k]);
	}
	tagger_cache_free(cache);
	pct_free(m);
	gaz_free(g);
}

int
main(void)
{
	test_headline_only();
	test_cached_tags();
	test_wide_sums();
	test_listed_before_capital();
	return check_result("tagger_test");
}
