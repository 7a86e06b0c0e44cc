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

/*
 * Whether one of the 8 bytes of x may be one to escape: a backslash
 * (zero after xor), or a byte below 14, which takes in \t \n \r and
 * the few other controls (then the caller looks byte by byte).
 */
static inline int
may_escape(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ull, highs = ones << 7;
	uint64_t b = x ^ ones * '\\';
	return ((((b - ones) & ~b) | ((x - ones * 14) & ~x)) & highs) != 0;
}

/*
 * Copies s[0..n) to out; returns 1 when no byte of it needs an escape,
 * 0 when one may (then out holds nothing of use).  Eight bytes at a time.
 */
static int
copy_plain(char *out, const char *s, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		if (may_escape(x))
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

/*
 * The same for n <= 16, with out room for 16: two overlapping loads
 * cover any length, reading nothing past s + n.
 */
static int
copy_short_plain(char *out, const char *s, size_t n)
{
	const uint64_t pad = 0x0101010101010101ull * 'a';      /* fills the bytes a short s leaves */
	uint64_t a, b;

	if (n >= 8) {
		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		memcpy(out, &a, 8);
		memcpy(out + n - 8, &b, 8);
	} else if (n >= 4) {
		uint32_t x, y;
		memcpy(&x, s, 4);
		memcpy(&y, s + n - 4, 4);
		memcpy(out, &x, 4);
		memcpy(out + n - 4, &y, 4);
		a = x | pad << 32, b = y | pad << 32;
	} else if (n > 0) {
		unsigned char x = (unsigned char)s[0], y = (unsigned char)s[n / 2], z = (unsigned char)s[n - 1];
		out[0] = (char)x, out[n / 2] = (char)y, out[n - 1] = (char)z;
		a = b = x | (uint64_t)y << 8 | (uint64_t)z << 16 | pad << 24;
	} else {
		return 1;
	}
	return !may_escape(a) && !may_escape(b);
}

void
tsv_append(struct tsv_writer *w, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, run = 0;

	/* Most fields need no escape, and most are short: copied whole. */
	if (n <= 16 && sizeof w->buf - w->len >= 16) {
		if (copy_short_plain(w->buf + w->len, s, n)) {
			w->len += n;
			return;
		}
	} else if (n < sizeof w->buf - w->len && copy_plain(w->buf + w->len, s, n)) {
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

/* The digits of 0 .. 99, two to a number. */
static const char digit_pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/* Writes v in decimal at o (room for 20 bytes); returns the byte after. */
static char *
put_decimal(char *o, unsigned long long v)
{
	unsigned long long t = v;
	char *p;

	/* Most numbers are offsets of four digits or fewer: no division to count them. */
	if (v < 100) {
		if (v < 10) {
			*o = (char)('0' + v);
			return o + 1;
		}
		memcpy(o, digit_pairs + v * 2, 2);
		return o + 2;
	}
	if (v < 10000) {
		unsigned x = (unsigned)v, hi = x / 100;   /* 32-bit: the cheaper division */

		if (hi < 10) {
			*o++ = (char)('0' + hi);
		} else {
			memcpy(o, digit_pairs + hi * 2, 2);
			o += 2;
		}
		memcpy(o, digit_pairs + (x - hi * 100) * 2, 2);
		return o + 2;
	}
	while (t >= 100)
		t /= 100, o += 2;
	o += t >= 10 ? 2 : 1;
	p = o;
	for (; v >= 100; v /= 100) {
		p -= 2;
		memcpy(p, digit_pairs + v % 100 * 2, 2);
	}
	if (v >= 10)
		memcpy(p - 2, digit_pairs + v * 2, 2);
	else
		p[-1] = (char)('0' + v);
	return o;
}

void
tsv_num(struct tsv_writer *w, unsigned long long v)
{
	start_field(w);
	if (sizeof w->buf - w->len < 20)
		flush(w);
	w->len = (size_t)(put_decimal(w->buf + w->len, v) - w->buf);
}

/*
 * Escapes s[0..n) to out, which has room for 2 n + 16 bytes; returns
 * the byte after.
 */
static char *
escape_to(char *out, const char *s, size_t n)
{
	if (n <= 16 ? copy_short_plain(out, s, n) : copy_plain(out, s, n))
		return out + n;
	for (size_t i = 0; i < n; i++) {
		char e = escape_of[(unsigned char)s[i]];

		if (e) {
			*out++ = '\\';
			*out++ = e;
		} else {
			*out++ = s[i];
		}
	}
	return out;
}

/* A piece keeps 16 bytes of room past its end, set (to zeros at first), to be copied sixteen at a time. */
static void
piece_reserve(struct tsv_piece *p, size_t n)
{
	if (p->len + n + 16 <= p->cap)
		return;
	size_t cap = (p->len + n + 16) * 2;
	p->s = xrealloc(p->s, cap);
	memset(p->s + p->cap, 0, cap - p->cap);
	p->cap = cap;
}

void
tsv_piece_clear(struct tsv_piece *p)
{
	p->len = 0;
}

void
tsv_piece_field(struct tsv_piece *p, const char *s, size_t n)
{
	piece_reserve(p, 2 * n + 17);
	p->s[p->len] = '\t';
	p->len = (size_t)(escape_to(p->s + p->len + 1, s, n) - p->s);
}

void
tsv_piece_num(struct tsv_piece *p, unsigned long long v)
{
	piece_reserve(p, 21);
	p->s[p->len] = '\t';
	p->len = (size_t)(put_decimal(p->s + p->len + 1, v) - p->s);
}

void
tsv_piece_free(struct tsv_piece *p)
{
	free(p->s);
	p->s = NULL;
	p->len = p->cap = 0;
}

/*
 * Copies s[0..n) of a piece to out sixteen bytes at a time, up to 15
 * bytes past the end too; returns out + n.
 */
static char *
copy_piece(char *out, const char *s, size_t n)
{
	for (size_t k = 0; k < n; k += 16)
		memcpy(out + k, s + k, 16);
	return out + n;
}

void
tsv_span_row(struct tsv_writer *w, const struct tsv_piece *head, unsigned long long start,
    unsigned long long end, const char *s, size_t n, const struct tsv_piece *tail)
{
	size_t need = head->len + tail->len + 2 * n + 2 * 21 + 2 * 16;

	if (need > sizeof w->buf - w->len)
		flush(w);
	if (need > sizeof w->buf - w->len) {
		/* a field longer than the buffer: field by field */
		if (head->len) {
			start_field(w);
			put(w, head->s + 1, head->len - 1);
		}
		tsv_num(w, start);
		tsv_num(w, end);
		tsv_field(w, s, n);
		put(w, tail->s, tail->len);
		tsv_end_row(w);
		return;
	}
	char *o = w->buf + w->len;
	if (head->len) {
		/* the head's first tab only after a field */
		o = copy_piece(o, head->s + w->at_line_start, head->len - w->at_line_start);
		*o++ = '\t';
	} else if (!w->at_line_start) {
		*o++ = '\t';
	}
	o = put_decimal(o, start);
	*o++ = '\t';
	o = put_decimal(o, end);
	*o++ = '\t';
	o = escape_to(o, s, n);
	o = copy_piece(o, tail->s, tail->len);
	*o++ = '\n';
	w->len = (size_t)(o - w->buf);
	w->at_line_start = 1;
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
