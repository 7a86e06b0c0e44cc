/*
 * Salience: the names and descriptions that open sentences, and the
 * people introduced with a role in commas, entered as events in the order
 * of the text, so that a pronoun finds the subject of the discourse.
 */

#include "attrib_impl.h"

#include "sorted.h"

/*
 * Is the dot at text[d] that of a title or an initial ("Mr. Weiss's
 * client", "J. Weiss"), which ends no sentence?
 */
static int
title_dot(const struct attrib *a, size_t d)
{
	size_t w = d;

	if (a->text[d] != '.')
		return 0;
	while (w > 0 && ((a->text[w - 1] >= 'a' && a->text[w - 1] <= 'z') ||
	    (a->text[w - 1] >= 'A' && a->text[w - 1] <= 'Z')))
		w--;
	return d - w >= 1 && d - w <= 3 && a->text[w] >= 'A' && a->text[w] <= 'Z' &&
	    (w == 0 || a->text[w - 1] == ' ' || a->text[w - 1] == '\n');
}

/*
 * How many words a phrase fronted before the subject may hold ("In his
 * statement on Monday, Ruiz ...", "One delegate, Party chair Ana Ruiz ...").
 */
#define FRONTED_WORDS 8

/* Is the mention at [s, ...) the subject its sentence opens with? */
static int
opens_sentence(struct attrib *a, size_t ps, size_t s)
{
	size_t i = s, words = 0;
	int fronted = 0;        /* past the comma before the mention and its title: any words up to the sentence's start */

	while (i > ps) {
		uint32_t cp;
		size_t k = utf8_decode_back(a->text, i, &cp);

		if (cp == '\n') {
			size_t j = i - k;

			while (j > ps && (a->text[j - 1] == ' ' || a->text[j - 1] == '\t' || a->text[j - 1] == '\r'))
				j--;
			if (j == ps || a->text[j - 1] == '\n' || a->lines)
				return 1;       /* a paragraph's start */
		}
		if (u_isspace(cp)) {
			i -= k;
			continue;
		}
		if (cp == '.' && title_dot(a, i - k)) {
			i -= k;         /* "Mr." */
			continue;
		}
		if (cp == '.' || cp == '!' || cp == '?')
			return 1;
		if (cp == ',' && !fronted && words <= 6) {
			i -= k;
			fronted = 1;
			words = 0;
			continue;
		}
		if (cp == ',' && words <= 1) {
			i -= k;
			continue;       /* "Also, Lavrov ..." */
		}
		if (fronted && u_isdigit(cp)) {
			i -= k;
			continue;       /* "On May 3, Lavrov ..." */
		}
		if (!u_isalpha(cp))
			return 0;
		/* a word: capitalised (a title) or an opening word */
		size_t we = i;

		while (i > ps) {
			size_t k2 = utf8_decode_back(a->text, i, &cp);

			if (!u_isalpha(cp) && cp != '.' && cp != '-')
				break;
			i -= k2;
		}
		utf8_decode(a->text + i, we - i, &cp);
		enum wclass wc = word_class(a, a->text + i, we - i);

		if (!u_isupper(cp) && wc != W_INTRO && wc != W_DEF && !fronted)
			return 0;
		if (++words > (fronted ? FRONTED_WORDS : 6))
			return 0;
	}
	return 1;
}


static int
inside_quote(const struct quote_span *q, size_t nq, size_t *cursor, size_t pos)
{
	while (*cursor < nq && q[*cursor].end <= pos)
		(*cursor)++;
	return *cursor < nq && q[*cursor].start <= pos;
}

/*
 * The cursor inside_quote would reach for pos from the first span: the
 * first span that ends after pos (the spans' ends grow with their starts).
 */
size_t
quote_cursor(const struct quote_span *q, size_t nq, size_t pos)
{
	return sorted_below32(q, nq, sizeof *q, offsetof(struct quote_span, end), pos + 1);
}

/*
 * Is the person introduced here with a description in commas ("Omar
 * Farouk, head of the council,", "Ana Ruiz, a lawyer,")?  An
 * introduction brings a person into focus wherever it stands.
 */
static int
introduced(struct attrib *a, const struct entity *en)
{
	struct tok t[3];
	size_t hi, n;

	if (en->type != ENT_PERSON || en->end + 2 >= a->len || a->text[en->end] != ',')
		return 0;
	hi = en->end + 60 < a->len ? en->end + 60 : a->len;
	n = tokenize(a, en->end + 1, hi, t, 3);
	if (n < 2 || t[0].type != T_WORD || t[0].cap)
		return 0;
	if (t[0].wc == W_DEF || t[0].wc == W_INDEF || t[0].wc == W_PERSON)
		return 1;
	/* "executive director of ..." */
	return t[0].wc == W_NONE && (tok_is(a, &t[1], "of") || tok_is(a, &t[1], "at") ||
	    (n > 2 && t[1].type == T_WORD && !t[1].cap && (tok_is(a, &t[2], "of") || tok_is(a, &t[2], "at"))));
}

/*
 * Records who each sentence is about: a person named as its subject, or
 * a description of one ("The Russian diplomat reiterated ...").
 */
void
find_subjects(struct attrib *a, const struct quote_span *q, size_t nq, size_t from)
{
	size_t cursor = 0;
	int placed = 0;

	for (size_t i = from; i < a->nents; i++) {
		const struct entity *en = &a->ents[i];
		struct person *p = person_of(a, en->id);

		p->type = en->type;
		if (!p->seen) {
			p->seen = 1;
			p->rolelen = p->rolecap = 0;
		}
		if (en->role_end > en->role_start) {
			/* the nationality before the title: "Russian Foreign Minister" */
			size_t rs = en->role_start;

			if (rs > 2 && a->text[rs - 1] == ' ') {
				size_t w = rs - 1;

				while (w > 0 && a->text[w - 1] != ' ' && a->text[w - 1] != '\n')
					w--;
				if (w < rs - 1 && a->text[w] >= 'A' && a->text[w] <= 'Z')
					rs = w;
			}
			note_role(a, p, rs, en->role_end);
		}
		if (en->type != ENT_PERSON && en->type != ENT_ORG)
			continue;
		if (!placed) {
			/* where a cursor from the first span would stop: not a walk from there per piece */
			cursor = quote_cursor(q, nq, en->start);
			placed = 1;
		}
		if (inside_quote(q, nq, &cursor, en->start))
			continue;
		size_t s = en->role_end > en->role_start && en->role_start < en->start ? en->role_start : en->start;

		if (opens_sentence(a, para_start_of(a, s), s) || introduced(a, en))
			add_event(a, en->start, en->id);
	}
}

/*
 * A sentence that opens with a name the finder did not mark there but
 * knows from elsewhere in the document ("Reyes said ...").
 */
static void
name_subject(struct attrib *a, const struct quote_span *q, size_t nq, size_t *cursor, size_t i)
{
	size_t j = i;

	/* only at a sentence's start: after . ! ? or a paragraph break */
	while (j > 0 && (a->text[j - 1] == ' ' || a->text[j - 1] == '\r'))
		j--;
	if (j > 0 && a->text[j - 1] != '.' && a->text[j - 1] != '!' && a->text[j - 1] != '?' &&
	    !(a->text[j - 1] == '\n' && ((j > 1 && a->text[j - 2] == '\n') || a->lines)))
		return;
	if (j > 0 && title_dot(a, j - 1))
		return;
	if (inside_quote(q, nq, cursor, i))
		return;
	struct tok t[6];
	size_t hi = i + 80 < a->len ? i + 80 : a->len;
	size_t n = tokenize(a, i, hi, t, 6), k = 0;

	while (k < n && t[k].type == T_WORD && t[k].cap && t[k].wc == W_NONE)
		k++;
	if (k == 0 || k >= n || t[k].type != T_WORD || t[k].cap)
		return;
	int id = known_by_last_word(a, &t[k - 1]);

	if (id >= 0)
		add_event(a, t[0].s, id);
}

/* Sentences in text[from..to) that open with a description ("The Russian diplomat said"). */
void
find_described_subjects(struct attrib *a, const struct quote_span *q, size_t nq, size_t from, size_t to)
{
	size_t cursor = quote_cursor(q, nq, from);

	for (size_t i = from; i < to && i + 4 < a->len; i++) {
		char c = a->text[i];

		if (c >= 'A' && c <= 'Z' && !(c == 'T' && a->text[i + 1] == 'h' && a->text[i + 2] == 'e' &&
		    a->text[i + 3] == ' ')) {
			name_subject(a, q, nq, &cursor, i);
			continue;
		}
		if (c != 'T' || a->text[i + 1] != 'h' || a->text[i + 2] != 'e' || a->text[i + 3] != ' ')
			continue;
		if (i > 0 && !(a->text[i - 1] == ' ' || a->text[i - 1] == '\n'))
			continue;
		if (inside_quote(q, nq, &cursor, i) || !opens_sentence(a, para_start_of(a, i), i))
			continue;
		struct tok t[8];
		size_t hi = i + 120 < a->len ? i + 120 : a->len;
		size_t n = tokenize(a, i, hi, t, 8);

		for (size_t k = 1; k < n && t[k].type == T_WORD; k++) {
			if (t[k].wc == W_PERSON) {
				int id = describe(a, t, 0, k + 1, i);

				if (id >= 0)
					add_event(a, t[0].s, id);
				break;
			}
			if (t[k].wc == W_STOP || t[k].wc == W_CUE)
				break;
		}
	}
}
