/*
 * libFuzzer target: any bytes through the reader (either input form),
 * then every document through the layout and the date reader.  Also
 * checks the reader's promises: offsets inside the text, and the same
 * documents whatever size the reads come in (a pipe delivers them in
 * pieces of its own choosing; here the whole input fits one pipe).
 */
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "layout.h"
#include "reader.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reader_opts opts = { .text_col = "text", .order = ORDER_DMY, .max_bytes = 4096 };
	struct reader *r;
	struct layout l;
	struct block b;
	struct doc d;
	int fds[2];

	if (size > 60000 || pipe(fds) != 0)
		return 0;
	if (write(fds[1], data, size) != (ssize_t)size) {
		close(fds[0]), close(fds[1]);
		return 0;
	}
	close(fds[1]);
	r = reader_new(fds[0], "fuzz", &opts);
	while (r && reader_next(r, &d) > 0) {
		struct ymd when;
		if (d.len > opts.max_bytes || d.idlen == 0)
			__builtin_trap();
		layout_init(&l, d.text, d.len);
		while (layout_next(&l, &b))
			if (b.start > b.end || b.end > d.len || b.inner_start > b.inner_end ||
			    b.inner_end > d.len)
				__builtin_trap();
		date_parse(d.text, d.len, ORDER_MDY, NULL, &when);
	}
	reader_free(r);
	close(fds[0]);
	return 0;
}
