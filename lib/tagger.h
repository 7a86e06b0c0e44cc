/*
 * tagger: greedy left-to-right BIO tagging of a document's tokens with
 * the perceptron, in two passes: the second sees how the first typed
 * each word elsewhere in the document (a name typed once is typed alike).
 *
 * Classes: 0 is O; 1 + k begins and 1 + NER_KINDS + k continues a name
 * of kind k (NER_PER, NER_ORG, NER_LOC, NER_MISC: CoNLL's four).
 */
#ifndef NTOOLS_TAGGER_H
#define NTOOLS_TAGGER_H

#include "nerfeat.h"
#include "perceptron.h"

enum { NER_PER, NER_ORG, NER_LOC, NER_MISC, NER_KINDS };

#define NER_O 0
#define NER_BEGIN(k) (1 + (k))
#define NER_INSIDE(k) (1 + NER_KINDS + (k))
#define NER_KIND(tag) (((tag) - 1) % NER_KINDS)

/*
 * What tagging with a loaded model keeps to save looking weights up:
 * sums of weights by word (a word's own features, and its tag features
 * after O), tables of the features with few values, and per token of the
 * document being tagged, the first pass's sum of the features that the
 * second does not change, with the buffers of the first pass's batch of
 * lookups.  A cache serves one model at a time.
 */
struct tagger_cache;

/* An empty cache; exits with a message when out of memory. */
struct tagger_cache *tagger_cache_new(void);
void tagger_cache_free(struct tagger_cache *c);

/*
 * Tags d's tokens into tags[0..d->n).  With gold (training), also
 * updates m towards gold after every token and returns the number of
 * tokens tagged wrong; else returns 0.  d's doc_class fields are set.
 * cache (from tagger_cache_new, with a model from pct_load; NULL when
 * training, since the weights change) saves scoring words again.
 */
size_t tagger_run(struct pct_model *m, struct ner_doc *d, int *tags, const int *gold,
    struct tagger_cache *cache);

/* Training: counts d's features as the gold tags would make them (see pct_count). */
void tagger_count(struct pct_model *m, struct ner_doc *d, const int *gold);

#endif
