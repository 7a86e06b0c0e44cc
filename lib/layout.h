/*
 * layout: a document's blocks (blank-line-separated paragraphs) and
 * what each one is: title, date line, dateline paragraph, byline or
 * body.  A paragraph broken by a blank line is two blocks: the layout
 * does not guess across a break; the sentence and quotation finders
 * decide whether text runs on over it.
 *
 * The walk can continue over several pieces of one document (TSV rows),
 * so that block numbers and kinds come out the same whether a document
 * arrives whole or as its own paragraphs.
 */
#ifndef NTOOLS_LAYOUT_H
#define NTOOLS_LAYOUT_H

#include <stddef.h>
#include "docdate.h"

enum block_kind {
	BLOCK_BODY,
	BLOCK_TITLE,            /* "**Title**", "# Title", or a headline line */
	BLOCK_DATE,             /* a line that is only a date: 07/02/2020 */
	BLOCK_DATELINE,         /* a body paragraph opening "LONDON (Reuters) -" */
	BLOCK_BYLINE            /* "By NAME", "Edited by NAME", a sign-off ("Reuter", "AP") */
};

struct block {
	size_t start, end;      /* the block, trimmed of white space */
	size_t inner_start;     /* the title without its marks, the dateline */
	size_t inner_end;       /*   prefix, the byline's name; else = block */
	enum block_kind kind;
	unsigned long number;   /* 1, 2, ... within the document */
};

struct layout {
	const char *text;
	size_t len, pos;
	unsigned long blocks;   /* blocks seen in this document so far */
	int seen_body;          /* the document's head is over */
	int seen_dateline;
	int seen_title;
};

/* Starts a document. */
void layout_init(struct layout *l, const char *text, size_t len);
/* Goes on with a further piece of the same document. */
void layout_continue(struct layout *l, const char *text, size_t len);
/* Yields the next block; returns 0 when the piece is done. */
int layout_next(struct layout *l, struct block *b);

const char *block_kind_name(enum block_kind k);

/* Whether s[0..n) is a wire's sign-off: its name alone ("Reuter", "AP", "AFP"). */
int layout_sign_off(const char *s, size_t n);

/*
 * The document's own date: the first date line among its opening
 * blocks, its numeric order settled by the dateline's month and day
 * ("07/02/2020" with "Mexico City, February 7" is 2020-02-07), or a
 * dateline that gives a year.  Writes YYYY-MM-DD and a NUL into out[11],
 * or "" when there is none; returns 1 when a date was found.
 */
int layout_find_date(const char *text, size_t len, enum date_order order, char out[11]);

#endif
