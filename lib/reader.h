/*
 * reader: yields documents from either input form (design §1).
 *
 * Article stream: documents separated by lines that hold exactly "---"
 * (trailing blanks and \r allowed); white-space-only documents skipped.
 * TSV: recognised by a first line that holds a tab and a field named
 * "text" (or opts->text_col), or that is exactly that name (a one-column
 * export); every row is one piece of text, and consecutive rows with the
 * same doc id are one document.  A header with tabs but no text column
 * is an error, never an article.  PostgreSQL's NULL (\N) is an empty
 * field.  A row with an empty doc id is a document of its own, its id
 * derived from its text as in a stream; a row without a start stands
 * one byte (a line break) after the previous row of its document.
 * Compressed input (gzip, bzip2, xz, zstd) is an error that says so.
 *
 * Memory is bounded by the largest document (or row): one longer than
 * opts->max_bytes is reported as bad input and skipped.
 */
#ifndef NTOOLS_READER_H
#define NTOOLS_READER_H

#include <stddef.h>
#include "docdate.h"

struct doc {
	const char *text;       /* a whole document, or one TSV row's text */
	size_t len;
	size_t base;            /* offset of text[0] within its document */
	const char *id;         /* the doc id: as given, or 16 hex digits */
	size_t idlen;
	char date[11];          /* the document's date, YYYY-MM-DD, or "" */
	int same_doc;           /* a further row of the previous document */
	int whole;              /* the whole document: no row of it follows */
	const char *file;       /* where the text began, for messages */
	unsigned long line;
};

enum reader_form { READER_AUTO, READER_STREAM, READER_TSV };

/* What the readers have seen, summed over files (for a summary). */
struct reader_counts {
	unsigned long docs;             /* documents yielded (a TSV document's rows: one) */
	unsigned long too_long;         /* documents or rows skipped over max_bytes */
	unsigned long bad_rows;         /* TSV rows skipped without their text field */
	unsigned long long bytes;       /* bytes read */
};

struct reader_opts {
	const char *text_col;   /* TSV column holding the text; NULL: "text" */
	enum reader_form form;  /* READER_AUTO: told by the first line */
	enum date_order order;  /* numeric dates whose order the text leaves open */
	size_t max_bytes;       /* the cap on one document or row */
	/*
	 * Called before a read that would wait (a feed with nothing new
	 * yet), so that the program can write what it has; open is set
	 * when the last document given may go on (TSV rows may follow).
	 * Returns nonzero while more is coming, to be called again after a
	 * short wait unless input comes first.  NULL: reads just wait.
	 */
	int (*idle)(void *ctx, int open);
	void *idle_ctx;
	struct reader_counts *counts;   /* NULL: not counted */
};

#define READER_MAX_BYTES_DEFAULT ((size_t)1 << 30)

struct reader;

/*
 * Starts reading fd, called name in messages.  Returns NULL (and
 * reports) when out of memory.  The caller closes fd after reader_free.
 */
struct reader *reader_new(int fd, const char *name, const struct reader_opts *opts);

/*
 * Yields the next document into *d, valid until the next call.  Returns
 * 1, or 0 at the end of input, or -1 after a read error (reported).
 */
int reader_next(struct reader *r, struct doc *d);

void reader_free(struct reader *r);

#endif
