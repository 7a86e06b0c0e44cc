/*
 * attrib_tok: the words of the attributor (attrib_impl.h) as its stages share
 * them: a word, a punctuation mark or a quotation mark, with the class
 * lib/data/cues.txt gives the word.  Internal to nquote's library.
 */
#ifndef NTOOLS_ATTRIB_TOK_H
#define NTOOLS_ATTRIB_TOK_H

#include <stddef.h>
#include <stdint.h>

/* Word classes of lib/data/cues.txt. */
enum wclass {
	W_NONE, W_CUE, W_AUX, W_STOP, W_DEF, W_INDEF, W_MALE, W_FEMALE, W_THING,
	W_PLURAL, W_FIRST, W_PERSON, W_INTRO, W_ABBR, W_MEDIUM, W_LABEL, W_BODY,
	W_CLASSES
};

enum { T_WORD, T_PUNCT, T_QUOTE };

struct tok {
	size_t s, e;
	unsigned char type, cap;
	unsigned char wc;       /* enum wclass */
	uint32_t ch;            /* the character of a T_PUNCT or T_QUOTE */
};

static inline int
is_pronoun(const struct tok *t)
{
	return t->type == T_WORD && t->wc >= W_MALE && t->wc <= W_FIRST;
}

#endif
