/*
 * libFuzzer target: any bytes through the sentence splitter.  Checks its
 * promises: spans in order, inside the text, never empty, and the walk
 * ends (no more sentences than bytes).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sentence.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sentencer s;
	size_t start, end, last = 0, count = 0;
	char *copy = malloc(size ? size : 1);   /* exactly size bytes: ASan sees any overread */

	if (!copy)
		return 0;
	memcpy(copy, data, size);
	sentencer_init(&s, copy, size);
	while (sentencer_next(&s, &start, &end)) {
		if (start < last || end <= start || end > size || ++count > size)
			__builtin_trap();
		last = end;
	}
	free(copy);
	return 0;
}
