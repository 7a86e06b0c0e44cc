/*
 * image: tables built at compile time and compiled in (lib/data via
 * tools/embed.c, 64-byte aligned), which a program reads in place instead
 * of building them at start-up.  An image starts with a header of one
 * cache line:
 *   magic (4 bytes)  u32 version (1)  u32 count  u32 zero  u64 size[2]
 * and its tables follow, each from a cache line's boundary, in the byte
 * order of the machine that built it (the one that runs it).
 */
#ifndef NTOOLS_IMAGE_H
#define NTOOLS_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define IMAGE_LINE 64

/* n rounded up to whole cache lines. */
size_t image_line_up(size_t n);
/* A zeroed image of len bytes with its header written; exits when out of memory. */
unsigned char *image_new(size_t len, const char magic[4], uint32_t count, const uint64_t size[2]);
/*
 * Whether p[0..len) is an image of magic, version 1, holding count, on a
 * cache line's boundary; its sizes in size[].
 */
int image_open(const unsigned char *p, size_t len, const char magic[4], uint32_t count, uint64_t size[2]);

#endif
