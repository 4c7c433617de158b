/*
 * The log scanner's driver.  It holds the start of an input until its
 * head shows the format: a CSV export (a header naming a code column, in
 * any dialect) is read whole by scan_csv.c; anything else is read record
 * by record, as JSON where a record starts with '{' or '[' (json.c), else
 * as text (scan_text.c).  A record that starts a line like JSON and turns
 * out not to be (a "[2024-05-01] code=480" line, an object printed by
 * Node) is read again as text, from its start.  Lines are counted here.
 */
#include <stdlib.h>
#include <string.h>

#include "core/keys.h"
#include "scan_int.h"

static uint64_t
count_lines(const char *p, size_t n)
{
	const char *end = p + n;
	uint64_t lines = 0;

	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		lines++;
		p++;
	}
	return lines;
}

/* The JSON reader's records: with pairs, or a skip with its reason. */
static void
on_json_record(void *arg, const struct json_record *r)
{
	const struct scan_sink *sink = arg;
	struct scan_record rec = { r->hits, r->nhits, r->weight, r->time,
		r->has_time, { { NULL, 0 } } };

	if (r->bad)
		sink->skip(sink->arg, SKIP_BAD_VALUE, 1);
	else if (r->nhits == 0)
		sink->skip(sink->arg, SKIP_NO_PAIR, 1);
	else if (r->weight > 0) {
		for (int i = 0; i < SCAN_MAX_FIELDS; i++)
			if (r->fields[i].present) {
				rec.fields[i].value = r->fields[i].value;
				rec.fields[i].len = r->fields[i].len;
			}
		sink->record(sink->arg, &rec);
	}
}

/*
 * Is name one the scanner reads already: a code, subcode, count or time
 * field, or a key that frames records ("records", "properties", a query
 * API table's)?  It is read as the CSV reader reads a column's name, so
 * that "TimeGenerated [UTC]" is TimeGenerated.  (--by cannot name it.)
 */
int
scan_reserved_name(const char *name)
{
	size_t len = strlen(name);
	const char *s = csv_column_name(name, &len);

	if (key_kind(s, len) != KEY_NONE || csv_named(s, len, "properties"))
		return 1;	/* a code, subcode, count, or what frames them */
	for (size_t i = 0; i < ntime_key_names; i++)
		if (csv_named(s, len, time_key_names[i]))
			return 1;
	return 0;
}

static void
json_start(struct scan *s)
{
	struct json_sink js = { NULL, NULL, on_json_record, &s->sink };
	const struct scan_options *o = &s->opt;

	json_init(&s->j, &js);
	if (o->count_field != NULL)
		json_name(&s->j, o->count_field, KEY_COUNT, 0);
	for (int i = 0; i < o->nfields; i++)
		json_name(&s->j, o->fields[i], KEY_FIELD, i);
	if (o->want_time)
		for (size_t i = 0; i < ntime_key_names; i++)
			json_name(&s->j, time_key_names[i], KEY_TIME, (int)i);
	if (o->want_time || o->nfields > 0)
		json_name(&s->j, "properties", KEY_PROPERTIES, 0);
}

/*
 * The head of the input, buf[0..n) (less a byte order mark), shows its
 * format: a CSV export, with its dialect and the *skip_lines before its
 * header, or JSON and text (no lines to skip).
 */
static int
scan_start(struct scan *s, const char *buf, size_t n, size_t *skip_lines)
{
	unsigned char delim = ',';
	int csv = csv_dialect(buf, n, s->opt.count_field, &delim, skip_lines);

	if (s->format == SCAN_AUTO)
		s->format = csv ? SCAN_CSV : SCAN_MIXED;
	if (s->format == SCAN_CSV)
		return csv_start(&s->c, &s->sink, delim, &s->opt);
	*skip_lines = 0;
	json_start(s);
	return 0;
}

/* Keep the bytes of the JSON record open at the end of a chunk, from
 * chunk: if it is not JSON after all, it is read again as text. */
static void
keep_record(struct scan *s, const char *chunk, const char *end)
{
	const char *from = chunk;
	size_t n;

	if (json_idle(&s->j))
		return;
	if (s->keep_id != s->j.top_id) {
		s->keep_id = s->j.top_id;
		s->nkeep = 0;
		s->keep_lost = 0;
		from = (const char *)s->j.top_start;
	}
	n = (size_t)(end - from);
	if (s->keep_lost || s->nkeep + n > KEEP_MAX) {
		s->keep_lost = 1;
		return;
	}
	if (s->keep == NULL && (s->keep = malloc(KEEP_MAX)) == NULL) {
		s->keep_lost = 1;
		return;
	}
	memcpy(s->keep + s->nkeep, from, n);
	s->nkeep += n;
}

/* Feed text bytes to the text reader; back to JSON after a record. */
static const char *
text_feed(struct scan *s, const char *p, const char *end)
{
	int done;

	p = text_take(&s->x, p, end, &s->sink, &done);
	if (done) {
		s->mode = M_JSON;
		json_reset(&s->j);
	}
	return p;
}

static void mixed_chunk(struct scan *s, const char *p, const char *end);

/*
 * The JSON record open at q did not read as JSON.  If it started a line,
 * was kept whole and reported nothing yet, it is read again from its
 * start, as text first (its first line, or the object printed over
 * several lines it starts), then as JSON or text again: returns where to
 * go on in the chunk, p[0..q), after reading its kept bytes from earlier
 * chunks.  Else it is skipped to the end of the line.  q NULL: at the end
 * of the input.
 */
static const char *
not_json(struct scan *s, const char *chunk, const char *q)
{
	const char *from = chunk;
	char *kept;
	size_t nkept;

	if (s->keep_id != s->j.top_id) {	/* it began in this chunk */
		s->nkeep = 0;
		s->keep_lost = 0;
		from = (const char *)s->j.top_start;
	}
	s->keep_id = s->j.top_id;
	json_reset(&s->j);
	/* as long as KEEP_MAX allows, however the input is cut */
	if (q != NULL && s->nkeep + (size_t)(q - from) > KEEP_MAX)
		s->keep_lost = 1;
	if (!s->j.top_line_start || s->keep_lost || s->j.top_reported) {
		s->sink.skip(s->sink.arg, SKIP_BAD_JSON, 1);
		s->mode = M_SKIP;
		return q;
	}
	s->mode = M_TEXT;
	text_start(&s->x, 1);
	if (s->nkeep > 0) {
		/* read the kept bytes from the other buffer, where what they
		 * leave open is kept in turn */
		kept = s->keep;
		nkept = s->nkeep;
		s->keep = s->replay;
		s->replay = kept;
		s->nkeep = 0;
		s->keep_id = 0;
		mixed_chunk(s, kept, kept + nkept);
	}
	return from;
}

/* Read a chunk of JSON and text, the format decided record by record. */
static void
mixed_chunk(struct scan *s, const char *p, const char *end)
{
	const char *q;

	while (p < end) {
		if (s->mode == M_TEXT) {
			p = text_feed(s, p, end);
			continue;
		}
		if (s->mode == M_SKIP) {
			if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
				return;
			p = q + 1;
			s->mode = M_JSON;
			json_reset(&s->j);
			continue;
		}
		q = (const char *)json_feed(&s->j, (const unsigned char *)p,
		    (const unsigned char *)end);
		if (s->j.stop == JSON_NOT_JSON) {
			/* a line of text, or what follows a record */
			s->mode = M_TEXT;
			text_start(&s->x, 0);
		} else if (s->j.stop == JSON_ERROR) {
			p = not_json(s, p, q);
			continue;
		} else
			keep_record(s, p, end);
		p = q;
	}
}

static int
scan_read(struct scan *s, const char *buf, size_t n)
{
	s->sink.lines(s->sink.arg, count_lines(buf, n));
	s->last_nl = buf[n - 1] == '\n';
	if (s->format == SCAN_CSV)
		return csv_chunk(&s->c, buf, n);
	mixed_chunk(s, buf, buf + n);
	return 0;
}

/* How long the UTF-8 byte order mark that h[0..n) starts with is: 3, or
 * 0 if it has none. */
static size_t
bom_len(const char *h, size_t n)
{
	return n >= 3 && memcmp(h, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/*
 * Does the head of the input, h[0..n), show its format: is the line that
 * would be a CSV export's header whole, past a byte order mark and the
 * lines csv_head passes over?
 */
static int
head_decides(const char *h, size_t n)
{
	size_t i = bom_len(h, n);
	struct csv_head hd;

	return csv_head(h + i, n - i, 0, &hd);
}

/* Start on the head of the input, less a UTF-8 byte order mark. */
static int
scan_start_head(struct scan *s)
{
	size_t skip = bom_len(s->head, s->nhead);
	const char *h = s->head + skip;
	size_t n = s->nhead - skip, skip_lines;

	if (scan_start(s, h, n, &skip_lines) != 0)
		return -1;
	s->started = 1;
	/* the lines before a CSV header are not records */
	for (size_t i = 0; i < skip_lines; i++) {
		const char *nl = memchr(h, '\n', n);
		size_t len = (size_t)(nl - h) + 1;

		s->sink.lines(s->sink.arg, 1);
		h += len;
		n -= len;
	}
	return n > 0 ? scan_read(s, h, n) : 0;
}

/* Start scanning an input; NULL if memory ran out. */
struct scan *
scan_open(const struct scan_options *o, const struct scan_sink *sink)
{
	struct scan *s;

	if ((s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->opt = *o;
	s->sink = *sink;
	s->format = o->format;
	s->x.want_time = o->want_time;
	s->last_nl = 1;
	if (s->format == SCAN_MIXED) {
		json_start(s);
		s->started = 1;
	}
	return s;
}

/*
 * Scan the next n bytes of the input.  The first bytes are held until
 * they show the format (whole first lines, or DETECT_MAX bytes).
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

/* The end of mixed input: a JSON record left open is read again, as
 * text, to its end. */
static void
finish_mixed(struct scan *s)
{
	while (s->mode == M_JSON && !json_idle(&s->j)) {
		json_finish(&s->j);
		if (s->j.stop != JSON_ERROR)
			break;
		/* everything of the record is kept: the last chunk too */
		if (s->keep_id != s->j.top_id) {
			s->sink.skip(s->sink.arg, SKIP_BAD_JSON, 1);
			json_reset(&s->j);
			break;
		}
		not_json(s, NULL, NULL);
	}
}

/* The end of the input: a last record without a newline is read, memory
 * freed. */
void
scan_close(struct scan *s)
{
	if (!s->started && s->nhead > 0 && scan_start_head(s) != 0)
		s->sink.skip(s->sink.arg, SKIP_NO_PAIR, 1);	/* no memory */
	if (!s->last_nl)
		s->sink.lines(s->sink.arg, 1);	/* a last line, unfinished */
	if (s->format == SCAN_CSV && s->started)
		csv_finish(&s->c);
	else if (s->format == SCAN_MIXED) {
		finish_mixed(s);
		text_finish(&s->x, &s->sink);
	}
	free(s->x.buf);
	free(s->keep);
	free(s->replay);
	free(s);
}

/*
 * Scan buf[0..n) as if read chunk bytes at a time (for tests: any
 * chunking must count the same).  Returns -1 if memory ran out.
 */
int
scan_buffer(const char *buf, size_t n, size_t chunk,
    const struct scan_options *o, const struct scan_sink *sink)
{
	struct scan *s;
	size_t i, len;
	int rc = 0;

	if ((s = scan_open(o, sink)) == NULL)
		return -1;
	for (i = 0; i < n && rc == 0; i += len) {
		len = n - i < chunk ? n - i : chunk;
		rc = scan_feed(s, buf + i, len);
	}
	scan_close(s);
	return rc;
}
