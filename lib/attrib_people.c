/*
 * Resolution: the people and organisations the document has named, the
 * roles it gave them, the moments the discourse is about each (events),
 * and a speaker phrase (a name, a pronoun, a description) resolved to one
 * of them.
 */

#include "attrib_impl.h"

#include <string.h>

#include "sorted.h"
#include "xalloc.h"

/*
 * How many of the latest mentions known_by_last_word reads: a sentence
 * start costs the same on the thousandth page as on the first.
 */
#define RECENT_PEOPLE 512

/* The person of entity id, met in a mention of the text. */
struct person *
person_of(struct attrib *a, int id)
{
	if (id < 0)
		return NULL;
	if ((size_t)id >= a->npeople) {
		if ((size_t)id >= a->cappeople) {
			size_t n = a->cappeople ? a->cappeople : 64;

			while (n <= (size_t)id)
				n *= 2;
			a->people = xrealloc(a->people, n * sizeof *a->people);
			a->cappeople = n;
		}
		/* only the people met: memory the doubling leaves untouched costs nothing */
		memset(a->people + a->npeople, 0, ((size_t)id + 1 - a->npeople) * sizeof *a->people);
		a->npeople = (size_t)id + 1;
	}
	if (a->met == NULL)
		a->met = xmalloc(RECENT_PEOPLE * sizeof *a->met);
	a->met[a->nmet % RECENT_PEOPLE] = id;
	a->people[id].last_met = ++a->nmet;
	return &a->people[id];
}

/*
 * The events stand in a gap buffer: the speakers that resolve_all adds
 * fall among the subjects already read, each after the one before, so
 * the gap moves forward with them rather than every later event moving
 * once per speaker.
 */
static struct event *
event_at(const struct attrib *a, size_t i)
{
	return &a->events[i < a->evgap ? i : i + (a->capevents - a->nevents)];
}

/* How many events stand before the document offset at: those before the gap, then after it. */
static size_t
events_before(const struct attrib *a, size_t at)
{
	size_t off = offsetof(struct event, pos), n = sorted_below(a->events, a->evgap, sizeof *a->events, off, at);

	if (n < a->evgap || a->events == NULL)
		return n;
	return n + sorted_below(a->events + a->evgap + (a->capevents - a->nevents), a->nevents - a->evgap,
	    sizeof *a->events, off, at);
}

/* How many of the piece's mentions, in order of start, start before pos. */
static size_t
ents_before(const struct attrib *a, size_t pos)
{
	return sorted_below(a->ents, a->nents, sizeof *a->ents, offsetof(struct entity, start), pos);
}

void
add_event(struct attrib *a, size_t pos, int id)
{
	if (id < 0)
		return;
	if (a->nevents == a->capevents) {
		size_t cap = a->capevents ? 2 * a->capevents : 64, tail = a->nevents - a->evgap;

		a->events = xrealloc(a->events, cap * sizeof *a->events);
		memmove(a->events + cap - tail, a->events + a->evgap, tail * sizeof *a->events);
		a->capevents = cap;
	}
	/* keep them in order of position, after those at the same place: speakers arrive after subjects */
	size_t at = events_before(a, a->base + pos + 1), room = a->capevents - a->nevents;

	if (at < a->evgap)
		memmove(a->events + at + room, a->events + at, (a->evgap - at) * sizeof *a->events);
	else
		memmove(a->events + a->evgap, a->events + a->evgap + room, (at - a->evgap) * sizeof *a->events);
	a->events[at].pos = a->base + pos;
	a->events[at].id = id;
	a->evgap = at + 1;
	a->nevents++;
}

/*
 * Room for need bytes of p's roles: its slot grown in place at the
 * arena's end, else moved there at twice its size, so that the bytes a
 * person's roles leave behind are fewer than they hold.
 */
static char *
role_room(struct attrib *a, struct person *p, size_t need)
{
	if (need > p->rolecap) {
		size_t cap = 2 * (size_t)p->rolecap;

		if (cap < need)
			cap = need < 16 ? 16 : need;
		if (cap > ROLE_MAX)
			cap = ROLE_MAX;
		int last = p->rolecap && p->role + p->rolecap == a->nroles;
		size_t at = last ? p->role : a->nroles;

		if (at + cap > a->caproles) {
			a->caproles = at + cap > 2 * a->caproles ? at + cap : 2 * a->caproles;
			a->roles = xrealloc(a->roles, a->caproles);
		}
		if (!last && p->rolelen)
			memcpy(a->roles + at, a->roles + p->role, p->rolelen);
		p->role = at;
		p->rolecap = (unsigned char)cap;
		a->nroles = at + cap;
	}
	return a->roles + p->role;
}

void
note_role(struct attrib *a, struct person *p, size_t s, size_t e)
{
	/* a space and the words, within ROLE_MAX - 1 bytes */
	char *role = role_room(a, p, p->rolelen + 1 + (e - s) < ROLE_MAX ? p->rolelen + 1 + (e - s) : ROLE_MAX);

	for (size_t i = s; i < e && p->rolelen + 2 < ROLE_MAX; i++) {
		char c = a->text[i];

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (i == s && p->rolelen)
			role[p->rolelen++] = ' ';
		role[p->rolelen++] = c;
	}
}

static int
role_has(const struct attrib *a, const struct person *p, const struct tok *t)
{
	size_t n = t->e - t->s;

	if (n < 3 || n > p->rolelen)
		return 0;
	const char *role = a->roles + p->role;

	for (size_t i = 0; i + n <= p->rolelen; i++) {
		if ((i > 0 && role[i - 1] != ' ') || (i + n < p->rolelen && role[i + n] != ' '))
			continue;
		size_t k;

		for (k = 0; k < n; k++) {
			char c = a->text[t->s + k];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != role[i + k])
				break;
		}
		if (k == n)
			return 1;
	}
	return 0;
}

static int
gender_fits(const struct attrib *a, int id, enum wclass pron)
{
	enum entity_gender g = entity_gender_of(a->ef, id);

	if (pron == W_MALE)
		return g != GENDER_FEMALE;
	if (pron == W_FEMALE)
		return g != GENDER_MALE;
	return 1;
}

/*
 * Is entity id plausibly a person to refer back to: a known gender, or a
 * name of two words or more?  Keeps sentence-initial words that the name
 * finder took for people ("All", "Monday") out of pronoun resolution.
 */
static int
looks_personal(const struct attrib *a, int id)
{
	size_t n;
	const char *c;

	if (entity_gender_of(a->ef, id) != GENDER_UNKNOWN)
		return 1;
	c = entity_canonical(a->ef, id, &n);
	return c != NULL && memchr(c, ' ', n) != NULL;
}

/*
 * How far back the questions "who was the text last about" look, in
 * events and in names: a pronoun or a description a page later names
 * someone nearer, and the search stays bounded however many people a
 * long text holds.
 */
#define RECENT 256

/* The person in focus before pos whose gender fits the pronoun. */
int
focus(const struct attrib *a, size_t pos, enum wclass pron)
{
	size_t end = events_before(a, a->base + pos);

	for (size_t i = end; i > 0 && end - i < RECENT; i--) {
		const struct event *ev = event_at(a, i - 1);

		if (a->people[ev->id].type == ENT_PERSON && gender_fits(a, ev->id, pron) &&
		    looks_personal(a, ev->id))
			return ev->id;
	}
	/* no subject yet: the last person named */
	end = ents_before(a, pos);
	for (size_t i = end; i > 0 && end - i < RECENT; i--) {
		const struct entity *en = &a->ents[i - 1];

		if (en->type == ENT_PERSON && gender_fits(a, en->id, pron))
			return en->id;
	}
	return -1;
}

/* The organisation in focus before pos ("it", "they"). */
static int
focus_org(const struct attrib *a, size_t pos)
{
	size_t end = events_before(a, a->base + pos);

	for (size_t i = end; i > 0 && end - i < 4; i--) {
		const struct event *ev = event_at(a, i - 1);

		if (a->people[ev->id].type == ENT_ORG)
			return ev->id;
	}
	return -1;
}

/* Does the canonical name of id hold the word t ("the commission")? */
static int
name_has(const struct attrib *a, int id, const struct tok *t)
{
	size_t n, w = t->e - t->s;
	const char *c = entity_canonical(a->ef, id, &n);

	for (size_t i = 0; c != NULL && i + w <= n; i++) {
		if (i > 0 && c[i - 1] != ' ')
			continue;
		if (i + w < n && c[i + w] != ' ')
			continue;
		size_t k;

		for (k = 0; k < w; k++) {
			char x = c[i + k], y = a->text[t->s + k];

			if (x >= 'A' && x <= 'Z')
				x = (char)(x - 'A' + 'a');
			if (y >= 'A' && y <= 'Z')
				y = (char)(y - 'A' + 'a');
			if (x != y)
				break;
		}
		if (k == w)
			return 1;
	}
	return 0;
}

/* How many words of the description t[b..e), its determiners aside, the roles of p hold. */
static int
role_score(const struct attrib *a, const struct person *p, const struct tok *t, size_t b, size_t e)
{
	int score = 0;

	for (size_t k = b; k < e; k++)
		if (t[k].type == T_WORD && t[k].wc != W_DEF)
			score += role_has(a, p, &t[k]);
	return score;
}

/* Does t open a description with "the", "this" or "that" rather than a possessor ("her")? */
static int
demonstrative(const struct attrib *a, const struct tok *t)
{
	return tok_is(a, t, "the") || tok_is(a, t, "this") || tok_is(a, t, "that");
}

/* The person a description such as "the Russian diplomat" stands for. */
int
describe(struct attrib *a, const struct tok *t, size_t b, size_t e, size_t pos)
{
	int best = -1, best_score = 0;
	size_t best_at = 0;

	/*
	 * Among the people of the last RECENT events and names before pos:
	 * a description a page later names someone nearer, and the search
	 * stays bounded however many people a long text holds.
	 */
	size_t lo = events_before(a, a->base + pos);

	for (size_t i = lo > RECENT ? lo - RECENT : 0; i < lo; i++) {
		const struct event *ev = event_at(a, i);
		const struct person *p = &a->people[ev->id];
		if (p->type != ENT_PERSON)
			continue;
		int score = role_score(a, p, t, b, e);

		if (score > best_score || (score == best_score && score > 0 && ev->pos >= best_at)) {
			best = ev->id;
			best_score = score;
			best_at = ev->pos;
		}
	}
	size_t upto = ents_before(a, pos);

	for (size_t i = upto > RECENT ? upto - RECENT : 0; i < upto; i++) {
		const struct entity *en = &a->ents[i];
		const struct person *p = &a->people[en->id];
		if (en->type != ENT_PERSON)
			continue;
		int score = role_score(a, p, t, b, e);

		if (score > best_score) {
			best = en->id;
			best_score = score;
		}
	}
	if (best >= 0)
		return best;
	for (size_t k = b; k < e; k++)
		if (t[k].wc == W_PERSON)
			return focus(a, pos, W_NONE);
	if (e > b && t[e - 1].wc == W_BODY) {
		/* "the commission": the organisation whose name holds the word */
		for (size_t i = lo; i > 0 && lo - i < RECENT; i--) {
			const struct event *ev = event_at(a, i - 1);

			if (a->people[ev->id].type == ENT_ORG && name_has(a, ev->id, &t[e - 1]))
				return ev->id;
		}
		for (size_t i = upto; i > 0 && upto - i < RECENT; i--) {
			const struct entity *en = &a->ents[i - 1];

			if (en->type == ENT_ORG && name_has(a, en->id, &t[e - 1]))
				return en->id;
		}
		/* "the group" whose name does not say so: the organisation in focus, else the last named */
		if (!demonstrative(a, &t[b]))
			return -1;
		for (size_t i = lo; i > 0 && lo - i < RECENT; i--) {
			const struct event *ev = event_at(a, i - 1);

			if (a->people[ev->id].type == ENT_ORG)
				return ev->id;
		}
		for (size_t i = upto; i > 0 && upto - i < RECENT; i--) {
			const struct entity *en = &a->ents[i - 1];

			if (en->type == ENT_ORG)
				return en->id;
		}
	}
	return -1;
}

/*
 * The person (else organisation) of this document whose canonical name
 * ends with the word t, possessive aside; -1 when none or several people.
 * Among the people of the last RECENT_PEOPLE mentions: in an article,
 * everyone; in a book-length text, those in play.
 */
int
known_by_last_word(const struct attrib *a, const struct tok *t)
{
	size_t w = t->e - t->s;
	const char *x = a->text + t->s;
	int found = -1, found_org = -1;

	if (w > 2 && x[w - 2] == '\'' && x[w - 1] == 's')
		w -= 2;
	else if (w > 4 && memcmp(x + w - 4, "\xe2\x80\x99s", 4) == 0)
		w -= 4;
	if (w < 2)
		return -1;
	for (size_t k = a->nmet > RECENT_PEOPLE ? a->nmet - RECENT_PEOPLE : 0; k < a->nmet; k++) {
		int id = a->met[k % RECENT_PEOPLE];
		const struct person *p = &a->people[id];
		size_t n;
		const char *c;

		if (p->last_met != k + 1)
			continue;       /* met again since: once is enough */
		if (!p->seen || (p->type != ENT_PERSON && p->type != ENT_ORG))
			continue;
		c = entity_canonical(a->ef, id, &n);
		if (c == NULL || n < w || memcmp(c + n - w, x, w) != 0 || (n > w && c[n - w - 1] != ' '))
			continue;
		if (p->type == ENT_PERSON) {
			if (found >= 0 && found != id)
				return -1;      /* two people share it: leave it */
			found = id;
		} else if (found_org < 0 || id < found_org) {
			found_org = id; /* the first the text named */
		}
	}
	return found >= 0 ? found : found_org;
}

/* Does the word end in 's (a possessor, not a speaker)? */
static int
possessive(const struct attrib *a, const struct tok *t)
{
	size_t n = t->e - t->s;
	const char *w = a->text + t->s;

	return (n > 2 && w[n - 2] == '\'' && w[n - 1] == 's') ||
	    (n > 4 && memcmp(w + n - 4, "\xe2\x80\x99s", 4) == 0) ||
	    (n > 1 && (w[n - 1] == '\'' || (n > 3 && memcmp(w + n - 3, "\xe2\x80\x99", 3) == 0)));
}

/* Resolves the speaker phrase t[b..e). */
struct resolved
resolve(struct attrib *a, const struct tok *t, size_t b, size_t e)
{
	struct resolved r = { -1, 0, 0 };
	size_t head_e = e;

	if (b >= e)
		return r;
	if (e - b == 1 && is_pronoun(&t[b])) {
		if (t[b].wc == W_MALE || t[b].wc == W_FEMALE)
			r.id = focus(a, t[b].s, (enum wclass)t[b].wc);
		else if (t[b].wc == W_THING || t[b].wc == W_PLURAL)
			r.id = focus_org(a, t[b].s);
		return r;
	}
	/* "the representative of X" is not X */
	if (t[b].wc == W_DEF || t[b].wc == W_INDEF)
		for (size_t k = b + 1; k < e; k++)
			if (tok_is(a, &t[k], "of")) {
				head_e = k;
				break;
			}
	size_t hs = t[b].s, he = t[head_e - 1].e;

	if (t[b].wc != W_DEF && t[b].wc != W_INDEF) {
		/*
		 * A name at the end of the phrase is the speaker, whatever the
		 * phrase holds before it ("Maria Vale's campaign manager
		 * Dana Holt", "Republican nominee Maria Vale"); an
		 * apposition, a party label or "of" a place ends it ("Sen. Ruth
		 * Almond (D-Ore.)", "Gov. Peter Lang of Nevada").
		 */
		size_t k = b, last;

		while (k < head_e && t[k].type == T_WORD && !tok_is(a, &t[k], "of") && !tok_is(a, &t[k], "who"))
			k++;
		last = k;
		if (last > b && t[last - 1].cap && !possessive(a, &t[last - 1])) {
			size_t ws = t[last - 1].s, we = t[last - 1].e;
			int pick = -1;

			/* the last mention over the word: mentions neither overlap nor nest, so ends grow as starts do */
			for (size_t i = ents_before(a, ws + 1); i > 0 && a->ents[i - 1].end >= we; i--)
				if (a->ents[i - 1].type == ENT_PERSON) {
					pick = a->ents[i - 1].id;
					break;
				}
			if (pick < 0)
				pick = known_by_last_word(a, &t[last - 1]);
			if (pick >= 0) {
				r.id = pick;
				return r;
			}
			size_t f = last - 1;

			while (f > b && t[f - 1].cap && !possessive(a, &t[f - 1]))
				f--;
			while (f < last - 1 && t[f].wc == W_ABBR)
				f++;    /* "Sen." */
			if (last - f >= 2) {
				/* a full name the finder did not mark: as written */
				r.as_written_s = t[f].s;
				r.as_written_e = we;
				return r;
			}
		}
	}
	/*
	 * "the New York businessman": an organisation that only modifies a
	 * person noun at the head is where the speaker works, not the speaker.
	 */
	int person_head = t[b].wc == W_DEF && head_e - b > 1 && !t[head_e - 1].cap &&
	    t[head_e - 1].wc == W_PERSON;

	for (size_t i = ents_before(a, hs); i < a->nents && a->ents[i].start <= he; i++) {
		const struct entity *en = &a->ents[i];

		if (person_head && en->type == ENT_ORG && en->end <= t[head_e - 1].s)
			continue;
		if (en->start >= hs && en->end <= he && (en->type == ENT_PERSON || en->type == ENT_ORG)) {
			/* a possessor ("the mayor's spokesman") does not speak */
			if (en->end + 1 < a->len && en->end < he &&
			    (a->text[en->end] == '\'' || (unsigned char)a->text[en->end] == 0xE2))
				continue;
			if (r.id < 0 || a->ents[r.id].type != ENT_PERSON || en->type == ENT_PERSON)
				r.id = (int)i;
		}
	}
	if (r.id >= 0) {
		r.id = a->ents[r.id].id;
		return r;
	}
	if (t[head_e - 1].cap && t[b].wc != W_INDEF) {
		/* a name the finder missed here but found elsewhere: "Reyes" -> "Tom Reyes" */
		r.id = known_by_last_word(a, &t[head_e - 1]);
		if (r.id >= 0)
			return r;
	}
	if (t[b].wc == W_INDEF)
		return r;
	if (!t[head_e - 1].cap || t[b].wc == W_DEF) {
		/* "the Russian diplomat", "the mayor's former adviser", "the Foreign Minister" */
		r.id = describe(a, t, b, head_e, t[b].s);
		if (r.id < 0 && !t[head_e - 1].cap && t[head_e - 1].wc == W_BODY) {
			/* "the ballot commission" that no name holds: the body, by what the text calls it */
			r.as_written_s = t[b + (t[b].wc == W_DEF && head_e - b > 1)].s;
			r.as_written_e = he;
		}
		if (r.id >= 0 || !t[head_e - 1].cap)
			return r;
	}
	if (t[b].wc == W_DEF) {
		r.as_written_s = t[b + (head_e - b > 1)].s;    /* "the White House" */
		r.as_written_e = he;
		return r;
	}
	if (t[b].cap) {
		/* as written, from after a possessor: "Vale's campaign manager Dana Holt" */
		size_t k = head_e;

		while (k > b && t[k - 1].type == T_WORD && t[k - 1].cap && !(t[k - 1].e - t[k - 1].s > 2 &&
		    (a->text[t[k - 1].e - 2] == '\'' || a->text[t[k - 1].e - 3] == '\x80')))
			k--;
		r.as_written_s = k < head_e ? t[k].s : hs;
		r.as_written_e = he;
	}
	return r;
}
