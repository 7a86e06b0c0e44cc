/*
 * builtin: the gazetteer and the word classes as the build compiled them
 * in, images of their tables (tools/gaz_image.c, tools/table_image.c)
 * read in place, resident from the start (pages.h).  A file of its own, so that the tools that make the
 * images link the modules without the images they make.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "pages.h"
#include "wordclass.h"

extern const unsigned char data_gazetteer_img[];
extern const size_t data_gazetteer_img_len;
extern const unsigned char data_clusters_bin[];
extern const size_t data_clusters_bin_len;

struct gazetteer *
gaz_builtin(void)
{
	struct gazetteer *g = gaz_view(data_gazetteer_img, data_gazetteer_img_len);

	if (!g) {
		fputs("ntools: the built-in gazetteer is broken (rebuild)\n", stderr);
		exit(2);
	}
	pages_resident(data_gazetteer_img, data_gazetteer_img_len);
	return g;
}

struct wordclass *
wordclass_builtin(void)
{
	const unsigned char *data = data_clusters_bin;
	size_t len = data_clusters_bin_len;
	struct wordclass *wc = wordclass_view(data, len);

	if (wc)
		pages_resident(data, len);
	else if ((wc = wordclass_load(data, len)) != NULL)
		pages_release(data, len);       /* read into the tables: the bytes are not read again */
	if (!wc) {
		fputs("ntools: the built-in word classes are broken (rebuild lib/data/clusters.bin)\n", stderr);
		exit(2);
	}
	return wc;
}
