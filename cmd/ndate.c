/*
 * ndate: the date and time expressions of news articles, one TSV row
 * each, normalised to TimeML TIMEX3 values against the article's date.
 */
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "docdate.h"
#include "timex.h"

static const char usage[] =
"usage: ndate [-H] [-j N] [-r YYYY-MM-DD] [-t COL] [--dmy|--mdy] [--max-bytes N] [FILE...]\n"
"\n"
"Reads news articles (an article stream, documents separated by lines\n"
"holding ---, or TSV with a text column) and writes one TSV row per date\n"
"or time expression: doc start end type value text mod.\n"
"\n"
"  type   DATE, TIME, DURATION or SET\n"
"  value  a TimeML TIMEX3 value: 2020-02-13, 2020-05, 2020-W07, 2012-Q4,\n"
"         2013-03-22TAF, P3Y, PRESENT_REF; XXXX where the reference date\n"
"         is unknown\n"
"  mod    APPROX, START, END, MID, MORE_THAN, ... or empty\n"
"\n"
"Relative expressions (\"Thursday\", \"last year\") are resolved against the\n"
"article's own date: the TSV date column, or the date line of an article.\n"
"\n"
"  -r, --ref-date DATE\n"
"                    resolve against DATE (YYYY-MM-DD) in every document\n"
"  -j, --jobs N      accepted, so that one command line fits all four\n"
"                    programs; ndate works on one thread\n"
CLI_USAGE_COMMON;

enum { OPT_REF_DATE = OPT_PROGRAM };

struct finder {
	struct ymd forced;      /* --ref-date, or zeros */
	enum date_order order;  /* --dmy, --mdy */
	struct timex_doc doc;
	const struct doc *cur;
	struct tsv_writer *out;
};

static void
put_timex(const struct timex *t, void *arg)
{
	struct finder *f = arg;
	const struct doc *d = f->cur;

	tsv_field(f->out, d->id, d->idlen);
	tsv_num(f->out, d->base + t->start);
	tsv_num(f->out, d->base + t->end);
	tsv_str(f->out, timex_type_name(t->type));
	tsv_str(f->out, t->value);
	tsv_field(f->out, d->text + t->start, t->end - t->start);
	tsv_str(f->out, t->mod);
	tsv_end_row(f->out);
}

static void
each_doc(const struct doc *d, struct tsv_writer *out, void *arg)
{
	struct finder *f = arg;

	if (!d->same_doc) {
		struct ymd ref = f->forced;
		if (!ref.year && !ymd_read_iso(d->date, strlen(d->date), &ref))
			memset(&ref, 0, sizeof ref);
		timex_doc_init(&f->doc, &ref);
		f->doc.order = f->order;
	}
	f->cur = d;
	f->out = out;
	timex_scan(&f->doc, d->text, d->len, put_timex, f);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "ref-date", required_argument, NULL, OPT_REF_DATE },
		CLI_LONG_OPTIONS,
		{ NULL, 0, NULL, 0 }
	};
	struct cli cli;
	struct finder f;
	int opt;

	memset(&f, 0, sizeof f);
	cli_init(&cli, "ndate", usage);
	while ((opt = getopt_long(argc, argv, CLI_SHORT_OPTIONS "r:", longopts, NULL)) != -1) {
		if (opt == 'r' || opt == OPT_REF_DATE) {
			if (!ymd_read_iso(optarg, strlen(optarg), &f.forced))
				diag_usage("--ref-date: '%s' is not a date of the form YYYY-MM-DD", optarg);
		} else {
			cli_option(&cli, opt, optarg);
		}
	}
	f.order = cli.reader.order;
	cli_header(&cli, "doc\tstart\tend\ttype\tvalue\ttext\tmod");
	return cli_run(&cli, argv + optind, argc - optind, each_doc, &f);
}
