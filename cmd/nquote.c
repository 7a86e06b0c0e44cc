/*
 * nquote: every quotation in news articles and who said it, one TSV row
 * each, with byte offsets from the start of each document.
 */
#include "attrib.h"
#include "cli.h"
#include "diag.h"
#include "entity.h"

static const char usage[] =
"usage: nquote [-H] [-a] [--indirect] [-j N] [-t COL] [--dmy|--mdy] [--max-bytes N] [FILE...]\n"
"\n"
"Reads news articles (an article stream, documents separated by lines\n"
"holding ---, or TSV with a text column) and writes one TSV row per\n"
"quotation: doc start end speaker mention cue text kind mention_start\n"
"mention_end.  start and end cover the quotation with its marks; text is\n"
"the quoted words; speaker the speaker's full name (empty when the\n"
"article does not name them); mention the speaker as written next to the\n"
"quotation (\"he\", \"the minister\"); cue the reporting verb.\n"
"\n"
"kind: direct (the speaker's own sentences), partial (quoted words inside\n"
"the writer's sentence), scare (a few words in marks that nobody is\n"
"reported to say), title (a title-cased name in marks), indirect (speech\n"
"reported without marks).\n"
"\n"
"  -a, --all         also write scare quotes and titles\n"
"      --indirect    also write indirect speech (\"X said that ...\")\n"
"  -j, --jobs N      work on N threads (default: the processors it may run\n"
"                    on, up to 4); the output is the same, in input order\n"
CLI_USAGE_COMMON;

enum { OPT_INDIRECT = OPT_PROGRAM };

/* What every thread's attributor is made of. */
struct setup {
	unsigned flags;
	struct attrib_tables *tables;
};

static void *
attrib_state_new(void *setup)
{
	const struct setup *s = setup;
	return attrib_new_on(s->flags, s->tables);
}

static void
attrib_state_free(void *a)
{
	attrib_free(a);
}

/* The rows of the piece d->text[from..], as attrib_find gives them. */
static void
put_rows(struct tsv_writer *out, const struct doc *d, size_t from, const struct attribution *q, size_t n)
{
	size_t base = d->base + from;
	const char *text = d->text + from;

	for (size_t i = 0; i < n; i++) {
		tsv_field(out, d->id, d->idlen);
		tsv_num(out, base + q[i].start);
		tsv_num(out, base + q[i].end);
		tsv_field(out, q[i].speaker ? q[i].speaker : "", q[i].speaker_len);
		tsv_field(out, text + q[i].mention_start, q[i].mention_end - q[i].mention_start);
		tsv_field(out, text + q[i].cue_start, q[i].cue_end - q[i].cue_start);
		tsv_field(out, text + q[i].text_start, q[i].text_end - q[i].text_start);
		tsv_str(out, attrib_kind_name(q[i].kind));
		if (q[i].mention_end > q[i].mention_start) {
			tsv_num(out, base + q[i].mention_start);
			tsv_num(out, base + q[i].mention_end);
		} else {
			tsv_field(out, "", 0);
			tsv_field(out, "", 0);
		}
		tsv_end_row(out);
	}
}

static void
each_doc(const struct doc *d, struct tsv_writer *out, void *arg)
{
	struct attrib *a = arg;
	const struct attribution *q;
	const size_t *ends;
	size_t n, npieces;

	if (!d->same_doc)
		attrib_doc_begin(a);
	/* a text of thousands of quotations is read in pieces (attrib.h) */
	npieces = attrib_cuts(a, d->text, d->len, &ends);
	for (size_t p = 0, from = 0; p < npieces; from = ends[p++]) {
		if (d->whole && p + 1 == npieces)
			attrib_last_piece(a);
		n = attrib_find(a, d->text + from, ends[p] - from, d->base + from, &q);
		put_rows(out, d, from, q, n);
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "indirect", no_argument, NULL, OPT_INDIRECT },
		CLI_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct cli cli;
	unsigned flags = 0;
	int opt;

	cli_init(&cli, "nquote", usage);
	while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS "a", longopts, NULL)) != -1) {
		if (opt == 'a')
			flags |= ATTRIB_ALL;
		else if (opt == OPT_INDIRECT)
			flags |= ATTRIB_INDIRECT;
		else
			cli_option(&cli, opt, optarg);
	}
	/* a longer document or row is skipped as too long (attrib.h) */
	if (cli.reader.max_bytes > ATTRIB_MAX_LEN)
		cli.reader.max_bytes = ATTRIB_MAX_LEN;
	/* One copy of the lexicons and weights, whatever the threads. */
	struct setup setup = { flags, attrib_tables_new() };
	const struct workers_job job = { each_doc, attrib_state_new, attrib_state_free, &setup };

	cli_header(&cli, "doc\tstart\tend\tspeaker\tmention\tcue\ttext\tkind\tmention_start\tmention_end");
	int status = cli_run_jobs(&cli, argv + optind, argc - optind, &job);
	attrib_tables_free(setup.tables);
	return status;
}
