/*
 * Quotations: for each span of quote.h, the cue after, before or around
 * it, the speaker phrase next to that cue, the kind (direct, partial,
 * scare, title), and the speaker a quotation without a cue continues.
 */

#include "attrib_impl.h"

#include <string.h>

#include "sorted.h"
#include "xalloc.h"

void
set_found(struct found *f, const struct tok *t, size_t mb, size_t mend, size_t cb, size_t cend)
{
	/* a pronoun is the whole speaker; auxiliaries are not part of one */
	if (is_pronoun(&t[mb]))
		mend = mb + 1;
	while (mend > mb + 1 && t[mend - 1].type == T_WORD && t[mend - 1].wc == W_AUX)
		mend--;
	size_t k = mb;

	while (k < mend && t[k].type == T_WORD && (t[k].wc == W_DEF || t[k].wc == W_INDEF))
		k++;
	if (k == mend) {
		f->ok = 0;      /* "a", "his": no speaker */
		return;
	}
	f->ok = 1;
	f->ms = t[mb].s;
	f->me = t[mend - 1].e;
	if (cend > cb) {
		f->cs = t[cb].s;
		f->ce = t[cend - 1].e;
	} else {
		f->cs = f->ce = 0;      /* no cue */
	}
	f->mb = mb;
	f->mend = mend;
}

/*
 * "...," he said / "...," said the minister / "...," according to X /
 * "...," Holt, a top adviser, said / "..." ― Sara Lind.
 */
/* Are t[b..e) the words of a name: two or more, each capitalised or a title? */
static int
name_between(const struct tok *t, size_t b, size_t e)
{
	if (e < b + 2)
		return 0;
	for (size_t k = b; k < e; k++)
		if (t[k].type != T_WORD || !(t[k].cap || t[k].wc == W_ABBR) || is_pronoun(&t[k]) ||
		    t[k].wc == W_STOP)
			return 0;
	return 1;
}

static struct found
cue_after(struct attrib *a, const struct tok *t, size_t n)
{
	struct found f = { 0, 0, 0, 0, 0, 0, 0 };
	size_t k = 0, e;
	int dash = 0;

	while (k < n && t[k].type == T_PUNCT && (t[k].ch == ',' || u_isdash(t[k].ch))) {
		dash |= u_isdash(t[k].ch);
		k++;
	}
	if (k >= n || t[k].type != T_WORD)
		return f;
	if (tok_is(a, &t[k], "according") && k + 1 < n && tok_is(a, &t[k + 1], "to")) {
		if (phrase_after(t, k + 2, n, &e))
			set_found(&f, t, k + 2, e, k, k + 2);
		return f;
	}
	if (is_cue(&t[k])) {
		if (phrase_after(t, k + 1, n, &e) && !is_cue(&t[k + 1]))
			set_found(&f, t, k + 1, e, k, k + 1);
		return f;
	}
	/* "committee Chairman Rep. Tom Reyes said" opens with a lowercase word */
	if (!opens_mention(&t[k])) {
		/* "campaign manager Dana Holt said": role words, then the name */
		size_t x = role_words_end(t, k, n, 3);

		if (x == k || x >= n || t[x].type != T_WORD || !t[x].cap)
			return f;
	}
	if (t[k].wc == W_STOP || t[k].wc == W_INTRO)
		return f;
	/* the speaker, then perhaps an apposition in commas or parentheses, then the cue */
	size_t np_end = 0, depth = 0;

	for (size_t j = k + 1; j < n && j <= k + 30; j++) {
		if (t[j].type == T_PUNCT) {
			if (t[j].ch == '(')
				depth++;
			else if (t[j].ch == ')' && depth)
				depth--;
			else if (t[j].ch != ',' && t[j].ch != '.' && !u_isdash(t[j].ch))
				break;
			if (!np_end)
				np_end = j;
			continue;
		}
		if (t[j].type != T_WORD)
			break;
		if (!np_end && j - k > 8)
			break;
		if (is_cue(&t[j]) && depth == 0 && (!np_end || t[j - 1].type == T_PUNCT ||
		    t[j - 1].wc == W_AUX) && t[j - 1].wc != W_DEF && t[j - 1].wc != W_INDEF) {
			size_t ms = k, me = np_end ? np_end : j;

			while (me > k + 1 && t[me - 1].wc == W_AUX)
				me--;
			if (np_end && t[np_end].ch == ',' && !t[np_end - 1].cap && t[j - 1].type == T_PUNCT &&
			    t[j - 1].ch == ',' && name_between(t, np_end + 1, j - 1)) {
				/* "Lee's chief of staff, Ann Park, said": the name in commas speaks */
				ms = np_end + 1;
				me = j - 1;
			}
			set_found(&f, t, ms, me, j, j + 1);
			return f;
		}
		if (!np_end && t[j].wc == W_STOP)
			break;
	}
	/* a signature after a dash: "..." ― Sara Lind. */
	if (dash && t[k].cap) {
		size_t j = k;

		while (j < n && j - k < 6 && t[j].type == T_WORD && t[j].cap)
			j++;
		if (j > k && (j == n || t[j].type == T_PUNCT)) {
			set_found(&f, t, k, j, k, k);
			f.cs = f.ce = 0;
		}
	}
	return f;
}

static struct found cue_before_clause(struct attrib *a, const struct tok *t, size_t lo, size_t n);

/*
 * She said: "..." / said Smith: "..." / Reyes called it "...".  In a
 * relative clause ("Okafor assails what he calls the "myth"") the
 * sentence's subject is the speaker as written.
 */
static struct found
cue_before(struct attrib *a, const struct tok *t, size_t lo, size_t n)
{
	struct found f = { 0, 0, 0, 0, 0, 0, 0 };
	size_t b, e;

	/* "According to the Ledger, Vale thanked her "friends"": the source speaks */
	if (n > lo + 3 && tok_is(a, &t[lo], "according") && tok_is(a, &t[lo + 1], "to") &&
	    phrase_after(t, lo + 2, n, &e) && e < n && t[e].type == T_PUNCT && t[e].ch == ',') {
		set_found(&f, t, lo + 2, e, lo, lo + 2);
		if (f.ok)
			return f;
	}
	f = cue_before_clause(a, t, lo, n);

	if (f.ok && f.mend == f.mb + 1 && is_pronoun(&t[f.mb]) && f.mb > lo &&
	    (tok_is(a, &t[f.mb - 1], "what") || tok_is(a, &t[f.mb - 1], "whom")) &&
	    sentence_subject(a, t, lo, f.mb - 1, &b, &e) && t[b].cap && t[b].wc == W_NONE) {
		f.mb = b;
		f.mend = e;
		f.ms = t[b].s;
		f.me = t[e - 1].e;
	}
	return f;
}

static struct found
cue_before_clause(struct attrib *a, const struct tok *t, size_t lo, size_t n)
{
	struct found f = { 0, 0, 0, 0, 0, 0, 0 };
	size_t b, e, from = lo;

	/* "Reyes said Vale called it "...": the outermost report speaks */
	for (size_t j = lo; j < n; j++)
		if (t[j].type == T_QUOTE)
			from = j + 1;
	/* ... unless the quotation follows its own cue: "..., I laughed and said, "..."" */
	if (n >= from + 3 && t[n - 1].type == T_PUNCT && (t[n - 1].ch == ',' || t[n - 1].ch == ':') &&
	    is_cue(&t[n - 2]) && !(t[n - 2].e - t[n - 2].s > 4 && memcmp(a->text + t[n - 2].e - 3, "ing", 3) == 0) &&
	    phrase_before(a, t, from, n - 2, &b) && b < n - 2 &&
	    (t[b].cap || is_pronoun(&t[b]))) {
		size_t me = b;

		while (me < n - 2 && t[me].type == T_WORD && !(tok_is(a, &t[me], "and") && me > b))
			me++;
		set_found(&f, t, b, me, n - 2, n - 1);
		if (f.ok)
			return f;
	}
	for (size_t j = from; j + 1 < n; j++) {
		if (!is_cue(&t[j]) || (t[j].e - t[j].s > 4 && memcmp(a->text + t[j].e - 3, "ing", 3) == 0))
			continue;
		if (phrase_before(a, t, from, j, &b) && b < j && (t[b].cap || is_pronoun(&t[b]))) {
			size_t me = b;

			while (me < j && t[me].type == T_WORD)
				me++;
			set_found(&f, t, b, me, j, j + 1);
			if (f.ok)
				return f;
		}
	}
	for (size_t j = n; j > lo; j--) {
		const struct tok *x = &t[j - 1];

		if (x->type == T_QUOTE)
			break;
		if (tok_is(a, x, "according") && j < n && tok_is(a, &t[j], "to")) {
			if (phrase_after(t, j + 1, n, &e))
				set_found(&f, t, j + 1, e, j - 1, j + 1);
			return f;
		}
		if (j - 1 == lo && x->type == T_WORD && x->wc == W_CUE && x->cap) {
			/* "Said Okafor: "..."" */
			if (phrase_after(t, j, n, &e) && e + 1 == n && t[e].type == T_PUNCT &&
			    (t[e].ch == ':' || t[e].ch == ',')) {
				set_found(&f, t, j, e, j - 1, j);
				if (f.ok)
					return f;
			}
			continue;
		}
		if (!is_cue(x))
			continue;
		/* "..., saying, "...": the sentence's subject speaks */
		size_t xl = x->e - x->s;

		if (xl > 4 && memcmp(a->text + x->e - 3, "ing", 3) == 0 && j >= 2 &&
		    t[j - 2].type == T_PUNCT && t[j - 2].ch == ',') {
			if (sentence_subject(a, t, lo, j - 2, &b, &e))
				set_found(&f, t, b, e, j - 1, j);
			if (f.ok && t[f.mb].wc == W_STOP)
				f.ok = 0;
			if (f.ok)
				return f;
			continue;
		}
		if (phrase_before(a, t, lo, j - 1, &b) && b < j - 1) {
			size_t me = b;

			while (me < j - 1 && t[me].type == T_WORD)
				me++;
			while (me > b + 1 && t[me - 1].wc == W_AUX)
				me--;
			set_found(&f, t, b, me, j - 1, j);
			if (f.ok)
				return f;
		}
		/* inverted: "said Smith:" right before the mark */
		if (phrase_after(t, j, n, &e) && e + 1 == n && t[e].type == T_PUNCT &&
		    (t[e].ch == ':' || t[e].ch == ',')) {
			set_found(&f, t, j, e, j - 1, j);
			if (f.ok)
				return f;
		}
		/* "Reyes went on the radio to call them "naive"" */
		if (sentence_subject(a, t, lo, j - 1, &b, &e) && (t[b].cap || is_pronoun(&t[b]) ||
		    t[b].wc == W_DEF || t[b].wc == W_INDEF) && t[b].wc != W_STOP && t[b].wc != W_INTRO) {
			set_found(&f, t, b, e, j - 1, j);
			if (f.ok)
				return f;
		}
	}
	return f;
}

void
push_out(struct attrib *a, const struct attribution *x)
{
	if (a->nout == a->capout) {
		a->capout = a->capout ? 2 * a->capout : 32;
		a->out = xrealloc(a->out, a->capout * sizeof *a->out);
		a->ranked = xrealloc(a->ranked, a->capout);
	}
	a->ranked[a->nout] = 0;
	a->out[a->nout++] = *x;
}

/*
 * The words of a quotation, counted up to SHORT_WORDS + 1 (the kinds
 * only tell quotations of a few words apart), and whether those are
 * title-cased.
 */
#define SHORT_WORDS 6

static size_t
count_words(const char *s, size_t n, int *title_case)
{
	static const struct { const char *w; size_t n; } small[] = {
		{ "of ", 3 }, { "the ", 4 }, { "and ", 4 }, { "a ", 2 }, { "in ", 3 }, { "on ", 3 },
		{ "to ", 3 }, { "for ", 4 }
	};
	size_t words = 0, caps = 0;
	int in = 0;

	for (size_t i = 0; i < n && words <= SHORT_WORDS; i++) {
		unsigned char c = (unsigned char)s[i];
		int sp = c == ' ' || c == '\n' || c == '\t' || c == '\r';

		if (!sp && !in) {
			words++;
			uint32_t cp;

			utf8_decode(s + i, n - i, &cp);
			if (u_isupper(cp) || u_isdigit(cp))
				caps++;
			else {
				for (size_t k = 0; k < sizeof small / sizeof small[0]; k++)
					if (i + small[k].n <= n && memcmp(s + i, small[k].w, small[k].n) == 0)
						caps++;
			}
		}
		in = !sp;
	}
	*title_case = words > 0 && caps == words;
	return words;
}

void
set_speaker(struct attrib *a, struct attribution *x, struct resolved r)
{
	x->speaker = NULL;
	x->speaker_len = 0;
	if (r.id >= 0) {
		x->speaker = entity_canonical(a->ef, r.id, &x->speaker_len);
	} else if (r.as_written_e > r.as_written_s) {
		x->speaker = a->text + r.as_written_s;
		x->speaker_len = r.as_written_e - r.as_written_s;
	}
}

/* Does the span starting at start go on in the next paragraph? */
static int
q_goes_on(const struct quote_span *q, size_t nq, size_t start)
{
	/* the spans are in order of start */
	size_t lo = sorted_below32(q, nq, sizeof *q, offsetof(struct quote_span, start), start);

	return lo < nq && q[lo].start == start && (q[lo].flags & QUOTE_GOES_ON) != 0;
}

/* `He said:` ending the paragraph before a quotation that opens its own. */
static struct found
cue_over_break(struct attrib *a, size_t para_start)
{
	struct found f = { 0, 0, 0, 0, 0, 0, 0 };
	size_t e = blanks_back(a, para_start, 1), lo, n, ls = 0;

	if (e == 0 || a->text[e - 1] != ':')
		return f;
	lo = e > 300 ? e - 300 : 0;
	n = tokenize(a, lo, e - 1, a->toks, MAX_TOKS);
	for (size_t k = 0; k < n; k++)
		if (ends_sentence(a->toks, k, n))
			ls = k + 1;
	f = cue_before(a, a->toks, ls, n);
	if (!f.ok) {
		/* "Governor Vale issued the following statement:" */
		size_t b, e2;

		if (sentence_subject(a, a->toks, ls, n, &b, &e2) && a->toks[b].cap &&
		    a->toks[b].wc == W_NONE)
			set_found(&f, a->toks, b, e2, b, b);
	}
	return f;
}

/*
 * Do the words before title-cased words in marks make them a title: "a
 * broadcast of", a possessive ("the network's"), a word such as
 * "documentary", or "on"?
 */
static int
titled_by_context(const struct attrib *a, const struct tok *before2, const struct tok *before)
{
	if (before2 != NULL && before2->wc == W_MEDIUM && tok_is(a, before, "of"))
		return 1;
	if (before == NULL || before->type != T_WORD)
		return 0;
	size_t n = before->e - before->s;
	const char *w = a->text + before->s;

	return (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's') ||
	    (n > 4 && memcmp(w + n - 4, "\xe2\x80\x99s", 4) == 0) ||
	    before->wc == W_MEDIUM || tok_is(a, before, "on");
}

/*
 * A few words in marks with no cue: a title by its context
 * (titled_by_context), or between the parts of a name (a nickname); a
 * scare quote when the words modify a noun ("quack" medical cures), follow
 * "so-called", or are a lone pronoun; else somebody's words (partial).
 */
static enum quote_kind
short_kind(const struct attrib *a, const struct tok *before2, const struct tok *before,
    const struct tok *after, int title_case, int pronoun)
{
	if (pronoun)
		return KIND_SCARE;
	if (title_case && titled_by_context(a, before2, before))
		return KIND_TITLE;
	if (title_case && before != NULL && before->type == T_WORD && before->cap &&
	    after->type == T_WORD && after->cap)
		return KIND_TITLE;
	if (before != NULL && before->wc == W_LABEL)
		return KIND_SCARE;
	if (after->type == T_WORD && !after->cap && after->wc == W_NONE)
		return KIND_SCARE;
	return KIND_PARTIAL;
}

/*
 * The cue after quotation i, up to the end of its sentence or the next
 * quotation; *after is the first word or mark after it.
 */
static struct found
cue_following(struct attrib *a, const struct quote_span *q, size_t nq, size_t i, struct tok *after)
{
	const struct quote_span *s = &q[i];
	struct tok *t = a->toks;
	size_t hi = s->end + 400 < s->para_end ? s->end + 400 : s->para_end, n;
	struct found f;

	if (i + 1 < nq && q[i + 1].start < hi)
		hi = q[i + 1].start;
	n = tokenize(a, s->end, hi, t, 40);
	*after = n ? t[0] : (struct tok){ 0, 0, T_PUNCT, 0, 0, '.' };
	for (size_t k = 0; k < n; k++)
		if (ends_sentence(t, k, n) || t[k].type == T_QUOTE) {
			n = k;
			break;
		}
	f = cue_after(a, t, n);
	/* "“...” for the third time, she said." */
	for (size_t k = 1; !f.ok && k < n; k++)
		if (t[k].type == T_PUNCT && t[k].ch == ',' && k + 1 < n &&
		    (t[k + 1].cap || is_pronoun(&t[k + 1]) || tok_is(a, &t[k + 1], "according") ||
		    (is_cue(&t[k + 1]) && k + 2 < n && t[k + 2].cap))) {
			f = cue_after(a, t + k, n - k);
			if (f.ok) {
				f.mb += k;
				f.mend += k;
			}
		}
	return f;
}

/* The words before a quotation, in a->toks[0..n): its sentence and the one before. */
struct window {
	size_t n;
	size_t ls, pls;         /* where the last sentence and the one before it start */
	int sentence_break;     /* a sentence (or clause, at ";") ends inside the window */
	int opens;              /* the quotation opens a sentence, or follows "X said:" */
};

/*
 * Fills w with the words before quotation i, back to the last quotation
 * of speech in its paragraph (over titles and scare quotes, whose marks
 * are dropped) and 600 bytes at most.
 */
static void
words_before(struct attrib *a, const struct quote_span *q, size_t i, struct window *w)
{
	const struct quote_span *s = &q[i];
	struct tok *t = a->toks;
	size_t lo = s->para_start, title_end = 0, n;

	for (size_t k = i; k > 0; k--) {
		const struct attribution *px = &a->out[a->nout - (i - k) - 1];

		if (q[k - 1].end <= lo || q[k - 1].end > s->start)
			break;
		if (px->kind == KIND_TITLE || px->kind == KIND_SCARE) {
			if (!title_end)
				title_end = q[k - 1].end;
			/* over its run of titles at once: the spans' ends only grow */
			size_t m = a->title_run[k - 1];

			if (q[m].end <= lo)
				break;
			k = m + 1;
			continue;
		}
		lo = q[k - 1].end;
		break;
	}
	if (s->start > lo + 600)
		lo = s->start - 600;
	n = tokenize(a, lo, s->start, t, MAX_TOKS);
	if (title_end) {
		size_t m = 0;

		for (size_t k = 0; k < n; k++)
			if (!(t[k].type == T_QUOTE && t[k].s < title_end))
				t[m++] = t[k];
		n = m;
	}
	w->n = n;
	w->ls = w->pls = 0;
	w->sentence_break = 0;
	for (size_t k = 0; k < n; k++)
		if (ends_sentence(t, k, n) || (t[k].type == T_PUNCT && t[k].ch == ';')) {
			w->pls = w->ls;
			w->ls = k + 1;
			w->sentence_break = 1;
		}
	w->opens = w->ls == n || (n > 0 && t[n - 1].type == T_PUNCT && t[n - 1].ch == ':') ||
	    (n > 1 && t[n - 1].type == T_PUNCT && t[n - 1].ch == ',' && is_cue(&t[n - 2]));
}

/*
 * The kind the words in marks suggest before any cue is known: a few
 * words may be a title or a scare quote (short_kind); more are somebody's.
 */
static enum quote_kind
kind_of_words(const struct attrib *a, const struct attribution *x, const struct window *w,
    const struct tok *after, size_t *words)
{
	const struct tok *t = a->toks;
	size_t n = w->n, len = x->text_end - x->text_start;
	const char *text = a->text + x->text_start;
	int title_case, pron;
	enum quote_kind k;

	*words = count_words(text, len, &title_case);
	pron = *words == 1 && len > 0 && word_class(a, text, len) >= W_MALE &&
	    word_class(a, text, len) <= W_FIRST;
	if (*words >= 4 && !(*words <= SHORT_WORDS && title_case))
		return KIND_PARTIAL;
	k = short_kind(a, n > 1 ? &t[n - 2] : NULL, n ? &t[n - 1] : NULL, after, title_case, pron);
	if (*words >= 4 && k == KIND_SCARE)
		k = KIND_PARTIAL;       /* longer names in marks are titles or words */
	return k;
}

/*
 * With no cue after quotation s (f not ok), or one in the next sentence
 * when s ended its own: the speaker before it.  A cue in its sentence; the
 * paragraph before ending on "X said:"; a name before a colon; the
 * subject of the sentence that quotes a few of someone's words.
 */
static struct found
cue_preceding(struct attrib *a, const struct quote_span *s, const struct window *w, struct found f,
    enum quote_kind kind)
{
	const struct tok *t = a->toks;
	size_t n = w->n, ls = w->ls;

	if (s->flags & QUOTE_REOPENED)
		return f;
	size_t inner_end = s->end - s->close;

	if (f.ok && inner_end > s->start + s->open && a->text[inner_end - 1] == '.' && f.cs > s->end) {
		/*
		 * "Holt said, "... as we expected." She added, ..." -- the
		 * quotation ended its sentence: a cue before it wins over the
		 * next sentence's.
		 */
		struct found g = cue_before(a, t, ls, n);

		if (g.ok)
			f = g;
	}
	if (!f.ok)
		f = cue_before(a, t, ls, n);
	if (!f.ok && n == 0)
		f = cue_over_break(a, s->para_start);
	if (!f.ok && n >= ls + 3 && t[n - 1].type == T_PUNCT && t[n - 1].ch == ':') {
		/* "... comes as no shock to veteran analyst Lena Ortiz: "..."" */
		size_t b = n - 1;

		while (b > ls && t[b - 1].type == T_WORD && t[b - 1].cap && t[b - 1].wc == W_NONE)
			b--;
		if (n - 1 - b >= 2) {
			set_found(&f, t, b, n - 1, b, b);
			f.cs = f.ce = 0;
		}
	}
	if (!f.ok && ls < n && kind == KIND_PARTIAL) {
		/* words quoted inside a sentence about someone are theirs */
		size_t b, e;

		if (sentence_subject(a, t, ls, n, &b, &e) && (is_pronoun(&t[b]) ||
		    (t[b].cap && (t[b].wc == W_NONE || t[b].wc == W_PERSON || t[b].wc == W_ABBR))) &&
		    t[b].wc != W_THING &&
		    t[b].wc != W_FIRST) {
			set_found(&f, t, b, e, b, b);
			f.cs = f.ce = 0;
		}
	}
	return f;
}

/* A quotation over paragraphs takes its cue from wherever it stands. */
static void
share_over_paragraphs(struct attrib *a, const struct quote_span *q, size_t nq)
{
	for (size_t i = a->nout; i > 1; i--) {
		struct attribution *x = &a->out[i - 2], *y = &a->out[i - 1];

		if (x->mention_end == x->mention_start && x->inherits < 0 &&
		    y->mention_end > y->mention_start &&
		    q_goes_on(q, nq, x->start)) {
			x->mention_start = y->mention_start;
			x->mention_end = y->mention_end;
			x->cue_start = y->cue_start;
			x->cue_end = y->cue_end;
			x->inherits = (long)(i - 1);
		}
	}
}

/*
 * First pass, without names: the cue, the mention and the kind of each
 * quotation.  Returns where the text stops mattering for resolving the
 * mentions (0: no mention to resolve).
 */
size_t
attribute(struct attrib *a, const struct quote_span *q, size_t nq)
{
	size_t prev = 0, need = 0, last_any = 0;
	int have_prev = 0, have_any = 0;
	size_t prev_para = (size_t)-1;
	const struct tok *t = a->toks;

	for (size_t i = 0; i < nq; i++) {
		const struct quote_span *s = &q[i];
		struct attribution x;
		struct window w;
		struct tok after;
		struct found f;
		size_t words;
		int inherit = 0;

		memset(&x, 0, sizeof x);
		x.start = s->start;
		x.end = s->end;
		size_t ts = s->start + s->open, te = s->end - s->close;

		quote_trim_words(a->text, &ts, &te);
		x.text_start = (uint32_t)ts;
		x.text_end = (uint32_t)te;
		if (s->para_start != prev_para && !(s->flags & QUOTE_REOPENED))
			have_prev = 0;

		f = cue_following(a, q, nq, i, &after);
		words_before(a, q, i, &w);
		enum quote_kind short_k = kind_of_words(a, &x, &w, &after, &words);
		f = cue_preceding(a, s, &w, f, short_k);

		size_t n = w.n, ls = w.ls, lead = ls;

		while (lead < n && t[lead].type == T_WORD && (t[lead].wc == W_INTRO || tok_is(a, &t[lead], "and")))
			lead++;
		if (!f.ok && have_prev && a->out[prev].mention_end > a->out[prev].mention_start &&
		    ((s->flags & QUOTE_REOPENED) || !w.sentence_break || lead == n))
			inherit = 1;
		if (!f.ok && !inherit && ls == n && ls > 1 && !(s->flags & QUOTE_REOPENED)) {
			/* "Okafor said. "The second problem ..."": the sentence before reports */
			f = cue_before(a, t, w.pls, ls - 1);
		}
		if (!f.ok && !inherit && n == 0 && have_any && !(s->flags & QUOTE_GOES_ON) &&
		    s->para_start > a->out[last_any].end &&
		    s->para_start - a->out[last_any].end < 120 &&
		    a->out[last_any].mention_end > a->out[last_any].mention_start) {
			/* the paragraph before ended on a quotation and its cue: more of it */
			prev = last_any;
			inherit = 1;
		}

		x.inherits = -1;

		/* "the so-called "reforms"" are nobody's words, whoever the sentence quotes */
		int so_called = n > 0 && tok_is(a, &t[n - 1], "so-called") && words < 4;

		if (inherit && (short_k != KIND_TITLE || words >= 4) && !so_called) {
			const struct attribution *p = &a->out[prev];

			x.mention_start = p->mention_start;
			x.mention_end = p->mention_end;
			x.cue_start = p->cue_start;
			x.cue_end = p->cue_end;
			x.inherits = (long)prev;
			x.kind = w.opens ? KIND_DIRECT : p->kind;
		} else if (so_called) {
			x.kind = KIND_SCARE;
		} else if (f.ok && short_k == KIND_TITLE && f.ce != 0 && (f.cs < s->start ||
		    titled_by_context(a, n > 1 ? &t[n - 2] : NULL, n ? &t[n - 1] : NULL))) {
			/*
			 * A title in a reported sentence, or one a cue follows ("On
			 * Sunday's "Morning Hour," the mayor said"); the cue after
			 * a nickname belongs to the name it sits in.
			 */
			x.kind = short_k;
		} else if (f.ok) {
			x.mention_start = f.ms;
			x.mention_end = f.me;
			x.cue_start = f.cs;
			x.cue_end = f.ce;
			x.kind = w.opens || f.cs >= s->end ? KIND_DIRECT : KIND_PARTIAL;
			if (f.me > need)
				need = f.me;
		} else if ((words >= 4 && short_k != KIND_TITLE) ||
		    (s->flags & (QUOTE_REOPENED | QUOTE_RUNS_ON | QUOTE_GOES_ON))) {
			x.kind = w.opens ? KIND_DIRECT : KIND_PARTIAL;
			if (n == 0) {
				/* a paragraph of its own: the person the text is about */
				x.inherits = INHERIT_FOCUS;
				if (s->start + 1 > need)
					need = s->start + 1;
			}
		} else {
			x.kind = short_k;
		}
		if ((x.kind == KIND_DIRECT || x.kind == KIND_PARTIAL) && x.inherits == -1 &&
		    x.mention_end == x.mention_start && s->start + 1 > need)
			need = s->start + 1;    /* the ranker may find its speaker near it */
		push_out(a, &x);
		if (a->nout > a->captitle_run) {
			a->captitle_run = a->capout;
			a->title_run = xrealloc(a->title_run, a->captitle_run * sizeof *a->title_run);
		}
		a->title_run[i] = i > 0 && (a->out[i - 1].kind == KIND_TITLE || a->out[i - 1].kind == KIND_SCARE) ?
		    a->title_run[i - 1] : (uint32_t)i;
		if (x.kind == KIND_DIRECT || x.kind == KIND_PARTIAL) {
			prev = a->nout - 1;
			last_any = prev;
			have_any = 1;
			have_prev = 1;
			prev_para = s->para_start;
		}
	}
	share_over_paragraphs(a, q, nq);
	return need;
}
