#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tsv.h"
#include "xalloc.h"

void
tsv_init(struct tsv_writer *w, int fd)
{
	w->fd = fd;
	w->err = 0;
	w->at_line_start = 1;
	w->rows = 0;
	w->len = 0;
	w->mem = NULL;
	w->mem_len = w->mem_cap = 0;
}

void
tsv_init_memory(struct tsv_writer *w)
{
	tsv_init(w, -1);
}

static void put(struct tsv_writer *w, const char *s, size_t n);

void
tsv_move(struct tsv_writer *to, struct tsv_writer *from)
{
	if (from->mem_len)
		put(to, from->mem, from->mem_len);
	put(to, from->buf, from->len);
	from->mem_len = from->len = 0;
	from->at_line_start = 1;
}

static void
flush(struct tsv_writer *w)
{
	size_t off = 0;
	ssize_t k;

	if (w->fd < 0) {
		if (w->mem_len + w->len > w->mem_cap) {
			w->mem_cap = (w->mem_len + w->len) * 2;
			w->mem = xrealloc(w->mem, w->mem_cap);
		}
		memcpy(w->mem + w->mem_len, w->buf, w->len);
		w->mem_len += w->len;
		w->len = 0;
		return;
	}

	while (off < w->len && !w->err) {
		k = write(w->fd, w->buf + off, w->len - off);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0 && errno == EPIPE)
			exit(0);        /* the reader has gone (`| head`): nothing left to say */
		if (k < 0)
			w->err = errno;
		else
			off += (size_t)k;
	}
	w->len = 0;
}

static void
put(struct tsv_writer *w, const char *s, size_t n)
{
	/* most pieces are a few bytes and fit */
	if (n < sizeof w->buf - w->len) {
		memcpy(w->buf + w->len, s, n);
		w->len += n;
		return;
	}
	while (n > 0) {
		size_t room = sizeof w->buf - w->len;
		size_t k = n < room ? n : room;

		memcpy(w->buf + w->len, s, k);
		w->len += k, s += k, n -= k;
		if (w->len == sizeof w->buf)
			flush(w);
	}
}

static void
put_byte(struct tsv_writer *w, char c)
{
	if (w->len == sizeof w->buf)
		flush(w);
	w->buf[w->len++] = c;
}

/* The escape letter for each byte that needs one, else 0. */
static const char escape_of[256] = {
	['\t'] = 't', ['\n'] = 'n', ['\r'] = 'r', ['\\'] = '\\'
};

/* Whether one of the 8 bytes of x is one to escape: a byte equal to one of them is zero after xor. */
static int
has_escape(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, highs = ones << 7;
	uint64_t t = x ^ ones * '\t', n = x ^ ones * '\n', r = x ^ ones * '\r', b = x ^ ones * '\\';
	return ((((t - ones) & ~t) | ((n - ones) & ~n) | ((r - ones) & ~r) | ((b - ones) & ~b)) & highs) != 0;
}

/*
 * Copies s[0..n) to out; returns whether no byte of it needs an escape
 * (else out holds nothing of use).  Eight bytes at a time.
 */
static int
copy_plain(char *out, const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (has_escape(x))
			return 0;
		memcpy(out + i, &x, 8);
	}
	char any = 0;
	for (; i < n; i++) {
		any |= escape_of[(unsigned char)s[i]];
		out[i] = s[i];
	}
	return !any;
}

void
tsv_append(struct tsv_writer *w, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, run = 0;

	/* Most fields need no escape: copied whole. */
	if (n < sizeof w->buf - w->len && copy_plain(w->buf + w->len, s, n)) {
		w->len += n;
		return;
	}
	/* A short field, escaped or not, fits: one pass straight into the buffer. */
	if (n <= (sizeof w->buf - w->len) / 2) {
		char *o = w->buf + w->len;

		for (i = 0; i < n; i++) {
			char e = escape_of[u[i]];

			if (e) {
				*o++ = '\\';
				*o++ = e;
			} else {
				*o++ = s[i];
			}
		}
		w->len = (size_t)(o - w->buf);
		return;
	}
	/* Copy runs of plain bytes whole; only the four specials are escaped. */
	for (i = 0; i < n; i++) {
		if (!escape_of[u[i]])
			continue;
		put(w, s + run, i - run);
		put_byte(w, '\\');
		put_byte(w, escape_of[u[i]]);
		run = i + 1;
	}
	put(w, s + run, n - run);
}

static void
start_field(struct tsv_writer *w)
{
	if (!w->at_line_start)
		put_byte(w, '\t');
	w->at_line_start = 0;
}

void
tsv_field(struct tsv_writer *w, const char *s, size_t n)
{
	start_field(w);
	tsv_append(w, s, n);
}

void
tsv_str(struct tsv_writer *w, const char *s)
{
	tsv_field(w, s, strlen(s));
}

void
tsv_num(struct tsv_writer *w, unsigned long long v)
{
	char digits[24];
	size_t i = sizeof digits;

	do
		digits[--i] = (char)('0' + v % 10);
	while (v /= 10);
	start_field(w);
	put(w, digits + i, sizeof digits - i);
}

void
tsv_end_row(struct tsv_writer *w)
{
	put_byte(w, '\n');
	w->at_line_start = 1;
	w->rows++;
}

void
tsv_header(struct tsv_writer *w, const char *names)
{
	put(w, names, strlen(names));
	tsv_end_row(w);
}

void
tsv_flush(struct tsv_writer *w)
{
	if (w->fd >= 0)
		flush(w);
}

int
tsv_close(struct tsv_writer *w)
{
	if (w->fd < 0) {
		free(w->mem);
		w->mem = NULL;
		w->mem_len = w->mem_cap = w->len = 0;
		return 0;
	}
	flush(w);
	return w->err;
}

size_t
tsv_unescape(char *s, size_t n)
{
	size_t i, o = 0;
	char *bs = memchr(s, '\\', n);

	if (!bs)
		return n;
	o = i = (size_t)(bs - s);
	while (i < n) {
		if (s[i] != '\\' || i + 1 == n) {
			s[o++] = s[i++];
			continue;
		}
		switch (s[i + 1]) {
		case 't': s[o++] = '\t'; break;
		case 'n': s[o++] = '\n'; break;
		case 'r': s[o++] = '\r'; break;
		case '\\': s[o++] = '\\'; break;
		case 'b': s[o++] = '\b'; break;
		case 'f': s[o++] = '\f'; break;
		case 'v': s[o++] = '\v'; break;
		default:
			s[o++] = '\\';
			s[o++] = s[i + 1];
		}
		i += 2;
	}
	return o;
}

int
tsv_is_null(const char *s, size_t n)
{
	return n == 2 && s[0] == '\\' && s[1] == 'N';
}
