/*
 * sentence: the splitter behind `nsplit -u sent` (see sentence.h).
 *
 * The scan stops only at bytes that can end a sentence (. ! ? the first
 * byte of "…", a line feed, the colon of a caption label); everything
 * else is skipped sixteen bytes at a time, or one table lookup a byte.
 * At a stop the decision looks a bounded distance back (the word before
 * the mark) and forward (the next word), so the walk stays linear.
 */
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "sentence.h"
#include "utf8.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

extern const unsigned char data_abbreviations_txt[];
extern const size_t data_abbreviations_txt_len;
extern const unsigned char data_sentence_words_txt[];
extern const size_t data_sentence_words_txt_len;
extern const unsigned char data_words_txt[];
extern const size_t data_words_txt_len;

/* ---------------------------------------------------------------- word tables */

enum { TAB_ABBREV = 1, TAB_WORDS = 2 };

enum {
	W_NEVER = 1,            /* abbreviation that never ends a sentence */
	W_BEFORE_STARTER = 2,   /* abbreviation that ends one before a starter */
	W_BANG_NAME = 4,        /* a name spelt with "!" */
	W_STARTER = 8,          /* a word that shows a sentence begins */
	W_RUNS_ON = 16,         /* a word a line does not end a sentence on */
	W_CAPTION = 32,         /* a label that opens a caption's credit: "Image:" */
	W_REPORTING = 64,       /* a reporting verb: "Why?" Ann Lee asked */
	W_DOMAIN = 128,         /* a top-level domain or file suffix: "example.Com" */
	W_FINITE = 256          /* a finite verb after its subject: "Officials were" */
};

#define WORD_MAX 32             /* longer words are in no table */
#define SLOT_COUNT 1024         /* a power of two, well above the entries */

struct slot {
	const char *key;
	unsigned char len, table;
	unsigned short flags;
};

static struct slot slots[SLOT_COUNT];
/* Built once, on first use, whichever thread comes first (workers.h). */
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static uint32_t
word_hash(int table, const char *k, size_t n)
{
	uint32_t h = 2166136261u ^ (uint32_t)table;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)k[i]) * 16777619u;
	return h;
}

static void
table_add(int table, const char *key, size_t n, unsigned flags)
{
	uint32_t h;

	if (n == 0 || n > WORD_MAX || !flags)
		return;
	h = word_hash(table, key, n);
	for (size_t probe = 0; probe < SLOT_COUNT; probe++) {
		struct slot *sl = &slots[(h + probe) & (SLOT_COUNT - 1)];
		if (!sl->key) {
			sl->key = key;
			sl->len = (unsigned char)n;
			sl->table = (unsigned char)table;
			sl->flags = (unsigned short)flags;
			return;
		}
		if (sl->table == table && sl->len == n && memcmp(sl->key, key, n) == 0) {
			sl->flags |= (unsigned short)flags;     /* a key listed twice has both classes */
			return;
		}
	}
}

static unsigned
table_find(int table, const char *key, size_t n)
{
	uint32_t h;

	if (n == 0 || n > WORD_MAX)
		return 0;
	h = word_hash(table, key, n);
	for (size_t probe = 0; probe < SLOT_COUNT; probe++) {
		const struct slot *sl = &slots[(h + probe) & (SLOT_COUNT - 1)];
		if (!sl->key)
			return 0;
		if (sl->table == table && sl->len == n && memcmp(sl->key, key, n) == 0)
			return sl->flags;
	}
	return 0;
}

static unsigned
class_flags(const unsigned char *c, size_t n)
{
	unsigned f = 0;

	for (size_t i = 0; i < n; i++)
		switch (c[i]) {
		case 'n': f |= W_NEVER; break;
		case 'a': f |= W_BEFORE_STARTER; break;
		case 'x': f |= W_BANG_NAME; break;
		case 's': f |= W_STARTER; break;
		case 'c': f |= W_RUNS_ON; break;
		case 'p': f |= W_CAPTION; break;
		case 'v': f |= W_REPORTING; break;
		case 'd': f |= W_DOMAIN; break;
		case 'f': f |= W_FINITE; break;
		}
	return f;
}

/* Lines "key<TAB>classes"; '#' lines and empty lines are skipped. */
static void
table_load(int table, const unsigned char *d, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t ls = i, tab = 0, le;
		while (i < n && d[i] != '\n')
			i++;
		le = i++;
		if (le == ls || d[ls] == '#')
			continue;
		for (size_t j = ls; j < le; j++)
			if (d[j] == '\t') {
				tab = j;
				break;
			}
		if (!tab)
			continue;
		table_add(table, (const char *)d + ls, tab - ls,
		    class_flags(d + tab + 1, le - tab - 1));
	}
}

/* ---------------------------------------------------------------- characters */

enum {
	B_SPACE = 1, B_UPPER = 2, B_LOWER = 4, B_DIGIT = 8,
	B_STOP = 16,            /* the scan looks at this byte */
	B_OPEN = 32,            /* ( [ { " ' */
	B_CLOSE = 64            /* ) ] } " ' */
};

static unsigned char bclass[256];

static void
build_tables(void)
{
	for (int c = 'A'; c <= 'Z'; c++)
		bclass[c] = B_UPPER;
	for (int c = 'a'; c <= 'z'; c++)
		bclass[c] = B_LOWER;
	for (int c = '0'; c <= '9'; c++)
		bclass[c] = B_DIGIT;
	bclass[' '] = bclass['\t'] = bclass['\r'] = bclass['\v'] = bclass['\f'] = B_SPACE;
	bclass['\n'] = B_SPACE | B_STOP;
	bclass['.'] = bclass['!'] = bclass['?'] = bclass[':'] = B_STOP;
	bclass[0xE2] = B_STOP;  /* "…" */
	bclass['('] = bclass['['] = bclass['{'] = B_OPEN;
	bclass[')'] = bclass[']'] = bclass['}'] = B_CLOSE;
	bclass['"'] = bclass['\''] = B_OPEN | B_CLOSE;
	table_load(TAB_ABBREV, data_abbreviations_txt, data_abbreviations_txt_len);
	table_load(TAB_WORDS, data_sentence_words_txt, data_sentence_words_txt_len);
}

static uint32_t
char_at(const char *t, size_t len, size_t i, size_t *n)
{
	unsigned char c = (unsigned char)t[i];
	uint32_t cp;

	if (c < 0x80) {
		*n = 1;
		return c;
	}
	*n = utf8_decode(t + i, len - i, &cp);
	return cp;
}

/* Length of the white-space character at t[i], or 0. */
static size_t
space_at(const char *t, size_t len, size_t i)
{
	unsigned char c = (unsigned char)t[i];
	size_t n;

	if (c < 0x80)
		return (bclass[c] & B_SPACE) ? 1 : 0;
	return u_isspace(char_at(t, len, i, &n)) ? n : 0;
}

/* Length of the white-space character ending just before t[i] (i > 0), or 0. */
static size_t
space_before(const char *t, size_t i)
{
	unsigned char c = (unsigned char)t[i - 1];
	uint32_t cp;
	size_t n;

	if (c < 0x80)
		return (bclass[c] & B_SPACE) ? 1 : 0;
	n = utf8_decode_back(t, i, &cp);
	return u_isspace(cp) ? n : 0;
}

/* Length of the quotation mark or bracket at t[i] that may open (want B_OPEN) or close, or 0. */
static size_t
mark_at(const char *t, size_t len, size_t i, int want)
{
	unsigned char c = (unsigned char)t[i];
	uint32_t cp;
	size_t n;
	int q;

	if (c < 0x80)
		return (bclass[c] & want) ? 1 : 0;
	cp = char_at(t, len, i, &n);
	q = u_quote(cp);
	if (q & (want == B_OPEN ? U_QUOTE_OPENS : U_QUOTE_CLOSES))
		return n;
	return 0;
}

enum letter_case { NOT_LETTER, LOWER, UPPER };  /* UPPER: also letters without case */

static enum letter_case
letter_at(const char *t, size_t len, size_t i, size_t *n)
{
	unsigned char c = (unsigned char)t[i];
	uint32_t cp;

	if (c < 0x80) {
		*n = 1;
		return (bclass[c] & B_LOWER) ? LOWER : (bclass[c] & B_UPPER) ? UPPER : NOT_LETTER;
	}
	cp = char_at(t, len, i, n);
	if (!u_isalpha(cp))
		return NOT_LETTER;
	return u_islower(cp) ? LOWER : UPPER;
}

static int
is_ellipsis_at(const char *t, size_t len, size_t i)
{
	return i + 2 < len && (unsigned char)t[i] == 0xE2 &&
	    (unsigned char)t[i + 1] == 0x80 && (unsigned char)t[i + 2] == 0xA6;
}

static size_t
skip_spaces(const char *t, size_t len, size_t i, int *newlines)
{
	size_t n;

	while (i < len) {
		unsigned char c = (unsigned char)t[i];
		if (c < 0x80) {
			if (!(bclass[c] & B_SPACE))
				break;
			*newlines += c == '\n';
			i++;
		} else if ((n = space_at(t, len, i))) {
			i += n;
		} else {
			break;
		}
	}
	return i;
}

/* Length of the ASCII letters at t[i]. */
static size_t
letters_at(const char *t, size_t len, size_t i)
{
	size_t j = i;

	while (j < len && (bclass[(unsigned char)t[j]] & (B_UPPER | B_LOWER)))
		j++;
	return j - i;
}

/* Finds key[0..n) folded to lower case (ASCII) in the word list. */
static unsigned
word_flags_folded(const char *key, size_t n)
{
	char low[WORD_MAX];

	if (n == 0 || n > WORD_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)key[i];
		low[i] = (char)((bclass[c] & B_UPPER) ? c + 32 : c);
	}
	return table_find(TAB_WORDS, low, n);
}

/* ---------------------------------------------------------------- list items */

static int
is_bullet(uint32_t cp)
{
	switch (cp) {
	case '-': case '*': case '+':
	case 0x2013: case 0x2014: case 0x2022: case 0x2023: case 0x2043:
	case 0x25AA: case 0x25CF: case 0x25E6: case 0x25A0: case 0x00B7:
		return 1;
	}
	return 0;
}

/* A list item's marker: "-", "•", "1.", "12)", "1.)", "a)", "(b)", "ii)", "• 9.", "⁃10.". */
struct item {
	size_t len;             /* 0: no marker */
	uint32_t bullet;        /* the bullet, or 0 */
	long num;               /* the number or the letter */
	long roman;             /* the letters read as a roman numeral, or 0 */
	char kind;              /* '1' a number, 'a' a letter, 'i' roman numerals; 0 a bullet alone */
	char open, close[3];    /* "(" and ")" or "." or ".)" */
};

/* The value of the lower-case roman numeral t[i..i+n), or 0. */
static long
roman_value(const char *t, size_t i, size_t n)
{
	long v = 0, last = 0;

	for (size_t j = i + n; j-- > i; ) {
		long d = t[j] == 'i' ? 1 : t[j] == 'v' ? 5 : t[j] == 'x' ? 10 : 0;
		if (!d)
			return 0;
		v += d < last ? -d : d;
		last = d > last ? d : last;
	}
	return v;
}

/* An enumerator at t[i]: "1.", "12)", "1.)", "a)", "(b)", "ii)"; fills it and returns its length, or 0. */
static size_t
enumerator_at(const char *t, size_t len, size_t i, struct item *it)
{
	size_t j = i, n;

	it->open = 0;
	if (j < len && t[j] == '(') {
		it->open = '(';
		j++;
	}
	for (n = 0; j + n < len && (bclass[(unsigned char)t[j + n]] & B_DIGIT) && n < 4; n++)
		;
	if (n) {
		it->kind = '1';
		it->num = 0;
		for (size_t k = 0; k < n; k++)
			it->num = it->num * 10 + (t[j + k] - '0');
	} else {
		n = letters_at(t, len, j);
		if (n == 0 || n > 4)
			return 0;
		it->roman = roman_value(t, j, n);
		it->kind = n == 1 ? 'a' : 'i';
		it->num = (unsigned char)t[j];
		if (n > 1 && !it->roman)
			return 0;
	}
	j += n;
	if (j >= len)
		return 0;
	memset(it->close, 0, sizeof it->close);
	if (t[j] == ')') {
		it->close[0] = ')';
	} else if (t[j] == '.' && !it->open && (it->kind == '1' || (n == 1 && (bclass[(unsigned char)t[j - 1]] & B_LOWER)))) {
		/* "1." and "a."; "A." reads as an initial, "ii." as a word */
		it->close[0] = '.';
		if (j + 1 < len && t[j + 1] == ')')
			it->close[1] = ')';
	} else {
		return 0;
	}
	j += strlen(it->close);
	return j - i;
}

/* Fills *it with the list marker at t[i] followed by white space (not a line end); returns its length, or 0. */
static size_t
item_at(const char *t, size_t len, size_t i, struct item *it)
{
	size_t n, j = i;
	uint32_t cp = char_at(t, len, i, &n);

	memset(it, 0, sizeof *it);
	if (is_bullet(cp)) {
		it->bullet = cp;
		j += n;
		if (j < len && (bclass[(unsigned char)t[j]] & B_DIGIT) && (n = enumerator_at(t, len, j, it)))
			j += n;         /* "⁃10." */
		else if (j + 1 < len && t[j] == ' ' && (n = enumerator_at(t, len, j + 1, it)))
			j += 1 + n;     /* "• 9." */
	} else if ((n = enumerator_at(t, len, j, it))) {
		j += n;
	} else {
		return 0;
	}
	if (j >= len || !space_at(t, len, j) || t[j] == '\n')
		return 0;
	return it->len = j - i;
}

/* Returns the length of a list marker at t[i] followed by white space, or 0. */
static size_t
list_marker_at(const char *t, size_t len, size_t i)
{
	struct item it;

	return item_at(t, len, i, &it);
}

/*
 * The sentence at t[i] opens with the list item *it: where the next item
 * of the same list starts on the same line or paragraph ("1) The first
 * item 2) The second item"), or 0.  The search is bounded, so that the
 * walk stays linear.
 */
static size_t
next_item_at(const char *t, size_t len, size_t i, const struct item *it)
{
	enum { REACH = 4096 };
	size_t end = len - i > REACH ? i + REACH : len, j;
	struct item nx;

	for (j = i + it->len; j < end; j++) {
		if (t[j] == '\n' && j + 1 < end) {
			int newlines = 1;
			if (skip_spaces(t, len, j + 1, &newlines) && newlines >= 2)
				return 0;
		}
		if (!space_before(t, j) || !item_at(t, len, j, &nx))
			continue;
		if (nx.bullet != it->bullet || nx.open != it->open || strcmp(nx.close, it->close) != 0)
			continue;
		if (!it->kind ? !nx.kind : (nx.kind == it->kind && it->kind != 'i' && nx.num == it->num + 1) ||
		    (it->roman && nx.roman == it->roman + 1))
			return j;
	}
	return 0;
}

/* ---------------------------------------------------------------- full stops */

enum next_kind { NEXT_END, NEXT_LOWER, NEXT_UPPER, NEXT_DIGIT, NEXT_OTHER };

struct next_word {
	enum next_kind kind;
	int paragraph;          /* a blank line comes first */
	size_t word;            /* NEXT_UPPER: where it starts */
};

static void
look_ahead(const char *t, size_t len, size_t i, struct next_word *nw)
{
	int newlines = 0;
	size_t n;
	enum letter_case lc;

	i = skip_spaces(t, len, i, &newlines);
	nw->paragraph = newlines >= 2;
	nw->word = i;
	if (i >= len) {
		nw->kind = NEXT_END;
		return;
	}
	for (int k = 0; k < 3 && i < len && (n = mark_at(t, len, i, B_OPEN)); k++)
		i += n;
	if (i >= len) {
		nw->kind = NEXT_OTHER;
		return;
	}
	lc = letter_at(t, len, i, &n);
	if (lc == LOWER) {
		nw->kind = NEXT_LOWER;
	} else if (lc == UPPER) {
		nw->kind = NEXT_UPPER;
		nw->word = i;
	} else if (bclass[(unsigned char)t[i]] & B_DIGIT) {
		nw->kind = NEXT_DIGIT;
	} else {
		nw->kind = NEXT_OTHER;
	}
}

/* Does the next word show that a sentence begins ("The", "However")? */
static int
is_starter(const char *t, size_t len, const struct next_word *nw)
{
	size_t i = nw->word, j = i;

	if (nw->kind != NEXT_UPPER)
		return 0;
	while (j < len && (bclass[(unsigned char)t[j]] & (B_UPPER | B_LOWER)))
		j++;
	/* "A." and "J." are initials, not the article or a pronoun */
	if (j == i || (j - i == 1 && j < len && t[j] == '.'))
		return 0;
	if (j - i >= 2 && (bclass[(unsigned char)t[i + 1]] & B_UPPER))
		return 0;       /* capitals throughout: "U.S. TO SELL BILLS" is a headline */
	return (word_flags_folded(t + i, j - i) & W_STARTER) != 0;
}

/*
 * Is the next word the start of a name (at most three capitalised words)
 * followed by a reporting verb: "Why?" Ann Lee asked.
 */
static int
is_speaker_and_verb(const char *t, size_t len, const struct next_word *nw)
{
	size_t i = nw->word, n;
	int newlines = 0;

	for (int words = 0; words < 3; words++) {
		if (i >= len || !(bclass[(unsigned char)t[i]] & B_UPPER))
			return 0;
		n = letters_at(t, len, i);
		i += n;
		if (i < len && t[i] == '.')
			i++;    /* "Mr." */
		if (i >= len || t[i] != ' ')
			return 0;
		i = skip_spaces(t, len, i, &newlines);
		if (newlines || i >= len)
			return 0;
		n = letters_at(t, len, i);
		if (n && (bclass[(unsigned char)t[i]] & B_LOWER))
			return (word_flags_folded(t + i, n) & W_REPORTING) != 0;
	}
	return 0;
}

enum word_kind {
	WORD_PLAIN,             /* a word or number: a full stop after it ends a sentence */
	WORD_NEVER,             /* Mr. vs. e.g.: never */
	WORD_ABBREV,            /* Inc. U.S. J.: only before a sentence starter */
	WORD_ENUMERATOR         /* "1." opening a line: a list item's number */
};

static int
is_initialism(const char *w, size_t n)
{
	/* letters alone, separated by full stops: U.S, a.m, D.C */
	for (size_t i = 0; i < n; i += 2) {
		if (!(bclass[(unsigned char)w[i]] & (B_UPPER | B_LOWER)))
			return 0;
		if (i + 1 < n && w[i + 1] != '.')
			return 0;
	}
	return 1;
}

/* What the token before the full stop at t[i] is; lo is where the line (or text) starts. */
static enum word_kind
word_before(const char *t, size_t len, size_t lo, size_t i)
{
	size_t ts = i, ws, n;
	unsigned flags;
	int letters = 0;

	/* the token: back to white space or an opening mark, at most 64 bytes */
	while (ts > lo && i - ts < 64) {
		unsigned char c = (unsigned char)t[ts - 1];
		if (c < 0x80 ? (bclass[c] & (B_SPACE | B_OPEN)) != 0 : space_before(t, ts) != 0)
			break;
		if (c == '(' || c == '[' || c == '{')
			break;
		ts--;
	}
	if (ts == i)
		return WORD_PLAIN;
	/* its last word: letters and full stops */
	ws = i;
	while (ws > ts) {
		unsigned char c = (unsigned char)t[ws - 1];
		if (c == '.' || (bclass[c] & (B_UPPER | B_LOWER))) {
			ws--;
			letters += c != '.';
		} else if (c >= 0x80) {
			uint32_t cp;
			size_t k = utf8_decode_back(t, ws, &cp);
			if (!u_isalpha(cp) && cp != 0xB0)
				break;  /* letters, and the degree sign of "N\u00b0 5" */
			ws -= k;
			letters++;
		} else {
			break;
		}
	}
	if (ws == i) {
		/* a number alone at the head of a line: "1. The first point" */
		size_t j = ts, digits = 0;
		while (j < i && (bclass[(unsigned char)t[j]] & B_DIGIT)) {
			j++;
			digits++;
		}
		if (j == i && digits <= 3 && (ts == lo || (size_t)(ts - lo) <= 8)) {
			size_t k = lo;
			while (k < ts && space_at(t, len, k))
				k++;
			if (k == ts)
				return WORD_ENUMERATOR;
		}
		return WORD_PLAIN;
	}
	if (ws > ts) {
		/* joined to something before it: "Amazon.com", "$5", "e-mail@x.org" */
		unsigned char c = (unsigned char)t[ws - 1];
		if (c >= 0x80) {
			uint32_t cp;
			utf8_decode_back(t, ws, &cp);
			if (!u_quote(cp) && !u_isdash(cp))
				return WORD_PLAIN;
		} else if ((bclass[c] & B_DIGIT) || (c && strchr("@/\\:=&%+_$", c))) {
			return WORD_PLAIN;
		}
		/* else markup or a mark before it: "**U.S.", "\u201cMr.", "-Gen." */
	}
	flags = table_find(TAB_ABBREV, t + ws, i - ws);
	if (flags & W_NEVER)
		return WORD_NEVER;
	if (flags & W_BEFORE_STARTER)
		return WORD_ABBREV;
	if (t[ws] == '.')
		return WORD_PLAIN;
	if (letters == 1 && (n = i - ws) > 0) {
		/* one letter: an initial ("George W. Bush") */
		size_t cl;
		if (letter_at(t, len, ws, &cl) != NOT_LETTER && cl == n)
			return WORD_ABBREV;
	}
	for (size_t j = ws; j < i; j++)
		if (t[j] == '.')
			return is_initialism(t + ws, i - ws) ? WORD_ABBREV : WORD_PLAIN;
	return WORD_PLAIN;
}

/* The number of ASCII letters just before t[i], back to lo. */
static size_t
letters_before(const char *t, size_t lo, size_t i)
{
	size_t ws = i;

	while (ws > lo && (bclass[(unsigned char)t[ws - 1]] & (B_UPPER | B_LOWER)))
		ws--;
	return i - ws;
}

/*
 * Is w[0..n), folded to lower case, a common English word?  The list
 * (lib/data/words.txt) is kept in byte order, one word a line, so it is
 * searched where it lies, with nothing to build.
 */
static int
common_word(const char *w, size_t n)
{
	const char *d = (const char *)data_words_txt;
	size_t lo = 0, hi = data_words_txt_len;
	char low[WORD_MAX];

	if (n == 0 || n > WORD_MAX)
		return 0;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)((bclass[(unsigned char)w[i]] & B_UPPER) ? w[i] + 32 : w[i]);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, ls = mid, le = mid, m;
		int c;
		while (ls > lo && d[ls - 1] != '\n')
			ls--;
		while (le < hi && d[le] != '\n')
			le++;
		m = le - ls < n ? le - ls : n;
		c = memcmp(d + ls, low, m);
		if (c == 0)
			c = (le - ls > n) - (le - ls < n);
		if (c == 0)
			return 1;
		if (c < 0)
			lo = le + 1;
		else
			hi = ls;
	}
	return 0;
}

/*
 * Is the token before the full stop at t[i] a short word (at most four
 * letters) that is no common word, alone (white space or an opening mark
 * before it)?  Before a number it reads as an abbreviation ("tbl. 3"),
 * as news style spells out a number that opens a sentence.
 */
static int
short_word_before(const char *t, size_t lo, size_t i)
{
	size_t n = letters_before(t, lo, i), b = i - n;

	if (n == 0 || n > 4 || (b > lo && !(bclass[(unsigned char)t[b - 1]] & (B_SPACE | B_OPEN))))
		return 0;
	return !common_word(t + b, n);
}

/* Is there a year at t[i], four digits from 1000 to 2099 alone, as may open a sentence? */
static int
year_at(const char *t, size_t len, size_t i)
{
	if (i + 4 > len || (t[i] != '1' && !(t[i] == '2' && t[i + 1] == '0')))
		return 0;
	for (size_t j = i; j < i + 4; j++)
		if (!(bclass[(unsigned char)t[j]] & B_DIGIT))
			return 0;
	i += 4;
	if (i < len && (t[i] == '.' || t[i] == ','))
		i++;    /* "1990." ends a clause; "1990.5" and "1,990" are no years */
	return i >= len || !(bclass[(unsigned char)t[i]] & B_DIGIT);
}

/*
 * Does t[lo..hi) hold the word w[0..n) whole (mid: after a lower-case
 * word, as a name stands mid-sentence)?
 */
static int
word_in(const char *t, size_t lo, size_t hi, const char *w, size_t n, int mid)
{
	for (const char *p = t + lo; (p = memchr(p, w[0], (size_t)(t + hi - p))) && (size_t)(p - t) + n <= hi; p++) {
		size_t at = (size_t)(p - t);
		if (memcmp(p, w, n) != 0 || (at + n < hi && (bclass[(unsigned char)t[at + n]] & (B_UPPER | B_LOWER))))
			continue;
		if (!mid && (at == lo || !(bclass[(unsigned char)t[at - 1]] & (B_UPPER | B_LOWER))))
			return 1;
		if (mid && at >= lo + 2 && t[at - 1] == ' ' && (bclass[(unsigned char)t[at - 2]] & B_LOWER))
			return 1;
	}
	return 0;
}

/*
 * After an abbreviation, does the capitalised next word start a
 * sentence?  Only when the word after it is in lower case, so that a
 * name going on ("U.S. Army Corps", "U.S. Secretary of State") stays
 * whole, and never when the document writes the word as a name
 * mid-sentence ("the Senate").  Then yes when the document writes it in
 * lower case elsewhere ("left the U.S. Officials said", "... officials"),
 * or, with no such evidence, when it is a common noun followed by a
 * finite verb, as a subject is: in the plural ("U.S. Workers were"), as
 * an institution in the singular goes on with its name ("U.S. Navy
 * said"), or in any number after a clock time, which no name goes on
 * from ("at 6 p.m. Police said").
 * The search looks a bounded distance either way, so that the walk stays
 * linear.
 */
static int
starts_after_abbrev(const struct sentencer *s, const struct next_word *nw, int after_time)
{
	enum { REACH = 1 << 15 };
	const char *t = s->text;
	size_t len = s->len, w = nw->word, n, e, lo, hi, a;
	char low[WORD_MAX];
	int newlines = 0;

	if (nw->kind != NEXT_UPPER)
		return 0;
	n = letters_at(t, len, w);
	if (n < 2 || n > WORD_MAX || (bclass[(unsigned char)t[w + 1]] & B_UPPER) ||
	    (w + n < len && !(bclass[(unsigned char)t[w + n]] & B_SPACE)))
		return 0;
	for (size_t j = 1; j < n; j++)
		if (!(bclass[(unsigned char)t[w + j]] & B_LOWER))
			return 0;
	e = skip_spaces(t, len, w + n, &newlines);
	a = letters_at(t, len, e);
	if (newlines || !a || !(bclass[(unsigned char)t[e]] & B_LOWER) ||
	    (a == 2 && memcmp(t + e, "of", 2) == 0) || (a == 3 && memcmp(t + e, "and", 3) == 0))
		return 0;
	lo = w > REACH ? w - REACH : 0;
	hi = len - w > REACH ? w + REACH : len;
	if (word_in(t, lo, hi, t + w, n, 1))
		return 0;
	low[0] = (char)(t[w] + 32);
	memcpy(low + 1, t + w + 1, n - 1);
	if (word_in(t, lo, hi, low, n, 0))
		return 1;
	if (!after_time && (n < 4 || low[n - 1] != 's' || strchr("siu", low[n - 2])))
		return 0;
	return (word_flags_folded(t + e, a) & (W_FINITE | W_REPORTING)) && common_word(low, n);
}

/* Does the full stop at t[i] close a clock time: "6 p.m.", "6 A.M."? */
static int
clock_time_before(const char *t, size_t lo, size_t i)
{
	if (i < lo + 5 || t[i - 2] != '.' || (t[i - 1] | 32) != 'm' || ((t[i - 3] | 32) != 'a' && (t[i - 3] | 32) != 'p'))
		return 0;
	return t[i - 4] == ' ' ? (bclass[(unsigned char)t[i - 5]] & B_DIGIT) != 0 :
	    (bclass[(unsigned char)t[i - 4]] & B_DIGIT) != 0;
}

/*
 * The number of words (runs of anything but white space) in t[lo..hi),
 * counting up to 4; a span longer than 4 * WORD_MAX bytes counts as 4
 * without a look, so that the walk stays linear.
 */
static int
words_between(const char *t, size_t len, size_t lo, size_t hi)
{
	int words = 0, in = 0;
	size_t n;

	if (hi - lo > 4 * WORD_MAX)
		return 4;
	for (size_t j = lo; j < hi && words < 4; j += n ? n : 1) {
		n = space_at(t, len, j);
		words += !n && !in;
		in = !n;
	}
	return words;
}

/* Is the word before t[i] a name spelt with "!"? */
static int
bang_name_before(const char *t, size_t lo, size_t i)
{
	size_t ws = i;

	while (ws > lo && i - ws < WORD_MAX && (bclass[(unsigned char)t[ws - 1]] & (B_UPPER | B_LOWER)))
		ws--;
	return ws < i && (table_find(TAB_ABBREV, t + ws, i - ws) & W_BANG_NAME);
}

/*
 * A full stop at t[i] with the next sentence glued to it at t[k], as
 * scraped copy has it: "the world.Today", "on Monday.Mr. Lee", "paid
 * 1,000.That".  Before it a word in lower case, or a number when a
 * sentence starter follows; after it a capital, then lower case (as no
 * initialism is written), ending in a space, or a title's full stop.
 * Not a domain or a file name: nothing before the word is joined to it
 * by "." "/" or "@" ("www.site.Org"), and the word is no known suffix
 * ("example.Com") unless it is a sentence starter too ("It", "In").
 */
static int
glued_end(const char *t, size_t len, size_t i, size_t k)
{
	size_t n, b;
	int number;

	if (k != i + 1 || t[i] != '.' || i < 2 || !(bclass[(unsigned char)t[k]] & B_UPPER))
		return 0;
	number = (bclass[(unsigned char)t[i - 1]] & B_DIGIT) != 0;
	if (!number && (!(bclass[(unsigned char)t[i - 1]] & B_LOWER) || !(bclass[(unsigned char)t[i - 2]] & B_LOWER)))
		return 0;
	n = letters_at(t, len, k);
	if (n < 2 || k + n >= len)
		return 0;
	for (size_t j = k + 1; j < k + n; j++)
		if (!(bclass[(unsigned char)t[j]] & B_LOWER))
			return 0;
	if (t[k + n] == '.' ? !(table_find(TAB_ABBREV, t + k, n) & W_NEVER) : t[k + n] != ' ')
		return 0;
	for (b = i; b > 0 && (bclass[(unsigned char)t[b - 1]] & (B_UPPER | B_LOWER | B_DIGIT) || t[b - 1] == ','); b--)
		;
	if (b > 0 && (t[b - 1] == '.' || t[b - 1] == '/' || t[b - 1] == '@'))
		return 0;
	n = word_flags_folded(t + k, n);
	if (n & W_STARTER)
		return 1;       /* "site.It was": a pronoun before a country's domain */
	return !number && !(n & W_DOMAIN);
}

/* Length of a reference mark "[12]" at t[i], or 0. */
static size_t
citation_at(const char *t, size_t len, size_t i)
{
	size_t j = i + 1;

	if (t[i] != '[')
		return 0;
	while (j < len && j - i <= 3 && (bclass[(unsigned char)t[j]] & B_DIGIT))
		j++;
	return j > i + 1 && j < len && t[j] == ']' ? j + 1 - i : 0;
}

/*
 * Is there at t[k] (after spaces) a reference in brackets with a number,
 * closed by the sentence's own punctuation: "(Smith 55)."?
 */
static int
page_reference_at(const char *t, size_t len, size_t k)
{
	size_t j = k;
	int digit = 0;

	while (j < len && (t[j] == ' ' || t[j] == '\t'))
		j++;
	if (j >= len || t[j] != '(')
		return 0;
	for (j++; j < len && j - k < 80 && t[j] != ')'; j++) {
		if (t[j] == '(' || t[j] == '\n' || t[j] == '!' || t[j] == '?')
			return 0;
		digit |= (bclass[(unsigned char)t[j]] & B_DIGIT) != 0;
	}
	return digit && j + 1 < len && t[j] == ')' && (t[j + 1] == '.' || t[j + 1] == ',' || t[j + 1] == ';');
}

/*
 * The stop mark at t[i] (. ! ? or "…"): returns the end of the sentence
 * it closes (after any closing quotation marks and brackets), or 0 when
 * the sentence goes on; *resume is where the scan goes on.  The sentence
 * begun at start opens with a list item's marker up to item_end.
 */
static size_t
end_at_mark(const struct sentencer *s, size_t start, size_t item_end, size_t i, size_t *resume)
{
	const char *t = s->text;
	size_t len = s->len, j = i, k, n;
	int dots = 0, strong = 0, ellipsis = 0, closed = 0, spaced = 0;
	size_t lo = s->line_start > start ? s->line_start : start;
	struct next_word nw;

	if (i < item_end) {
		*resume = item_end;
		return 0;       /* an item's marker ends nothing: "a. The first item" */
	}
	for (;;) {
		if (j < len && t[j] == '.') {
			dots++;
			j++;
		} else if (j < len && (t[j] == '!' || t[j] == '?')) {
			strong = 1;
			j++;
		} else if (is_ellipsis_at(t, len, j)) {
			ellipsis = 1;
			j += 3;
		} else {
			break;
		}
	}
	if (dots == 1 && !strong && !ellipsis) {
		/* ". . ." */
		size_t e = j;
		int more = 0;
		while (e + 1 < len && t[e] == ' ' && t[e + 1] == '.') {
			e += 2;
			more++;
		}
		if (more >= 2) {
			j = e;
			dots += more;
			spaced = 1;
		}
	}
	*resume = j;
	if (dots == 3 || (dots == 2 && !strong))
		ellipsis = 1;
	else if (dots > 3)
		ellipsis = 0;   /* a full stop and an ellipsis: the stop counts */
	/* closing quotation marks and brackets, with marks between them ('?".') */
	k = j;
	for (;;) {
		if (k < len && (n = mark_at(t, len, k, B_CLOSE))) {
			closed = 1;
			k += n;
		} else if (k < len && (n = citation_at(t, len, k))) {
			k += n;
		} else if (k + 1 < len && t[k] == ' ' && t[k - 1] == ']' && (n = citation_at(t, len, k + 1))) {
			k += 1 + n;     /* "[11] [12]" */
		} else if (k < len && (t[k] == '.' || t[k] == '!' || t[k] == '?')) {
			strong |= t[k] != '.';
			k++;
		} else {
			break;
		}
	}
	if (k < len && !space_at(t, len, k))
		return glued_end(t, len, i, k) ? k : 0;     /* "3.14", "Amazon.com", "U.S.-led", "...see" */
	*resume = k;
	look_ahead(t, len, k, &nw);
	if (nw.kind == NEXT_END || nw.paragraph)
		return k;
	if (nw.kind == NEXT_LOWER || i == start)
		return 0;       /* marks alone are no sentence: "Scientology. ... The" */
	if (nw.kind == NEXT_OTHER && u_isdash(char_at(t, len, nw.word, &n)))
		return 0;       /* an attribution or an aside: "We won." - Ann Lee; voila! -- you */
	if (closed && page_reference_at(t, len, k))
		return 0;       /* the quotation's source: "... [...]" (Smith 55). */
	if (spaced && !strong && !closed) {
		/*
		 * ". . . I didn't" pauses; four dots before a capital end the
		 * sentence: "compounds. . . . The" at its first dot (words left
		 * out after it), "a period . . . . Next" at its last
		 */
		if (dots <= 3 || nw.kind != NEXT_UPPER)
			return 0;
		return i > 0 && space_before(t, i) ? k : i + 1;
	}
	if (strong) {
		if (t[i] == '!' && j == i + 1 && !closed && nw.kind == NEXT_UPPER && !is_starter(t, len, &nw) &&
		    bang_name_before(t, lo, i))
			return 0;   /* "Yahoo! Inc." */
		if (closed && nw.kind == NEXT_UPPER && is_speaker_and_verb(t, len, &nw)) {
			size_t e = nw.word + letters_at(t, len, nw.word);
			if (!is_starter(t, len, &nw) || (e < len && t[e] == '.'))
				return 0;   /* "Why?" Ann Lee asked; "Why?" Mr. Lee asked; not "Why?" He said so. */
		}
		return k;
	}
	if (ellipsis) {
		if (i > 0 && (t[i - 1] == '(' || t[i - 1] == '[') && closed)
			return nw.kind == NEXT_UPPER ? k : 0;   /* "[...]": words left out */
		return nw.kind == NEXT_UPPER && (closed || is_starter(t, len, &nw)) ? k : 0;
	}
	if (dots == 1 && closed && t[j] == ')' && k == j + 1 &&
	    word_before(t, len, lo, i) == WORD_ENUMERATOR)
		return 0;       /* "1.) The first item" */
	if (dots > 1 || closed)
		return k;
	switch (word_before(t, len, lo, i)) {
	case WORD_NEVER:
	case WORD_ENUMERATOR:
		return 0;
	case WORD_ABBREV:
		if (letters_before(t, lo, i) == 1 && i - 1 == start)
			return 0;       /* an initial opening the sentence: "Q. What", "A. Smith" */
		if (is_starter(t, len, &nw))
			return k;
		/* no fragment of three words or fewer ends on one: "The U.S. Marines said" */
		return words_between(t, len, start, i) > 3 &&
		    starts_after_abbrev(s, &nw, clock_time_before(t, lo, i)) ? k : 0;
	case WORD_PLAIN:
		if (nw.kind == NEXT_DIGIT && short_word_before(t, lo, i) && !year_at(t, len, nw.word))
			return 0;       /* an abbreviation no list holds: "see tbl. 3", "eq. 7" */
		break;
	}
	return k;
}

/*
 * The colon at t[i]: when it closes a caption label after text of the
 * same sentence ("... in Washington Image: United States Navy"), returns
 * where the label starts, which begins a new sentence; else 0.
 */
static size_t
caption_at(const char *t, size_t len, size_t start, size_t i)
{
	size_t ws = i;

	if (i + 1 < len && !space_at(t, len, i + 1))
		return 0;
	while (ws > start && i - ws <= WORD_MAX && (bclass[(unsigned char)t[ws - 1]] & (B_UPPER | B_LOWER)))
		ws--;
	if (ws == i || ws <= start || !(bclass[(unsigned char)t[ws]] & B_UPPER) || !space_before(t, ws))
		return 0;
	return (word_flags_folded(t + ws, i - ws) & W_CAPTION) ? ws : 0;
}

/* ---------------------------------------------------------------- line ends */

/* Does the text before the break at t[i] end mid-sentence (lo: the sentence start)? */
static int
ends_mid_sentence(const char *t, size_t len, size_t lo, size_t i)
{
	size_t e = i, n;
	uint32_t cp;

	while (e > lo && (n = space_before(t, e)))
		e -= n;
	if (e == lo)
		return 0;
	n = utf8_decode_back(t, e, &cp);
	if (cp == ',' || cp == ';' || u_isdash(cp))
		return 1;
	return letter_at(t, len, e - n, &n) == LOWER;
}

/* Is the line t[ls..le) (trimmed) a list item or a heading? */
static int
is_item_or_heading(const char *t, size_t len, size_t ls, size_t le)
{
	return list_marker_at(t, len, ls) || t[ls] == '#' ||
	    (le - ls >= 4 && t[le - 1] == '*' && t[le - 2] == '*');
}

/*
 * A paragraph break at t[i], the next paragraph starting at t[m]: does the
 * sentence begun at start run on over it?  Only when it was cut mid-way,
 * as a quotation broken by a paragraph break is: the text before ends in
 * a lower-case word, a comma, a semicolon or a dash, and the next
 * paragraph opens in lower case (no list item, heading or title on either
 * side).
 */
static int
runs_on_over_break(const struct sentencer *s, size_t start, size_t i, size_t m)
{
	const char *t = s->text;
	size_t len = s->len, ls = s->line_start, le = i, n;

	if (letter_at(t, len, m, &n) != LOWER || list_marker_at(t, len, m) ||
	    !ends_mid_sentence(t, len, start, i))
		return 0;
	if (ls < start)
		ls = start;
	while (ls < le && (n = space_at(t, len, ls)))
		ls += n;
	while (le > ls && (n = space_before(t, le)))
		le -= n;
	return le > ls && !is_item_or_heading(t, len, ls, le);
}

/*
 * The line feed at t[i] ends a line inside a paragraph, and the next line
 * starts at t[m]: does the sentence end with the line?
 */
static int
ends_at_line(const struct sentencer *s, size_t i, size_t m)
{
	const char *t = s->text;
	size_t len = s->len, ls = s->line_start, le = i, n, ws;
	int lower = 0, alnum = 0;
	uint32_t cp;

	while (ls < le && (n = space_at(t, len, ls)))
		ls += n;
	while (le > ls && (n = space_before(t, le)))
		le -= n;
	if (le == ls)
		return 0;
	if (list_marker_at(t, len, m))
		return 1;
	if (letter_at(t, len, m, &n) == LOWER)
		return 0;
	if (is_item_or_heading(t, len, ls, le))
		return 1;
	for (size_t j = ls; j < le; j += n) {
		enum letter_case lc = letter_at(t, len, j, &n);
		lower |= lc == LOWER;
		alnum |= lc != NOT_LETTER || (bclass[(unsigned char)t[j]] & B_DIGIT);
	}
	if (!lower && alnum)
		return 1;       /* a headline in capitals, a date line */
	n = utf8_decode_back(t, le, &cp);
	if (cp == ',' || cp == ';' || cp == ':' || cp == '(' || cp == '&' || cp == '/' || u_isdash(cp))
		return 0;       /* the sentence runs on to the next line */
	ws = le;
	while (ws > ls && (bclass[(unsigned char)t[ws - 1]] & (B_UPPER | B_LOWER)))
		ws--;
	if (ws < le && (bclass[(unsigned char)t[ws]] & B_LOWER) &&
	    (word_flags_folded(t + ws, le - ws) & W_RUNS_ON))
		return 0;       /* "...met with the\nUnited Nations" */
	return 1;               /* a headline, a byline, a date line */
}

/* ---------------------------------------------------------------- the walk */

void
sentencer_init(struct sentencer *s, const char *text, size_t len)
{
	pthread_once(&tables_once, build_tables);
	s->text = text;
	s->len = len;
	s->pos = 0;
	s->line_start = 0;
}

/*
 * The first byte at or after t[i] that the scan must look at, or len.
 * Most of the time goes here: where SSE2 is there, sixteen bytes are
 * tested at once for the B_STOP bytes (keep the two lists alike).
 */
static size_t
next_stop(const unsigned char *t, size_t len, size_t i)
{
#if defined(__SSE2__) && defined(__GNUC__)
	const __m128i nl = _mm_set1_epi8('\n'), dot = _mm_set1_epi8('.'),
	    bang = _mm_set1_epi8('!'), ask = _mm_set1_epi8('?'),
	    colon = _mm_set1_epi8(':'), e2 = _mm_set1_epi8((char)0xE2);

	while (i + 16 <= len) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i m = _mm_or_si128(
		    _mm_or_si128(_mm_cmpeq_epi8(x, nl), _mm_cmpeq_epi8(x, dot)),
		    _mm_or_si128(
			_mm_or_si128(_mm_cmpeq_epi8(x, bang), _mm_cmpeq_epi8(x, ask)),
			_mm_or_si128(_mm_cmpeq_epi8(x, colon), _mm_cmpeq_epi8(x, e2))));
		unsigned bits = (unsigned)_mm_movemask_epi8(m);
		if (bits)
			return i + (size_t)__builtin_ctz(bits);
		i += 16;
	}
#endif
	while (i + 4 <= len) {
		if (bclass[t[i]] & B_STOP)
			return i;
		if (bclass[t[i + 1]] & B_STOP)
			return i + 1;
		if (bclass[t[i + 2]] & B_STOP)
			return i + 2;
		if (bclass[t[i + 3]] & B_STOP)
			return i + 3;
		i += 4;
	}
	while (i < len && !(bclass[t[i]] & B_STOP))
		i++;
	return i;
}

static size_t
trim_end(const char *t, size_t lo, size_t e)
{
	size_t n;

	while (e > lo && (n = space_before(t, e)))
		e -= n;
	return e;
}

int
sentencer_next(struct sentencer *s, size_t *start, size_t *end)
{
	const char *t = s->text;
	size_t len = s->len, i = s->pos, n, item_end = 0, limit = len;
	struct item it;

	while (i < len && (n = space_at(t, len, i))) {
		if (t[i] == '\n')
			s->line_start = i + 1;
		i += n;
	}
	if (i >= len) {
		s->pos = len;
		return 0;
	}
	*start = i;
	/* a list item ends where the next item of its list begins: "1) The first 2) The second" */
	if (item_at(t, len, i, &it)) {
		item_end = i + it.len;
		if ((limit = next_item_at(t, len, i, &it)) == 0)
			limit = len;
	}
	while ((i = next_stop((const unsigned char *)t, limit, i)) < limit) {
		unsigned char c = (unsigned char)t[i];
		size_t b, resume;

		if (c == '\n') {
			int newlines = 1;
			size_t m = skip_spaces(t, len, i + 1, &newlines);
			if (m >= len)
				break;
			if (newlines >= 2) {
				if (!runs_on_over_break(s, *start, i, m)) {
					*end = trim_end(t, *start, i);
					s->pos = i;
					return 1;
				}
			} else if (ends_at_line(s, i, m)) {
				*end = trim_end(t, *start, i);
				s->pos = i;
				return 1;
			}
			/* the sentence runs on: to the line that holds m */
			for (size_t j = m; j > i; j--)
				if (t[j - 1] == '\n') {
					s->line_start = j;
					break;
				}
			i = m;
			continue;
		}
		if (c == ':') {
			if ((b = caption_at(t, len, *start, i))) {
				*end = trim_end(t, *start, b);
				s->pos = b;
				return 1;
			}
			i++;
			continue;
		}
		if (c == 0xE2 && !is_ellipsis_at(t, len, i)) {
			i++;
			continue;
		}
		b = end_at_mark(s, *start, item_end, i, &resume);
		if (b) {
			*end = b;
			s->pos = b;
			return 1;
		}
		i = resume > i ? resume : i + 1;
	}
	*end = trim_end(t, *start, limit);
	s->pos = limit;
	return 1;
}
