#include "sorted.h"

#include <stdint.h>
#include <string.h>

static size_t
below(const void *v, size_t n, size_t size, size_t off, int wide, size_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, at;
		const char *f = (const char *)v + mid * size + off;

		/* a copy, not a cast: the field's alignment is the record's business */
		if (wide) {
			memcpy(&at, f, sizeof at);
		} else {
			uint32_t at32;

			memcpy(&at32, f, sizeof at32);
			at = at32;
		}
		if (at < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t
sorted_below(const void *v, size_t n, size_t size, size_t off, size_t key)
{
	return below(v, n, size, off, 1, key);
}

size_t
sorted_below32(const void *v, size_t n, size_t size, size_t off, size_t key)
{
	return below(v, n, size, off, 0, key);
}
