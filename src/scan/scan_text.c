/*
 * The scanner's text reader: lines of SDK console logs and the like, with
 * "code=480, subCode=10037", "code: 480 subCode: 10037", "code 480 and
 * subcode 10037" (any case, values maybe quoted) or "480#10076".  A line
 * that ends with an opening brace its line does not close starts an
 * object printed over several lines ("callEndReason {", "  code: 410,",
 * "  subCode: 3112", "}"), read as one record up to the line that balances
 * the braces (at most TEXT_BLOCK_LINES), or up to a line that starts with
 * '{' or '[', a record of its own.
 * Each code pairs with the subcode that follows or precedes it before the
 * next code; "code" alone is too common a word in logs to count.  A line
 * longer than TEXT_LINE_MAX is skipped, and one with a NUL byte; bytes
 * that are not UTF-8 are just bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "core/keys.h"
#include "core/lookup.h"
#include "scan_int.h"
#include "core/timeparse.h"

/* Most pairs one text record reports at once. */
#define TEXT_MAX_HITS 64

struct hits {
	struct json_hit v[TEXT_MAX_HITS];
	size_t n;
	const struct scan_sink *sink;
	struct scan_record r;	/* the record's time, no fields */
};

static void
hit(struct hits *h, uint32_t code, uint32_t subcode)
{
	if (h->n == TEXT_MAX_HITS) {
		h->r.hits = h->v;
		h->r.nhits = h->n;
		h->sink->record(h->sink->arg, &h->r);
		h->n = 0;
	}
	h->v[h->n].code = code;
	h->v[h->n++].subcode = subcode;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The "480#10076" pairs of a record: digits, '#', digits, as words. */
static void
hash_pairs(const char *s, size_t n, struct hits *h)
{
	const char *p = s, *end = s + n, *c0, *d1;
	uint32_t a, b;

	while ((p = memchr(p, '#', (size_t)(end - p))) != NULL) {
		for (c0 = p; c0 > s && is_digit(c0[-1]); c0--)
			continue;
		for (d1 = p + 1; d1 < end && is_digit(*d1); d1++)
			continue;
		if (c0 < p && (c0 == s || !is_word_byte((unsigned char)c0[-1])) &&
		    (d1 == end || !is_word_byte((unsigned char)*d1)) &&
		    parse_digits(c0, (size_t)(p - c0), &a) == NUMBER_OK &&
		    parse_digits(p + 1, (size_t)(d1 - p - 1), &b) == NUMBER_OK)
			hit(h, a, b);
		p = d1 > p ? d1 : p + 1;
	}
}

/* The pairs of a record of text, s[0..n). */
static void
text_pairs(const char *s, size_t n, struct hits *h)
{
	const char *p = s, *end = s + n;
	uint32_t code = 0, subcode = 0, v;
	int has_code = 0, has_subcode = 0;
	struct keyval kv;

	if (memchr(s, '#', n) != NULL)
		hash_pairs(s, n, h);
	while (next_keyval(&p, end, s, &kv)) {
		if (parse_digits(kv.value, kv.vlen, &v) != NUMBER_OK)
			continue;
		if (kv.kind == KEY_CODE) {
			code = v;
			has_code = 1;
		} else {
			subcode = v;
			has_subcode = 1;
		}
		if (has_code && has_subcode) {
			hit(h, code, subcode);
			has_code = has_subcode = 0;
		}
	}
}

/* A text record ended: report its pairs, or why it has none. */
static void
text_record(struct text *x, const struct scan_sink *sink)
{
	struct hits h;

	if (x->too_long)
		sink->skip(sink->arg, SKIP_TOO_LONG, 1);
	else if (memchr(x->buf, '\0', x->len) != NULL)
		sink->skip(sink->arg, SKIP_NOT_TEXT, 1);
	else {
		memset(&h.r, 0, sizeof(h.r));
		h.n = 0;
		h.sink = sink;
		h.r.weight = 1;
		/* a log line's time: an ISO time that starts it */
		h.r.has_time = x->want_time && parse_time_prefix(x->buf,
		    x->len, &h.r.time) > 0;
		text_pairs(x->buf, x->len, &h);
		h.r.hits = h.v;
		h.r.nhits = h.n;
		if (h.n > 0)
			sink->record(sink->arg, &h.r);
		else
			sink->skip(sink->arg, x->from_json ? SKIP_BAD_JSON :
			    SKIP_NO_PAIR, 1);
	}
	text_start(x, 0);
}

/* Start a record; from_json: it looked like JSON and was not. */
void
text_start(struct text *x, int from_json)
{
	x->len = 0;
	x->braces = x->lines = x->too_long = 0;
	x->bol = 1;
	x->from_json = from_json;
}

/* How many bytes c p[0..n) holds. */
static int
count_byte(const char *p, size_t n, char c)
{
	int k = 0;

	for (const char *end = p + n; (p = memchr(p, c, (size_t)(end - p))) !=
	    NULL; p++)
		k++;
	return k;
}

/* Does the record's first line, whole in x->buf, end with a '{' (blanks
 * aside): an object printed over several lines? */
static int
opens_block(const struct text *x)
{
	size_t n = x->len;

	while (n > 0 && (x->buf[n - 1] == '\n' || x->buf[n - 1] == '\r' ||
	    x->buf[n - 1] == ' ' || x->buf[n - 1] == '\t'))
		n--;
	return n > 0 && x->buf[n - 1] == '{';
}

/* Does the record go on past the line it has just taken? */
static int
goes_on(struct text *x)
{
	if (x->braces <= 0 || x->too_long)
		return 0;
	if (x->lines == 0 && !opens_block(x))
		return 0;
	return ++x->lines < TEXT_BLOCK_LINES;
}

/*
 * Take bytes from p[0..end) into the text record: up to the newline that
 * ends it (a line, or the line that balances its braces), which is
 * consumed, or up to a line that starts like JSON within an object printed
 * over several lines, which is not; set *done if it ended (and was
 * reported).  Returns where it stopped.  Memory for the line comes with
 * the first text record.
 */
const char *
text_take(struct text *x, const char *p, const char *end,
    const struct scan_sink *sink, int *done)
{
	const char *nl;
	size_t n;

	*done = 0;
	if (x->lines > 0 && x->bol && p < end && (*p == '{' || *p == '[')) {
		text_record(x, sink);
		*done = 1;
		return p;
	}
	nl = memchr(p, '\n', (size_t)(end - p));
	n = (size_t)((nl != NULL ? nl + 1 : end) - p);
	x->bol = nl != NULL;
	if (x->len + n > TEXT_LINE_MAX)
		x->too_long = 1;
	if (!x->too_long) {
		if (x->buf == NULL && (x->buf = malloc(TEXT_LINE_MAX)) == NULL) {
			x->too_long = 1;	/* no memory: said as too long */
			return nl != NULL ? nl + 1 : end;
		}
		memcpy(x->buf + x->len, p, n);
		x->len += n;
	}
	x->braces += count_byte(p, n, '{') - count_byte(p, n, '}');
	if (nl == NULL)
		return end;
	if (goes_on(x))
		return nl + 1;
	text_record(x, sink);
	*done = 1;
	return nl + 1;
}

/* The end of the input: a last record without a newline is read. */
void
text_finish(struct text *x, const struct scan_sink *sink)
{
	if (x->len > 0 || x->too_long)
		text_record(x, sink);
}
