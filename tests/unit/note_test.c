/* entity_note: the names of text the tagger does not read. */
#include <string.h>

#include "check.h"
#include "entity.h"

/* The canonical name of the i-th noted mention, compared with want. */
static int
canonical_is(const struct entity_finder *f, const struct entity *e, const char *want)
{
	size_t n;
	const char *c = entity_canonical(f, e->id, &n);

	return c != NULL && n == strlen(want) && memcmp(c, want, n) == 0;
}

static void
test_note(void)
{
	struct entity_finder *f = entity_finder_new();
	const struct entity *e;
	const char *s = "Russian Foreign Minister Sergey Lavrov met Mrs. Ana Ruiz. "
	    "The Elizabeth Warren Hammers Wells Fargo story ran. NATO said so.";
	size_t n;

	entity_doc_begin(f);
	n = entity_note(f, s, strlen(s), 100, &e);
	/* a title or a known first name opens a name; long title-cased runs and acronyms are no names */
	CHECK(n == 2);
	CHECK(n > 0 && e[0].start == 100 + 25 && e[0].end == 100 + 38 && e[0].type == ENT_PERSON);
	CHECK(n > 0 && e[0].role_end > e[0].role_start);
	CHECK(n > 0 && canonical_is(f, &e[0], "Sergey Lavrov"));
	CHECK(n > 1 && canonical_is(f, &e[1], "Ana Ruiz") && entity_gender_of(f, e[1].id) == GENDER_FEMALE);

	/* titles whose last word is no title itself, and a title before a comma */
	s = "The talks were led by Secretary of State Jon Kerrigan. Its chief executive officer, Tod Brill, left.";
	n = entity_note(f, s, strlen(s), 0, &e);
	CHECK(n == 2 && canonical_is(f, &e[0], "Jon Kerrigan") && canonical_is(f, &e[1], "Tod Brill"));
	CHECK(n == 2 && e[0].role_end > e[0].role_start && e[1].role_end > e[1].role_start);

	/* later mentions, read by the tagger, resolve to the noted names */
	s = "\"We respect each other,\" Lavrov said.";
	n = entity_find(f, s, strlen(s), 500, &e);
	CHECK(n == 1 && canonical_is(f, &e[0], "Sergey Lavrov"));

	/* a new document forgets them */
	entity_doc_begin(f);
	n = entity_find(f, s, strlen(s), 0, &e);
	CHECK(n == 1 && canonical_is(f, &e[0], "Lavrov"));
	entity_finder_free(f);
}

int
main(void)
{
	test_note();
	return check_result("note_test");
}
