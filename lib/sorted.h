/*
 * sorted: where a key falls in an array of records kept in order of one
 * of their size_t or uint32_t fields (positions in a text, mostly), by
 * binary search.
 */
#ifndef NTOOLS_SORTED_H
#define NTOOLS_SORTED_H

#include <stddef.h>

/*
 * How many of the n records at v, size bytes each, have the size_t at
 * byte off below key; the records are in order of that field.
 */
size_t sorted_below(const void *v, size_t n, size_t size, size_t off, size_t key);
/* The same, the field a uint32_t (offsets kept 32-bit to halve a record). */
size_t sorted_below32(const void *v, size_t n, size_t size, size_t off, size_t key);

#endif
