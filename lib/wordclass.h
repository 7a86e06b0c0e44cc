/*
 * wordclass: classes of words learnt from unlabelled news
 * (tools/train_clusters.c, lib/data/clusters.bin), so that a word the
 * taggers never saw in training still tells them something: "Lukashenko"
 * falls in the class of other surnames, "impeached" in that of other
 * past participles.  Two granularities, coarse and fine.
 *
 * Words are keyed by wordclass_key: the hash of the word as written with
 * its digits read as 0.
 */
#ifndef NTOOLS_WORDCLASS_H
#define NTOOLS_WORDCLASS_H

#include <stddef.h>
#include <stdint.h>

#define WORDCLASS_COARSE 64
#define WORDCLASS_FINE 256

uint64_t wordclass_key(const char *s, size_t n);

/* The classes: read-only once loaded, shared by threads. */
struct wordclass;

/* Classes read from a file's bytes (which must outlive them), or NULL when they are not one. */
struct wordclass *wordclass_load(const unsigned char *data, size_t len);
/* The classes compiled in (lib/data/clusters.bin); exits with a message when they are broken. */
struct wordclass *wordclass_builtin(void);
void wordclass_free(struct wordclass *wc);
/*
 * For the build (tools/table_image.c): the loaded tables as bytes, which
 * wordclass_view reads in place (64-byte aligned, outliving them), as
 * wordclass_builtin does when they are compiled in instead of the
 * classes file; the caller frees them.  wordclass_view returns NULL when
 * the bytes are not such an image.
 */
unsigned char *wordclass_image(const struct wordclass *wc, size_t *len);
struct wordclass *wordclass_view(const unsigned char *img, size_t len);

/*
 * The classes of the word whose key is key: sets *coarse and *fine and
 * returns 1, or returns 0 when the word was too rare to be classed.
 */
int wordclass_of(const struct wordclass *wc, uint64_t key, unsigned *coarse, unsigned *fine);

/*
 * The classes file, little-endian: "NTWC", u32 version (1), u32 words,
 * then per word in order of key: u64 key, u8 coarse class, u8 fine class.
 */

#endif
