#include <stdlib.h>

#include "diag.h"
#include "xalloc.h"

static void *
must(void *p, size_t size)
{
	if (!p && size) {
		diag_system(NULL, "out of memory");
		exit(EXIT_TROUBLE);
	}
	return p;
}

void *
xmalloc(size_t size)
{
	return must(malloc(size), size);
}

void *
xcalloc(size_t count, size_t size)
{
	return must(calloc(count, size), count * size);
}

void *
xrealloc(void *p, size_t size)
{
	return must(realloc(p, size), size);
}
