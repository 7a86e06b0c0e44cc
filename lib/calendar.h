/*
 * calendar: month and weekday names, and day arithmetic on the
 * proleptic Gregorian calendar.
 */
#ifndef NTOOLS_CALENDAR_H
#define NTOOLS_CALENDAR_H

#include <stddef.h>

/*
 * The month that the word s[0..n) names: "February", "Feb", "Feb." and
 * "FEB" give 2 (the period is not part of n).  Returns 1-12, or 0.
 * "May" and "March" are months here: whether the word is a verb is the
 * caller's question.
 */
int month_from_name(const char *s, size_t n);

/* 0 = Monday ... 6 = Sunday, from "Monday", "Mon", "Mon." "MONDAY"; -1 if none. */
int weekday_from_name(const char *s, size_t n);

int days_in_month(int year, int month);

/* Days since 1970-01-01 (negative before), and back. */
long days_from_civil(int year, int month, int day);
void civil_from_days(long days, int *year, int *month, int *day);

/* 0 = Monday ... 6 = Sunday. */
int weekday_of(int year, int month, int day);

/* ISO 8601 week number and its year. */
void iso_week(int year, int month, int day, int *week_year, int *week);

#endif
