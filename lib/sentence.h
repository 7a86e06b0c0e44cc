/*
 * sentence: sentence boundaries in news text, one byte-at-a-time pass.
 *
 * The splitter works on a whole document's text or on one piece of it
 * (a TSV row).  A sentence ends at . ! ? or an ellipsis when what
 * follows shows a new sentence (abbreviations, initials, numbers, names
 * such as "Yahoo!" and text inside quotation marks are told apart from
 * real ends by the next word), at a paragraph break (a blank line), and
 * at the end of a line that holds a headline, date line, byline, list
 * item or heading without final punctuation.
 *
 * A sentence broken by a paragraph break, as a quotation split across
 * two paragraphs often is, runs on over the break when the text before
 * it ends mid-sentence (a lower-case word, a comma, a semicolon or a
 * dash, no final punctuation) and the next paragraph opens in lower
 * case (and neither side is a list item or heading); its span then
 * holds the blank line.  Every other paragraph break ends the sentence,
 * open quotation or not.  Pieces are split on their own: nothing runs on
 * from one piece to the next.
 *
 * The state lives in the caller's struct; nothing is allocated (the
 * word tables are built once, in static storage, by the first
 * sentencer_init: make that first call before starting threads).
 */
#ifndef NTOOLS_SENTENCE_H
#define NTOOLS_SENTENCE_H

#include <stddef.h>

struct sentencer {
	const char *text;       /* borrowed: must outlive the walk */
	size_t len;
	size_t pos;             /* where the search for the next sentence begins */
	size_t line_start;      /* first byte of the line holding pos */
};

/* Starts a walk over text[0..len). */
void sentencer_init(struct sentencer *s, const char *text, size_t len);

/*
 * Yields the next sentence's byte span [*start, *end) within text,
 * trimmed of surrounding white space (never empty).  Returns 1, or 0
 * when the text holds no further sentence.
 */
int sentencer_next(struct sentencer *s, size_t *start, size_t *end);

#endif
