#include "calendar.h"
#include "docdate.h"
#include "utf8.h"

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
is_letter_at(const char *s, size_t n, size_t i)
{
	uint32_t cp;

	return i < n && (utf8_decode(s + i, n - i, &cp), u_isalnum(cp));
}

/* Reads 1 to max digits at s[*i]; returns the number, or -1. */
static int
number(const char *s, size_t n, size_t *i, int max)
{
	int v = 0, k = 0;

	while (*i < n && is_digit(s[*i]) && k < max)
		v = v * 10 + (s[(*i)++] - '0'), k++;
	if (k == 0 || (*i < n && is_digit(s[*i])))
		return -1;
	return v;
}

static size_t
skip_blanks(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static size_t
word_end(const char *s, size_t n, size_t i)
{
	while (i < n && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
		i++;
	return i;
}

/* A month name at s[*i], with its abbreviation's period; 0 if none. */
static int
month_word(const char *s, size_t n, size_t *i)
{
	size_t e = word_end(s, n, *i);
	int m = month_from_name(s + *i, e - *i);

	if (!m)
		return 0;
	if (e < n && s[e] == '.')
		e++;
	*i = e;
	return m;
}

/* "7", "7th", "21st": a day of the month at s[*i]; -1 if none. */
static int
day_number(const char *s, size_t n, size_t *i)
{
	size_t j = *i;
	int d = number(s, n, &j, 2);

	if (d < 1 || d > 31)
		return -1;
	if (j + 1 < n && word_end(s, n, j) == j + 2) {
		const char *x = s + j;
		if ((x[0] == 's' && x[1] == 't') || (x[0] == 'n' && x[1] == 'd') ||
		    (x[0] == 'r' && x[1] == 'd') || (x[0] == 't' && x[1] == 'h'))
			j += 2;
	}
	*i = j;
	return d;
}

/* ", 2020" or " 2020" after a day: the year, or 0 when none follows. */
static int
trailing_year(const char *s, size_t n, size_t *i)
{
	size_t j = *i;
	int y;

	if (j < n && s[j] == ',')
		j++;
	j = skip_blanks(s, n, j);
	if (j + 4 > n || !is_digit(s[j]))
		return 0;
	y = number(s, n, &j, 4);
	if (y < 1000 || is_letter_at(s, n, j))
		return 0;
	*i = j;
	return y;
}

static int
valid(const struct ymd *d)
{
	return d->month >= 1 && d->month <= 12 && d->day >= 1 &&
	    d->day <= (d->year ? days_in_month(d->year, d->month) : 31);
}

/* a/b/year with the order settled as date_parse says. */
static int
numeric(int a, int b, int year, enum date_order order, const struct ymd *hint, struct ymd *out)
{
	int dmy;

	if (a > 12)
		dmy = 1;
	else if (b > 12)
		dmy = 0;
	else if (hint && hint->month && hint->day && a == hint->day && b == hint->month)
		dmy = 1;
	else if (hint && hint->month && hint->day && a == hint->month && b == hint->day)
		dmy = 0;
	else
		dmy = order == ORDER_DMY;
	out->year = year;
	out->day = dmy ? a : b;
	out->month = dmy ? b : a;
	return valid(out);
}

size_t
date_parse(const char *s, size_t n, enum date_order order, const struct ymd *hint, struct ymd *out)
{
	size_t i = 0, j;
	int a, b, c, m;

	/* An optional weekday: "Friday, July 21, 2017". */
	j = word_end(s, n, 0);
	if (j > 0 && weekday_from_name(s, j) >= 0) {
		if (j < n && s[j] == '.')
			j++;
		if (j < n && s[j] == ',')
			j++;
		i = skip_blanks(s, n, j);
	}
	out->year = out->month = out->day = 0;

	if (i < n && is_digit(s[i])) {
		j = i;
		a = number(s, n, &j, 4);
		if (j - i == 4 && j + 1 < n && (s[j] == '-' || s[j] == '/')) {
			char sep = s[j++];
			/* 2020-02-07 */
			if ((b = number(s, n, &j, 2)) < 0 || j >= n || s[j++] != sep ||
			    (c = number(s, n, &j, 2)) < 0 || is_letter_at(s, n, j))
				return 0;
			out->year = a, out->month = b, out->day = c;
			return valid(out) ? j : 0;
		}
		if (a >= 0 && j - i <= 2 && j + 1 < n && (s[j] == '/' || s[j] == '.' || s[j] == '-')) {
			/* 07/02/2020, 7.2.2020, 07-02-20 */
			char sep = s[j++];
			size_t y0;
			if ((b = number(s, n, &j, 2)) < 0 || j >= n || s[j++] != sep)
				return 0;
			y0 = j;
			if ((c = number(s, n, &j, 4)) < 0 || (j - y0 != 2 && j - y0 != 4) ||
			    is_letter_at(s, n, j))
				return 0;
			if (j - y0 == 2)
				c += c < 50 ? 2000 : 1900;
			return numeric(a, b, c, order, hint, out) ? j : 0;
		}
		/* 7 Feb 2020, 7th February */
		j = i;
		if ((a = day_number(s, n, &j)) < 0)
			return 0;
		j = skip_blanks(s, n, j);
		if (j + 2 < n && s[j] == 'o' && s[j + 1] == 'f' && s[j + 2] == ' ')
			j = skip_blanks(s, n, j + 2);
		if (!(m = month_word(s, n, &j)))
			return 0;
		out->day = a, out->month = m;
		out->year = trailing_year(s, n, &j);
		return valid(out) ? j : 0;
	}

	/* February 7, 2020; Feb. 7 */
	j = i;
	if (!(m = month_word(s, n, &j)))
		return 0;
	j = skip_blanks(s, n, j);
	if ((a = day_number(s, n, &j)) < 0 || is_letter_at(s, n, j))
		return 0;
	out->month = m, out->day = a;
	out->year = trailing_year(s, n, &j);
	return valid(out) ? j : 0;
}

int
ymd_format(const struct ymd *d, char out[11])
{
	int y = d->year, k;

	if (y < 1 || y > 9999 || !valid(d)) {
		out[0] = '\0';
		return 0;
	}
	for (k = 3; k >= 0; k--, y /= 10)
		out[k] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + d->month / 10);
	out[6] = (char)('0' + d->month % 10);
	out[7] = '-';
	out[8] = (char)('0' + d->day / 10);
	out[9] = (char)('0' + d->day % 10);
	out[10] = '\0';
	return 1;
}

int
ymd_read_iso(const char *s, size_t n, struct ymd *out)
{
	size_t i = 0;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	out->year = number(s, 4, &i, 4);
	i = 5;
	out->month = number(s, 7, &i, 2);
	i = 8;
	out->day = number(s, 10, &i, 2);
	return out->year > 0 && valid(out);
}
