/*
 * alias: one canonical name per real-world entity within a document.
 * Mentions of people resolve to the fullest name the document gives
 * ("Lavrov" -> "Sergey Lavrov"); acronyms to the names they abbreviate,
 * by their initials or by a definition in the text ("... States
 * (CELAC)"); well-known short names through lib/data/aliases.tsv
 * ("U.S." -> "United States"); plural nationalities to the singular
 * ("Venezuelans" -> "Venezuelan").
 */
#ifndef NTOOLS_ALIAS_H
#define NTOOLS_ALIAS_H

#include <stddef.h>

#include "entity.h"

struct alias_table;

/* Builds an empty table with the alias lexicons; exits when out of memory. */
struct alias_table *alias_new(void);
void alias_free(struct alias_table *a);

/*
 * Tells the table how to know a first name (by default it knows none):
 * a lone word typed otherwise is taken for the surname of a person only
 * when that person's name begins with one ("Washington" after "MaliVai
 * Washington" stays a place; after "George Washington", a person).
 */
void alias_first_names(struct alias_table *a, int (*is_first)(void *ctx, const char *s, size_t n),
    void *ctx);

/* Forgets the document's entities. */
void alias_clear(struct alias_table *a);

/*
 * Resolves a mention s[0..n) of type t to an entity id, making a new
 * entity when none matches.  The table keeps its own copy of names.
 * The entity's type (alias_type) is that of its fullest mention, which
 * may differ from t: a name typed once is typed alike.
 */
int alias_resolve(struct alias_table *a, enum entity_type t, const char *s, size_t n);

/* Records that the acronym s[0..n) stands for entity id ("... (CELAC)"). */
void alias_define(struct alias_table *a, int id, const char *s, size_t n);

/* Entity id's canonical name (bytes, not NUL-terminated) and type. */
const char *alias_canonical(const struct alias_table *a, int id, size_t *len);
enum entity_type alias_type(const struct alias_table *a, int id);
int alias_count(const struct alias_table *a);

/* Whether s[0..n) looks like an acronym: 2 to 8 capitals, perhaps with periods. */
int alias_is_acronym(const char *s, size_t n);

#endif
