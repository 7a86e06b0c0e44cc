/*
 * pages: the memory of data compiled into a program (lib/data), given
 * back once the program has read it into tables of its own, or made
 * resident at once when the program reads it in place.
 */
#ifndef NTOOLS_PAGES_H
#define NTOOLS_PAGES_H

#include <stddef.h>

/*
 * Lets the system drop the pages wholly inside the read-only bytes
 * p[0..len): they stay readable (read again from the program's file
 * when touched), but no longer count in the process's memory.
 */
void pages_release(const void *p, size_t len);

/*
 * Maps the read-only bytes p[0..len) into the process at once: tables
 * compiled in and read in place (image.h) are then resident from the
 * start, as tables built at start-up were, so that what a document adds
 * to a program's memory is the document's alone, not the pages of the
 * tables it happened to reach.
 */
void pages_resident(const void *p, size_t len);

#endif
