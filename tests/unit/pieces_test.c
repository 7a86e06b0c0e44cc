/* attrib_cuts: a text of thousands of quotations read in pieces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attrib.h"
#include "check.h"
#include "quote.h"

static struct attrib *a;
static struct quote_finder *qf;

/* text of n copies of unit */
static char *
repeat(const char *unit, size_t n, size_t *len)
{
	size_t u = strlen(unit);
	char *s = malloc(u * n + 1);

	for (size_t i = 0; i < n; i++)
		memcpy(s + i * u, unit, u);
	s[u * n] = '\0';
	*len = u * n;
	return s;
}

/*
 * The pieces of text cover it in order, cut outside every quotation,
 * each of at least ATTRIB_PIECE_QUOTES quotations and at most twice as
 * many (the last may have fewer), none between a quotation and the
 * paragraph that reopens it, and hold all of the whole's quotations.
 * Returns the number of pieces; *at_breaks tells whether every cut
 * follows a paragraph's end.
 */
static size_t
check_pieces(const char *text, size_t len, int *at_breaks)
{
	const struct quote_span *q;
	const size_t *ends;
	size_t np = attrib_cuts(a, text, len, &ends);
	size_t nq = quote_find(qf, text, len, &q), from = 0, sum = 0, k = 0;

	CHECK(np > 0 && ends[np - 1] == len);
	*at_breaks = 1;
	for (size_t p = 0; p < np; from = ends[p++]) {
		const struct quote_span *pq;
		size_t n;

		CHECK(ends[p] > from);
		if (p + 1 < np) {
			*at_breaks &= text[ends[p]] == '\n';
			while (k < nq && q[k].end <= ends[p])
				k++;
			CHECK(k == nq || q[k].start >= ends[p]);
			CHECK(k == 0 || !(q[k - 1].flags & QUOTE_GOES_ON));
		}
		n = quote_find(qf, text + from, ends[p] - from, &pq);
		CHECK(n <= 2 * ATTRIB_PIECE_QUOTES && (n >= ATTRIB_PIECE_QUOTES || p + 1 == np));
		sum += n;
	}
	CHECK(sum == nq);
	return np;
}

int
main(void)
{
	size_t len;
	int at_breaks;
	char *s;

	a = attrib_new(0);
	qf = quote_finder_new();

	s = repeat("\"Not now,\" Ann Lee said.\n\n", ATTRIB_PIECE_QUOTES, &len);
	CHECK(check_pieces(s, len, &at_breaks) == 1);
	free(s);

	s = repeat("\"Not now,\" Ann Lee said.\n\n", 3 * ATTRIB_PIECE_QUOTES + 5, &len);
	CHECK(check_pieces(s, len, &at_breaks) == 4 && at_breaks);
	free(s);

	/* one paragraph: cut before a quotation, after twice the piece's quotations */
	s = repeat("\"a\" ", 5 * ATTRIB_PIECE_QUOTES, &len);
	CHECK(check_pieces(s, len, &at_breaks) == 3 && !at_breaks);
	free(s);

	/* a quotation over paragraphs is not cut where the next one reopens it */
	char *run = repeat("\"It goes on.\n\n\"And ends,\" she said.\n\n", 2 * ATTRIB_PIECE_QUOTES, &len);

	s = malloc(len + 16);
	len = (size_t)sprintf(s, "\"Yes.\"\n\n%s", run);
	CHECK(check_pieces(s, len, &at_breaks) == 4 && at_breaks);
	free(s);
	free(run);

	quote_finder_free(qf);
	attrib_free(a);
	return check_result("pieces_test");
}
