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

/*
 * The capacity to give an array that must hold need items, and may
 * have to hold more later: a quarter more.  An array sized by the
 * document (or a window of it) then holds little more than it uses,
 * where doubling would hold up to twice; growing one item at a time
 * still copies each item a few times only.
 */
size_t xroom(size_t need);

#endif
