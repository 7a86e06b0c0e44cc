/*
 * nsplit: documents, paragraphs, sentences and words of news articles,
 * one TSV row each, with byte offsets from the start of each document;
 * words with their part of speech and phrase chunk.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "layout.h"
#include "sentence.h"
#include "syntax.h"
#include "xalloc.h"

static const char usage[] =
"usage: nsplit [-H] [-j N] [-u sent|para|doc|word] [-t COL] [--dmy|--mdy] [--max-bytes N] [FILE...]\n"
"\n"
"Reads news articles (an article stream, documents separated by lines\n"
"holding ---, or TSV with a text column) and writes one TSV row per unit.\n"
"\n"
"  -u, --unit UNIT   sent (default): doc date para sent start end text\n"
"                    para: doc date para start end text kind\n"
"                    doc: doc date title dateline byline start end text\n"
"                    word: doc date para sent start end text pos chunk\n"
"                    (Penn Treebank part of speech, BIO phrase chunk)\n"
"  -j, --jobs N      accepted, so that one command line fits all four\n"
"                    programs; nsplit works on one thread\n"
CLI_USAGE_COMMON;

enum unit { UNIT_SENT, UNIT_PARA, UNIT_DOC, UNIT_WORD };

struct split {
	enum unit unit;
	struct layout layout;
	unsigned long sentences;        /* in the document so far */
	/* -u word: */
	struct syntax_model *model;
	struct syntax_tagger *tagger;
	struct token_list toks;
	unsigned char *pos, *chunk;
	size_t tags_cap;
	struct tsv_piece head;          /* doc date para sent, of the sentence at hand */
	struct tsv_piece *tags;         /* pos chunk, by word_tags */
	unsigned npos, nchunk;
};

/* The fields pos and chunk of every pair of classes, and of classes out of range (empty). */
static void
word_tags_init(struct split *sp)
{
	sp->npos = syntax_pos_count(sp->model);
	sp->nchunk = syntax_chunk_count(sp->model);
	sp->tags = xcalloc((sp->npos + 1) * (sp->nchunk + 1), sizeof *sp->tags);
	for (unsigned p = 0; p <= sp->npos; p++) {
		for (unsigned c = 0; c <= sp->nchunk; c++) {
			const char *pos = syntax_pos_name(sp->model, p), *chunk = syntax_chunk_name(sp->model, c);
			struct tsv_piece *t = &sp->tags[p * (sp->nchunk + 1) + c];
			tsv_piece_field(t, pos, strlen(pos));
			tsv_piece_field(t, chunk, strlen(chunk));
		}
	}
}

static const struct tsv_piece *
word_tags(const struct split *sp, unsigned pos, unsigned chunk)
{
	pos = pos < sp->npos ? pos : sp->npos;
	chunk = chunk < sp->nchunk ? chunk : sp->nchunk;
	return &sp->tags[pos * (sp->nchunk + 1) + chunk];
}

static void
word_tags_free(struct split *sp)
{
	if (!sp->tags)
		return;
	for (unsigned k = 0; k < (sp->npos + 1) * (sp->nchunk + 1); k++)
		tsv_piece_free(&sp->tags[k]);
	free(sp->tags);
}

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

/* One row per token: sent is the sentence that holds it, para the paragraph it stands in. */
static void
split_words(const struct doc *d, struct tsv_writer *out, struct split *sp)
{
	struct sentencer s;
	struct block b = {0};
	size_t start = 0, end = 0;
	int more = layout_next(&sp->layout, &b), in_sentence = 0;
	unsigned long head_para = 0, head_sent = 0;

	syntax_scan(&sp->toks, d->text, d->len);
	if (sp->toks.n > sp->tags_cap) {
		sp->tags_cap = sp->toks.n * 2;
		sp->pos = xrealloc(sp->pos, sp->tags_cap);
		sp->chunk = xrealloc(sp->chunk, sp->tags_cap);
	}
	syntax_tag(sp->tagger, d->text, sp->toks.v, sp->toks.n, sp->pos, sp->chunk);
	sentencer_init(&s, d->text, d->len);
	for (size_t i = 0; i < sp->toks.n; i++) {
		const struct token *t = &sp->toks.v[i];
		while (!in_sentence || t->start >= end) {
			if (!sentencer_next(&s, &start, &end))
				break;
			in_sentence = 1;
			sp->sentences++;
		}
		while (more && b.end <= t->start)
			more = layout_next(&sp->layout, &b);
		if (i == 0 || b.number != head_para || sp->sentences != head_sent) {
			head_para = b.number;
			head_sent = sp->sentences;
			tsv_piece_clear(&sp->head);
			tsv_piece_field(&sp->head, d->id, d->idlen);
			tsv_piece_field(&sp->head, d->date, strlen(d->date));
			tsv_piece_num(&sp->head, head_para);
			tsv_piece_num(&sp->head, head_sent);
		}
		tsv_span_row(out, &sp->head, d->base + t->start, d->base + t->end, d->text + t->start,
		    t->end - t->start, word_tags(sp, sp->pos[i], sp->chunk[i]));
	}
	while (sentencer_next(&s, &start, &end))
		sp->sentences++;
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
	else if (sp->unit == UNIT_WORD)
		split_words(d, out, sp);
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
	struct split sp = { .unit = UNIT_SENT };
	int opt, status;

	cli_init(&cli, "nsplit", usage);
	while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS "u:", longopts, NULL)) != -1) {
		if (opt == 'u') {
			if (strcmp(optarg, "doc") == 0)
				sp.unit = UNIT_DOC;
			else if (strcmp(optarg, "para") == 0)
				sp.unit = UNIT_PARA;
			else if (strcmp(optarg, "sent") == 0)
				sp.unit = UNIT_SENT;
			else if (strcmp(optarg, "word") == 0)
				sp.unit = UNIT_WORD;
			else
				diag_usage("-u: unknown unit '%s' (sent, para, doc, word)", optarg);
		} else {
			cli_option(&cli, opt, optarg);
		}
	}
	cli_header(&cli, sp.unit == UNIT_SENT ? "doc\tdate\tpara\tsent\tstart\tend\ttext" :
	    sp.unit == UNIT_DOC ? "doc\tdate\ttitle\tdateline\tbyline\tstart\tend\ttext" :
	    sp.unit == UNIT_WORD ? "doc\tdate\tpara\tsent\tstart\tend\ttext\tpos\tchunk" :
	    "doc\tdate\tpara\tstart\tend\ttext\tkind");
	if (sp.unit == UNIT_WORD) {
		sp.model = syntax_model_builtin();
		sp.tagger = syntax_tagger_new(sp.model);
		word_tags_init(&sp);
	}
	status = cli_run(&cli, argv + optind, argc - optind, each_doc, &sp);
	syntax_tagger_free(sp.tagger);
	syntax_model_free(sp.model);
	token_list_free(&sp.toks);
	tsv_piece_free(&sp.head);
	word_tags_free(&sp);
	free(sp.pos);
	free(sp.chunk);
	return status;
}
