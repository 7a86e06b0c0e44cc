/*
 * synfeat: the features of the part-of-speech tagger and the chunker
 * (syntax.h), as 32-bit hashed ids, for training (tools/train_syntax.c)
 * and tagging alike.
 *
 * Each feature depends on one word in one place around the token (a
 * role: the token itself, the word before it, ...) or on tags alone.
 * That split is what makes tagging cheap: a word's features in every
 * role can be summed once per word and kept, and the tags' features
 * fill small tables, so that a token costs a few vector additions.
 */
#ifndef NTOOLS_SYNFEAT_H
#define NTOOLS_SYNFEAT_H

#include <stddef.h>
#include <stdint.h>

#include "wordclass.h"

/* Where a word stands, for the tagger (SYN_P*) and for the chunker (SYN_C*). */
enum syn_role {
	SYN_P0, SYN_PM1, SYN_PP1, SYN_PM2, SYN_PP2,     /* the token, one before, one after, two ... */
	SYN_PFIRST,     /* the token, first in its sentence */
	SYN_PHEAD,      /* the token, in a sentence without lower case (a headline) */
	SYN_C0, SYN_CM1, SYN_CP1,
	SYN_ROLES
};
#define SYN_POS_ROLES 7
#define SYN_CHUNK_ROLES 3

/*
 * A feature's id is the id of its value (what it says of a word: "its
 * lower-case form is 'said'", "it ends in -ed") with the role in the low
 * SYN_ROLE_BITS bits, so that a model keeps each value's weights in
 * every role in one place.  Tag features have roles of their own.
 */
#define SYN_ROLE_BITS 4
#define SYN_ROLE_MASK ((1u << SYN_ROLE_BITS) - 1)
#define SYN_POS_TAGS_ROLE 14
#define SYN_CHUNK_TAGS_ROLE 15

struct syn_value {
	uint32_t id;            /* the low SYN_ROLE_BITS bits clear */
	unsigned roles;         /* bit r: the value is a feature in role r */
};
#define SYN_VALUES_MAX 14

/*
 * A word of up to SYN_DIGITS_MAX bytes with a digit ("3.", "4-6") has a
 * value of its own bytes, digits as they are, in role SYN_P0: the data
 * may tag "3." and "4." apart, which the forms with digits as 0 cannot
 * tell.  synfeat_digits gives it (0: the word has none), for a tagger
 * that keeps words by their bytes with digits as 0 and so must add it
 * itself.
 */
#define SYN_DIGITS_MAX 5
uint32_t synfeat_digits(const char *s, size_t n);

/* A tag or chunk index that stands for "outside the sentence". */
#define SYN_EDGE 255

struct wordclass;

/*
 * The values of the word s[0..n) into out[0..SYN_VALUES_MAX); returns
 * their number.  n == 0 gives the value of the sentence's edge (no word
 * there), in every role.  wc (NULL: none) gives the word's classes.
 */
size_t synfeat_word(const struct wordclass *wc, const char *s, size_t n, struct syn_value *out);

/* The tagger's features of the two tags before the token (SYN_EDGE at the start), with the bias; returns 4. */
size_t synfeat_pos_history(unsigned t1, unsigned t2, uint32_t *out);

/*
 * The tag before the token with the token's class, and with the class
 * of the word after it: what the words' own features, each summed
 * alone, cannot say, that a word of a class of nouns and verbs alike
 * ("visit", "ban") is a verb after a plural noun, and more so with a
 * complementiser or a determiner after it.  synfeat_class gives the
 * class (the fine one of lib/wordclass.h) of s[0..n), SYN_NO_CLASS when
 * it has none, SYN_EDGE_CLASS when there is no word (n == 0).
 */
#define SYN_NO_CLASS WORDCLASS_FINE
#define SYN_EDGE_CLASS (WORDCLASS_FINE + 1)
#define SYN_CLASSES (WORDCLASS_FINE + 2)
unsigned synfeat_class(const struct wordclass *wc, const char *s, size_t n);
uint32_t synfeat_pos_class(unsigned t1, unsigned cls);
uint32_t synfeat_pos_next_class(unsigned t1, unsigned next);

/*
 * What the training data say of a word beside its weights: the tagger's
 * lexicon (a mark, SYN_NOUN_VERB: tagged there both a noun and a verb's
 * base or present form, each more than once), which a weights file keeps
 * as the word's lower-case value's weight in role SYN_LEXICON_ROLE, the
 * mark as its class.  With the tag before, it says what a word's own
 * weights, learnt mostly from its commoner use, cannot: that such a word
 * after a plural noun is mostly a verb.  out[SYN_LOW_VALUE] of
 * synfeat_word is a word's lower-case value.
 */
#define SYN_LOW_VALUE 1
#define SYN_LEXICON_ROLE 13
#define SYN_NOUN_VERB 1
#define SYN_MARKS 2
uint32_t synfeat_pos_mark(unsigned t1, unsigned mark);

/*
 * The chunker's features of tags, in the groups that a tagger keeps as
 * tables: the part of speech at offset k (-2 .. 2) from the token; two
 * neighbouring parts of speech, p at offset k and q at k + 1 (k is -1
 * or 0); the two chunk tags before the token, with the bias; the chunk
 * tag before with the token's part of speech.  Each returns its count.
 */
#define SYN_CHUNK_POS_FEATS 1
#define SYN_CHUNK_PAIR_FEATS 1
#define SYN_CHUNK_HISTORY_FEATS 4
#define SYN_CHUNK_PREV_POS_FEATS 1
size_t synfeat_chunk_pos(int k, unsigned p, uint32_t *out);
size_t synfeat_chunk_pair(int k, unsigned p, unsigned q, uint32_t *out);
size_t synfeat_chunk_history(unsigned c1, unsigned c2, uint32_t *out);
size_t synfeat_chunk_prev_pos(unsigned c1, unsigned p, uint32_t *out);

/* All of the chunker's tag features of a token: pos[0..5) at offsets -2 .. 2; returns at most 16. */
size_t synfeat_chunk_tags(const unsigned pos[5], unsigned c1, unsigned c2, uint32_t *out);

#endif
