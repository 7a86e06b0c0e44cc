/*
 * docdate: reading calendar dates as articles print them, and finding
 * the date an article gives itself (its date line, checked against its
 * dateline).
 */
#ifndef NTOOLS_DOCDATE_H
#define NTOOLS_DOCDATE_H

#include <stddef.h>

/* How to read a numeric date such as 07/02/2020 when nothing else decides. */
enum date_order { ORDER_DMY, ORDER_MDY };

/* year 0, month 0 or day 0: not given. */
struct ymd {
	int year, month, day;
};

/*
 * Reads a date at the start of s[0..n): "2020-02-07", "07/02/2020",
 * "February 7, 2020", "Feb. 7, 2020", "7 Feb 2020", "February 7"
 * (no year), "13/03/1987".  Numeric day/month order: one side over 12
 * decides, else hint (month and day from elsewhere in the document, or
 * NULL) decides, else order.  Returns the length read, 0 when there is
 * no date there.
 */
size_t date_parse(const char *s, size_t n, enum date_order order,
    const struct ymd *hint, struct ymd *out);

/*
 * The document's own date: the first date line among its opening
 * blocks, its numeric order settled by the dateline's month and day.
 * Writes YYYY-MM-DD and a NUL into out[11], or "" when there is none;
 * returns 1 when a date was found.
 */
int docdate_find(const char *text, size_t len, enum date_order order, char out[11]);

/* Writes d as YYYY-MM-DD into out[11]; 0 when d lacks a part. */
int ymd_format(const struct ymd *d, char out[11]);

/* Reads exactly "YYYY-MM-DD" (as in a TSV date column); 1 when valid. */
int ymd_read_iso(const char *s, size_t n, struct ymd *out);

#endif
