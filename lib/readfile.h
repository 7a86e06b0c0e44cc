/*
 * readfile: a whole file in memory, for the trainers that read weights
 * and word classes back.  A file that cannot be read ends the program
 * ("PATH: reason", status 1): a trainer cannot go on without its input.
 */
#ifndef NTOOLS_READFILE_H
#define NTOOLS_READFILE_H

#include <stddef.h>

/* The bytes of path, *len of them, in memory the caller frees. */
unsigned char *read_file(const char *path, size_t *len);

#endif
