/*
 * entity_fallback: a stand-in for the name finder of entity.h, so that
 * nquote builds and can be measured before the real one lands.  It finds
 * runs of capitalised words, splits leading titles off as the role, and
 * groups the runs that share a last word.  Delete this file when
 * lib/entity.c exists.
 */
#include "entity.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "utf8.h"

struct name {
	char text[96];
	size_t len;
	char last[48];
	size_t lastlen;
	enum entity_type type;
	enum entity_gender gender;
};

struct entity_finder {
	struct entity *ents;
	size_t n, cap;
	struct name *names;
	size_t nnames, capnames;
};

static void *
must(void *p)
{
	if (p == NULL) {
		fputs("out of memory\n", stderr);
		exit(2);
	}
	return p;
}

struct entity_finder *
entity_finder_new(void)
{
	return must(calloc(1, sizeof(struct entity_finder)));
}

void
entity_finder_free(struct entity_finder *f)
{
	if (f == NULL)
		return;
	free(f->ents);
	free(f->names);
	free(f);
}

void
entity_doc_begin(struct entity_finder *f)
{
	f->nnames = 0;
}

static const char *const titles[] = {
	"Mr.", "Mrs.", "Ms.", "Dr.", "Sen.", "Rep.", "Gov.", "Gen.", "President", "Minister",
	"Foreign", "Prime", "Vice", "Secretary", "Senator", "Governor", "Mayor", "Chairman",
	"General", "Attorney", "State", "Former", "Democratic", "Republican", "Speaker",
	"Leader", "Majority", "Minority", "Chief", "Justice", "Judge", "Ambassador",
	"Deputy", "Finance", "Defense", "Press", "Secretary-General", "Congressman",
	"Congresswoman", "Candidate", "Nominee", "Presidential", "National", "Security",
	"Adviser", "Director", "Executive", "Officer", "Spokesman", "Spokeswoman", "U.S.",
	"Rev.", "Lt.", "Col.", "Sgt.", "Prof.", "Sir", "Lord", "Lady", "King", "Queen",
	"Pope", "Prince", "Princess", "First", "Lady", "Interior", "Trade", "Commerce",
	"Treasury", "Energy", "Health", "Education", NULL
};

static const char *const not_names[] = {
	"The", "A", "An", "He", "She", "It", "They", "We", "I", "But", "And", "In", "On",
	"At", "This", "That", "These", "Those", "His", "Her", "Their", "Its", "Our", "My",
	"If", "When", "While", "After", "Before", "As", "For", "With", "From", "By", "To",
	"Also", "However", "So", "Yet", "Still", "Then", "There", "Here", "What", "Who",
	"Why", "How", "Where", "Which", "Some", "Many", "Most", "All", "No", "Not", "Now",
	"Mexico", "Russia", "Venezuela", "China", "Brazil", "America", "Washington",
	"Moscow", "Caracas", "Chicago", "New", "York", "Monday", "Tuesday", "Wednesday",
	"Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April",
	"May", "June", "July", "August", "September", "October", "November", "December",
	"Read", "Follow", "Getty", "Although", "Within", "Edited", "Even", "Though", "Because",
	"Since", "Until", "Unless", "Like", "Under", "Over", "During", "Despite", "According", "Democrats", "Republicans", "Americans", "Trump’s", NULL
};

static const char *const org_words[] = {
	"House", "Party", "Post", "Times", "News", "Department", "Committee", "Police",
	"Service", "Bank", "Council", "Association", "University", "Campaign", "Foundation",
	"Institute", "Agency", "Network", "Organization", "Court", "Congress", "Senate",
	"Administration", "Journal", "Inc.", "Corp.", "Co.", "Group", "Union", "Ministry",
	"Office", "Press", "CNN", "MSNBC", "NBC", "ABC", "CBS", "Fox", "Reuters", "PolitiFact",
	"FBI", "CIA", "Pentagon", "Kremlin", "Commission", "Board", "Fund", "Federation",
	"Republican", "Democratic", "National", NULL
};

static int
in_list(const char *const *list, const char *s, size_t n)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && memcmp(list[i], s, n) == 0)
			return 1;
	return 0;
}

struct word { size_t s, e; };

static size_t
word_at(const char *t, size_t len, size_t i)
{
	size_t j = i;

	while (j < len) {
		uint32_t cp;
		size_t k = utf8_decode(t + j, len - j, &cp);

		if (u_isalpha(cp) || (j > i && (cp == '.' || cp == '-' || cp == 0x2019 || cp == '\''))) {
			j += k;
			continue;
		}
		break;
	}
	/* a trailing apostrophe-s or a final dot that ends a sentence is not the word's */
	if (j - i > 2 && (t[j - 1] == '.') && !(j - i == 2 || (j - i <= 4 && u_isupper((unsigned char)t[i]) && in_list(titles, t + i, j - i))))
		j--;
	return j;
}

static struct name *
name_for(struct entity_finder *f, const char *s, size_t n, const char *last, size_t lastlen,
    enum entity_type type, int *id)
{
	for (size_t i = 0; i < f->nnames; i++) {
		struct name *nm = &f->names[i];

		if (nm->lastlen == lastlen && memcmp(nm->last, last, lastlen) == 0 &&
		    (nm->type == type || type == ENT_MISC)) {
			if (n > nm->len && n < sizeof nm->text) {
				memcpy(nm->text, s, n);
				nm->len = n;
			}
			*id = (int)i;
			return nm;
		}
	}
	if (f->nnames == f->capnames) {
		f->capnames = f->capnames ? 2 * f->capnames : 32;
		f->names = must(realloc(f->names, f->capnames * sizeof *f->names));
	}
	struct name *nm = &f->names[f->nnames];

	memset(nm, 0, sizeof *nm);
	nm->len = n < sizeof nm->text ? n : sizeof nm->text - 1;
	memcpy(nm->text, s, nm->len);
	nm->lastlen = lastlen < sizeof nm->last ? lastlen : sizeof nm->last - 1;
	memcpy(nm->last, last, nm->lastlen);
	nm->type = type;
	*id = (int)f->nnames++;
	return nm;
}

static void
push(struct entity_finder *f, const struct entity *e)
{
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 64;
		f->ents = must(realloc(f->ents, f->cap * sizeof *f->ents));
	}
	f->ents[f->n++] = *e;
}

size_t
entity_find(struct entity_finder *f, const char *t, size_t len, size_t base,
    const struct entity **out)
{
	size_t i = 0;

	f->n = 0;
	while (i < len) {
		uint32_t cp;
		size_t k = utf8_decode(t + i, len - i, &cp);

		if (!u_isupper(cp) || (i > 0 && u_isalnum((unsigned char)t[i - 1]))) {
			i += k;
			continue;
		}
		/* a run of capitalised words */
		struct word w[12];
		size_t nw = 0, j = i;

		while (nw < 12) {
			uint32_t c0;

			if (j >= len)
				break;
			utf8_decode(t + j, len - j, &c0);
			if (!u_isupper(c0))
				break;
			size_t e = word_at(t, len, j);

			if (e == j)
				break;
			w[nw].s = j;
			w[nw].e = e;
			nw++;
			if (e < len && t[e] == ' ' && e + 1 < len) {
				j = e + 1;
				continue;
			}
			break;
		}
		if (nw == 0) {
			i += k;
			continue;
		}
		size_t next = w[nw - 1].e;
		size_t a = 0;

		while (a < nw && in_list(not_names, t + w[a].s, w[a].e - w[a].s))
			a++;
		size_t role = a;

		while (role < nw && (in_list(titles, t + w[role].s, w[role].e - w[role].s) ||
		    (role + 1 < nw && w[role].e - w[role].s > 4 && memcmp(t + w[role].e - 2, "an", 2) == 0 &&
		    in_list(titles, t + w[role + 1].s, w[role + 1].e - w[role + 1].s))))
			role++;
		/* "Trump’s": the possessive is not the name's */
		size_t last_e = w[nw - 1].e;

		if (last_e - w[nw - 1].s > 3 && (memcmp(t + last_e - 2, "'s", 2) == 0))
			last_e -= 2;
		else if (last_e - w[nw - 1].s > 4 && memcmp(t + last_e - 4, "\xe2\x80\x99s", 4) == 0)
			last_e -= 4;
		if (role >= nw || last_e <= w[nw - 1].s) {
			i = next;
			continue;
		}
		enum entity_type type = ENT_PERSON;

		for (size_t x = role; x < nw; x++)
			if (in_list(org_words, t + w[x].s, w[x].e - w[x].s))
				type = ENT_ORG;
		if (type == ENT_PERSON && nw - role == 1 && role == a) {
			/* a lone word: a person only if known as one */
			int known = 0;

			for (size_t x = 0; x < f->nnames; x++)
				if (f->names[x].type == ENT_PERSON && f->names[x].lastlen == last_e - w[nw - 1].s &&
				    memcmp(f->names[x].last, t + w[nw - 1].s, f->names[x].lastlen) == 0)
					known = 1;
			if (!known)
				type = ENT_MISC;
		}
		int id;
		struct name *nm = name_for(f, t + w[role].s, last_e - w[role].s, t + w[nw - 1].s,
		    last_e - w[nw - 1].s, type, &id);
		if (nm->type == ENT_MISC && type == ENT_PERSON)
			nm->type = ENT_PERSON;
		struct entity e;

		e.start = base + w[role].s;
		e.end = base + last_e;
		e.type = nm->type;
		e.id = id;
		e.role_start = base + w[a].s;
		e.role_end = role > a ? base + w[role - 1].e : base + w[a].s;
		if (role > a) {
			if (memcmp(t + w[a].s, "Mr.", 3) == 0)
				nm->gender = GENDER_MALE;
			else if (memcmp(t + w[a].s, "Mrs.", 4) == 0 || memcmp(t + w[a].s, "Ms.", 3) == 0)
				nm->gender = GENDER_FEMALE;
		}
		/* the first pronoun after a new name tells its gender */
		if (nm->gender == GENDER_UNKNOWN && e.type == ENT_PERSON) {
			for (size_t x = last_e; x + 4 < len && x < last_e + 300; x++) {
				if (t[x] != ' ')
					continue;
				if ((memcmp(t + x, " he ", 4) == 0 || memcmp(t + x, " his ", 5) == 0 ||
				    memcmp(t + x, " He ", 4) == 0 || memcmp(t + x, " him", 4) == 0)) {
					nm->gender = GENDER_MALE;
					break;
				}
				if (x + 5 < len && (memcmp(t + x, " she ", 5) == 0 || memcmp(t + x, " her ", 5) == 0 ||
				    memcmp(t + x, " She ", 5) == 0)) {
					nm->gender = GENDER_FEMALE;
					break;
				}
			}
		}
		push(f, &e);
		i = next;
	}
	*out = f->ents;
	return f->n;
}

const char *
entity_canonical(const struct entity_finder *f, int id, size_t *len)
{
	if (id < 0 || (size_t)id >= f->nnames) {
		*len = 0;
		return "";
	}
	*len = f->names[id].len;
	return f->names[id].text;
}

enum entity_gender
entity_gender_of(const struct entity_finder *f, int id)
{
	if (id < 0 || (size_t)id >= f->nnames)
		return GENDER_UNKNOWN;
	return f->names[id].gender;
}

const char *
entity_type_name(enum entity_type t)
{
	static const char *names[] = { "PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "MISC" };

	return (unsigned)t < 7 ? names[t] : "MISC";
}
