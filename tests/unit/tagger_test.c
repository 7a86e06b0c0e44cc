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
	struct pct_model *m = pct_load(data_ner_bin, data_ner_bin_len);
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

int
main(void)
{
	test_cached_tags();
	return check_result("tagger_test");
}
