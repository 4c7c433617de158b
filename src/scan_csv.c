/*
 * The scanner's CSV reader: a header row naming the code and subcode
 * columns (as a Log Analytics export does, "TimeGenerated [UTC]" and
 * all), then a record each, read with libcsv, quoted fields with commas
 * and newlines included.  A field longer than CSV_FIELD_MAX skips its
 * record, counted.
 */
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "lookup.h"
#include "scan_int.h"

/* A column name without surrounding spaces and a " [UTC]" suffix. */
static enum key_kind
column_key(const char *s, size_t len)
{
	const char *b;

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	if (len > 0 && s[len - 1] == ']' &&
	    (b = memchr(s, '[', len)) != NULL)
		len = (size_t)(b - s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return key_kind(s, len);
}

/* Does the first line of a file, line[0..len), read as a CSV header: a
 * code column, between commas? */
int
csv_looks_like_header(const char *line, size_t len)
{
	const char *f, *end = line + len, *comma;
	size_t n;

	if (memchr(line, ',', len) == NULL)
		return 0;
	for (f = line; f < end; f += n + 1) {
		comma = memchr(f, ',', (size_t)(end - f));
		n = (size_t)((comma != NULL ? comma : end) - f);
		if (n > 1 && f[0] == '"' && f[n - 1] == '"') {
			if (column_key(f + 1, n - 2) == KEY_CODE)
				return 1;
		} else if (column_key(f, n) == KEY_CODE)
			return 1;
	}
	return 0;
}

static void
csv_field(void *data, size_t len, void *arg)
{
	struct csvscan *c = arg;
	const char *s = data != NULL ? data : "";
	uint32_t n;

	if (c->header) {
		switch (column_key(s, len)) {
		case KEY_CODE:
			if (c->code_col < 0)
				c->code_col = c->col;
			break;
		case KEY_SUBCODE:
			if (c->subcode_col < 0)
				c->subcode_col = c->col;
			break;
		case KEY_NONE:
			break;
		}
	} else if ((c->col == c->code_col || c->col == c->subcode_col) &&
	    len > 0) {
		if (parse_digits(s, len, &n) != NUMBER_OK)
			c->bad = 1;
		else if (c->col == c->code_col) {
			c->code = n;
			c->has_code = 1;
		} else {
			c->subcode = n;
			c->has_subcode = 1;
		}
	}
	c->col++;
}

static void
csv_next_record(struct csvscan *c)
{
	c->header = 0;
	c->col = 0;
	c->has_code = c->has_subcode = c->bad = 0;
}

static void
csv_record(int ch, void *arg)
{
	struct csvscan *c = arg;

	(void)ch;
	if (!c->header && c->bad)
		c->t->stats.skipped++;
	else if (!c->header && c->has_code)
		scan_add(c->t, c->code, c->has_subcode ? c->subcode :
		    SCAN_NO_SUBCODE);
	csv_next_record(c);
}

/* libcsv grows a field's buffer as it goes: refuse past CSV_FIELD_MAX. */
static void *
csv_capped_realloc(void *p, size_t size)
{
	return size > CSV_FIELD_MAX + SCAN_BUF_SIZE ? NULL : realloc(p, size);
}

static int
csv_parser_start(struct csvscan *c)
{
	if (csv_init(&c->p, CSV_APPEND_NULL) != 0)
		return -1;
	csv_set_realloc_func(&c->p, csv_capped_realloc);
	return 0;
}

/* Set the reader up for a file whose first row is the header.  Returns -1
 * if memory ran out. */
int
csv_start(struct csvscan *c, struct scan_tally *t)
{
	memset(c, 0, sizeof(*c));
	c->t = t;
	c->header = 1;
	c->code_col = c->subcode_col = -1;
	return csv_parser_start(c);
}

/*
 * Skip what is left of a record after a field too long for libcsv,
 * following its quotes; return how many bytes of buf[0..n) that was.
 */
static size_t
csv_skip(struct csvscan *c, const char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n && c->skip != 0; i++) {
		char ch = buf[i];

		if (c->skip == 1)
			c->skip = ch == '"' ? 2 : 1;
		else if (c->skip == 2)
			c->skip = ch == '"' ? 1 : ch == '\n' ? 0 : 3;
		else if (ch == '"')
			c->skip = 1;
		else if (ch == '\n')
			c->skip = 0;
	}
	return i;
}

/* Read the next chunk.  Returns -1 if memory ran out. */
int
csv_chunk(struct csvscan *c, const char *buf, size_t n)
{
	size_t done = 0, used;

	while (done < n) {
		if (c->skip != 0) {
			done += csv_skip(c, buf + done, n - done);
			continue;
		}
		used = csv_parse(&c->p, buf + done, n - done, csv_field,
		    csv_record, c);
		if (used == n - done)
			return 0;
		/* a field too long: count the record once, skip the rest
		 * of it, and start a new parser after it */
		c->t->stats.skipped++;
		c->skip = c->p.quoted ? 1 : 3;
		csv_free(&c->p);
		if (csv_parser_start(c) != 0)
			return -1;
		csv_next_record(c);
		done += used;
	}
	return 0;
}

/* The end of the input: a last record without a newline is read. */
void
csv_finish(struct csvscan *c)
{
	csv_fini(&c->p, csv_field, csv_record, c);
	csv_free(&c->p);
}
