/*
 * Ranking: the learnt choice among the candidate speakers of each
 * quotation of speech (speaker.h), which overrides the rules' mention
 * where it disagrees.
 */

#include "attrib_impl.h"


/*
 * The end of a chosen mention carried past the name that only modifies a
 * person noun, to that noun or the name it introduces: "the Ohio
 * senator", "Vale campaign spokesman Sam Ito", not "the Ohio".
 */
static size_t
to_person_head(const struct sp_quote *q, size_t me)
{
	const struct tok *t = q->before;
	size_t n = q->nbefore, h;

	if (n == 0 || me > t[n - 1].e) {
		t = q->after;
		n = q->nafter;
	}
	for (h = 0; h < n && t[h].e != me; h++)
		;
	if (h == n || is_pronoun(&t[h]))
		return me;
	if (!t[h].cap && t[h].wc != W_PERSON)
		return me;
	size_t from = t[h].cap ? h + 1 : h, noun = role_words_end(t, from, n, h + 4 - from);

	while (noun > from && t[noun - 1].wc != W_PERSON)
		noun--;
	if (noun-- == from)
		return me;
	size_t m = name_words_end(t, noun + 1, n);

	return m - noun >= 3 ? t[m - 1].e : t[noun].e;
}

/*
 * Lets the ranker of speaker.h choose the speaker of each quotation of
 * speech among the rules' choice and the phrases around it.  out[0..nq)
 * are the quotations q[0..nq) in order.
 */
void
choose_speakers(struct attrib *a, const struct quote_span *q, size_t nq)
{
	struct tok before[96], after[64];

	for (size_t i = 0; i < nq && i < a->nout; i++) {
		struct attribution *x = &a->out[i];
		const struct quote_span *s = &q[i];

		if (x->kind != KIND_DIRECT && x->kind != KIND_PARTIAL)
			continue;
		size_t lo = s->para_start, hi = s->para_end;

		if (i > 0 && q[i - 1].end > lo && q[i - 1].end <= s->start)
			lo = q[i - 1].end;
		if (s->start > lo + 480)
			lo = s->start - 480;
		if (i + 1 < nq && q[i + 1].start < hi)
			hi = q[i + 1].start;
		if (hi > s->end + 320)
			hi = s->end + 320;
		if (hi < s->end)
			hi = s->end;

		size_t nb = tokenize(a, lo, s->start, before, sizeof before / sizeof before[0]);
		size_t na = tokenize(a, s->end, hi, after, sizeof after / sizeof after[0]);
		size_t first = 0;

		/* words inside marks are not the writer's: keep those outside them */
		for (size_t k = 0; k < nb; k++)
			if (before[k].type == T_QUOTE)
				first = k + 1;
		for (size_t k = 0; k < na; k++)
			if (after[k].type == T_QUOTE) {
				na = k;
				break;
			}

		struct sp_quote sq = {
			.text = a->text, .start = s->start, .end = s->end,
			.before = before + first, .nbefore = nb - first, .after = after, .nafter = na,
			.rule_ms = x->mention_start, .rule_me = x->mention_end,
			.rule_cs = x->cue_start, .rule_ce = x->cue_end,
			.opens = x->kind == KIND_DIRECT, .ents = a->ents, .nents = a->nents
		};

		sq.rule = x->inherits >= 0 ? SP_RULE_CONTINUES : x->inherits == INHERIT_FOCUS ? SP_RULE_FOCUS :
		    x->mention_end > x->mention_start ? SP_RULE_WRITTEN : SP_RULE_NOTHING;
		sp_candidates(&a->cands, &sq, a->classes);
		if (a->trace)
			a->trace(a->trace_ctx, s->start, s->end, &a->cands);

		size_t best = sp_choose(&a->cands, a->trace ? NULL : a->ranker);
		const struct sp_cand *c = &a->cands.c[best];

		if (c->kind == SP_RULE || (c->ms == x->mention_start && c->me == x->mention_end))
			continue;
		x->mention_start = c->ms;
		x->mention_end = c->kind == SP_WINDOW ? to_person_head(&sq, c->me) : c->me;
		x->cue_start = c->cs;
		x->cue_end = c->ce;
		x->inherits = c->kind == SP_FOCUS ? INHERIT_FOCUS : -1;
		a->ranked[i] = 1;
	}
}
