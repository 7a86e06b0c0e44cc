#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>     /* mallopt */
#endif

#include "cli.h"
#include "diag.h"
#include "xalloc.h"

void
cli_init(struct cli *c, const char *prog, const char *usage)
{
	memset(c, 0, sizeof *c);
#ifdef M_MMAP_THRESHOLD
	/*
	 * Blocks over 128 KB in mappings of their own, always.  glibc raises
	 * the threshold as such a mapping is freed, and then a long
	 * document's arrays double in the heap, each leaving its old copy
	 * resident: 1.3 bytes a byte more for nquote on 4 MB of names.
	 */
	mallopt(M_MMAP_THRESHOLD, 128 * 1024);
#endif
	diag_init(prog, usage);
	opterr = 0;     /* getopt's own messages lack our format */
	c->usage = usage;
	c->header = 1;
	c->jobs = workers_default();
	c->reader.text_col = "text";
	c->reader.order = ORDER_DMY;
	c->reader.max_bytes = READER_MAX_BYTES_DEFAULT;
	c->reader.counts = &c->counts;
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

/* Seconds on a clock that only goes forward: for the summary, never for the output. */
static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
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
	case OPT_TSV:
		c->reader.form = READER_TSV;
		return 1;
	case OPT_STREAM:
		c->reader.form = READER_STREAM;
		return 1;
	case 'v':
		c->verbose = 1;
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

/* MB/s of what was read so far. */
static double
rate(const struct cli *c, double t)
{
	return t > c->began ? c->counts.bytes / 1e6 / (t - c->began) : 0;
}

/* A line of progress, rewritten at most once a second (only when stderr is a terminal). */
static void
progress(struct cli *c)
{
	double t = now();

	if (t - c->shown < 1)
		return;
	c->shown = t;
	fprintf(stderr, "\r%s: %lu documents, %.1f MB, %.1f MB/s ", diag_prog(), c->counts.docs,
	    c->counts.bytes / 1e6, rate(c, t));
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
		while ((got = reader_next(r, &d)) > 0) {
			each(&d, &c->out, arg);
			if (c->shown > 0)
				progress(c);
		}
		reader_free(r);
	}
	if (fd != STDIN_FILENO)
		close(fd);
}

static void
read_all(struct cli *c, char **files, int nfiles, cli_each_fn each, void *arg)
{
	c->began = now();
	if (c->verbose && isatty(STDERR_FILENO))
		c->shown = c->began;
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
	if (c->verbose) {
		double t = now();
		const struct reader_counts *k = &c->counts;

		fprintf(stderr, "%s%s: %lu documents read, %lu skipped (%lu too long, %lu bad TSV rows), "
		    "%lu without rows; %llu rows written; %llu bytes in %.2f s, %.1f MB/s\n",
		    c->shown > 0 ? "\n" : "", diag_prog(), k->docs, k->too_long + k->bad_rows,
		    k->too_long, k->bad_rows, c->empty, c->rows, k->bytes, t - c->began, rate(c, t));
	}
	return diag_status();
}

struct counted_job;

/*
 * The rows of each document, counted around a program's own work: a
 * document's pieces all go to one state (workers.h keeps them together).
 */
struct counted {
	cli_each_fn each;
	void *state;
	unsigned long long rows, doc_rows;
	unsigned long empty;
	int open;
	const struct counted_job *job;  /* on threads: where the state came from */
};

static void
counted_close(struct counted *k)
{
	if (k->open && k->doc_rows == 0)
		k->empty++;
	k->rows += k->doc_rows;
	k->doc_rows = 0;
	k->open = 0;
}

static void
counted_each(const struct doc *d, struct tsv_writer *out, void *arg)
{
	struct counted *k = arg;
	unsigned long long before = out->rows;

	if (!d->same_doc)
		counted_close(k);
	k->open = 1;
	k->each(d, out, k->state);
	k->doc_rows += out->rows - before;
}

static pthread_mutex_t counts_lock = PTHREAD_MUTEX_INITIALIZER;

/* Adds a state's counts to the program's (states end on their own threads). */
static void
counted_sum(struct cli *c, struct counted *k)
{
	counted_close(k);
	pthread_mutex_lock(&counts_lock);
	c->rows += k->rows;
	c->empty += k->empty;
	pthread_mutex_unlock(&counts_lock);
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
	struct counted k = { each, arg, 0, 0, 0, 0, NULL };

	c->reader.idle = flush_rows;
	c->reader.idle_ctx = &c->out;
	read_all(c, files, nfiles, counted_each, &k);
	counted_sum(c, &k);
	return finish(c);
}

/* What each thread's counted state is made from. */
struct counted_job {
	const struct workers_job *job;
	struct cli *c;
};

static void *
counted_new(void *ctx)
{
	const struct counted_job *cj = ctx;
	struct counted *k = xcalloc(1, sizeof *k);

	k->each = cj->job->each;
	k->state = cj->job->state_new(cj->job->ctx);
	k->job = cj;
	return k;
}

static void
counted_free(void *state)
{
	struct counted *k = state;

	counted_sum(k->job->c, k);
	k->job->job->state_free(k->state);
	free(k);
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
	struct counted_job cj = { job, c };
	const struct workers_job counting = { counted_each, counted_new, counted_free, &cj };
	struct workers *w = workers_new(&counting, c->jobs, &c->out);
	c->reader.idle = idle_workers;
	c->reader.idle_ctx = w;
	read_all(c, files, nfiles, to_workers, w);
	workers_free(w);
	return finish(c);
}
