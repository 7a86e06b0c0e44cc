/*
 * nerfeat: what the tagger knows about each token of a document, as
 * 32-bit hashed feature ids: the word and its lower-case form, shape,
 * prefixes and suffixes, capitals, sentence and headline position,
 * neighbouring words, gazetteer memberships (alone and as phrases), and
 * how the rest of the document typed the same word.
 */
#ifndef NTOOLS_NERFEAT_H
#define NTOOLS_NERFEAT_H

#include <stddef.h>
#include <stdint.h>

#include "gazetteer.h"

#define FEAT_MAX 96

struct ner_token {
	const char *s;          /* as written */
	size_t len;
	size_t low, lowlen;     /* lower-case form: offset in the document's arena */
	unsigned flags;         /* TOK_* */
	unsigned gaz;           /* GAZ_* of the word alone */
	unsigned phrase;        /* GAZ_* of the longest listed phrase of 2+ words over it */
	int phrase_pos;         /* 0 none, 1 its first word, 2 a later word */
	uint32_t lowh, shapeh;  /* hashes of the lower-case form and of the shape */
	uint64_t wordh;         /* hash of the bytes as written */
	int doc_class;          /* class given the same word elsewhere in the document, or -1 */
	int closed;             /* a function word ("The", "But"): capitalised, still no name */
};

/* One document's tokens; reused from document to document. */
struct ner_doc {
	struct ner_token *t;
	size_t n, cap;
	char *arena;
	size_t arena_len, arena_cap;
	struct ner_gaz_memo *memo;      /* recent words' gazetteer bits */
};

void ner_doc_clear(struct ner_doc *d);
/* Appends a token s[0..len) (which must outlive the document) with its TOK_* flags. */
void ner_doc_add(struct ner_doc *d, const char *s, size_t len, unsigned flags);
/* Looks the tokens up in the gazetteer, once all are added. */
void feat_prepare(struct ner_doc *d, const struct gazetteer *g);
void ner_doc_free(struct ner_doc *d);

/*
 * Token i's features that do not depend on tags, in two parts that
 * together fill at most FEAT_MAX ids and return their number: those of
 * the word alone (the same wherever feat_local_key is the same, so that
 * their weights can be cached) and those of its context.
 */
size_t feat_local(const struct ner_doc *d, size_t i, uint32_t *out);
uint64_t feat_local_key(const struct ner_doc *d, size_t i);
size_t feat_context(const struct ner_doc *d, size_t i, uint32_t *out);
/* The part of feat_context that says how the document typed the word (doc_class); at most 2. */
size_t feat_doc(const struct ner_doc *d, size_t i, uint32_t *out);
/* Writes its features that depend on the two previous tags; returns their number (at most 8). */
size_t feat_dynamic(const struct ner_doc *d, size_t i, int prev, int prev2, uint32_t *out);

#endif
