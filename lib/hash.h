/*
 * hash: a 64-bit hash of bytes, for document ids that depend only on a
 * document's bytes, never on where it stands in a stream.
 */
#ifndef NTOOLS_HASH_H
#define NTOOLS_HASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t hash64(const char *s, size_t n);

/* Writes the 16 lowercase hex digits of h and a NUL into out[17]. */
void hash_hex(uint64_t h, char out[17]);

#endif
