#include <string.h>
#include "timex_tense.h"
#include "timex_words.h"

#define WINDOW_BACK 12
#define WINDOW_AHEAD 8



/* Words ending in "ed" that are no past tense. */

/* Words after "to" that make it no infinitive. */
static const char *const not_verbs[] = {
	"the", "a", "an", "his", "her", "its", "their", "our", "my", "your",
	"this", "that", "these", "those", "be", "date", "end", "some", "all",
	"about", "around", "more", "less", "other", "each", "every", "one", NULL
};

static int
eq(const char *w, size_t n, const char *s)
{
	if (strlen(s) != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char a = w[i];
		if (a >= 'A' && a <= 'Z')
			a = (char)(a + 32);
		if (a != s[i])
			return 0;
	}
	return 1;
}

static int
in(const char *w, size_t n, const char *const *list)
{
	char first = w[0] >= 'A' && w[0] <= 'Z' ? (char)(w[0] + 32) : w[0];
	for (size_t i = 0; list[i]; i++)
		if (list[i][0] == first && eq(w, n, list[i]))
			return 1;
	return 0;
}

static int
lower_word(const char *w, size_t n)
{
	return n > 0 && w[0] >= 'a' && w[0] <= 'z';
}

/*
 * The cue a word gives: -1, +1 or 0, times 2 for a weak cue (an
 * infinitive: "to attend").  next is the word after it (for "to" +
 * verb, "expected to"), or NULL.
 */
static int
cue(const char *w, size_t n, const char *next, size_t nn)
{
	const char *val;
	unsigned char vlen;
	if ((n == 5 && eq(w, n, "until")) || (n == 4 && eq(w, n, "till")))
		return 1;       /* "until" is a function word in the table, and points ahead */
	if (n == 2 && eq(w, n, "to"))
		return next && lower_word(next, nn) && !in(next, nn, not_verbs) &&
		    (!tw_maybe(next, nn) || tw_lookup(next, nn, &val, &vlen) == TW_NONE) ? 2 : 0;
	int cls = tw_maybe(w, n) ? tw_lookup(w, n, &val, &vlen) : TW_NONE;
	if (cls == TW_FUTURE || (cls == TW_DAYREL && vlen == 1 && val[0] == '1') ||
	    (cls == TW_REL && eq(w, n, "next") && !(next && eq(next, nn, "to")))) {   /* not "next to" */
		/* "set to resume", "due for"; "set" and "due" alone say nothing */
		if ((eq(w, n, "set") || eq(w, n, "due")) &&
		    !(next && eq(next, nn, "to")) && !(next && eq(next, nn, "for")))
			return 0;
		return 1;
	}
	/* "as early as Tuesday": the soonest it may come, as "as soon as" */
	if (n == 5 && eq(w, n, "early") && next && eq(next, nn, "as"))
		return 1;
	if (n == 5 && eq(w, n, "since"))
		return -1;      /* "since Monday": a time gone by, whatever the verb */
	if (cls == TW_PAST || (cls == TW_AGO && eq(w, n, "ago")))
		return -1;
	if (n >= 5 && lower_word(w, n) && w[n - 2] == 'e' && w[n - 1] == 'd' && cls == TW_NONE)
		return -1;
	return 0;
}

/* A '.' '!' '?' that ends a sentence: after a lower-case word or a digit. */
static int
sentence_end(const char *text, size_t len, size_t i)
{
	char ch = text[i];
	if (ch == '!' || ch == '?' || ch == ';')
		return 1;
	if (ch != '.')
		return 0;
	if (i + 1 < len && text[i + 1] != ' ' && text[i + 1] != '\n' && text[i + 1] != '"')
		return 0;
	/* "Sept.", "Mr.", "Corp." are abbreviations */
	size_t w = i;
	while (w > 0 && tw_byte_class[(unsigned char)text[w - 1]] == 1)
		w--;
	if (w < i && text[w] >= 'A' && text[w] <= 'Z' && i - w <= 4)
		return 0;
	return i > 0 && ((text[i - 1] >= 'a' && text[i - 1] <= 'z') || (text[i - 1] >= '0' && text[i - 1] <= '9')) &&
	    !(i > 1 && text[i - 2] == '.');
}

/* Whether the word before text[s] is w. */
static int
word_before(const char *text, size_t s, const char *w)
{
	size_t e = s;
	while (e > 0 && text[e - 1] == ' ')
		e--;
	size_t b = e;
	while (b > 0 && tw_byte_class[(unsigned char)text[b - 1]] == 1)
		b--;
	return eq(text + b, e - b, w);
}

/* A participle after "be", "been", "being": "to be received" says nothing of the past. */
static int
passive(const char *text, size_t s)
{
	return word_before(text, s, "be") || word_before(text, s, "been") ||
	    word_before(text, s, "being");
}

/*
 * The cue of the word at text[s..s+n), corrected by the word before it:
 * a plan in the past perfect ("had been scheduled to expire") is a plan
 * that was, a participle after "be" no past.
 */
static int
cue_at(const char *text, size_t s, size_t n, const char *next, size_t nn)
{
	int k = cue(text + s, n, next, nn);
	if (k == 1 && word_before(text, s, "been"))
		return -1;
	if (k == -1 && passive(text, s))
		return 0;
	return k;
}

struct found {
	int any, any_d;         /* the nearest cue and its distance in words */
	int strong, strong_d;   /* the nearest strong cue */
	int what;               /* the strong cue was UNTIL ("until", "till", "as early as") or HAD */
	int aux;                /* the strong cue came after "was", "were" ("was invited to attend") */
};

enum { UNTIL = 1, HAD };

/* Which of the words that change another's reading text[s..s+n) is. */
static int
what_at(const char *text, size_t s, size_t n)
{
	if (eq(text + s, n, "until") || eq(text + s, n, "till") || eq(text + s, n, "early"))
		return UNTIL;   /* "early" is a cue only in "as early as" */
	return eq(text + s, n, "had") ? HAD : 0;
}

static void
note(struct found *f, int k, int d)
{
	int dir = k > 1 ? 1 : k;
	if (f->any_d > d) {
		f->any = dir;
		f->any_d = d;
	}
	if (k != 2 && f->strong_d > d) {
		f->strong = dir;
		f->strong_d = d;
	}
}

static int
pick(const struct found *back, const struct found *ahead, int strong)
{
	int bd = strong ? back->strong_d : back->any_d, ad = strong ? ahead->strong_d : ahead->any_d;
	int b = strong ? back->strong : back->any, a = strong ? ahead->strong : ahead->any;
	if (bd >= 1000 && ad >= 1000)
		return 0;
	/*
	 * "agreed to sell the unit in October": a past finite verb outranks
	 * the infinitive it governs, which only says the act came after the
	 * agreeing; not a participle ("was invited to attend the fair in May")
	 */
	if (!strong && bd + 1 == back->strong_d && back->strong < 0 && !back->aux)
		b = -1;
	return bd <= ad + 1 ? b : a;
}

int
timex_tense(const char *text, size_t len, size_t start, size_t end, int *strong)
{
	struct found back = { 0, 1000, 0, 1000, 0, 0 }, ahead = { 0, 1000, 0, 1000, 0, 0 };
	/* back: words before start, nearest first */
	size_t p = start;
	const char *nw = NULL;
	size_t nn = 0;
	for (int d = 1; d <= WINDOW_BACK && p > 0 && back.strong_d == 1000; ) {
		size_t q = p;
		while (q > 0 && tw_byte_class[(unsigned char)text[q - 1]] != 1) {
			q--;
			if (sentence_end(text, len, q) || (text[q] == '\n' && q > 0 && text[q - 1] == '\n'))
				goto ahead;
		}
		if (q == 0)
			break;
		size_t e = q;
		while (q > 0 && tw_byte_class[(unsigned char)text[q - 1]] == 1)
			q--;
		int k = cue_at(text, q, e - q, nw, nn);
		if (k && k != 2 && back.strong_d > d) {
			back.what = what_at(text, q, e - q);
			back.aux = word_before(text, q, "was") || word_before(text, q, "were");
		}
		if (k)
			note(&back, k, d);
		nw = text + q;
		nn = e - q;
		p = q;
		d++;
	}
ahead:
	p = end;
	for (int d = 1; d <= WINDOW_AHEAD && p < len && ahead.strong_d == 1000; ) {
		size_t q = p;
		int stop = 0;
		while (q < len && tw_byte_class[(unsigned char)text[q]] != 1) {
			if (sentence_end(text, len, q) || (text[q] == '\n' && q + 1 < len && text[q + 1] == '\n')) {
				stop = 1;
				break;
			}
			q++;
		}
		if (stop || q >= len)
			break;
		size_t s = q;
		while (q < len && tw_byte_class[(unsigned char)text[q]] == 1)
			q++;
		size_t r = q;
		while (r < len && text[r] == ' ')
			r++;
		size_t re = r;
		while (re < len && tw_byte_class[(unsigned char)text[re]] == 1)
			re++;
		int k = cue_at(text, s, q - s, re > r ? text + r : NULL, re - r);
		if (k && k != 2 && ahead.strong_d > d)
			ahead.what = what_at(text, s, q - s);
		if (k)
			note(&ahead, k, d);
		p = q;
		d++;
	}
	/*
	 * "Until Thursday, they had not called him": "until" points ahead
	 * of a time the past perfect has already put behind
	 */
	if ((back.what == UNTIL && ahead.what == HAD) || (ahead.what == UNTIL && back.what == HAD)) {
		if (strong)
			*strong = -1;
		return -1;
	}
	if (strong)
		*strong = pick(&back, &ahead, 1);
	return pick(&back, &ahead, 0);
}
