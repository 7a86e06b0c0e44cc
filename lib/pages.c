#ifdef __linux__
#define _DEFAULT_SOURCE         /* madvise */
#endif
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pages.h"

void
pages_release(const void *p, size_t len)
{
#ifdef MADV_DONTNEED
	long size = sysconf(_SC_PAGESIZE);
	if (size <= 0 || (size & (size - 1)))
		return;
	uintptr_t mask = (uintptr_t)size - 1;
	uintptr_t from = ((uintptr_t)p + mask) & ~mask, to = ((uintptr_t)p + len) & ~mask;
	/*
	 * Read-only pages of the program's file: dropping them loses
	 * nothing.  A failure leaves them counted, which is all it costs.
	 */
	if (to > from)
		(void)madvise((void *)from, to - from, MADV_DONTNEED);
#else
	(void)p;
	(void)len;
#endif
}

void
pages_resident(const void *p, size_t len)
{
	long size = sysconf(_SC_PAGESIZE);

	if (size <= 0 || len == 0)
		return;
#ifdef MADV_POPULATE_READ
	uintptr_t mask = (uintptr_t)size - 1;
	uintptr_t from = (uintptr_t)p & ~mask, to = ((uintptr_t)p + len + mask) & ~mask;
	/* One call maps them all; older kernels refuse it and the pages are touched one by one. */
	if (madvise((void *)from, to - from, MADV_POPULATE_READ) == 0)
		return;
#endif
	const volatile unsigned char *b = p;
	for (size_t i = 0; i < len; i += (size_t)size)
		(void)b[i];
	(void)b[len - 1];
}
