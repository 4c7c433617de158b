/*
 * gencodes: turn the CSV tables in codes/ into C source for acsdiag.
 *
 * usage: gencodes -o OUTPUT DIR
 *
 * Reads DIR/sources.csv (and the licence notices it names, in
 * DIR/licenses/), DIR/tables.csv, then DIR/NAME.csv for each table it
 * lists, then DIR/tips.csv, DIR/names.csv and the other files (the columns
 * are described in codes/README.md), checks every row and writes static
 * tables of struct acs_entry, acs_table, acs_tip and the others to OUTPUT (through a temporary file, renamed into place).  A bad row is
 * reported as FILE:LINE: reason; any bad row fails the run and writes
 * nothing.
 */
#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>

#include "core/codes.h"
#include "core/fold.h"
#include "core/utf8.h"

struct record {
	char **fields;
	size_t nfields;
	size_t line;		/* line the record starts on */
};

struct csvfile {
	char *path;
	struct record *recs;	/* recs[0] is the header */
	size_t nrecs;
};

/* Parser state while reading one file. */
struct reader {
	struct csvfile *f;
	struct record cur;
	size_t line;		/* physical line being fed */
	int in_record;
	int bad;		/* a field held a NUL byte */
};

enum column { COL_CODE, COL_SUBCODE, COL_EVENT, COL_CATEGORY, COL_MESSAGE,
	COL_ADVICE, COL_LINKS, COL_NOTE, COL_SOURCE, NCOLUMNS };

static const char *const column_names[NCOLUMNS] = {
	"code", "subcode", "event", "category", "message", "advice", "links",
	"note", "source",
};

/* One parsed row of a code table. */
struct row {
	uint32_t codes[ACS_MAX_CODES];
	size_t ncodes;
	uint32_t subcode;
	int has_subcode;
	int category;
	const char *message, *advice, *note, *links, *event;
	size_t source;		/* index into the sources */
	size_t line;
	size_t nnames;		/* SDK names of its subcode, when emitted */
};

struct table {
	const char *name, *title, *description;
	int role;		/* enum acs_role */
	struct csvfile file;
	int col[NCOLUMNS];	/* field index of each column, or -1 */
	struct row *rows;
	size_t nrows;
};

/* One parsed troubleshooting tip with its triggers. */
struct tip {
	char **f;		/* tip, title, text, links, tables, ... */
	uint64_t tables;
	uint32_t codes[ACS_MAX_CODES], subcodes[ACS_MAX_CODES];
	size_t ncodes, nsubcodes;
	char **words;
	size_t nwords;
};

enum tip_column { TIP_NAME, TIP_TITLE, TIP_TEXT, TIP_LINKS, TIP_TABLES,
	TIP_CODES, TIP_SUBCODES, TIP_WORDS, NTIPCOLUMNS };

static int nerrors;

static void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if ((p = calloc(n > 0 ? n : 1, size)) == NULL)
		err(1, NULL);
	return p;
}

static void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		errx(1, "out of memory");
	if ((p = realloc(p, n * size)) == NULL)
		err(1, NULL);
	return p;
}

static char *
xstrdup(const char *s)
{
	char *p;

	if ((p = strdup(s)) == NULL)
		err(1, NULL);
	return p;
}

/* Report a bad row as PATH:LINE: reason, and remember that one was. */
static void
bad(const char *path, size_t line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%zu: ", path, line);
	va_start(ap, fmt);
	/* va_start is just above (a false positive of clang 14) */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	nerrors++;
}

/* Field text fit for a one-line message: bytes outside printable ASCII
 * escaped, long text cut.  Four calls may share a message. */
static const char *
esc(const char *s)
{
	static char bufs[4][96];
	static int next;
	char *buf = bufs[next++ % 4];
	size_t n = 0;

	for (; *s != '\0' && n + 8 < sizeof(bufs[0]); s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c >= 0x7f)
			n += (size_t)snprintf(buf + n, sizeof(bufs[0]) - n,
			    "\\x%02x", c);
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

/*
 * Check a field holds text acsdiag can print: ASCII without control
 * characters but newlines (a tab would break its tab-separated lines).
 * Non-ASCII text is refused, valid UTF-8 or not: acsdiag counts a
 * terminal's columns in bytes, which only ASCII makes true.
 */
static int
check_text(const char *path, size_t line, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int n;

	for (; *p != '\0'; p++) {
		if (*p == '\r') {
			bad(path, line, "carriage return in a field (CRLF line "
			    "endings in a quoted field?)");
			return -1;
		}
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f) {
			bad(path, line, "control character 0x%02x in a field",
			    *p);
			return -1;
		}
		if (*p < 0x80)
			continue;
		if ((n = utf8_sequence(p, strlen((const char *)p))) <= 0)
			bad(path, line, "invalid UTF-8 in a field");
		else
			bad(path, line, "non-ASCII character U+%04lX in a field "
			    "(write it in ASCII)", utf8_decode(p, n));
		return -1;
	}
	return 0;
}

static void
on_field(void *data, size_t len, void *arg)
{
	struct reader *r = arg;
	const char *s = data != NULL ? data : "";

	if (data != NULL && strlen(s) != len) {
		if (!r->bad)
			bad(r->f->path, r->line, "NUL byte in field");
		r->bad = 1;
	}
	r->cur.fields = xreallocarray(r->cur.fields, r->cur.nfields + 1,
	    sizeof(*r->cur.fields));
	r->cur.fields[r->cur.nfields++] = xstrdup(s);
}

static void
on_record(int c, void *arg)
{
	struct reader *r = arg;
	struct csvfile *f = r->f;

	(void)c;
	f->recs = xreallocarray(f->recs, f->nrecs + 1, sizeof(*f->recs));
	r->cur.line = r->in_record ? r->cur.line : r->line;
	for (size_t i = 0; i < r->cur.nfields && !r->bad; i++)
		if (check_text(f->path, r->cur.line, r->cur.fields[i]) != 0)
			r->bad = 1;
	f->recs[f->nrecs++] = r->cur;
	memset(&r->cur, 0, sizeof(r->cur));
	r->in_record = 0;
}

/*
 * Read a whole CSV file with libcsv in strict mode.  libcsv does not count
 * lines, so the file is fed one physical line at a time: a record starts on
 * the first line fed while no record is open that is not blank (libcsv
 * skips lines of spaces and tabs).  Returns -1 after reporting an
 * unreadable or malformed file.
 */
static int
read_csv(const char *path, struct csvfile *f)
{
	struct csv_parser p;
	struct reader r;
	FILE *fp;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	memset(f, 0, sizeof(*f));
	f->path = xstrdup(path);
	if ((fp = fopen(path, "r")) == NULL) {
		warn("%s", path);
		nerrors++;
		return -1;
	}
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		errx(1, "csv_init failed");
	memset(&r, 0, sizeof(r));
	r.f = f;
	while ((len = getline(&line, &cap, fp)) != -1) {
		r.line++;
		if (!r.in_record && strspn(line, " \t\r\n") != (size_t)len) {
			r.in_record = 1;
			r.cur.line = r.line;
		}
		if (csv_parse(&p, line, (size_t)len, on_field, on_record,
		    &r) != (size_t)len) {
			bad(path, r.line, "malformed CSV: %s",
			    csv_strerror(csv_error(&p)));
			rc = -1;
			break;
		}
	}
	if (ferror(fp)) {
		warn("%s", path);
		nerrors++;
		rc = -1;
	} else if (rc == 0 && csv_fini(&p, on_field, on_record, &r) != 0) {
		bad(path, r.cur.line, "unterminated quoted field");
		rc = -1;
	}
	for (size_t i = 0; i < r.cur.nfields; i++)
		free(r.cur.fields[i]);
	free(r.cur.fields);
	free(line);
	csv_free(&p);
	fclose(fp);
	if (rc == 0 && r.bad)
		rc = -1;
	if (rc == 0 && f->nrecs == 0) {
		bad(path, 1, "empty file, expected a header row");
		rc = -1;
	}
	return rc;
}

static void
free_csv(struct csvfile *f)
{
	for (size_t i = 0; i < f->nrecs; i++) {
		for (size_t j = 0; j < f->recs[i].nfields; j++)
			free(f->recs[i].fields[j]);
		free(f->recs[i].fields);
	}
	free(f->recs);
	free(f->path);
}

/* Check a record has as many fields as the header. */
static int
check_width(const struct csvfile *f, const struct record *rec)
{
	size_t want = f->recs[0].nfields;

	if (rec->nfields == want)
		return 0;
	bad(f->path, rec->line, "expected %zu fields, found %zu", want,
	    rec->nfields);
	return -1;
}

/* Check a header is exactly the given column names. */
static int
check_header(const struct csvfile *f, const char *const *names, size_t n)
{
	const struct record *h = &f->recs[0];
	char want[256] = "";
	size_t i;

	for (i = 0; i < n && i < h->nfields; i++)
		if (strcmp(h->fields[i], names[i]) != 0)
			break;
	if (i == n && h->nfields == n)
		return 0;
	for (i = 0; i < n; i++) {
		if (i > 0)
			strncat(want, ",", sizeof(want) - strlen(want) - 1);
		strncat(want, names[i], sizeof(want) - strlen(want) - 1);
	}
	bad(f->path, h->line, "header must be '%s'", want);
	return -1;
}

static int
is_blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

/* Parse a decimal number of at most 9 digits no larger than max. */
static int
parse_uint(const char *s, size_t len, uint32_t max, uint32_t *out)
{
	uint32_t n = 0;

	if (len == 0 || len > 9)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		n = n * 10 + (uint32_t)(s[i] - '0');
	}
	if (n > max)
		return -1;
	*out = n;
	return 0;
}

static int
all_digits(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	for (size_t i = 0; i < len; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/*
 * The next item of the comma-separated list at *rest, trimmed of spaces:
 * sets *item and *len and returns 1, or returns 0 after the last item.
 * Start with *rest at the list; an empty list is one empty item, and so
 * is what ",," or a trailing comma leaves.
 */
static int
next_item(const char **rest, const char **item, size_t *len)
{
	const char *p = *rest, *end;

	if (p == NULL)
		return 0;
	p += strspn(p, " ");
	end = p + strcspn(p, ",");
	*item = p;
	*len = (size_t)(end - p);
	while (*len > 0 && p[*len - 1] == ' ')
		(*len)--;
	*rest = *end == ',' ? end + 1 : NULL;
	return 1;
}

/*
 * Parse a list of numbers, "490, 491, 496", each at most max, into out;
 * what names them in messages ("code").
 */
static int
parse_numbers(const char *path, size_t line, const char *s, const char *what,
    uint32_t max, uint32_t *out, size_t *n)
{
	const char *rest = s, *p;
	size_t len;
	uint32_t c;

	*n = 0;
	while (next_item(&rest, &p, &len)) {
		if (!all_digits(p, len)) {
			bad(path, line, "%s '%s' is not a number", what,
			    esc(s));
			return -1;
		}
		if (len > 9) {
			bad(path, line, "%s '%.*s' has more than 9 digits",
			    what, (int)len, p);
			return -1;
		}
		if (parse_uint(p, len, max, &c) != 0) {
			bad(path, line, "%s '%.*s' out of range (0-%u)", what,
			    (int)len, p, max);
			return -1;
		}
		for (size_t i = 0; i < *n; i++)
			if (out[i] == c) {
				bad(path, line, "%s %u listed twice", what, c);
				return -1;
			}
		if (*n == ACS_MAX_CODES) {
			bad(path, line, "more than %d %ss in one row",
			    ACS_MAX_CODES, what);
			return -1;
		}
		out[(*n)++] = c;
	}
	return 0;
}

/* A field that holds one number, min to max, for WHAT. */
static int
parse_one(const char *path, size_t line, const char *s, const char *what,
    uint32_t min, uint32_t max, uint32_t *out)
{
	size_t len = strlen(s);

	if (!all_digits(s, len)) {
		bad(path, line, "%s '%s' is not a number", what, esc(s));
		return -1;
	}
	if (len > 9) {
		bad(path, line, "%s '%s' has more than 9 digits", what, esc(s));
		return -1;
	}
	if (parse_uint(s, len, max, out) != 0 || *out < min) {
		bad(path, line, "%s '%s' out of range (%u-%u)", what, s, min,
		    max);
		return -1;
	}
	return 0;
}

/*
 * The documents the rows come from, codes/sources.csv: each row's source
 * column names one ("" for the article).
 */
enum source_column { SRC_NAME, SRC_KIND, SRC_TITLE, SRC_URL, SRC_VERSION,
	SRC_LICENCE, SRC_NOTICE, NSRCCOLUMNS };

static struct csvfile sourcefile;

/* The licence notices the sources name (DIR/licenses/NAME), each once. */
struct notice {
	char *name, *text;
};
static struct notice *notices;
static size_t nnotices;

/* The index of the source NAME names ("" for "article"); SIZE_MAX after
 * reporting an unknown one. */
static size_t
find_source(const char *path, size_t line, const char *name)
{
	if (*name == '\0')
		name = "article";
	for (size_t i = 1; i < sourcefile.nrecs; i++)
		if (strcmp(sourcefile.recs[i].fields[SRC_NAME], name) == 0)
			return i - 1;
	bad(path, line, "unknown source '%s' (not in sources.csv)", esc(name));
	return SIZE_MAX;
}

#define NAME(id, name) name,
#define ROLE(id, name, one) name,
static const char *const category_names[] = { ACS_CATEGORY_LIST(NAME) };
static const char *const role_names[] = { ACS_ROLE_LIST(ROLE) };
static const char *const kind_names[] = { ACS_SOURCE_KIND_LIST(NAME) };
#undef NAME
#undef ROLE
#define ONE(id, name, one) one,
static const int role_one[] = { ACS_ROLE_LIST(ONE) };
#undef ONE
#define ENUM(id, name) #id,
static const char *const category_enums[] = { ACS_CATEGORY_LIST(ENUM) };
#undef ENUM

/*
 * The index of S among names[0..n), or -1 after reporting it as an unknown
 * WHAT and listing the names (but the first if it is empty).
 */
static int
parse_name(const char *path, size_t line, const char *s, const char *what,
    const char *const *names, size_t n)
{
	char list[256] = "";
	size_t i, first = *names[0] == '\0';

	for (i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	for (i = first; i < n; i++) {
		if (i > first)
			strncat(list, i + 1 == n ? " or " : ", ",
			    sizeof(list) - strlen(list) - 1);
		strncat(list, names[i], sizeof(list) - strlen(list) - 1);
	}
	bad(path, line, "unknown %s '%s' (expected %s)", what, esc(s), list);
	return -1;
}

static int
parse_category(const char *path, size_t line, const char *s)
{
	return parse_name(path, line, s, "category", category_names,
	    ACS_NCATEGORIES);
}

/*
 * Check a links cell: one link a line, "label <https://...>" or a bare
 * "https://..." URL.
 */
static int
check_links(const char *path, size_t line, const char *s)
{
	const char *p = s, *end, *url, *lt;
	size_t len, n = 0;

	while (*p != '\0') {
		end = p + strcspn(p, "\n");
		len = (size_t)(end - p);
		lt = memchr(p, '<', len);
		url = lt != NULL ? lt + 1 : p;
		if (lt != NULL && (lt - p < 2 || *p == ' ' || lt[-1] != ' ' ||
		    end[-1] != '>'))
			goto fail;
		if (strncmp(url, "https://", 8) != 0)
			goto fail;
		for (const char *q = url; q < end - (lt != NULL); q++)
			if (isspace((unsigned char)*q) || *q == '<' ||
			    *q == '>')
				goto fail;
		if (++n > UINT8_MAX) {
			bad(path, line, "too many links");
			return -1;
		}
		p = *end == '\n' ? end + 1 : end;
	}
	return 0;
fail:
	{
		char buf[256];

		snprintf(buf, sizeof(buf), "%.*s", (int)len, p);
		bad(path, line, "bad link '%s' (expected 'label <https://...>' "
		    "or a bare https URL, one a line)", esc(buf));
	}
	return -1;
}

/*
 * Check the words of each link (the URL itself for a bare one) appear in
 * the message or advice, in the order of the links.
 */
static int
check_link_words(const char *path, size_t line, const char *links,
    const char *message, const char *advice)
{
	size_t mlen = strlen(message), pos = 0, len;
	const char *p = links, *end, *lt, *at;
	char *text, word[512];
	int rc = 0;

	if ((text = malloc(mlen + strlen(advice) + 2)) == NULL)
		err(1, NULL);
	memcpy(text, message, mlen);
	text[mlen] = '\n';
	memcpy(text + mlen + 1, advice, strlen(advice) + 1);
	for (; *p != '\0' && rc == 0; p = *end == '\n' ? end + 1 : end) {
		end = p + strcspn(p, "\n");
		lt = memchr(p, '<', (size_t)(end - p));
		len = lt != NULL ? (size_t)(lt - 1 - p) : (size_t)(end - p);
		snprintf(word, sizeof(word), "%.*s", (int)len, p);
		if ((at = strstr(text + pos, word)) != NULL) {
			pos = (size_t)(at - text) + len;
			continue;
		}
		bad(path, line, strstr(text, word) != NULL ? "link '%s' out of "
		    "the order of the text" : "link words '%s' not in the "
		    "message or advice", esc(word));
		rc = -1;
	}
	free(text);
	return rc;
}

static int
count_links(const char *s)
{
	int n = 0;

	for (; *s != '\0'; n++) {
		s += strcspn(s, "\n");
		if (*s == '\n')
			s++;
	}
	return n;
}

/*
 * Check an event cell: empty, or callback event names ("PlayFailed",
 * letters, the first a capital) separated by " / ".
 */
static int
check_event(const char *path, size_t line, const char *s)
{
	const char *p = s;

	if (*s == '\0')
		return 0;
	for (;;) {
		if (!isupper((unsigned char)*p))
			break;
		while (isalpha((unsigned char)*p))
			p++;
		if (*p == '\0')
			return 0;
		if (strncmp(p, " / ", 3) != 0)
			break;
		p += 3;
	}
	bad(path, line, "bad event '%s' (expected callback event names such "
	    "as PlayFailed, separated by ' / ')", esc(s));
	return -1;
}

/* Map a table file's header to columns. */
static int
map_columns(struct table *t)
{
	const struct record *h = &t->file.recs[0];
	size_t i;
	int c;

	for (c = 0; c < NCOLUMNS; c++)
		t->col[c] = -1;
	for (i = 0; i < h->nfields; i++) {
		for (c = 0; c < NCOLUMNS; c++)
			if (strcmp(h->fields[i], column_names[c]) == 0)
				break;
		if (c == NCOLUMNS) {
			bad(t->file.path, h->line, "unknown column '%s'",
			    esc(h->fields[i]));
			return -1;
		}
		if (t->col[c] != -1) {
			bad(t->file.path, h->line, "column '%s' twice",
			    esc(h->fields[i]));
			return -1;
		}
		t->col[c] = (int)i;
	}
	if (t->col[COL_MESSAGE] == -1) {
		bad(t->file.path, h->line, "no 'message' column");
		return -1;
	}
	if (t->col[COL_CODE] == -1 && t->col[COL_SUBCODE] == -1) {
		bad(t->file.path, h->line, "neither a 'code' nor a 'subcode' "
		    "column");
		return -1;
	}
	return 0;
}

static const char *
field(const struct table *t, const struct record *rec, enum column c)
{
	return t->col[c] == -1 ? "" : rec->fields[t->col[c]];
}

static void
format_key(char *buf, size_t size, const struct row *r, size_t ci)
{
	int n = 0;

	if (r->ncodes > 0)
		n = snprintf(buf, size, "code %u", r->codes[ci]);
	if (r->has_subcode)
		snprintf(buf + n, size - (size_t)n, "%ssubcode %u",
		    n > 0 ? " " : "", r->subcode);
}

static int
same_key(const struct row *a, size_t ai, const struct row *b, size_t bi)
{
	if (a->has_subcode != b->has_subcode ||
	    (a->has_subcode && a->subcode != b->subcode))
		return 0;
	if ((a->ncodes == 0) != (b->ncodes == 0))
		return 0;
	return a->ncodes == 0 || a->codes[ai] == b->codes[bi];
}

/* Report a key (code, subcode) the table already holds. */
static int
check_duplicate(const struct table *t, const struct row *r)
{
	char key[64];
	size_t n = r->ncodes > 0 ? r->ncodes : 1;

	for (const struct row *o = t->rows; o < r; o++)
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < (o->ncodes > 0 ? o->ncodes :
			    1); j++)
				if (same_key(r, i, o, j)) {
					format_key(key, sizeof(key), r, i);
					bad(t->file.path, r->line, "duplicate "
					    "key %s (first on line %zu)", key,
					    o->line);
					return -1;
				}
	return 0;
}

/* Parse and check one data record of a code table into t->rows. */
static void
parse_row(struct table *t, const struct record *rec)
{
	const char *path = t->file.path, *s;
	struct row *row = &t->rows[t->nrows];

	memset(row, 0, sizeof(*row));
	row->line = rec->line;
	if (check_width(&t->file, rec) != 0)
		return;
	s = field(t, rec, COL_CODE);
	if (*s != '\0' && parse_numbers(path, rec->line, s, "code",
	    ACS_CODE_MAX, row->codes, &row->ncodes) != 0)
		return;
	s = field(t, rec, COL_SUBCODE);
	if (*s != '\0') {
		if (parse_one(path, rec->line, s, "subcode", 0,
		    ACS_SUBCODE_MAX, &row->subcode) != 0)
			return;
		row->has_subcode = 1;
	}
	if (row->ncodes == 0 && !row->has_subcode) {
		bad(path, rec->line, "neither a code nor a subcode");
		return;
	}
	if ((row->category = parse_category(path, rec->line,
	    field(t, rec, COL_CATEGORY))) < 0)
		return;
	row->message = field(t, rec, COL_MESSAGE);
	if (is_blank(row->message)) {
		bad(path, rec->line, "empty message");
		return;
	}
	row->advice = field(t, rec, COL_ADVICE);
	row->note = field(t, rec, COL_NOTE);
	row->links = field(t, rec, COL_LINKS);
	row->event = field(t, rec, COL_EVENT);
	if (check_event(path, rec->line, row->event) != 0)
		return;
	if ((row->source = find_source(path, rec->line,
	    field(t, rec, COL_SOURCE))) == SIZE_MAX)
		return;
	if (check_links(path, rec->line, row->links) != 0 ||
	    check_link_words(path, rec->line, row->links, row->message,
	    row->advice) != 0)
		return;
	if (rec->line > UINT16_MAX) {
		bad(path, rec->line, "file too long");
		return;
	}
	if (check_duplicate(t, row) != 0)
		return;
	t->nrows++;
}

static int
read_table(struct table *t, const char *dir)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof(path), "%s/%s.csv", dir, t->name) >=
	    sizeof(path))
		errx(1, "%s/%s.csv: path too long", dir, t->name);
	if (read_csv(path, &t->file) != 0 || map_columns(t) != 0)
		return -1;
	t->rows = xcalloc(t->file.nrecs, sizeof(*t->rows));
	for (size_t i = 1; i < t->file.nrecs; i++)
		parse_row(t, &t->file.recs[i]);
	if (t->file.nrecs == 1)
		bad(t->file.path, 1, "no rows");
	return 0;
}

static int
valid_name(const char *s)
{
	if (*s == '\0' || *s == '-')
		return 0;
	for (; *s != '\0'; s++)
		if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s)
		    && *s != '-')
			return 0;
	return 1;
}

/* Check every record has the header's width and no blank field but those
 * named in may_be_blank; 0 if all do. */
static int
check_filled(const struct csvfile *f, const char *may_be_blank)
{
	const struct record *h = &f->recs[0], *rec;
	int before = nerrors;

	for (size_t i = 1; i < f->nrecs; i++) {
		rec = &f->recs[i];
		if (check_width(f, rec) != 0)
			continue;
		for (size_t j = 0; j < rec->nfields; j++)
			if (is_blank(rec->fields[j]) &&
			    strstr(may_be_blank, h->fields[j]) == NULL)
				bad(f->path, rec->line, "empty %s",
				    h->fields[j]);
	}
	if (f->nrecs == 1)
		bad(f->path, 1, "no rows");
	return nerrors > before ? -1 : 0;
}

/* Check a file whose first field is a unique name, and no field is blank
 * but those named in may_be_blank. */
static void
check_named_rows(const struct csvfile *f, const char *what,
    const char *may_be_blank)
{
	const struct record *rec;

	check_filled(f, may_be_blank);
	for (size_t i = 1; i < f->nrecs; i++) {
		rec = &f->recs[i];
		if (rec->nfields != f->recs[0].nfields)
			continue;
		if (!valid_name(rec->fields[0])) {
			bad(f->path, rec->line, "bad %s name '%s' (expected "
			    "lowercase letters, digits and '-')", what,
			    esc(rec->fields[0]));
			continue;
		}
		for (size_t j = 1; j < i; j++)
			if (f->recs[j].nfields > 0 &&
			    strcmp(f->recs[j].fields[0], rec->fields[0]) == 0)
				bad(f->path, rec->line, "duplicate %s '%s' "
				    "(first on line %zu)", what,
				    esc(rec->fields[0]), f->recs[j].line);
	}
}

/* Split a list "a, b c, d" at commas into trimmed, non-empty items. */
static int
split_words(const char *path, size_t line, const char *s, struct tip *t)
{
	const char *rest = *s != '\0' ? s : NULL, *p;
	size_t len;

	while (next_item(&rest, &p, &len)) {
		if (len == 0) {
			bad(path, line, "empty item in word list '%s'",
			    esc(s));
			return -1;
		}
		if (t->nwords == UINT8_MAX) {
			bad(path, line, "too many words");
			return -1;
		}
		t->words = xreallocarray(t->words, t->nwords + 1,
		    sizeof(*t->words));
		if ((t->words[t->nwords++] = strndup(p, len)) == NULL)
			err(1, NULL);
	}
	return 0;
}

/* Parse the triggers of a tip record; tables must name known tables. */
static int
parse_tip(const struct csvfile *f, const struct record *rec,
    const struct table *tables, size_t ntables, struct tip *t)
{
	const char *path = f->path, *rest, *p;
	char name[128];
	size_t len, i;

	memset(t, 0, sizeof(*t));
	t->f = rec->fields;
	rest = *t->f[TIP_TABLES] != '\0' ? t->f[TIP_TABLES] : NULL;
	while (next_item(&rest, &p, &len)) {
		if (len == 0) {
			bad(path, rec->line, "empty item in table list '%s'",
			    esc(t->f[TIP_TABLES]));
			return -1;
		}
		snprintf(name, sizeof(name), "%.*s", (int)len, p);
		for (i = 0; i < ntables; i++)
			if (strcmp(tables[i].name, name) == 0)
				break;
		if (i == ntables) {
			bad(path, rec->line, "unknown table '%s'", esc(name));
			return -1;
		}
		t->tables |= UINT64_C(1) << i;
	}
	if (*t->f[TIP_CODES] != '\0' && parse_numbers(path, rec->line,
	    t->f[TIP_CODES], "code", ACS_CODE_MAX, t->codes, &t->ncodes) != 0)
		return -1;
	if (*t->f[TIP_SUBCODES] != '\0' && parse_numbers(path, rec->line,
	    t->f[TIP_SUBCODES], "subcode", ACS_SUBCODE_MAX, t->subcodes,
	    &t->nsubcodes) != 0)
		return -1;
	if (split_words(path, rec->line, t->f[TIP_WORDS], t) != 0)
		return -1;
	if (t->tables == 0 && t->ncodes == 0 && t->nsubcodes == 0 &&
	    t->nwords == 0) {
		bad(path, rec->line, "no triggers: name tables, codes, "
		    "subcodes or words");
		return -1;
	}
	return 0;
}

static void
free_tip(struct tip *t)
{
	for (size_t i = 0; i < t->nwords; i++)
		free(t->words[i]);
	free(t->words);
}

/*
 * What the article says of whole classes of codes (classes.csv), the PSTN
 * SBC rule (sbc-rule.csv) and the SIP reason phrases (sip.csv): small
 * files of fixed columns, read into these.
 */
struct cls {
	const char *title, *message;
	uint32_t first, last;
	size_t table, source, line;
};

struct rule {
	const char *direction, *message, *advice;
	uint32_t prefix;
	size_t source;
};

struct sip {
	const char *reason, *reference;
	uint32_t code;
	size_t source;
};

/* An SDK's name for a subcode (names.csv). */
struct name {
	const char *name;
	uint64_t tables;
	uint32_t subcode;
	size_t source;
};

/* Everything read from the directory of CSV files. */
struct catalogue {
	const char *dir;
	struct csvfile index, tipfile, classfile, rulefile, sipfile, namefile;
	struct table *tables;
	size_t ntables;
	struct tip *tips;
	size_t ntips;
	struct cls *classes;
	size_t nclasses;
	struct rule *rules;
	size_t nrules;
	struct sip *sips;
	size_t nsips;
	struct name *names;
	size_t nnames;
};

/* Read DIR/NAME into f and check its header is COLUMNS; 0 if both went
 * well. */
static int
read_file(const struct catalogue *c, const char *name, struct csvfile *f,
    const char *const *columns, size_t ncolumns)
{
	char path[PATH_MAX];

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", c->dir, name) >=
	    sizeof(path))
		errx(1, "%s/%s: path too long", c->dir, name);
	if (read_csv(path, f) != 0)
		return -1;
	return check_header(f, columns, ncolumns);
}

/*
 * Read DIR/NAME, a file of the given columns whose fields may be blank
 * only in those named in may_be_blank, and parse each row with parse.
 */
static void
read_extra(struct catalogue *c, struct csvfile *f, const char *name,
    const char *const *columns, size_t ncolumns, const char *may_be_blank,
    void (*parse)(struct catalogue *, const struct record *))
{
	if (read_file(c, name, f, columns, ncolumns) != 0 ||
	    check_filled(f, may_be_blank) != 0)
		return;
	for (size_t i = 1; i < f->nrecs; i++)
		parse(c, &f->recs[i]);
}

/*
 * Read the licence notice DIR/licenses/NAME (named on LINE of
 * sources.csv) unless read already: ASCII text, its CRLF line endings
 * read as LF, its last line ended.
 */
static void
read_notice(const struct catalogue *c, size_t line, const char *name,
    size_t len)
{
	char path[PATH_MAX], *text;
	size_t n = 0, cap = 4096;
	FILE *fp;
	int ch;

	for (size_t i = 0; i < nnotices; i++)
		if (strlen(notices[i].name) == len &&
		    memcmp(notices[i].name, name, len) == 0)
			return;
	if (len == 0 || *name == '.' || strcspn(name, "/\\ ") < len) {
		bad(sourcefile.path, line, "bad notice name '%.*s' (expected "
		    "a file name in licenses/)", (int)len, name);
		return;
	}
	if ((size_t)snprintf(path, sizeof(path), "%s/licenses/%.*s", c->dir,
	    (int)len, name) >= sizeof(path))
		errx(1, "%s/licenses/%.*s: path too long", c->dir, (int)len,
		    name);
	if ((fp = fopen(path, "r")) == NULL) {
		bad(sourcefile.path, line, "notice '%.*s': %s", (int)len, name,
		    strerror(errno));
		return;
	}
	text = xcalloc(cap, 1);
	while ((ch = getc(fp)) != EOF) {
		if (ch == '\r' && (ch = getc(fp)) != '\n') {
			bad(path, 1, "carriage return not before a line feed");
			break;
		}
		if (ch >= 0x7f || (ch < 0x20 && ch != '\n')) {
			bad(path, 1, "not ASCII text (byte 0x%02x)", ch);
			break;
		}
		if (n + 2 >= cap)	/* room for a last newline and NUL */
			text = xreallocarray(text, cap *= 2, 1);
		text[n++] = (char)ch;
	}
	if (n > 0 && text[n - 1] != '\n')
		text[n++] = '\n';	/* the last line ends as the others */
	text[n] = '\0';
	fclose(fp);
	if (n == 0)
		bad(path, 1, "empty notice");
	notices = xreallocarray(notices, nnotices + 1, sizeof(*notices));
	notices[nnotices].name = strndup(name, len);
	notices[nnotices++].text = text;
	if (notices[nnotices - 1].name == NULL)
		err(1, NULL);
}

/* Check the licence and notices of a source: a source of kind mit needs
 * its LICENSE file, and only it may have one. */
static void
check_notices(const struct catalogue *c, const struct record *rec, int kind)
{
	const char *rest, *p;
	size_t len;

	if (*rec->fields[SRC_NOTICE] == '\0') {
		if (kind == ACS_SOURCE_MIT)
			bad(sourcefile.path, rec->line, "a source of kind 'mit' "
			    "needs a notice (its licence file in licenses/)");
		return;
	}
	if (kind != ACS_SOURCE_MIT) {
		bad(sourcefile.path, rec->line, "a notice for a source of kind "
		    "'%s' (only 'mit' sources ship one)", kind_names[kind]);
		return;
	}
	rest = rec->fields[SRC_NOTICE];
	while (next_item(&rest, &p, &len))
		read_notice(c, rec->line, p, len);
}

static void
read_sources(const struct catalogue *c)
{
	static const char *const columns[NSRCCOLUMNS] = {
		"source", "kind", "title", "url", "version", "licence",
		"notice",
	};
	const struct record *rec;
	int kind;

	if (read_file(c, "sources.csv", &sourcefile, columns,
	    NSRCCOLUMNS) != 0)
		return;
	check_named_rows(&sourcefile, "source", "notice");
	for (size_t i = 1; i < sourcefile.nrecs; i++) {
		rec = &sourcefile.recs[i];
		if (rec->nfields != NSRCCOLUMNS || (kind = parse_name(
		    sourcefile.path, rec->line, rec->fields[SRC_KIND], "kind",
		    kind_names, ACS_NSOURCE_KINDS)) < 0)
			continue;
		if (check_links(sourcefile.path, rec->line,
		    rec->fields[SRC_URL]) == 0)
			check_notices(c, rec, kind);
	}
	if (nerrors == 0 && sourcefile.nrecs - 1 > UINT8_MAX)
		bad(sourcefile.path, 1, "too many sources");
	for (size_t i = 1; nerrors == 0 && i < sourcefile.nrecs; i++)
		if (strcmp(sourcefile.recs[i].fields[SRC_NAME], "article") == 0)
			return;
	if (nerrors == 0)
		bad(sourcefile.path, 1, "no source named 'article' (the source "
		    "of rows that name none)");
}

/* The table named NAME, or ntables. */
static size_t
table_named(const struct catalogue *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->ntables; i++)
		if (strcmp(c->tables[i].name, name) == 0)
			break;
	return i;
}

/* Check every role of one table has exactly one. */
static void
check_roles(const struct catalogue *c)
{
	for (int r = 0; r < ACS_NROLES; r++) {
		size_t n = 0, i;

		for (i = 0; i < c->ntables; i++)
			n += c->tables[i].role == r;
		if (role_one[r] && n != 1)
			bad(c->index.path, 1, "%s tables with role '%s' "
			    "(expected exactly one)", n == 0 ? "no" : "several",
			    role_names[r]);
	}
}

static void
read_tables(struct catalogue *c)
{
	static const char *const columns[] = {
		"table", "title", "description", "role",
	};
	const struct record *rec;

	if (read_file(c, "tables.csv", &c->index, columns, 4) != 0)
		return;
	check_named_rows(&c->index, "table", "");
	if (c->index.nrecs - 1 > ACS_MAX_TABLES)
		bad(c->index.path, 1, "too many tables (at most %d)",
		    ACS_MAX_TABLES);
	if (nerrors > 0)
		return;
	c->tables = xcalloc(c->index.nrecs, sizeof(*c->tables));
	for (size_t i = 1; i < c->index.nrecs; i++) {
		struct table *t = &c->tables[c->ntables++];

		rec = &c->index.recs[i];
		t->name = rec->fields[0];
		t->title = rec->fields[1];
		t->description = rec->fields[2];
		t->role = parse_name(c->index.path, rec->line, rec->fields[3],
		    "role", role_names, ACS_NROLES);
		read_table(t, c->dir);
	}
	if (nerrors == 0)
		check_roles(c);
}

static void
read_tips(struct catalogue *c)
{
	static const char *const columns[NTIPCOLUMNS] = {
		"tip", "title", "text", "links", "tables", "codes", "subcodes",
		"words",
	};
	struct csvfile *f = &c->tipfile;

	if (read_file(c, "tips.csv", f, columns, NTIPCOLUMNS) != 0)
		return;
	check_named_rows(f, "tip", "links tables codes subcodes words");
	c->tips = xcalloc(f->nrecs, sizeof(*c->tips));
	for (size_t i = 1; i < f->nrecs; i++) {
		const struct record *rec = &f->recs[i];

		if (rec->nfields != NTIPCOLUMNS ||
		    check_links(f->path, rec->line,
		    rec->fields[TIP_LINKS]) != 0 ||
		    check_link_words(f->path, rec->line, rec->fields[TIP_LINKS],
		    rec->fields[TIP_TITLE], rec->fields[TIP_TEXT]) != 0)
			continue;
		if (parse_tip(f, rec, c->tables, c->ntables,
		    &c->tips[c->ntips]) != 0) {
			free_tip(&c->tips[c->ntips]);
			continue;
		}
		c->ntips++;
	}
}

/* Parse one row of classes.csv: table, first, last, title, message,
 * source. */
static void
parse_class(struct catalogue *c, const struct record *rec)
{
	const char *path = c->classfile.path;
	char *const *f = rec->fields;
	struct cls *k;

	c->classes = xreallocarray(c->classes, c->nclasses + 1,
	    sizeof(*c->classes));
	k = &c->classes[c->nclasses];
	k->line = rec->line;
	k->title = f[3];
	k->message = f[4];
	if ((k->table = table_named(c, f[0])) == c->ntables) {
		bad(path, rec->line, "unknown table '%s'", esc(f[0]));
		return;
	}
	if (c->tables[k->table].role != ACS_ROLE_GENERIC_CODES &&
	    c->tables[k->table].role != ACS_ROLE_PSTN) {
		bad(path, rec->line, "table '%s' has no classes (only the "
		    "generic-codes and pstn roles do)", esc(f[0]));
		return;
	}
	if (parse_one(path, rec->line, f[1], "first code", 0, ACS_CODE_MAX,
	    &k->first) != 0 || parse_one(path, rec->line, f[2], "last code",
	    k->first, ACS_CODE_MAX, &k->last) != 0)
		return;
	for (size_t i = 0; i < c->nclasses; i++)
		if (c->classes[i].table == k->table &&
		    c->classes[i].first <= k->last &&
		    k->first <= c->classes[i].last) {
			bad(path, rec->line, "codes %u-%u overlap the class on "
			    "line %zu", k->first, k->last,
			    c->classes[i].line);
			return;
		}
	if ((k->source = find_source(path, rec->line, f[5])) != SIZE_MAX)
		c->nclasses++;
}

/* Parse one row of sbc-rule.csv: prefix, direction, message, advice,
 * source. */
static void
parse_rule(struct catalogue *c, const struct record *rec)
{
	const char *path = c->rulefile.path;
	struct rule *r;

	c->rules = xreallocarray(c->rules, c->nrules + 1, sizeof(*c->rules));
	r = &c->rules[c->nrules];
	if (parse_one(path, rec->line, rec->fields[0], "prefix", 100, 999,
	    &r->prefix) != 0)
		return;
	for (size_t j = 0; j < c->nrules; j++)
		if (c->rules[j].prefix == r->prefix) {
			bad(path, rec->line, "prefix %u twice", r->prefix);
			return;
		}
	r->direction = rec->fields[1];
	r->message = rec->fields[2];
	r->advice = rec->fields[3];
	if ((r->source = find_source(path, rec->line, rec->fields[4])) !=
	    SIZE_MAX)
		c->nrules++;
}

/* Parse one row of sip.csv: code, reason, reference, source; the codes in
 * ascending order, for a binary search. */
static void
parse_sip(struct catalogue *c, const struct record *rec)
{
	const char *path = c->sipfile.path;
	uint32_t code;
	size_t source;

	if (parse_one(path, rec->line, rec->fields[0], "SIP code", 100, 699,
	    &code) != 0 || (source = find_source(path, rec->line,
	    rec->fields[3])) == SIZE_MAX)
		return;
	if (c->nsips > 0 && c->sips[c->nsips - 1].code >= code)
		bad(path, rec->line, "SIP code %u out of ascending order", code);
	else {
		c->sips = xreallocarray(c->sips, c->nsips + 1,
		    sizeof(*c->sips));
		c->sips[c->nsips].code = code;
		c->sips[c->nsips].reason = rec->fields[1];
		c->sips[c->nsips].reference = rec->fields[2];
		c->sips[c->nsips++].source = source;
	}
}

/* A name is a C identifier of at most 64 characters: what a query can
 * tell from a code, a key or a word. */
static int
valid_identifier(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64 || !isalpha((unsigned char)*s))
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

/* Does a row of the tables in the set have this subcode? */
static int
tables_have_subcode(const struct catalogue *c, uint64_t tables,
    uint32_t subcode)
{
	for (size_t i = 0; i < c->ntables; i++)
		if (tables >> i & 1)
			for (size_t j = 0; j < c->tables[i].nrows; j++)
				if (c->tables[i].rows[j].has_subcode &&
				    c->tables[i].rows[j].subcode == subcode)
					return 1;
	return 0;
}

/* Parse one row of names.csv: name, subcode, tables, source. */
static void
parse_sdk_name(struct catalogue *c, const struct record *rec)
{
	const char *path = c->namefile.path, *rest, *p;
	char *const *f = rec->fields;
	struct name *n;
	char tname[128];
	size_t len, t;

	c->names = xreallocarray(c->names, c->nnames + 1, sizeof(*c->names));
	n = &c->names[c->nnames];
	memset(n, 0, sizeof(*n));
	n->name = f[0];
	if (!valid_identifier(f[0])) {
		bad(path, rec->line, "bad name '%s' (expected a letter, then "
		    "letters, digits and '_', at most 64)", esc(f[0]));
		return;
	}
	for (size_t i = 0; i < c->nnames; i++)
		if (strcmp(c->names[i].name, f[0]) == 0) {
			bad(path, rec->line, "name '%s' twice", f[0]);
			return;
		}
	if (parse_one(path, rec->line, f[1], "subcode", 0, ACS_SUBCODE_MAX,
	    &n->subcode) != 0)
		return;
	rest = f[2];
	while (next_item(&rest, &p, &len)) {
		snprintf(tname, sizeof(tname), "%.*s", (int)len, p);
		if ((t = table_named(c, tname)) == c->ntables) {
			bad(path, rec->line, "unknown table '%s'", esc(tname));
			return;
		}
		n->tables |= UINT64_C(1) << t;
	}
	if (!tables_have_subcode(c, n->tables, n->subcode)) {
		bad(path, rec->line, "no row of its tables has subcode %u",
		    n->subcode);
		return;
	}
	if ((n->source = find_source(path, rec->line, f[3])) != SIZE_MAX)
		c->nnames++;
}

/* Read the files beyond the tables: classes, the SBC rule, SIP phrases,
 * the SDK names. */
static void
read_extras(struct catalogue *c)
{
	static const char *const classes[] = {
		"table", "first", "last", "title", "message", "source",
	};
	static const char *const rules[] = {
		"prefix", "direction", "message", "advice", "source",
	};
	static const char *const sips[] = {
		"code", "reason", "reference", "source",
	};
	static const char *const names[] = {
		"name", "subcode", "tables", "source",
	};

	read_extra(c, &c->classfile, "classes.csv", classes, 6, "source",
	    parse_class);
	read_extra(c, &c->rulefile, "sbc-rule.csv", rules, 5, "advice source",
	    parse_rule);
	read_extra(c, &c->sipfile, "sip.csv", sips, 4, "source", parse_sip);
	read_extra(c, &c->namefile, "names.csv", names, 4, "", parse_sdk_name);
}

/* Write s as a C string literal, folded for search if folded is set. */
static void
put_text(FILE *out, const char *s, int folded)
{
	fputc('"', out);
	for (; *s != '\0'; s++) {
		unsigned char c = folded ? fold((unsigned char)*s) :
		    (unsigned char)*s;

		if (c == '\n')
			fputs("\\n", out);
		else if (c == '"' || c == '\\' || c == '?')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\%03o", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static void
put_string(FILE *out, const char *s)
{
	put_text(out, s, 0);
}

/* Write the links of a cell as a static array named NAME. */
static void
put_links(FILE *out, const char *name, const char *links)
{
	const char *p = links, *end, *lt;
	char *label, *url;

	fprintf(out, "static const struct acs_link %s[] = {\n", name);
	while (*p != '\0') {
		end = p + strcspn(p, "\n");
		lt = memchr(p, '<', (size_t)(end - p));
		if (lt != NULL) {
			label = strndup(p, (size_t)(lt - 1 - p));
			url = strndup(lt + 1, (size_t)(end - 1 - (lt + 1)));
		} else {
			label = strndup(p, (size_t)(end - p));
			url = strndup(p, (size_t)(end - p));
		}
		if (label == NULL || url == NULL)
			err(1, NULL);
		fputs("\t{ ", out);
		put_string(out, label);
		fputs(", ", out);
		put_string(out, url);
		fputs(" },\n", out);
		free(label);
		free(url);
		p = *end == '\n' ? end + 1 : end;
	}
	fputs("};\n", out);
}

/* Write a static array of numbers named NAME. */
static void
put_numbers(FILE *out, const char *name, const uint32_t *v, size_t n)
{
	fprintf(out, "static const uint32_t %s[] = {", name);
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%s%u", i > 0 ? ", " : " ", v[i]);
	fputs(" };\n", out);
}

/* Does the SDK name n name row r of table i? */
static int
names_row(const struct name *n, size_t i, const struct row *r)
{
	return (n->tables >> i & 1) && r->has_subcode &&
	    r->subcode == n->subcode;
}

/* The SDK names of row j of table i, as a static array; how many. */
static size_t
put_row_names(FILE *out, const struct catalogue *c, size_t i, size_t j)
{
	const struct row *r = &c->tables[i].rows[j];
	size_t k, n = 0;

	for (k = 0; k < c->nnames; k++)
		if (names_row(&c->names[k], i, r)) {
			if (n++ == 0)
				fprintf(out, "static const char *const "
				    "names_%zu_%zu[] = {\n", i, j);
			fputs("\t", out);
			put_string(out, c->names[k].name);
			fputs(",\n", out);
		}
	if (n > 0)
		fputs("};\n", out);
	return n;
}

/* The arrays an entry or a tip points to: links, names, codes, words. */
static void
emit_arrays(FILE *out, struct catalogue *c)
{
	char name[64];
	size_t i, j;

	for (i = 0; i < c->ntables; i++)
		for (j = 0; j < c->tables[i].nrows; j++) {
			if (*c->tables[i].rows[j].links != '\0') {
				snprintf(name, sizeof(name), "links_%zu_%zu",
				    i, j);
				put_links(out, name, c->tables[i].rows[j].links);
			}
			c->tables[i].rows[j].nnames = put_row_names(out, c, i,
			    j);
		}
	for (i = 0; i < c->ntips; i++) {
		const struct tip *t = &c->tips[i];

		if (*t->f[TIP_LINKS] != '\0') {
			snprintf(name, sizeof(name), "tip_links_%zu", i);
			put_links(out, name, t->f[TIP_LINKS]);
		}
		if (t->ncodes > 0) {
			snprintf(name, sizeof(name), "tip_codes_%zu", i);
			put_numbers(out, name, t->codes, t->ncodes);
		}
		if (t->nsubcodes > 0) {
			snprintf(name, sizeof(name), "tip_subcodes_%zu", i);
			put_numbers(out, name, t->subcodes, t->nsubcodes);
		}
		if (t->nwords == 0)
			continue;
		fprintf(out, "static const char *const tip_words_%zu[] = {\n",
		    i);
		for (j = 0; j < t->nwords; j++) {
			fputs("\t", out);
			put_string(out, t->words[j]);
			fputs(",\n", out);
		}
		fputs("};\n", out);
	}
}

/* Fields of a struct initializer, strings then numbers: "{ "a", "b", 1 }". */
static void
put_strings(FILE *out, const char *const *v, size_t n)
{
	fputs("\t{ ", out);
	for (size_t i = 0; i < n; i++) {
		put_string(out, v[i]);
		fputs(i + 1 < n ? ",\n\t    " : ", ", out);
	}
}

/* "\t\t.NAME = "S",\n", folded for search if folded is set. */
static void
put_member(FILE *out, const char *name, const char *s, int folded)
{
	fprintf(out, "\t\t.%s = ", name);
	put_text(out, s, folded);
	fputs(",\n", out);
}

/* One entry, row j of table i. */
static void
emit_entry(FILE *out, const struct row *r, size_t i, size_t j)
{
	fputs("\t{\n", out);
	put_member(out, "message", r->message, 0);
	put_member(out, "advice", r->advice, 0);
	put_member(out, "note", r->note, 0);
	put_member(out, "event", r->event, 0);
	put_member(out, "folded_message", r->message, 1);
	put_member(out, "folded_advice", r->advice, 1);
	if (*r->links != '\0')
		fprintf(out, "\t\t.links = links_%zu_%zu,\n\t\t.nlinks = %d,\n",
		    i, j, count_links(r->links));
	if (r->nnames > 0)
		fprintf(out, "\t\t.names = names_%zu_%zu,\n\t\t.nnames = "
		    "%zu,\n", i, j, r->nnames);
	if (r->ncodes > 0) {
		fputs("\t\t.codes = {", out);
		for (size_t k = 0; k < r->ncodes; k++)
			fprintf(out, "%s%u", k > 0 ? ", " : " ", r->codes[k]);
		fprintf(out, " },\n\t\t.ncodes = %zu,\n", r->ncodes);
	}
	if (r->has_subcode)
		fprintf(out, "\t\t.subcode = %u,\n\t\t.has_subcode = 1,\n",
		    r->subcode);
	fprintf(out, "\t\t.category = ACS_CAT_%s,\n\t\t.table = %zu,\n"
	    "\t\t.source = %zu,\n\t\t.line = %zu,\n\t},\n",
	    category_enums[r->category], i, r->source, r->line);
}

static void
emit_tables(FILE *out, const struct catalogue *c)
{
	size_t i, j, first;

	fputs("\nconst struct acs_entry acs_entries[] = {\n", out);
	for (i = 0; i < c->ntables; i++)
		for (j = 0; j < c->tables[i].nrows; j++)
			emit_entry(out, &c->tables[i].rows[j], i, j);
	fputs("};\nconst size_t acs_nentries = sizeof(acs_entries) / "
	    "sizeof(acs_entries[0]);\n\n", out);

	fputs("const struct acs_table acs_tables[] = {\n", out);
	for (i = 0, first = 0; i < c->ntables; first += c->tables[i].nrows,
	    i++) {
		const struct table *t = &c->tables[i];
		const char *v[] = { t->name, t->title, t->description };

		put_strings(out, v, 3);
		fprintf(out, "%zu, %zu, %d },\n", first, t->nrows, t->role);
	}
	fputs("};\nconst size_t acs_ntables = sizeof(acs_tables) / "
	    "sizeof(acs_tables[0]);\n\nconst uint64_t "
	    "acs_role_tables[ACS_NROLES] = {\n", out);
	for (int r = 0; r < ACS_NROLES; r++) {
		uint64_t mask = 0;

		for (i = 0; i < c->ntables; i++)
			if (c->tables[i].role == r)
				mask |= UINT64_C(1) << i;
		fprintf(out, "\tUINT64_C(0x%llx),\t/* %s */\n",
		    (unsigned long long)mask, role_names[r]);
	}
	fputs("};\n\n", out);
}

static void
emit_tips(FILE *out, const struct catalogue *c)
{
	size_t article = find_source("", 0, "article");

	fputs("const struct acs_tip acs_tips[] = {\n", out);
	for (size_t i = 0; i < c->ntips; i++) {
		const struct tip *t = &c->tips[i];

		fputs("\t{\n\t\t.name = ", out);
		put_string(out, t->f[TIP_NAME]);
		fputs(",\n\t\t.title = ", out);
		put_string(out, t->f[TIP_TITLE]);
		fputs(",\n\t\t.text = ", out);
		put_string(out, t->f[TIP_TEXT]);
		fputs(",\n", out);
		if (*t->f[TIP_LINKS] != '\0')
			fprintf(out, "\t\t.links = tip_links_%zu,\n"
			    "\t\t.nlinks = %d,\n", i,
			    count_links(t->f[TIP_LINKS]));
		if (t->ncodes > 0)
			fprintf(out, "\t\t.codes = tip_codes_%zu,\n"
			    "\t\t.ncodes = %zu,\n", i, t->ncodes);
		if (t->nsubcodes > 0)
			fprintf(out, "\t\t.subcodes = tip_subcodes_%zu,\n"
			    "\t\t.nsubcodes = %zu,\n", i, t->nsubcodes);
		if (t->nwords > 0)
			fprintf(out, "\t\t.words = tip_words_%zu,\n"
			    "\t\t.nwords = %zu,\n", i, t->nwords);
		fprintf(out, "\t\t.tables = UINT64_C(0x%llx),\n"
		    "\t\t.source = %zu,\n\t},\n",
		    (unsigned long long)t->tables, article);
	}
	fputs("};\nconst size_t acs_ntips = sizeof(acs_tips) / "
	    "sizeof(acs_tips[0]);\n\n", out);
}

/* The sources, classes, SBC rules and SIP phrases. */
static void
emit_extras(FILE *out, const struct catalogue *c)
{
	size_t i, pstn = 0;

	fputs("const struct acs_source acs_sources[] = {\n", out);
	for (i = 1; i < sourcefile.nrecs; i++) {
		char *const *f = sourcefile.recs[i].fields;
		const char *v[] = { f[SRC_NAME], f[SRC_TITLE], f[SRC_URL],
			f[SRC_VERSION], f[SRC_LICENCE], f[SRC_NOTICE] };

		put_strings(out, v, 6);
		fprintf(out, "%d },\n", parse_name("", 0, f[SRC_KIND], "kind",
		    kind_names, ACS_NSOURCE_KINDS));
	}
	fputs("};\nconst size_t acs_nsources = sizeof(acs_sources) / "
	    "sizeof(acs_sources[0]);\n\nconst struct acs_class acs_classes[] "
	    "= {\n", out);
	for (i = 0; i < c->nclasses; i++) {
		const struct cls *k = &c->classes[i];
		const char *v[] = { k->title, k->message };

		put_strings(out, v, 2);
		fprintf(out, "%u, %u, %zu, %zu, %zu },\n", k->first, k->last,
		    k->table, k->source, k->line);
	}
	while (pstn < c->ntables && c->tables[pstn].role != ACS_ROLE_PSTN)
		pstn++;
	fputs("};\nconst size_t acs_nclasses = sizeof(acs_classes) / "
	    "sizeof(acs_classes[0]);\n\nconst struct acs_rule acs_rules[] = "
	    "{\n", out);
	for (i = 0; i < c->nrules; i++) {
		const struct rule *r = &c->rules[i];
		const char *v[] = { r->direction, r->message, r->advice };

		put_strings(out, v, 3);
		fprintf(out, "%u, %zu, %zu },\n", r->prefix, pstn, r->source);
	}
	fputs("};\nconst size_t acs_nrules = sizeof(acs_rules) / "
	    "sizeof(acs_rules[0]);\n\nconst struct acs_sip acs_sips[] = {\n",
	    out);
	for (i = 0; i < c->nsips; i++) {
		const char *v[] = { c->sips[i].reason, c->sips[i].reference };

		put_strings(out, v, 2);
		fprintf(out, "%u, %zu },\n", c->sips[i].code,
		    c->sips[i].source);
	}
	fputs("};\nconst size_t acs_nsips = sizeof(acs_sips) / "
	    "sizeof(acs_sips[0]);\n\nconst struct acs_notice acs_notices[] = "
	    "{\n", out);
	for (i = 0; i < nnotices; i++) {
		const char *v[] = { notices[i].name, notices[i].text };

		put_strings(out, v, 2);
		fputs("},\n", out);
	}
	/* an empty initializer list is not C11 */
	fputs(nnotices == 0 ? "\t{ NULL, NULL },\n" : "", out);
	fprintf(out, "};\nconst size_t acs_nnotices = %zu;\n\n"
	    "const struct acs_name acs_names[] = {\n", nnotices);
	for (i = 0; i < c->nnames; i++) {
		const struct name *n = &c->names[i];

		put_strings(out, &n->name, 1);
		fprintf(out, "UINT64_C(0x%llx), %u, %zu },\n",
		    (unsigned long long)n->tables, n->subcode, n->source);
	}
	fputs(c->nnames == 0 ? "\t{ NULL, 0, 0, 0 },\n" : "", out);
	fprintf(out, "};\nconst size_t acs_nnames = %zu;\n", c->nnames);
}

static void
emit(FILE *out, struct catalogue *c)
{
	static const char *const others[] = {
		"tips.csv", "classes.csv", "sbc-rule.csv", "sip.csv",
		"names.csv",
	};

	fprintf(out, "/*\n * Generated by gencodes from %s/sources.csv,\n"
	    " * %s/tables.csv,\n", c->dir, c->dir);
	for (size_t i = 0; i < c->ntables; i++)
		fprintf(out, " * %s,\n", c->tables[i].file.path);
	for (size_t i = 0; i < 5; i++)
		fprintf(out, " * %s/%s,\n", c->dir, others[i]);
	fprintf(out, " * and the notices in %s/licenses.\n", c->dir);
	fputs(" * Do not edit: edit those files and run make.\n */\n"
	    "#include \"codes.h\"\n\n", out);
	emit_arrays(out, c);
	emit_tables(out, c);
	emit_tips(out, c);
	emit_extras(out, c);
}

/* Write the C source to OUTPUT through a temporary file renamed into
 * place: a failed run leaves no partial output. */
static void
write_output(const char *output, struct catalogue *c)
{
	char tmp[PATH_MAX];
	FILE *out;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", output) >= sizeof(tmp))
		errx(1, "%s: path too long", output);
	if ((out = fopen(tmp, "w")) == NULL)
		err(1, "%s", tmp);
	emit(out, c);
	if (fflush(out) != 0 || ferror(out) || fclose(out) != 0) {
		unlink(tmp);
		errx(1, "%s: write error", tmp);
	}
	if (rename(tmp, output) != 0) {
		unlink(tmp);
		err(1, "rename %s to %s", tmp, output);
	}
}

static void
free_catalogue(struct catalogue *c)
{
	for (size_t i = 0; i < c->ntables; i++) {
		free(c->tables[i].rows);
		free_csv(&c->tables[i].file);
	}
	free(c->tables);
	for (size_t i = 0; i < c->ntips; i++)
		free_tip(&c->tips[i]);
	free(c->tips);
	free(c->classes);
	free(c->rules);
	free(c->sips);
	free(c->names);
	free_csv(&c->namefile);
	for (size_t i = 0; i < nnotices; i++) {
		free(notices[i].name);
		free(notices[i].text);
	}
	free(notices);
	free_csv(&c->index);
	free_csv(&c->tipfile);
	free_csv(&c->classfile);
	free_csv(&c->rulefile);
	free_csv(&c->sipfile);
	free_csv(&sourcefile);
}

static void
usage(void)
{
	fputs("usage: gencodes -o OUTPUT DIR\n", stderr);
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct catalogue c;
	const char *output = NULL;
	int ch;

	while ((ch = getopt(argc, argv, "o:")) != -1) {
		switch (ch) {
		case 'o':
			output = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (output == NULL || argc != 1)
		usage();
	memset(&c, 0, sizeof(c));
	c.dir = argv[0];
	/* the sources first: every row names one; then the tables, which
	 * the other files name */
	read_sources(&c);
	if (nerrors == 0)
		read_tables(&c);
	if (nerrors == 0) {
		read_tips(&c);
		read_extras(&c);
	}
	if (nerrors == 0)
		write_output(output, &c);
	free_catalogue(&c);
	return nerrors > 0;
}
