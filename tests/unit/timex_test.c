/*
 * timex: the finder through its API, without a process: values,
 * offsets, the state one document keeps, and hostile bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "timex.h"
#include "timex_tense.h"
#include "timex_words.h"

struct seen {
	size_t n;
	struct timex t[16];
};

static void
collect(const struct timex *t, void *arg)
{
	struct seen *s = arg;

	if (s->n < 16)
		s->t[s->n] = *t;
	s->n++;
}

static struct seen
scan(const char *text, int y, int m, int d)
{
	struct ymd ref = { y, m, d };
	struct timex_doc doc;
	struct seen s;

	memset(&s, 0, sizeof s);
	timex_doc_init(&doc, &ref);
	timex_scan(&doc, text, strlen(text), collect, &s);
	return s;
}

static int
has(const struct seen *s, const char *text, size_t start, size_t end, const char *value)
{
	for (size_t i = 0; i < s->n && i < 16; i++)
		if (s->t[i].start == start && s->t[i].end == end && strcmp(s->t[i].value, value) == 0)
			return 1;
	(void)text;
	return 0;
}

/*
 * The scan reads 64-byte blocks and words eight bytes at a time: the
 * same sentence after every length of filler (spaces, one long word,
 * short words, digits) must give the same expressions, shifted, with
 * the text in a buffer of its exact length (ASan sees any over-read).
 */
static int
shifted_ok(int kind, size_t pad)
{
	static const char tail[] = "in March 1987, and 12 years.";
	size_t len = pad + sizeof tail - 1;
	char *text = malloc(len);
	struct ymd ref = { 2020, 1, 1 };
	struct timex_doc doc;
	struct seen s;
	int ok;

	if (!text)
		return 0;
	for (size_t i = 0; i < pad; i++) {
		switch (kind) {
		case 0: text[i] = ' '; break;
		case 1: text[i] = i + 1 == pad ? ' ' : 'q'; break;
		case 2: text[i] = i % 3 == 2 || i + 1 == pad ? ' ' : (char)('a' + i % 3); break;
		default: text[i] = i % 4 == 3 || i + 1 == pad ? ' ' : (char)('0' + i % 4); break;
		}
	}
	memcpy(text + pad, tail, sizeof tail - 1);
	memset(&s, 0, sizeof s);
	timex_doc_init(&doc, &ref);
	timex_scan(&doc, text, len, collect, &s);
	ok = s.n == 2 && has(&s, "", pad + 3, pad + 13, "1987-03") && has(&s, "", pad + 19, pad + 27, "P12Y");
	free(text);
	return ok;
}

/*
 * The tokenizer reads a word eight bytes at a time, forwards and (from
 * its end) back, and near a text's end the eight bytes that end it: a
 * word or a digit run at the very end of a buffer of its exact length,
 * after any run of spaces or of other letters, must come out as it
 * reads byte by byte: its span, its class as tw_lookup gives it, its
 * lower-case head (ASan sees any over-read).
 */
static int
tokens_ok(const char *word, size_t pad, char fill)
{
	size_t n = strlen(word), len = pad + 1 + n;
	char *text = malloc(len);
	struct tok f, b;
	const char *val;
	unsigned char vlen;
	uint64_t low = 0;
	int ok, digits = word[0] >= '0' && word[0] <= '9';

	if (!text)
		return 0;
	memset(text, fill, pad);
	text[pad] = ' ';
	memcpy(text + pad + 1, word, n);
	for (size_t k = 0; k < n && k < 8 && !digits; k++)
		low |= (uint64_t)(unsigned char)(word[k] >= 'A' && word[k] <= 'Z' ? word[k] + 32 : word[k]) << 8 * k;
	ok = tw_next(text, len, pad, &f) == len && f.s == pad + 1 && f.e == len && f.low == low &&
	    f.kind == (digits ? TK_NUM : TK_WORD) &&
	    (digits || f.cls == tw_lookup(word, n, &val, &vlen));
	ok = ok && tw_prev(text, len, &b) && b.s == f.s && b.e == f.e && b.kind == f.kind &&
	    b.cls == f.cls && b.low == f.low && b.num == f.num;
	/* the run before, read back from its end */
	if (pad > 0 && fill != ' ')
		ok = ok && tw_prev(text, pad + 1, &b) && b.s == 0 && b.e == pad;
	free(text);
	return ok;
}

int
main(void)
{
	struct seen s;

	s = scan("He left on Thursday.", 2013, 3, 20);
	CHECK(s.n == 1 && has(&s, "", 11, 19, "2013-03-14") && s.t[0].type == TIMEX_DATE);

	/* no reference date: underspecified, never today */
	s = scan("He left on Thursday and returns next year.", 0, 0, 0);
	CHECK(s.n == 2 && has(&s, "", 11, 19, "XXXX-WXX-4") && has(&s, "", 32, 41, "XXXX"));

	/* an invalid reference date counts as none */
	s = scan("next year", 2013, 2, 30);
	CHECK(s.n == 1 && strcmp(s.t[0].value, "XXXX") == 0);

	/* mod */
	s = scan("in early 2012", 2013, 3, 20);
	CHECK(s.n == 1 && strcmp(s.t[0].value, "2012") == 0 && strcmp(s.t[0].mod, "START") == 0);

	/* a quarter named earlier sets the grain of "a year earlier" */
	{
		struct ymd ref = { 1989, 11, 2 };
		struct timex_doc doc;
		const char *a = "Third-quarter profit rose.";
		const char *b = "Profit was $5 a year earlier.";
		memset(&s, 0, sizeof s);
		timex_doc_init(&doc, &ref);
		timex_scan(&doc, a, strlen(a), collect, &s);
		timex_scan(&doc, b, strlen(b), collect, &s);
		CHECK(s.n == 2 && strcmp(s.t[0].value, "1989-Q3") == 0 && strcmp(s.t[1].value, "1988-Q3") == 0);
	}

	/* NUL bytes and invalid UTF-8 are text like any other */
	{
		const char text[] = "\0\377May\xC3 2010\0on \xE2\x80\x93" "Friday\xFF";
		struct ymd ref = { 2013, 3, 20 };
		struct timex_doc doc;
		memset(&s, 0, sizeof s);
		timex_doc_init(&doc, &ref);
		timex_scan(&doc, text, sizeof text - 1, collect, &s);
		CHECK(has(&s, "", 7, 11, "2010"));
		for (size_t i = 0; i < s.n && i < 16; i++)
			CHECK(s.t[i].start < s.t[i].end && s.t[i].end <= sizeof text - 1);
	}

	/* random bytes from a fixed seed: every span stays inside the text */
	{
		static const char pieces[][12] = {
			"May ", "2010", "-", "/", "3", "12", " ", ".", "last ", "the ",
			"year", "s", "Friday", "a.m.", ":", "\xE2\x80\x93", "\n\n", "ago", "'", "\377"
		};
		unsigned long x = 12345;
		char *buf = malloc(20000);
		size_t len = 0;
		CHECK(buf != NULL);
		while (buf && len < 19900) {
			x = x * 6364136223846793005ul + 1442695040888963407ul;
			const char *p = pieces[(x >> 33) % 20];
			size_t n = strlen(p);
			memcpy(buf + len, p, n);
			len += n;
		}
		if (buf) {
			struct ymd ref = { 2013, 3, 20 };
			struct timex_doc doc;
			timex_doc_init(&doc, &ref);
			memset(&s, 0, sizeof s);
			/* every prefix ends the text somewhere new */
			for (size_t cut = len; cut > len - 200; cut -= 7)
				timex_scan(&doc, buf, cut, collect, &s);
			for (size_t i = 0; i < s.n && i < 16; i++)
				CHECK(s.t[i].start < s.t[i].end && s.t[i].end <= len);
			free(buf);
		}
	}

	/* tense: the nearest cue, and the finite verb alone */
	{
		const char *t = "She was invited to attend the fair in May.";
		int strong;
		size_t at = strlen(t) - 4;
		CHECK(timex_tense(t, strlen(t), at, at + 3, &strong) == 1);
		CHECK(strong == -1);
		t = "He said the vote is Friday.";
		at = strlen(t) - 7;
		CHECK(timex_tense(t, strlen(t), at, at + 6, NULL) == -1);
	}

	{
		static const char *const words[] = {
			"a", "May", "MONDAY", "yesterday", "September", "Thanksgiving", "Weekends", "qz", "19870412", "7",
		};
		for (size_t w = 0; w < sizeof words / sizeof *words; w++)
			for (size_t pad = 0; pad < 24; pad++)
				for (int fill = 0; fill < 3; fill++)
					if (!tokens_ok(words[w], pad, " xQ"[fill])) {
						fprintf(stderr, "'%s' after %zu bytes of '%c':\n", words[w], pad, " xQ"[fill]);
						CHECK(!"a word read eight bytes at a time as byte by byte");
					}
	}

	for (int kind = 0; kind < 4; kind++)
		for (size_t pad = 0; pad < 200; pad++)
			if (!shifted_ok(kind, pad)) {
				fprintf(stderr, "filler kind %d, %zu bytes:\n", kind, pad);
				CHECK(!"the same expressions after any filler");
			}
	return check_result("timex_test");
}
