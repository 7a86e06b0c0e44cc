#include <string.h>

#include "image.h"
#include "xalloc.h"

size_t
image_line_up(size_t n)
{
	return (n + IMAGE_LINE - 1) / IMAGE_LINE * IMAGE_LINE;
}

unsigned char *
image_new(size_t len, const char magic[4], uint32_t count, const uint64_t size[2])
{
	uint32_t head[4] = { 0, 1, count, 0 };
	unsigned char *img = xcalloc(1, len);

	memcpy(head, magic, 4);
	memcpy(img, head, sizeof head);
	memcpy(img + sizeof head, size, 2 * sizeof *size);
	return img;
}

int
image_open(const unsigned char *p, size_t len, const char magic[4], uint32_t count, uint64_t size[2])
{
	uint32_t head[4];

	if (len < IMAGE_LINE || (uintptr_t)p % IMAGE_LINE != 0 || memcmp(p, magic, 4) != 0)
		return 0;
	memcpy(head, p, sizeof head);
	memcpy(size, p + sizeof head, 2 * sizeof *size);
	return head[1] == 1 && head[2] == count;
}
