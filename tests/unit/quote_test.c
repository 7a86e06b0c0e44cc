/* quote: pairing of quotation marks, paragraph by paragraph. */
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "quote.h"

static struct quote_finder *qf;

/* The spans of s, and whether span i covers exactly the bytes want (marks included). */
static size_t
find(const char *s, const struct quote_span **q)
{
	return quote_find(qf, s, strlen(s), q);
}

static int
covers(const char *s, const struct quote_span *q, const char *want)
{
	size_t n = strlen(want);

	return q->end - q->start == n && memcmp(s + q->start, want, n) == 0;
}

static int
words_are(const char *s, const struct quote_span *q, const char *want)
{
	size_t a = q->start + q->open, b = q->end - q->close;

	quote_trim_words(s, &a, &b);
	return b - a == strlen(want) && memcmp(s + a, want, b - a) == 0;
}

static void
test_marks(void)
{
	const struct quote_span *q;
	const char *s;

	s = "He said \"yes,\" and left.";
	CHECK(find(s, &q) == 1 && covers(s, &q[0], "\"yes,\"") && words_are(s, &q[0], "yes"));
	s = "\xe2\x80\x9c" "Curly," "\xe2\x80\x9d" " she said.";
	CHECK(find(s, &q) == 1 && words_are(s, &q[0], "Curly"));
	s = "Il a dit \xc2\xab non \xc2\xbb hier.";
	CHECK(find(s, &q) == 1 && words_are(s, &q[0], "non"));
	s = "Er sagte \xe2\x80\x9e" "nein" "\xe2\x80\x9c" " gestern.";
	CHECK(find(s, &q) == 1 && words_are(s, &q[0], "nein"));
	/* single marks inside double ones are words, and apostrophes never pair */
	s = "\"He told me 'never' and didn't,\" she said.";
	CHECK(find(s, &q) == 1 && words_are(s, &q[0], "He told me 'never' and didn't"));
	/* a quotation inside one, after a colon or a word: the outer one goes on */
	s = "\"She asked: \xe2\x80\x9c" "Who pays?" "\xe2\x80\x9d" " Nobody knew,\" he said.";
	CHECK(find(s, &q) == 1 && words_are(s, &q[0], "She asked: \xe2\x80\x9c" "Who pays?" "\xe2\x80\x9d" " Nobody knew"));
	s = "\xe2\x80\x9c" "They call it the " "\xe2\x80\x9c" "plan" "\xe2\x80\x9d" " and laugh," "\xe2\x80\x9d" " he said.";
	CHECK(find(s, &q) == 1 && words_are(s, &q[0], "They call it the \xe2\x80\x9c" "plan" "\xe2\x80\x9d" " and laugh"));
	/* ... unless the paragraph ends inside the outer one: the inner mark closed it */
	s = "\xe2\x80\x9c" "We will win " "\xe2\x80\x9c" "big," "\xe2\x80\x9d" " she said. Then \xe2\x80\x9c" "more" "\xe2\x80\x9d" " came.";
	CHECK(find(s, &q) == 2 && words_are(s, &q[0], "We will win \xe2\x80\x9c" "big") &&
	    words_are(s, &q[1], "more"));
	/* inches and markup attributes are not quotations */
	s = "A 5\" pipe and <a href=\"x\">link</a>.";
	CHECK(find(s, &q) == 0);
	/* marks with nothing between them quote nothing, however many */
	s = "\"\" \"\"\"\" \"  \" \xe2\x80\x9c\xe2\x80\x9d and \"real,\" she said.";
	CHECK(find(s, &q) == 1 && words_are(s, &q[0], "real"));
}

static void
test_paragraphs(void)
{
	const struct quote_span *q;
	const char *s;

	/* unterminated: ends with its paragraph */
	s = "\"No end here, he said.\n\nNext paragraph.";
	CHECK(find(s, &q) == 1 && (q[0].flags & QUOTE_UNTERMINATED) &&
	    covers(s, &q[0], "\"No end here, he said."));
	/* several paragraphs: each reopens the mark */
	s = "\"First part.\n\n\"Second part,\" she said.";
	CHECK(find(s, &q) == 2 && (q[0].flags & QUOTE_GOES_ON) && (q[1].flags & QUOTE_REOPENED) &&
	    words_are(s, &q[1], "Second part"));
	/* a stray break inside a sentence: one span over it */
	s = "\"Broken by a stray\n\nbreak, \"he added.";
	CHECK(find(s, &q) == 1 && (q[0].flags & QUOTE_RUNS_ON) &&
	    words_are(s, &q[0], "Broken by a stray\n\nbreak"));
	/* the closing mark typed as an opening one */
	s = "\xe2\x80\x9c" "Enough," "\xe2\x80\x9c" "he said.";
	CHECK(find(s, &q) == 1 && words_are(s, &q[0], "Enough"));
}

#define LONG_LINE "The committee met for a long time on Tuesday afternoon and then it went on " \
	"to discuss the budget, the schedule and the many other matters before it at length, " \
	"as it does every year when the spring comes."

static void
test_line_paragraphs(void)
{
	const struct quote_span *q;
	const char *s;

	/* hard-wrapped lines are not paragraphs: a quotation runs over them */
	s = "\"We came here. \nWe stayed,\" she said.";
	CHECK(!quote_lines_are_paras(s, strlen(s)));
	CHECK(find(s, &q) == 1 && words_are(s, &q[0], "We came here. \nWe stayed"));
	/* in unwrapped text each line is a paragraph, so a mark reopens */
	s = LONG_LINE "\n\"First part.\n\"Second part,\" she said.";
	CHECK(quote_lines_are_paras(s, strlen(s)));
	CHECK(find(s, &q) == 2 && (q[0].flags & QUOTE_GOES_ON) && (q[1].flags & QUOTE_REOPENED) &&
	    words_are(s, &q[0], "First part.") && words_are(s, &q[1], "Second part"));
}

static void
test_hostile(void)
{
	const struct quote_span *q;
	const char s[] = "\"\0\"\xff\xe2\x80\"";

	/* NUL bytes and broken UTF-8 neither crash nor shift offsets */
	size_t n = quote_find(qf, s, sizeof s - 1, &q);

	CHECK(n <= 2);
	for (size_t i = 0; i < n; i++)
		CHECK(q[i].start < q[i].end && q[i].end <= sizeof s - 1);
	CHECK(quote_find(qf, "", 0, &q) == 0);
	CHECK(quote_find(qf, "\"", 1, &q) == 0);
}

/* Marks are found wherever they stand among the bytes skipped eight at a time. */
static void
test_mark_offsets(void)
{
	static const char *marks[] = { "\"", "\xe2\x80\x9c", "\xc2\xab" };
	static const char *closers[] = { "\"", "\xe2\x80\x9d", "\xc2\xbb" };
	const struct quote_span *q;
	char s[128];

	for (size_t m = 0; m < 3; m++)
		for (size_t pad = 0; pad < 20; pad++) {
			size_t n = 0;

			for (size_t k = 0; k < pad; k++)
				s[n++] = 'a';
			n += (size_t)sprintf(s + n, " said %sno way,%s he wrote.", marks[m], closers[m]);
			CHECK(quote_find(qf, s, n, &q) == 1 && q[0].start == pad + 6 &&
			    words_are(s, &q[0], "no way"));
		}
}

/* quote_marks_bound: never fewer than the quotations found */
static void
test_marks_bound(void)
{
	static const char *texts[] = {
		"\"a\" \"b\" \xe2\x80\x9c\xc2\xab\x63\xc2\xbb\xe2\x80\x9d",
		"\"unclosed\n\n\"reopened\" and \"closed\"",
		"\xc2\xab a \xc2\xbb and x=\"markup\" 6\" tall",
		"no marks at all, but caf\xc3\xa9 and \xe2\x80\x94 dashes",
	};
	const struct quote_span *q;

	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		size_t len = strlen(texts[i]);

		CHECK(quote_marks_bound(texts[i], len) >= quote_find(qf, texts[i], len, &q));
	}
	CHECK(quote_marks_bound("\"a\" \"b\"", 8) == 4);
	CHECK(quote_marks_bound("plain words only", 16) == 0);
}

int
main(void)
{
	qf = quote_finder_new();
	test_marks();
	test_paragraphs();
	test_line_paragraphs();
	test_hostile();
	test_mark_offsets();
	test_marks_bound();
	quote_finder_free(qf);
	return check_result("quote_test");
}
