/*
 * libFuzzer target: any bytes through the date finder, with and without
 * a reference date.  Checks its promises: spans in order of start,
 * inside the text, never empty, and values NUL-terminated.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "timex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct check {
	size_t size, last;
};

static void
check_span(const struct timex *t, void *arg)
{
	struct check *c = arg;

	if (t->start < c->last || t->end <= t->start || t->end > c->size ||
	    memchr(t->value, 0, sizeof t->value) == NULL)
		__builtin_trap();
	c->last = t->start;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct ymd refs[] = { { 0, 0, 0 }, { 2013, 3, 20 }, { 1, 1, 1 }, { 9999, 12, 31 } };
	char *copy = malloc(size ? size : 1);   /* exactly size bytes: ASan sees any overread */

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	for (size_t k = 0; k < sizeof refs / sizeof *refs; k++) {
		struct timex_doc doc;
		struct check c = { size, 0 };
		timex_doc_init(&doc, &refs[k]);
		timex_scan(&doc, copy, size, check_span, &c);
	}
	free(copy);
	return 0;
}
