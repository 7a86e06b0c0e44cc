/*
 * timex_tense: which way the verbs around an expression point.
 *
 * "said in August" points back, "will meet on Thursday" and "expects to
 * arrive on Thursday" forward.  Reads the words of the same sentence
 * around text[start..end), nearest first, without tagging.
 */
#ifndef NTOOLS_TIMEX_TENSE_H
#define NTOOLS_TIMEX_TENSE_H

#include <stddef.h>

/*
 * -1 past, +1 future, 0 no evidence, from the nearest cue; *strong
 * (when not NULL) gets the same from the nearest finite verb or
 * auxiliary alone, leaving out infinitives ("to attend").
 */
int timex_tense(const char *text, size_t len, size_t start, size_t end, int *strong);

#endif
