/*
 * check: the smallest test harness.  CHECK(cond) reports a failure with
 * its line and counts it; a unit test's main returns check_result().
 */
#ifndef NTOOLS_CHECK_H
#define NTOOLS_CHECK_H

#include <stdint.h>
#include <stdio.h>

static int check_failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		check_failures++; \
	} \
} while (0)

static int
check_result(const char *name)
{
	if (check_failures)
		fprintf(stderr, "%s: %d checks failed\n", name, check_failures);
	return check_failures != 0;
}

/* Appends a little-endian u32 at p, as weights files hold them; returns the end. */
static inline unsigned char *
put32(unsigned char *p, uint32_t v)
{
	for (int k = 0; k < 4; k++)
		*p++ = (unsigned char)(v >> 8 * k);
	return p;
}

#endif
