/* reported: the reporting words of a sentence and the candidates for who reports. */
#include <stdint.h>
#include <string.h>

#include "check.h"
#include "perceptron.h"
#include "reported.h"

/* The tokens of s, split at spaces; "," is a mark, every other piece a word (cap: its first letter). */
static size_t
tokens(const char *s, struct tok *t, size_t max)
{
	size_t n = 0, i = 0, len = strlen(s);

	while (i < len && n < max) {
		size_t e = i;

		while (e < len && s[e] != ' ')
			e++;
		memset(&t[n], 0, sizeof t[n]);
		t[n].s = i;
		t[n].e = e;
		t[n].type = e - i == 1 && s[i] == ',' ? T_PUNCT : T_WORD;
		t[n].ch = (unsigned char)s[i];
		t[n].cap = s[i] >= 'A' && s[i] <= 'Z';
		n++;
		i = e + 1;
	}
	return n;
}

/* The candidate sources of the sentence s's last word, a cue of class RS_BEFORE (t: its tokens, *n of them). */
static void
candidates(const char *s, struct tok *t, size_t *n, size_t max, struct rs_sentence *rs, struct rs_sources *c)
{
	*n = tokens(s, t, max);
	memset(rs, 0, sizeof *rs);
	memset(c, 0, sizeof *c);
	rs_features(rs, s, t, *n, NULL);
	rs_source_candidates(c, rs, *n - 1, RS_BEFORE, NULL);
}

static void
test_candidates(void)
{
	const char *s = "The pier will close in winter , officials said";
	struct tok t[16];
	size_t n, words = 0;
	struct rs_sentence rs;
	struct rs_sources c;

	candidates(s, t, &n, 16, &rs, &c);
	for (size_t k = 0; k + 1 < n; k++)
		words += t[k].type == T_WORD;
	/* every word but the cue, no mark, each with features of its own */
	CHECK(c.n == words);
	for (size_t i = 0; i < c.n; i++) {
		CHECK(c.word[i] != n - 1);
		CHECK(t[c.word[i]].type == T_WORD);
		CHECK(c.first[i + 1] > c.first[i]);
	}
	/* the same sentence, the same features: nothing is left from the last call */
	uint32_t first = c.feat[0];

	rs_source_candidates(&c, &rs, n - 1, RS_BEFORE, NULL);
	CHECK(c.feat[0] == first && c.n == words);
	rs_sources_free(&c);
	rs_sentence_free(&rs);
}

static void
test_reach(void)
{
	/* a source stands near its cue: a word 30 words before it is none */
	char s[512] = "Far";
	struct tok t[64];
	size_t n;
	struct rs_sentence rs;
	struct rs_sources c;

	for (int i = 0; i < 30; i++)
		strcat(s, " x");
	strcat(s, " , she said");
	candidates(s, t, &n, 64, &rs, &c);
	CHECK(c.n > 0);
	for (size_t i = 0; i < c.n; i++)
		CHECK(c.word[i] != 0);
	rs_sources_free(&c);
	rs_sentence_free(&rs);
}

static void
test_span(void)
{
	/* "said" at 2: words after it begin within reach and end at a mark, the next report (hi, 12) or the sentence's end; before it, anywhere */
	const char *s = "Officials have said , in a statement , that the pier will close in winter";
	struct tok t[32];
	size_t n = tokens(s, t, 32), cue = 2;
	struct rs_sentence rs;
	struct rs_sources b, e;

	memset(&rs, 0, sizeof rs);
	memset(&b, 0, sizeof b);
	memset(&e, 0, sizeof e);
	rs_features(&rs, s, t, n, NULL);
	rs_span_candidates(&b, &e, &rs, cue, RS_AFTER, 0, 12, NULL);
	CHECK(e.n == 3 && e.word[0] == 7 && e.word[1] == 12 && e.word[2] == n);
	for (size_t i = 0; i < e.n; i++)
		CHECK(e.first[i + 1] > e.first[i]);
	CHECK(b.n > 0);
	for (size_t i = 0; i < b.n; i++) {
		CHECK(b.word[i] > cue && b.word[i] <= cue + 10 && t[b.word[i]].type == T_WORD);
		CHECK(b.first[i + 1] > b.first[i]);
	}
	/* "that" (at 8) is among them, "winter" (at 14) too far */
	int that = 0;

	for (size_t i = 0; i < b.n; i++)
		that |= b.word[i] == 8;
	CHECK(that);
	/* the same cue read as reporting the words before it: they begin and end before it, nothing is left from the last call */
	rs_span_candidates(&b, &e, &rs, cue, RS_BEFORE, 0, n, NULL);
	CHECK(b.n == 2 && e.n == 2);
	for (size_t i = 0; i < e.n; i++)
		CHECK(e.word[i] >= 1 && e.word[i] <= cue && t[e.word[i] - 1].type == T_WORD);
	rs_sources_free(&b);
	rs_sources_free(&e);
	rs_sentence_free(&rs);
}

/* How many of the features of word 1 of a and of b are the same. */
static size_t
shared(const char *a, const char *b)
{
	struct tok ta[8], tb[8];
	struct rs_sentence ra, rb;
	size_t na = tokens(a, ta, 8), nb = tokens(b, tb, 8), same = 0;

	memset(&ra, 0, sizeof ra);
	memset(&rb, 0, sizeof rb);
	rs_features(&ra, a, ta, na, NULL);
	rs_features(&rb, b, tb, nb, NULL);
	for (size_t i = ra.first[1]; i < ra.first[2]; i++)
		for (size_t k = rb.first[1]; k < rb.first[2]; k++)
			same += ra.feat[i] == rb.feat[k];
	rs_sentence_free(&ra);
	rs_sentence_free(&rb);
	return same;
}

static void
test_stem(void)
{
	/* a verb's inflections meet in a feature that another verb of the same ending does not share */
	CHECK(shared("She pledged that taxes would fall", "She pledges that taxes would fall") >
	    shared("She pledged that taxes would fall", "She promised that taxes would fall"));
	CHECK(shared("She warned that taxes would fall", "She warning that taxes would fall") >
	    shared("She warned that taxes would fall", "She wanted that taxes would fall"));
}

/* A model that learnt the classes want[] of the words of rs. */
static struct pct_model *
learn(const struct rs_sentence *rs, const int *want)
{
	struct pct_model *m = pct_new();

	for (size_t j = 0; j < rs->n; j++)
		pct_count(m, rs->feat + rs->first[j], rs->first[j + 1] - rs->first[j]);
	pct_keep_frequent(m, 1);
	for (int epoch = 0; epoch < 20; epoch++) {
		for (size_t j = 0; j < rs->n; j++) {
			const uint32_t *f = rs->feat + rs->first[j];
			size_t nf = rs->first[j + 1] - rs->first[j];
			float sc[PCT_CLASSES] = { 0 };
			int guess = 0;

			if (nf == 0)
				continue;
			pct_score(m, f, nf, sc);
			for (int c = 1; c < RS_CLASSES; c++)
				if (sc[c] > sc[guess])
					guess = c;
			pct_tick(m);
			pct_update(m, f, nf, want[j], guess);
		}
	}
	return m;
}

static void
test_cues(void)
{
	/* two reporting words side by side are one cue, the surer; two apart are two */
	const char *s = "Ann has said , and Bob told us , the road will reopen";
	struct tok t[16];
	size_t n = tokens(s, t, 16);
	int want[16] = { 0 };
	struct rs_sentence rs;
	struct rs_cue c[8];

	want[1] = want[2] = RS_AFTER;
	want[6] = RS_AROUND;
	memset(&rs, 0, sizeof rs);
	rs_features(&rs, s, t, n, NULL);

	struct pct_model *m = learn(&rs, want);
	size_t nc = rs_cues(&rs, m, c, 8);

	CHECK(nc == 2);
	CHECK(nc == 2 && (c[0].word == 1 || c[0].word == 2) && c[0].cls == RS_AFTER);
	CHECK(nc == 2 && c[1].word == 6 && c[1].cls == RS_AROUND);
	/* at most max, the surest kept, in the order of the text */
	nc = rs_cues(&rs, m, c, 1);
	CHECK(nc == 1);
	CHECK(rs_cues(&rs, m, c, 0) == 0);
	/* leaning far towards the cues, every word but a mark is one (side by side ones merged); far away, none */
	rs_lean(m, 1e6f);
	CHECK(rs_cues(&rs, m, c, 8) == 3);
	rs_lean(m, -2e6f);
	CHECK(rs_cues(&rs, m, c, 8) == 0);
	pct_free(m);
	rs_sentence_free(&rs);
}

int
main(void)
{
	test_candidates();
	test_reach();
	test_span();
	test_stem();
	test_cues();
	return check_result("reported");
}
