/*
 * tsv: the output side of the TSV contract, and unescaping for the
 * input side.
 *
 * Fields are escaped as PostgreSQL COPY (FORMAT text) and Miller do it:
 * tab, newline, carriage return and backslash become \t \n \r \\.
 * Nothing else is quoted.  Output is buffered; the first write error is
 * kept and reported by tsv_close, except a broken pipe (the reader has
 * gone, as in `| head`), which ends the process quietly.
 */
#ifndef NTOOLS_TSV_H
#define NTOOLS_TSV_H

#include <stddef.h>

struct tsv_writer {
	int fd;                 /* -1: rows are kept in memory (tsv_init_memory) */
	int err;                /* first errno from write(2), or 0 */
	int at_line_start;      /* no field written yet on this row */
	unsigned long long rows;        /* rows ended so far (the header too) */
	size_t len;
	char buf[1 << 16];
	char *mem;              /* in memory: the rows that left buf */
	size_t mem_len, mem_cap;
};

void tsv_init(struct tsv_writer *w, int fd);
/* A writer that keeps its rows in memory, for tsv_move to write later. */
void tsv_init_memory(struct tsv_writer *w);
/* Writes the rows kept by from (tsv_init_memory) to to, and empties from. */
void tsv_move(struct tsv_writer *to, struct tsv_writer *from);

/* Starts a new field (a tab unless the row is empty) holding s[0..n), escaped. */
void tsv_field(struct tsv_writer *w, const char *s, size_t n);
/* Same for a NUL-terminated string. */
void tsv_str(struct tsv_writer *w, const char *s);
/* Same for a number in decimal. */
void tsv_num(struct tsv_writer *w, unsigned long long v);
/* Appends s[0..n), escaped, to the current field. */
void tsv_append(struct tsv_writer *w, const char *s, size_t n);
/* Ends the row. */
void tsv_end_row(struct tsv_writer *w);
/* Writes a header row from a tab-separated list of names. */
void tsv_header(struct tsv_writer *w, const char *names);

/*
 * A piece of a row, escaped once and copied whole into many rows (the
 * fields the words of one sentence share): fields, each led by a tab.
 * Zero-initialised, a piece holds no field; the piece owns its bytes.
 */
struct tsv_piece {
	char *s;
	size_t len, cap;
};

void tsv_piece_clear(struct tsv_piece *p);
/* Appends a field holding s[0..n), escaped. */
void tsv_piece_field(struct tsv_piece *p, const char *s, size_t n);
/* Same for a number in decimal. */
void tsv_piece_num(struct tsv_piece *p, unsigned long long v);
void tsv_piece_free(struct tsv_piece *p);

/*
 * Writes the fields of head, start and end in decimal, s[0..n) escaped
 * and the fields of tail, and ends the row: what tsv_field, tsv_num and
 * tsv_end_row would write, in one call.
 */
void tsv_span_row(struct tsv_writer *w, const struct tsv_piece *head, unsigned long long start,
    unsigned long long end, const char *s, size_t n, const struct tsv_piece *tail);

/* Writes the buffered rows now (a writer in memory keeps them). */
void tsv_flush(struct tsv_writer *w);
/* Flushes (or, in memory, frees the rows); returns 0, or the errno of the first failed write. */
int tsv_close(struct tsv_writer *w);

/*
 * Unescapes s[0..n) in place (\t \n \r \\ and PostgreSQL's \b \f \v;
 * an unknown escape is kept as written) and returns the new length.
 */
size_t tsv_unescape(char *s, size_t n);

/* Whether s[0..n) is PostgreSQL's NULL, \N, which readers take for an empty field. */
int tsv_is_null(const char *s, size_t n);

#endif
