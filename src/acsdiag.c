/*
 * acsdiag: explain Azure Communication Services response codes and subcodes
 * from the tables of the Microsoft Learn troubleshooting article, compiled
 * in.  This file is the command line: options, dispatch and printing.
 */
#include <ctype.h>
#include <err.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "lookup.h"
#include "search.h"

#ifndef VERSION
#define VERSION "unknown"
#endif

#define EXIT_FOUND 0
#define EXIT_NOT_FOUND 1
#define EXIT_TROUBLE 2

/* Width of the "Category: " labels that start each field of an entry. */
#define LABEL_WIDTH 10

/* Most items a hint lists before "...". */
#define HINT_MAX 12

static const char usage_text[] =
"usage: acsdiag [-lq] [-t NAME[,NAME...]] [--no-tips] CODE [SUBCODE]\n"
"       acsdiag [-lq] [-t NAME[,NAME...]] [--no-tips] -s | -E WORD...\n"
"       acsdiag [-lq] [-t NAME[,NAME...]] --list\n"
"       acsdiag --tables | --tips | -h | -V\n";

static const char help_text[] =
"\n"
"Explain Azure Communication Services response codes and subcodes: the\n"
"message, result category, advice and links of every documented entry,\n"
"and the troubleshooting tips that apply.\n"
"\n"
"  CODE SUBCODE      entries whose code and subcode are exactly these;\n"
"                    failing that, the generic meaning of SUBCODE; then what\n"
"                    is documented for CODE whatever the subcode\n"
"  NUMBER            entries whose code or subcode is NUMBER, in every table\n"
"\n"
"  -E, --regex       search with POSIX extended regular expressions\n"
"  -h, --help        print this help and exit\n"
"  -l, --long        print whole entries for --search and --list\n"
"  -q, --quiet       print nothing; report through the exit status only\n"
"  -s, --search      list entries containing every WORD, best first\n"
"  -t, --table NAME  only look in these tables (see --tables)\n"
"  -V, --version     print the version and the data's source and license\n"
"      --list        list every entry, one line each\n"
"      --tables      list the tables: name, entries, description\n"
"      --tips        print the troubleshooting tips\n"
"      --no-tips     do not print tips after the entries\n"
"\n"
"A search or list prints a line per entry: table, code, subcode, category\n"
"and message, separated by tabs (\"-\" for none).  Numbers are 1 to 9\n"
"decimal digits.  Exit status: 0 found, 1 nothing documented matches,\n"
"2 usage or other error.\n";

static const char version_text[] =
"acsdiag " VERSION "\n"
"\n"
"Data: \"Troubleshooting call end response codes for Calling SDK, Call\n"
"Automation SDK, PSTN, Chat SDK, and SMS SDK\", Microsoft Learn,\n"
"https://learn.microsoft.com/azure/communication-services/resources/"
"troubleshooting/voice-video-calling/troubleshooting-codes\n"
"(c) Microsoft, licensed under CC BY 4.0:\n"
"https://creativecommons.org/licenses/by/4.0/\n"
"Transcribed into CSV; the changes are listed in codes/README.md.\n";

enum mode { MODE_LOOKUP, MODE_SEARCH, MODE_LIST, MODE_TABLES, MODE_TIPS };

/* Long options without a short form. */
enum { OPT_LIST = 256, OPT_TABLES, OPT_TIPS, OPT_NO_TIPS };

static struct {
	int quiet;
	int long_format;
	int no_tips;
	uint64_t tables;
	int cut_lines;		/* stdout is a terminal: cut lines to width */
	size_t width;
	const char *ellipsis;
	size_t ellipsis_cols;
} opt = { .tables = ACS_ALL_TABLES, .width = 80 };

/* Copy s into buf for a message: bytes other than printable ASCII
 * escaped, long input cut. */
static const char *
printable(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; *s != '\0' && n + 8 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c >= 0x7f)
			n += (size_t)snprintf(buf + n, size - n, "\\x%02x", c);
		else
			buf[n++] = (char)c;
	}
	if (*s != '\0') {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

/* Print a usage error, one line and a hint, and exit 2. */
static void
usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	fputs("Try 'acsdiag --help' for more information.\n", stderr);
	exit(EXIT_TROUBLE);
}

static uint32_t
number_operand(const char *arg)
{
	enum number_status st;
	uint32_t n = 0;
	char buf[80];

	if ((st = parse_number(arg, &n)) != NUMBER_OK)
		usage_error("invalid number '%s': %s",
		    printable(arg, buf, sizeof(buf)), number_status_string(st));
	return n;
}

/*
 * Print one field of an entry, its label then its lines, aligned.  An
 * empty line of the text keeps its indent, so that only the empty lines
 * between entries are empty.
 */
static void
print_field(const char *label, const char *text)
{
	const char *p = text, *end;
	int first = 1;

	if (*text == '\0')
		return;
	while (*p != '\0' || first) {
		end = p + strcspn(p, "\n");
		printf("  %-*s%.*s\n", LABEL_WIDTH, first ? label : "",
		    (int)(end - p), p);
		first = 0;
		p = *end == '\n' ? end + 1 : end;
	}
}

static void
print_links(const struct acs_link *links, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		printf("  %-*s", LABEL_WIDTH, i == 0 ? "Links:" : "");
		if (strcmp(links[i].label, links[i].url) != 0)
			printf("%s: ", links[i].label);
		printf("%s\n", links[i].url);
	}
}

/* The key line: "Call end codes: code 410, subcode 3112". */
static void
print_key(const struct acs_entry *e)
{
	printf("%s:", entry_table(e)->title);
	for (size_t i = 0; i < e->ncodes; i++)
		printf("%s%u", i > 0 ? ", " : e->ncodes > 1 ? " codes " :
		    " code ", e->codes[i]);
	if (e->has_subcode)
		printf("%s subcode %u", e->ncodes > 0 ? "," : "", e->subcode);
	putchar('\n');
}

static void
print_entry(const struct acs_entry *e)
{
	print_key(e);
	print_field("Category:", category_name(e->category));
	print_field("Message:", e->message);
	print_field("Advice:", e->advice);
	print_links(e->links, e->nlinks);
	print_field("Note:", e->note);
}

static void
print_tip(const struct acs_tip *t)
{
	printf("Troubleshooting tip: %s\n", t->title);
	print_field("Tip:", t->text);
	print_links(t->links, t->nlinks);
}

/* Print entries separated by blank lines; *first tracks the separator. */
static void
print_entries(const struct acs_entry *const *v, size_t n, int *first)
{
	for (size_t i = 0; i < n; i++) {
		if (!*first)
			putchar('\n');
		*first = 0;
		print_entry(v[i]);
	}
}

/* Display columns of line[0..n): tabs advance to a multiple of 8. */
static size_t
columns(const char *line, size_t n)
{
	size_t col = 0;

	for (size_t i = 0; i < n; i++)
		col = line[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
	return col;
}

/*
 * Print a line; when stdout is a terminal, cut it to the terminal's width
 * with an ellipsis.
 */
static void
print_line(const char *line)
{
	size_t len = strlen(line), room, n;

	if (!opt.cut_lines || columns(line, len) <= opt.width) {
		printf("%s\n", line);
		return;
	}
	room = opt.width - opt.ellipsis_cols;
	for (n = 0; n < len && columns(line, n + 1) <= room; n++)
		continue;
	printf("%.*s%s\n", (int)n, line, opt.ellipsis);
}

/* Append to a growing line buffer. */
static void
append(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		if ((*buf = realloc(*buf, *cap)) == NULL)
			err(EXIT_TROUBLE, NULL);
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

/* The buffer lines are built in, reused; freed by finish(). */
static char *line_buf;
static size_t line_cap;

/* One line for an entry: table, code(s), subcode, category, message. */
static void
print_entry_line(const struct acs_entry *e)
{
	char **buf = &line_buf;
	size_t *cap = &line_cap;
	size_t len = 0, i, n;
	char num[16];
	const char *p, *cat;

	append(buf, &len, cap, entry_table(e)->name,
	    strlen(entry_table(e)->name));
	append(buf, &len, cap, "\t", 1);
	for (i = 0; i < e->ncodes; i++) {
		snprintf(num, sizeof(num), "%s%u", i > 0 ? "," : "",
		    e->codes[i]);
		append(buf, &len, cap, num, strlen(num));
	}
	if (e->ncodes == 0)
		append(buf, &len, cap, "-", 1);
	if (e->has_subcode)
		snprintf(num, sizeof(num), "\t%u\t", e->subcode);
	else
		snprintf(num, sizeof(num), "\t-\t");
	append(buf, &len, cap, num, strlen(num));
	cat = category_name(e->category);
	if (*cat == '\0')
		cat = "-";
	append(buf, &len, cap, cat, strlen(cat));
	append(buf, &len, cap, "\t", 1);
	for (p = e->message; *p != '\0'; p += n) {
		if ((n = strcspn(p, "\n")) == 0) {
			append(buf, &len, cap, " ", 1);
			n = 1;
		} else
			append(buf, &len, cap, p, n);
	}
	print_line(*buf);
}

static void
print_tip_line(const struct acs_tip *t)
{
	char *line = NULL;
	size_t len = 0, cap = 0;

	append(&line, &len, &cap, "tip\t-\t-\t-\t", 10);
	append(&line, &len, &cap, t->title, strlen(t->title));
	print_line(line);
	free(line);
}

static const struct acs_entry **
entry_buffer(void)
{
	const struct acs_entry **v;

	if ((v = calloc(acs_nentries, sizeof(*v))) == NULL)
		err(EXIT_TROUBLE, NULL);
	return v;
}

/* Print the tips that apply to ENTRIES (and search S), long form. */
static void
print_tips(const struct acs_entry *const *entries, size_t n,
    const struct search *s, int first, int one_line)
{
	const struct acs_tip *tips[64];
	size_t ntips, i;

	if (opt.no_tips)
		return;
	ntips = tips_for(entries, n, s, tips, sizeof(tips) / sizeof(tips[0]));
	for (i = 0; i < ntips && i < sizeof(tips) / sizeof(tips[0]); i++) {
		if (one_line) {
			print_tip_line(tips[i]);
			continue;
		}
		if (!first)
			putchar('\n');
		first = 0;
		print_tip(tips[i]);
	}
}

/* Where a lookup looked, for "no documented entry ..." messages. */
static const char *
where(void)
{
	return opt.tables == ACS_ALL_TABLES ? "" : " in the tables chosen";
}

/*
 * Print "acsdiag: WHAT 1, 2 and 3TAIL" for a hint (CONJ "and" or "or");
 * past HINT_MAX items,
 * "1, 2, ... 12 and N more".
 */
static void
hint_list(const char *what, const uint32_t *v, size_t n, const char *conj,
    const char *tail)
{
	size_t shown = n > HINT_MAX ? HINT_MAX : n;

	fprintf(stderr, "acsdiag: %s", what);
	for (size_t i = 0; i < shown; i++) {
		if (i > 0)
			fprintf(stderr, i + 1 == n ? " %s" : ",", conj);
		fprintf(stderr, " %u", v[i]);
	}
	if (n > shown)
		fprintf(stderr, " and %zu more", n - shown);
	fprintf(stderr, "%s\n", tail);
}

/* Room for every distinct number the tables hold. */
static uint32_t *
number_buffer(size_t *cap)
{
	uint32_t *v;

	*cap = acs_nentries * (ACS_MAX_CODES + 1);
	if ((v = calloc(*cap, sizeof(*v))) == NULL)
		err(EXIT_TROUBLE, NULL);
	return v;
}

/* Hint at the codes SUBCODE is documented with, if any. */
static void
hint_subcode(uint32_t subcode)
{
	char what[64], tail[64];
	size_t n, cap;
	uint32_t *v = number_buffer(&cap);

	if ((n = codes_with_subcode(subcode, opt.tables, v, cap)) == 0) {
		free(v);
		return;
	}
	snprintf(what, sizeof(what), "subcode %u is documented with code%s",
	    subcode, n > 1 ? "s" : "");
	snprintf(tail, sizeof(tail), "; try 'acsdiag %u'", subcode);
	hint_list(what, v, n, "and", tail);
	free(v);
}

/* Hints after "no documented entry for code C subcode S". */
static void
hint_pair(uint32_t code, uint32_t subcode)
{
	char what[64], tail[64];
	size_t n, cap;
	uint32_t *v = number_buffer(&cap);

	hint_subcode(subcode);
	if ((n = subcodes_with_code(code, opt.tables, v, cap)) > 0) {
		snprintf(what, sizeof(what), "code %u is documented with "
		    "subcode%s", code, n > 1 ? "s" : "");
		snprintf(tail, sizeof(tail), "; try 'acsdiag %u'", code);
		hint_list(what, v, n, "and", tail);
	} else if (code_documented(code, opt.tables))
		fprintf(stderr, "acsdiag: code %u is documented; try "
		    "'acsdiag %u'\n", code, code);
	free(v);
}

static void
hint_number(uint32_t number)
{
	size_t n, cap;
	uint32_t *v = number_buffer(&cap);

	if ((n = numbers_near(number, opt.tables, v, cap)) > 0)
		hint_list("did you mean", v, n, "or", "?");
	free(v);
}

static int
cmd_pair(uint32_t code, uint32_t subcode)
{
	const struct acs_entry **v = entry_buffer();
	size_t n, nctx;
	int generic, first = 1;

	n = lookup_pair(code, subcode, opt.tables, v, acs_nentries, &generic);
	if (n == 0) {
		free(v);
		if (!opt.quiet) {
			warnx("no documented entry for code %u subcode %u%s",
			    code, subcode, where());
			hint_pair(code, subcode);
		}
		return EXIT_NOT_FOUND;
	}
	if (!opt.quiet) {
		if (generic) {
			printf("No table lists code %u with subcode %u; the "
			    "generic subcode applies.\n\n", code, subcode);
			hint_subcode(subcode);
		}
		print_entries(v, n, &first);
		nctx = code_context(code, opt.tables, v + n, acs_nentries - n);
		if (nctx > acs_nentries - n)
			nctx = acs_nentries - n;
		if (nctx > 0) {
			printf("\nCode %u, whatever the subcode:\n\n", code);
			first = 1;
			print_entries(v + n, nctx, &first);
		}
		print_tips(v, n + nctx, NULL, 0, 0);
	}
	free(v);
	return EXIT_FOUND;
}

static int
cmd_number(uint32_t number)
{
	const struct acs_entry **v = entry_buffer();
	size_t n;
	int first = 1;

	n = lookup_number(number, opt.tables, v, acs_nentries);
	if (n == 0) {
		if (!opt.quiet) {
			warnx("no documented entry for code or subcode %u%s",
			    number, where());
			hint_number(number);
		}
	} else if (!opt.quiet) {
		print_entries(v, n, &first);
		print_tips(v, n, NULL, 0, 0);
	}
	free(v);
	return n > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
}

/* Say that nothing matched, and suggest words for those found nowhere. */
static void
hint_search(const struct search *s, char **words, int regex)
{
	char buf[80], word[EDIT_MAX_LEN + 1];

	if (s->nwords == 1)
		warnx("no documented entry matches '%s'%s",
		    printable(words[0], buf, sizeof(buf)), where());
	else
		warnx("no documented entry matches all of the %zu %s%s",
		    s->nwords, regex ? "expressions" : "words", where());
	if (regex)
		return;
	for (size_t i = 0; i < s->nwords; i++)
		if (!search_word_hits(s->words[i], opt.tables) &&
		    suggest_word(words[i], word, sizeof(word)))
			fprintf(stderr, "acsdiag: did you mean \"%s\" for "
			    "'%s'?\n", word, printable(words[i], buf,
			    sizeof(buf)));
}

static int
cmd_search(char **words, size_t nwords, int regex)
{
	const struct acs_entry **v;
	const struct acs_tip *tips[64];
	struct search s;
	char errbuf[256], buf[80];
	size_t n, ntips, i, bad;
	int first = 1;

	for (i = 0; i < nwords; i++)
		if (words[i][0] == '\0')
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
	ntips = opt.no_tips ? 0 : tips_for(v, n, &s, tips,
	    sizeof(tips) / sizeof(tips[0]));
	if (n == 0 && ntips == 0) {
		if (!opt.quiet)
			hint_search(&s, words, regex);
	} else if (!opt.quiet) {
		for (i = 0; i < n; i++) {
			if (opt.long_format)
				print_entries(v + i, 1, &first);
			else
				print_entry_line(v[i]);
		}
		print_tips(v, n, &s, first, !opt.long_format);
	}
	free(v);
	search_free(&s);
	return n > 0 || ntips > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
}

static int
cmd_list(void)
{
	const struct acs_entry *e;
	int first = 1;

	if (opt.quiet)
		return EXIT_FOUND;
	for (size_t i = 0; i < acs_nentries; i++) {
		e = &acs_entries[i];
		if (!entry_in_tables(e, opt.tables))
			continue;
		if (opt.long_format)
			print_entries(&e, 1, &first);
		else
			print_entry_line(e);
	}
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
		printf("%-16s %3zu  %s\n", t->name, t->count, t->description);
	}
	return EXIT_FOUND;
}

static int
cmd_tips(void)
{
	if (opt.quiet)
		return EXIT_FOUND;
	for (size_t i = 0; i < acs_ntips; i++) {
		if (i > 0)
			putchar('\n');
		print_tip(&acs_tips[i]);
	}
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
	if (isdigit(c))
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

/* Flush stdout and report a failed write: results must not be lost. */
static int
finish(int status)
{
	free(line_buf);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		warn("write error");
		return EXIT_TROUBLE;
	}
	return status;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "regex",	no_argument,		NULL,	'E' },
		{ "help",	no_argument,		NULL,	'h' },
		{ "long",	no_argument,		NULL,	'l' },
		{ "quiet",	no_argument,		NULL,	'q' },
		{ "search",	no_argument,		NULL,	's' },
		{ "table",	required_argument,	NULL,	't' },
		{ "version",	no_argument,		NULL,	'V' },
		{ "list",	no_argument,		NULL,	OPT_LIST },
		{ "tables",	no_argument,		NULL,	OPT_TABLES },
		{ "tips",	no_argument,		NULL,	OPT_TIPS },
		{ "no-tips",	no_argument,		NULL,	OPT_NO_TIPS },
		{ NULL,		0,			NULL,	0 },
	};
	enum mode mode = MODE_LOOKUP;
	uint64_t tables = 0;
	char buf[80];
	int ch, regex = 0, status;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":Ehlqst:V", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'E':
			regex = 1;
			set_mode(&mode, MODE_SEARCH, "--search");
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return finish(EXIT_FOUND);
		case 'l':
			opt.long_format = 1;
			break;
		case 'q':
			opt.quiet = 1;
			break;
		case 's':
			set_mode(&mode, MODE_SEARCH, "--search");
			break;
		case 't':
			table_option(optarg, &tables);
			break;
		case 'V':
			fputs(version_text, stdout);
			return finish(EXIT_FOUND);
		case OPT_LIST:
			set_mode(&mode, MODE_LIST, "--list");
			break;
		case OPT_TABLES:
			set_mode(&mode, MODE_TABLES, "--tables");
			break;
		case OPT_TIPS:
			set_mode(&mode, MODE_TIPS, "--tips");
			break;
		case OPT_NO_TIPS:
			opt.no_tips = 1;
			break;
		default:
			bad_option(ch, argv, longopts);
		}
	}
	argc -= optind;
	argv += optind;
	if (tables != 0)
		opt.tables = tables;
	if (isatty(STDOUT_FILENO)) {
		opt.cut_lines = 1;
		opt.width = terminal_width();
		if (opt.width < 8)
			opt.width = 8;
		if (utf8_locale()) {
			opt.ellipsis = "\xe2\x80\xa6";
			opt.ellipsis_cols = 1;
		} else {
			opt.ellipsis = "...";
			opt.ellipsis_cols = 3;
		}
	}

	switch (mode) {
	case MODE_SEARCH:
		if (argc == 0)
			usage_error("missing search word");
		status = cmd_search(argv, (size_t)argc, regex);
		break;
	case MODE_LIST:
	case MODE_TABLES:
	case MODE_TIPS:
		if (argc > 0)
			usage_error("unexpected operand '%s'",
			    printable(argv[0], buf, sizeof(buf)));
		status = mode == MODE_LIST ? cmd_list() : mode ==
		    MODE_TABLES ? cmd_tables() : cmd_tips();
		break;
	default:
		if (argc == 0)
			usage_error("missing operand: a code, or a code and a "
			    "subcode");
		if (argc > 2)
			usage_error("too many operands, from '%s': expected "
			    "CODE [SUBCODE]", printable(argv[2], buf,
			    sizeof(buf)));
		if (argc == 2) {
			uint32_t code = number_operand(argv[0]);

			status = cmd_pair(code, number_operand(argv[1]));
		} else
			status = cmd_number(number_operand(argv[0]));
	}
	return finish(status);
}
