/*
 * docdate: reading calendar dates as articles print them in date lines
 * and datelines ("07/02/2020", "February 7, 2020", "Friday, July 21,
 * 2017").  Finding which of a document's dates is its own is layout's job.
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
 * (no year), "13/03/1987", each maybe after a weekday ("Friday, ").  Numeric day/month order: one side over 12
 * decides, else hint (month and day from elsewhere in the document, or
 * NULL) decides, else order.  Returns the length read, 0 when there is
 * no date there.
 */
size_t date_parse(const char *s, size_t n, enum date_order order,
    const struct ymd *hint, struct ymd *out);

/* Writes d as YYYY-MM-DD into out[11]; 0 when d lacks a part. */
int ymd_format(const struct ymd *d, char out[11]);

/* Reads exactly "YYYY-MM-DD" (as in a TSV date column); 1 when valid. */
int ymd_read_iso(const char *s, size_t n, struct ymd *out);

#endif
