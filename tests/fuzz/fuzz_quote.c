/*
 * libFuzzer target: any bytes through nquote's analyser, as one document
 * or cut in two pieces (TSV rows), each read in the pieces attrib_cuts
 * gives, with the options the first byte picks.  Checks its promises:
 * the cuts in order and ending at the end, every span, mention and cue
 * inside its piece, the quoted words inside the quotation, and the rows
 * in order.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct attrib *analysers[4];

static void
check_rows(struct attrib *a, const char *text, size_t len, size_t base, unsigned flags)
{
	const struct attribution *q;
	size_t n = attrib_find(a, text, len, base, &q);

	for (size_t i = 0; i < n; i++) {
		if (q[i].start > q[i].end || q[i].end > len || q[i].text_start < q[i].start ||
		    q[i].text_end > q[i].end || q[i].text_start > q[i].text_end ||
		    q[i].mention_start > q[i].mention_end || q[i].mention_end > len ||
		    q[i].cue_start > q[i].cue_end || q[i].cue_end > len ||
		    (q[i].speaker == NULL && q[i].speaker_len != 0))
			__builtin_trap();
		if (i > 0 && !(flags & ATTRIB_INDIRECT) && q[i].start < q[i - 1].start)
			__builtin_trap();
	}
}

static void
check_piece(struct attrib *a, const char *text, size_t len, size_t base, unsigned flags)
{
	const size_t *ends;
	size_t np = attrib_cuts(a, text, len, &ends), from = 0;

	if (np == 0 || ends[np - 1] != len)
		__builtin_trap();
	for (size_t p = 0; p < np; from = ends[p++]) {
		if (ends[p] < from || (ends[p] == from && len > 0))
			__builtin_trap();
		check_rows(a, text + from, ends[p] - from, base + from, flags);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	unsigned flags = data[0] & 3;
	size_t cut = data[1] % 2 ? (size - 2) * data[1] / 256 : size - 2;
	char *copy = malloc(size - 2 ? size - 2 : 1);      /* exactly the bytes: ASan sees any overread */

	if (!copy)
		return 0;
	memcpy(copy, data + 2, size - 2);
	if (!analysers[flags])
		analysers[flags] = attrib_new(flags);
	attrib_doc_begin(analysers[flags]);
	check_piece(analysers[flags], copy, cut, 0, flags);
	check_piece(analysers[flags], copy + cut, size - 2 - cut, cut, flags);
	free(copy);
	return 0;
}
