/*
 * diag: the one error path.  Messages read "prog:file:line: message" on
 * standard error; warnings about bad input are counted so that the exit
 * status can say that some input was bad.
 */
#ifndef NTOOLS_DIAG_H
#define NTOOLS_DIAG_H

enum exit_status {
	EXIT_OK = 0,            /* all input was good */
	EXIT_BAD_INPUT = 1,     /* some input was bad; the rest was processed */
	EXIT_TROUBLE = 2        /* usage or system error */
};

/* Sets the program name used in every message, and its usage text
 * (whose first line, the synopsis, follows a usage error). */
void diag_init(const char *prog, const char *usage);
const char *diag_prog(void);

/* Reports bad input at file:line (line 0: no line) and counts it. */
void diag_input(const char *file, unsigned long line, const char *fmt, ...);
/*
 * Reports input that cannot be read as asked at all (a TSV header
 * without the text column, a compressed file) at file:line, and counts
 * it as trouble: nothing of that file is processed.
 */
void diag_unreadable(const char *file, unsigned long line, const char *fmt, ...);
/* Reports a system error about file (NULL: none) and counts it as trouble. */
void diag_system(const char *file, const char *fmt, ...);
/* Reports a usage error, prints the usage hint, and exits EXIT_TROUBLE. */
void diag_usage(const char *fmt, ...);

/* The exit status that the messages so far call for. */
int diag_status(void);

#endif
