/*
 * attrib_impl: what the attributor's stages (lib/attrib*.c) share: the
 * state of one attributor, the tables its threads share, and each stage's
 * entry points.  Internal to nquote's library; attrib.h is the interface.
 *
 *   attrib_words     the words and their classes (cues.txt)
 *   attrib_paras     where paragraphs start and end
 *   attrib_phrase    candidate speaker phrases next to a cue
 *   attrib_people    the discourse's people and a phrase resolved to one
 *   attrib_subject   the subjects that put people in focus
 *   attrib_direct    quotations: cue, speaker phrase, kind
 *   attrib_indirect  reported speech
 *   attrib_rank      the learnt choice of speaker
 *   attrib           the pipeline that runs them over a document
 */
#ifndef NTOOLS_ATTRIB_IMPL_H
#define NTOOLS_ATTRIB_IMPL_H

#include <stddef.h>
#include <stdint.h>
#include "attrib.h"
#include "attrib_tok.h"
#include "entity.h"
#include "lexicon.h"
#include "perceptron.h"
#include "quote.h"
#include "reported.h"
#include "speaker.h"
#include "utf8.h"

#define MAX_TOKS 160
#define INHERIT_FOCUS (-2)

/*
 * The classes of cues.txt by the lowercased bytes of a word: looking a
 * word up costs one hash of two machine words rather than decoding and
 * folding it character by character.  Longer words, and words with
 * other than ASCII bytes, go to the lexicon, which folds them.
 */
#define WORD_MAX 16
#define WORD_FILTER 8192

struct word_slot {
	uint64_t key[2];        /* the lowercased key, zero-padded */
	unsigned char len;      /* 0: empty */
	unsigned char wc;       /* enum wclass */
};

struct word_table {
	struct word_slot *slot;
	size_t mask;
	uint64_t seen[WORD_FILTER / 64];        /* a bit per hash of the keys: most words miss here */
	int ascii;              /* every key is ASCII: the table answers for ASCII words */
};

/*
 * What the document has told of one entity so far.  Its roles stand in
 * the document's arena (attrib's roles), a slot each that grows by
 * doubling: a person a byte is met every forty costs a few words, not
 * room for roles that most never get.
 */
#define ROLE_MAX 120
struct person {
	enum entity_type type;
	int seen;
	size_t last_met;        /* its last mention, counted from 1 (attrib's met) */
	size_t role;            /* its roles, lowercased, space-separated, at roles[role] */
	unsigned char rolelen, rolecap;
};

/* A moment where the discourse is about someone. */
struct event {
	size_t pos;
	int id;
};

/*
 * Where the paragraphs of the text being read start and end, found once
 * rather than by a walk over the paragraph for each quotation or name.
 * It grows as far as the questions reach, and starts afresh for another
 * text (or the same bytes read with lines as paragraphs or not).
 */
/*
 * The answers of blanks_back kept: a quotation asks about its paragraph
 * and the DISCOURSE_PARAS before it (attrib.c), and the next quotation
 * of the paragraph about the same ones.
 */
#define BLANKS_MEMO 4

struct para_index {
	const char *text;
	int lines;
	size_t done;            /* text[0..done) is indexed */
	uint32_t *starts;       /* the paragraphs' starts, in order (a text's offsets are 32-bit) */
	size_t nstarts, capstarts;
	struct para_break {
		uint32_t first, last;   /* the break's first and last line break */
	} *breaks;
	size_t nbreaks, capbreaks;
	struct blanks_memo {
		size_t pos, at;         /* blanks_back(pos) was at; pos 0: none yet */
	} memo[2][BLANKS_MEMO];         /* by layout_only, the latest at memo_next - 1 */
	unsigned memo_next[2];
};

struct attrib {
	unsigned flags;
	const struct lexicon *lx;       /* cues.txt, the tables' */
	struct quote_finder *qf;
	struct entity_finder *ef;
	struct entity *ents;    /* the piece's mentions, offsets within the piece */
	size_t nents, capents;
	struct person *people;  /* by entity id: [0..npeople) in use */
	size_t npeople, cappeople;
	char *roles;            /* the people's roles (struct person) */
	size_t nroles, caproles;
	struct event *events;   /* in order of position, a gap at evgap (add_event) */
	size_t nevents, capevents, evgap;
	int *met;               /* the ids of the last RECENT_PEOPLE mentions, a ring */
	size_t nmet;            /* the mentions met in this document */
	struct attribution *out;
	unsigned char *ranked;  /* per out: the ranker chose its mention over the rules' */
	size_t nout, capout;
	uint32_t *order;        /* out in the order of the text (as many as bytes, at most) */
	size_t caporder;
	uint32_t *title_run;    /* for a title or scare quote in out: where its run of them begins */
	size_t captitle_run;
	int last_piece;         /* the piece being read is its document's last */
	char *held;             /* pieces not yet given to the name finder */
	size_t held_len, held_cap;
	struct held_piece { size_t at, len, base; } *pieces;
	size_t npieces, cappieces;
	size_t *cuts;           /* attrib_cuts' answer */
	size_t capcuts;
	size_t base;
	const char *text;
	size_t len;
	int lines;              /* every line break is a paragraph break */
	struct region {
		size_t s, e;
		int discourse;  /* a mention here needs who the text is about */
	} *regions;             /* what the name finder reads */
	size_t nregions, capregions;
	const struct word_table *words; /* the tables' */
	struct para_index *paras;
	struct tok toks[MAX_TOKS];
	const struct pct_model *ranker; /* chooses each speaker (speaker.h) */
	const struct wordclass *classes;        /* the name finder's */
	struct sp_set cands;
	attrib_trace_fn *trace;
	void *trace_ctx;
	const struct pct_model *reporter;       /* finds reported speech (reported.h) */
	struct attrib_tables *own;      /* tables to free with it, or NULL */
	struct rs_sentence sentence;
	struct pct_model *sourcer;      /* and who reports it */
	struct rs_sources sources;
	struct pct_model *spanner;      /* and where the reported words begin and end */
	struct rs_sources starts, ends;
	attrib_reported_fn *trace_reported;
};


struct attrib_tables {
	struct entity_tables *names;
	struct pct_model *ranker, *reporter, *sourcer, *spanner;
	struct lexicon *cues;
	struct word_table words;
};

struct resolved {
	int id;                 /* the entity, or -1 */
	size_t as_written_s, as_written_e;      /* a name with no entity behind it */
};

struct found {
	size_t ms, me, cs, ce;  /* mention, cue */
	size_t mb, mend;        /* the mention as tokens, for resolving */
	int ok;
};

static inline int
is_space(uint32_t cp)
{
	if (cp < 0x80)
		return cp == ' ' || (cp >= '\t' && cp <= '\r');
	return u_isspace(cp);
}

/* attrib_words.c */
void words_build(struct word_table *w, const char *data, size_t len);
enum wclass word_class(const struct attrib *a, const char *s, size_t n);
size_t tokenize(struct attrib *a, size_t lo, size_t hi, struct tok *t, size_t max);
int tok_is(const struct attrib *a, const struct tok *t, const char *w);
int is_cue(const struct tok *t);
int ends_sentence(const struct tok *t, size_t i, size_t n);

/* attrib_paras.c */
size_t para_start_of(const struct attrib *a, size_t s);
size_t para_end_of(const struct attrib *a, size_t pos, size_t limit);
int breaks_between(const struct attrib *a, size_t from, size_t to);
size_t paras_back(const struct attrib *a, size_t pos, size_t paras);
size_t blanks_back(const struct attrib *a, size_t pos, int layout_only);

/* attrib_phrase.c */
int opens_mention(const struct tok *t);
size_t phrase_after(const struct tok *t, size_t i, size_t n, size_t *end);
size_t phrase_before(const struct attrib *a, const struct tok *t, size_t lo, size_t j, size_t *begin);
size_t role_words_end(const struct tok *t, size_t k, size_t n, size_t max);
size_t name_words_end(const struct tok *t, size_t k, size_t n);
size_t sentence_subject(const struct attrib *a, const struct tok *t, size_t ls, size_t n, size_t *begin, size_t *end);

/* attrib_people.c */
struct person *person_of(struct attrib *a, int id);
void add_event(struct attrib *a, size_t pos, int id);
void note_role(struct attrib *a, struct person *p, size_t s, size_t e);
int focus(const struct attrib *a, size_t pos, enum wclass pron);
int describe(struct attrib *a, const struct tok *t, size_t b, size_t e, size_t pos);
int known_by_last_word(const struct attrib *a, const struct tok *t);
struct resolved resolve(struct attrib *a, const struct tok *t, size_t b, size_t e);

/* attrib_subject.c */
size_t quote_cursor(const struct quote_span *q, size_t nq, size_t pos);
void find_subjects(struct attrib *a, const struct quote_span *q, size_t nq, size_t from);
void find_described_subjects(struct attrib *a, const struct quote_span *q, size_t nq, size_t from, size_t to);

/* attrib_direct.c */
void set_found(struct found *f, const struct tok *t, size_t mb, size_t mend, size_t cb, size_t cend);
void push_out(struct attrib *a, const struct attribution *x);
void set_speaker(struct attrib *a, struct attribution *x, struct resolved r);
size_t attribute(struct attrib *a, const struct quote_span *q, size_t nq);

/* attrib_indirect.c */
size_t find_indirect(struct attrib *a, const struct quote_span *q, size_t nq, size_t need, size_t from,
    size_t limit);

/* attrib_rank.c */
void choose_speakers(struct attrib *a, const struct quote_span *q, size_t nq);

#endif
