/*
 * cli: what every program's command line shares (design §3), and the
 * loop that connects the reader to a program's analyser and writer.
 *
 * Shared options, spelled alike in every program:
 *   -H, --no-header     no header row
 *   -j, --jobs N        threads, for the programs that use them (others
 *                       accept it, so that one command line fits all)
 *   -t, --text COL      the TSV column holding the text (default "text")
 *       --dmy, --mdy    read ambiguous numeric dates day first (default)
 *                       or month first
 *       --max-bytes N   the cap on one document (default 1 GiB)
 *       --tsv, --stream the input's form, whatever its first line
 *   -v, --verbose       a summary on stderr at the end (documents read,
 *                       skipped, without rows; rows; bytes; time), and a
 *                       progress line each second when stderr is a terminal
 *   -h, --help          usage on stdout, exit 0
 *       --version       version on stdout, exit 0
 */
#ifndef NTOOLS_CLI_H
#define NTOOLS_CLI_H

#include <getopt.h>
#include "reader.h"
#include "tsv.h"
#include "workers.h"

#define NTOOLS_VERSION "0.1.0"

enum {
	OPT_DMY = 0x100, OPT_MDY, OPT_MAX_BYTES, OPT_VERSION, OPT_TSV, OPT_STREAM,
	OPT_PROGRAM = 0x200     /* programs number their own long options from here */
};

/* The usage text's lines for the shared options and the exit status:
 * each program's usage ends with it. */
#define CLI_USAGE_COMMON \
"  -H, --no-header   leave out the header row\n" \
"  -t, --text COL    the TSV column that holds the text (default: text)\n" \
"      --dmy, --mdy  read a numeric date line such as 07/02/2020 day first\n" \
"                    (default) or month first, when the article's dateline\n" \
"                    does not settle it\n" \
"      --max-bytes N skip (and report) documents longer than N bytes\n" \
"                    (default 1G; K, M, G suffixes)\n" \
"      --tsv         read the input as TSV, its first line the header\n" \
"      --stream      read the input as an article stream, whatever its\n" \
"                    first line\n" \
"  -v, --verbose     at the end, one line on stderr: documents read, skipped\n" \
"                    and without rows, rows written, bytes, seconds\n" \
"  -h, --help        this text\n" \
"      --version     the version\n" \
"\n" \
"Exit status: 0 all input good, 1 some input bad (the rest processed),\n" \
"2 usage or system error.\n"

#define CLI_SHORT_OPTIONS "Hj:t:hv"
#define CLI_LONG_OPTIONS \
	{ "no-header", no_argument, NULL, 'H' }, \
	{ "jobs", required_argument, NULL, 'j' }, \
	{ "text", required_argument, NULL, 't' }, \
	{ "dmy", no_argument, NULL, OPT_DMY }, \
	{ "mdy", no_argument, NULL, OPT_MDY }, \
	{ "max-bytes", required_argument, NULL, OPT_MAX_BYTES }, \
	{ "tsv", no_argument, NULL, OPT_TSV }, \
	{ "stream", no_argument, NULL, OPT_STREAM }, \
	{ "verbose", no_argument, NULL, 'v' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, OPT_VERSION }

struct cli {
	const char *usage;      /* the whole usage text, from its synopsis line */
	int header;             /* write the header row */
	int jobs;               /* -j: threads for cli_run_jobs (default workers_default) */
	struct reader_opts reader;
	struct tsv_writer out;
	int verbose;            /* -v: the summary */
	struct reader_counts counts;
	unsigned long long rows;        /* rows written */
	unsigned long empty;    /* documents that gave no row */
	double began, shown;    /* seconds: the start, the last progress line */
};

/* Sets defaults and the program name for messages. */
void cli_init(struct cli *c, const char *prog, const char *usage);

/*
 * Handles an option every program shares (or '?' from getopt): returns
 * 1 when it was one; exits for --help, --version and usage errors.
 */
int cli_option(struct cli *c, int opt, const char *arg);

/* Writes the header row unless -H was given. */
void cli_header(struct cli *c, const char *names);

typedef workers_each_fn cli_each_fn;

/*
 * Reads the files files[0..nfiles) ("-" or none: standard input) and
 * calls each for every document, in order.  Flushes the output and
 * returns the exit status (enum exit_status).
 */
int cli_run(struct cli *c, char **files, int nfiles, cli_each_fn each, void *arg);

/*
 * The same with the documents shared among c->jobs threads (workers.h),
 * each with its own state from job; the output is in input order as
 * with cli_run.  One job reads and works on the main thread alone.
 */
int cli_run_jobs(struct cli *c, char **files, int nfiles, const struct workers_job *job);

#endif
