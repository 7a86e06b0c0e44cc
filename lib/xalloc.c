#include <stdlib.h>

#include "diag.h"
#include "xalloc.h"

/* Zero-sized requests ask for one byte, so that NULL always means failure. */
static void *
must(void *p)
{
	if (!p) {
		diag_system(NULL, "out of memory");
		exit(EXIT_TROUBLE);
	}
	return p;
}

void *
xmalloc(size_t size)
{
	return must(malloc(size ? size : 1));
}

void *
xcalloc(size_t count, size_t size)
{
	return must(calloc(count ? count : 1, size ? size : 1));
}

void *
xrealloc(void *p, size_t size)
{
	return must(realloc(p, size ? size : 1));
}

size_t
xroom(size_t need)
{
	return need + need / 4 + 16;
}
