/*
 * role: the title or role the text gives a person right before the
 * name ("Foreign Minister Sergey Lavrov", "former National Security
 * adviser Ruth Almond"), from lib/data/titles.tsv, and the gender that
 * a title implies ("Mrs.", "spokeswoman").
 */
#ifndef NTOOLS_ROLE_H
#define NTOOLS_ROLE_H

#include <stddef.h>

#include "entity.h"
#include "token.h"

struct role_finder;

struct role_finder *role_new(void);
void role_free(struct role_finder *r);

/*
 * Looks at the tokens v[..i) of text that end just before token i, the
 * first of a name.  Returns 1 when they end in a title: [*start, *end)
 * is the role (empty for honorifics such as "Mr."), *gender what the
 * title implies.  Returns 0 otherwise.
 */
int role_before(const struct role_finder *r, const char *text, const struct token *v, size_t i,
    size_t *start, size_t *end, enum entity_gender *gender);

#endif
