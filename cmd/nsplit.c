/*
 * nsplit: documents, paragraphs and sentences of news articles, one TSV
 * row each, with byte offsets from the start of each document.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "layout.h"
#include "sentence.h"

static const char usage[] =
"usage: nsplit [-H] [-u sent|para|doc] [-t COL] [--dmy|--mdy] [--max-bytes N] [FILE...]\n"
"\n"
"Reads news articles (an article stream, documents separated by lines\n"
"holding ---, or TSV with a text column) and writes one TSV row per unit.\n"
"\n"
"  -u, --unit UNIT   sent (default): doc date para sent start end text\n"
"                    para: doc date para start end text kind\n"
"                    doc: doc date title dateline byline start end text\n"
CLI_USAGE_COMMON;

enum unit { UNIT_SENT, UNIT_PARA, UNIT_DOC };

struct split {
	enum unit unit;
	struct layout layout;
	unsigned long sentences;        /* in the document so far */
};

static void
put_doc_head(const struct doc *d, struct tsv_writer *out)
{
	tsv_field(out, d->id, d->idlen);
	tsv_str(out, d->date);
}

static void
put_span(const struct doc *d, struct tsv_writer *out, size_t start, size_t end)
{
	tsv_num(out, d->base + start);
	tsv_num(out, d->base + end);
	tsv_field(out, d->text + start, end - start);
}

static void
split_doc(const struct doc *d, struct tsv_writer *out, struct layout *l)
{
	struct block b, title = {0}, dateline = {0}, byline = {0};

	while (layout_next(l, &b)) {
		if (b.kind == BLOCK_TITLE && title.kind != BLOCK_TITLE)
			title = b;
		else if (b.kind == BLOCK_DATELINE)
			dateline = b;
		else if (b.kind == BLOCK_BYLINE && byline.kind != BLOCK_BYLINE)
			byline = b;
	}
	put_doc_head(d, out);
	tsv_field(out, d->text + title.inner_start, title.inner_end - title.inner_start);
	tsv_field(out, d->text + dateline.inner_start, dateline.inner_end - dateline.inner_start);
	tsv_field(out, d->text + byline.inner_start, byline.inner_end - byline.inner_start);
	put_span(d, out, 0, d->len);
	tsv_end_row(out);
}

static void
split_paras(const struct doc *d, struct tsv_writer *out, struct layout *l)
{
	struct block b;

	while (layout_next(l, &b)) {
		put_doc_head(d, out);
		tsv_num(out, b.number);
		put_span(d, out, b.start, b.end);
		tsv_str(out, block_kind_name(b.kind));
		tsv_end_row(out);
	}
}

/* One row per sentence; para is the block that holds the sentence's start. */
static void
split_sents(const struct doc *d, struct tsv_writer *out, struct split *sp)
{
	struct sentencer s;
	struct block b = {0};
	size_t start, end;
	int more = layout_next(&sp->layout, &b);

	sentencer_init(&s, d->text, d->len);
	while (sentencer_next(&s, &start, &end)) {
		while (more && b.end <= start)
			more = layout_next(&sp->layout, &b);
		put_doc_head(d, out);
		tsv_num(out, b.number);
		tsv_num(out, ++sp->sentences);
		put_span(d, out, start, end);
		tsv_end_row(out);
	}
	while (more)
		more = layout_next(&sp->layout, &b);
}

static void
each_doc(const struct doc *d, struct tsv_writer *out, void *arg)
{
	struct split *sp = arg;

	if (d->same_doc) {
		layout_continue(&sp->layout, d->text, d->len);
	} else {
		layout_init(&sp->layout, d->text, d->len);
		sp->sentences = 0;
	}
	if (sp->unit == UNIT_SENT)
		split_sents(d, out, sp);
	else if (sp->unit == UNIT_DOC)
		split_doc(d, out, &sp->layout);
	else
		split_paras(d, out, &sp->layout);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "unit", required_argument, NULL, 'u' },
		CLI_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct cli cli;
	struct split sp = { UNIT_SENT, {0}, 0 };
	int opt;

	cli_init(&cli, "nsplit", usage);
	while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS "u:", longopts, NULL)) != -1) {
		if (opt == 'u') {
			if (strcmp(optarg, "doc") == 0)
				sp.unit = UNIT_DOC;
			else if (strcmp(optarg, "para") == 0)
				sp.unit = UNIT_PARA;
			else if (strcmp(optarg, "sent") == 0)
				sp.unit = UNIT_SENT;
			else
				diag_usage("-u: unknown unit '%s' (sent, para, doc)", optarg);
		} else {
			cli_option(&cli, opt, optarg);
		}
	}
	cli_header(&cli, sp.unit == UNIT_SENT ? "doc\tdate\tpara\tsent\tstart\tend\ttext" :
	    sp.unit == UNIT_DOC ? "doc\tdate\ttitle\tdateline\tbyline\tstart\tend\ttext" :
	    "doc\tdate\tpara\tstart\tend\ttext\tkind");
	return cli_run(&cli, argv + optind, argc - optind, each_doc, &sp);
}
