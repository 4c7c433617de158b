/*
 * acsdiag: explain Azure Communication Services response codes and subcodes
 * from the tables of the Microsoft Learn troubleshooting article, compiled
 * in.  This file is the command line: options and dispatch.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "core/answer.h"
#include "cli.h"
#include "util.h"
#include "hint.h"
#include "input.h"
#include "core/lookup.h"
#include "print.h"
#include "core/query.h"
#include "scan/scan.h"
#include "core/search.h"

#ifndef VERSION
#define VERSION "unknown"
#endif

static const char usage_text[] =
"usage: acsdiag [-lqx] [-o FIELDS] [-t NAME[,NAME...]] [--color[=WHEN]] [--json]\n"
"               [--no-tips] QUERY... | -\n"
"       acsdiag [-lq] [-o FIELDS] [-t NAME[,NAME...]] [--color[=WHEN]] [--json]\n"
"               [--no-tips] -s | -E WORD...\n"
"       acsdiag [-lq] [-o FIELDS] [-t NAME[,NAME...]] [--color[=WHEN]] [--json]\n"
"               --list\n"
"       acsdiag [-qr] [-j N] [-t NAME[,NAME...]] [--color[=WHEN]] [--json]\n"
"               [--count-field NAME] [--by WHAT] [--since TIME]\n"
"               [--until TIME] --scan [FILE...]\n"
"       acsdiag [-t NAME[,NAME...]] --annotate [FILE...]\n"
"       acsdiag [--kql-table NAME] [--by WHAT] [--since TIME] [--until TIME]\n"
"               --kql\n"
"       acsdiag --export csv | jsonl\n"
"       acsdiag [-q] [-o FIELDS] [--color[=WHEN]] [--json] --tips\n"
"       acsdiag [-q] [--json] --tables\n"
"       acsdiag [-t NAME[,NAME...]] --complete=WHAT [CODE]\n"
"       acsdiag -h | -V\n";

static const char help_text[] =
"\n"
"Explain Azure Communication Services response codes and subcodes: the\n"
"message, result category, advice and links of every documented entry,\n"
"and the troubleshooting tips that apply.\n"
"\n"
"  CODE SUBCODE      entries whose code and subcode are exactly these; failing\n"
"                    that, the generic meaning of SUBCODE, else what CODE\n"
"                    means whatever the subcode, else what the article says\n"
"                    of its class (2xx, 4xx, 5xx, 6xx; for PSTN its\n"
"                    ParticipantEndReason group); then the PSTN SBC rule if\n"
"                    SUBCODE starts with 560 or 540\n"
"  NUMBER            entries whose code or subcode is NUMBER, in every table,\n"
"                    and its class or the SBC rule\n"
"  QUERY             also as logs show it: 410/3112, 480#10076,\n"
"                    code=410,subCode=3112, {\"code\":410,\"subCode\":3112},\n"
"                    an SDK exception (Status: 404, ErrorCode: 8522),\n"
"                    words: code 487 and subcode 5001, or an SDK's name of\n"
"                    a subcode (RecognizeInitialSilenceTimedOut); a code\n"
"                    or subcode that is not a number is an error (JSON\n"
"                    null: none)\n"
"  -                 read queries from standard input, one a line\n";

/* The options, apart: ISO C promises string literals of 4095 bytes. */
static const char options_text[] =
"\n"
"  -E, --regex       search with POSIX extended regular expressions\n"
"  -h, --help        print this help and exit\n"
"  -j, --jobs N      scan N files at once (default: the processors online)\n"
"  -l, --long        print whole entries for --search and --list\n"
"  -o, --fields LIST print only these fields, tab-separated: query, table,\n"
"                    code, codes, subcode, category, message, advice, links\n"
"  -q, --quiet       print nothing; report through the exit status only\n"
"  -r, --recursive   scan the files of directories, in name order\n"
"  -s, --search      list entries containing every WORD (each argument\n"
"                    split at spaces), best first\n"
"  -t, --table NAME  only look in these tables (see --tables)\n"
"  -V, --version     print the version, the data's sources and their licences\n"
"  -x, --exact       exact entries only: no fallback, class or rule\n"
"      --annotate    copy the log FILEs (or standard input), each line with\n"
"                    a code and subcode explained at its end, as it streams\n"
"      --by WHAT     --scan, --kql: count by hour, day or a record's field\n"
"                    (as SdkVersion); twice for both\n"
"      --color[=WHEN]\n"
"                    color the output: auto (on a terminal), always, never\n"
"      --count-field NAME\n"
"                    --scan: the column or key that says how many records a\n"
"                    row stands for (default count_, Count or Calls)\n"
"      --export FORMAT\n"
"                    print every entry of the catalogue, as csv or jsonl\n"
"      --json        print JSON Lines, one object per entry\n"
"      --kql         print a Kusto query that explains the pairs of\n"
"                    ACSCallSummary where the logs are (Log Analytics,\n"
"                    Azure Data Explorer), with --by, --since, --until\n"
"      --kql-table NAME\n"
"                    the table of --kql: ACSCallSummary (the default) or\n"
"                    ACSCallAutomationMediaSummary\n"
"      --list        list every entry, one line each\n"
"      --scan        count the code and subcode pairs in the log FILEs (or\n"
"                    standard input): JSON, CSV exports of any dialect,\n"
"                    text, gzip, UTF-16; explain them\n"
"      --since TIME  --scan, --kql: only the records at TIME or after it (a\n"
"                    date, or a date and time: 2026-11-26T10:00:00Z; UTC\n"
"                    unless it says its zone)\n"
"      --tables      list the tables: name, entries, description\n"
"      --tips        print the troubleshooting tips\n"
"      --no-tips     do not print tips after the entries\n"
"      --until TIME  --scan, --kql: only the records before TIME\n"
"      --complete=WHAT\n"
"                    print the codes, the subcodes (of the CODE operand),\n"
"                    both (numbers), the tables or the fields, for shell\n"
"                    completion\n"
"\n"
"A search or list prints a line per entry: table, code, subcode, category\n"
"and message, separated by tabs (\"-\" for none).  Numbers are 1 to 9\n"
"decimal digits, leading zeros aside.  Exit status: 0 found, 1 nothing\n"
"documented applies, 2 usage error, bad input or other error.\n";

/* -V: the version, then each source of the data with what identifies it
 * and its licence, and the licence notices the data requires. */
static void
print_version(void)
{
	const struct acs_source *src;

	printf("acsdiag %s\n\nData:\n", VERSION);
	for (size_t i = 0; i < acs_nsources; i++) {
		src = &acs_sources[i];
		printf("  %s (%s): %s\n    %s\n    %s\n    licence: %s%s%s\n",
		    src->name, source_kinds[src->kind], src->title, src->url,
		    src->version, src->licence, *src->notice != '\0' ?
		    "; notices: " : "", src->notice);
	}
	fputs("Microsoft Learn documentation, (c) Microsoft, licensed under "
	    "CC BY 4.0:\nhttps://creativecommons.org/licenses/by/4.0/\n"
	    "Transcribed into CSV; the changes are listed in codes/README.md."
	    "\n", stdout);
	for (size_t i = 0; i < acs_nnotices; i++)
		printf("\n%s (codes/licenses/%s):\n\n%s", acs_notices[i].name,
		    acs_notices[i].name, acs_notices[i].text);
}

enum mode { MODE_LOOKUP, MODE_SEARCH, MODE_LIST, MODE_TABLES, MODE_TIPS,
	MODE_COMPLETE, MODE_SCAN, MODE_ANNOTATE, MODE_KQL, MODE_EXPORT };


static struct {
	int quiet;
	int exact;		/* -x: exact entries only */
	int batch;		/* reading queries from standard input */
	uint64_t tables;
	const char *where;	/* "stdin:3: " in batch mode, else "" */
} opt = { .tables = ACS_ALL_TABLES, .where = "" };

static const struct acs_entry **
entry_buffer(void)
{
	const struct acs_entry **v;

	/* an array of pointers */
	/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
	if ((v = calloc(acs_nentries, sizeof(*v))) == NULL)
		err(EXIT_TROUBLE, NULL);
	return v;
}

/* Answer one query: print the answer, or say nothing is documented. */
static int
run_query(const struct query *q)
{
	static char text[32];
	static struct answer a;
	struct hints hints = { opt.tables, opt.where };

	if (a.buf == NULL && answer_init(&a) != 0)
		err(EXIT_TROUBLE, NULL);
	if (q->kind == QUERY_PAIR)
		snprintf(text, sizeof(text), "%u/%u", q->code, q->subcode);
	else
		snprintf(text, sizeof(text), "%s%u", q->kind == QUERY_CODE ?
		    "code=" : q->kind == QUERY_SUBCODE ? "subCode=" : "",
		    q->code);
	out.query = text;
	if (q->more > 0 && !opt.quiet)
		hint_at(opt.where, "the JSON holds %d more object%s with a code or subcode, "
		    "not answered; 'acsdiag --scan' reads them all", q->more,
		    q->more == 1 ? "" : "s");
	answer_query(&a, q, opt.tables, opt.exact);
	if (!answer_found(&a)) {
		if (!opt.quiet) {
			hint_not_found(&hints, q);
			hint_answer(&hints, &a);
		}
		return EXIT_NOT_FOUND;
	}
	if (!opt.quiet) {
		if (opt.batch)
			print_query_heading(text);
		print_answer(&a);
		hint_answer(&hints, &a);
	}
	return EXIT_FOUND;
}

/* The operands joined by spaces, as one query. */
static int
cmd_lookup(char **argv, int argc)
{
	struct query q;
	char *text, errbuf[256];
	size_t len = 1, at = 0, n;
	int i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if ((text = malloc(len)) == NULL)
		err(EXIT_TROUBLE, NULL);
	for (i = 0; i < argc; i++) {
		if (i > 0)
			text[at++] = ' ';
		n = strlen(argv[i]);
		memcpy(text + at, argv[i], n);
		at += n;
	}
	text[at] = '\0';
	i = parse_query(text, &q, errbuf, sizeof(errbuf));
	free(text);
	if (i != 0)
		errx(EXIT_TROUBLE, "%s", errbuf);
	return run_query(&q);
}

/*
 * Answer the queries on standard input, one a line.  A malformed line is
 * reported with its number and the others are still answered: the status
 * is 2 if a line was malformed, else 1 if a query found nothing.
 */
static int
cmd_batch(void)
{
	char *line = NULL, errbuf[256], where[64];
	size_t cap = 0, lineno = 0, queries = 0;
	ssize_t len;
	struct query q;
	int status = EXIT_FOUND, st;

	opt.batch = 1;
	while ((len = getline(&line, &cap, stdin)) != -1) {
		lineno++;
		snprintf(where, sizeof(where), "stdin:%zu: ", lineno);
		opt.where = where;
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if (memchr(line, '\0', (size_t)len) != NULL) {
			hint_at(opt.where, "NUL byte in the line");
			status = EXIT_TROUBLE;
			continue;
		}
		if (strspn(line, " \t") == (size_t)len)
			continue;
		queries++;
		if (parse_query(line, &q, errbuf, sizeof(errbuf)) != 0) {
			hint_at(opt.where, "%s", errbuf);
			status = EXIT_TROUBLE;
			continue;
		}
		if ((st = run_query(&q)) != EXIT_FOUND &&
		    status == EXIT_FOUND)
			status = st;
	}
	opt.where = "";
	if (ferror(stdin)) {
		warn("stdin");
		status = EXIT_TROUBLE;
	}
	free(line);
	if (queries == 0 && status == EXIT_FOUND) {
		if (!opt.quiet)
			warnx("no queries on standard input");
		status = EXIT_NOT_FOUND;
	}
	return status;
}

/*
 * The search words of the arguments: each argument split at white space
 * (-s 'call network' is -s call network), into a new array of pointers
 * into buf, a copy of the arguments.  An argument of white space only is
 * a usage error.
 */
static char **
split_words(char **args, size_t nargs, size_t *nwords, char **buf)
{
	size_t len = 0, i, n = 0;
	char **words, *p, *save;

	for (i = 0; i < nargs; i++) {
		if (args[i][strspn(args[i], " \t\n")] == '\0')
			usage_error("empty search word");
		len += strlen(args[i]) + 1;
	}
	/* an array of pointers */
	/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
	if ((words = calloc(len + 1, sizeof(*words))) == NULL ||
	    (*buf = malloc(len + 1)) == NULL)
		err(EXIT_TROUBLE, NULL);
	for (i = 0, p = *buf; i < nargs; i++) {
		memcpy(p, args[i], strlen(args[i]) + 1);
		for (char *w = strtok_r(p, " \t\n", &save); w != NULL;
		    w = strtok_r(NULL, " \t\n", &save))
			words[n++] = w;
		p += strlen(args[i]) + 1;
	}
	*nwords = n;
	return words;
}

static int
cmd_search(char **args, size_t nargs, int regex)
{
	const struct acs_entry **v;
	const struct acs_tip *tips[64];
	struct search s;
	struct hints hints = { opt.tables, "" };
	char errbuf[256], buf[80], **words = args, *copy = NULL;
	size_t n, ntips, i, bad, nwords = nargs;

	if (!regex)
		words = split_words(args, nargs, &nwords, &copy);
	for (i = 0; i < nwords; i++)
		if (words[i][strspn(words[i], " \t")] == '\0')
			usage_error("empty search word");
	if (search_init(&s, words, nwords, regex, opt.tables, errbuf,
	    sizeof(errbuf), &bad) != 0) {
		if (bad < nwords)
			usage_error("invalid regular expression '%s': %s",
			    printable(words[bad], buf, sizeof(buf)), errbuf);
		errx(EXIT_TROUBLE, "%s", errbuf);
	}
	v = entry_buffer();
	n = search_entries(&s, v, acs_nentries);
	ntips = out.no_tips ? 0 : search_tips(&s, v, n, out.format ==
	    FORMAT_JSON, tips, sizeof(tips) / sizeof(tips[0]));
	if (n == 0 && ntips == 0) {
		if (!opt.quiet)
			hint_search(&hints, &s, words, regex);
	} else if (!opt.quiet) {
		for (i = 0; i < n; i++)
			print_entry(v[i]);
		for (i = 0; i < ntips && i < sizeof(tips) / sizeof(tips[0]);
		    i++)
			print_tip(tips[i]);
	}
	free(v);
	search_free(&s);
	if (words != args) {
		free(words);
		free(copy);
	}
	return n > 0 || ntips > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
}

static int
cmd_list(void)
{
	if (opt.quiet)
		return EXIT_FOUND;
	for (size_t i = 0; i < acs_nentries; i++)
		if (entry_in_tables(&acs_entries[i], opt.tables))
			print_entry(&acs_entries[i]);
	return EXIT_FOUND;
}

static int
cmd_tables(void)
{
	const struct acs_table *t;

	if (opt.quiet)
		return EXIT_FOUND;
	for (size_t i = 0; i < acs_ntables; i++) {
		t = &acs_tables[i];
		if (out.format == FORMAT_JSON)
			print_table_json(t);
		else
			printf("%-16s %3zu  %s\n", t->name, t->count,
			    t->description);
	}
	return EXIT_FOUND;
}

static int
cmd_tips(void)
{
	if (opt.quiet)
		return EXIT_FOUND;
	for (size_t i = 0; i < acs_ntips; i++)
		print_tip(&acs_tips[i]);
	return EXIT_FOUND;
}

/* Print "NUMBER<TAB>what it is" for a completion: its first line, cut. */
static void
complete_line(uint32_t n, const char *what)
{
	size_t len = strcspn(what, "\n");

	if (len > 60)
		printf("%u\t%.57s...\n", n, what);
	else
		printf("%u\t%.*s\n", n, (int)len, what);
}

/* Print the table names or the fields of -o, with their descriptions. */
static void
complete_names(const char *what)
{
	const char *d;
	size_t i;

	for (i = 0; *what == 't' && i < acs_ntables; i++)
		printf("%s\t%s\n", acs_tables[i].name, acs_tables[i].description);
	for (i = 0; *what == 'f' && i < NFIELDS; i++) {
		const char *name = field_name(i, &d);

		printf("%s\t%s\n", name, d);
	}
}

/*
 * --complete=WHAT, for the shell completions: the documented codes, the
 * subcodes (documented with CODE, if given), both (numbers: what a first
 * operand may be), the tables or the fields, one a line, each with a tab
 * and a short description.
 */
static int
cmd_complete(const char *what, char **argv, int argc)
{
	static const char *const kinds[] = { "codes", "subcodes", "numbers" };
	uint32_t *v, code = 0;
	size_t n, cap, i, kind;
	char buf[80];
	const char *d;

	if (what == NULL)
		what = "";	/* getopt gives --complete its argument */
	if (strcmp(what, "tables") == 0 || strcmp(what, "fields") == 0) {
		if (argc > 0)
			usage_error("--complete=%s takes no operand", what);
		complete_names(what);
		return EXIT_FOUND;
	}
	for (kind = 0; kind < 3 && strcmp(what, kinds[kind]) != 0; kind++)
		continue;
	if (kind == 3)
		usage_error("invalid --complete value '%s': expected codes, "
		    "subcodes, numbers, tables or fields", printable(what, buf,
		    sizeof(buf)));
	if (argc > (kind == 1 ? 1 : 0))
		usage_error("--complete=%s takes %s", what, kind == 1 ?
		    "at most a code" : "no operand");
	if (argc == 1) {
		enum number_status st = parse_number(argv[0], &code);

		if (st != NUMBER_OK)
			usage_error("invalid number '%s': %s", printable(argv[0],
			    buf, sizeof(buf)), number_status_string(st));
	}
	if ((v = number_buffer(&cap)) == NULL)
		err(EXIT_TROUBLE, NULL);
	n = argc == 1 ? subcodes_with_code(code, opt.tables, v, cap) :
	    kind == 2 ? all_numbers(-1, opt.tables, v, cap) :
	    all_numbers((int)kind, opt.tables, v, cap);
	for (i = 0; i < n; i++) {
		d = kind != 1 && code_documented(v[i], opt.tables) ?
		    code_description(v[i], opt.tables) :
		    subcode_description(v[i], argc == 1, code, opt.tables);
		complete_line(v[i], d != NULL ? d : "");
	}
	free(v);
	return EXIT_FOUND;
}

/* How many long options NAME (up to any "=") abbreviates. */
static size_t
prefix_matches(const char *name, const struct option *longopts)
{
	size_t len = strcspn(name, "="), n = 0;

	for (; longopts->name != NULL; longopts++)
		n += strncmp(longopts->name, name, len) == 0;
	return n;
}

/*
 * Was the option getopt_long rejected the long option ARG?  Yes if ARG is
 * "--name" for an unknown name, or names a long option for the rejected
 * character; a short option in a cluster leaves ARG at the previous word.
 */
static int
rejected_long(const char *arg, const struct option *longopts)
{
	size_t len;

	if (strncmp(arg, "--", 2) != 0 || arg[2] == '\0')
		return 0;
	if (optopt == 0)
		return 1;
	len = strcspn(arg + 2, "=");
	for (; longopts->name != NULL; longopts++)
		if (longopts->val == optopt &&
		    strncmp(longopts->name, arg + 2, len) == 0)
			return 1;
	return 0;
}

/* Report an option getopt_long rejected (opterr is off). */
static void
bad_option(int ch, char **argv, const struct option *longopts)
{
	const char *arg = argv[optind - 1];
	unsigned char c = (unsigned char)optopt;
	char buf[80];

	if (rejected_long(arg, longopts)) {
		arg = printable(arg, buf, sizeof(buf));
		if (ch == ':')
			usage_error("option '%s' requires an argument", arg);
		if (optopt != 0)
			usage_error("option '%.*s' doesn't allow an argument",
			    (int)strcspn(arg, "="), arg);
		if (prefix_matches(arg + 2, longopts) > 1)
			usage_error("option '%.*s' is ambiguous",
			    (int)strcspn(arg, "="), arg);
		usage_error("unknown option '%.*s'",
		    (int)strcspn(arg, "="), arg);
	}
	if (ch == ':')
		usage_error("option '-%c' requires an argument", c);
	if (c >= '0' && c <= '9')
		usage_error("unknown option '-%c' (codes and subcodes are "
		    "never negative)", c);
	if (c > 0x20 && c < 0x7f)
		usage_error("unknown option '-%c'", c);
	usage_error("unknown option '-\\x%02x'", c);
}

static void
table_option(const char *arg, uint64_t *tables)
{
	const char *bad;
	char names[512] = "", buf[80], name[80];
	size_t len, i;

	if (parse_tables(arg, tables, &bad, &len) == 0)
		return;
	for (i = 0; i < acs_ntables; i++) {
		if (i > 0)
			strncat(names, ", ", sizeof(names) - strlen(names) - 1);
		strncat(names, acs_tables[i].name,
		    sizeof(names) - strlen(names) - 1);
	}
	snprintf(name, sizeof(name), "%.*s", (int)len, bad);
	usage_error("unknown table '%s'; the tables are %s",
	    printable(name, buf, sizeof(buf)), names);
}

static void
fields_option(const char *arg)
{
	const char *bad;
	char buf[80], name[80];
	size_t len;

	if (parse_fields(arg, &bad, &len) == 0)
		return;
	if (bad == NULL)
		usage_error("too many fields: at most %d", MAX_FIELDS);
	else {
		snprintf(name, sizeof(name), "%.*s", (int)len, bad);
		usage_error("unknown field '%s'; the fields are %s",
		    printable(name, buf, sizeof(buf)), field_names());
	}
}

/* --color[=WHEN]: 1 always, 0 never, -1 auto. */
static int
color_option(const char *arg)
{
	char buf[80];

	if (arg == NULL || strcmp(arg, "auto") == 0)
		return -1;
	if (strcmp(arg, "always") == 0)
		return 1;
	if (strcmp(arg, "never") == 0)
		return 0;
	usage_error("invalid --color value '%s': expected auto, always or "
	    "never", printable(arg, buf, sizeof(buf)));
	return 0;
}

static void
set_mode(enum mode *mode, enum mode m, const char *name)
{
	static const char *current;

	if (*mode != MODE_LOOKUP && *mode != m)
		usage_error("%s and %s cannot be used together", current,
		    name);
	*mode = m;
	current = name;
}

/*
 * Reject the options a mode has no use for, rather than ignore them:
 * those its line of the usage does not list.
 */
static void
check_options(enum mode mode, int tables, int long_format, int json,
    int color)
{
	static const char *const names[] = {
		[MODE_LOOKUP] = "a lookup", [MODE_SEARCH] = "--search",
		[MODE_LIST] = "--list", [MODE_TABLES] = "--tables",
		[MODE_TIPS] = "--tips", [MODE_COMPLETE] = "--complete",
		[MODE_SCAN] = "--scan", [MODE_ANNOTATE] = "--annotate",
		[MODE_KQL] = "--kql", [MODE_EXPORT] = "--export",
	};
	const char *bad = NULL;

	if (tables && (mode == MODE_TABLES || mode == MODE_TIPS ||
	    mode == MODE_KQL || mode == MODE_EXPORT))
		bad = "-t";
	else if (long_format && (mode == MODE_TABLES || mode == MODE_TIPS ||
	    mode == MODE_COMPLETE || mode == MODE_SCAN))
		bad = "-l";
	else if (out.nfields > 0 && (mode == MODE_TABLES ||
	    mode == MODE_COMPLETE || mode == MODE_SCAN))
		bad = "-o";
	else if (out.no_tips && mode != MODE_LOOKUP && mode != MODE_SEARCH)
		bad = "--no-tips";
	else if (opt.exact && mode != MODE_LOOKUP)
		bad = "-x";
	else if ((mode == MODE_COMPLETE || mode == MODE_TABLES) && color >= 0)
		bad = "--color";
	else if ((mode == MODE_COMPLETE || mode == MODE_ANNOTATE ||
	    mode == MODE_KQL || mode == MODE_EXPORT) && (json || opt.quiet))
		bad = json ? "--json" : "-q";
	else if ((mode == MODE_ANNOTATE || mode == MODE_KQL ||
	    mode == MODE_EXPORT) && (long_format || out.nfields > 0 ||
	    color >= 0))
		bad = long_format ? "-l" : out.nfields > 0 ? "-o" : "--color";
	if (bad != NULL)
		usage_error("%s does not apply to %s", bad, names[mode]);
}

/*
 * Does the locale use UTF-8?  Read from the environment as setlocale(3)
 * would, without paying for loading the locale.
 */
static int
utf8_locale(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *v;

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
		if ((v = getenv(vars[i])) != NULL && *v != '\0')
			return strstr(v, "UTF-8") != NULL ||
			    strstr(v, "utf8") != NULL ||
			    strstr(v, "utf-8") != NULL ||
			    strstr(v, "UTF8") != NULL;
	return 0;
}

/* How wide the terminal on stdout is: TIOCGWINSZ, $COLUMNS, else 80. */
static size_t
terminal_width(void)
{
	struct winsize ws;
	const char *s;
	uint32_t n;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if ((s = getenv("COLUMNS")) != NULL && parse_number(s, &n) ==
	    NUMBER_OK && n > 0)
		return n;
	return 80;
}

/* Set up the output for stdout: a terminal, colors, the width. */
static void
setup_output(int color)
{
	const char *term = getenv("TERM"), *no_color = getenv("NO_COLOR");
	int tty = isatty(STDOUT_FILENO);

	if (out.format == FORMAT_LONG || out.format == FORMAT_LINE) {
		out.terminal = tty;
		if (color < 0)
			color = tty && (no_color == NULL || *no_color == '\0') &&
			    (term == NULL || strcmp(term, "dumb") != 0);
		out.color = color;
	}
	out.utf8 = utf8_locale();
	if (out.terminal) {
		out.width = terminal_width();
		if (out.width < 8)
			out.width = 8;
		if (out.utf8) {
			out.ellipsis = "\xe2\x80\xa6";
			out.ellipsis_cols = 1;
		}
	}
}

/*
 * Flush stdout and report a failed write: results must not be lost.  A
 * closed pipe ends quietly (SIGPIPE normally does that first).
 */
static int
finish(int status)
{
	print_done();
	if (fflush(stdout) != 0) {
		if (errno != EPIPE)
			warn("write error");
		return EXIT_TROUBLE;
	}
	if (ferror(stdout)) {
		/* an earlier write failed; errno may be stale by now */
		warnx("write error");
		return EXIT_TROUBLE;
	}
	return status;
}

/* What the options ask for, once parsed. */
struct cmdline {
	enum mode mode;
	uint64_t tables;		/* -t, or 0 */
	const char *complete;		/* --complete=WHAT */
	const char *kql_table;		/* --kql-table */
	const char *export;		/* --export FORMAT */
	int regex, json, long_format;
	int color;			/* --color: -1 auto, 0 never, 1 always */
};

static const struct option longopts[] = {
	{ "regex",	no_argument,		NULL,	'E' },
	{ "help",	no_argument,		NULL,	'h' },
	{ "long",	no_argument,		NULL,	'l' },
	{ "fields",	required_argument,	NULL,	'o' },
	{ "jobs",	required_argument,	NULL,	'j' },
	{ "quiet",	no_argument,		NULL,	'q' },
	{ "recursive",	no_argument,		NULL,	'r' },
	{ "search",	no_argument,		NULL,	's' },
	{ "table",	required_argument,	NULL,	't' },
	{ "version",	no_argument,		NULL,	'V' },
	{ "exact",	no_argument,		NULL,	'x' },
	{ "color",	optional_argument,	NULL,	OPT_COLOR },
	{ "json",	no_argument,		NULL,	OPT_JSON },
	{ "list",	no_argument,		NULL,	OPT_LIST },
	{ "tables",	no_argument,		NULL,	OPT_TABLES },
	{ "tips",	no_argument,		NULL,	OPT_TIPS },
	{ "no-tips",	no_argument,		NULL,	OPT_NO_TIPS },
	{ "complete",	required_argument,	NULL,	OPT_COMPLETE },
	{ "scan",	no_argument,		NULL,	OPT_SCAN },
	{ "count-field", required_argument,	NULL,	OPT_COUNT_FIELD },
	{ "since",	required_argument,	NULL,	OPT_SINCE },
	{ "until",	required_argument,	NULL,	OPT_UNTIL },
	{ "by",		required_argument,	NULL,	OPT_BY },
	{ "annotate",	no_argument,		NULL,	OPT_ANNOTATE },
	{ "kql",	no_argument,		NULL,	OPT_KQL },
	{ "kql-table",	required_argument,	NULL,	OPT_KQL_TABLE },
	{ "export",	required_argument,	NULL,	OPT_EXPORT },
	{ NULL,		0,			NULL,	0 },
};

/* Read the options into c and the settings they make (opt, out); -h and
 * -V print and exit here. */
static void
parse_options(int argc, char *argv[], struct cmdline *c)
{
	int ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":Ehj:lo:qrst:Vx", longopts,
	    NULL)) != -1) {
		if (scan_option(ch, optarg))
			continue;
		switch (ch) {
		case 'E':
			c->regex = 1;
			set_mode(&c->mode, MODE_SEARCH, "--regex");
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			fputs(options_text, stdout);
			exit(finish(EXIT_FOUND));
		case 'l':
			c->long_format = 1;
			break;
		case 'o':
			fields_option(optarg);
			break;
		case 'q':
			opt.quiet = 1;
			break;
		case 's':
			set_mode(&c->mode, MODE_SEARCH, "--search");
			break;
		case 't':
			table_option(optarg, &c->tables);
			break;
		case 'V':
			print_version();
			exit(finish(EXIT_FOUND));
		case 'x':
			opt.exact = 1;
			break;
		case OPT_COLOR:
			if (optarg == NULL && optind < argc &&
			    (strcmp(argv[optind], "always") == 0 ||
			    strcmp(argv[optind], "never") == 0 ||
			    strcmp(argv[optind], "auto") == 0))
				usage_error("--color takes its value after '=': "
				    "--color=%s", argv[optind]);
			c->color = color_option(optarg);
			break;
		case OPT_JSON:
			c->json = 1;
			break;
		case OPT_LIST:
			set_mode(&c->mode, MODE_LIST, "--list");
			break;
		case OPT_TABLES:
			set_mode(&c->mode, MODE_TABLES, "--tables");
			break;
		case OPT_TIPS:
			set_mode(&c->mode, MODE_TIPS, "--tips");
			break;
		case OPT_NO_TIPS:
			out.no_tips = 1;
			break;
		case OPT_SCAN:
			set_mode(&c->mode, MODE_SCAN, "--scan");
			break;
		case OPT_ANNOTATE:
			set_mode(&c->mode, MODE_ANNOTATE, "--annotate");
			break;
		case OPT_KQL:
			set_mode(&c->mode, MODE_KQL, "--kql");
			break;
		case OPT_KQL_TABLE:
			c->kql_table = optarg;
			break;
		case OPT_EXPORT:
			set_mode(&c->mode, MODE_EXPORT, "--export");
			c->export = optarg;
			break;
		case OPT_COMPLETE:
			set_mode(&c->mode, MODE_COMPLETE, "--complete");
			c->complete = optarg;
			break;
		default:
			bad_option(ch, argv, longopts);
		}
	}
}

/* Check that the options fit together and set the output's format. */
static void
settle_options(const struct cmdline *c)
{
	const char *scan_only;

	if (c->tables != 0)
		opt.tables = c->tables;
	if (c->json && out.nfields > 0)
		usage_error("--json and --fields cannot be used together");
	check_options(c->mode, c->tables != 0, c->long_format, c->json,
	    c->color);
	if ((scan_only = scan_option_used(c->mode == MODE_KQL)) != NULL &&
	    c->mode != MODE_SCAN)
		usage_error("%s does not apply to %s", scan_only, c->mode ==
		    MODE_LOOKUP ? "a lookup" : c->mode == MODE_ANNOTATE ?
		    "--annotate" : c->mode == MODE_KQL ? "--kql" :
		    "anything but --scan");
	if (c->kql_table != NULL && c->mode != MODE_KQL)
		usage_error("--kql-table does not apply to %s", c->mode ==
		    MODE_LOOKUP ? "a lookup" : "anything but --kql");
	scan_options_done();
	if (c->json)
		out.format = FORMAT_JSON;
	else if (out.nfields > 0)
		out.format = FORMAT_FIELDS;
	else if ((c->mode == MODE_SEARCH || c->mode == MODE_LIST ||
	    c->mode == MODE_SCAN) && !c->long_format)
		out.format = FORMAT_LINE;
	setup_output(c->color);
}

/* Refuse operands where a command takes none. */
static void
no_operands(int argc, char **argv)
{
	char buf[80];

	if (argc > 0)
		usage_error("unexpected operand '%s'",
		    printable(argv[0], buf, sizeof(buf)));
}

/* Run the command c asks for on the operands; its exit status. */
static int
dispatch(const struct cmdline *c, int argc, char **argv)
{
	switch (c->mode) {
	case MODE_SEARCH:
		if (argc == 0)
			usage_error("missing search word");
		return cmd_search(argv, (size_t)argc, c->regex);
	case MODE_COMPLETE:
		return cmd_complete(c->complete, argv, argc);
	case MODE_SCAN:
		return cmd_scan(argv, argc, opt.tables, opt.quiet);
	case MODE_ANNOTATE:
		return cmd_annotate(argv, argc, opt.tables);
	case MODE_KQL:
		return cmd_kql(argc, VERSION, c->kql_table);
	case MODE_EXPORT:
		no_operands(argc, argv);
		return cmd_export(c->export);
	case MODE_LIST:
		no_operands(argc, argv);
		return cmd_list();
	case MODE_TABLES:
		no_operands(argc, argv);
		return cmd_tables();
	case MODE_TIPS:
		no_operands(argc, argv);
		return cmd_tips();
	case MODE_LOOKUP:
		break;
	}
	if (argc == 0)
		usage_error("missing operand: a code, or a code and a subcode");
	for (int i = 0; i < argc && argc > 1; i++)
		if (strcmp(argv[i], "-") == 0)
			usage_error("'-', to read queries from standard input, "
			    "must be the only operand");
	if (argc == 1 && strcmp(argv[0], "-") == 0)
		return cmd_batch();
	return cmd_lookup(argv, argc);
}

int
main(int argc, char *argv[])
{
	struct cmdline c = { .mode = MODE_LOOKUP, .color = -1 };

	signal(SIGPIPE, SIG_DFL);
	parse_options(argc, argv, &c);
	settle_options(&c);
	return finish(dispatch(&c, argc - optind, argv + optind));
}
