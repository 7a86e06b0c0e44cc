/*
 * The tokenizer and the token hashes the name finder's model was trained
 * on: their quick paths must give exactly what the general ones give.
 */
#include <string.h>

#include "check.h"
#include "nerfeat.h"
#include "token.h"

#define SPELLING (TOK_ALPHA | TOK_DIGIT | TOK_UPPER_INITIAL | TOK_LOWER | TOK_UPPER | TOK_PUNCT | \
	TOK_PERIOD | TOK_HYPHEN)

static const char text[] =
	"The U.S. envoy's Anglo-Dutch plan cost 3,500.5 on 1996-08-30. C$ 5 and US$5 AT&T\n"
	"LEADERS MEET IN PARIS\n"
	"Zoë Ó'Brien met O'Neil, Dr. Smith and J. R. R. Tolkien in São Paulo -- x2 42nd\r\n"
	"end\xff\xfe word\tTAB\0NUL a-\xe2\x80\x90" "b \xe2\x80\x99s don't Jones' rock'n'roll.\n"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa Last";

/* Every token's spelling flags, by the scan's quick word path or not, are those of its bytes. */
static void
test_spelling(void)
{
	struct token_list tl = { 0 };
	token_scan(&tl, text, sizeof text - 1);
	CHECK(tl.n > 40);
	for (size_t i = 0; i < tl.n; i++) {
		const struct token *t = &tl.v[i];
		unsigned want = token_spelling(text + t->start, t->end - t->start);
		if ((t->flags & SPELLING) != want)
			fprintf(stderr, "token %zu \"%.*s\": %#x, want %#x\n", i, (int)(t->end - t->start),
			    text + t->start, t->flags & SPELLING, want);
		CHECK((t->flags & SPELLING) == want);
	}
	token_list_free(&tl);
}

/*
 * Letters and digits are found 64 bytes at a time where the text goes
 * on that far, else byte by byte: the same first token either way,
 * whatever byte ends the run and wherever it stands (within the first
 * 64 bytes, across their end, beyond).
 */
static void
test_runs(void)
{
	struct token_list near_end = { 0 }, far = { 0 };
	char w[200];
	for (int b = 1; b < 256; b++)
		for (size_t at = 1; at < 140; at++) {
			memset(w, 'q', at);
			w[0] = b & 1 ? 'Q' : '7';
			w[at] = (char)b;
			memcpy(w + at + 1, "cd", 2);
			memset(w + at + 3, ' ', sizeof w - at - 3);
			token_scan(&near_end, w, at + 3);
			token_scan(&far, w, sizeof w);
			CHECK(near_end.n > 0 && far.n > 0);
			if (near_end.n && far.n) {
				CHECK(near_end.v[0].end == far.v[0].end);
				CHECK(near_end.v[0].flags == far.v[0].flags);
			}
		}
	token_list_free(&near_end);
	token_list_free(&far);
}

/* Listed abbreviations keep their period before a space, as written only; other words do not. */
static void
test_abbreviations(void)
{
	static const char *const kept[] = { "Corp.", "Messrs.", "Sept.", "vs.", "Wash.", "Adm.", "J.", "U.S." };
	static const char *const split[] = { "corp.", "Vs.", "said.", "Messrsx.", "Septs.", "Zed.", "x.", "Ça." };
	struct token_list tl = { 0 };
	char buf[32];
	for (size_t k = 0; k < sizeof kept / sizeof kept[0]; k++) {
		size_t n = strlen(kept[k]);
		memcpy(buf, kept[k], n);
		memcpy(buf + n, " Next", 5);
		token_scan(&tl, buf, n + 5);
		CHECK(tl.n == 2 && tl.v[0].end == n && (tl.v[0].flags & TOK_PERIOD));
	}
	for (size_t k = 0; k < sizeof split / sizeof split[0]; k++) {
		size_t n = strlen(split[k]);
		memcpy(buf, split[k], n);
		memcpy(buf + n, " Next", 5);
		token_scan(&tl, buf, n + 5);
		CHECK(tl.n == 3 && tl.v[0].end == n - 1 && tl.v[1].end == n);
	}
	token_list_free(&tl);
}

/* token_scan_lines: token_scan's tokens, with sentences at line starts only and no headlines. */
static void
test_scan_lines(void)
{
	struct token_list all = { 0 }, lines = { 0 };
	token_scan(&all, text, sizeof text - 1);
	token_scan_lines(&lines, text, sizeof text - 1);
	CHECK(all.n == lines.n);
	int guessed = 0, headline = 0;
	for (size_t i = 0; i < all.n && i < lines.n; i++) {
		const struct token *a = &all.v[i], *b = &lines.v[i];
		CHECK(a->start == b->start && a->end == b->end);
		CHECK((a->flags & ~(unsigned)(TOK_SENT_START | TOK_HEADLINE)) ==
		    (b->flags & ~(unsigned)TOK_SENT_START));
		CHECK(!(b->flags & TOK_HEADLINE));
		CHECK(!(b->flags & TOK_SENT_START) == !(b->flags & TOK_LINE_START));
		guessed |= (a->flags & TOK_SENT_START) && !(a->flags & TOK_LINE_START);
		headline |= (a->flags & TOK_HEADLINE) != 0;
	}
	CHECK(guessed && headline);     /* the text has what token_scan adds */
	token_list_free(&all);
	token_list_free(&lines);
}

/*
 * Short ASCII words are lowered and shaped by tables, longer ones by the
 * general path; a shape stops growing after its 16th kind, so "b" + "c"
 * and "b" + 16 times "c" have the same shape.  Every ASCII byte b, before
 * a letter of either case, a digit and a hyphen.
 */
static void
test_ascii_tables(void)
{
	static const char tails[] = "aA1-";
	struct ner_doc d = { 0 };
	for (int b = 0; b < 128; b++)
		for (size_t k = 0; k < sizeof tails - 1; k++) {
			char w[17];
			w[0] = (char)b;
			memset(w + 1, tails[k], sizeof w - 1);
			ner_doc_clear(&d);
			ner_doc_add(&d, w, 2, 0);
			ner_doc_add(&d, w, sizeof w, 0);
			CHECK(d.t[0].lowlen == 2 && d.t[1].lowlen == sizeof w);
			CHECK(d.t[0].shapeh == d.t[1].shapeh);
			CHECK(memcmp(d.arena + d.t[0].low, d.arena + d.t[1].low, 2) == 0);
			char want = b >= 'A' && b <= 'Z' ? (char)(b + 32) : (char)b;
			CHECK(d.arena[d.t[0].low] == want);
		}
	ner_doc_free(&d);
}

/* ner_doc_add_tokens gives what ner_doc_add gives token by token, over batches of any size. */
static void
test_add_tokens(void)
{
	static char big[(sizeof text - 1) * 12];
	struct token_list tl = { 0 };
	struct ner_doc one = { 0 }, all = { 0 };
	for (size_t k = 0; k < 12; k++)
		memcpy(big + k * (sizeof text - 1), text, sizeof text - 1);
	token_scan(&tl, big, sizeof big);
	CHECK(tl.n > 2 * 256);    /* more than one batch */
	for (size_t i = 0; i < tl.n; i++)
		ner_doc_add(&one, big + tl.v[i].start, tl.v[i].end - tl.v[i].start, tl.v[i].flags);
	ner_doc_add(&all, "x", 1, 0);
	ner_doc_clear(&all);
	ner_doc_add_tokens(&all, big, tl.v, tl.n);
	CHECK(one.n == tl.n && all.n == tl.n);
	for (size_t i = 0; i < tl.n && i < one.n && i < all.n; i++) {
		const struct ner_token *a = &one.t[i], *b = &all.t[i];
		CHECK(a->s == b->s && a->len == b->len && a->flags == b->flags);
		CHECK(a->lowh == b->lowh && a->shapeh == b->shapeh && a->wordh == b->wordh);
		CHECK(a->lowlen == b->lowlen && memcmp(one.arena + a->low, all.arena + b->low, a->lowlen) == 0);
		CHECK(b->gaz == 0 && b->phrase == 0 && b->phrase_pos == 0 && b->doc_class == -1 &&
		    b->closed == 0 && b->seen == 0);
	}
	ner_doc_free(&one);
	ner_doc_free(&all);
	token_list_free(&tl);
}

int
main(void)
{
	test_spelling();
	test_runs();
	test_abbreviations();
	test_scan_lines();
	test_ascii_tables();
	test_add_tokens();
	return check_result("token_test");
}
