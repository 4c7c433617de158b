/*
 * The scanner's CSV reader: a header row naming the code and subcode
 * columns (as a Log Analytics export does, "TimeGenerated [UTC]" and
 * all), then a record each, read with libcsv, quoted fields with commas
 * and newlines included.  The dialect comes from the head of the file:
 * the separator is ',', ';' or a tab, whichever the header's code column
 * stands between (Excel writes ';' in many locales, "copy with headers"
 * tabs), or the one a first line "sep=;" names; a first line "#TYPE ..."
 * (PowerShell's Export-Csv) is passed over; a header may be the code
 * column alone.  A count column (count_, Count, Calls, or the one named)
 * makes each row stand for that many records.  A field longer than
 * CSV_FIELD_MAX skips its record, counted.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/keys.h"
#include "core/lookup.h"
#include "scan_int.h"
#include "core/timeparse.h"

/* A column's name, s[0..*len): without surrounding blanks, quotes, a CR
 * and a " [UTC]" suffix.  (scan_reserved_name reads --by so too.) */
const char *
csv_column_name(const char *s, size_t *len)
{
	const char *b;
	size_t n = *len;

	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '"')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '"'))
		n--;
	if (n > 0 && s[n - 1] == ']' && (b = memchr(s, '[', n)) != NULL)
		n = (size_t)(b - s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*len = n;
	return s;
}

/* Is s[0..len) name, in any case? */
int
csv_named(const char *s, size_t len, const char *name)
{
	return strlen(name) == len && strncasecmp(s, name, len) == 0;
}

/* What a column name names, a count field of its own replacing the
 * list's. */
static enum key_kind
column_key(const char *s, size_t len, const char *count_field)
{
	enum key_kind k;

	s = csv_column_name(s, &len);
	k = key_kind(s, len);
	if (count_field == NULL)
		return k;
	if (csv_named(s, len, count_field))
		return KEY_COUNT;
	return k == KEY_COUNT ? KEY_NONE : k;
}

/* Does line[0..len) read as a header, fields separated by delim, with a
 * code column? */
static int
header_with(const char *line, size_t len, unsigned char delim,
    const char *count_field)
{
	const char *f, *end = line + len, *d;
	size_t n;

	for (f = line; f <= end; f += n + 1) {
		d = memchr(f, delim, (size_t)(end - f));
		n = (size_t)((d != NULL ? d : end) - f);
		if (column_key(f, n, count_field) == KEY_CODE)
			return 1;
		if (d == NULL)
			break;
	}
	return 0;
}

static int
blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

static int
starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

/*
 * Find the header line of the head of a file, h[0..n): the first line
 * that is not blank, "#TYPE ..." or "sep=X" (the first of which names the
 * separator).  Returns 1 with *line, *len, *skip_lines (the lines before
 * it) and, if a sep= line named one, *delim and *named set, when the line
 * is whole (or whole is set: the head is all there is); 0 if more input is
 * needed.  A decision on the head depends on these lines alone, however
 * the input is cut.
 */
int
csv_head(const char *h, size_t n, int whole, struct csv_head *hd)
{
	const char *end = h + n, *line = h, *nl;
	size_t len;

	hd->skip_lines = 0;
	hd->named = 0;
	for (;;) {
		nl = memchr(line, '\n', (size_t)(end - line));
		len = (size_t)((nl != NULL ? nl : end) - line);
		if (nl == NULL && !whole)
			return 0;
		if (!blank(line, len) && !starts(line, len, "#TYPE") &&
		    (hd->named || !starts(line, len, "sep=")))
			break;
		if (starts(line, len, "sep=") && len >= 5 && !hd->named) {
			hd->delim = (unsigned char)line[4];
			hd->named = 1;
		}
		if (nl == NULL)
			return 0;	/* no header line at all */
		hd->skip_lines++;
		line = nl + 1;
	}
	hd->line = line;
	hd->len = len;
	return 1;
}

/*
 * Is the head of a file, h[0..n), a CSV export's?  If so, set *delim to
 * its separator and *skip_lines to the lines before its header (blank
 * lines, "sep=X", "#TYPE ...").
 */
int
csv_dialect(const char *h, size_t n, const char *count_field,
    unsigned char *delim, size_t *skip_lines)
{
	static const unsigned char delims[] = { ',', ';', '\t' };
	struct csv_head hd;

	*skip_lines = 0;
	if (!csv_head(h, n, 1, &hd))
		return 0;
	*skip_lines = hd.skip_lines;
	if (hd.named) {
		*delim = hd.delim;
		return header_with(hd.line, hd.len, *delim, count_field);
	}
	for (size_t i = 0; i < sizeof(delims); i++)
		if (memchr(hd.line, delims[i], hd.len) != NULL &&
		    header_with(hd.line, hd.len, delims[i], count_field)) {
			*delim = delims[i];
			return 1;
		}
	/* a single column: the code alone */
	*delim = ',';
	return column_key(hd.line, hd.len, count_field) == KEY_CODE;
}

/* A header field that may be the time or a field of --by. */
static void
csv_header_other(struct csvscan *c, const char *s, size_t len)
{
	const struct scan_options *o = c->opt;

	s = csv_column_name(s, &len);
	for (int i = 0; i < o->nfields; i++)
		if (c->field_col[i] < 0 && csv_named(s, len, o->fields[i]))
			c->field_col[i] = c->col;
	for (int r = 0; o->want_time && r < c->time_rank; r++)
		if (csv_named(s, len, time_key_names[r])) {
			c->time_col = c->col;
			c->time_rank = r;
		}
}

static void
csv_header_field(struct csvscan *c, const char *s, size_t len)
{
	long *col = NULL;

	if (c->opt->want_time || c->opt->nfields > 0)
		csv_header_other(c, s, len);
	switch (column_key(s, len, c->opt->count_field)) {
	case KEY_CODE:
		col = &c->code_col;
		break;
	case KEY_SUBCODE:
		col = &c->subcode_col;
		break;
	case KEY_COUNT:
		col = &c->count_col;
		break;
	default:
		break;
	}
	if (col != NULL && *col < 0)
		*col = c->col;
}

/* The value of field i of --by. */
static void
csv_field_value(struct csvscan *c, int i, const char *s, size_t len)
{
	if (len == 0)
		return;		/* an empty field: none */
	c->field_len[i] = len < SCAN_FIELD_MAX ? len : SCAN_FIELD_MAX;
	memcpy(c->field[i], s, c->field_len[i]);
	c->has_field[i] = 1;
}

/* The field of --by in column col, or -1. */
static int
field_at(const struct csvscan *c, long col)
{
	for (int i = 0; i < SCAN_MAX_FIELDS; i++)
		if (c->field_col[i] == col)
			return i;
	return -1;
}

static void
csv_field(void *data, size_t len, void *arg)
{
	struct csvscan *c = arg;
	const char *s = data != NULL ? data : "";
	uint32_t n;
	int i;

	while (len > 0 && s[len - 1] == '\r')
		len--;
	if (c->header)
		csv_header_field(c, s, len);
	else if (c->col == c->time_col)
		c->has_time = parse_time(s, len, &c->time) == 0;
	else if ((i = field_at(c, c->col)) >= 0)
		csv_field_value(c, i, s, len);
	else if (c->col == c->count_col) {
		if (parse_count(s, len, &c->weight) != 0)
			c->bad = 1;
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
	c->weight = 1;
	c->has_time = 0;
	for (int i = 0; i < SCAN_MAX_FIELDS; i++)
		c->has_field[i] = 0;
}

static void
csv_record(int ch, void *arg)
{
	struct csvscan *c = arg;
	struct json_hit h;
	struct scan_record r = { &h, 1, 1, c->time, c->has_time,
		{ { NULL, 0 } } };

	(void)ch;
	if (c->header)
		;
	else if (c->bad)
		c->sink->skip(c->sink->arg, SKIP_BAD_VALUE, 1);
	else if (!c->has_code)
		c->sink->skip(c->sink->arg, SKIP_NO_PAIR, 1);
	else if (c->weight > 0) {
		h.code = c->code;
		h.subcode = c->has_subcode ? c->subcode : SCAN_NO_SUBCODE;
		r.weight = c->weight;
		for (int i = 0; i < SCAN_MAX_FIELDS; i++)
			if (c->has_field[i]) {
				r.fields[i].value = c->field[i];
				r.fields[i].len = c->field_len[i];
			}
		c->sink->record(c->sink->arg, &r);
	}
	csv_next_record(c);
}

/* libcsv grows a field's buffer as it goes: refuse past CSV_FIELD_MAX. */
static void *
csv_capped_realloc(void *p, size_t size)
{
	return size > 2 * CSV_FIELD_MAX ? NULL : realloc(p, size);
}

/* A tab separates fields; only a space is a blank around them then. */
static int
is_space_not_tab(unsigned char c)
{
	return c == ' ';
}

static int
csv_parser_start(struct csvscan *c)
{
	if (csv_init(&c->p, CSV_APPEND_NULL) != 0)
		return -1;
	csv_set_realloc_func(&c->p, csv_capped_realloc);
	csv_set_delim(&c->p, c->delim);
	if (c->delim == '\t')
		csv_set_space_func(&c->p, is_space_not_tab);
	return 0;
}

/* Set the reader up for a file whose next row is its header.  Returns -1
 * if memory ran out. */
int
csv_start(struct csvscan *c, const struct scan_sink *sink,
    unsigned char delim, const struct scan_options *o)
{
	memset(c, 0, sizeof(*c));
	c->sink = sink;
	c->opt = o;
	c->delim = delim;
	c->header = 1;
	c->code_col = c->subcode_col = c->count_col = -1;
	c->time_col = -1;
	for (int i = 0; i < SCAN_MAX_FIELDS; i++)
		c->field_col[i] = -1;
	c->time_rank = (int)ntime_key_names;
	c->weight = 1;
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
		c->sink->skip(c->sink->arg, SKIP_TOO_LONG, 1);
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
