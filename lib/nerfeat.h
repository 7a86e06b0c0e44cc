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

#define FEAT_MAX 110

struct token;
struct wordclass;

struct ner_token {
	const char *s;          /* as written */
	uint64_t wordh;         /* hash of the bytes as written */
	uint32_t len;
	uint32_t low, lowlen;   /* lower-case form: offset in the document's arena */
	unsigned flags;         /* TOK_* */
	unsigned gaz;           /* GAZ_* of the word alone */
	unsigned phrase;        /* GAZ_* of the longest listed phrase of 2+ words over it */
	uint32_t lowh, shapeh;  /* hashes of the lower-case form and of the shape */
	uint16_t cls;           /* word classes (wordclass.h), coarse << 8 | fine, or NER_CLASS_NONE */
	signed char phrase_pos; /* 0 none, 1 its first word, 2 a later word */
	signed char doc_class;  /* class given the same word elsewhere in the document, or -1 */
	unsigned char closed;   /* a function word ("The", "But"): capitalised, still no name */
	unsigned char seen;     /* FEAT_SEEN_*: the contexts of the same capitalised word anywhere in the document */
};

/* A word without classes: too rare in the news they were learnt from, or far from capitals. */
#define NER_CLASS_NONE 0x7FFFu

/* One document's tokens; reused from document to document. */
struct ner_doc {
	struct ner_token *t;
	size_t n, cap;
	char *arena;
	size_t arena_len, arena_cap;
	struct ner_gaz_memo *memo;      /* recent words' gazetteer bits */
	struct ner_seen *seen;          /* capitalised words' FEAT_SEEN_* bits, by hash */
	size_t seen_cap;
	struct ner_seen_at *seen_at;    /* the capitalised tokens, their places and slots */
	size_t seen_at_cap;
	int alone;                      /* set: FEAT_SEEN_* left out, as if the document were one short piece */
};

/* Where a capitalised word stands, somewhere in its document. */
enum {
	FEAT_SEEN_AFTER_FIRST = 1 << 0,         /* after a capitalised first name */
	FEAT_SEEN_BEFORE_ORG_WORD = 1 << 1,     /* before "Corp.", "Party" */
	FEAT_SEEN_AFTER_TITLE = 1 << 2,         /* after a title or role */
	FEAT_SEEN_ALONE = 1 << 3,               /* mid-sentence, without capitalised neighbours */
	FEAT_SEEN_BEFORE_CAPITAL = 1 << 4,      /* before another capitalised word */
	FEAT_SEEN_HEADLINE_ONLY = 1 << 5,       /* in a line without lower case, and nowhere else */
	FEAT_SEEN_KINDS = 6
};

void ner_doc_clear(struct ner_doc *d);
/* Appends a token s[0..len) (which must outlive the document) with its TOK_* flags. */
void ner_doc_add(struct ner_doc *d, const char *s, size_t len, unsigned flags);
/* Appends the tokens v[0..n) of text (which must outlive the document), as ner_doc_add would each. */
void ner_doc_add_tokens(struct ner_doc *d, const char *text, const struct token *v, size_t n);
/*
 * Looks the tokens up in the gazetteer and in the word classes (wc may
 * be NULL: none), once all are added.
 */
void feat_prepare(struct ner_doc *d, const struct gazetteer *g, const struct wordclass *wc);
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

/*
 * The pieces feat_context and feat_dynamic are made of, by what each
 * depends on.  Most depend on one word or on a few small numbers, so
 * that a tagger can keep their weights' sums by word or in tables
 * instead of looking every feature up at every token.
 */
#define FEAT_CASES 17           /* feat_case's values; the last: no token there */
/* The capitals and position of token i + off, packed in 0 .. FEAT_CASES-1. */
unsigned feat_case(const struct ner_doc *d, size_t i, long off);
/* The case classes of a token, the one before and the one after. */
uint32_t feat_flags(unsigned cf, unsigned pf, unsigned nf);
/*
 * Token i's features from its neighbours' words: theirs alone, and with
 * its own (bigrams, shapes on both sides).  Returns FEAT_AROUND.
 */
#define FEAT_AROUND 12
size_t feat_around(const struct ner_doc *d, size_t i, uint32_t *out);
/* The features of a token's FEAT_SEEN_* bits; at most FEAT_SEEN_KINDS + 1. */
size_t feat_seen(unsigned seen, uint32_t *out);
/* A listed phrase of gazetteer class bit b over the token, at phrase_pos pos. */
uint32_t feat_gaz_phrase(int b, int pos);
/* A neighbour listed in class bit b: after (set) or before the token. */
uint32_t feat_gaz_beside(int b, int after);
/* How the document typed the word (kind), with its case class cf; returns 2. */
size_t feat_doc_kind(int kind, unsigned cf, uint32_t *out);
/* The two previous tags; returns 2. */
size_t feat_tags(int prev, int prev2, uint32_t *out);
/* The previous tag with t's word and with its shape; returns 2. */
size_t feat_tag_word(const struct ner_token *t, int prev, uint32_t *out);

#endif
