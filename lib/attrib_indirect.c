/*
 * Reported speech (--indirect): the learnt tagger's reporting words in a
 * sentence (reported.h), who reports (their subject, or the learnt source
 * ranker's choice) and where the reported words begin and end.
 */

#include "attrib_impl.h"

#include <string.h>

static int
is_say(const struct attrib *a, const struct tok *t)
{
	return tok_is(a, t, "said") || tok_is(a, t, "says") || tok_is(a, t, "say") ||
	    tok_is(a, t, "told") || tok_is(a, t, "tells");
}

/* The speaker phrase of a reporting word t[j]: its subject, else what follows it ("said X"). */
static int
reporter_of(struct attrib *a, const struct tok *t, size_t last, size_t j, size_t cb, size_t ce,
    struct found *f)
{
	size_t b, e;

	if (j > 0 && phrase_before(a, t, 0, j, &b) && b < j) {
		size_t me = b;

		while (me < j && t[me].type == T_WORD)
			me++;
		while (me > b + 1 && t[me - 1].wc == W_AUX)
			me--;
		set_found(f, t, b, me, cb, ce);
		if (f->ok)
			return 1;
	}
	if (phrase_after(t, j + 1, last, &e) && e > j + 1) {
		set_found(f, t, j + 1, e, cb, ce);
		return f->ok;
	}
	f->ok = 1;
	f->ms = f->me = 0;
	f->mb = f->mend = 0;
	f->cs = t[cb].s;
	f->ce = t[ce - 1].e;
	return 1;
}

/* One report of reported speech: its speaker and cue, and the reported words [cs, ce). */
struct said {
	struct found f;
	size_t cs, ce;
};

/* A sentence's reports, at most: more than two are rare, eight never seen. */
#define MAX_SAID 8

/*
 * The speaker of the reporting word c: the phrase that ends on the word
 * the learnt ranker chooses (reported.h), else as the rules find it:
 * after "according to", else its subject or what follows it.
 */
static int
speaker_of(struct attrib *a, const struct tok *t, size_t last, const struct rs_cue *c, struct found *f)
{
	size_t j = c->word, ce = j + 1, e, k;
	int according = tok_is(a, &t[j], "according") && j + 1 < last && tok_is(a, &t[j + 1], "to");

	if (according)
		ce = j + 2;
	rs_source_candidates(&a->sources, &a->sentence, j, c->cls, a->classes);
	k = rs_source_best(&a->sources, a->sourcer);
	if (k != SIZE_MAX) {
		size_t w = a->sources.word[k], b;

		if (!phrase_before(a, t, 0, w + 1, &b) || b > w)
			b = w;
		set_found(f, t, b, w + 1, j, ce);
		if (f->ok)
			return 1;
	}
	if (according) {
		if (!phrase_after(t, j + 2, last, &e))
			return 0;
		set_found(f, t, j + 2, e, j, ce);
		return f->ok;
	}
	return reporter_of(a, t, last, j, j, ce, f);
}

/*
 * The reported words of the reporting word c, whose speaker is r->f,
 * within t[lo..hi): sets r->cs and r->ce and returns 1, or returns 0.
 */
static int
said_words(struct attrib *a, const struct tok *t, size_t lo, size_t hi, const struct rs_cue *c, struct said *r)
{
	size_t j = c->word, from = j + 1, to = hi;

	if (c->cls == RS_AFTER && tok_is(a, &t[j], "according")) {
		if (j > lo + 1 && t[j - 1].type == T_PUNCT) {
			/* "..., according to X." */
			from = lo;
			to = j - 1;
		} else {
			/* "According to X, ...": the words after the comma that ends X */
			from = r->f.mend;
			while (from < hi && !(t[from].type == T_PUNCT && t[from].ch == ','))
				from++;
			from++;
		}
	} else if (c->cls != RS_AFTER) {
		from = lo;
		if (c->cls == RS_BEFORE) {
			/* the reported words end at the comma before the speaker */
			size_t k = r->f.me > r->f.ms ? r->f.mb : j;

			while (k > lo && !(t[k - 1].type == T_PUNCT && (t[k - 1].ch == ',' || u_isdash(t[k - 1].ch))))
				k--;
			if (k < lo + 2)
				return 0;
			to = k - 1;
		}
	}
	if (!tok_is(a, &t[j], "according")) {
		/* where the learnt ranker begins and ends them (reported.h) */
		size_t b, e;

		rs_span_candidates(&a->starts, &a->ends, &a->sentence, j, c->cls, lo, hi, a->classes);
		b = rs_source_best(&a->starts, a->spanner);
		e = rs_source_best(&a->ends, a->spanner);
		if (b != SIZE_MAX)
			from = a->starts.word[b];
		if (e != SIZE_MAX)
			to = a->ends.word[e];
	}
	/* "X said ..., and Y said ...": the words that join the next report are neither's */
	while (to > from && (t[to - 1].type == T_PUNCT || (to == hi && hi < a->sentence.n && t[to - 1].wc == W_STOP)))
		to--;
	if (from >= to)
		return 0;
	r->cs = t[from].s;
	r->ce = t[to - 1].e;
	return 1;
}

/* Do the reported words of r and q overlap by half the longer's at least? */
static int
same_words(const struct said *r, const struct said *q)
{
	size_t s = r->cs > q->cs ? r->cs : q->cs, e = r->ce < q->ce ? r->ce : q->ce,
	    longer = r->ce - r->cs > q->ce - q->cs ? r->ce - r->cs : q->ce - q->cs;

	return e > s && 2 * (e - s) >= longer;
}

/*
 * Reported speech in the sentence t[0..last), as the learnt model finds
 * it (reported.h): fills out[] with each report's speaker, cue and words,
 * and returns how many.  Each report's words end where the next one's
 * speaker begins, and words that two cues report are one report.
 */
static size_t
learnt_reports(struct attrib *a, const struct tok *t, size_t last, struct said *out)
{
	struct rs_cue c[MAX_SAID];
	int ok[MAX_SAID];
	float sure[MAX_SAID];
	size_t n, k = 0;

	rs_features(&a->sentence, a->text, t, last, a->classes);
	if (a->trace_reported) {
		a->trace_reported(a->trace_ctx, &a->sentence);
		return 0;
	}
	n = rs_cues(&a->sentence, a->reporter, c, MAX_SAID);
	for (size_t i = 0; i < n; i++)
		ok[i] = speaker_of(a, t, last, &c[i], &out[i].f);
	for (size_t i = 0; i < n; i++) {
		size_t lo = i > 0 ? c[i - 1].word + 1 : 0, hi = last;

		if (i + 1 < n) {
			hi = c[i + 1].word;
			if (ok[i + 1] && out[i + 1].f.me > out[i + 1].f.ms && out[i + 1].f.mb > c[i].word &&
			    out[i + 1].f.mb < hi)
				hi = out[i + 1].f.mb;
		}
		if (!ok[i] || !said_words(a, t, lo, hi, &c[i], &out[i]))
			continue;
		/* the same words reported twice in a sentence are one report: the surer cue's */
		size_t x = 0;

		while (x < k && !same_words(&out[x], &out[i]))
			x++;
		if (x == k) {
			sure[k] = c[i].margin;
			out[k++] = out[i];
		} else if (c[i].margin > sure[x]) {
			sure[x] = c[i].margin;
			out[x] = out[i];
		}
	}
	return k;
}

void
attrib_trace_reported(struct attrib *a, attrib_reported_fn *fn, void *ctx)
{
	a->trace_reported = fn;
	a->trace_ctx = ctx;
}

/* Adds the report of f, the words [cs, ce), as an indirect attribution; returns the new need. */
static size_t
push_indirect(struct attrib *a, const struct found *f, size_t cs, size_t ce, size_t need)
{
	struct attribution x;

	memset(&x, 0, sizeof x);
	x.start = x.text_start = cs;
	x.end = x.text_end = ce;
	x.kind = KIND_INDIRECT;
	x.mention_start = f->ms;
	x.mention_end = f->me;
	x.cue_start = f->cs;
	x.cue_end = f->ce;
	x.inherits = -1;
	push_out(a, &x);
	return f->me > need ? f->me : need;
}

/* Does a quotation of q[from..nq) that starts before limit overlap text[s..e)? */
static int
quoted(const struct quote_span *q, size_t from, size_t nq, size_t limit, size_t s, size_t e)
{
	for (size_t x = from; x < nq && q[x].start < limit; x++)
		if (q[x].end > s && q[x].start < e)
			return 1;
	return 0;
}

/*
 * Is the report r a quotation's of q[from..nq), those that start before
 * limit?  So it is when a quotation overlaps its words or its speaker,
 * and when its words follow a cue that reports a quotation before it
 * (""...," she said at a rally"); words around a cue that opens a
 * quotation may be a report of their own ("Talks go on, he said, adding:
 * "...").  The attributor's rows a->out[0..nq) are the quotations'.
 */
static int
quotation_owns(const struct attrib *a, const struct quote_span *q, size_t from, size_t nq, size_t limit,
    const struct said *r)
{
	if (quoted(q, from, nq, limit, r->cs, r->ce) || quoted(q, from, nq, limit, r->f.ms, r->f.me))
		return 1;
	for (size_t x = from; x < nq && q[x].start < limit && r->cs > r->f.cs; x++)
		if (q[x].end <= r->f.cs && a->out[x].cue_end > r->f.cs && a->out[x].cue_start < r->f.ce)
			return 1;
	return 0;
}

/*
 * Indirect speech in sentences without marks: "Lavrov said (that) both
 * nations ..." and "..., another source said."  The span is the reported
 * clause, in the sentences that start in text[from..limit), from the
 * start of a sentence.  Returns the new need (see attribute).
 */
size_t
find_indirect(struct attrib *a, const struct quote_span *q, size_t nq, size_t need, size_t from,
    size_t limit)
{
	struct tok *all = a->toks;
	/* the quotations from the first that ends after from: not a walk from the first for each region */
	size_t pos = from, qi = quote_cursor(q, nq, from), nall = 0, b0 = 0, stop = a->len;
	int cut = 0;

	if (limit < a->len) {
		/* a sentence that starts before limit ends by the next paragraph break: read a token past it, no more */
		stop = para_end_of(a, limit, a->len);
		while (stop < a->len && is_space((unsigned char)a->text[stop]))
			stop++;
		stop = stop + 64 < a->len ? stop + 64 : a->len;
	}

	while (pos < limit) {
		if (b0 >= nall) {
			/* a fresh window of tokens from pos, read sentence by sentence */
			size_t hi = pos + 3000 < stop ? pos + 3000 : stop;

			nall = tokenize(a, pos, hi, all, MAX_TOKS);
			cut = nall == MAX_TOKS || hi < a->len;
			b0 = 0;
			if (nall == 0)
				break;
		}
		struct tok *t = all + b0;
		size_t n = nall - b0, k;

		for (k = 0; k < n; k++)
			if (ends_sentence(t, k, n) || (k + 1 < n && breaks_between(a, t[k].e, t[k + 1].s)))
				break;
		if (k == n && cut) {
			if (b0 > 0) {
				pos = t[0].s;   /* the window ends inside this sentence: read it afresh */
				nall = 0;
				continue;
			}
			pos = t[n - 1].e;       /* too long a sentence: skip it */
			nall = 0;
			continue;
		}
		size_t end = k < n ? k : n - 1, ss = t[0].s, se = t[end].e;

		pos = se;
		b0 += end + 1;
		while (qi < nq && q[qi].end <= ss)
			qi++;
		int marked = qi < nq && q[qi].start < se;
		size_t last = k < n ? k : n;    /* tokens [0, last) before the full stop */
		struct found f = { 0, 0, 0, 0, 0, 0, 0 };
		size_t cs = 0, ce = 0, e;

		/* the tagger learns from sentences without marks, where its reports are all there is */
		if ((a->flags & ATTRIB_INDIRECT) && !(marked && a->trace_reported)) {
			struct said r[MAX_SAID];
			size_t nr = learnt_reports(a, t, last, r);

			for (size_t i = 0; i < nr; i++)
				if (!marked || !quotation_owns(a, q, qi, nq, se, &r[i]))
					need = push_indirect(a, &r[i].f, r[i].cs, r[i].ce, need);
			continue;
		}
		if (marked)
			continue;       /* marks: the quotation finder's business */

		for (size_t j = 1; j + 1 < last && !f.ok; j++) {
			if (!is_cue(&t[j]))
				continue;
			size_t b, c = j + 1;

			if (tok_is(a, &t[c], "that"))
				c++;
			else if (!is_say(a, &t[j]) || t[c].type != T_WORD)
				continue;
			else if (tok_is(a, &t[j], "told") || tok_is(a, &t[j], "tells")) {
				/* "told reporters (that) ..." */
				while (c < last && c < j + 4 && t[c].type == T_WORD && !tok_is(a, &t[c], "that"))
					c++;
				if (c < last && tok_is(a, &t[c], "that"))
					c++;
			}
			if (c >= last || !phrase_before(a, t, 0, j, &b) || b >= j)
				continue;
			size_t me = b;

			while (me < j && t[me].type == T_WORD)
				me++;
			while (me > b + 1 && t[me - 1].wc == W_AUX)
				me--;
			set_found(&f, t, b, me, j, j + 1);
			cs = t[c].s;
			ce = t[last - 1].e;
		}
		/* "..., noted the Ledger's Lena Ortiz." */
		for (size_t j = 2; !f.ok && j + 2 < last; j++) {
			if (t[j].type != T_PUNCT || t[j].ch != ',' || !is_cue(&t[j + 1]))
				continue;
			if (phrase_after(t, j + 2, last, &e) && e == last && t[j + 2].cap) {
				set_found(&f, t, j + 2, e, j + 1, j + 2);
				cs = t[0].s;
				ce = t[j - 1].e;
			}
		}
		/* "..., another source said." */
		if (!f.ok && last >= 4 && is_cue(&t[last - 1]) && is_say(a, &t[last - 1])) {
			size_t b;

			if (phrase_before(a, t, 0, last - 1, &b) && b > 1 && t[b - 1].type == T_PUNCT &&
			    t[b - 1].ch == ',') {
				set_found(&f, t, b, last - 1, last - 1, last);
				cs = t[0].s;
				ce = t[b - 2].e;
			}
		}
		if (f.ok && ce > cs)
			need = push_indirect(a, &f, cs, ce, need);
	}
	return need;
}
