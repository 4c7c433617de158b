/*
 * The scanner's text reader: lines of SDK console logs and the like, with
 * "code=480, subCode=10037", "code: 480 subCode: 10037" (any case, values
 * maybe quoted) or "480#10076".  A line needs both a code and a subcode
 * for a pair: "code" alone is too common a word in logs.  A line longer
 * than TEXT_LINE_MAX, or not valid UTF-8, is skipped and counted.
 */
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "keys.h"
#include "lookup.h"
#include "scan_int.h"
#include "utf8.h"

/* Is s[0..n) text: valid UTF-8 without NUL bytes? */
static int
is_text(const unsigned char *s, size_t n)
{
	size_t i = 0;
	int len;

	while (i < n) {
		if (s[i] == 0)
			return 0;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((len = utf8_sequence(s + i, n - i)) <= 0)
			return 0;
		i += (size_t)len;
	}
	return 1;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The "480#10076" pairs of a line: digits, '#', digits, as words. */
static void
hash_pairs(const char *s, size_t n, struct scan_tally *t)
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
			scan_add(t, a, b);
		p = d1 > p ? d1 : p + 1;
	}
}

/*
 * The pairs of a line of text: each code with the subcode that follows or
 * precedes it before the next code, and "480#10076".
 */
static void
text_line(const char *s, size_t n, struct scan_tally *t)
{
	const char *p = s, *end = s + n;
	uint32_t code = 0, subcode = 0, v;
	int has_code = 0, has_subcode = 0;
	struct keyval kv;

	if (memchr(s, '#', n) != NULL)
		hash_pairs(s, n, t);
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
			scan_add(t, code, subcode);
			has_code = has_subcode = 0;
		}
	}
}

static void
text_flush(struct text *x, struct scan_tally *t)
{
	if (x->too_long || !is_text((const unsigned char *)x->line, x->len))
		t->stats.skipped++;
	else
		text_line(x->line, x->len, t);
	x->len = 0;
	x->too_long = 0;
}

/* Read the lines of p[0..end), the last maybe unfinished.  Returns -1 if
 * memory ran out. */
int
text_chunk(struct text *x, const char *p, const char *end,
    struct scan_tally *t)
{
	const char *nl;
	size_t n;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl != NULL ? nl : end) - p);
		if (x->len + n > TEXT_LINE_MAX)
			x->too_long = 1;
		if (!x->too_long) {
			if (x->line == NULL &&
			    (x->line = malloc(TEXT_LINE_MAX)) == NULL)
				return -1;
			memcpy(x->line + x->len, p, n);
			x->len += n;
		}
		if (nl == NULL)
			return 0;
		if (x->len > 0 && x->line[x->len - 1] == '\r')
			x->len--;
		text_flush(x, t);
		p = nl + 1;
	}
	return 0;
}

/* The end of the input: read a last line without a newline; free. */
void
text_finish(struct text *x, struct scan_tally *t)
{
	if (x->len > 0 || x->too_long)
		text_flush(x, t);
	free(x->line);
	x->line = NULL;
}
