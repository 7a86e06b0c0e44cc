/*
 * reported: which word of a sentence reports speech without quotation
 * marks, and where the reported words stand, learnt from annotated news
 * (tools/train_attrib.c, lib/data/reported.bin) rather than read off a
 * list of verbs: "officials warned (that) ...", "..., the report found",
 * "according to X, ...", "X: ...".
 *
 * Each word (and each colon) of a sentence is classed by a multi-class
 * perceptron over its word, its class in cues.txt and the word classes
 * (wordclass.h), its affix and stem, its neighbours, a "that" a few words
 * on, a name or pronoun a few words before and where it stands; every
 * word whose best class beats "none" reports speech, but where two stand
 * side by side ("has said"), which is one cue read twice.
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

/* A reporting word: t[word], its class and how far that beats "none". */
struct rs_cue {
	size_t word;
	enum rs_class cls;
	float margin;
};

/*
 * The words of the sentence that report speech under m, at most max of
 * them, the surest kept; written to out in the order of the text.  A
 * class needs words on its side: the last word reports what precedes it.
 * Returns how many.
 */
size_t rs_cues(const struct rs_sentence *s, const struct pct_model *m, struct rs_cue *out, size_t max);

/*
 * Makes m, a tagger trained on rs_features, find reporting words more
 * readily: every word's "none" scores by less (by > 0), as if the
 * threshold that a class must beat "none" by were -by.
 */
void rs_lean(struct pct_model *m, float by);

/* The weights compiled in (lib/data/reported.bin); exits with a message when they are broken. */
struct pct_model *rs_model_builtin(void);

void rs_sentence_free(struct rs_sentence *s);

/*
 * Who reports: each word of the sentence near a reporting word that
 * could end its source, with features of the word, its neighbours, what
 * stands between it and the reporting word and on which side; a ranker
 * (lib/data/source.bin) chooses among them, so that "sources", "the
 * poll" and the subject over an apposition are found as "the minister"
 * is, and the object of "accused her of" is not.
 */
struct rs_sources {
	size_t *word;           /* the candidates: t[word[i]] ends a source */
	size_t *first;          /* their features: feat[first[i] .. first[i + 1]) */
	uint32_t *feat;
	size_t n, cap, nfeat, capfeat;
};

/* The sources of the reporting word t[cue] of class cls in the sentence s (its features made). */
void rs_source_candidates(struct rs_sources *c, const struct rs_sentence *s, size_t cue, enum rs_class cls,
    const struct wordclass *wc);

/* The best candidate of c under m, or SIZE_MAX when there is none. */
size_t rs_source_best(const struct rs_sources *c, const struct pct_model *m);

/* The weights compiled in (lib/data/source.bin); exits with a message when they are broken. */
struct pct_model *rs_source_model_builtin(void);

void rs_sources_free(struct rs_sources *c);

/*
 * Where the reported words of the reporting word t[cue] of class cls
 * begin and end: the words that could begin them (starts) and the token
 * bounds e that could end them after t[e - 1] (ends; after the cue, only
 * at a mark, before a word that opens a phrase or at hi, and learnt apart
 * from the ends before it), each with features of the words at the boundary,
 * how far it stands from the cue and from lo and hi (where the sentence's
 * other reports leave off: PolNeAR nests reports, so these are features,
 * not limits) and what lies between; a ranker (lib/data/span.bin,
 * rs_source_best) chooses one of each, so that "told reporters on Monday
 * that ..." begins at "that" and "In May, the plan, she said, ..." at
 * "the plan", and "cheered the plan, the first in years" ends at "plan".
 */
void rs_span_candidates(struct rs_sources *starts, struct rs_sources *ends, const struct rs_sentence *s,
    size_t cue, enum rs_class cls, size_t lo, size_t hi, const struct wordclass *wc);

/* The weights compiled in (lib/data/span.bin); exits with a message when they are broken. */
struct pct_model *rs_span_model_builtin(void);

#endif
