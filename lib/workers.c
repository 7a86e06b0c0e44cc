#ifdef __linux__
#define _GNU_SOURCE     /* sched_getaffinity, CPU_COUNT */
#include <sched.h>
#endif
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "workers.h"
#include "xalloc.h"

/*
 * A batch holds whole documents worth some tenths of a second of work
 * together: enough that handing it over costs nothing by comparison,
 * few enough that memory stays flat (2 * jobs + 1 of them are in
 * memory at once, each with its copy of the input).
 */
#define BATCH_BYTES ((size_t)1 << 16)
#define BATCH_DOCS 4096
/* A batch that once held a huge document gives its memory back. */
#define BATCH_KEEP ((size_t)8 << 20)
/*
 * A document longer than this is read on the calling thread, once the
 * batches before it are written, its rows going straight out: in a
 * batch it would be copied and its rows kept until written, some bytes
 * more for each of its bytes, and one document keeps one thread busy
 * wherever it is read.  News articles are far shorter.
 */
#define ALONE_BYTES ((size_t)1 << 18)

enum batch_state { EMPTY, FILLED, RUNNING, DONE };

struct item {
	struct doc d;
	size_t text_at, id_at;  /* in the batch's arena, which moves while it fills */
};

struct batch {
	enum batch_state state;
	unsigned long seq;
	char *arena;
	size_t arena_len, arena_cap;
	struct item *items;
	size_t n, cap;
	struct tsv_writer out;  /* in memory */
};

struct thread {
	struct workers *w;
	pthread_t id;
	int started;
};

struct workers {
	struct workers_job job;
	struct tsv_writer *out;
	struct thread *threads;
	int jobs;
	struct batch *slots;
	size_t nslots;
	struct batch *filling;  /* the main thread's, not yet handed over */
	unsigned long next_seq; /* the next batch to fill */
	unsigned long run_seq;  /* the next batch a thread takes */
	unsigned long write_seq;        /* the next batch to write */
	int alone;              /* the current document is read here (ALONE_BYTES) */
	void *state;            /* what reads it, made on first need */
	int done;
	pthread_mutex_t lock;
	pthread_cond_t work, finished;
};

static void
fail(const char *what, int err)
{
	diag_system("threads", "%s: %s", what, strerror(err));
	exit(EXIT_TROUBLE);
}

static void
lock(struct workers *w)
{
	int err = pthread_mutex_lock(&w->lock);
	if (err)
		fail("lock", err);
}

static void
unlock(struct workers *w)
{
	pthread_mutex_unlock(&w->lock);
}

static struct batch *
slot_of(struct workers *w, unsigned long seq)
{
	return &w->slots[seq % w->nslots];
}

static void *
run(void *arg)
{
	struct workers *w = ((struct thread *)arg)->w;
	void *state = NULL;

	lock(w);
	for (;;) {
		struct batch *b = slot_of(w, w->run_seq);
		if (b->state == FILLED && b->seq == w->run_seq) {
			b->state = RUNNING;
			w->run_seq++;
			unlock(w);
			/* Built on first work: a short input costs one state, not one per thread. */
			if (!state)
				state = w->job.state_new(w->job.ctx);
			for (size_t i = 0; i < b->n; i++)
				w->job.each(&b->items[i].d, &b->out, state);
			lock(w);
			b->state = DONE;
			pthread_cond_broadcast(&w->finished);
			continue;
		}
		if (w->done)
			break;
		pthread_cond_wait(&w->work, &w->lock);
	}
	unlock(w);
	if (state)
		w->job.state_free(state);
	return NULL;
}

/* Writes batch seq's rows once they are done, and empties it for reuse. */
static void
write_batch(struct workers *w, unsigned long seq)
{
	struct batch *b = slot_of(w, seq);

	lock(w);
	while (b->state != DONE)
		pthread_cond_wait(&w->finished, &w->lock);
	unlock(w);
	tsv_move(w->out, &b->out);      /* may block on the pipe: the threads go on meanwhile */
	if (b->out.mem_cap > BATCH_KEEP) {
		tsv_close(&b->out);
		tsv_init_memory(&b->out);
	}
	if (b->arena_cap > BATCH_KEEP) {
		free(b->arena);
		b->arena = NULL;
		b->arena_cap = 0;
	}
	lock(w);
	b->state = EMPTY;
	unlock(w);
	w->write_seq = seq + 1;
}

static void
hand_over(struct workers *w)
{
	struct batch *b = w->filling;

	for (size_t i = 0; i < b->n; i++) {
		b->items[i].d.text = b->arena + b->items[i].text_at;
		b->items[i].d.id = b->arena + b->items[i].id_at;
	}
	lock(w);
	b->seq = w->next_seq - 1;
	b->state = FILLED;
	pthread_cond_signal(&w->work);
	unlock(w);
	w->filling = NULL;
}

static size_t
keep(struct batch *b, const char *s, size_t n)
{
	if (n > b->arena_cap - b->arena_len) {
		size_t cap = b->arena_cap ? b->arena_cap : BATCH_BYTES + BATCH_BYTES / 4;
		while (n > cap - b->arena_len)
			cap *= 2;
		b->arena = xrealloc(b->arena, cap);
		b->arena_cap = cap;
	}
	if (n)
		memcpy(b->arena + b->arena_len, s, n);
	b->arena_len += n;
	return b->arena_len - n;
}

/* The next slot, emptied, as the batch to fill. */
static struct batch *
start_batch(struct workers *w)
{
	/* Its slot was last used nslots batches ago: write that one first, unless written. */
	if (w->write_seq + w->nslots <= w->next_seq)
		write_batch(w, w->write_seq);
	struct batch *b = w->filling = slot_of(w, w->next_seq++);
	b->n = 0;
	b->arena_len = 0;
	return b;
}

/* Appends d, its bytes copied, to batch b. */
static void
append(struct batch *b, const struct doc *d)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		b->items = xrealloc(b->items, b->cap * sizeof *b->items);
	}
	struct item *it = &b->items[b->n++];
	it->d = *d;
	it->text_at = keep(b, d->text, d->len);
	it->id_at = keep(b, d->id, d->idlen);
}

/* Reads d on this thread after writing every batch before it; its further rows follow it. */
static void
read_alone(struct workers *w, const struct doc *d)
{
	if (w->filling)
		hand_over(w);
	while (w->write_seq < w->next_seq)
		write_batch(w, w->write_seq);
	if (!w->state)
		w->state = w->job.state_new(w->job.ctx);
	w->job.each(d, w->out, w->state);
}

void
workers_add(struct workers *w, const struct doc *d)
{
	struct batch *b = w->filling;

	if (!d->same_doc)
		w->alone = d->len > ALONE_BYTES;
	if (w->alone) {
		read_alone(w, d);
		return;
	}
	if (b && !d->same_doc && (b->arena_len >= BATCH_BYTES || b->n >= BATCH_DOCS))
		hand_over(w);
	append(w->filling ? w->filling : start_batch(w), d);
}

static int
is_done(struct workers *w, unsigned long seq)
{
	lock(w);
	int done = slot_of(w, seq)->state == DONE;
	unlock(w);
	return done;
}

/*
 * Hands over the filling batch but the rows of its last document when
 * open (they move to the next batch, where the rows still to come will
 * join them).
 */
static void
hand_over_ended(struct workers *w, int open)
{
	struct batch *b = w->filling;
	size_t n = b->n, last = n;

	if (open)
		for (last = n - 1; last > 0 && b->items[last].d.same_doc; last--)
			continue;
	if (last == 0)
		return;
	b->n = last;
	hand_over(w);
	if (last == n)
		return;
	/* The threads only read b: its items from last on can still be copied. */
	struct batch *next = start_batch(w);
	for (size_t i = last; i < n; i++) {
		struct doc d = b->items[i].d;
		d.text = b->arena + b->items[i].text_at;
		d.id = b->arena + b->items[i].id_at;
		append(next, &d);
	}
}

int
workers_idle(struct workers *w, int open)
{
	if (w->filling && w->filling->n > 0)
		hand_over_ended(w, open);
	while (w->write_seq < w->next_seq && is_done(w, w->write_seq))
		write_batch(w, w->write_seq);
	tsv_flush(w->out);
	return w->write_seq < w->next_seq;
}

struct workers *
workers_new(const struct workers_job *job, int jobs, struct tsv_writer *out)
{
	struct workers *w = xcalloc(1, sizeof *w);
	int err;

	w->job = *job;
	w->out = out;
	w->jobs = jobs < 1 ? 1 : jobs;
	w->nslots = 2 * (size_t)w->jobs + 1;
	w->slots = xcalloc(w->nslots, sizeof *w->slots);
	for (size_t i = 0; i < w->nslots; i++)
		tsv_init_memory(&w->slots[i].out);
	if ((err = pthread_mutex_init(&w->lock, NULL)) || (err = pthread_cond_init(&w->work, NULL)) ||
	    (err = pthread_cond_init(&w->finished, NULL)))
		fail("start", err);
	w->threads = xcalloc((size_t)w->jobs, sizeof *w->threads);
	for (int k = 0; k < w->jobs; k++) {
		w->threads[k].w = w;
		err = pthread_create(&w->threads[k].id, NULL, run, &w->threads[k]);
		if (err && k == 0)
			fail("start", err);
		w->threads[k].started = !err;  /* fewer threads still do all the work */
	}
	return w;
}

void
workers_free(struct workers *w)
{
	if (w->filling)
		hand_over(w);
	for (unsigned long seq = w->write_seq; seq < w->next_seq; seq++)
		write_batch(w, seq);
	lock(w);
	w->done = 1;
	pthread_cond_broadcast(&w->work);
	unlock(w);
	for (int k = 0; k < w->jobs; k++)
		if (w->threads[k].started)
			pthread_join(w->threads[k].id, NULL);
	if (w->state)
		w->job.state_free(w->state);
	for (size_t i = 0; i < w->nslots; i++) {
		tsv_close(&w->slots[i].out);
		free(w->slots[i].arena);
		free(w->slots[i].items);
	}
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->work);
	pthread_cond_destroy(&w->finished);
	free(w->slots);
	free(w->threads);
	free(w);
}

/* The processors this process may run on; 0 when the system does not say. */
static long
processors(void)
{
#if defined(__linux__) && defined(CPU_COUNT)
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof set, &set) == 0)
		return CPU_COUNT(&set);
#endif
#ifdef _SC_NPROCESSORS_ONLN
	return sysconf(_SC_NPROCESSORS_ONLN);
#else
	return 0;
#endif
}

int
workers_default(void)
{
	long n = processors();
	/* Each thread keeps caches of its own (some MB); the tables are shared. */
	return n < 1 ? 1 : n > 4 ? 4 : (int)n;
}
