#include "sorted.h"

#include <string.h>

size_t
sorted_below(const void *v, size_t n, size_t size, size_t off, size_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, at;

		/* a copy, not a cast: the field's alignment is the record's business */
		memcpy(&at, (const char *)v + mid * size + off, sizeof at);
		if (at < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
