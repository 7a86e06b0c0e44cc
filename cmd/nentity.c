/*
 * nentity: named entities in news articles, one TSV row per mention,
 * with its type, its canonical name within the document, and the role
 * the text gives a person.
 */
#include <stdlib.h>

#include "cli.h"
#include "diag.h"
#include "entity.h"

static const char usage[] =
"usage: nentity [-H] [-j N] [-t COL] [--dmy|--mdy] [--max-bytes N] [FILE...]\n"
"\n"
"Reads news articles (an article stream, documents separated by lines\n"
"holding ---, or TSV with a text column) and writes one TSV row per\n"
"named-entity mention: doc start end type text canonical role.\n"
"\n"
"  type       PERSON ORG GPE LOC NORP EVENT MISC\n"
"  canonical  one name per entity within the document: the fullest name\n"
"             of a person, the expansion of an acronym the text defines,\n"
"             the usual name for a well-known alias (U.S. -> United States)\n"
"  role       the title the text gives a person (\"Foreign Minister\")\n"
"\n"
"  -j, --jobs N      work on N threads (default: the processors it may run\n"
"                    on, up to 4); the output is the same, in input order\n"
CLI_USAGE_COMMON;


static void *
finder_new(void *tables)
{
	return entity_finder_on(tables);
}

static void
finder_free(void *f)
{
	entity_finder_free(f);
}

static void
each_doc(const struct doc *d, struct tsv_writer *out, void *arg)
{
	struct entity_finder *f = arg;
	const struct entity *e;

	if (!d->same_doc)
		entity_doc_begin(f);
	size_t n = entity_find(f, d->text, d->len, d->base, &e);
	for (size_t i = 0; i < n; i++) {
		size_t clen;
		const char *canon = entity_canonical(f, e[i].id, &clen);
		tsv_field(out, d->id, d->idlen);
		tsv_num(out, e[i].start);
		tsv_num(out, e[i].end);
		tsv_str(out, entity_type_name(e[i].type));
		tsv_field(out, d->text + (e[i].start - d->base), e[i].end - e[i].start);
		tsv_field(out, canon, clen);
		if (e[i].role_end > e[i].role_start && e[i].role_start >= d->base)
			tsv_field(out, d->text + (e[i].role_start - d->base), e[i].role_end - e[i].role_start);
		else
			tsv_field(out, "", 0);
		tsv_end_row(out);
	}
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct cli cli;
	int opt;

	cli_init(&cli, "nentity", usage);
	while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS, longopts, NULL)) != -1)
		cli_option(&cli, opt, optarg);
	/* One copy of the lexicons and weights, whatever the threads. */
	struct entity_tables *tables = entity_tables_new();
	const struct workers_job job = { each_doc, finder_new, finder_free, tables };

	cli_header(&cli, "doc\tstart\tend\ttype\ttext\tcanonical\trole");
	int status = cli_run_jobs(&cli, argv + optind, argc - optind, &job);
	entity_tables_free(tables);
	return status;
}
