/*
 * attrib: the pipeline over one piece of a document.  The quotation marks
 * are paired (quote.h); each quotation gets its cue, speaker phrase and
 * kind (attrib_direct.c), and with --indirect each sentence its reports
 * (attrib_indirect.c).  Only then does the name finder read the text, and
 * only the regions the speakers need: the paragraphs of written mentions,
 * and the paragraph before for pronouns, descriptions and quotations with
 * no cue; the rest is held and skimmed.  The subjects it finds put people
 * in focus (attrib_subject.c), the learnt ranker chooses each speaker
 * (attrib_rank.c), and every mention resolves to a canonical name
 * (attrib_people.c).
 */
#include "attrib_impl.h"

#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

extern const unsigned char data_cues_txt[];
extern const size_t data_cues_txt_len;

struct attrib_tables *
attrib_tables_new(void)
{
	struct attrib_tables *t = xcalloc(1, sizeof *t);

	t->names = entity_tables_new();
	t->ranker = sp_model_builtin();
	t->reporter = rs_model_builtin();
	t->sourcer = rs_source_model_builtin();
	t->spanner = rs_span_model_builtin();
	t->cues = lexicon_build(data_cues_txt, data_cues_txt_len, LEX_FOLD_CASE);
	words_build(&t->words, (const char *)data_cues_txt, data_cues_txt_len);
	return t;
}

void
attrib_tables_free(struct attrib_tables *t)
{
	if (t == NULL)
		return;
	entity_tables_free(t->names);
	pct_free(t->ranker);
	pct_free(t->reporter);
	pct_free(t->sourcer);
	pct_free(t->spanner);
	lexicon_free(t->cues);
	free(t->words.slot);
	free(t);
}

struct attrib *
attrib_new_on(unsigned flags, struct attrib_tables *tables)
{
	struct attrib *a = xcalloc(1, sizeof *a);
	struct entity_finder *ef = entity_finder_on(tables->names);

	a->flags = flags;
	a->lx = tables->cues;
	a->words = &tables->words;
	a->qf = quote_finder_new();
	a->ef = ef;
	a->paras = xcalloc(1, sizeof *a->paras);
	a->ranker = tables->ranker;
	a->reporter = tables->reporter;
	a->sourcer = tables->sourcer;
	a->spanner = tables->spanner;
	a->classes = entity_classes(ef);
	return a;
}

struct attrib *
attrib_new(unsigned flags)
{
	struct attrib_tables *t = attrib_tables_new();
	struct attrib *a = attrib_new_on(flags, t);

	a->own = t;
	return a;
}

void
attrib_free(struct attrib *a)
{
	if (a == NULL)
		return;
	rs_sources_free(&a->sources);
	rs_sources_free(&a->starts);
	rs_sources_free(&a->ends);
	rs_sentence_free(&a->sentence);
	sp_set_free(&a->cands);
	quote_finder_free(a->qf);
	entity_finder_free(a->ef);
	attrib_tables_free(a->own);     /* after the finder that reads them */
	free(a->people);
	free(a->roles);
	free(a->met);
	free(a->events);
	free(a->ents);
	free(a->out);
	free(a->ranked);
	free(a->held);
	free(a->pieces);
	free(a->cuts);
	free(a->order);
	free(a->title_run);
	free(a->regions);
	free(a->paras->starts);
	free(a->paras->breaks);
	free(a->paras);
	free(a);
}

void
attrib_doc_begin(struct attrib *a)
{
	entity_doc_begin(a->ef);
	a->npieces = 0;
	a->held_len = 0;
	for (size_t i = 0; i < a->npeople; i++)
		a->people[i].seen = 0;
	a->nroles = 0;
	a->nevents = 0;
	a->evgap = 0;
	a->nmet = 0;
}

void
attrib_last_piece(struct attrib *a)
{
	a->last_piece = 1;
}

const char *
attrib_kind_name(enum quote_kind k)
{
	static const char *names[] = { "direct", "partial", "scare", "title", "indirect" };

	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "direct";
}

/*
 * a->order[0..nout): out's indices in the order of the text, those that
 * start together as they stand.  A merge sort: with --indirect, out is
 * two runs, the quotations and then the reported speech.
 */
static void
order_by_start(struct attrib *a)
{
	size_t n = a->nout;
	uint32_t *from, *to;

	if (n == 0)
		return;
	if (2 * n > a->caporder) {
		a->caporder = 2 * n;
		a->order = xrealloc(a->order, a->caporder * sizeof *a->order);
	}
	from = a->order;
	to = a->order + n;
	for (size_t i = 0; i < n; i++)
		from[i] = (uint32_t)i;
	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t l = lo, r = mid, k = lo;

			while (l < mid && r < hi)
				to[k++] = a->out[from[r]].start < a->out[from[l]].start ? from[r++] : from[l++];
			while (l < mid)
				to[k++] = from[l++];
			while (r < hi)
				to[k++] = from[r++];
		}
		uint32_t *swap = from;

		from = to;
		to = swap;
	}
	if (from != a->order)
		memcpy(a->order, from, n * sizeof *from);
}

static void
sort_by_start(struct attrib *a)
{
	if (a->nout == 0)
		return;

	order_by_start(a);
	/* out[i] = out[order[i]] along each cycle of the order, not into a copy of out */
	for (size_t i = 0; i < a->nout; i++) {
		if (a->order[i] == i)
			continue;
		struct attribution first = a->out[i];
		size_t j = i;

		while (a->order[j] != i) {
			size_t k = a->order[j];

			a->out[j] = a->out[k];
			a->order[j] = (uint32_t)j;
			j = k;
		}
		a->out[j] = first;
		a->order[j] = (uint32_t)j;
	}
}

/* Second pass: the speakers' names. */
static void
resolve_all(struct attrib *a)
{
	struct tok t[24];

	/* in the order of the text, so that each speaker is in focus for the next */
	order_by_start(a);
	for (size_t o = 0; o < a->nout; o++) {
		struct attribution *x = &a->out[a->order[o]];

		if (x->inherits >= 0)
			continue;
		if (x->inherits == INHERIT_FOCUS) {
			struct resolved r = { focus(a, x->start, W_NONE), 0, 0 };

			set_speaker(a, x, r);
			continue;
		}
		if (x->mention_end <= x->mention_start)
			continue;
		size_t n = tokenize(a, x->mention_start, x->mention_end, t, 24);
		struct resolved r = resolve(a, t, 0, n);

		if (x->cue_end == x->cue_start && r.id < 0 && !(n == 1 && is_pronoun(&t[0])) &&
		    !a->ranked[a->order[o]]) {
			/* a sentence's first words, taken without a cue, that name nobody */
			x->mention_start = x->mention_end = 0;
			continue;
		}

		set_speaker(a, x, r);
		if (r.id >= 0)
			add_event(a, x->mention_start, r.id);
	}
	/* continuations, backwards so that a chain of forward references resolves */
	for (size_t i = a->nout; i > 0; i--) {
		struct attribution *x = &a->out[i - 1];

		if (x->inherits >= 0 && (size_t)x->inherits > i - 1) {
			x->speaker = a->out[x->inherits].speaker;
			x->speaker_len = a->out[x->inherits].speaker_len;
		}
	}
	for (size_t i = 0; i < a->nout; i++) {
		struct attribution *x = &a->out[i];

		if (x->inherits >= 0 && (size_t)x->inherits < i) {
			x->speaker = a->out[x->inherits].speaker;
			x->speaker_len = a->out[x->inherits].speaker_len;
		}
	}
}

/* Only speech, unless asked for everything. */
static void
keep_wanted(struct attrib *a)
{
	size_t k = 0;

	for (size_t i = 0; i < a->nout; i++) {
		enum quote_kind kd = a->out[i].kind;

		if (((kd != KIND_SCARE && kd != KIND_TITLE) || (a->flags & ATTRIB_ALL)) &&
		    (kd != KIND_INDIRECT || (a->flags & ATTRIB_INDIRECT)))
			a->out[k++] = a->out[i];
	}
	a->nout = k;
}

/*
 * Gives the name finder text[from..to) of the piece text[0..len) (or,
 * with note, only registers the names there) and learns who its
 * sentences are about; its mentions join a->ents.
 */
static void
feed(struct attrib *a, const char *text, size_t len, size_t base, size_t from, size_t to,
    const struct quote_span *q, size_t nq, int note)
{
	const struct entity *found;
	size_t nf, first = a->nents;

	a->text = text;
	a->base = base;
	if (note)
		nf = entity_note(a->ef, text + from, to - from, base + from, &found);
	else
		nf = entity_find(a->ef, text + from, to - from, base + from, &found);
	if (a->nents + nf > a->capents) {
		/* doubling: a document fed in many regions does not copy its mentions once a region */
		a->capents = a->nents + nf > 2 * a->capents ? a->nents + nf : 2 * a->capents;
		a->ents = xrealloc(a->ents, a->capents * sizeof *a->ents);
	}
	for (size_t i = 0; i < nf; i++) {
		struct entity e = found[i];

		if (e.start < base + from || e.end > base + to || e.id < 0)
			continue;
		e.start -= base;
		e.end -= base;
		if (e.role_end > e.role_start && e.role_start >= base + from && e.role_end <= base + to) {
			e.role_start -= base;
			e.role_end -= base;
		} else {
			e.role_start = e.role_end = e.start;
		}
		a->ents[a->nents++] = e;
	}
	entity_found_done(a->ef);
	size_t keep_len = a->len;

	a->len = len;
	find_subjects(a, q, nq, first);
	if (!note)
		find_described_subjects(a, q, nq, from, to);
	a->len = keep_len;
}

/*
 * Pieces of a document with nothing to resolve wait here, unread by the
 * name finder, until a later piece needs the names they introduce.
 */
static void
hold(struct attrib *a, const char *text, size_t len, size_t base)
{
	if (a->held_len + len > a->held_cap) {
		size_t cap = a->held_cap ? a->held_cap : 4096;

		while (cap < a->held_len + len)
			cap *= 2;
		a->held = xrealloc(a->held, cap);
		a->held_cap = cap;
	}
	if (len)        /* an empty piece may come before anything is held */
		memcpy(a->held + a->held_len, text, len);
	if (a->npieces == a->cappieces) {
		a->cappieces = a->cappieces ? 2 * a->cappieces : 8;
		a->pieces = xrealloc(a->pieces, a->cappieces * sizeof *a->pieces);
	}
	a->pieces[a->npieces].at = a->held_len;
	a->pieces[a->npieces].len = len;
	a->pieces[a->npieces].base = base;
	a->npieces++;
	a->held_len += len;
}

static void
feed_held(struct attrib *a)
{
	for (size_t i = 0; i < a->npieces; i++) {
		a->nents = 0;
		feed(a, a->held + a->pieces[i].at, a->pieces[i].len, a->pieces[i].base, 0, a->pieces[i].len,
		    NULL, 0, 0);
	}
	a->npieces = 0;
	a->held_len = 0;
}

/* Regions kept for the next piece: an article's, not a long text's. */
#define REGIONS_KEEP 4096

/*
 * Regions meet or overlap as the rows go by in order of the text: one
 * that the last one would absorb once sorted (needed_regions) is absorbed
 * now, so that a run of quotations in one paragraph costs one region,
 * not one each and as much again for qsort's copy.
 */
static void
add_region(struct attrib *a, size_t s, size_t e, int discourse)
{
	struct region *last = a->nregions ? &a->regions[a->nregions - 1] : NULL;

	if (last != NULL && s >= last->s && s <= last->e + 2) {
		if (e > last->e)
			last->e = e;
		last->discourse |= discourse;
		return;
	}
	if (a->nregions == a->capregions) {
		a->capregions = a->capregions ? 2 * a->capregions : 16;
		a->regions = xrealloc(a->regions, a->capregions * sizeof *a->regions);
	}
	a->regions[a->nregions].s = s;
	a->regions[a->nregions].e = e;
	a->regions[a->nregions].discourse = discourse;
	a->nregions++;
}

static int
region_cmp(const void *x, const void *y)
{
	const struct region *r = x, *q = y;

	return (r->s > q->s) - (r->s < q->s);
}

/*
 * The opening of a document the name finder always reads (to the end of
 * the paragraph at this byte): news introduces people there by full name
 * and title, and the tagger, which types a name by the document's other
 * uses of it, needs them ("U.S. Trade Representative Ann Vale"
 * read alone is an organisation).  Without it a tenth of the speakers of
 * 20 MB of Reuters copy changed, mostly to shorter names; with it a third of that.
 */
#define LEAD_BYTES 400

/*
 * Paragraphs before a mention that the name finder reads when the
 * mention needs the discourse (a pronoun, a description, no mention at
 * all) rather than only the names the document has registered.  A
 * pronoun's person is often named two paragraphs up, past a paragraph
 * that only says "she" again: two rather than one lift the canonical
 * speaker on PolNeAR dev (91.46 to 91.74) and on the annotated train
 * articles (87.07 to 87.45), three helps train (87.83) less than dev
 * (91.60), at the same processor time on news.
 */
#define DISCOURSE_PARAS 2

/* Is the mention t[0..n) a name, which resolves by the names registered so far? */
static int
is_name_mention(const struct tok *t, size_t n)
{
	return n > 0 && t[0].type == T_WORD && t[0].cap && !is_pronoun(&t[0]) && t[0].wc != W_DEF &&
	    t[0].wc != W_INDEF;
}

/*
 * The text in text[0..upto) that the speakers' resolution reads with the
 * name finder: each mention's paragraph, and the paragraphs before it
 * when the mention needs the discourse.
 */
static void
needed_regions(struct attrib *a, size_t upto)
{
	a->nregions = 0;
	for (size_t i = 0; i < a->nout; i++) {
		const struct attribution *x = &a->out[i];
		size_t s, e, paras = DISCOURSE_PARAS;

		if (x->inherits == INHERIT_FOCUS || (x->inherits == -1 && x->mention_end == x->mention_start &&
		    (x->kind == KIND_DIRECT || x->kind == KIND_PARTIAL))) {
			s = e = x->start;
		} else if (x->inherits < 0 && x->mention_end > x->mention_start) {
			struct tok t[1];

			s = x->mention_start;
			e = x->mention_end;
			if (is_name_mention(t, tokenize(a, s, e, t, 1)))
				paras = 0;
		} else {
			continue;
		}
		if (s < upto)
			add_region(a, paras_back(a, s, paras), para_end_of(a, e, upto), paras > 0);
	}
	if (a->nregions > 0)
		add_region(a, 0, para_end_of(a, LEAD_BYTES < upto ? LEAD_BYTES : upto, upto), 0);
	/* in order, overlaps merged */
	qsort(a->regions, a->nregions, sizeof *a->regions, region_cmp);
	size_t m = 0;

	for (size_t i = 0; i < a->nregions; i++) {
		if (m > 0 && a->regions[i].s <= a->regions[m - 1].e + 2) {
			if (a->regions[i].e > a->regions[m - 1].e)
				a->regions[m - 1].e = a->regions[i].e;
			a->regions[m - 1].discourse |= a->regions[i].discourse;
		} else {
			a->regions[m++] = a->regions[i];
		}
	}
	a->nregions = m;
}

/*
 * Feeds the name finder the needed regions of text[0..upto), and only
 * notes the names of the text between them: the tagger is most of the
 * cost, and most of the text holds nothing a speaker's name depends on.
 */
static void
feed_regions(struct attrib *a, const char *text, size_t upto, size_t base,
    const struct quote_span *q, size_t nq)
{
	size_t done = 0;

	for (size_t r = 0; r < a->nregions; r++) {
		if (a->regions[r].s > done)
			feed(a, text, upto, base, done, a->regions[r].s, q, nq, 1);
		feed(a, text, upto, base, a->regions[r].s, a->regions[r].e, q, nq, 0);
		done = a->regions[r].e;
	}
	if (done < upto)
		feed(a, text, upto, base, done, upto, q, nq, 1);
}

void
attrib_trace(struct attrib *a, attrib_trace_fn *fn, void *ctx)
{
	a->trace = fn;
	a->trace_ctx = ctx;
}

static void
push_cut(struct attrib *a, size_t n, size_t at)
{
	if (n == a->capcuts) {
		a->capcuts = a->capcuts ? 2 * a->capcuts : 8;
		a->cuts = xrealloc(a->cuts, a->capcuts * sizeof *a->cuts);
	}
	a->cuts[n] = at;
}

size_t
attrib_cuts(struct attrib *a, const char *text, size_t len, const size_t **ends)
{
	size_t n = 0;

	if (quote_marks_bound(text, len) > ATTRIB_PIECE_QUOTES) {
		const struct quote_span *q;
		size_t nq = quote_find(a->qf, text, len, &q), first = 0;

		/* q[k] opens the next piece */
		for (size_t k = ATTRIB_PIECE_QUOTES; k < nq; k++) {
			const struct quote_span *p = &q[k - 1], *s = &q[k];

			if (p->para_end < s->para_start && !(s->flags & QUOTE_REOPENED))
				push_cut(a, n++, p->para_end);
			else if (k - first >= 2 * ATTRIB_PIECE_QUOTES && p->end <= s->start)
				push_cut(a, n++, s->start);
			else
				continue;
			first = k;
			k += ATTRIB_PIECE_QUOTES - 1;
		}
	}
	push_cut(a, n++, len);
	*ends = a->cuts;
	return n;
}

size_t
attrib_find(struct attrib *a, const char *text, size_t len, size_t base,
    const struct attribution **out)
{
	const struct quote_span *q;
	size_t nq, need;

	a->nout = 0;
	a->nents = 0;
	a->paras->text = NULL;  /* the same address may hold other bytes now */
	a->text = text;
	a->len = len;
	a->base = base;
	a->lines = quote_lines_are_paras(text, len);
	nq = quote_find(a->qf, text, len, &q);
	need = nq ? attribute(a, q, nq) : 0;
	if (a->flags & ATTRIB_INDIRECT)
		need = find_indirect(a, q, nq, need, 0, len);
	if (need == 0) {
		if (!a->last_piece)
			hold(a, text, len, base);
	} else {
		/* the names that matter stand before the last mention's paragraph ends */
		size_t upto = para_end_of(a, need, len);

		needed_regions(a, upto);
		if (!(a->flags & ATTRIB_INDIRECT)) {
			/* reported speech near the quotations puts its speakers in focus, shown or not */
			for (size_t r = 0; r < a->nregions; r++)
				if (a->regions[r].s < q[nq - 1].start && a->regions[r].discourse)
					find_indirect(a, q, nq, 0, a->regions[r].s,
					    a->regions[r].e < q[nq - 1].start ? a->regions[r].e : q[nq - 1].start);
		}
		feed_held(a);
		a->nents = 0;
		feed_regions(a, text, upto, base, q, nq);
		if (a->capregions > REGIONS_KEEP) {
			/* a long text's regions give their memory back to the rows and names to come */
			free(a->regions);
			a->regions = NULL;
			a->capregions = 0;
		}
		a->text = text;
		a->len = len;
		a->base = base;
		choose_speakers(a, q, nq);
		resolve_all(a);
	}
	a->last_piece = 0;
	keep_wanted(a);
	if (a->flags & ATTRIB_INDIRECT)
		sort_by_start(a);
	*out = a->out;
	return a->nout;
}
