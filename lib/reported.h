/*
 * reported: which word of a sentence reports speech without quotation
 * marks, and where the reported words stand, learnt from annotated news
 * (tools/train_attrib.c, lib/data/reported.bin) rather than read off a
 * list of verbs: "officials warned (that) ...", "..., the report found",
 * "according to X, ...", "X: ...".
 *
 * Each word (and each colon) of a sentence is classed by a multi-class
 * perceptron over its word, its class in cues.txt and the word classes
 * (wordclass.h), its affix, its neighbours and where it stands; the
 * sentence's best reporting word, if any beats "none", gives one
 * attribution.
 */
#ifndef NTOOLS_REPORTED_H
#define NTOOLS_REPORTED_H

#include <stddef.h>
#include <stdint.h>
#include "attrib_tok.h"

struct pct_model;
struct wordclass;

/* Where the reported words stand against the reporting word. */
enum rs_class {
	RS_NONE,
	RS_AFTER,       /* X said (that) ...; according to X, ...; X: ... */
	RS_BEFORE,      /* ..., X said */
	RS_AROUND,      /* ..., X said, ... */
	RS_CLASSES
};

/* The features of each word of one sentence: feat[first[j] .. first[j + 1]) for t[j]. */
struct rs_sentence {
	const char *text;
	const struct tok *t;
	size_t n;
	uint32_t *feat;
	size_t *first;          /* n + 1 entries */
	size_t nfeat, capfeat, capfirst;
};

/* Fills s->feat and s->first for the sentence text, t[0..n). */
void rs_features(struct rs_sentence *s, const char *text, const struct tok *t, size_t n,
    const struct wordclass *wc);

/*
 * The word of the sentence that reports speech under m: sets *word and
 * returns its class, or returns RS_NONE.
 */
enum rs_class rs_best(const struct rs_sentence *s, const struct pct_model *m, size_t *word);

/* The weights compiled in (lib/data/reported.bin); exits with a message when they are broken. */
struct pct_model *rs_model_builtin(void);

void rs_sentence_free(struct rs_sentence *s);

#endif
