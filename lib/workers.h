/*
 * workers: a program's work on each document, done on several threads
 * while the main thread reads, with the output in input order.
 *
 * Documents go to the threads in batches of whole documents (a
 * document's TSV rows stay together, as the analysers resolve later
 * rows against earlier ones).  Each thread has its own analyser state,
 * so the analysers need no locks; each batch's rows are kept in memory
 * until the batches before it are written.
 */
#ifndef NTOOLS_WORKERS_H
#define NTOOLS_WORKERS_H

#include "reader.h"
#include "tsv.h"

typedef void (*workers_each_fn)(const struct doc *d, struct tsv_writer *out, void *state);

struct workers_job {
	workers_each_fn each;
	void *(*state_new)(void *ctx);  /* one state per thread */
	void (*state_free)(void *state);
	void *ctx;
};

struct workers;

/* Starts jobs threads (at least 1) writing to out; exits with a message when it cannot. */
struct workers *workers_new(const struct workers_job *job, int jobs, struct tsv_writer *out);
/* Hands d (copied) to the threads; may write finished batches to out, or wait for room. */
void workers_add(struct workers *w, const struct doc *d);
/*
 * While the input waits: hands the documents gathered so far to the
 * threads (but the last when open: its rows, more of which may come,
 * stay together), writes the batches done, in order, and flushes the
 * output.  Returns nonzero while batches are still being worked on.
 */
int workers_idle(struct workers *w, int open);
/* Waits for every document, writes the rest of the output, and ends the threads. */
void workers_free(struct workers *w);

/*
 * How many threads to use by default: the processors this process may
 * run on (its affinity, as taskset and cpusets leave it; else the
 * processors online), within reason.
 */
int workers_default(void);

#endif
