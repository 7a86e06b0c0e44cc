/*
 * speaker: who said a quotation, chosen among the phrases around it by a
 * ranker learnt from annotated news (tools/train_attrib.c,
 * lib/data/speaker.bin), not by the rules' first match.
 *
 * The candidates are what the rules chose (attrib_direct.c), the person the
 * text is about (no speaker written nearby), and every word of the
 * quotation's paragraph outside quotation marks that could end a
 * speaker phrase, within a window before and after the quotation.  Each
 * has features of its words, their classes (cues.txt, and the word
 * classes of wordclass.h), the names found there, and where it stands
 * against the quotation; the list of reporting verbs is one feature among
 * them, not a gate.  The highest score wins; the rules' choice wins ties,
 * so that a model without weights chooses as the rules do.
 */
#ifndef NTOOLS_SPEAKER_H
#define NTOOLS_SPEAKER_H

#include <stddef.h>
#include <stdint.h>
#include "attrib_tok.h"

struct entity;
struct pct_model;
struct wordclass;

enum sp_kind {
	SP_RULE,        /* what the rules chose, written or not */
	SP_FOCUS,       /* no speaker written: the person the text is about */
	SP_WINDOW       /* a phrase near the quotation */
};

/* How the rules found their speaker. */
enum sp_rule { SP_RULE_WRITTEN, SP_RULE_CONTINUES, SP_RULE_FOCUS, SP_RULE_NOTHING };

struct sp_cand {
	enum sp_kind kind;
	size_t ms, me;          /* the mention (ms == me: none written) */
	size_t cs, ce;          /* its reporting word (cs == ce: none) */
	size_t f, nf;           /* its features: feat[f .. f + nf) of the set */
};

struct sp_set {
	struct sp_cand *c;
	size_t n, cap;
	uint32_t *feat;
	size_t nfeat, capfeat;
};

/* One quotation, as the candidates see it. */
struct sp_quote {
	const char *text;
	size_t start, end;              /* the quotation with its marks */
	const struct tok *before;       /* the words before it in its paragraph, in order */
	size_t nbefore;
	const struct tok *after;        /* the words after it, up to the next quotation */
	size_t nafter;
	enum sp_rule rule;
	size_t rule_ms, rule_me, rule_cs, rule_ce;
	int opens;                      /* it stands as a sentence of its own */
	const struct entity *ents;      /* the names found, in order of start */
	size_t nents;
};

/* Fills set (emptied first) with the candidates of q, the rules' choice first. */
void sp_candidates(struct sp_set *set, const struct sp_quote *q, const struct wordclass *wc);

/* The best candidate of set under m (NULL: the rules' choice). */
size_t sp_choose(const struct sp_set *set, const struct pct_model *m);

/* The weights compiled in (lib/data/speaker.bin); exits with a message when they are broken. */
struct pct_model *sp_model_builtin(void);

void sp_set_free(struct sp_set *set);

#endif
