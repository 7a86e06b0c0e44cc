/*
 * gaz_builtin: the gazetteer as the build compiled it in, an image of
 * gaz_new's tables made by tools/gaz_image.c.  A file of its own, so that
 * the tool that makes the image links the gazetteer without it.
 */
#include <stdio.h>
#include <stdlib.h>

#include "gazetteer.h"

extern const unsigned char data_gazetteer_img[];
extern const size_t data_gazetteer_img_len;

struct gazetteer *
gaz_builtin(void)
{
	struct gazetteer *g = gaz_view(data_gazetteer_img, data_gazetteer_img_len);

	if (!g) {
		fputs("ntools: the built-in gazetteer is broken (rebuild)\n", stderr);
		exit(2);
	}
	return g;
}
