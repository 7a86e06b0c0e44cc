/*
 * pct_image WEIGHTS: writes to stdout the tables that pct_load builds
 * from a weights file (perceptron.h), as an image that pct_builtin reads
 * in place; any other file is copied unchanged.  The build runs it on
 * the weights of lib/data before compiling them in, so that a program starts
 * without building its tables: the image is the table.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perceptron.h"

int
main(int argc, char **argv)
{
	unsigned char *data = NULL, *img = NULL;
	size_t len = 0, cap = 0, n, out_len;
	struct pct_model *m;
	FILE *f;

	if (argc != 2) {
		fputs("usage: pct_image WEIGHTS\n", stderr);
		return 2;
	}
	if ((f = fopen(argv[1], "rb")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	do {
		if (len == cap && (data = realloc(data, cap = cap ? 2 * cap : 1 << 16)) == NULL) {
			perror(argv[1]);
			return 2;
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	if (ferror(f)) {
		perror(argv[1]);
		return 2;
	}
	fclose(f);
	if (len >= 4 && memcmp(data, "NTPC", 4) == 0) {
		if ((m = pct_load(data, len)) == NULL || (img = pct_image(m, &out_len)) == NULL) {
			fprintf(stderr, "pct_image: %s: not a weights file pct_load reads\n", argv[1]);
			return 2;
		}
		pct_free(m);
	}
	if (fwrite(img ? img : data, 1, img ? out_len : len, stdout) != (img ? out_len : len) ||
	    fflush(stdout) != 0) {
		perror("pct_image");
		return 2;
	}
	free(img);
	free(data);
	return 0;
}
