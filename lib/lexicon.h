/*
 * lexicon: read-only lookup tables built from data files compiled into
 * the binaries (lib/data/, one entry per line, fields separated by tabs:
 * the key, then whatever the table's user makes of the rest).
 * Lines that are empty or begin with '#' are skipped.
 */
#ifndef NTOOLS_LEXICON_H
#define NTOOLS_LEXICON_H

#include <stddef.h>

struct lexicon;

enum {
	LEX_FOLD_CASE = 1       /* keys match whatever their case (ASCII, Latin, Greek, Cyrillic) */
};

/*
 * Builds a table over data[0..len), which must outlive it (embedded data
 * does).  Later duplicates of a key are ignored.  Exits with a message
 * when out of memory: a table is built once, at start-up.
 */
struct lexicon *lexicon_build(const unsigned char *data, size_t len, unsigned flags);

/*
 * Looks key[0..n) up.  Returns 1 and points *val, *vlen at the rest of
 * its line after the first tab (empty when none), or 0 when absent.
 */
int lexicon_find(const struct lexicon *lx, const char *key, size_t n,
    const char **val, size_t *vlen);

void lexicon_free(struct lexicon *lx);

/*
 * Small fixed word lists in the code: by_letter[k] holds the words whose
 * first letter is 'a' + k (either case), each between single spaces
 * (" mr mrs ms "), or "".  Whether w[0..n) is one of them, as written.
 */
int lexicon_in_list(const char *const by_letter[26], const char *w, size_t n);

#endif
