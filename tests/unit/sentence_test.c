/*
 * sentence_test: the splitter on a table of cases (input, the sentences
 * expected), then invariants on hostile input: spans in order, inside
 * the text, trimmed, never empty, whatever the bytes.
 */
#include <stdio.h>
#include <string.h>

#include "sentence.h"

#define MAX_SENTS 8

struct sent_case {
	const char *text;
	const char *want[MAX_SENTS];   /* NULL-terminated */
};

static const struct sent_case cases[] = {
	/* abbreviations and titles */
	{ "Mr. Smith arrived late. He sat down.", { "Mr. Smith arrived late.", "He sat down." } },
	{ "Gen. Petraeus spoke first. Dr. Jones followed.", { "Gen. Petraeus spoke first.", "Dr. Jones followed." } },
	{ "The bill went to the U.S. Senate on Friday.", { "The bill went to the U.S. Senate on Friday." } },
	{ "U.S. officials declined to comment.", { "U.S. officials declined to comment." } },
	{ "She moved back to the U.S. The next year she ran.", { "She moved back to the U.S.", "The next year she ran." } },
	{ "Shares of Acme Inc. rose. Beta Corp. fell.", { "Shares of Acme Inc. rose.", "Beta Corp. fell." } },
	{ "He sold it to Gamma Co. The price was low.", { "He sold it to Gamma Co.", "The price was low." } },
	{ "Delta Ltd. shares rose 3 percent.", { "Delta Ltd. shares rose 3 percent." } },
	{ "He wore No. 5 for years.", { "He wore No. 5 for years." } },
	{ "They flew to St. Louis. It rained.", { "They flew to St. Louis.", "It rained." } },
	{ "The vote is on Feb. 7 in Ohio.", { "The vote is on Feb. 7 in Ohio." } },
	{ "\xe2\x80\x9cMr. Smith is here,\xe2\x80\x9d she said.", { "\xe2\x80\x9cMr. Smith is here,\xe2\x80\x9d she said." } },
	{ "**U.S. TO SELL BONDS**\nThe Treasury said so.", { "**U.S. TO SELL BONDS**", "The Treasury said so." } },
	{ "It was Smith vs. Jones again.", { "It was Smith vs. Jones again." } },
	{ "Bring fruit, e.g. apples or pears, i.e. something sweet.", { "Bring fruit, e.g. apples or pears, i.e. something sweet." } },
	{ "We met at 10 a.m. The talks lasted an hour.", { "We met at 10 a.m.", "The talks lasted an hour." } },
	{ "The shop opens at 9 a.m. and closes at 5 p.m. every day.", { "The shop opens at 9 a.m. and closes at 5 p.m. every day." } },
	{ "Polls close at 5 p.m. Monday in most states.", { "Polls close at 5 p.m. Monday in most states." } },
	{ "They sell tools, paint, etc. The store is big.", { "They sell tools, paint, etc.", "The store is big." } },
	/* initials and single letters */
	{ "J. R. R. Tolkien wrote it. Many read it.", { "J. R. R. Tolkien wrote it.", "Many read it." } },
	{ "George W. Bush spoke. Then he left.", { "George W. Bush spoke.", "Then he left." } },
	{ "We had no Plan B. Then the rain came.", { "We had no Plan B.", "Then the rain came." } },
	{ "The letter was signed by J. A. Smith and two others.", { "The letter was signed by J. A. Smith and two others." } },
	/* numbers */
	{ "Sales reached 2.4 billion dollars. Costs fell.", { "Sales reached 2.4 billion dollars.", "Costs fell." } },
	{ "It costs $1.5 million, or 3.14 times more.", { "It costs $1.5 million, or 3.14 times more." } },
	{ "Install version 2.0.1 first. Restart after.", { "Install version 2.0.1 first.", "Restart after." } },
	{ "The crowd was 1,000. Police counted fewer.", { "The crowd was 1,000.", "Police counted fewer." } },
	{ "It is listed as No. 1026.253 in the file.", { "It is listed as No. 1026.253 in the file." } },
	/* ellipses */
	{ "Well... we will see about that.", { "Well... we will see about that." } },
	{ "She waited . . . and waited.", { "She waited . . . and waited." } },
	{ "He paused\xe2\x80\xa6 then went on.", { "He paused\xe2\x80\xa6 then went on." } },
	{ "The trade (...) grew fast in 2019.", { "The trade (...) grew fast in 2019." } },
	{ "I never said that.... She walked out.", { "I never said that....", "She walked out." } },
	{ "They kept waiting... The bus never came.", { "They kept waiting...", "The bus never came." } },
	/* quotations */
	{ "\"We are ready.\" He left.", { "\"We are ready.\"", "He left." } },
	{ "\"Are you ready?\" she asked.", { "\"Are you ready?\" she asked." } },
	{ "\"We won. We are happy,\" the coach said.", { "\"We won.", "We are happy,\" the coach said." } },
	{ "'Go home now.' Nobody moved.", { "'Go home now.'", "Nobody moved." } },
	{ "\xe2\x80\x9cIt is over.\xe2\x80\x9d The crowd left.", { "\xe2\x80\x9cIt is over.\xe2\x80\x9d", "The crowd left." } },
	{ "\xe2\x80\x9cWho knows?\xe2\x80\x9d he said.", { "\xe2\x80\x9cWho knows?\xe2\x80\x9d he said." } },
	{ "He called it \"a disgrace\". Then he sat down.", { "He called it \"a disgrace\".", "Then he sat down." } },
	{ "\"We will fight on the beaches and\n\nin the hills,\" he said.", { "\"We will fight on the beaches and\n\nin the hills,\" he said." } },
	{ "\"We will fight.\n\nWe will win,\" he said.", { "\"We will fight.", "We will win,\" he said." } },
	{ "Options:\n\na) wait\n\nb) leave", { "Options:", "a) wait", "b) leave" } },
	{ "# Storm news\n\nsome text follows.", { "# Storm news", "some text follows." } },
	{ "\"We won.\" - Ann Lee\n\nShe smiled.", { "\"We won.\" - Ann Lee", "She smiled." } },
	{ "Voila! -- you have cake.", { "Voila! -- you have cake." } },
	{ "He died in 1950.[3] His son lived.[4] [5] Nobody knows.", { "He died in 1950.[3]", "His son lived.[4] [5]", "Nobody knows." } },
	{ "1.) The first item. 2.) The second item.", { "1.) The first item.", "2.) The second item." } },
	{ "It is filed as N\xc2\xb0. 1026.253 here.", { "It is filed as N\xc2\xb0. 1026.253 here." } },
	{ "\"Why now?\" Ann Lee asked. \"Who knows?\" Mr. Smith said.", { "\"Why now?\" Ann Lee asked.", "\"Who knows?\" Mr. Smith said." } },
	{ "\"Why now?\" Nobody knew. \"Who knows?\" He said it twice.", { "\"Why now?\"", "Nobody knew.", "\"Who knows?\"", "He said it twice." } },
	{ "They said.The vote was close.", { "They said.", "The vote was close." } },
	/* brackets, ! and ? inside names */
	{ "The firm (Acme Inc.) said nothing.", { "The firm (Acme Inc.) said nothing." } },
	{ "He left early. (Nobody noticed.) Then it rained.", { "He left early.", "(Nobody noticed.)", "Then it rained." } },
	{ "Shares of Yahoo! Inc. rose. Rivals fell.", { "Shares of Yahoo! Inc. rose.", "Rivals fell." } },
	{ "Stop! Thief! Nobody moved.", { "Stop!", "Thief!", "Nobody moved." } },
	{ "Why now? Nobody knows.", { "Why now?", "Nobody knows." } },
	/* headlines, date lines, bylines, list items */
	{ "Storm hits coast\n\nMonday, May 4, 2020\n\nA storm hit the coast.", { "Storm hits coast", "Monday, May 4, 2020", "A storm hit the coast." } },
	{ "STORM HITS COAST\n04/05/2020\nMIAMI - A storm hit.", { "STORM HITS COAST", "04/05/2020", "MIAMI - A storm hit." } },
	{ "**Storm hits coast**\nA storm hit the coast.", { "**Storm hits coast**", "A storm hit the coast." } },
	{ "# Storm hits coast\nA storm hit.", { "# Storm hits coast", "A storm hit." } },
	{ "By Jane Doe\nA storm hit the coast.", { "By Jane Doe", "A storm hit the coast." } },
	{ "Officials said:\n\xe2\x80\xa2 roads are closed\n\xe2\x80\xa2 schools are shut", { "Officials said:", "\xe2\x80\xa2 roads are closed", "\xe2\x80\xa2 schools are shut" } },
	{ "Steps:\n1. Open the box\n2. Take it out", { "Steps:", "1. Open the box", "2. Take it out" } },
	{ "Options:\na) wait\nb) leave", { "Options:", "a) wait", "b) leave" } },
	{ "- first point\n- second point", { "- first point", "- second point" } },
	{ "The storm hit the coast of the\nstate on Monday.", { "The storm hit the coast of the\nstate on Monday." } },
	{ "The storm hit the\nUnited States on Monday.", { "The storm hit the\nUnited States on Monday." } },
	/* URLs, e-mail, files, domains */
	{ "Amazon.com said sales rose. Shares fell.", { "Amazon.com said sales rose.", "Shares fell." } },
	{ "See www.example.org/news.html for more. Or call.", { "See www.example.org/news.html for more.", "Or call." } },
	{ "Write to jane.doe@example.com today.", { "Write to jane.doe@example.com today." } },
	{ "Open report.pdf first.", { "Open report.pdf first." } },
	/* captions */
	{ "The mayor at the opening Image: City Hall.", { "The mayor at the opening", "Image: City Hall." } },
	/* white space and the edges */
	{ "   \n\n  ", { NULL } },
	{ "", { NULL } },
	{ "No final stop", { "No final stop" } },
	{ "  Lead space. Trailing space.  \r\n", { "Lead space.", "Trailing space." } },
	{ "Line one.\r\n\r\nLine two.", { "Line one.", "Line two." } },
	{ "A\xc2\xa0sentence.\xc2\xa0" "Another one.", { "A\xc2\xa0sentence.", "Another one." } },
};

static int
check_case(const struct sent_case *c)
{
	struct sentencer s;
	size_t start, end, len = strlen(c->text);
	int k = 0, bad = 0;

	sentencer_init(&s, c->text, len);
	while (sentencer_next(&s, &start, &end)) {
		const char *w = k < MAX_SENTS ? c->want[k] : NULL;
		if (!w || strlen(w) != end - start || memcmp(w, c->text + start, end - start) != 0) {
			fprintf(stderr, "sentence_test: %.60s\n  sentence %d: got \"%.*s\", want \"%s\"\n",
			    c->text, k + 1, (int)(end - start), c->text + start, w ? w : "(none)");
			bad = 1;
			break;
		}
		k++;
	}
	if (!bad && k < MAX_SENTS && c->want[k]) {
		fprintf(stderr, "sentence_test: %.60s\n  missing sentence %d: \"%s\"\n", c->text, k + 1, c->want[k]);
		bad = 1;
	}
	return bad;
}

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* Spans come in order, inside the text, never empty, not starting or ending in ASCII white space. */
static int
check_invariants(const char *text, size_t len)
{
	struct sentencer s;
	size_t start, end, last = 0, count = 0;

	sentencer_init(&s, text, len);
	while (sentencer_next(&s, &start, &end)) {
		if (start < last || end <= start || end > len ||
		    is_space((unsigned char)text[start]) || is_space((unsigned char)text[end - 1])) {
			fprintf(stderr, "sentence_test: bad span %zu..%zu (after %zu, length %zu)\n",
			    start, end, last, len);
			return 1;
		}
		last = end;
		if (++count > len)
			return 1;
	}
	return 0;
}

int
main(void)
{
	static const char alphabet[] = "aZ. .!?\n\n:\"'()\xe2\x80\xa6\x9c\x9d\xc2\xa0" "1-*#\tU.S.Mr\0\xff";
	static char buf[4096];
	unsigned long seed = 12345;
	int failed = 0;
	size_t n = sizeof cases / sizeof cases[0];

	for (size_t i = 0; i < n; i++)
		failed += check_case(&cases[i]);
	/* every prefix of every case: no read past the end, whatever is cut */
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0, len = strlen(cases[i].text); k <= len; k++) {
			memcpy(buf, cases[i].text, k);
			failed += check_invariants(buf, k);
		}
	/* random bytes drawn from the characters the splitter looks at */
	for (int round = 0; round < 20000; round++) {
		size_t len;
		seed = seed * 6364136223846793005ul + 1442695040888963407ul;
		len = (seed >> 33) % 200;
		for (size_t j = 0; j < len; j++) {
			seed = seed * 6364136223846793005ul + 1442695040888963407ul;
			buf[j] = alphabet[(seed >> 33) % (sizeof alphabet - 1)];
		}
		failed += check_invariants(buf, len);
	}
	printf("sentence_test: %zu cases, %d failed\n", n, failed);
	return failed != 0;
}
