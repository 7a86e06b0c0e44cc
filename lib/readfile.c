#include <stdio.h>
#include <stdlib.h>

#include "readfile.h"
#include "xalloc.h"

unsigned char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *b = NULL;
	size_t cap = 0;

	*len = 0;
	if (!f) {
		perror(path);
		exit(1);
	}
	for (;;) {
		if (*len == cap) {
			cap = cap ? 2 * cap : 1 << 20;
			b = xrealloc(b, cap);
		}
		size_t got = fread(b + *len, 1, cap - *len, f);
		if (got == 0)
			break;
		*len += got;
	}
	if (ferror(f)) {
		perror(path);
		exit(1);
	}
	fclose(f);
	return b;
}
