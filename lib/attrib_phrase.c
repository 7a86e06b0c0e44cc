/*
 * Candidate speaker phrases: the words before a cue ("the state's
 * attorney general said"), after an inverted one ("said the minister"),
 * and the subject a sentence opens with.
 */

#include "attrib_impl.h"

#include <string.h>

/* May a speaker phrase start with this word? */
int
opens_mention(const struct tok *t)
{
	return t->type == T_WORD &&
	    (t->cap || is_pronoun(t) || t->wc == W_DEF || t->wc == W_INDEF || t->wc == W_PERSON);
}

/* The speaker phrase that follows an inverted cue ("said the minister"). */
size_t
phrase_after(const struct tok *t, size_t i, size_t n, size_t *end)
{
	size_t j = i, name = i;

	if (i < n && t[i].type == T_WORD && !opens_mention(&t[i]) && t[i].wc == W_NONE) {
		/* "said former finance minister Maria Vale": role words, then the name */
		size_t k = i;

		while (k < n && k < i + 5 && t[k].type == T_WORD && !t[k].cap && t[k].wc != W_STOP)
			k++;
		if (k == i || k >= n || t[k].type != T_WORD || !t[k].cap)
			return 0;
		name = k;
	} else if (i >= n || !opens_mention(&t[i])) {
		return 0;
	}
	while (j < n && j - i < 10 && t[j].type == T_WORD && t[j].wc != W_STOP &&
	    !(t[j].wc == W_CUE && !t[j].cap && j >= name))
		j++;
	*end = j;
	return j - i;
}

/*
 * The speaker phrase that ends just before t[j] ("the Russian diplomat"
 * reiterated), over adverbs, an apposition ("Holt, the chief executive
 * of the union, told") and "who".
 */
size_t
phrase_before(const struct attrib *a, const struct tok *t, size_t lo, size_t j, size_t *begin)
{
	size_t e = j, b;

	while (e > lo && t[e - 1].type == T_WORD && t[e - 1].wc == W_AUX)
		e--;
	/* "I laughed and said": the subject of the first verb */
	if (e > lo + 2 && tok_is(a, &t[e - 1], "and") && t[e - 2].type == T_WORD && !t[e - 2].cap &&
	    t[e - 2].wc == W_NONE && t[e - 2].e - t[e - 2].s > 3 &&
	    memcmp(a->text + t[e - 2].e - 2, "ed", 2) == 0)
		e -= 2;
	if (e > lo + 1 && tok_is(a, &t[e - 1], "who") && t[e - 2].type == T_PUNCT && t[e - 2].ch == ',')
		e -= 2;
	if (e > lo + 1 && t[e - 1].type == T_PUNCT && (t[e - 1].ch == ',' || t[e - 1].ch == ')')) {
		uint32_t open = t[e - 1].ch == ')' ? '(' : ',';
		size_t x = e - 1;

		for (;;) {
			size_t seg = x;

			while (x > lo && e - x < 25 && !(t[x - 1].type == T_PUNCT && t[x - 1].ch == open) &&
			    !is_cue(&t[x - 1]) && t[x - 1].type != T_QUOTE)
				x--;
			/* "of Dayton, Ohio,": a place's parts, not a name in commas */
			if (open != ',' || seg - x != 1 || !t[x].cap || x < lo + 2 || !t[x - 2].cap ||
			    t[x - 2].type != T_WORD || e - x >= 25)
				break;
			size_t y = x - 1;

			while (y > lo && t[y - 1].type == T_WORD && t[y - 1].cap)
				y--;
			if (y == lo || !(t[y - 1].type == T_WORD && !t[y - 1].cap))
				break;
			x = y;
		}
		if (x > lo + 1 && t[x - 1].type == T_PUNCT && t[x - 1].ch == open && t[x - 2].type == T_WORD &&
		    t[x - 2].cap) {
			/* "Her former partner, Carl J. Weiss, called": the name in commas */
			if (open == ',' && x < e - 1 && t[x].cap && t[x].wc == W_NONE && t[e - 2].cap) {
				size_t k = x;

				while (k < e - 1 && t[k].type == T_WORD && (t[k].cap || t[k].wc == W_ABBR))
					k++;
				if (k == e - 1) {
					*begin = x;
					return e - 1 - x;
				}
			}
			e = x - 1;
		} else if (open == ',' && x > lo + 1 && x + 2 <= e - 1 && t[x - 1].type == T_PUNCT &&
		    t[x - 1].ch == ',' && t[x - 2].type == T_WORD && !t[x - 2].cap &&
		    (t[x - 2].wc == W_PERSON || t[x - 2].wc == W_NONE)) {
			/* "Another critic, Ruth E. Almond, compared": the name in commas */
			size_t k = x;

			while (k < e - 1 && t[k].type == T_WORD && (t[k].cap || t[k].wc == W_ABBR))
				k++;
			if (k == e - 1) {
				*begin = x;
				return e - 1 - x;
			}
		}
	}
	b = e;
	if (e > lo && is_pronoun(&t[e - 1])) {
		*begin = e - 1;
		return 1;
	}
	while (b > lo && e - b < 10) {
		const struct tok *x = &t[b - 1];

		if (x->type != T_WORD || x->wc == W_STOP || x->wc == W_INTRO || is_cue(x) || is_pronoun(x))
			break;
		if (x->wc == W_DEF || x->wc == W_INDEF) {
			b--;
			break;
		}
		if (x->cap || x->wc == W_PERSON || x->wc == W_ABBR) {
			b--;
			continue;
		}
		/* a lowercase word belongs to a description that a determiner opens */
		size_t k = b - 1;
		int det = 0;

		while (k > lo && b - k < 6 && t[k - 1].type == T_WORD && t[k - 1].wc != W_STOP) {
			if (t[k - 1].wc == W_DEF || t[k - 1].wc == W_INDEF) {
				det = 1;
				break;
			}
			k--;
		}
		if (!det)
			break;
		b--;
	}
	while (b < e && !opens_mention(&t[b]))
		b++;
	*begin = b;
	return e - b;
}

/*
 * Does the capitalised word t[b] open a phrase before the subject rather
 * than name it: an adverb ("Once in my twenties, I"), a word before a
 * preposition ("Back in Denver, Okafor"), a participle ("Introduced
 * on stage by Holt, Reyes")?  A name is followed by its other parts
 * or a verb, not by those.
 */
static int
opens_phrase(const struct attrib *a, const struct tok *t, size_t b, size_t n)
{
	size_t w = t[b].e - t[b].s;
	const char *x = a->text + t[b].s;

	if (!t[b].cap || b + 1 >= n || t[b + 1].type != T_WORD || t[b + 1].cap)
		return 0;
	if (t[b].wc == W_AUX || t[b + 1].wc == W_STOP)
		return 1;
	return (w > 5 && memcmp(x + w - 3, "ing", 3) == 0) || (w > 5 && memcmp(x + w - 2, "ed", 2) == 0);
}

/* The end of the lowercase role words from t[k], max at most: "campaign manager" */
size_t
role_words_end(const struct tok *t, size_t k, size_t n, size_t max)
{
	size_t e = k;

	while (e < n && e < k + max && t[e].type == T_WORD && !t[e].cap &&
	    (t[e].wc == W_NONE || t[e].wc == W_PERSON || t[e].wc == W_BODY))
		e++;
	return e;
}

/* The end of a name's words from t[k], five at most: "Dana Holt" */
size_t
name_words_end(const struct tok *t, size_t k, size_t n)
{
	size_t e = k;

	while (e < n && e < k + 5 && t[e].type == T_WORD && t[e].cap && t[e].wc != W_STOP)
		e++;
	return e;
}

/* The subject a sentence opens with, past an opening phrase ("In Ohio, Reyes"). */
size_t
sentence_subject(const struct attrib *a, const struct tok *t, size_t ls, size_t n, size_t *begin, size_t *end)
{
	size_t b = ls, e;

	/* a dateline: "DENVER, May 3 (AP) --", "Washington (AFP) -" */
	for (size_t c = b; c < n && c < b + 10 && b < n && t[b].cap; c++) {
		if (t[c].type == T_PUNCT && u_isdash(t[c].ch) && c > b) {
			b = c + 1;
			while (b < n && t[b].type == T_PUNCT && u_isdash(t[b].ch))
				b++;
			break;
		}
		if (t[c].type == T_QUOTE || (t[c].type == T_WORD && !t[c].cap && !u_isdigit(t[c].ch)))
			break;
	}
	if (b + 1 < n && t[b].type == T_WORD && t[b].wc == W_INTRO && t[b + 1].type == T_WORD)
		b++;            /* "But Sen. Ruth Almond declined" */
	if (b < n && t[b].type == T_WORD && (t[b].wc == W_STOP || t[b].wc == W_INTRO ||
	    opens_phrase(a, t, b, n))) {
		size_t c = b;

		while (c < n && c - b < 12 && !(t[c].type == T_PUNCT && t[c].ch == ','))
			c++;
		if (c < n && c - b < 12)
			b = c + 1;
	}
	e = b;
	while (e < n && e - b < 8 && t[e].type == T_WORD && t[e].wc != W_STOP && !is_cue(&t[e]) &&
	    (t[e].cap || t[e].wc == W_DEF || t[e].wc == W_INDEF || is_pronoun(&t[e]) ||
	    (e > b && (t[e - 1].wc == W_DEF || t[e - 1].wc == W_INDEF || t[e].wc == W_PERSON))))
		e++;
	if (e == b || !opens_mention(&t[b]))
		return 0;
	/*
	 * Role words between capitalised words lead to the name:
	 * "Republican presidential nominee Maria Vale", "Maria
	 * Vale's campaign manager Dana Holt".
	 */
	if (t[e - 1].cap) {
		size_t k = role_words_end(t, e, n, 3), m = name_words_end(t, k, n);

		if (k > e && m - k >= 2)
			e = m;
	}
	*begin = b;
	*end = e;
	return e - b;
}
