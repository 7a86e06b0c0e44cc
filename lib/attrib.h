/*
 * attrib: who said each quotation.  Takes the spans of quote.h, finds the
 * reporting verb (cue) and the speaker as written (mention) next to each,
 * tells speech from scare quotes and titles, and resolves the speaker to
 * the canonical name the entity finder (entity.h) gives the person.
 *
 * Kinds:
 *   direct    a quotation that stands as the speaker's sentence(s)
 *   partial   quoted words inside the writer's own sentence
 *             ("called them “deplorables”")
 *   scare     a few words in marks that nobody is reported to say
 *   title     a title-cased name in marks (a show, a film)
 *   indirect  reported speech without marks ("Lavrov said that ...")
 *
 * Where the cue is:
 *   after:   "...," he said / "...," said the minister
 *   before:  She said: "..." / Reyes called it "..."
 *   middle:  "...," he said, "..." (the second part inherits the first's)
 *   none:    the quotation continues the speaker of the previous one in
 *            its paragraph, or of the paragraph it goes on from.
 * Pronouns resolve to the subject of the discourse: the last person who
 * was the subject of a sentence or spoke, whose gender fits, not the
 * nearest name.  Descriptions ("the Russian diplomat") resolve to the
 * person whose role the text gave with those words, else to the person
 * in focus.
 */
#ifndef NTOOLS_ATTRIB_H
#define NTOOLS_ATTRIB_H

#include <stddef.h>
#include <stdint.h>

enum quote_kind { KIND_DIRECT, KIND_PARTIAL, KIND_SCARE, KIND_TITLE, KIND_INDIRECT };

/*
 * The longest piece of text attrib_find reads: offsets within a piece
 * are 32-bit, as a row is kept for every quotation of a document (a
 * longer piece is the caller's to refuse).
 */
#define ATTRIB_MAX_LEN ((size_t)UINT32_MAX)

struct attribution {
	uint32_t start, end;            /* the quotation with its marks */
	uint32_t text_start, text_end;  /* the quoted words */
	enum quote_kind kind;
	uint32_t mention_start, mention_end;    /* equal when no speaker is written */
	uint32_t cue_start, cue_end;            /* equal when no cue */
	int32_t inherits;       /* the earlier quotation whose speaker this one continues;
	                           -1 none; -2 the person the text is about */
	const char *speaker;            /* the canonical name (UTF-8), or NULL */
	size_t speaker_len;
};

enum {
	ATTRIB_INDIRECT = 1,    /* report indirect speech too */
	ATTRIB_ALL = 2          /* report scare quotes and titles too */
};

struct attrib;

/* Returns an attributor (with its own entity finder); exits when out of memory. */
struct attrib *attrib_new(unsigned flags);
/*
 * What attributors on several threads share, only reading it: the name
 * finder's tables (entity.h) and the weights that choose speakers and
 * find reported speech, loaded once rather than once a thread.
 */
struct attrib_tables;
struct attrib_tables *attrib_tables_new(void);
void attrib_tables_free(struct attrib_tables *t);
/* The same, reading tables that must outlive it. */
struct attrib *attrib_new_on(unsigned flags, struct attrib_tables *tables);
void attrib_free(struct attrib *a);

/* Forgets the previous document. */
void attrib_doc_begin(struct attrib *a);

/*
 * Says that the next piece given to attrib_find is its document's last
 * (an article stream's documents are one piece): a piece with nothing
 * to resolve is then not kept for the names later pieces may need.
 */
void attrib_last_piece(struct attrib *a);

/*
 * Where to cut text[0..len), a document or one TSV row of it, into the
 * pieces it is given to attrib_find as.  A document's rows wait for its
 * last piece, since a later, fuller name still names an earlier
 * quotation's speaker: some 90 bytes a quotation, more than the text of
 * a quotation a few letters long.  So a text of more quotations than
 * any article holds (ATTRIB_PIECE_QUOTES) is read in pieces of that many
 * to twice as many, cut at a paragraph break that no quotation crosses,
 * or, in a paragraph that long, before a quotation; a quotation near a
 * cut no longer sees the other piece (a cue before a cut, a speaker to
 * continue).  Points *ends at the pieces' ends, the last one len, valid
 * until the next call, and returns their number.
 */
#define ATTRIB_PIECE_QUOTES 1024
size_t attrib_cuts(struct attrib *a, const char *text, size_t len, const size_t **ends);

/*
 * Finds the quotations of one piece of the current document, text[0..len)
 * (len at most ATTRIB_MAX_LEN) standing at offset base of the document, and points *out at them in
 * order of start.  Offsets in them are relative to text; the speaker
 * names and the array stay valid until the next call.
 */
size_t attrib_find(struct attrib *a, const char *text, size_t len, size_t base,
    const struct attribution **out);

const char *attrib_kind_name(enum quote_kind k);

/*
 * Training (tools/train_attrib.c): fn sees the candidate speakers of
 * each quotation of speech at [start, end) of the text given to
 * attrib_find (speaker.h), and the rules choose among them.
 */
struct sp_set;
typedef void attrib_trace_fn(void *ctx, size_t start, size_t end, const struct sp_set *cands);
void attrib_trace(struct attrib *a, attrib_trace_fn *fn, void *ctx);

/*
 * Training: with ATTRIB_INDIRECT, fn sees the words and features of each
 * sentence without quotation marks (reported.h), and no reported speech
 * is found.
 */
struct rs_sentence;
typedef void attrib_reported_fn(void *ctx, const struct rs_sentence *sentence);
void attrib_trace_reported(struct attrib *a, attrib_reported_fn *fn, void *ctx);

#endif
