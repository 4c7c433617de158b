/*
 * The log scanner: find the code and subcode pairs in a stream and count
 * them.  Three readers share one tally:
 *
 *   JSON, one object a line, pretty-printed or in arrays (CloudEvents): a
 *   small streaming lexer keeps a stack of open objects; an object that
 *   holds a code key ("code", "resultCode", "ParticipantEndReason", any
 *   case) with a number, or a string of digits, is one pair when it closes,
 *   with the subcode key of the same object ("subCode", "resultSubcode",
 *   "ParticipantEndSubCode") if it has one;
 *   CSV with a header row, read with libcsv: the code and subcode columns
 *   of each record;
 *   text: "code=480, subCode=10037", "code: 480 subCode: 10037" or
 *   "480#10076" on a line.
 *
 * Memory is bounded: a fixed read buffer, a capped tally, a capped line
 * (text) or field (CSV).  Malformed lines are skipped and counted.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <csv.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "fold.h"
#include "lookup.h"
#include "query.h"
#include "scan.h"

#define BUF_SIZE ((size_t)128 * 1024)
#define JSON_MAX_DEPTH 64
#define KEY_MAX 24		/* longest key recognised is 21 bytes */
#define VALUE_MAX 15		/* a code or subcode is at most 9 digits */
#define TEXT_LINE_MAX ((size_t)1024 * 1024)
#define CSV_FIELD_MAX ((size_t)1024 * 1024)
#define DETECT_MAX 4096		/* bytes looked at to tell the format */

/* ---- the tally */

void
scan_tally_init(struct scan_tally *t)
{
	memset(t, 0, sizeof(*t));
}

void
scan_tally_free(struct scan_tally *t)
{
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static size_t
slot_of(const struct scan_tally *t, uint32_t code, uint32_t subcode)
{
	uint64_t h = ((uint64_t)code << 32 | subcode) * UINT64_C(0x9e3779b97f4a7c15);
	size_t i = (size_t)(h >> 40) & (t->nslots - 1);

	while (t->slots[i].count != 0 && (t->slots[i].code != code ||
	    t->slots[i].subcode != subcode))
		i = (i + 1) & (t->nslots - 1);
	return i;
}

/* Grow the table to n slots (a power of two), rehashing. */
static int
grow(struct scan_tally *t, size_t n)
{
	struct scan_pair *old = t->slots;
	size_t oldn = t->nslots, i;

	if ((t->slots = calloc(n, sizeof(*t->slots))) == NULL) {
		t->slots = old;
		return -1;
	}
	t->nslots = n;
	for (i = 0; i < oldn; i++)
		if (old[i].count != 0)
			t->slots[slot_of(t, old[i].code, old[i].subcode)] =
			    old[i];
	free(old);
	return 0;
}

/*
 * Is the pair in a table as it is (not only through the generic
 * subcodes)?  There are a few hundred such pairs at most.
 */
static int
documented(uint32_t code, uint32_t subcode)
{
	if (subcode == SCAN_NO_SUBCODE)
		return code_entry(code, ACS_ALL_TABLES) != NULL;
	return lookup_pair_exact(code, subcode, ACS_ALL_TABLES, NULL, 0) > 0;
}

/*
 * Count one pair.  Past SCAN_MAX_PAIRS distinct pairs, a new pair that no
 * table lists as it is is counted in stats.overflow; the documented ones
 * are always counted one by one.  Returns -1 if memory ran out.
 */
int
scan_add(struct scan_tally *t, uint32_t code, uint32_t subcode)
{
	size_t i;

	t->stats.records++;
	if (t->nslots == 0 && grow(t, 64) != 0) {
		t->stats.out_of_memory = 1;
		return -1;
	}
	i = slot_of(t, code, subcode);
	if (t->slots[i].count == 0) {
		if (t->npairs >= SCAN_MAX_PAIRS && !documented(code, subcode)) {
			t->stats.overflow++;
			return 0;
		}
		if (2 * (t->npairs + 1) > t->nslots) {
			if (grow(t, 2 * t->nslots) != 0) {
				t->stats.out_of_memory = 1;
				return -1;
			}
			i = slot_of(t, code, subcode);
		}
		t->slots[i].code = code;
		t->slots[i].subcode = subcode;
		t->npairs++;
	}
	t->slots[i].count++;
	return 0;
}

static int
by_count(const void *a, const void *b)
{
	const struct scan_pair *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	return (x->subcode > y->subcode) - (x->subcode < y->subcode);
}

/* Copy the pairs to out (room for t->npairs), most frequent first. */
size_t
scan_sorted(const struct scan_tally *t, struct scan_pair *out)
{
	size_t i, n = 0;

	for (i = 0; i < t->nslots; i++)
		if (t->slots[i].count != 0)
			out[n++] = t->slots[i];
	qsort(out, n, sizeof(*out), by_count);
	return n;
}

/* ---- shared pieces */

enum key { KEY_NONE, KEY_CODE, KEY_SUBCODE };

static enum key classify_known(const char *, size_t);

/* The first letter of a key we know, by the key's length (the keys are
 * those of query.c; check_core checks the two agree). */
static const char key_first[22] = {
	[4] = 'c', [7] = 's', [10] = 'r', [13] = 'r', [20] = 'p', [21] = 'p',
};

/* What a key names; most keys are rejected by their length and first
 * letter alone. */
static inline enum key
classify(const char *s, size_t len)
{
	if (len >= sizeof(key_first) || key_first[len] == 0 ||
	    (s[0] | 0x20) != key_first[len])
		return KEY_NONE;
	return classify_known(s, len);
}

static enum key
classify_known(const char *s, size_t len)
{
	if (key_is_code(s, len))
		return KEY_CODE;
	return key_is_subcode(s, len) ? KEY_SUBCODE : KEY_NONE;
}

/* A value as a code or subcode: 1 to 9 digits, nothing else. */
static int
value_number(const char *s, size_t len, uint32_t *out)
{
	return parse_digits(s, len, out) == NUMBER_OK ? 0 : -1;
}

/* Length of the valid UTF-8 sequence at s[0..n), 0 if invalid, or -1 if
 * it may be valid but is cut short at n. */
static int
utf8_sequence(const unsigned char *s, size_t n)
{
	size_t need, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		need = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		need = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		need = 4;
	else
		return 0;
	for (i = 1; i < need; i++) {
		if (i >= n)
			return -1;
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	}
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
		return 0;
	return (int)need;
}

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

/* ---- JSON */

enum jstate { J_OUT, J_STRING, J_NUMBER, J_LITERAL, J_SKIP_LINE };

struct jobject {
	uint32_t code, subcode;
	uint8_t has_code, has_subcode;
};

struct json {
	enum jstate state;
	int depth;
	char kind[JSON_MAX_DEPTH];	/* '{' or '[' */
	struct jobject obj[JSON_MAX_DEPTH];
	const unsigned char *sbeg;	/* where the string starts in this
					 * chunk, or NULL if in an earlier one */
	char str[KEY_MAX + 1];		/* its first bytes, kept when a chunk
					 * ends inside it */
	size_t ssaved;			/* how many are kept */
	size_t slen;			/* its length so far */
	int escaped;			/* the string had an escape */
	int in_escape;			/* a backslash ends the last chunk */
	unsigned char utf8[4];		/* a UTF-8 sequence cut by a chunk */
	int utf8_have;			/* its bytes so far */
	enum key key;			/* the last string, as a key */
	int last_string;		/* the last token was a string */
	enum key pending;		/* a known key and ':': the value counts */
	enum key value_of;		/* the string or number being read is
					 * the value of this key */
	char val[VALUE_MAX + 1];
	size_t vlen;
	const unsigned char *chunk;	/* the chunk being read */
	int line_bad;			/* the current line had an error */
};

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
 * else 8 at a time.
 */
static inline const unsigned char *
plain_run(const unsigned char *p, const unsigned char *end)
{
#ifdef __SSE2__
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

static void
json_reset(struct json *j)
{
	j->state = J_OUT;
	j->depth = 0;
	j->pending = j->value_of = j->key = KEY_NONE;
	j->last_string = j->in_escape = j->utf8_have = 0;
}

/* A syntax error: count the line once, skip to its end, start afresh. */
static void
json_error(struct json *j, struct scan_tally *t)
{
	if (!j->line_bad)
		t->stats.skipped++;
	json_reset(j);
	j->line_bad = 1;
	j->state = J_SKIP_LINE;
}

/* Give the value of KEY just read to the innermost object. */
static void
json_value(struct json *j, enum key key, const char *v, size_t len)
{
	struct jobject *o;
	uint32_t n;

	if (key == KEY_NONE || j->depth == 0 ||
	    j->kind[j->depth - 1] != '{' || value_number(v, len, &n) != 0)
		return;
	o = &j->obj[j->depth - 1];
	if (key == KEY_CODE && !o->has_code) {
		o->code = n;
		o->has_code = 1;
	} else if (key == KEY_SUBCODE && !o->has_subcode) {
		o->subcode = n;
		o->has_subcode = 1;
	}
}

/* A value starts: does it belong to a known key? */
static void
json_start_value(struct json *j)
{
	j->value_of = j->pending;
	j->pending = KEY_NONE;
	j->last_string = 0;
}

/* The string ends at q: take it as a value, or remember it as a key. */
static void
json_end_string(struct json *j, const unsigned char *chunk,
    const unsigned char *q)
{
	const char *text = (const char *)j->sbeg;
	size_t n;

	j->state = J_OUT;
	if (j->sbeg == NULL) {
		/* begun in an earlier chunk: complete the copy */
		n = (size_t)(q - chunk);
		if (j->ssaved + n > KEY_MAX)
			n = KEY_MAX - j->ssaved;
		memcpy(j->str + j->ssaved, chunk, n);
		text = j->str;
	}
	if (j->value_of != KEY_NONE) {
		if (!j->escaped && j->slen <= VALUE_MAX)
			json_value(j, j->value_of, text, j->slen);
		j->value_of = KEY_NONE;
		return;
	}
	j->last_string = 1;
	j->key = !j->escaped ? classify(text, j->slen) : KEY_NONE;
}

/* A chunk ends inside a string: keep its first bytes for later. */
static void
json_save_string(struct json *j, const unsigned char *chunk,
    const unsigned char *end)
{
	const unsigned char *from = j->sbeg != NULL ? j->sbeg : chunk;
	size_t n = (size_t)(end - from);

	if (j->ssaved + n > KEY_MAX)
		n = KEY_MAX - j->ssaved;
	memcpy(j->str + j->ssaved, from, n);
	j->ssaved += n;
	j->sbeg = NULL;
}

/* Read string bytes from p; return where it stopped. */
static const unsigned char *
json_string(struct json *j, const unsigned char *p, const unsigned char *end,
    struct scan_tally *t)
{
	const unsigned char *s, *chunk = j->chunk;
	int len;

	if (j->in_escape) {
		j->in_escape = 0;
		if (*p < 0x20) {
			json_error(j, t);
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
			/* the byte is not consumed: a newline still ends the
			 * line, as it does when no chunk cuts the sequence */
			json_error(j, t);
			return p;
		}
		j->utf8_have = r > 0 ? 0 : j->utf8_have + 1;
		j->slen++;
		p++;
	}
	if (p == end)
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
				json_error(j, t);
				return p;
			}
			p++;
			continue;
		}
		if (*p < 0x20) {
			json_error(j, t);
			return p;
		}
		if ((len = utf8_sequence(p, (size_t)(end - p))) == 0) {
			json_error(j, t);
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

/* A '}' or ']': close the innermost container; an object with a code is
 * a pair. */
static void
json_close(struct json *j, int c, struct scan_tally *t)
{
	struct jobject *o;

	if (j->depth == 0 || j->kind[j->depth - 1] != (c == '}' ? '{' : '[')) {
		json_error(j, t);
		return;
	}
	j->depth--;
	o = &j->obj[j->depth];
	if (c == '}' && o->has_code)
		scan_add(t, o->code, o->has_subcode ? o->subcode :
		    SCAN_NO_SUBCODE);
	j->last_string = 0;
	j->pending = KEY_NONE;
}

static int
is_literal(const char *s, size_t len)
{
	return (len == 4 && (memcmp(s, "true", 4) == 0 ||
	    memcmp(s, "null", 4) == 0)) || (len == 5 &&
	    memcmp(s, "false", 5) == 0);
}

static int
is_number_char(int c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ||
	    c == 'e' || c == 'E';
}

static void json_tokens(struct json *, const unsigned char *,
    const unsigned char *, struct scan_tally *);

static void
json_chunk(struct json *j, const unsigned char *p, const unsigned char *end,
    struct scan_tally *t)
{
	j->chunk = p;
	json_tokens(j, p, end, t);
	/* a string opened by the chunk's last byte has nothing saved yet */
	if (j->state == J_STRING && j->sbeg != NULL)
		json_save_string(j, j->chunk, end);
}

static void
json_tokens(struct json *j, const unsigned char *p, const unsigned char *end,
    struct scan_tally *t)
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
			p = json_string(j, p, end, t);
			continue;
		case J_NUMBER:
			while (p < end && is_number_char(*p)) {
				if (j->vlen <= VALUE_MAX)
					j->val[j->vlen] = (char)*p;
				j->vlen++;
				p++;
			}
			if (p == end)
				return;
			if (j->vlen <= VALUE_MAX)
				json_value(j, j->value_of, j->val, j->vlen);
			j->value_of = KEY_NONE;
			j->state = J_OUT;
			continue;
		case J_LITERAL:
			while (p < end && *p >= 'a' && *p <= 'z') {
				if (j->vlen < VALUE_MAX)
					j->val[j->vlen] = (char)*p;
				j->vlen++;
				p++;
			}
			if (p == end)
				return;
			j->value_of = KEY_NONE;
			j->state = J_OUT;
			if (!is_literal(j->val, j->vlen))
				json_error(j, t);
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
			if (j->depth == JSON_MAX_DEPTH) {
				json_error(j, t);
				break;
			}
			json_start_value(j);
			j->kind[j->depth] = (char)*p;
			memset(&j->obj[j->depth], 0, sizeof(j->obj[0]));
			j->depth++;
			j->value_of = KEY_NONE;
			p++;
			break;
		case '}':
		case ']':
			json_close(j, *p, t);
			p++;
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
			/* the common case: a plain string wholly in the chunk,
			 * a key followed by its ':' or a value */
			if ((q = plain_run(p + 1, end)) < end && *q == '"') {
				const char *text = (const char *)p + 1;
				size_t len = (size_t)(q - p - 1);
				enum key of = j->pending;

				j->pending = KEY_NONE;
							p = q + 1;
				if (of != KEY_NONE) {
					json_value(j, of, text, len);
					j->last_string = 0;
				} else if (p < end && *p == ':') {
					j->pending = classify(text, len);
					j->last_string = 0;
					p++;
				} else {
					j->key = classify(text, len);
					j->last_string = 1;
				}
				break;
			}
			json_start_value(j);
			j->slen = j->ssaved = 0;
			j->escaped = 0;
			j->sbeg = ++p;
			j->state = J_STRING;
			break;
		default:
			if (is_number_char(*p)) {
				/* the common case: a number wholly in the chunk */
				for (q = p + 1; q < end && is_number_char(*q); q++)
					continue;
				if (q < end) {
					json_value(j, j->pending, (const char *)p,
					    (size_t)(q - p));
					j->pending = KEY_NONE;
					j->last_string = 0;
									p = q;
					break;
				}
				json_start_value(j);
				j->state = J_NUMBER;
				j->vlen = 0;
			} else if (*p >= 'a' && *p <= 'z') {
				json_start_value(j);
				j->state = J_LITERAL;
				j->vlen = 0;
			} else
				json_error(j, t);
		}
	}
}

/* At the end of the input: an open string or object is a truncated
 * record. */
static void
json_end(struct json *j, struct scan_tally *t)
{
	if (j->state == J_NUMBER) {
		if (j->vlen <= VALUE_MAX)
			json_value(j, j->value_of, j->val, j->vlen);
		j->state = J_OUT;
	} else if (j->state == J_LITERAL) {
		j->state = J_OUT;
		if (!is_literal(j->val, j->vlen))
			json_error(j, t);
	}
	if (j->state == J_STRING || j->depth > 0)
		json_error(j, t);
}

/* ---- text */

/*
 * The pairs of a line of text: "code=480, subCode=10037" (any case, '='
 * or ':', values maybe quoted), or "480#10076".  A pair needs both.
 */
static void
text_line(const char *s, size_t n, struct scan_tally *t)
{
	const char *p = s, *end = s + n, *key, *v;
	uint32_t code = 0, subcode = 0, a, b;
	int has_code = 0, has_subcode = 0;
	enum key k;
	size_t vlen;

	while (p < end) {
		if (*p == '#' && p > s && p[-1] >= '0' && p[-1] <= '9') {
			const char *c0 = p, *d0 = p + 1, *d1;

			while (c0 > s && c0[-1] >= '0' && c0[-1] <= '9')
				c0--;
			for (d1 = d0; d1 < end && *d1 >= '0' && *d1 <= '9'; d1++)
				continue;
			if ((c0 == s || !is_word_byte((unsigned char)c0[-1])) &&
			    (d1 == end || !is_word_byte((unsigned char)*d1)) &&
			    value_number(c0, (size_t)(p - c0), &a) == 0 &&
			    value_number(d0, (size_t)(d1 - d0), &b) == 0)
				scan_add(t, a, b);
			p = d1;
			continue;
		}
		if (!is_word_byte((unsigned char)*p) || (p > s &&
		    is_word_byte((unsigned char)p[-1]))) {
			p++;
			continue;
		}
		for (key = p; p < end && is_word_byte((unsigned char)*p); p++)
			continue;
		if ((k = classify(key, (size_t)(p - key))) == KEY_NONE)
			continue;
		for (v = p; v < end && (*v == ' ' || *v == '\t' || *v == '"' ||
		    *v == '\''); v++)
			continue;
		if (v == end || (*v != '=' && *v != ':'))
			continue;
		for (v++; v < end && (*v == ' ' || *v == '\t' || *v == '"' ||
		    *v == '\''); v++)
			continue;
		for (vlen = 0; v + vlen < end && v[vlen] >= '0' &&
		    v[vlen] <= '9'; vlen++)
			continue;
		if (k == KEY_CODE && value_number(v, vlen, &a) == 0) {
			code = a;
			has_code = 1;
		} else if (k == KEY_SUBCODE && value_number(v, vlen, &a) == 0) {
			subcode = a;
			has_subcode = 1;
		}
		if (has_code && has_subcode) {
			scan_add(t, code, subcode);
			has_code = has_subcode = 0;
		}
		p = v + vlen;
	}
}

struct text {
	char *line;
	size_t len;
	int too_long;
};

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

static int
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

/* ---- CSV */

struct csvscan {
	struct scan_tally *t;
	int header;		/* reading the header row */
	long code_col, subcode_col;
	long col;		/* the field being read */
	uint32_t code, subcode;
	int has_code, has_subcode;
	int bad;		/* a code or subcode that is not a number */
};

/* A column name without surrounding spaces and a " [UTC]" suffix. */
static enum key
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
	return classify(s, len);
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
		if (value_number(s, len, &n) != 0)
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
	return size > CSV_FIELD_MAX + BUF_SIZE ? NULL : realloc(p, size);
}

/* ---- reading */

enum scan_format
scan_detect(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl, *f;
	size_t n;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'))
		p++;
	if (p < end && (*p == '{' || *p == '['))
		return SCAN_JSON;
	nl = memchr(p, '\n', (size_t)(end - p));
	end = nl != NULL ? nl : end;
	/* a CSV header names a code column between commas */
	for (f = p; f < end; f += n + 1) {
		n = (size_t)((memchr(f, ',', (size_t)(end - f)) != NULL ?
		    (const char *)memchr(f, ',', (size_t)(end - f)) : end) - f);
		if (n > 1 && f[0] == '"' && f[n - 1] == '"') {
			if (column_key(f + 1, n - 2) == KEY_CODE &&
			    memchr(p, ',', (size_t)(end - p)) != NULL)
				return SCAN_CSV;
		} else if (column_key(f, n) == KEY_CODE &&
		    memchr(p, ',', (size_t)(end - p)) != NULL)
			return SCAN_CSV;
	}
	return SCAN_TEXT;
}

/* The state of one input being scanned. */
struct scanner {
	enum scan_format format;
	struct scan_tally *t;
	struct json *j;
	struct text x;
	struct csv_parser csvp;
	struct csvscan c;
	int started;		/* the format is known, the reader set up */
	int last_nl;		/* the input so far ends with a newline */
	int csv_skip;		/* skipping the rest of a record with a field
				 * too long: 1 in quotes, 2 after a quote
				 * in quotes, 3 outside quotes */
	char head[DETECT_MAX];	/* the input's start, until it shows the
				 * format: a first line, or DETECT_MAX */
	size_t nhead;
};

static void
scanner_init(struct scanner *s, enum scan_format format, struct scan_tally *t)
{
	memset(s, 0, sizeof(*s));
	s->format = format;
	s->t = t;
	s->c.t = t;
	s->c.header = 1;
	s->c.code_col = s->c.subcode_col = -1;
	s->last_nl = 1;
}

static int
csv_start(struct scanner *s)
{
	if (csv_init(&s->csvp, CSV_APPEND_NULL) != 0)
		return -1;
	csv_set_realloc_func(&s->csvp, csv_capped_realloc);
	return 0;
}

/* Tell the format from the start of the input and set its reader up. */
/*
 * Does the first line of buf[0..n) read as JSON?  A line of text may
 * start with '[' or '{' too: "[2024-05-01T10:00:00Z] code=480 ...".
 */
static int
first_line_is_json(const char *buf, size_t n)
{
	const char *nl = memchr(buf, '\n', n);
	struct scan_tally t;
	struct json *j;
	int ok;

	if ((j = calloc(1, sizeof(*j))) == NULL)
		return 1;
	scan_tally_init(&t);
	json_chunk(j, (const unsigned char *)buf, (const unsigned char *)buf +
	    (nl != NULL ? (size_t)(nl - buf) + 1 : n), &t);
	ok = t.stats.skipped == 0;
	scan_tally_free(&t);
	free(j);
	return ok;
}

static int
scanner_start(struct scanner *s, const char *buf, size_t n)
{
	if (s->format == SCAN_AUTO) {
		s->format = scan_detect(buf, n);
		if (s->format == SCAN_JSON && !first_line_is_json(buf, n))
			s->format = SCAN_TEXT;
	}
	if (s->format == SCAN_JSON &&
	    (s->j = calloc(1, sizeof(*s->j))) == NULL)
		return -1;
	if (s->format == SCAN_CSV && csv_start(s) != 0)
		return -1;
	s->started = 1;
	return 0;
}

/*
 * Skip what is left of a record after a field too long for libcsv,
 * following its quotes; return how many bytes of buf[0..n) that was.
 */
static size_t
csv_skip(struct scanner *s, const char *buf, size_t n)
{
	size_t i;

	for (i = 0; i < n && s->csv_skip != 0; i++) {
		char ch = buf[i];

		if (s->csv_skip == 1)
			s->csv_skip = ch == '"' ? 2 : 1;
		else if (s->csv_skip == 2)
			s->csv_skip = ch == '"' ? 1 : ch == '\n' ? 0 : 3;
		else if (ch == '"')
			s->csv_skip = 1;
		else if (ch == '\n')
			s->csv_skip = 0;
	}
	return i;
}

static int
csv_chunk(struct scanner *s, const char *buf, size_t n)
{
	size_t done = 0, used;

	while (done < n) {
		if (s->csv_skip != 0) {
			done += csv_skip(s, buf + done, n - done);
			continue;
		}
		used = csv_parse(&s->csvp, buf + done, n - done, csv_field,
		    csv_record, &s->c);
		if (used == n - done)
			return 0;
		/* a field too long: count the record once, skip the rest
		 * of it, and start a new parser after it */
		s->t->stats.skipped++;
		s->csv_skip = s->csvp.quoted ? 1 : 3;
		csv_free(&s->csvp);
		if (csv_start(s) != 0)
			return -1;
		csv_next_record(&s->c);
		done += used;
	}
	return 0;
}

static int
scanner_read(struct scanner *s, const char *buf, size_t n)
{
	struct scan_tally *t = s->t;

	t->stats.lines += count_lines(buf, n);
	s->last_nl = buf[n - 1] == '\n';
	switch (s->format) {
	case SCAN_JSON:
		json_chunk(s->j, (const unsigned char *)buf,
		    (const unsigned char *)buf + n, t);
		return 0;
	case SCAN_CSV:
		return csv_chunk(s, buf, n);
	default:
		return text_chunk(&s->x, buf, buf + n, t);
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
scanner_start_head(struct scanner *s)
{
	size_t skip = s->nhead >= 3 && memcmp(s->head, "\xef\xbb\xbf", 3) == 0 ?
	    3 : 0;

	if (scanner_start(s, s->head + skip, s->nhead - skip) != 0)
		return -1;
	return s->nhead > skip ? scanner_read(s, s->head + skip,
	    s->nhead - skip) : 0;
}

/*
 * Scan the next n bytes of the input.  The first bytes are held until
 * they show the format (a whole first line, or DETECT_MAX bytes).
 * Returns -1 if memory ran out.
 */
static int
scanner_feed(struct scanner *s, const char *buf, size_t n)
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
		if (scanner_start_head(s) != 0)
			return -1;
		buf += take;
		n -= take;
		if (n == 0)
			return 0;
	}
	return scanner_read(s, buf, n);
}

/* The end of the input: a truncated last record is counted, memory
 * freed. */
static void
scanner_finish(struct scanner *s)
{
	if (!s->started && s->nhead > 0 && scanner_start_head(s) != 0)
		s->t->stats.skipped++;	/* out of memory: say it was lost */
	if (!s->last_nl)
		s->t->stats.lines++;	/* a last line without a newline */
	if (s->started) {
		if (s->format == SCAN_JSON)
			json_end(s->j, s->t);
		else if (s->format == SCAN_CSV) {
			csv_fini(&s->csvp, csv_field, csv_record, &s->c);
			csv_free(&s->csvp);
		} else if (s->x.len > 0 || s->x.too_long)
			text_flush(&s->x, s->t);
	}
	free(s->j);
	free(s->x.line);
	s->j = NULL;
	s->x.line = NULL;
	s->started = 0;
}

/* read(2), again if a signal interrupts it. */
static ssize_t
read_retry(int fd, char *buf, size_t size)
{
	ssize_t n;

	while ((n = read(fd, buf, size)) == -1 && errno == EINTR)
		continue;
	return n;
}

/*
 * Scan everything readable from fd into the tally.  Returns 0, or -1 with
 * errno set if reading failed (what was read is counted).
 */
int
scan_fd(int fd, enum scan_format format, struct scan_tally *t)
{
	struct scanner s;
	char *buf;
	ssize_t n;
	int rc = 0, saved = 0;

	if ((buf = malloc(BUF_SIZE)) == NULL)
		return -1;
	scanner_init(&s, format, t);
	while ((n = read_retry(fd, buf, BUF_SIZE)) > 0)
		if ((rc = scanner_feed(&s, buf, (size_t)n)) != 0) {
			saved = ENOMEM;
			break;
		}
	if (n < 0) {
		rc = -1;
		saved = errno;
	}
	scanner_finish(&s);
	free(buf);
	if (rc == 0 && t->stats.out_of_memory) {
		rc = -1;
		saved = ENOMEM;
	}
	if (saved != 0)
		errno = saved;
	return rc;
}

/*
 * Scan buf[0..n) as if read chunk bytes at a time (for tests: any
 * chunking must count the same).  Returns -1 if memory ran out.
 */
int
scan_buffer(const char *buf, size_t n, size_t chunk, enum scan_format format,
    struct scan_tally *t)
{
	struct scanner s;
	size_t i, len;
	int rc = 0;

	scanner_init(&s, format, t);
	for (i = 0; i < n && rc == 0; i += len) {
		len = n - i < chunk ? n - i : chunk;
		rc = scanner_feed(&s, buf + i, len);
	}
	scanner_finish(&s);
	return rc;
}
