/*
 * gaz_image: writes to stdout the gazetteer's tables as gaz_new builds
 * them from the lists of lib/data, an image that gaz_builtin reads in
 * place: the build compiles it in, so that a program starts without
 * building the gazetteer.
 */
#include <stdio.h>
#include <stdlib.h>

#include "gazetteer.h"

int
main(void)
{
	struct gazetteer *g = gaz_new();
	size_t len;
	unsigned char *img = gaz_image(g, &len);
	int bad = fwrite(img, 1, len, stdout) != len || fflush(stdout) != 0;

	if (bad)
		perror("gaz_image");
	free(img);
	gaz_free(g);
	return bad ? 2 : 0;
}
