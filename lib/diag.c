#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static const char *prog = "ntools";
static const char *usage = "";
static int status = EXIT_OK;

void
diag_init(const char *name, const char *usage_text)
{
	prog = name;
	usage = usage_text;
}

const char *
diag_prog(void)
{
	return prog;
}

static void
vreport(const char *file, unsigned long line, const char *fmt, va_list ap)
{
	fflush(stdout);
	if (file && line)
		fprintf(stderr, "%s:%s:%lu: ", prog, file, line);
	else if (file)
		fprintf(stderr, "%s:%s: ", prog, file);
	else
		fprintf(stderr, "%s: ", prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

/* Reports, and raises the exit status to at least level. */
static void
vcount(int level, const char *file, unsigned long line, const char *fmt, va_list ap)
{
	vreport(file, line, fmt, ap);
	if (status < level)
		status = level;
}

void
diag_input(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcount(EXIT_BAD_INPUT, file, line, fmt, ap);
	va_end(ap);
}

void
diag_unreadable(const char *file, unsigned long line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vcount(EXIT_TROUBLE, file, line, fmt, ap);
	va_end(ap);
}

void
diag_system(const char *file, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(file, 0, fmt, ap);
	va_end(ap);
	status = EXIT_TROUBLE;
}

void
diag_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(NULL, 0, fmt, ap);
	va_end(ap);
	fprintf(stderr, "%.*s\nTry '%s --help' for more information.\n",
	    (int)strcspn(usage, "\n"), usage, prog);
	exit(EXIT_TROUBLE);
}

int
diag_status(void)
{
	return status;
}
