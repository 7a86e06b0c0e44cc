/*
 * table_image FILE: writes to stdout the tables a program builds from
 * FILE, weights (perceptron.h) or word classes (wordclass.h), as an
 * image that it reads in place (image.h); any other file is copied
 * unchanged.  The build runs it on the .bin files of lib/data before
 * compiling them in, so that a program starts without building tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "perceptron.h"
#include "readfile.h"
#include "wordclass.h"

int
main(int argc, char **argv)
{
	unsigned char *data, *img = NULL;
	size_t len, out_len;

	if (argc != 2) {
		fputs("usage: table_image FILE\n", stderr);
		return 2;
	}
	data = read_file(argv[1], &len);
	if (len >= 4 && memcmp(data, "NTPC", 4) == 0) {
		struct pct_model *m = pct_load(data, len);

		if (m != NULL)
			img = pct_image(m, &out_len);
		pct_free(m);
		if (img == NULL)
			goto bad;
	} else if (len >= 4 && memcmp(data, "NTWC", 4) == 0) {
		struct wordclass *wc = wordclass_load(data, len);

		if (wc == NULL)
			goto bad;
		img = wordclass_image(wc, &out_len);
		wordclass_free(wc);
	}
	if (fwrite(img ? img : data, 1, img ? out_len : len, stdout) != (img ? out_len : len) ||
	    fflush(stdout) != 0) {
		perror("table_image");
		return 2;
	}
	free(img);
	free(data);
	return 0;
bad:
	fprintf(stderr, "table_image: %s: broken\n", argv[1]);
	return 2;
}
