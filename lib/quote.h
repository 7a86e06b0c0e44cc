/*
 * quote: pairs quotation marks into spans, paragraph by paragraph.
 *
 * Double marks only open and close quotations: straight " and curly “ ”,
 * « » and „ “ (or „ ”).  Single marks inside a quotation are part of its
 * words (and apostrophes never pair); so is a quotation in curly marks
 * inside one, unless the paragraph ends before the outer one closes: then
 * the inner closing mark closed it.  A paragraph is a run of lines
 * between blank lines.  Where a paragraph ends inside a quotation:
 *   - the next paragraph opens with a mark: the quotation goes on there
 *     (the press convention for a quotation over several paragraphs);
 *     each paragraph gives its own span, the later ones flagged
 *     QUOTE_REOPENED;
 *   - the next paragraph opens with a lowercase letter: the break is a
 *     stray one inside a sentence, and the span runs on over it
 *     (QUOTE_RUNS_ON);
 *   - otherwise the quotation was never closed: it ends at the paragraph's
 *     end (QUOTE_UNTERMINATED).
 * In text that is not hard-wrapped (a line longer than any wrapped one),
 * every line is a paragraph: some feeds break paragraphs with a single
 * line break.
 * Marks after '=' (markup attributes) and straight marks after digits
 * (inches) are not quotations.
 */
#ifndef NTOOLS_QUOTE_H
#define NTOOLS_QUOTE_H

#include <stddef.h>
#include <stdint.h>

enum {
	QUOTE_UNTERMINATED = 1, /* no closing mark: ends at its paragraph's end */
	QUOTE_REOPENED = 2,     /* goes on from the previous paragraph's span */
	QUOTE_RUNS_ON = 4,      /* crosses a stray paragraph break */
	QUOTE_GOES_ON = 8       /* the next paragraph reopens it */
};

/* Offsets are 32-bit: a text is at most UINT32_MAX bytes (attrib.h). */
struct quote_span {
	uint32_t start, end;            /* the quotation with its marks */
	uint32_t para_start, para_end;  /* from the start of its first paragraph
	                                   to the end of its last */
	unsigned char open, close;      /* its marks' bytes: the words are
	                                   [start + open, end - close) */
	unsigned char flags;
};

struct quote_finder;

/* Returns a finder, or exits with a message when out of memory. */
struct quote_finder *quote_finder_new(void);
void quote_finder_free(struct quote_finder *qf);

/*
 * Finds the quotations in text[0..len), len at most UINT32_MAX (offsets
 * relative to text), and points *out at them, in order of start, valid
 * until the next call.
 * Returns their number.
 */
size_t quote_find(struct quote_finder *qf, const char *text, size_t len,
    const struct quote_span **out);

/*
 * At least as many as the quotations quote_find finds in text[0..len):
 * the bytes that may start a double mark (each span opens with one).
 */
size_t quote_marks_bound(const char *text, size_t len);

/* Does text[0..len) break paragraphs at every line break (see above)? */
int quote_lines_are_paras(const char *text, size_t len);

/*
 * Narrows [*s, *e) to the quoted words: no white space at either end and
 * no comma at the end (the comma a reporting clause puts there).
 */
void quote_trim_words(const char *text, size_t *s, size_t *e);

#endif
