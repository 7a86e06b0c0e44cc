#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"

void
cli_init(struct cli *c, const char *prog, const char *usage)
{
	memset(c, 0, sizeof *c);
	diag_init(prog, usage);
	opterr = 0;     /* getopt's own messages lack our format */
	c->usage = usage;
	c->header = 1;
	c->jobs = workers_default();
	c->reader.text_col = "text";
	c->reader.order = ORDER_DMY;
	c->reader.max_bytes = READER_MAX_BYTES_DEFAULT;
	tsv_init(&c->out, STDOUT_FILENO);
}

/* A -j, --jobs argument: a number of threads from 1 to 64. */
static int
parse_jobs(const char *arg)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(arg, &end, 10);
	if (errno || end == arg || *end || n < 1 || n > 64)
		diag_usage("--jobs: not a number of threads from 1 to 64: %s", arg);
	return (int)n;
}

static size_t
parse_size(const char *arg)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (errno || end == arg || v == 0 || arg[0] == '-')
		diag_usage("--max-bytes: not a positive number of bytes: %s", arg);
	switch (*end) {
	case 'K': case 'k': v <<= 10; end++; break;
	case 'M': case 'm': v <<= 20; end++; break;
	case 'G': case 'g': v <<= 30; end++; break;
	}
	if (*end)
		diag_usage("--max-bytes: not a size (N, NK, NM or NG): %s", arg);
	return (size_t)v;
}

static void
print_and_exit(const char *text)
{
	fputs(text, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		diag_system("<stdout>", "write error: %s", strerror(errno));
		exit(EXIT_TROUBLE);
	}
	exit(EXIT_OK);
}

int
cli_option(struct cli *c, int opt, const char *arg)
{
	switch (opt) {
	case 'H':
		c->header = 0;
		return 1;
	case 'j':
		c->jobs = parse_jobs(arg);
		return 1;
	case 't':
		c->reader.text_col = arg;
		return 1;
	case OPT_DMY:
		c->reader.order = ORDER_DMY;
		return 1;
	case OPT_MDY:
		c->reader.order = ORDER_MDY;
		return 1;
	case OPT_MAX_BYTES:
		c->reader.max_bytes = parse_size(arg);
		return 1;
	case 'h':
		print_and_exit(c->usage);
		return 1;
	case OPT_VERSION:
		printf("%s %s\n", diag_prog(), NTOOLS_VERSION);
		print_and_exit("");
		return 1;
	case '?':
	case ':':
		if (optopt)
			diag_usage("-%c: unknown option or missing argument", optopt);
		diag_usage("unknown option, or an option's argument is missing");
		return 1;
	}
	return 0;
}

void
cli_header(struct cli *c, const char *names)
{
	if (c->header)
		tsv_header(&c->out, names);
}

static void
read_file(struct cli *c, const char *path, cli_each_fn each, void *arg)
{
	int fd = STDIN_FILENO;
	const char *name = "<stdin>";
	struct reader *r;
	struct doc d;
	int got;

	if (strcmp(path, "-") != 0) {
		name = path;
		if ((fd = open(path, O_RDONLY)) < 0) {
			diag_system(path, "%s", strerror(errno));
			return;
		}
	}
	if ((r = reader_new(fd, name, &c->reader))) {
		while ((got = reader_next(r, &d)) > 0)
			each(&d, &c->out, arg);
		reader_free(r);
	}
	if (fd != STDIN_FILENO)
		close(fd);
}

static void
read_all(struct cli *c, char **files, int nfiles, cli_each_fn each, void *arg)
{
	if (nfiles == 0)
		read_file(c, "-", each, arg);
	for (int i = 0; i < nfiles; i++)
		read_file(c, files[i], each, arg);
}

static int
finish(struct cli *c)
{
	int err;

	if ((err = tsv_close(&c->out)) != 0)
		diag_system("<stdout>", "write error: %s", strerror(err));
	return diag_status();
}

/* A feed that waits for input sees the rows of the documents it has ended so far. */
static int
flush_rows(void *out, int open)
{
	(void)open;     /* rows written are done with, whatever follows */
	tsv_flush(out);
	return 0;
}

int
cli_run(struct cli *c, char **files, int nfiles, cli_each_fn each, void *arg)
{
	c->reader.idle = flush_rows;
	c->reader.idle_ctx = &c->out;
	read_all(c, files, nfiles, each, arg);
	return finish(c);
}

static int
idle_workers(void *w, int open)
{
	return workers_idle(w, open);
}

static void
to_workers(const struct doc *d, struct tsv_writer *out, void *arg)
{
	(void)out;      /* the rows are written in order once the batch is done */
	workers_add(arg, d);
}

int
cli_run_jobs(struct cli *c, char **files, int nfiles, const struct workers_job *job)
{
	if (c->jobs <= 1) {
		void *state = job->state_new(job->ctx);
		int status = cli_run(c, files, nfiles, job->each, state);
		job->state_free(state);
		return status;
	}
	struct workers *w = workers_new(job, c->jobs, &c->out);
	c->reader.idle = idle_workers;
	c->reader.idle_ctx = w;
	read_all(c, files, nfiles, to_workers, w);
	workers_free(w);
	return finish(c);
}
