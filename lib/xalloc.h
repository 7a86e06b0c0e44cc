/*
 * xalloc: allocation that never returns NULL.  Running out of memory is
 * reported as "PROG: out of memory" and ends the program with status 2
 * (EXIT_TROUBLE): an analyser cannot go on without the memory, and
 * going on with half a result would silently lose documents.
 */
#ifndef NTOOLS_XALLOC_H
#define NTOOLS_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t size);

#endif
