/*
 * The log scanner's driver: it holds the start of an input until its
 * first line shows the format, sets that format's reader up and feeds it
 * the chunks its caller reads.  JSON (one object a line, pretty-printed
 * or in arrays: CloudEvents) is read by json.c, CSV with a header row by
 * scan_csv.c, anything else as text by scan_text.c; all count into one
 * tally (scan_tally.c).  Memory is bounded: a capped tally, a capped line
 * (text) or field (CSV); malformed lines are skipped and counted.
 */
#include <stdlib.h>
#include <string.h>

#include "scan_int.h"

static size_t
count_lines(const char *p, size_t n)
{
	const char *end = p + n;
	size_t lines = 0;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		lines++;
		p++;
	}
	return lines;
}

/* The JSON reader's reports: an object with a code is a pair; a syntax
 * error skips a line.  Values that are not numbers are no pairs. */
static void
on_object(void *arg, const struct json_object *o)
{
	if (o->has_code)
		scan_add(arg, o->code, o->has_subcode ? o->subcode :
		    SCAN_NO_SUBCODE);
}

static void
on_error(void *arg)
{
	((struct scan_tally *)arg)->stats.skipped++;
}

static void
json_start(struct json_reader *j, struct scan_tally *t)
{
	struct json_sink sink = { on_object, NULL, on_error, t };

	json_init(j, &sink);
}

enum scan_format
scan_detect(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'))
		p++;
	if (p < end && (*p == '{' || *p == '['))
		return SCAN_JSON;
	nl = memchr(p, '\n', (size_t)(end - p));
	return csv_looks_like_header(p, (size_t)((nl != NULL ? nl : end) -
	    p)) ? SCAN_CSV : SCAN_TEXT;
}

/*
 * Does the first line of buf[0..n) read as JSON?  A line of text may
 * start with '[' or '{' too: "[2024-05-01T10:00:00Z] code=480 ...".
 */
static int
first_line_is_json(const char *buf, size_t n)
{
	const char *nl = memchr(buf, '\n', n);
	struct json_sink sink = { NULL, NULL, NULL, NULL };
	struct json_reader *j;
	int ok;

	if ((j = malloc(sizeof(*j))) == NULL)
		return 1;
	json_init(j, &sink);
	json_feed(j, (const unsigned char *)buf, (const unsigned char *)buf +
	    (nl != NULL ? (size_t)(nl - buf) + 1 : n));
	ok = j->errors == 0;
	free(j);
	return ok;
}

/* Tell the format from the start of the input, buf[0..n), and set its
 * reader up. */
static int
scan_start(struct scan *s, const char *buf, size_t n)
{
	if (s->format == SCAN_AUTO) {
		s->format = scan_detect(buf, n);
		if (s->format == SCAN_JSON && !first_line_is_json(buf, n))
			s->format = SCAN_TEXT;
	}
	if (s->format == SCAN_JSON)
		json_start(&s->j, s->t);
	if (s->format == SCAN_CSV && csv_start(&s->c, s->t) != 0)
		return -1;
	s->started = 1;
	return 0;
}

static int
scan_read(struct scan *s, const char *buf, size_t n)
{
	s->t->stats.lines += count_lines(buf, n);
	s->last_nl = buf[n - 1] == '\n';
	switch (s->format) {
	case SCAN_JSON:
		json_feed(&s->j, (const unsigned char *)buf,
		    (const unsigned char *)buf + n);
		return 0;
	case SCAN_CSV:
		return csv_chunk(&s->c, buf, n);
	default:
		return text_chunk(&s->x, buf, buf + n, s->t);
	}
}

/*
 * Does the head of the input show its format: is its first line whole?
 * (Leading blank lines and a byte order mark do not count.)
 */
static int
head_decides(const char *h, size_t n)
{
	size_t i = n >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;

	while (i < n && (h[i] == ' ' || h[i] == '\t' || h[i] == '\r' ||
	    h[i] == '\n'))
		i++;
	return i < n && memchr(h + i, '\n', n - i) != NULL;
}

/* Start on the head of the input, less a UTF-8 byte order mark. */
static int
scan_start_head(struct scan *s)
{
	size_t skip = s->nhead >= 3 && memcmp(s->head, "\xef\xbb\xbf", 3) == 0 ?
	    3 : 0;

	if (scan_start(s, s->head + skip, s->nhead - skip) != 0)
		return -1;
	return s->nhead > skip ? scan_read(s, s->head + skip,
	    s->nhead - skip) : 0;
}

/* Start scanning an input into the tally t; NULL if memory ran out. */
struct scan *
scan_open(enum scan_format format, struct scan_tally *t)
{
	struct scan *s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->format = format;
	s->t = t;
	s->last_nl = 1;
	return s;
}

/*
 * Scan the next n bytes of the input.  The first bytes are held until
 * they show the format (a whole first line, or DETECT_MAX bytes).
 * Returns -1 if memory ran out.
 */
int
scan_feed(struct scan *s, const char *buf, size_t n)
{
	size_t take;

	if (n == 0)
		return 0;
	if (!s->started) {
		take = DETECT_MAX - s->nhead < n ? DETECT_MAX - s->nhead : n;
		memcpy(s->head + s->nhead, buf, take);
		s->nhead += take;
		if (!head_decides(s->head, s->nhead) && s->nhead < DETECT_MAX)
			return 0;
		if (scan_start_head(s) != 0)
			return -1;
		buf += take;
		n -= take;
		if (n == 0)
			return 0;
	}
	return scan_read(s, buf, n);
}

/* The end of the input: a truncated last record is counted, memory
 * freed. */
void
scan_close(struct scan *s)
{
	if (!s->started && s->nhead > 0 && scan_start_head(s) != 0)
		s->t->stats.skipped++;	/* out of memory: say it was lost */
	if (!s->last_nl)
		s->t->stats.lines++;	/* a last line without a newline */
	if (s->started && s->format == SCAN_JSON)
		json_finish(&s->j);
	else if (s->started && s->format == SCAN_CSV)
		csv_finish(&s->c);
	text_finish(&s->x, s->t);
	free(s);
}

/*
 * Scan buf[0..n) as if read chunk bytes at a time (for tests: any
 * chunking must count the same).  Returns -1 if memory ran out.
 */
int
scan_buffer(const char *buf, size_t n, size_t chunk, enum scan_format format,
    struct scan_tally *t)
{
	struct scan *s;
	size_t i, len;
	int rc = 0;

	if ((s = scan_open(format, t)) == NULL)
		return -1;
	for (i = 0; i < n && rc == 0; i += len) {
		len = n - i < chunk ? n - i : chunk;
		rc = scan_feed(s, buf + i, len);
	}
	scan_close(s);
	return rc;
}
