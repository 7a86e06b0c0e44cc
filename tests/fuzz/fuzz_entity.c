/*
 * libFuzzer target: any bytes through the name finder, as one document
 * or cut in two pieces (TSV rows) where the first byte says.  Checks its
 * promises: every mention and role inside its piece and not empty,
 * mentions in order of start, and a canonical name for each.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "entity.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct entity_finder *finder;

static void
check_piece(const char *text, size_t len, size_t base)
{
	const struct entity *e;
	size_t n = entity_find(finder, text, len, base, &e), name_len;

	for (size_t i = 0; i < n; i++) {
		if (e[i].start < base || e[i].end > base + len || e[i].start >= e[i].end ||
		    (i > 0 && e[i].start < e[i - 1].start))
			__builtin_trap();
		if (e[i].role_start != e[i].role_end &&
		    (e[i].role_start < base || e[i].role_end > base + len || e[i].role_start > e[i].role_end))
			__builtin_trap();
		const char *name = entity_canonical(finder, e[i].id, &name_len);
		if (!name || name_len == 0)
			__builtin_trap();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	if (!finder)
		finder = entity_finder_new();
	size_t cut = size > 1 ? data[0] % size : 0;
	/* Exactly the bytes of each piece, so that ASan sees any overread. */
	char *first = malloc(cut ? cut : 1), *rest = malloc(size - cut);
	if (!first || !rest) {
		free(first);
		free(rest);
		return 0;
	}
	memcpy(first, data, cut);
	memcpy(rest, data + cut, size - cut);
	entity_doc_begin(finder);
	if (cut)
		check_piece(first, cut, 0);
	check_piece(rest, size - cut, cut);
	free(first);
	free(rest);
	return 0;
}
