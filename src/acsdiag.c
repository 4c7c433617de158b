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

#include "lookup.h"

#ifndef VERSION
#define VERSION "unknown"
#endif

#define EXIT_FOUND 0
#define EXIT_NOT_FOUND 1
#define EXIT_TROUBLE 2

/* Width of the "Category: " labels that start each field of an entry. */
#define LABEL_WIDTH 10

static const char usage_line[] = "usage: acsdiag [-hqV] CODE [SUBCODE]\n";

static const char help_text[] =
"\n"
"Explain an Azure Communication Services response code and subcode: the\n"
"message, result category, advice and links of every documented entry.\n"
"\n"
"  CODE SUBCODE    entries whose code and subcode are exactly these; failing\n"
"                  that, the generic meaning of SUBCODE; then what is\n"
"                  documented for CODE whatever the subcode\n"
"  NUMBER          entries whose code or subcode is NUMBER, in every table\n"
"\n"
"  -h, --help      print this help and exit\n"
"  -q, --quiet     print nothing; report through the exit status only\n"
"  -V, --version   print the version and the data's source and license\n"
"\n"
"Numbers are 1 to 9 decimal digits.  Exit status: 0 found, 1 nothing\n"
"documented matches, 2 usage or other error.\n";

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

static int quiet;

/* Copy s into buf for a message: control bytes escaped, long input cut. */
static const char *
printable(const char *s, char *buf, size_t size)
{
	size_t n = 0;

	for (; *s != '\0' && n + 8 < size; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f)
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

/* Print one field of an entry, its label then its lines, aligned. */
static void
print_field(const char *label, const char *text)
{
	const char *p = text, *end;
	int first = 1;

	if (*text == '\0')
		return;
	while (*p != '\0' || first) {
		end = p + strcspn(p, "\n");
		if (end == p && !first)
			putchar('\n');
		else
			printf("  %-*s%.*s\n", LABEL_WIDTH,
			    first ? label : "", (int)(end - p), p);
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

/* Print entries separated by blank lines; *first tracks the separator. */
static void
print_entries(const struct acs_entry **v, size_t n, int *first)
{
	for (size_t i = 0; i < n; i++) {
		if (!*first)
			putchar('\n');
		*first = 0;
		print_entry(v[i]);
	}
}

static const struct acs_entry **
entry_buffer(void)
{
	const struct acs_entry **v;

	if ((v = calloc(acs_nentries, sizeof(*v))) == NULL)
		err(EXIT_TROUBLE, NULL);
	return v;
}

/* Hints after "no documented entry for code C subcode S". */
static void
hint_pair(uint32_t code, uint32_t subcode)
{
	uint32_t codes[16];
	size_t n, i;

	n = codes_with_subcode(subcode, codes, sizeof(codes) /
	    sizeof(codes[0]));
	if (n > 0) {
		fprintf(stderr, "acsdiag: subcode %u is documented with code%s",
		    subcode, n > 1 ? "s" : "");
		for (i = 0; i < n; i++)
			fprintf(stderr, "%s%u", i == 0 ? " " : i + 1 == n ?
			    " and " : ", ", codes[i]);
		fprintf(stderr, "; try 'acsdiag %u'\n", subcode);
	}
	if (lookup_number(code, NULL, 0) > 0)
		fprintf(stderr, "acsdiag: code %u is documented; try "
		    "'acsdiag %u'\n", code, code);
}

static int
cmd_pair(uint32_t code, uint32_t subcode)
{
	const struct acs_entry **v = entry_buffer();
	size_t n, nctx;
	int generic, first = 1;

	n = lookup_pair(code, subcode, v, acs_nentries, &generic);
	if (n == 0) {
		free(v);
		if (!quiet) {
			warnx("no documented entry for code %u subcode %u",
			    code, subcode);
			hint_pair(code, subcode);
		}
		return EXIT_NOT_FOUND;
	}
	if (!quiet) {
		if (generic)
			printf("No table lists code %u with subcode %u; the "
			    "generic subcode applies.\n\n", code, subcode);
		print_entries(v, n, &first);
		nctx = code_context(code, v, acs_nentries);
		if (nctx > 0) {
			printf("\nCode %u, whatever the subcode:\n\n", code);
			first = 1;
			print_entries(v, nctx, &first);
		}
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

	n = lookup_number(number, v, acs_nentries);
	if (n == 0) {
		if (!quiet)
			warnx("no documented entry for code or subcode %u",
			    number);
	} else if (!quiet)
		print_entries(v, n, &first);
	free(v);
	return n > 0 ? EXIT_FOUND : EXIT_NOT_FOUND;
}

/* Report an option getopt_long rejected (opterr is off). */
static void
bad_option(int ch, char **argv)
{
	const char *arg = argv[optind - 1];
	char buf[80];

	if (strncmp(arg, "--", 2) == 0) {
		arg = printable(arg, buf, sizeof(buf));
		if (ch == ':')
			usage_error("option '%s' requires an argument", arg);
		if (optopt != 0)
			usage_error("option '%.*s' doesn't allow an argument",
			    (int)strcspn(arg, "="), arg);
		usage_error("unknown option '%.*s'",
		    (int)strcspn(arg, "="), arg);
	}
	if (ch == ':')
		usage_error("option '-%c' requires an argument", optopt);
	if (isdigit(optopt))
		usage_error("unknown option '-%c' (codes and subcodes are "
		    "never negative)", optopt);
	if (isprint(optopt))
		usage_error("unknown option '-%c'", optopt);
	usage_error("unknown option '-\\x%02x'", (unsigned char)optopt);
}

/* Flush stdout and report a failed write: results must not be lost. */
static int
finish(int status)
{
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
		{ "help",	no_argument,	NULL,	'h' },
		{ "quiet",	no_argument,	NULL,	'q' },
		{ "version",	no_argument,	NULL,	'V' },
		{ NULL,		0,		NULL,	0 },
	};
	char buf[80];
	int ch, status;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":hqV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'h':
			fputs(usage_line, stdout);
			fputs(help_text, stdout);
			return finish(EXIT_FOUND);
		case 'q':
			quiet = 1;
			break;
		case 'V':
			fputs(version_text, stdout);
			return finish(EXIT_FOUND);
		default:
			bad_option(ch, argv);
		}
	}
	argc -= optind;
	argv += optind;

	if (argc == 0)
		usage_error("missing operand: a code, or a code and a subcode");
	if (argc > 2)
		usage_error("too many operands, from '%s': expected CODE "
		    "[SUBCODE]", printable(argv[2], buf, sizeof(buf)));
	if (argc == 2) {
		uint32_t code = number_operand(argv[0]);

		status = cmd_pair(code, number_operand(argv[1]));
	} else
		status = cmd_number(number_operand(argv[0]));
	return finish(status);
}
