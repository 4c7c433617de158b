/*
 * --scan on the command line: its options (-j, -r, --count-field, --by,
 * --since, --until), the scan of the files, the report and the summary
 * on standard error.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli.h"
#include "util.h"
#include "fmt.h"
#include "input.h"
#include "core/json.h"
#include "scan/kql.h"
#include "core/lookup.h"
#include "print.h"
#include "scan/report.h"
#include "core/timeparse.h"

static struct {
	struct input_options input;
	struct scan_view view;
	const char *used;	/* the last option only --scan takes */
	const char *used_view;	/* the last of --by, --since, --until */
} sc;

/* -j N: files scanned at once, 1 to 256. */
static int
jobs_option(const char *arg)
{
	uint32_t n;
	char buf[80];

	if (arg == NULL || parse_number(arg, &n) != NUMBER_OK || n < 1 ||
	    n > 256)
		usage_error("invalid -j value '%s': expected 1 to 256",
		    printable(arg, buf, sizeof(buf)));
	return (int)n;
}

/* --since or --until TIME. */
static void
time_option(const char *name, const char *arg, int64_t *t, int *has)
{
	char buf[80];

	if (arg == NULL || parse_time_arg(arg, t) != 0)
		usage_error("invalid %s value '%s': expected a date or a date "
		    "and time, such as 2026-11-26 or 2026-11-26T10:00:00Z",
		    name, printable(arg, buf, sizeof(buf)));
	*has = 1;
}

/* --by hour, day or FIELD. */
static void
by_option(const char *arg)
{
	struct scan_dim *d;
	struct scan_options *o = &sc.input.scan;
	char buf[80];

	if (sc.view.ndims == SCAN_MAX_DIMS)
		usage_error("--by may be given at most %d times",
		    SCAN_MAX_DIMS);
	if (arg == NULL || *arg == '\0')
		usage_error("empty --by");
	d = &sc.view.dims[sc.view.ndims];
	d->name = arg;
	if (strcasecmp(arg, "hour") == 0 || strcasecmp(arg, "day") == 0) {
		d->kind = strcasecmp(arg, "hour") == 0 ? DIM_HOUR : DIM_DAY;
		for (int i = 0; i < sc.view.ndims; i++)
			if (sc.view.dims[i].kind != DIM_FIELD)
				usage_error("--by %s and --by %s cannot be used "
				    "together", sc.view.dims[i].name, arg);
		o->want_time = 1;
	} else {
		if (scan_reserved_name(arg))
			usage_error("--by %s: acsdiag reads that field already; "
			    "--by takes hour, day or another field's name",
			    printable(arg, buf, sizeof(buf)));
		if (strlen(arg) > JSON_KEY_MAX)
			usage_error("--by: a field's name is at most %d bytes",
			    JSON_KEY_MAX);
		for (int i = 0; i < sc.view.ndims; i++)
			if (sc.view.dims[i].kind == DIM_FIELD &&
			    strcasecmp(sc.view.dims[i].name, arg) == 0)
				usage_error("--by %s is given twice",
				    printable(arg, buf, sizeof(buf)));
		d->kind = DIM_FIELD;
		d->field = o->nfields;
		o->fields[o->nfields++] = arg;
	}
	sc.view.ndims++;
}

/* Take an option only --scan has; returns 0 if ch is none of them. */
int
scan_option(int ch, const char *arg)
{
	size_t len;

	switch (ch) {
	case 'j':
		sc.input.jobs = jobs_option(arg);
		sc.used = "-j";
		break;
	case 'r':
		sc.input.recursive = 1;
		sc.used = "-r";
		break;
	case OPT_COUNT_FIELD:
		len = arg != NULL ? strlen(arg) : 0;
		if (len == 0)
			usage_error("empty --count-field");
		if (len > JSON_KEY_MAX)
			usage_error("--count-field: a field's name is at most %d "
			    "bytes", JSON_KEY_MAX);
		sc.input.scan.count_field = arg;
		sc.used = "--count-field";
		break;
	case OPT_SINCE:
		time_option("--since", arg, &sc.view.since,
		    &sc.view.has_since);
		sc.used_view = "--since";
		break;
	case OPT_UNTIL:
		time_option("--until", arg, &sc.view.until,
		    &sc.view.has_until);
		sc.used_view = "--until";
		break;
	case OPT_BY:
		by_option(arg);
		sc.used_view = "--by";
		break;
	default:
		return 0;
	}
	return 1;
}

/* The last option given that only --scan takes (or, with kql, that
 * --kql does not take too), or NULL. */
const char *
scan_option_used(int kql)
{
	if (kql)
		return sc.used;
	return sc.used != NULL ? sc.used : sc.used_view;
}

/* Check the options of --scan together, and fill in the defaults. */
void
scan_options_done(void)
{
	const char *count = sc.input.scan.count_field;
	char buf[80];

	if (sc.view.has_since && sc.view.has_until &&
	    sc.view.since >= sc.view.until)
		usage_error("--since must be before --until: the window "
		    "[since, until) is empty");
	if (sc.view.has_since || sc.view.has_until)
		sc.input.scan.want_time = 1;
	for (int i = 0; i < sc.view.ndims && count != NULL; i++)
		if (sc.view.dims[i].kind == DIM_FIELD &&
		    strcasecmp(sc.view.dims[i].name, count) == 0)
			usage_error("--by %s: it is the --count-field already",
			    printable(sc.view.dims[i].name, buf, sizeof(buf)));
	if (sc.view.ndims > 0 || sc.input.scan.want_time)
		sc.input.view = &sc.view;
}

static const char *
plural(uint64_t n)
{
	return n == 1 ? "" : "s";
}

/* "N what[s]" for the scan summary. */
static void
count_of(uint64_t n, const char *what)
{
	fprintf(stderr, "%llu %s%s", (unsigned long long)n, what, plural(n));
}

/* The scan summary on standard error: what was read, counted, skipped and
 * why, and left out. */
static void
scan_summary(const struct scan_stats *st, size_t distinct)
{
	uint64_t skipped = scan_skipped(st);
	const char *sep = ": ";

	fputs("acsdiag: ", stderr);
	count_of(st->lines, "line");
	fputs(" read, ", stderr);
	count_of(st->records, "record");
	fprintf(stderr, " with a pair, %s", st->new_pairs > 0 ? "at least " :
	    "");
	count_of(distinct, "distinct pair");
	fprintf(stderr, ", %llu skipped", (unsigned long long)skipped);
	for (int k = 0; k < NSKIPS; k++)
		if (st->skipped[k] > 0) {
			fprintf(stderr, "%s%llu %s", sep,
			    (unsigned long long)st->skipped[k],
			    scan_skip_names[k]);
			sep = ", ";
		}
	if (sc.input.view != NULL && (sc.view.has_since ||
	    sc.view.has_until)) {
		uint64_t left = st->outside + st->untimed;

		fprintf(stderr, "; %llu left out: %llu outside the window, "
		    "%llu without a time", (unsigned long long)left,
		    (unsigned long long)st->outside,
		    (unsigned long long)st->untimed);
	}
	fputc('\n', stderr);
	if (st->new_pairs > 0)
		fprintf(stderr, "acsdiag: %llu record%s with undocumented "
		    "pairs past the first %d distinct pairs %s counted "
		    "together, not listed\n", (unsigned long long)st->new_pairs,
		    plural(st->new_pairs), SCAN_MAX_PAIRS, st->new_pairs == 1 ?
		    "is" : "are");
	if (st->new_entries > 0)
		fprintf(stderr, "acsdiag: %llu record%s past the first %zu "
		    "pairs in --by buckets %s counted together, not listed\n",
		    (unsigned long long)st->new_entries,
		    plural(st->new_entries), SCAN_MAX_ENTRIES,
		    st->new_entries == 1 ? "is" : "are");
	if (st->lumped > 0)
		fprintf(stderr, "acsdiag: %llu record%s with a --by value past "
		    "the first %d distinct values %s counted together as "
		    "(other)\n", (unsigned long long)st->lumped,
		    plural(st->lumped), BUCKET_MAX, st->lumped == 1 ? "is" :
		    "are");
}

/*
 * --scan [FILE...]: count the code and subcode pairs of log files and
 * explain them.  A file that cannot be read is reported and the others
 * are still scanned; the status is then 2.
 */
int
cmd_scan(char **files, int nfiles, uint64_t tables, int quiet)
{
	struct scan_tally t;
	struct scan_result res;
	struct scan_pair *pairs;
	struct pair_report *reports = NULL;
	size_t n;
	ptrdiff_t distinct;
	int status = EXIT_FOUND;

	if (sc.input.jobs == 0)
		sc.input.jobs = default_jobs();
	scan_tally_init(&t);
	scan_tally_view(&t, sc.input.view);
	if (scan_inputs(files, nfiles, &sc.input, &t) != 0)
		status = EXIT_TROUBLE;
	if (t.stats.out_of_memory)
		errx(EXIT_TROUBLE, "out of memory");
	if ((pairs = calloc(t.npairs + 1, sizeof(*pairs))) == NULL ||
	    (reports = calloc(t.npairs + 1, sizeof(*reports))) == NULL)
		err(EXIT_TROUBLE, NULL);
	n = scan_sorted(&t, pairs);
	report_sort(pairs, n, &t);
	if ((distinct = report_pairs(pairs, n, tables, reports)) < 0)
		err(EXIT_TROUBLE, NULL);
	res.tally = &t;
	res.pairs = pairs;
	res.reports = reports;
	res.n = n;
	res.distinct = (size_t)distinct;
	report_totals(reports, n, &t.stats, &res.totals);
	res.overflow = t.stats.overflow;
	if (!quiet) {
		print_scan(&res);
		/* the pairs counted together are at least one more */
		scan_summary(&t.stats, res.distinct + (t.stats.new_pairs > 0));
	}
	if (status == EXIT_FOUND && t.stats.records == 0)
		status = EXIT_NOT_FOUND;
	free(pairs);
	free(reports);
	scan_tally_free(&t);
	return status;
}

/* What --kql was asked for, as its options say, for the query's
 * heading: "acsdiag --kql --by day --since 2026-11-26T00:00:00.000Z". */
static void
kql_command(FILE *fp, const struct kql_table *t)
{
	fputs("acsdiag --kql", fp);
	if (t != &kql_tables[0])
		fprintf(fp, " --kql-table %s", t->name);
	for (int i = 0; i < sc.view.ndims; i++)
		fprintf(fp, " --by %s", sc.view.dims[i].name);
	for (int i = 0; i < 2; i++) {
		char when[TIME_ISO_MAX];

		if (!(i == 0 ? sc.view.has_since : sc.view.has_until))
			continue;
		format_time(i == 0 ? sc.view.since : sc.view.until, when);
		fprintf(fp, " %s %s", i == 0 ? "--since" : "--until", when);
	}
}

/* A memory stream, or exit 2. */
static FILE *
memory(char **p, size_t *n)
{
	FILE *fp = open_memstream(p, n);

	if (fp == NULL)
		err(EXIT_TROUBLE, NULL);
	return fp;
}

/*
 * --kql: print the query that explains the pairs of a Log Analytics
 * table where the logs are.  Its --by fields must be columns of the
 * table.  Fails if the query would not fit in one command-line argument
 * (az monitor log-analytics query --analytics-query "$(acsdiag --kql)").
 */
int
cmd_kql(int nfiles, const char *version, const char *table)
{
	const struct kql_table *t = &kql_tables[0];
	char *q = NULL, *cmd = NULL, buf[80];
	size_t qlen = 0, cmdlen = 0;
	FILE *fp;

	if (nfiles > 0)
		usage_error("--kql takes no operand: the query runs where the "
		    "logs are");
	if (table != NULL && (t = kql_table(table)) == NULL) {
		kql_table_names(fp = memory(&cmd, &cmdlen));
		fclose(fp);
		usage_error("unknown --kql-table '%s'; the tables are %s",
		    printable(table, buf, sizeof(buf)), cmd);
	}
	for (int i = 0; i < sc.view.ndims; i++)
		if (sc.view.dims[i].kind == DIM_FIELD &&
		    kql_column(t, sc.view.dims[i].name) == NULL) {
			kql_column_names(fp = memory(&cmd, &cmdlen), t);
			fclose(fp);
			usage_error("--by %s: %s has no such column; its columns "
			    "are %s", printable(sc.view.dims[i].name, buf,
			    sizeof(buf)), t->name, cmd);
		}
	kql_command(fp = memory(&cmd, &cmdlen), t);
	fclose(fp);
	fp = memory(&q, &qlen);
	kql_query(fp, t, &sc.view, version, cmd);
	if (fclose(fp) != 0)
		err(EXIT_TROUBLE, NULL);
	free(cmd);
	if (qlen > KQL_MAX)
		errx(EXIT_TROUBLE, "the query is %zu bytes, more than %zu, the "
		    "most one command-line argument may hold", qlen,
		    (size_t)KQL_MAX);
	fwrite(q, 1, qlen, stdout);
	free(q);
	return EXIT_FOUND;
}
