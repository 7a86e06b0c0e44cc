/*
 * timex: finds date and time expressions in news text and normalises
 * them to TimeML TIMEX3 values against the document's date.
 *
 * "said Friday" in an article of Friday 2013-03-22 gives 2013-03-22,
 * "the past three years" P3Y, "last summer" 2012-SU, "now" PRESENT_REF.
 * A bare weekday is the last one on or before the reference date unless
 * a finite verb points ahead ("will meet Thursday", "expects to arrive
 * on Thursday").  A month without a year is the article's own year,
 * the coming one when it is one or two months ahead, the one just gone
 * when one or two behind, and otherwise the way the verbs point ("said
 * in August" in March is last year's).  With no reference date,
 * relative expressions stay underspecified ("XXXX-XX-XX", "XXXX-08"):
 * output depends only on the input.
 */
#ifndef NTOOLS_TIMEX_H
#define NTOOLS_TIMEX_H

#include <stddef.h>
#include "docdate.h"

enum timex_type { TIMEX_DATE, TIMEX_TIME, TIMEX_DURATION, TIMEX_SET };

struct timex {
	size_t start, end;      /* byte offsets within the text given to timex_scan */
	enum timex_type type;
	char value[32];         /* the TIMEX3 value, NUL-terminated */
	const char *mod;        /* TIMEX3 mod ("APPROX", "START", ...) or "" */
};

/* What one document has told the finder so far (for "a year earlier"). */
struct timex_doc {
	struct ymd ref;         /* the reference date; parts 0 when unknown */
	enum date_order order;  /* numeric dates the document leaves open (default DMY) */
	int order_seen;         /* 1 + the order a date such as 13/04/1987 showed, or 0 */
	int last_quarter;       /* the first quarter named (1-4), or 0: a report's subject */
	int last_quarter_year;
	int quarter_grain;      /* the latest period named was a quarter, not months */
	int told_year, told_month;      /* the latest date written out ("May 22, 1995"): 0 when none */
};

typedef void (*timex_fn)(const struct timex *t, void *arg);

/*
 * Starts a document whose reference date is *ref (NULL or zeros:
 * unknown).  Set d->order afterwards to read ambiguous numeric dates
 * month first.
 */
void timex_doc_init(struct timex_doc *d, const struct ymd *ref);

/*
 * Finds the expressions in text[0..len), one piece of the document
 * (TSV rows of one document are scanned one after another with the same
 * *d), and calls each for every one in order of start.  Returns their
 * number.  Allocates nothing.
 */
size_t timex_scan(struct timex_doc *d, const char *text, size_t len, timex_fn each, void *arg);

const char *timex_type_name(enum timex_type t);

#endif
