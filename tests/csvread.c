/*
 * csvread: read a CSV file with libcsv and print each record after the
 * header as a JSON object of strings keyed by the header's names; an empty
 * unquoted field is null.  For the test that --export csv says what
 * --export jsonl says.
 *
 * usage: csvread < FILE.csv
 * Exits 0, or 2 on a CSV error or a row with more fields than the header.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#define MAX_COLS 64

static char *names[MAX_COLS];
static size_t ncols, col, row;

/* s[0..n) as a JSON string. */
static void
json_string(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < 0x20 || c == 0x7f)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void
on_field(void *data, size_t len, void *arg)
{
	(void)arg;
	if (row == 0) {
		if (ncols == MAX_COLS)
			errx(2, "more than %d columns", MAX_COLS);
		if ((names[ncols] = strndup(data != NULL ? data : "", len)) ==
		    NULL)
			err(2, NULL);
		ncols++;
		return;
	}
	if (col >= ncols)
		errx(2, "row %zu: more fields than the header", row);
	printf("%s", col == 0 ? "{" : ",");
	json_string(names[col], strlen(names[col]));
	putchar(':');
	if (data == NULL)
		fputs("null", stdout);
	else
		json_string(data, len);
	col++;
}

static void
on_row(int c, void *arg)
{
	(void)c;
	(void)arg;
	if (row > 0) {
		if (col != ncols)
			errx(2, "row %zu: %zu fields, not %zu", row, col, ncols);
		puts("}");
	}
	row++;
	col = 0;
}

int
main(void)
{
	struct csv_parser p;
	char buf[65536];
	size_t n;

	if (csv_init(&p, CSV_STRICT | CSV_EMPTY_IS_NULL) != 0)
		errx(2, "csv_init failed");
	while ((n = fread(buf, 1, sizeof(buf), stdin)) > 0)
		if (csv_parse(&p, buf, n, on_field, on_row, NULL) != n)
			errx(2, "%s", csv_strerror(csv_error(&p)));
	if (ferror(stdin))
		err(2, "stdin");
	if (csv_fini(&p, on_field, on_row, NULL) != 0)
		errx(2, "%s", csv_strerror(csv_error(&p)));
	csv_free(&p);
	for (size_t i = 0; i < ncols; i++)
		free(names[i]);
	return fflush(stdout) == 0 ? 0 : 2;
}
