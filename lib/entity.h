/*
 * entity: the name finder.  Finds named-entity mentions, types them, and
 * groups the mentions of one real-world entity within a document under
 * one canonical name ("Lavrov", "Foreign Minister Lavrov" -> "Sergey
 * Lavrov"; "U.S." -> "United States"; "CELAC" -> the expansion the text
 * gives).  nentity prints what it finds; nquote resolves speakers with it.
 *
 * A document may arrive in pieces (TSV rows): mentions in later pieces
 * resolve against the names of earlier ones.
 */
#ifndef NTOOLS_ENTITY_H
#define NTOOLS_ENTITY_H

#include <stddef.h>

enum entity_type { ENT_PERSON, ENT_ORG, ENT_GPE, ENT_LOC, ENT_NORP, ENT_EVENT, ENT_MISC };

enum entity_gender { GENDER_UNKNOWN, GENDER_MALE, GENDER_FEMALE };

struct entity {
	size_t start, end;              /* the mention, offsets within the document */
	enum entity_type type;
	int id;                         /* one id per real-world entity in the document */
	size_t role_start, role_end;    /* the role the text gives it ("Foreign
	                                   Minister"), or role_start == role_end */
};

struct entity_finder;
struct wordclass;

/*
 * The finder's read-only part, its lexicons and weights (most of its
 * memory and start-up): built once, it serves finders on several threads
 * (workers.h).  Exits with a message when out of memory.
 */
struct entity_tables;
struct entity_tables *entity_tables_new(void);
void entity_tables_free(struct entity_tables *t);

/* A finder reading t, which must outlive it. */
struct entity_finder *entity_finder_on(struct entity_tables *t);
/* A finder with tables of its own. */
struct entity_finder *entity_finder_new(void);
void entity_finder_free(struct entity_finder *f);

/* Forgets the previous document. */
void entity_doc_begin(struct entity_finder *f);

/*
 * Finds the mentions in one piece of the current document: text[0..len)
 * standing at offset base of the document.  Points *out at them, in order
 * of start, valid until the next call, and returns their number.
 */
size_t entity_find(struct entity_finder *f, const char *text, size_t len, size_t base,
    const struct entity **out);

/*
 * A cheap stand-in for entity_find on text the caller does not need
 * mentions from: registers the people that text[0..len) (at offset base
 * of the document) names unmistakably, capitalised words after a title
 * or from a first name the lists know, so that later mentions resolve to
 * them ("Lavrov" -> "Sergey Lavrov"), with the gender a title gives.
 * Runs no tagger.  Points *out at those mentions (ENT_PERSON, with their
 * roles), valid until the next call, and returns their number.
 */
size_t entity_note(struct entity_finder *f, const char *text, size_t len, size_t base,
    const struct entity **out);

/*
 * Ends what entity_find or entity_note pointed *out at, the caller done
 * with it: a long piece's mentions give their memory back.
 */
void entity_found_done(struct entity_finder *f);

/* The canonical name of entity id (as UTF-8 bytes, not NUL-terminated). */
const char *entity_canonical(const struct entity_finder *f, int id, size_t *len);

/*
 * The word classes (wordclass.h) the finder reads, for the analysers of
 * the same text to share rather than load their own; as long as f lives.
 */
const struct wordclass *entity_classes(const struct entity_finder *f);

/* What the document tells of entity id's gender (titles, first names, pronouns). */
enum entity_gender entity_gender_of(const struct entity_finder *f, int id);

const char *entity_type_name(enum entity_type t);

#endif
