/*
 * The streaming JSON reader (see json.h).  It keeps a stack of open
 * containers and, for each open object, its code and subcode so far; it
 * looks at a string only to tell a known key, and at a value only when it
 * belongs to one.  Plain string bytes are skipped 8 or 16 at a time.  A
 * syntax error skips the rest of its line: in JSON Lines the next line is
 * the next record.  No I/O, no allocation.
 */
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "json.h"
#include "lookup.h"
#include "utf8.h"

/*
 * Which of the 8 bytes of v end a run of plain string bytes: a quote, a
 * backslash, a control character or a byte of 0x80 and above?  The high
 * bit of each such byte is set in the result, exactly (no carries cross
 * bytes: the sums stay below 0x100).
 */
#define ONES UINT64_C(0x0101010101010101)
#define LOWS UINT64_C(0x7f7f7f7f7f7f7f7f)
#define HIGHS UINT64_C(0x8080808080808080)

static inline uint64_t
byte_is(uint64_t v, unsigned char c)
{
	uint64_t x = v ^ (ONES * c);

	return ~(((x & LOWS) + LOWS) | x) & HIGHS;
}

static inline uint64_t
special(uint64_t v)
{
	uint64_t below_space = ~(((v & LOWS) + ONES * 0x60) | v) & HIGHS;

	return byte_is(v, '"') | byte_is(v, '\\') | below_space |
	    (v & HIGHS);
}

/* The index of the first byte flagged in mask (little-endian loads). */
static inline size_t
first_flagged(uint64_t mask)
{
#if defined(__GNUC__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return (size_t)__builtin_ctzll(mask) / 8;
#else
	size_t i = 0;

	for (; !(mask & 0x80); mask >>= 8)
		i++;
	return i;
#endif
}

/*
 * Where the run of plain string bytes from p ends (at most at end): 16
 * bytes at a time with SSE2 where there is SSE2 (the signed compare with
 * 0x20 catches both control characters and bytes of 0x80 and above),
 * else 8 at a time.  ACSDIAG_PORTABLE builds the portable path alone.
 */
static inline const unsigned char *
plain_run(const unsigned char *p, const unsigned char *end)
{
#if defined(__SSE2__) && !defined(ACSDIAG_PORTABLE)
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
	const __m128i space = _mm_set1_epi8(0x20);

	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		int m = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
		    _mm_cmplt_epi8(v, space)));

		if (m != 0)
			return p + __builtin_ctz((unsigned)m);
		p += 16;
	}
#endif
	while (end - p >= 8) {
		uint64_t v, m;

		memcpy(&v, p, 8);
		if ((m = special(v)) != 0)
			return p + first_flagged(m);
		p += 8;
	}
	while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
		p++;
	return p;
}

void
json_init(struct json_reader *j, const struct json_sink *sink)
{
	memset(j, 0, sizeof(*j));
	j->sink = *sink;
	j->state = J_OUT;
}

/* Forget the containers and tokens open: a fresh start after an error. */
static void
json_reset(struct json_reader *j)
{
	j->state = J_OUT;
	j->depth = 0;
	j->pending = j->value_of = j->key = KEY_NONE;
	j->last_string = j->in_escape = j->utf8_have = 0;
}

/* A syntax error: report the line once, skip to its end, start afresh. */
static void
json_error(struct json_reader *j)
{
	if (!j->line_bad) {
		j->errors++;
		if (j->sink.error != NULL)
			j->sink.error(j->sink.arg);
	}
	json_reset(j);
	j->line_bad = 1;
	j->state = J_SKIP_LINE;
}

/* Report a value of a known key that is not a code or subcode. */
static void
json_bad(struct json_reader *j, enum key_kind kind, enum json_bad_kind what,
    const char *v, size_t len, size_t full)
{
	struct json_bad b = { what, kind, j->keytext, j->keylen, v, len,
		full > len };

	if (j->sink.bad != NULL)
		j->sink.bad(j->sink.arg, &b);
}

/*
 * Give the value of KEY just read, v[0..len) of a value full bytes long,
 * to the innermost object: a number of 1 to 9 digits, written as a number
 * or a string (plain: a string with escapes is not one).
 */
static void
json_value(struct json_reader *j, enum key_kind key, const char *v,
    size_t len, size_t full, enum json_bad_kind what)
{
	struct json_frame *o;
	uint32_t n;

	if (key == KEY_NONE || j->depth == 0 ||
	    j->frame[j->depth - 1].kind != '{')
		return;
	if (full != len || parse_digits(v, len, &n) != NUMBER_OK) {
		json_bad(j, key, what, v, len, full);
		return;
	}
	o = &j->frame[j->depth - 1];
	if (key == KEY_CODE && !o->has_code) {
		o->code = n;
		o->has_code = 1;
	} else if (key == KEY_SUBCODE && !o->has_subcode) {
		o->subcode = n;
		o->has_subcode = 1;
	}
}

/* A scalar value ended: at the top level, it is a whole value. */
static inline void
json_scalar_done(struct json_reader *j)
{
	if (j->depth == 0)
		j->values++;
}

/* A value starts: does it belong to a known key? */
static void
json_start_value(struct json_reader *j)
{
	j->value_of = j->pending;
	j->pending = KEY_NONE;
	j->last_string = 0;
}

/* The string s[0..len) may be a key: remember what it names, and how it
 * is written if it names something. */
static inline void
json_key(struct json_reader *j, const char *s, size_t len)
{
	j->key = len <= JSON_KEY_MAX ? key_kind(s, len) : KEY_NONE;
	if (j->key != KEY_NONE) {
		memcpy(j->keytext, s, len);
		j->keylen = len;
	}
}

/* The string ends at q: take it as a value, or remember it as a key. */
static void
json_end_string(struct json_reader *j, const unsigned char *chunk,
    const unsigned char *q)
{
	const char *text = (const char *)j->sbeg;
	size_t n, kept = j->slen;

	j->state = J_OUT;
	if (j->sbeg == NULL) {
		/* begun in an earlier chunk: complete the copy */
		n = (size_t)(q - chunk);
		if (j->ssaved + n > JSON_SAVE_MAX)
			n = JSON_SAVE_MAX - j->ssaved;
		memcpy(j->str + j->ssaved, chunk, n);
		text = j->str;
		kept = j->ssaved + n;
	}
	if (j->value_of != KEY_NONE) {
		if (kept > j->slen)
			kept = j->slen;
		if (kept > JSON_VALUE_MAX)
			kept = JSON_VALUE_MAX;
		if (j->escaped && j->depth > 0 &&
		    j->frame[j->depth - 1].kind == '{')
			json_bad(j, j->value_of, JSON_BAD_STRING, text, kept,
			    j->slen);	/* an escape is no plain number */
		else
			json_value(j, j->value_of, text, kept, j->slen,
			    JSON_BAD_STRING);
		j->value_of = KEY_NONE;
		json_scalar_done(j);
		return;
	}
	j->last_string = 1;
	if (j->escaped)
		j->key = KEY_NONE;
	else
		json_key(j, text, j->slen);
	json_scalar_done(j);
}

/* A chunk ends inside a string: keep its first bytes for later. */
static void
json_save_string(struct json_reader *j, const unsigned char *chunk,
    const unsigned char *end)
{
	const unsigned char *from = j->sbeg != NULL ? j->sbeg : chunk;
	size_t n = (size_t)(end - from);

	if (j->ssaved + n > JSON_SAVE_MAX)
		n = JSON_SAVE_MAX - j->ssaved;
	memcpy(j->str + j->ssaved, from, n);
	j->ssaved += n;
	j->sbeg = NULL;
}

/* Continue a string after an escape or a UTF-8 sequence cut by the last
 * chunk; return where the plain bytes start, or, after an error (the
 * state is then J_SKIP_LINE), the byte that made it, not consumed. */
static const unsigned char *
json_string_resume(struct json_reader *j, const unsigned char *p,
    const unsigned char *end)
{
	if (j->in_escape) {
		j->in_escape = 0;
		if (*p < 0x20) {
			json_error(j);
			return p;
		}
		p++;
		j->slen++;
	}
	/* complete a sequence the last chunk cut, and check it whole */
	while (j->utf8_have > 0 && p < end) {
		int r;

		j->utf8[j->utf8_have] = *p;
		r = utf8_sequence(j->utf8, (size_t)j->utf8_have + 1);
		if (r == 0) {
			/* not consumed: a newline still ends the line, as it
			 * does when no chunk cuts the sequence */
			json_error(j);
			return p;
		}
		j->utf8_have = r > 0 ? 0 : j->utf8_have + 1;
		j->slen++;
		p++;
	}
	return p;
}

/* Read string bytes from p; return where it stopped. */
static const unsigned char *
json_string(struct json_reader *j, const unsigned char *p,
    const unsigned char *end)
{
	const unsigned char *s, *chunk = j->chunk;
	int len;

	p = json_string_resume(j, p, end);
	if (j->state != J_STRING || p == end)
		return p;
	for (;;) {
		s = p;
		p = plain_run(p, end);
		j->slen += (size_t)(p - s);
		if (p == end) {
			json_save_string(j, chunk, end);
			return p;
		}
		if (*p == '"') {
			json_end_string(j, chunk, p);
			return p + 1;
		}
		if (*p == '\\') {
			j->escaped = 1;
			j->slen += 2;
			if (++p == end) {
				j->in_escape = 1;
				j->slen--;
				json_save_string(j, chunk, end);
				return p;
			}
			if (*p < 0x20) {
				json_error(j);
				return p;
			}
			p++;
			continue;
		}
		if (*p < 0x20 || (len = utf8_sequence(p, (size_t)(end - p))) ==
		    0) {
			json_error(j);
			return p;
		}
		j->escaped = 1;		/* not a key we know */
		if (len < 0) {
			/* cut by the chunk: the next one checks it whole */
			j->utf8_have = (int)(end - p);
			memcpy(j->utf8, p, (size_t)j->utf8_have);
			j->slen += (size_t)(end - p);
			json_save_string(j, chunk, end);
			return end;
		}
		j->slen += (size_t)len;
		p += len;
	}
}

/* A '{' or '['. */
static void
json_open(struct json_reader *j, int c)
{
	struct json_frame *f;

	if (j->depth == JSON_MAX_DEPTH) {
		json_error(j);
		return;
	}
	json_start_value(j);
	if (j->value_of != KEY_NONE)
		json_bad(j, j->value_of, JSON_BAD_CONTAINER, c == '{' ? "{" :
		    "[", 1, 1);
	j->value_of = KEY_NONE;
	f = &j->frame[j->depth++];
	memset(f, 0, sizeof(*f));
	f->kind = (char)c;
	if (c == '{')
		f->order = j->opened++;
}

/* A '}' or ']': close the innermost container; report an object with a
 * code or a subcode. */
static void
json_close(struct json_reader *j, int c)
{
	struct json_frame *f;

	if (j->depth == 0 ||
	    j->frame[j->depth - 1].kind != (c == '}' ? '{' : '[')) {
		json_error(j);
		return;
	}
	f = &j->frame[--j->depth];
	if (c == '}' && (f->has_code || f->has_subcode) &&
	    j->sink.object != NULL) {
		struct json_object o = { f->order, f->code, f->subcode,
			f->has_code, f->has_subcode };

		j->sink.object(j->sink.arg, &o);
	}
	if (j->depth == 0)
		j->values++;
	j->last_string = 0;
	j->pending = KEY_NONE;
}

static int
is_number_char(int c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ||
	    c == 'e' || c == 'E';
}

/* A number or literal ends: give it to its key. */
static void
json_end_scalar(struct json_reader *j, const char *v, size_t len,
    size_t full, int literal)
{
	if (!literal)
		json_value(j, j->value_of, v, len, full, JSON_BAD_NUMBER);
	else if (full == 4 && memcmp(v, "null", 4) == 0)
		;	/* no value: as if the key were not there */
	else if ((full == 4 && memcmp(v, "true", 4) == 0) ||
	    (full == 5 && memcmp(v, "false", 5) == 0)) {
		if (j->value_of != KEY_NONE)
			json_bad(j, j->value_of, JSON_BAD_LITERAL, v, len,
			    full);
	} else {
		j->value_of = KEY_NONE;
		json_error(j);
		return;
	}
	j->value_of = KEY_NONE;
	json_scalar_done(j);
}

/* Continue a number or literal begun in an earlier chunk; return where
 * it stopped. */
static const unsigned char *
json_scalar(struct json_reader *j, const unsigned char *p,
    const unsigned char *end)
{
	int literal = j->state == J_LITERAL;

	while (p < end && (literal ? *p >= 'a' && *p <= 'z' :
	    is_number_char(*p))) {
		if (j->vlen < JSON_VALUE_MAX)
			j->val[j->vlen] = (char)*p;
		j->vlen++;
		p++;
	}
	if (p == end)
		return p;
	j->state = J_OUT;
	json_end_scalar(j, j->val, j->vlen < JSON_VALUE_MAX ? j->vlen :
	    JSON_VALUE_MAX, j->vlen, literal);
	return p;
}

/* A '"' outside a string: the common case is a plain string wholly in
 * the chunk, a key followed by its ':' or a value. */
static const unsigned char *
json_quote(struct json_reader *j, const unsigned char *p,
    const unsigned char *end)
{
	const unsigned char *q = plain_run(p + 1, end);

	if (q < end && *q == '"') {
		const char *text = (const char *)p + 1;
		size_t len = (size_t)(q - p - 1);
		enum key_kind of = j->pending;

		j->pending = KEY_NONE;
		p = q + 1;
		if (of != KEY_NONE) {
			json_value(j, of, text, len < JSON_VALUE_MAX ? len :
			    JSON_VALUE_MAX, len, JSON_BAD_STRING);
			j->last_string = 0;
		} else if (p < end && *p == ':') {
			json_key(j, text, len);
			j->pending = j->key;
			j->last_string = 0;
			p++;
		} else {
			json_key(j, text, len);
			j->last_string = 1;
		}
		json_scalar_done(j);
		return p;
	}
	json_start_value(j);
	j->slen = j->ssaved = 0;
	j->escaped = 0;
	j->sbeg = ++p;
	j->state = J_STRING;
	return p;
}

/* A number or literal starts at p: read it whole if the chunk holds it. */
static const unsigned char *
json_scalar_start(struct json_reader *j, const unsigned char *p,
    const unsigned char *end)
{
	const unsigned char *q;

	if (is_number_char(*p)) {
		for (q = p + 1; q < end && is_number_char(*q); q++)
			continue;
		json_start_value(j);
		if (q < end) {
			size_t full = (size_t)(q - p);

			json_end_scalar(j, (const char *)p, full <
			    JSON_VALUE_MAX ? full : JSON_VALUE_MAX, full, 0);
			return q;
		}
		j->state = J_NUMBER;
	} else if (*p >= 'a' && *p <= 'z') {
		json_start_value(j);
		j->state = J_LITERAL;
	} else {
		json_error(j);
		return p;
	}
	j->vlen = 0;
	return p;
}

/* The tokens of p[0..end) outside strings and scalars begun before. */
static void
json_tokens(struct json_reader *j, const unsigned char *p,
    const unsigned char *end)
{
	const unsigned char *q;

	while (p < end) {
		switch (j->state) {
		case J_SKIP_LINE:
			if ((q = memchr(p, '\n', (size_t)(end - p))) == NULL)
				return;
			p = q + 1;
			json_reset(j);
			j->line_bad = 0;
			continue;
		case J_STRING:
			p = json_string(j, p, end);
			continue;
		case J_NUMBER:
		case J_LITERAL:
			p = json_scalar(j, p, end);
			continue;
		case J_OUT:
			break;
		}
		switch (*p) {
		case '\n':
			j->line_bad = 0;
			/* FALLTHROUGH */
		case ' ':
		case '\t':
		case '\r':
			p++;
			break;
		case '{':
		case '[':
			json_open(j, *p++);
			break;
		case '}':
		case ']':
			json_close(j, *p++);
			break;
		case ',':
			j->last_string = 0;
			j->pending = KEY_NONE;
			p++;
			break;
		case ':':
			if (j->last_string)
				j->pending = j->key;
			j->last_string = 0;
			p++;
			break;
		case '"':
			p = json_quote(j, p, end);
			break;
		default:
			p = json_scalar_start(j, p, end);
		}
	}
}

/* Read the next chunk of the input. */
void
json_feed(struct json_reader *j, const unsigned char *p,
    const unsigned char *end)
{
	j->chunk = p;
	json_tokens(j, p, end);
	/* a string opened by the chunk's last byte has nothing saved yet */
	if (j->state == J_STRING && j->sbeg != NULL)
		json_save_string(j, j->chunk, end);
}

/* The end of the input: an open string or container is a truncated
 * record. */
void
json_finish(struct json_reader *j)
{
	if (j->state == J_NUMBER || j->state == J_LITERAL) {
		int literal = j->state == J_LITERAL;

		j->state = J_OUT;
		json_end_scalar(j, j->val, j->vlen < JSON_VALUE_MAX ? j->vlen :
		    JSON_VALUE_MAX, j->vlen, literal);
	}
	if (j->state == J_STRING || j->depth > 0)
		json_error(j);
}

/* Is the reader between values, with nothing open? */
int
json_idle(const struct json_reader *j)
{
	return (j->state == J_OUT || j->state == J_SKIP_LINE) && j->depth == 0;
}
