/*
 * entity: ties the name finder together.  Tokens (token.h) get features
 * (nerfeat.h) and BIO tags from the trained perceptron (tagger.h); the
 * tagged runs become mentions, typed into ntools' types with the
 * gazetteer, given roles (role.h), and grouped under canonical names
 * (alias.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alias.h"
#include "entity.h"
#include "gazetteer.h"
#include "layout.h"
#include "nerfeat.h"
#include "perceptron.h"
#include "role.h"
#include "syntax.h"
#include "tagger.h"
#include "token.h"
#include "utf8.h"
#include "wordclass.h"
#include "xalloc.h"

extern const unsigned char data_ner_bin[];
extern const size_t data_ner_bin_len;

/* What the document says of a person's gender, per entity id. */
struct person {
	enum entity_gender by_title;
	int he, she;
};

/* A tagged run of tokens, before it is resolved. */
struct mention {
	size_t first, last;     /* tokens [first, last) */
	enum entity_type type;
	int defines;            /* -1, or the mention whose acronym this one is */
	int id;
	int dropped;            /* part of a person's role, not a name */
	size_t role_start, role_end;
	enum entity_gender gender;      /* what the role implies */
};

struct entity_tables {
	struct gazetteer *gaz;
	struct pct_model *model;
	struct wordclass *classes;
	struct role_finder *roles;
};

struct entity_finder {
	struct entity_tables *tables;   /* only read: threads share them */
	struct entity_tables *own;      /* tables to free with the finder, or NULL */
	struct alias_table *alias;
	struct token_list toks;
	struct ner_doc doc;
	int *tags;
	size_t tags_cap;
	struct mention *m;
	size_t nm, m_cap;
	struct entity *out;
	size_t out_cap;
	struct person *people;
	size_t people_cap;
	struct tagger_cache *cache;
	uint32_t *spots;        /* where the rules after tagging may apply (find_spots) */
	size_t nspots, spots_cap;
	/* The wire's furniture of the current piece (find_furniture): */
	struct layout layout;
	int layout_begun;               /* the document's first piece was read */
	struct furniture *furn;
	size_t nfurn, furn_cap;
	size_t place_first, place_last; /* the window's dateline place, tokens; equal: none */
	char *canon;                    /* a mention's name as canonical names write it */
	size_t canon_cap;
};

/* A dateline's prefix, or a sign-off, in offsets of the document. */
struct furniture {
	size_t start, end;
	int dateline;
};

static int
is_first_name(void *gaz, const char *s, size_t n)
{
	return (gaz_lookup(gaz, s, n) & (GAZ_FIRST_MALE | GAZ_FIRST_FEMALE)) != 0;
}

struct entity_tables *
entity_tables_new(void)
{
	struct entity_tables *t = xmalloc(sizeof *t);

	t->gaz = gaz_builtin();
	t->model = pct_builtin(data_ner_bin, data_ner_bin_len, "lib/data/ner.bin");
	t->classes = wordclass_builtin();
	t->roles = role_new();
	return t;
}

void
entity_tables_free(struct entity_tables *t)
{
	if (!t)
		return;
	gaz_free(t->gaz);
	pct_free(t->model);
	wordclass_free(t->classes);
	role_free(t->roles);
	free(t);
}

struct entity_finder *
entity_finder_on(struct entity_tables *t)
{
	struct entity_finder *f = xmalloc(sizeof *f);
	memset(f, 0, sizeof *f);
	f->tables = t;
	f->alias = alias_new();
	alias_first_names(f->alias, is_first_name, t->gaz);
	f->cache = tagger_cache_new();
	return f;
}

const struct wordclass *
entity_classes(const struct entity_finder *f)
{
	return f->tables->classes;
}

struct entity_finder *
entity_finder_new(void)
{
	struct entity_tables *t = entity_tables_new();
	struct entity_finder *f = entity_finder_on(t);
	f->own = t;
	return f;
}

void
entity_finder_free(struct entity_finder *f)
{
	if (!f)
		return;
	entity_tables_free(f->own);
	alias_free(f->alias);
	token_list_free(&f->toks);
	ner_doc_free(&f->doc);
	free(f->tags);
	free(f->m);
	free(f->out);
	free(f->people);
	free(f->spots);
	free(f->furn);
	free(f->canon);
	tagger_cache_free(f->cache);
	free(f);
}

void
entity_doc_begin(struct entity_finder *f)
{
	alias_clear(f->alias);
	f->layout_begun = 0;
	if (f->people)
		memset(f->people, 0, f->people_cap * sizeof *f->people);
}

const char *
entity_type_name(enum entity_type t)
{
	static const char *const names[] = { "PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "MISC" };
	return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "MISC";
}

/* Last words that make a place a natural feature rather than a city or country. */
static const char *const geo_words[] = {
	"River", "Sea", "Ocean", "Lake", "Mountains", "Mount", "Mountain", "Valley", "Island",
	"Islands", "Gulf", "Bay", "Strait", "Straits", "Peninsula", "Desert", "Coast",
	"Basin", "Canal", "Channel", "Plateau", "Forest", "Hills", "Range", "Region", NULL
};

/* Last words that make a name a contest. */
static const char *const contest_words[] = {
	"Open", "Cup", "Championship", "Championships", "Classic", "Prix", "Games", "Olympics",
	"Bowl", "Trophy", "Series", "Marathon", "Rally", "OPEN", "CUP", "CHAMPIONSHIP",
	"CHAMPIONSHIPS", "CLASSIC", "PRIX", "GAMES", "OLYMPICS", NULL
};

static int
in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (n && (*list)[0] == s[0] && strlen(*list) == n && memcmp(*list, s, n) == 0)
			return 1;
	return 0;
}

/* CoNLL's four kinds become ntools' seven, by what the lists know of the name. */
static enum entity_type
type_of(const struct entity_finder *f, const char *text, const struct mention *m, int kind)
{
	const struct token *v = f->toks.v;
	const char *s = text + v[m->first].start;
	size_t n = v[m->last - 1].end - v[m->first].start;
	const struct token *last = &v[m->last - 1];
	/*
	 * The tagger's tokens know their own lists; only phrases are looked
	 * up again, and only for the kinds that ask (most are people's and
	 * organisations').
	 */
	unsigned tail = f->doc.t[m->last - 1].gaz;
	unsigned whole = m->last - m->first == 1 ? tail :
	    kind != NER_PER && kind != NER_ORG ? gaz_lookup(f->tables->gaz, s, n) : 0;

	/* "Greater Dayton Open", "Harris Cup": contests, whatever they are named after. */
	if (kind != NER_PER && m->last - m->first > 1 &&
	    in_list(contest_words, text + last->start, last->end - last->start))
		return ENT_EVENT;
	switch (kind) {
	case NER_PER:
		/* "Harris Metals Inc" */
		if (m->last - m->first > 1 && (tail & GAZ_ORG_WORD))
			return ENT_ORG;
		return ENT_PERSON;
	case NER_ORG:
		return ENT_ORG;
	case NER_LOC:
		if (whole & (GAZ_COUNTRY | GAZ_CITY))
			return ENT_GPE;
		if (whole & GAZ_REGION)
			return ENT_LOC;
		if (in_list(geo_words, text + last->start, last->end - last->start))
			return ENT_LOC;
		/* "... Agency", "... Council": an organisation however placed. */
		if (m->last - m->first > 1 && (tail & GAZ_ORG_WORD))
			return ENT_ORG;
		return ENT_GPE;
	default:
		if (whole & (GAZ_DEMONYM | GAZ_GROUP))
			return ENT_NORP;
		if ((whole | tail) & GAZ_EVENT)
			return ENT_EVENT;
		if (m->last - m->first > 1 && (tail & GAZ_ORG_WORD))
			return ENT_ORG;
		return ENT_MISC;
	}
}

static void
add_mention(struct entity_finder *f, size_t first, size_t last, enum entity_type t, int defines)
{
	if (f->nm == f->m_cap) {
		f->m_cap = xroom(f->nm + 1);
		f->m = xrealloc(f->m, f->m_cap * sizeof *f->m);
	}
	struct mention *m = &f->m[f->nm++];
	m->first = first;
	m->last = last;
	m->type = t;
	m->defines = defines;
	m->id = -1;
	m->dropped = 0;
}

static int
token_is(const char *text, const struct token *t, const char *s)
{
	size_t n = strlen(s);
	return t->end - t->start == n && memcmp(text + t->start, s, n) == 0;
}

/*
 * A headline's capitals hide which of its words are names: a word that
 * the body of the document gives mostly to a person is one there too
 * ("MERKEL" after "Angela Merkel").  Other kinds are left to the tagger:
 * the body's "Bucharest Stock Exchange" does not make a dateline's
 * "BUCHAREST" an organisation.
 */
/* The first 200 headline words' hashes, and how the body tags each. */
#define HEADLINE_WORDS 200
struct headline_count {
	uint32_t word;          /* lowh | 1; 0: empty */
	unsigned person, other;
};

static struct headline_count *
headline_slot(struct headline_count *tab, uint32_t lowh)
{
	uint32_t w = lowh | 1;
	size_t j = (w * 2654435761u) >> 24;
	while (tab[j].word && tab[j].word != w)
		j = (j + 1) & 255;
	return &tab[j];
}

/* Whether token t, tagged tag in the body, is a person's word that tab holds. */
static int
body_person(struct headline_count *tab, const struct ner_token *t, int tag)
{
	return tag != NER_O && NER_KIND(tag) == NER_PER && headline_slot(tab, t->lowh)->word;
}

static void
retag_headlines(struct entity_finder *f)
{
	const struct ner_token *t = f->doc.t;
	size_t n = f->doc.n, seen = 0, last = 0;
	int *tags = f->tags;
	struct headline_count tab[256];

	/*
	 * Counted once for all the headline's words (the body's tags do not
	 * change here).  A headline word changes only when the body tags it
	 * a person, which most headlines' words never are there: then
	 * counting is not needed.  The pass that gathers the words finds
	 * that out too, asking for each body person's word among the words
	 * gathered so far, and again, once all are, for those before the last.
	 */
	memset(tab, 0, sizeof tab);
	int named = 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i].flags & TOK_HEADLINE) {
			if (!(t[i].flags & TOK_ALPHA) || seen == HEADLINE_WORDS)
				continue;
			seen++;         /* a document all in capitals has nothing to learn from */
			headline_slot(tab, t[i].lowh)->word = t[i].lowh | 1;
			last = i + 1;
		} else if (!named) {
			named = body_person(tab, &t[i], tags[i]);
		}
	}
	if (!seen)
		return;
	for (size_t j = 0; j < last && !named; j++)
		named = !(t[j].flags & TOK_HEADLINE) && body_person(tab, &t[j], tags[j]);
	if (!named)
		return;
	for (size_t j = 0; j < n; j++) {
		if (t[j].flags & TOK_HEADLINE)
			continue;
		struct headline_count *c = headline_slot(tab, t[j].lowh);
		if (!c->word)
			continue;
		if (tags[j] != NER_O && NER_KIND(tags[j]) == NER_PER)
			c->person++;
		else
			c->other++;
	}
	for (size_t i = 0; i < last; i++) {
		if (!(t[i].flags & TOK_HEADLINE) || !(t[i].flags & TOK_ALPHA))
			continue;
		const struct headline_count *c = headline_slot(tab, t[i].lowh);
		if (c->person <= c->other)
			continue;
		int joins = i > 0 && (t[i - 1].flags & TOK_HEADLINE) && tags[i - 1] != NER_O &&
		    NER_KIND(tags[i - 1]) == NER_PER && !(t[i].flags & TOK_SENT_START);
		tags[i] = joins ? NER_INSIDE(NER_PER) : NER_BEGIN(NER_PER);
		if (i + 1 < n && tags[i + 1] > NER_KINDS && NER_KIND(tags[i + 1]) != NER_PER)
			tags[i + 1] = NER_BEGIN(NER_KIND(tags[i + 1]));
	}
}

/* "P.": one capital and a full stop. */
static int
is_initial(const char *text, const struct token *v)
{
	return v->end - v->start == 2 && text[v->start] >= 'A' && text[v->start] <= 'Z' &&
	    text[v->start + 1] == '.';
}

/*
 * The rules after tagging act at a few tokens each, known by their text
 * or lists: those are found in one pass, not one pass a rule.
 */
enum {
	SPOT_PHRASE = 1,        /* the first word of a listed phrase: keep_listed_phrases */
	SPOT_AMPERSAND = 2,     /* "&": join_ampersands */
	SPOT_INITIAL = 4,       /* "P.": join_initials */
	SPOT_PAREN = 8          /* "(": join_club_towns */
};
#define SPOT_AT(spot) ((size_t)((spot) >> 4))

static void
find_spots(struct entity_finder *f, const char *text)
{
	const struct ner_token *t = f->doc.t;
	const struct token *v = f->toks.v;
	size_t n = f->doc.n;

	if (n > f->spots_cap) {
		f->spots_cap = n;
		free(f->spots);
		f->spots = xmalloc(f->spots_cap * sizeof *f->spots);
	}
	f->nspots = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned kind = t[i].phrase_pos == 1 ? SPOT_PHRASE : 0;
		size_t len = v[i].end - v[i].start;
		if (len == 1 || len == 2) {     /* most tokens are longer: their text is not read */
			char c = text[v[i].start];
			if (len == 1)
				kind |= c == '&' ? SPOT_AMPERSAND : c == '(' ? SPOT_PAREN : 0;
			else if (is_initial(text, &v[i]))
				kind |= SPOT_INITIAL;
		}
		if (kind)
			f->spots[f->nspots++] = (uint32_t)(i << 4 | kind);
	}
}

/*
 * Names of several words that the lists know as organisations or events
 * stay whole and get the lists' kind, when the tagger saw a name there at all: it may have cut
 * "Community of Latin American and Caribbean States" in two.
 */
static void
keep_listed_phrases(struct entity_finder *f)
{
	const struct ner_token *t = f->doc.t;
	size_t n = f->doc.n, next = 0;
	int *tags = f->tags;

	for (size_t k = 0; k < f->nspots; k++) {
		size_t i = SPOT_AT(f->spots[k]);
		if (!(f->spots[k] & SPOT_PHRASE) || i < next)
			continue;
		next = i + 1;
		size_t j = i + 1;
		while (j < n && t[j].phrase_pos == 2)
			j++;
		/* Places are left to the tagger: clubs are named after cities. */
		int kind = t[i].phrase & GAZ_ORG ? NER_ORG : t[i].phrase & GAZ_EVENT ? NER_MISC : -1;
		int tagged = 0;
		for (size_t o = i; o < j; o++)
			tagged |= tags[o] != NER_O;
		if (kind < 0 || !tagged || !(t[i].flags & TOK_UPPER) || !(t[j - 1].flags & TOK_UPPER))
			continue;
		/* "Ruritania Democratic Party": a name running into the phrase takes it in. */
		size_t from = i;
		while (from > 0 && tags[from] > NER_KINDS && !(t[from].flags & TOK_LINE_START))
			from--;
		tags[from] = NER_BEGIN(kind);
		for (size_t o = from + 1; o < j; o++)
			tags[o] = NER_INSIDE(kind);
		if (j < n && tags[j] > NER_KINDS)
			tags[j] = NER_BEGIN(NER_KIND(tags[j]));
		next = j;
	}
}

/*
 * "Harris & Webb Co", "Stone Lane & Co": names joined by "&" are
 * one firm's, which a tagger reading left to right cuts at the "&" (it
 * took the first name for a person's before it saw the sign).  Places
 * joined so ("Trinidad & Tobago") keep the tagger's tags, unless a firm's
 * word follows ("Kettering & Sons").
 */
static void
join_ampersands(struct entity_finder *f, const char *text)
{
	const struct ner_token *t = f->doc.t;
	const struct token *v = f->toks.v;
	size_t n = f->doc.n;
	int *tags = f->tags;

	for (size_t k = 0, next = 1; k < f->nspots; k++) {
		size_t i = SPOT_AT(f->spots[k]);
		if (!(f->spots[k] & SPOT_AMPERSAND) || i < next || i + 1 >= n)
			continue;
		next = i + 1;
		int whole = tags[i] > NER_KINDS && tags[i + 1] == tags[i];
		if (whole || tags[i - 1] == NER_O || !token_is(text, &v[i], "&") ||
		    (t[i + 1].flags & TOK_LINE_START) || !(t[i + 1].flags & TOK_UPPER_INITIAL))
			continue;
		size_t j = i + 1;
		while (j < n && !(t[j].flags & (TOK_LINE_START | TOK_SENT_START)) &&
		    ((t[j].flags & TOK_UPPER_INITIAL) || (j > i + 1 && tags[j] > NER_KINDS)))
			j++;
		/* "Kettering & Sons", "Harlow & Finch Co": a firm whatever its first words. */
		int firm = 0;
		for (size_t o = i + 1; o < j && !firm; o++)
			firm = (t[o].gaz & GAZ_ORG_WORD) || token_is(text, &v[o], "Co") ||
			    token_is(text, &v[o], "Co.") || token_is(text, &v[o], "Sons") ||
			    token_is(text, &v[o], "Partners");
		if (!firm && (NER_KIND(tags[i - 1]) == NER_LOC ||
		    (t[i + 1].gaz & (GAZ_COUNTRY | GAZ_CITY | GAZ_REGION))))
			continue;
		size_t from = i - 1;
		while (from > 0 && tags[from] > NER_KINDS && !(t[from].flags & TOK_LINE_START))
			from--;
		tags[from] = NER_BEGIN(NER_ORG);
		for (size_t o = from + 1; o < j; o++)
			tags[o] = NER_INSIDE(NER_ORG);
		if (j < n && tags[j] > NER_KINDS)
			tags[j] = NER_BEGIN(NER_KIND(tags[j]));
		next = j;
	}
}

/*
 * A person's initial ends no name: "P. DeFreitas", "M. McCague" are one
 * person, though the tagger, reading left to right, may have begun
 * another name (or none) at the surname of a score card.
 */
static void
join_initials(struct entity_finder *f, const char *text)
{
	const struct ner_token *t = f->doc.t;
	const struct token *v = f->toks.v;
	size_t n = f->doc.n;
	int *tags = f->tags;

	for (size_t k = 0; k < f->nspots; k++) {
		size_t i = SPOT_AT(f->spots[k]);
		if (!(f->spots[k] & SPOT_INITIAL) || i + 1 >= n)
			continue;
		if (tags[i] == NER_O || NER_KIND(tags[i]) != NER_PER || tags[i + 1] == NER_INSIDE(NER_PER) ||
		    !is_initial(text, &v[i]))
			continue;
		const struct ner_token *next = &t[i + 1];
		if ((next->flags & (TOK_LINE_START | TOK_SENT_START)) || !(next->flags & TOK_UPPER_INITIAL) ||
		    !(next->flags & TOK_LOWER) || next->closed)
			continue;
		size_t j = i + 1;
		tags[j++] = NER_INSIDE(NER_PER);
		while (j < n && tags[j] > NER_KINDS && (t[j].flags & TOK_ALPHA))
			tags[j++] = NER_INSIDE(NER_PER);
		/* The rest of a name the tagger began at the surname ("4-70" of a score) is none. */
		while (j < n && tags[j] > NER_KINDS)
			tags[j++] = NER_O;
	}
}

/*
 * Results tables tell clubs of the same name apart by their town's
 * initials: "Mladost (L) 4 2 1 1", "Radnicki (N) - Spartak".  The
 * letters belong to the club's name.
 */
static void
join_club_towns(struct entity_finder *f, const char *text)
{
	const struct ner_token *t = f->doc.t;
	const struct token *v = f->toks.v;
	size_t n = f->doc.n;
	int *tags = f->tags;

	for (size_t k = 0, next = 1; k < f->nspots; k++) {
		size_t i = SPOT_AT(f->spots[k]);
		if (!(f->spots[k] & SPOT_PAREN) || i < next || i + 2 >= n)
			continue;
		next = i + 1;
		if (tags[i - 1] == NER_O || !token_is(text, &v[i], "(") ||
		    !token_is(text, &v[i + 2], ")") || (t[i + 1].flags & TOK_LINE_START))
			continue;
		size_t len = v[i + 1].end - v[i + 1].start;
		const char *s = text + v[i + 1].start;
		if (len < 1 || len > 2 || s[0] < 'A' || s[0] > 'Z' || (len == 2 && (s[1] < 'A' || s[1] > 'Z')))
			continue;
		size_t after = i + 3;
		int table = after == n || (t[after].flags & TOK_LINE_START) ||
		    token_is(text, &v[after], "-") ||
		    (t[after].flags & (TOK_DIGIT | TOK_ALPHA)) == TOK_DIGIT;
		if (!table)
			continue;
		size_t from = i - 1;
		while (from > 0 && tags[from] > NER_KINDS && !(t[from].flags & TOK_LINE_START))
			from--;
		tags[from] = NER_BEGIN(NER_ORG);
		for (size_t o = from + 1; o < after; o++)
			tags[o] = NER_INSIDE(NER_ORG);
		if (after < n && tags[after] > NER_KINDS)
			tags[after] = NER_BEGIN(NER_KIND(tags[after]));
		next = after;
	}
}

/*
 * Wire copy's furniture: a sign-off ("Reuter", "AFP" alone on the last
 * line) names no one in the story; a dateline ("NEW YORK, March 13 -",
 * "LONDON (Reuters) -") opens with the place the story is filed from,
 * and names the wire in parentheses.
 */
static void
mark_furniture(struct entity_finder *f, const char *text, size_t base)
{
	const struct token *v = f->toks.v;
	size_t n = f->toks.n, i = 0;
	int *tags = f->tags;

	f->place_first = f->place_last = 0;
	for (size_t k = 0; k < f->nfurn; k++) {
		const struct furniture *u = &f->furn[k];
		while (i < n && base + v[i].start < u->start)
			i++;
		size_t j = i;
		while (j < n && base + v[j].end <= u->end)
			j++;
		if (j == i)
			continue;
		if (!u->dateline) {
			for (size_t o = i; o < j; o++)
				tags[o] = NER_O;
		} else {
			/* The place: the words before the first comma or parenthesis. */
			size_t p = i;
			while (p < j && !token_is(text, &v[p], ",") && !token_is(text, &v[p], "("))
				p++;
			for (size_t o = i; o < p; o++)
				tags[o] = o == i ? NER_BEGIN(NER_LOC) : NER_INSIDE(NER_LOC);
			f->place_first = i;
			f->place_last = p;
			for (size_t o = p; o + 2 < j; o++) {
				if (!token_is(text, &v[o], "("))
					continue;
				size_t q = o + 1, r = q;
				while (r < j && !token_is(text, &v[r], ")"))
					r++;
				for (size_t w = q; w < r && r < j; w++)
					tags[w] = w == q ? NER_BEGIN(NER_ORG) : NER_INSIDE(NER_ORG);
				o = r;
			}
		}
		if (j < n && tags[j] > NER_KINDS)
			tags[j] = NER_BEGIN(NER_KIND(tags[j]));
		i = j;
	}
}

/* The furniture of a piece text[0..len) of the document, at offset base. */
static void
find_furniture(struct entity_finder *f, const char *text, size_t len, size_t base)
{
	struct block b;

	if (!f->layout_begun)
		layout_init(&f->layout, text, len);
	else
		layout_continue(&f->layout, text, len);
	f->layout_begun = 1;
	f->nfurn = 0;
	while (layout_next(&f->layout, &b)) {
		/*
		 * A dateline gives a date, the wire or the region after the
		 * place: a bare "IPO FILING -- ..." is a headline's kind.
		 */
		size_t in = b.inner_end - b.inner_start;
		int dateline = b.kind == BLOCK_DATELINE && (memchr(text + b.inner_start, ',', in) ||
		    memchr(text + b.inner_start, '(', in));
		if (!dateline && (b.kind != BLOCK_BYLINE || !layout_sign_off(text + b.start, b.end - b.start)))
			continue;
		if (f->nfurn == f->furn_cap) {
			f->furn_cap = f->furn_cap ? f->furn_cap * 2 : 4;
			f->furn = xrealloc(f->furn, f->furn_cap * sizeof *f->furn);
		}
		struct furniture *u = &f->furn[f->nfurn++];
		u->start = base + (dateline ? b.inner_start : b.start);
		u->end = base + (dateline ? b.inner_end : b.end);
		u->dateline = dateline;
	}
}

/*
 * A name in capitals because its line is (a headline, a dateline) is
 * written with capitals at its words' starts, as the story would write
 * it: "NEW YORK" -> "New York".  A short word that the lists do not
 * know as a place, a name or a word stays as it is ("IBM", "NATO"), and
 * so does one with a period ("U.S.").  Returns the name in f->canon, or
 * NULL when it is not such a name.
 */
static const char *
title_cased(struct entity_finder *f, const char *text, const struct mention *m, size_t *len)
{
	const struct token *v = f->toks.v;
	const struct ner_token *t = f->doc.t;
	int placed = m->first == f->place_first && f->place_last > f->place_first;
	size_t s = v[m->first].start, e = v[m->last - 1].end, o = 0;
	const unsigned known = GAZ_COUNTRY | GAZ_CITY | GAZ_DEMONYM | GAZ_REGION | GAZ_FIRST_MALE |
	    GAZ_FIRST_FEMALE | GAZ_WORD | GAZ_GROUP;

	for (size_t k = m->first; k < m->last; k++)
		if ((v[k].flags & TOK_LOWER) || (!placed && !(v[k].flags & TOK_HEADLINE)))
			return NULL;
	if (e - s > f->canon_cap / 2) {
		f->canon_cap = (e - s) * 2 + 16;
		f->canon = xrealloc(f->canon, f->canon_cap);
	}
	for (size_t k = m->first; k < m->last; k++) {
		size_t a = v[k].start, b = v[k].end;
		if (k > m->first) {
			memcpy(f->canon + o, text + v[k - 1].end, a - v[k - 1].end);
			o += a - v[k - 1].end;
		}
		int keep = (v[k].flags & TOK_PERIOD) || !(v[k].flags & TOK_ALPHA) ||
		    (b - a <= 4 && !(t[k].gaz & known));
		int after_letter = 0;
		for (size_t i = a; i < b;) {
			uint32_t c;
			size_t l = utf8_decode(text + i, b - i, &c);
			if (keep || !after_letter || !u_isupper(c)) {
				memcpy(f->canon + o, text + i, l);
				o += l;
			} else {
				o += utf8_encode(u_tolower(c), f->canon + o);
			}
			after_letter = u_isalpha(c);
			i += l;
		}
	}
	*len = o;
	return f->canon;
}

/* Mentions from the tags, with acronyms defined in parentheses after a name. */
static void
collect_mentions(struct entity_finder *f, const char *text)
{
	const struct token *v = f->toks.v;
	size_t n = f->toks.n;

	f->nm = 0;
	for (size_t i = 0; i < n;) {
		int tag = f->tags[i];
		if (tag == NER_O) {
			i++;
			continue;
		}
		int kind = NER_KIND(tag);
		size_t j = i + 1;
		while (j < n && f->tags[j] == NER_INSIDE(kind))
			j++;
		/* Names neither start nor end with punctuation. */
		size_t a = i, b = j;
		while (a < b && (v[a].flags & TOK_PUNCT))
			a++;
		while (b > a && (v[b - 1].flags & TOK_PUNCT) && !token_is(text, &v[b - 1], ")"))
			b--;
		if (a < b) {
			struct mention tmp;
			memset(&tmp, 0, sizeof tmp);
			tmp.first = a;
			tmp.last = b;
			add_mention(f, a, b, type_of(f, text, &tmp, kind), -1);
			/* "Community of ... States (CELAC)": the acronym is another name for it. */
			if (j + 2 < n && token_is(text, &v[j], "(") && token_is(text, &v[j + 2], ")") &&
			    a != f->place_first &&
			    alias_is_acronym(text + v[j + 1].start, v[j + 1].end - v[j + 1].start) &&
			    f->m[f->nm - 1].type != ENT_PERSON) {
				int named = (int)f->nm - 1;
				enum entity_type t = f->m[named].type;
				add_mention(f, j + 1, j + 2, t, named);
				j += 2;
			}
		}
		i = j;
	}
}

static struct person *
person(struct entity_finder *f, int id)
{
	if ((size_t)id >= f->people_cap) {
		size_t cap = f->people_cap ? f->people_cap : 64;
		while (cap <= (size_t)id)
			cap *= 2;
		f->people = xrealloc(f->people, cap * sizeof *f->people);
		memset(f->people + f->people_cap, 0, (cap - f->people_cap) * sizeof *f->people);
		f->people_cap = cap;
	}
	return &f->people[id];
}

/* He or she in the words after a person's mention, before the next person. */
static void
count_pronouns(struct entity_finder *f, const char *text, size_t k, struct person *p)
{
	const struct token *v = f->toks.v;
	size_t stop = k + 1 < f->nm ? f->m[k + 1].first : f->toks.n;
	if (stop > f->m[k].last + 40)
		stop = f->m[k].last + 40;
	for (size_t i = f->m[k].last; i < stop; i++) {
		if (token_is(text, &v[i], "he") || token_is(text, &v[i], "He") ||
		    token_is(text, &v[i], "his") || token_is(text, &v[i], "His") ||
		    token_is(text, &v[i], "him")) {
			p->he++;
			return;
		}
		if (token_is(text, &v[i], "she") || token_is(text, &v[i], "She") ||
		    token_is(text, &v[i], "her") || token_is(text, &v[i], "Her")) {
			p->she++;
			return;
		}
	}
}

/* Finds the mentions of text[0..len) and appends them to f->out[*kept..]. */
static void
find_in_window(struct entity_finder *f, const char *text, size_t len, size_t base, size_t *kept_so_far)
{
	syntax_scan(&f->toks, text, len);
	const struct token *v = f->toks.v;
	size_t n = f->toks.n;

	ner_doc_clear(&f->doc);
	ner_doc_add_tokens(&f->doc, text, v, n);
	feat_prepare(&f->doc, f->tables->gaz, f->tables->classes);
	if (n > f->tags_cap) {
		f->tags_cap = xroom(n);
		f->tags = xrealloc(f->tags, f->tags_cap * sizeof *f->tags);
	}
	tagger_run(f->tables->model, &f->doc, f->tags, NULL, f->cache);
	retag_headlines(f);
	find_spots(f, text);
	keep_listed_phrases(f);
	join_ampersands(f, text);
	join_initials(f, text);
	join_club_towns(f, text);
	mark_furniture(f, text, base);
	collect_mentions(f, text);
	/* The dateline's place is a place, whatever the lists say of its words. */
	for (size_t k = 0; k < f->nm; k++)
		if (f->m[k].first == f->place_first && f->place_last > f->place_first)
			f->m[k].type = ENT_GPE;

	size_t kept = *kept_so_far;
	if (kept + f->nm > f->out_cap) {
		f->out_cap = xroom(kept + f->nm);
		f->out = xrealloc(f->out, f->out_cap * sizeof *f->out);
	}
	/*
	 * "FactWatch Executive Director Lena Ortiz", "Chairman Omar
	 * Farouk" tagged as one organisation: a title followed by a two- or
	 * three-word name makes the name a person's, the title its role.
	 */
	for (size_t k = 0; k < f->nm; k++) {
		struct mention *m = &f->m[k];
		if (m->type != ENT_ORG || m->last - m->first < 3)
			continue;
		for (size_t j = m->last - 2; j > m->first && j + 3 >= m->last; j--) {
			size_t rs, re;
			enum entity_gender g;
			if (role_before(f->tables->roles, text, v, j, &rs, &re, &g) && re > rs &&
			    rs >= v[m->first].start) {
				m->first = j;
				m->type = ENT_PERSON;
				break;
			}
		}
	}
	/* Roles first: words of a role ("National Security adviser") are no name. */
	for (size_t k = 0; k < f->nm; k++) {
		struct mention *m = &f->m[k];
		m->role_start = m->role_end = 0;
		m->gender = GENDER_UNKNOWN;
		if (m->type != ENT_PERSON ||
		    !role_before(f->tables->roles, text, v, m->first, &m->role_start, &m->role_end, &m->gender))
			continue;
		for (size_t j = k; j-- > 0 && v[f->m[j].last - 1].end > m->role_start;) {
			struct mention *o = &f->m[j];
			/* "Washington National Security adviser": the place ends where the role begins. */
			while (o->last > o->first && v[o->last - 1].end > m->role_start)
				o->last--;
			if (o->last == o->first)
				o->dropped = 1;
			/* ... and is a place, the one whose official the person is. */
			else if (o->type == ENT_ORG && o->last - o->first == 1 &&
			    (f->doc.t[o->first].gaz & (GAZ_COUNTRY | GAZ_CITY)))
				o->type = ENT_GPE;
		}
	}
	for (size_t k = 0; k < f->nm; k++) {
		struct mention *m = &f->m[k];
		if (m->dropped)
			continue;
		size_t s = v[m->first].start, e = v[m->last - 1].end;
		if (m->defines >= 0)
			alias_define(f->alias, f->m[m->defines].id, text + s, e - s);
		size_t clen;
		const char *name = title_cased(f, text, m, &clen);
		m->id = name ? alias_resolve(f->alias, m->type, name, clen) :
		    alias_resolve(f->alias, m->type, text + s, e - s);
		/*
		 * A person's name typed otherwise elsewhere takes the entity's
		 * type; places and organisations keep theirs, as a country's
		 * name is also its team's.
		 */
		enum entity_type et = alias_type(f->alias, m->id);
		if ((et == ENT_PERSON) != (m->type == ENT_PERSON))
			m->type = et;
		struct entity *o = &f->out[kept++];
		o->start = base + s;
		o->end = base + e;
		o->type = m->type;
		o->id = m->id;
		o->role_start = o->role_end = 0;
		if (m->type == ENT_PERSON) {
			struct person *p = person(f, m->id);
			if (m->role_end > m->role_start) {
				o->role_start = base + m->role_start;
				o->role_end = base + m->role_end;
			}
			if (m->gender != GENDER_UNKNOWN)
				p->by_title = m->gender;
			count_pronouns(f, text, k, p);
		}
	}
	*kept_so_far = kept;
}

/*
 * Tokens cost some hundred bytes each: a long piece is read in windows
 * that end at a line break (else a space), so that memory stays a few
 * megabytes however long the piece.  64 KB holds a news article whole
 * (PolNeAR's longest is 34 KB): only longer texts see a window's edge,
 * and names resolve across windows.
 */
#define WINDOW (1u << 16)

size_t
entity_find(struct entity_finder *f, const char *text, size_t len, size_t base,
    const struct entity **out)
{
	size_t kept = 0, at = 0;

	find_furniture(f, text, len, base);
	while (at < len) {
		size_t end = len;
		if (len - at > WINDOW + WINDOW / 2) {
			const char *cut = memchr(text + at + WINDOW, '\n', WINDOW / 2);
			if (!cut)
				cut = memchr(text + at + WINDOW, ' ', WINDOW / 2);
			end = cut ? (size_t)(cut - text) + 1 : at + WINDOW;
		}
		find_in_window(f, text + at, end - at, base + at, &kept);
		at = end;
	}
	*out = f->out;
	return kept;
}

/* Mentions kept for the next piece: an article's, not a long text's. */
#define FOUND_KEEP 4096

void
entity_found_done(struct entity_finder *f)
{
	if (f->out_cap > FOUND_KEEP) {
		free(f->out);
		f->out = NULL;
		f->out_cap = 0;
	}
}

const char *
entity_canonical(const struct entity_finder *f, int id, size_t *len)
{
	return alias_canonical(f->alias, id, len);
}

enum entity_gender
entity_gender_of(const struct entity_finder *f, int id)
{
	if (id < 0 || id >= alias_count(f->alias) || alias_type(f->alias, id) != ENT_PERSON)
		return GENDER_UNKNOWN;
	const struct person *p = (size_t)id < f->people_cap ? &f->people[id] : NULL;
	if (p && p->by_title != GENDER_UNKNOWN)
		return p->by_title;
	size_t len, w = 0;
	const char *name = alias_canonical(f->alias, id, &len);
	while (w < len && name[w] != ' ')
		w++;
	if (w < len) {  /* a first name, when the canonical name has one */
		unsigned bits = gaz_lookup(f->tables->gaz, name, w) & (GAZ_FIRST_MALE | GAZ_FIRST_FEMALE);
		if (bits == GAZ_FIRST_MALE)
			return GENDER_MALE;
		if (bits == GAZ_FIRST_FEMALE)
			return GENDER_FEMALE;
	}
	if (p && p->he != p->she)
		return p->he > p->she ? GENDER_MALE : GENDER_FEMALE;
	return GENDER_UNKNOWN;
}

/* A word that may be part of a person's name in running text: "Lavrov", "P.", not "NATO" nor "said". */
static int
note_name_word(const struct token *v)
{
	return (v->flags & TOK_UPPER_INITIAL) && (v->flags & TOK_ALPHA) &&
	    ((v->flags & TOK_LOWER) || v->end - v->start <= 2);
}

#define NOTE_NAME_WORDS 3

/* A first name the lists know that is no common word ("Sergey", not "Will"). */
static int
note_first_name(const struct entity_finder *f, const char *text, const struct token *v)
{
	unsigned bits = gaz_lookup(f->tables->gaz, text + v->start, v->end - v->start);
	return (bits & (GAZ_FIRST_MALE | GAZ_FIRST_FEMALE)) && !(bits & GAZ_WORD);
}

size_t
entity_note(struct entity_finder *f, const char *text, size_t len, size_t base,
    const struct entity **out)
{
	size_t kept = 0;

	token_scan(&f->toks, text, len);
	const struct token *v = f->toks.v;
	size_t n = f->toks.n;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && note_name_word(&v[j]) && (j == i || !(v[j].flags & TOK_LINE_START)))
			j++;
		if (j == i) {
			i++;
			continue;
		}
		/*
		 * The name begins after its title, or at a first name the lists
		 * know, and runs a few words: a longer run is a title-cased
		 * headline or an organisation's name.
		 */
		for (size_t k = j - i > NOTE_NAME_WORDS ? j - NOTE_NAME_WORDS : i; k < j; k++) {
			size_t rs = 0, re = 0;
			enum entity_gender g = GENDER_UNKNOWN;
			int titled = role_before(f->tables->roles, text, v, k, &rs, &re, &g);
			if (!titled && (k > i || j - k < 2 || !note_first_name(f, text, &v[k])))
				continue;
			size_t s = v[k].start, e = v[j - 1].end;
			int id = alias_resolve(f->alias, ENT_PERSON, text + s, e - s);
			if (alias_type(f->alias, id) != ENT_PERSON)
				break;
			if (kept == f->out_cap) {
				f->out_cap = xroom(kept + 1);
				f->out = xrealloc(f->out, f->out_cap * sizeof *f->out);
			}
			struct entity *o = &f->out[kept++];
			o->start = base + s;
			o->end = base + e;
			o->type = ENT_PERSON;
			o->id = id;
			o->role_start = o->role_end = 0;
			if (re > rs) {
				o->role_start = base + rs;
				o->role_end = base + re;
			}
			if (g != GENDER_UNKNOWN)
				person(f, id)->by_title = g;
			break;
		}
		i = j;
	}
	*out = f->out;
	return kept;
}
