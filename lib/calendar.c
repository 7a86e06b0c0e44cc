#include "calendar.h"

static const char *const month_names[12] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};
static const char *const weekday_names[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};

static char
fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Is s[0..n) the full name, its first three letters, or a usual longer
 * abbreviation ("Sept", "Tues", "Thurs") of name? */
static int
names(const char *s, size_t n, const char *name)
{
	size_t i;

	if (n < 3)
		return 0;
	for (i = 0; i < n; i++)
		if (!name[i] || fold(s[i]) != name[i])
			return 0;
	return !name[n] || n == 3 || (n == 4 && (name[0] == 's' || name[0] == 't')) ||
	    (n == 5 && name[0] == 't' && name[1] == 'h');
}

/*
 * The first letter, tested before the whole name: the layout asks of
 * every word of a dateline, and most words are no date.
 */
int
month_from_name(const char *s, size_t n)
{
	int m;

	if (n < 3)
		return 0;
	for (m = 0; m < 12; m++)
		if (month_names[m][0] == fold(s[0]) && names(s, n, month_names[m]))
			return m + 1;
	return 0;
}

int
weekday_from_name(const char *s, size_t n)
{
	int d;

	if (n < 3)
		return -1;
	for (d = 0; d < 7; d++)
		if (weekday_names[d][0] == fold(s[0]) && names(s, n, weekday_names[d]))
			return d;
	return -1;
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
days_in_month(int year, int month)
{
	static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	return len[month - 1] + (month == 2 && leap(year));
}

/* Howard Hinnant's days-from-civil algorithm, written out afresh: eras of
 * 400 years, years starting in March so that the leap day comes last. */
long
days_from_civil(int year, int month, int day)
{
	long y = year - (month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = (month + 9) % 12;
	long doy = (153 * mp + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
civil_from_days(long z, int *year, int *month, int *day)
{
	long era, doe, yoe, doy, mp, y;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(y + (*month <= 2));
}

int
weekday_of(int year, int month, int day)
{
	long d = days_from_civil(year, month, day);

	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	return (int)(((d % 7) + 7 + 3) % 7);
}

void
iso_week(int year, int month, int day, int *week_year, int *week)
{
	long d = days_from_civil(year, month, day);
	long thursday = d - weekday_of(year, month, day) + 3;
	int ty, tm, td;

	/* The ISO year is the one its week's Thursday falls in. */
	civil_from_days(thursday, &ty, &tm, &td);
	*week_year = ty;
	*week = (int)((thursday - days_from_civil(ty, 1, 1)) / 7 + 1);
}
