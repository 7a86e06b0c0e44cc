/*
 * token: splits text into the word and punctuation tokens the name
 * finder tags, with byte offsets, and classifies a token's spelling.
 *
 * Tokens follow the CoNLL conventions the model was trained on:
 * abbreviations keep their periods ("U.S.", "Corp."), hyphenated words
 * and numbers stay whole ("Anglo-Dutch", "1996-08-30", "3,500"), so do
 * currency signs after capitals ("C$", "HK$"); a possessive 's and the
 * clitics 're 've 'll 'd 'm and n't are tokens of their own ("do" "n't",
 * "ca" "n't"), and every other punctuation mark is one token.
 */
#ifndef NTOOLS_TOKEN_H
#define NTOOLS_TOKEN_H

#include <stddef.h>

enum {
	TOK_ALPHA = 1 << 0,        /* holds a letter */
	TOK_DIGIT = 1 << 1,        /* holds a digit */
	TOK_UPPER_INITIAL = 1 << 2,/* begins with an upper-case letter */
	TOK_LOWER = 1 << 3,        /* holds a lower-case letter */
	TOK_UPPER = 1 << 4,        /* holds an upper-case letter */
	TOK_PUNCT = 1 << 5,        /* neither letters nor digits */
	TOK_PERIOD = 1 << 6,       /* holds a period */
	TOK_HYPHEN = 1 << 7,       /* holds a hyphen or dash */
	TOK_SENT_START = 1 << 8,   /* first token of a sentence */
	TOK_HEADLINE = 1 << 9,     /* in a sentence without lower-case letters */
	TOK_LINE_START = 1 << 10   /* first token on its line */
};

struct token {
	size_t start, end;         /* bytes of the text the list was scanned from */
	unsigned flags;
};

/* A growable list, reused from call to call so that tokens cost no allocation. */
struct token_list {
	struct token *v;
	size_t n, cap;
};

/* The spelling flags (TOK_ALPHA .. TOK_HYPHEN) of s[0..n). */
unsigned token_spelling(const char *s, size_t n);

/*
 * Replaces the list's tokens with those of s[0..n), with sentence flags
 * (a sentence ends at a line break or after . ! ? before a capital).
 * Exits with a message when out of memory.
 */
void token_scan(struct token_list *tl, const char *s, size_t n);

/*
 * The tokens token_scan makes, without its guess at sentences:
 * TOK_SENT_START on each line's first token only, and no TOK_HEADLINE,
 * for callers that find sentences their own way (then
 * token_mark_headlines).
 */
void token_scan_lines(struct token_list *tl, const char *s, size_t n);

/* Marks TOK_HEADLINE on the tokens v[0..n) of each sentence without lower case. */
void token_mark_headlines(struct token *v, size_t n);

void token_list_free(struct token_list *tl);

#endif
