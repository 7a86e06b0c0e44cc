#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "token.h"
#include "utf8.h"
#include "xalloc.h"

#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

/* Words whose period belongs to them even before a space (CoNLL keeps "Corp."), by first letter. */
static const char *const abbreviations[26] = {
	" Adm Apr Aug Ariz ",
	" Bros ",
	" Corp Co Col Capt Cmdr Calif Conn ",
	" Dr Dec ",
	"",
	" Ft Feb Fla ",
	" Gen Gov ",
	" Hon ",
	" Inc Ill ",
	" Jr Jan ",
	"",
	" Ltd Lt ",
	" Mr Mrs Ms Mt Maj Mar Messrs Mass Md Mich Minn ",
	" No Nov ",
	" Oct Ont ",
	" Prof Pa ",
	"",
	" Rep Rev ",
	" St Sr Sgt Sen Sep Sept ",
	" Tex ",
	"",
	" vs Va ",
	" Wash ",
	"",
	"",
	"",
};

/*
 * What a word must be for abbreviations[] to hold it, by first letter:
 * no longer than the longest there, and in the case one there begins
 * with (bit 1 upper, bit 2 lower).  Measured once from the table, so
 * that most words before a full stop ("said.") need no look in it.
 */
static unsigned char abbreviation_longest[26], abbreviation_cases[26];
static pthread_once_t abbreviations_once = PTHREAD_ONCE_INIT;

static void
measure_abbreviations(void)
{
	for (int k = 0; k < 26; k++)
		for (const char *p = abbreviations[k]; *p;) {
			size_t n = 0;
			while (*p == ' ')
				p++;
			while (p[n] && p[n] != ' ')
				n++;
			if (n == 0)
				break;
			if (n > abbreviation_longest[k])
				abbreviation_longest[k] = (unsigned char)n;
			abbreviation_cases[k] |= p[0] >= 'a' && p[0] <= 'z' ? 2 : 1;
			p += n;
		}
}

static int
is_abbreviation(const char *w, size_t n)
{
	unsigned c = n ? (unsigned char)w[0] : 0, k = (c | 0x20) - 'a';
	if (n == 0 || k >= 26 || n > abbreviation_longest[k] ||
	    !(abbreviation_cases[k] & (c >= 'a' ? 2 : 1)))
		return 0;
	return lexicon_in_list(abbreviations, w, n);
}

/* The spelling flags of each byte that is an ASCII letter or digit, else 0: one load a byte. */
#define D_ TOK_DIGIT
#define U_ (TOK_ALPHA | TOK_UPPER)
#define L_ (TOK_ALPHA | TOK_LOWER)
static const unsigned char ascii_spelling[256] = {
	['0'] = D_, ['1'] = D_, ['2'] = D_, ['3'] = D_, ['4'] = D_, ['5'] = D_, ['6'] = D_, ['7'] = D_, ['8'] = D_, ['9'] = D_,
	['A'] = U_, ['B'] = U_, ['C'] = U_, ['D'] = U_, ['E'] = U_, ['F'] = U_, ['G'] = U_, ['H'] = U_, ['I'] = U_, ['J'] = U_, ['K'] = U_, ['L'] = U_, ['M'] = U_,
	['N'] = U_, ['O'] = U_, ['P'] = U_, ['Q'] = U_, ['R'] = U_, ['S'] = U_, ['T'] = U_, ['U'] = U_, ['V'] = U_, ['W'] = U_, ['X'] = U_, ['Y'] = U_, ['Z'] = U_,
	['a'] = L_, ['b'] = L_, ['c'] = L_, ['d'] = L_, ['e'] = L_, ['f'] = L_, ['g'] = L_, ['h'] = L_, ['i'] = L_, ['j'] = L_, ['k'] = L_, ['l'] = L_, ['m'] = L_,
	['n'] = L_, ['o'] = L_, ['p'] = L_, ['q'] = L_, ['r'] = L_, ['s'] = L_, ['t'] = L_, ['u'] = L_, ['v'] = L_, ['w'] = L_, ['x'] = L_, ['y'] = L_, ['z'] = L_,
};
#undef D_
#undef U_
#undef L_

unsigned
token_spelling(const char *s, size_t n)
{
	unsigned f = 0;
	int first = 1;

	for (size_t i = 0; i < n;) {
		uint32_t c = (unsigned char)s[i];
		if (c < 0x80) {
			/* Most text is ASCII: no decoding, no table calls. */
			i++;
			if (c >= 'a' && c <= 'z') {
				f |= TOK_ALPHA | TOK_LOWER;
			} else if (c >= 'A' && c <= 'Z') {
				f |= TOK_ALPHA | TOK_UPPER | (first ? TOK_UPPER_INITIAL : 0);
			} else if (c >= '0' && c <= '9') {
				f |= TOK_DIGIT;
			} else if (c == '.') {
				f |= TOK_PERIOD;
			} else if (c == '-') {
				f |= TOK_HYPHEN;
			}
			first = 0;
			continue;
		}
		i += utf8_decode(s + i, n - i, &c);
		if (u_isdigit(c)) {
			f |= TOK_DIGIT;
		} else if (u_isalpha(c)) {
			f |= TOK_ALPHA;
			if (u_isupper(c)) {
				f |= TOK_UPPER;
				if (first)
					f |= TOK_UPPER_INITIAL;
			} else if (u_islower(c)) {
				f |= TOK_LOWER;
			}
		} else if (c == '.') {
			f |= TOK_PERIOD;
		} else if (u_isdash(c)) {
			f |= TOK_HYPHEN;
		}
		first = 0;
	}
	if (!(f & (TOK_ALPHA | TOK_DIGIT)))
		f |= TOK_PUNCT;
	return f;
}

/*
 * Which of the 64 bytes from base on are ASCII upper-case letters,
 * lower-case letters and digits (bit k: byte base + k), where SSE2 is
 * there.  Words are found in it with bit arithmetic, so that where the
 * next word begins does not wait on loads and compares of this one.
 */
struct ascii_window {
	size_t base, end;               /* the bytes classified; end == base: none */
	uint64_t upper, lower, digit;
};

#if defined(__SSE2__) && defined(__GNUC__)
static void
classify_window(struct ascii_window *w, const unsigned char *u, size_t base)
{
	/* x + (0x80 - lo) is below -128 + width exactly when x is in lo .. lo + width - 1. */
	const __m128i to_a = _mm_set1_epi8((char)(0x80 - 'a')), to_0 = _mm_set1_epi8((char)(0x80 - '0')),
	    letters = _mm_set1_epi8(-128 + 26), digits = _mm_set1_epi8(-128 + 10),
	    case_bit = _mm_set1_epi8(0x20);

	w->upper = w->lower = w->digit = 0;
	for (int k = 0; k < 4; k++) {
		__m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + base + 16 * k));
		uint64_t alpha = (unsigned)_mm_movemask_epi8(
		    _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(x, case_bit), to_a), letters));
		uint64_t digit = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(_mm_add_epi8(x, to_0), digits));
		/* Each byte's case bit (0x20), moved to where movemask reads. */
		uint64_t lower = (unsigned)_mm_movemask_epi8(_mm_slli_epi16(x, 2));
		w->upper |= (alpha & ~lower) << 16 * k;
		w->lower |= (alpha & lower) << 16 * k;
		w->digit |= digit << 16 * k;
	}
	w->base = base;
	w->end = base + 64;
}
#endif

/*
 * Where the run of ASCII letters and digits from u[i] on ends (before
 * u[n] at most); ORs their spelling flags into *f, the table's.  The
 * window w is the classes of bytes around, kept from call to call.
 */
static inline size_t
ascii_run(struct ascii_window *w, const unsigned char *u, size_t i, size_t n, unsigned *f)
{
	unsigned k;

#if defined(__SSE2__) && defined(__GNUC__)
	for (;;) {
		if (i < w->base || i >= w->end) {
			if (n - i < 64)
				break;
			classify_window(w, u, i);
		}
		unsigned off = (unsigned)(i - w->base);
		uint64_t stop = ~(w->upper | w->lower | w->digit) >> off;
		unsigned len = stop ? (unsigned)__builtin_ctzll(stop) : 64 - off;
		uint64_t in = (len == 64 ? ~(uint64_t)0 : ((uint64_t)1 << len) - 1) << off;
		*f |= (w->upper & in ? TOK_ALPHA | TOK_UPPER : 0) |
		    (w->lower & in ? TOK_ALPHA | TOK_LOWER : 0) | (w->digit & in ? TOK_DIGIT : 0);
		i += len;
		if (stop)
			return i;
	}
#else
	(void)w;
#endif
	for (; i < n && (k = ascii_spelling[u[i]]) != 0; i++)
		*f |= k;
	return i;
}

static uint32_t
char_at(const char *s, size_t n, size_t i, size_t *len)
{
	uint32_t c = 0;
	size_t l = 0;

	if (i < n && (unsigned char)s[i] < 0x80) {
		if (len)
			*len = 1;
		return (unsigned char)s[i];
	}
	if (i < n)
		l = utf8_decode(s + i, n - i, &c);
	if (len)
		*len = l;
	return c;
}

static int
alnum(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return u_isalnum(c);
}

static int
space(uint32_t c)
{
	if (c < 0x80)
		return c == ' ' || c == '\t' || c == '\v' || c == '\f';
	return u_isspace(c);
}

static int
is_apostrophe(uint32_t c)
{
	return c == '\'' || c == 0x2019;
}

/*
 * The length of the clitic that begins with the apostrophe at s[i]
 * ("'s", "'re", "'ve", "'ll", "'d", "'m", any case) and ends the word,
 * or 0.  The Penn Treebank, and so the taggers' training data, makes
 * each a token of its own.
 */
static size_t
clitic_at(const char *s, size_t n, size_t i)
{
	static const char *const clitics[] = { "s", "re", "ve", "ll", "d", "m" };
	size_t l;
	uint32_t c = char_at(s, n, i, &l);

	if (!is_apostrophe(c))
		return 0;
	for (size_t k = 0; k < sizeof clitics / sizeof clitics[0]; k++) {
		size_t m = strlen(clitics[k]), j = 0;
		while (j < m && i + l + j < n && ((unsigned char)s[i + l + j] | 0x20) == clitics[k][j])
			j++;
		if (j == m && !alnum(char_at(s, n, i + l + m, NULL)))
			return l + m;
	}
	return 0;
}

/* Whether s[i] begins "n't" ending a word (any case): "do|n't", "ca|n't". */
static int
negation_at(const char *s, size_t n, size_t i)
{
	size_t l;

	if (i + 1 >= n || ((unsigned char)s[i] | 0x20) != 'n' || !is_apostrophe(char_at(s, n, i + 1, &l)))
		return 0;
	return i + 1 + l < n && ((unsigned char)s[i + 1 + l] | 0x20) == 't' &&
	    !alnum(char_at(s, n, i + 2 + l, NULL));
}

/*
 * Whether s[start..i), followed by a period at s[i], is the number of a
 * list item or a ranking: digits that open their line, the period then
 * a space and more text ("3. Peter Lang").
 */
static int
list_number(const char *s, size_t n, size_t start, size_t i)
{
	size_t k = start;

	for (size_t j = start; j < i; j++)
		if (s[j] < '0' || s[j] > '9' || j - start >= 3)
			return 0;
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
		k--;
	return (k == 0 || s[k - 1] == '\n') && i + 2 < n && s[i + 1] == ' ' && s[i + 2] != ' ' &&
	    s[i + 2] != '\n';
}

/*
 * Where the word that starts at s[start] (a letter or digit) ends, its
 * bytes up to s[i] already known to be ASCII letters or digits with
 * spelling flags *ascii_flags (TOK_UPPER_INITIAL included).  Sets
 * *ascii_flags to the word's spelling flags when it is all ASCII (found
 * on the way), else to 0.
 */
static size_t
word_end(const char *s, size_t n, size_t start, size_t i, unsigned *ascii_flags)
{
	size_t l, l2;
	uint32_t prev = i > start ? (unsigned char)s[i - 1] : 0, c;
	unsigned f = *ascii_flags, ascii = 1;

	for (;;) {
		/* ASCII letters and digits, the bulk of words, without decoding. */
		const unsigned char *p = (const unsigned char *)s + i, *stop = (const unsigned char *)s + n;
		unsigned k;
		while (p < stop && (k = ascii_spelling[*p]) != 0) {
			f |= k;
			p++;
		}
		if ((size_t)(p - (const unsigned char *)s) > i)
			prev = p[-1];
		i = (size_t)(p - (const unsigned char *)s);
		if (i >= n || s[i] == ' ' || s[i] == '\n')
			break;          /* the commonest ends, first */
		c = char_at(s, n, i, &l);
		ascii &= c < 0x80;
		if (alnum(c)) {
			prev = c;
			i += l;
			continue;
		}
		uint32_t next = char_at(s, n, i + l, &l2);
		if ((c == '-' || c == 0x2010) && alnum(next) && alnum(prev)) {
			f |= TOK_HYPHEN;
			prev = c;
			i += l;
			continue;
		}
		if ((c == ',' || c == ':' || c == '/') && u_isdigit(prev) && u_isdigit(next)) {
			prev = c;
			i += l;
			continue;
		}
		if (c == '$' && i - start <= 3 && u_isupper(prev)) {
			i += l;         /* currencies: "C$", "US$", "HK$" */
			break;
		}
		if (c == '&' && u_isupper(prev) && u_isupper(next) && i - start <= 3) {
			prev = c;
			i += l;
			continue;
		}
		if (is_apostrophe(c) && u_isalpha(prev) && u_isalpha(next)) {
			if (i == start + 1 && negation_at(s, n, start)) {
				i += l + l2;    /* "n't" itself */
				break;
			}
			if (clitic_at(s, n, i))
				break;          /* a possessive or a clitic: its own token */
			if (i >= start + 2 && negation_at(s, n, i - 1)) {
				i--;            /* "do|n't": the negation is the next token */
				ascii = 0;      /* spelling without the "n" */
				break;
			}
			prev = c;
			i += l;
			continue;
		}
		if (c == '.') {
			if ((u_isalpha(next) && u_isalpha(prev) && !u_isspace(next)) ||
			    (u_isdigit(next) && u_isdigit(prev))) {
				f |= TOK_PERIOD;
				prev = c;
				i += l;
				continue;
			}
			/*
			 * "U.S." and initials keep their last period too, and so does a
			 * list's number; a decimal number's ("in 10.13.") ends its sentence.
			 */
			int dotted = !u_isdigit(prev) && memchr(s + start, '.', i - start) != NULL;
			uint32_t first = char_at(s, n, start, &l2);
			if (dotted || (u_isupper(first) && start + l2 == i) ||
			    is_abbreviation(s + start, i - start) || list_number(s, n, start, i)) {
				f |= TOK_PERIOD;
				i += l;
			}
		}
		break;
	}
	*ascii_flags = ascii ? f : 0;
	return i;
}

static void
push(struct token_list *tl, size_t start, size_t end, unsigned flags)
{
	if (tl->n == tl->cap) {
		size_t cap = tl->cap ? tl->cap * 2 : 256;
		tl->v = xrealloc(tl->v, cap * sizeof *tl->v);
		tl->cap = cap;
	}
	tl->v[tl->n].start = start;
	tl->v[tl->n].end = end;
	tl->v[tl->n].flags = flags;
	tl->n++;
}

/*
 * The tokens of s[0..n) with their spelling and TOK_LINE_START flags;
 * TOK_SENT_START after the tokenizer's guess when guess_sentences is
 * set, else on line starts only.
 */
static void
scan(struct token_list *tl, const char *s, size_t n, int guess_sentences)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, l;
	int line_start = 1, sent_start = 1;
	struct ascii_window window = { 0, 0, 0, 0, 0 };

	pthread_once(&abbreviations_once, measure_abbreviations);
	tl->n = 0;
	while (i < n) {
		uint32_t c = u[i];
		if (c == ' ') {         /* the commonest byte, first */
			i++;
			continue;
		}
		size_t start = i, end;
		unsigned f = ascii_spelling[c];

		if (f) {
			/* A word that begins with an ASCII letter or digit, mostly all such and ended by a space. */
			f |= f & TOK_UPPER ? TOK_UPPER_INITIAL : 0;
			end = ascii_run(&window, u, i + 1, n, &f);
			if (end < n && u[end] != ' ' && u[end] != '\n') {
				unsigned wf = f;        /* a copy: f, its address never taken, stays in a register */
				end = word_end(s, n, start, end, &wf);
				f = wf;
			}
		} else {
			l = 1;
			c = char_at(s, n, i, &l);
			if (c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029) {
				line_start = sent_start = 1;
				i += l;
				continue;
			}
			if (space(c) || c == 0) {
				i += l;
				continue;
			}
			if (c >= 0x80 && alnum(c)) {
				unsigned wf = 0;
				end = word_end(s, n, start, start, &wf);
				f = wf;
			} else if ((c == '.' || c == '+') && i + 1 < n && ascii_spelling[u[i + 1]] == TOK_DIGIT &&
			    (i == 0 || !ascii_spelling[u[i - 1]])) {
				unsigned wf = 0;        /* a number: ".496", "+48" */
				end = word_end(s, n, start, start + 1, &wf);
				f = 0;
			} else if ((c == '-' || c == '.') && i + 1 < n && u[i + 1] == c) {
				end = i + 2;            /* a dash written "--", an ellipsis "..." */
				while (end < n && u[end] == c)
					end++;
				f = TOK_PUNCT | (c == '.' ? TOK_PERIOD : TOK_HYPHEN);
			} else if (c < 0x80 && c != '\'') {
				end = i + 1;
				f = TOK_PUNCT | (c == '.' ? TOK_PERIOD : 0) | (c == '-' ? TOK_HYPHEN : 0);
			} else {
				size_t m = tl->n > 0 && tl->v[tl->n - 1].end == start ? clitic_at(s, n, i) : 0;
				end = i + (m ? m : l);
			}
		}
		if (!f)
			f = token_spelling(s + start, end - start);
		if (!guess_sentences)
			sent_start = line_start;
		else if (sent_start && (f & TOK_LOWER) && !(f & TOK_UPPER_INITIAL) && !line_start)
			sent_start = 0;
		if (line_start)
			f |= TOK_LINE_START;
		if (sent_start)
			f |= TOK_SENT_START;
		push(tl, start, end, f);
		line_start = sent_start = 0;
		if (end - start == 1 && (c == '.' || c == '!' || c == '?'))
			sent_start = 1;
		i = end;
	}
}

void
token_scan(struct token_list *tl, const char *s, size_t n)
{
	scan(tl, s, n, 1);
	token_mark_headlines(tl->v, tl->n);
}

void
token_scan_lines(struct token_list *tl, const char *s, size_t n)
{
	scan(tl, s, n, 0);
}

void
token_mark_headlines(struct token *v, size_t n)
{
	size_t i = 0;

	while (i < n) {
		size_t j = i + 1;
		unsigned any = v[i].flags;
		while (j < n && !(v[j].flags & TOK_SENT_START))
			any |= v[j++].flags;
		if ((any & TOK_UPPER) && !(any & TOK_LOWER))
			for (size_t k = i; k < j; k++)
				v[k].flags |= TOK_HEADLINE;
		i = j;
	}
}

void
token_list_free(struct token_list *tl)
{
	free(tl->v);
	tl->v = NULL;
	tl->n = tl->cap = 0;
}
