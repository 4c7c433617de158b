/*
 * The streaming JSON reader (see json.h).  It keeps a stack of open
 * containers and, for each open object, its code and subcode so far; it
 * looks at a string only to tell a known key, and at a value only when it
 * belongs to one.  Plain string bytes are skipped 8 or 16 at a time;
 * bytes of 0x80 and above are string bytes like any other (a Latin-1 user
 * name does not hide the pair of its record).  It stops, for its caller
 * to decide, at a syntax error and at what cannot start a value outside
 * one.  No I/O, no allocation.
 */
#include <limits.h>
#include <string.h>
#include <strings.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "json.h"

/*
 * The reader's hot path is one function: the compiler is told so.  It
 * starts a cache line, so that its speed does not change with the size of
 * the code before it (by 2% either way, measured on --scan).
 */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define HOT_LOOP __attribute__((aligned(64)))
#else
#define ALWAYS_INLINE inline
#define HOT_LOOP
#endif
#include "lookup.h"
#include "timeparse.h"
#include "utf8.h"

/*
 * Which of the 8 bytes of v end a run of plain string bytes: a quote, a
 * backslash or a control character?  The high bit of each such byte is
 * set in the result, exactly (no carries cross bytes: the sums stay below
 * 0x100).
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

	return byte_is(v, '"') | byte_is(v, '\\') | below_space;
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
 * bytes at a time with SSE2 where there is SSE2, else 8 at a time.
 * ACSDIAG_PORTABLE builds the portable path alone.
 */
static ALWAYS_INLINE const unsigned char *
plain_run(const unsigned char *p, const unsigned char *end)
{
#if defined(__SSE2__) && !defined(ACSDIAG_PORTABLE)
	const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\');
	const __m128i ctrl = _mm_set1_epi8(0x1f);

	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		int m = _mm_movemask_epi8(_mm_or_si128(_mm_or_si128(
		    _mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bslash)),
		    _mm_cmpeq_epi8(_mm_max_epu8(v, ctrl), ctrl)));

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
	while (p < end && *p >= 0x20 && *p != '"' && *p != '\\')
		p++;
	return p;
}

void
json_init(struct json_reader *j, const struct json_sink *sink)
{
	memset(j, 0, sizeof(*j));
	j->sink = *sink;
	j->state = J_OUT;
	j->line_start = 1;
}

/*
 * Name a key for the reader to look for, beyond KEY_LIST: a count (which
 * then replaces KEY_LIST's), a time field of a rank, a field of --by of an
 * index, or the "properties" object whose fields are the record's.
 * Returns -1 if there are too many.
 */
int
json_name(struct json_reader *j, const char *name, enum key_kind kind,
    int rank)
{
	struct json_name *n;

	if (j->nnames == JSON_MAX_NAMES)
		return -1;
	n = &j->names[j->nnames++];
	n->name = name;
	n->len = strlen(name);
	n->kind = kind;
	n->rank = rank;
	if (n->len > 0) {
		j->names_first |= KEY_BIT(n->len,
		    (unsigned char)(name[0] | 0x20));
		j->names_last |= KEY_BIT(n->len,
		    (unsigned char)(name[n->len - 1] | 0x20));
	}
	if (kind == KEY_COUNT)
		j->count_named = 1;
	return 0;
}

/*
 * Forget the values and records open, as after an error: a fresh start,
 * at the start of a line.  The pairs of the records open are dropped.
 */
void
json_reset(struct json_reader *j)
{
	j->state = J_OUT;
	j->expect = X_VALUE;
	j->depth = 0;
	j->nrec = 0;
	j->pending = j->value_of = j->key = KEY_NONE;
	j->in_escape = 0;
	j->line_start = 1;
}

/* Is the reader between values, with nothing open? */
int
json_idle(const struct json_reader *j)
{
	return j->state == J_OUT && j->depth == 0;
}

/* May a value start now? */
static inline int
json_expects_value(const struct json_reader *j)
{
	return j->depth == 0 || j->expect == X_VALUE ||
	    j->expect == X_VALUE_OR_CLOSE;
}

/* Report a value of a known key that is not what it should be. */
static void
json_bad(struct json_reader *j, enum key_kind kind, enum json_bad_kind what,
    const char *v, size_t len, size_t full)
{
	struct json_bad b = { what, kind, j->keytext, j->keylen, v,
		len < JSON_VALUE_MAX ? len : JSON_VALUE_MAX, full > len ||
		len > JSON_VALUE_MAX };

	if (j->sink.bad != NULL)
		j->sink.bad(j->sink.arg, &b);
}

/* The record the pairs read now belong to, or NULL outside any. */
static inline struct json_pending *
json_record_now(struct json_reader *j)
{
	return j->nrec > 0 ? &j->rec[j->nrec - 1] : NULL;
}

/* Report the pairs of a record, and forget them. */
static void
json_report(struct json_reader *j, struct json_pending *r, int more)
{
	struct json_record rec = { r->hits, r->nhits, r->has_weight ?
		r->weight : 1, r->bad, r->time, r->has_time, r->fields };

	if (j->sink.record != NULL && (r->nhits > 0 || !r->records || r->bad))
		j->sink.record(j->sink.arg, &rec);
	j->top_reported = 1;
	r->nhits = 0;
	r->records = more;	/* what follows its first pairs is no loss */
}

/* A pair of the record being read. */
static void
json_hit(struct json_reader *j, uint32_t code, int has_subcode,
    uint32_t subcode)
{
	struct json_pending *r = json_record_now(j);

	if (r == NULL)
		return;
	if (r->nhits == JSON_MAX_HITS)
		json_report(j, r, 1);
	r->hits[r->nhits].code = code;
	r->hits[r->nhits++].subcode = has_subcode ? subcode : JSON_NO_SUBCODE;
}

/* A record starts with the container at depth j->depth. */
static void
json_record_open(struct json_reader *j)
{
	struct json_pending *r = &j->rec[j->nrec++];

	if (j->nrec > 1)
		j->rec[j->nrec - 2].records++;
	r->nhits = 0;
	r->weight = 0;
	r->has_weight = r->bad = r->records = 0;
	r->depth = j->depth;
	r->has_time = 0;
	r->time_rank = INT_MAX;
	for (int i = 0; i < JSON_MAX_FIELDS; i++)
		r->fields[i].present = 0;
	j->frame[j->depth - 1].record = 1;
}

/* Read v[0..len), of a value full bytes long, as the record's count
 * (parse_count's rule); one that is not makes the record bad. */
static void
json_count(struct json_reader *j, const char *v, size_t len, size_t full)
{
	struct json_pending *r = json_record_now(j);

	/* the count of the record's own object or row, not of one within */
	if (r == NULL || r->has_weight || r->depth != j->depth)
		return;
	r->has_weight = 1;
	if (full != len || parse_count(v, len, &r->weight) != 0)
		r->bad = 1;
}

/* json_classify with names of the caller's; sets j->key_rank. */
static enum key_kind
json_classify_named(struct json_reader *j, const char *s, size_t len)
{
	enum key_kind k;

	if (key_masks_have(j->names_first, j->names_last, s, len))
		for (int i = 0; i < j->nnames; i++) {
			const struct json_name *n = &j->names[i];

			if (n->len == len &&
			    strncasecmp(s, n->name, len) == 0) {
				j->key_rank = n->rank;
				return n->kind;
			}
		}
	k = key_kind(s, len);
	return k == KEY_COUNT && j->count_named ? KEY_NONE : k;
}

/* What the key s[0..len) names: the caller's names first (a count of its
 * own replaces the list's). */
static inline enum key_kind
json_classify(struct json_reader *j, const char *s, size_t len)
{
	if (j->nnames > 0 && len > 0)
		return json_classify_named(j, s, len);
	return key_kind(s, len);
}

/* What column c of json_frame.col (JSON_COL_*) holds. */
static enum key_kind
column_kind(int c)
{
	static const enum key_kind fixed[JSON_COL_FIELD] = {
		KEY_CODE, KEY_SUBCODE, KEY_COUNT, KEY_TIME,
	};

	return c < JSON_COL_FIELD ? fixed[c] : KEY_FIELD;
}

/* The name of a column of a query API table: where its code, subcode,
 * count, time and fields are. */
static void
json_column(struct json_reader *j, const char *v, size_t len)
{
	enum key_kind k;
	struct json_frame *table;
	int c, rank = 0;

	if (j->depth < 3 || j->frame[j->depth - 1].role != ROLE_COLUMN ||
	    j->frame[j->depth - 2].index > INT16_MAX)
		return;		/* (a column past 32767 is not looked at) */
	j->key_rank = 0;
	k = json_classify(j, v, len);
	if (k == KEY_TIME || k == KEY_FIELD) {
		rank = j->key_rank;
		if (k == KEY_FIELD && (rank < 0 || rank >= JSON_MAX_FIELDS))
			return;
		c = k == KEY_TIME ? JSON_COL_TIME : JSON_COL_FIELD + rank;
	} else {
		for (c = 0; c < JSON_COL_TIME && column_kind(c) != k; c++)
			continue;
		if (c == JSON_COL_TIME)
			return;
	}
	table = &j->frame[j->depth - 3];
	if (k == KEY_TIME && table->col[c] >= 0 && table->time_rank <= rank)
		return;
	if (table->col[c] < 0 || k == KEY_TIME) {
		table->col[c] = (int16_t)j->frame[j->depth - 2].index;
		if (k == KEY_TIME)
			table->time_rank = (int16_t)rank;
	}
}

/* Is the value being read the record's own: in its object or row, or in
 * its "properties" object? */
static struct json_pending *
json_own(struct json_reader *j)
{
	struct json_pending *r = json_record_now(j);

	if (r == NULL)
		return NULL;
	if (j->depth == r->depth || (j->depth == r->depth + 1 &&
	    j->frame[j->depth - 1].role == ROLE_PROPERTIES))
		return r;
	return NULL;
}

/* A time field's value: the record's time if it ranks first so far. */
static void
json_time(struct json_reader *j, const char *v, size_t len, size_t full)
{
	struct json_pending *r = json_own(j);

	if (r == NULL || j->value_rank >= r->time_rank)
		return;
	r->time_rank = j->value_rank;
	r->has_time = full == len && parse_time(v, len, &r->time) == 0;
}

/* The value of the hex digits s[0..4) of a \uXXXX, or -1 if they are
 * not; -2 if s[0..n) (n < 4) is cut short before them. */
static long
hex4(const char *s, size_t n)
{
	long u = 0;

	for (size_t i = 0; i < 4; i++) {
		int c;

		if (i == n)
			return -2;
		c = s[i] | 0x20;
		if (s[i] >= '0' && s[i] <= '9')
			u = u << 4 | (s[i] - '0');
		else if (c >= 'a' && c <= 'f')
			u = u << 4 | (c - 'a' + 10);
		else
			return -1;
	}
	return u;
}

/*
 * The character of the escape s[0..n) starts with (s[0] is a backslash),
 * *len the bytes it takes: a surrogate pair is one, a lone surrogate
 * U+FFFD.  -1 if it is none of JSON's (to be taken as written); -2 if it
 * may be one cut short at n and cut is set (s holds the string's first
 * bytes only).
 */
static long
json_escape(const char *s, size_t n, int cut, size_t *len)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char *e;
	long u, lo;

	if (n < 2)
		return cut ? -2 : -1;
	if (s[1] != 'u') {
		if ((e = memchr(from, s[1], sizeof(from) - 1)) == NULL)
			return -1;
		*len = 2;
		return to[e - from];
	}
	if ((u = hex4(s + 2, n - 2)) < 0)
		return u == -2 && cut ? -2 : -1;
	*len = 6;
	if (u < 0xd800 || u > 0xdfff)
		return u;
	if (u >= 0xdc00)
		return 0xfffd;		/* a low surrogate first */
	/* a high one: with the low one after it, one character */
	if (n >= 8 && s[6] == '\\' && s[7] == 'u')
		lo = hex4(s + 8, n - 8);
	else
		lo = n == 6 || (n == 7 && s[6] == '\\') ? -2 : -1;
	if (lo >= 0xdc00 && lo <= 0xdfff) {
		*len = 12;
		return 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
	}
	return lo == -2 && cut ? -2 : 0xfffd;
}

/* Put the UTF-8 of code point c at out[*n], if it fits before cap:
 * returns 0, or -1 if it does not. */
static int
put_utf8(char *out, size_t *n, size_t cap, unsigned long c)
{
	unsigned char b[4];
	size_t k = utf8_encode(c, b);

	if (*n + k > cap)
		return -1;
	memcpy(out + *n, b, k);
	*n += k;
	return 0;
}

/*
 * The bytes of a JSON string, s[0..n), with their escapes decoded, into
 * out[0..cap): returns the length.  cut: s holds only the string's first
 * bytes, and an escape cut short at its end is dropped.  Other bytes are
 * copied as they are.
 */
static size_t
json_unescape(const char *s, size_t n, int cut, char *out, size_t cap)
{
	size_t i = 0, o = 0, k = 0;
	long c;

	while (i < n) {
		c = s[i] == '\\' ? json_escape(s + i, n - i, cut, &k) : -1;
		if (c == -2)
			break;
		if (c == -1) {
			if (o == cap)
				break;
			out[o++] = s[i++];
		} else if (put_utf8(out, &o, cap, (unsigned long)c) == 0)
			i += k;
		else
			break;
	}
	return o;
}

/* A field's value is the same however the input is cut into chunks. */
_Static_assert(JSON_FIELD_MAX <= JSON_SAVE_MAX, "a field's value is kept");

/*
 * A field of --by: the first value of the record's is kept, a string's
 * escapes decoded (escaped set) from its first JSON_SAVE_MAX bytes, as
 * many as the reader keeps however the input is cut.
 */
static void
json_field(struct json_reader *j, const char *v, size_t len, size_t full,
    int escaped)
{
	struct json_pending *r = json_own(j);
	struct json_field *f;

	if (r == NULL || j->value_rank < 0 ||
	    j->value_rank >= JSON_MAX_FIELDS)
		return;
	f = &r->fields[j->value_rank];
	if (f->present || full == 0)
		return;		/* the first value; "" is none */
	f->present = 1;
	if (escaped) {
		if (len > JSON_SAVE_MAX)
			len = JSON_SAVE_MAX;
		f->len = json_unescape(v, len, full > len, f->value,
		    JSON_FIELD_MAX);
		return;
	}
	f->len = len < JSON_FIELD_MAX ? len : JSON_FIELD_MAX;
	memcpy(f->value, v, f->len);
}

/*
 * Give the value of KEY just read, v[0..len) of a value full bytes long,
 * to the innermost object or row: a code or subcode is a number of 1 to 9
 * digits, written as a number or a string.
 */
static void
json_value(struct json_reader *j, enum key_kind key, const char *v,
    size_t len, size_t full, enum json_bad_kind what)
{
	struct json_frame *o;
	uint32_t n;

	if (key == KEY_NONE || j->depth == 0)
		return;
	if (key == KEY_TIME) {
		json_time(j, v, len, full);
		return;
	}
	if (key == KEY_FIELD) {
		json_field(j, v, len, full, 0);
		return;
	}
	if (key == KEY_NAME) {
		json_column(j, v, full == len ? len : 0);
		return;
	}
	if (len > JSON_VALUE_MAX)
		len = JSON_VALUE_MAX;
	o = &j->frame[j->depth - 1];
	if (key == KEY_COUNT) {
		json_count(j, v, len, full);
		return;
	}
	if ((key != KEY_CODE && key != KEY_SUBCODE) ||
	    (o->kind != '{' && o->role != ROLE_ROW))
		return;
	if (full != len || parse_digits(v, len, &n) != NUMBER_OK) {
		json_bad(j, key, what, v, len, full);
		return;
	}
	if (key == KEY_CODE && !o->has_code) {
		o->code = n;
		o->has_code = 1;
	} else if (key == KEY_SUBCODE && !o->has_subcode) {
		o->subcode = n;
		o->has_subcode = 1;
	}
}

/* In a row of a query API table, the column looked for (JSON_COL_*) that
 * the value starting now is in, or -1. */
static int
json_row_column(const struct json_reader *j)
{
	const struct json_frame *t = &j->frame[j->depth - 3];
	uint32_t i = j->frame[j->depth - 1].index;

	for (int c = 0; c < JSON_COLUMNS; c++)
		if (t->col[c] >= 0 && (uint32_t)t->col[c] == i)
			return c;
	return -1;
}

/* What a value starting now is the value of: its key, or, in a row of a
 * query API table, its column. */
static inline enum key_kind
json_value_key(const struct json_reader *j)
{
	int c;

	if (j->depth < 3 || j->frame[j->depth - 1].role != ROLE_ROW)
		return j->pending;
	c = json_row_column(j);
	return c < 0 ? KEY_NONE : column_kind(c);
}

/* The rank of the value starting now in a row, a time's or a field's:
 * that of its column. */
static int
json_row_rank(const struct json_reader *j)
{
	int c = json_row_column(j);

	return c == JSON_COL_TIME ? j->frame[j->depth - 3].time_rank :
	    c - JSON_COL_FIELD;
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
	j->value_of = json_value_key(j);
	if (j->value_of >= KEY_TIME)
		j->value_rank = j->frame[j->depth - 1].role == ROLE_ROW ?
		    json_row_rank(j) : j->key_rank;
	j->pending = KEY_NONE;
}

/* The string s[0..len) may be a key: remember what it names, and how it
 * is written if it names something. */
static ALWAYS_INLINE void
json_key(struct json_reader *j, const char *s, size_t len)
{
	j->key = len <= JSON_KEY_MAX ? json_classify(j, s, len) : KEY_NONE;
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
		if (j->escaped && (j->value_of == KEY_CODE ||
		    j->value_of == KEY_SUBCODE) && j->depth > 0 &&
		    j->frame[j->depth - 1].kind == '{')
			json_bad(j, j->value_of, JSON_BAD_STRING, text, kept,
			    j->slen);	/* an escape is no plain number */
		else if (!j->escaped)
			json_value(j, j->value_of, text, kept, j->slen,
			    JSON_BAD_STRING);
		else if (j->value_of == KEY_FIELD)
			json_field(j, text, kept, j->slen, 1);
		j->value_of = KEY_NONE;
	}
	if (!j->str_is_key) {
		j->expect = X_COMMA_OR_CLOSE;
		json_scalar_done(j);
		return;
	}
	j->expect = X_COLON;
	if (j->escaped)
		j->key = KEY_NONE;
	else
		json_key(j, text, j->slen);
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

/* A syntax error at p: stop there. */
static const unsigned char *
json_error(struct json_reader *j, const unsigned char *p)
{
	j->stop = JSON_ERROR;
	return p;
}

/* Read string bytes from p; return where it stopped. */
static const unsigned char *
json_string(struct json_reader *j, const unsigned char *p,
    const unsigned char *end)
{
	const unsigned char *s, *chunk = j->chunk;

	if (j->in_escape) {
		/* the backslash ended the last chunk */
		j->in_escape = 0;
		if (*p < 0x20)
			return json_error(j, p);
		p++;
		j->slen++;
	}
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
		if (*p != '\\')
			return json_error(j, p);	/* a control character */
		j->escaped = 1;
		j->slen += 2;
		if (++p == end) {
			j->in_escape = 1;
			j->slen--;
			json_save_string(j, chunk, end);
			return p;
		}
		if (*p < 0x20)
			return json_error(j, p);
		p++;
	}
}

/* The role of a container that opens now, as a value of the key pending
 * or an element of the container it is in. */
static enum json_role
json_role(const struct json_reader *j, int c)
{
	const struct json_frame *up = j->depth > 0 ?
	    &j->frame[j->depth - 1] : NULL;

	if (up == NULL)
		return c == '[' ? ROLE_RECORDS : ROLE_NONE;
	if (c == '[') {
		if (j->pending == KEY_COLUMNS && up->kind == '{')
			return ROLE_COLUMNS;
		if (j->pending == KEY_ROWS && up->kind == '{')
			return ROLE_ROWS;
		if (j->pending == KEY_RECORDS && j->nrec == 1)
			return ROLE_RECORDS;
		return up->role == ROLE_ROWS ? ROLE_ROW : ROLE_NONE;
	}
	if (j->pending == KEY_PROPERTIES && j->nrec > 0 &&
	    j->rec[j->nrec - 1].depth == j->depth)
		return ROLE_PROPERTIES;
	return up->role == ROLE_COLUMNS ? ROLE_COLUMN : ROLE_NONE;
}

/* A '{' or '['. */
static const unsigned char *
json_open(struct json_reader *j, const unsigned char *p)
{
	struct json_frame *f;
	enum json_role role;
	int c = *p, record;

	if (j->depth == JSON_MAX_DEPTH)
		return json_error(j, p);
	role = json_role(j, c);
	/* a record: a top-level value, an object of an array of records,
	 * a row of a table; not within a record within a record */
	record = j->depth == 0 || (j->nrec < 2 && ((c == '{' &&
	    j->frame[j->depth - 1].role == ROLE_RECORDS) || role == ROLE_ROW));
	json_start_value(j);
	if (j->value_of == KEY_CODE || j->value_of == KEY_SUBCODE)
		json_bad(j, j->value_of, JSON_BAD_CONTAINER, c == '{' ? "{" :
		    "[", 1, 1);
	j->value_of = KEY_NONE;
	f = &j->frame[j->depth++];
	memset(f, 0, sizeof(*f));
	f->kind = (char)c;
	j->expect = c == '{' ? X_KEY_OR_CLOSE : X_VALUE_OR_CLOSE;
	f->role = (uint8_t)role;
	for (int k = 0; k < JSON_COLUMNS; k++)
		f->col[k] = -1;
	if (c == '{')
		f->order = j->opened++;
	if (j->depth == 1) {
		j->top_id++;
		j->top_start = p;
		j->top_line_start = j->line_start;
		j->top_reported = 0;
	}
	if (record)
		json_record_open(j);
	j->line_start = 0;
	return p + 1;
}

/* A '}' or ']': close the innermost container; report an object with a
 * code or a subcode, and a record that ends. */
static const unsigned char *
json_close(struct json_reader *j, const unsigned char *p)
{
	struct json_frame *f;
	int c = *p;

	if (j->depth == 0 ||
	    j->frame[j->depth - 1].kind != (c == '}' ? '{' : '[') ||
	    (j->expect != X_COMMA_OR_CLOSE && j->expect != (c == '}' ?
	    X_KEY_OR_CLOSE : X_VALUE_OR_CLOSE)))
		return json_error(j, p);
	f = &j->frame[--j->depth];
	j->expect = X_COMMA_OR_CLOSE;
	if (f->has_code || f->has_subcode) {
		struct json_object o = { f->order, f->code, f->subcode,
			f->has_code, f->has_subcode };

		if (f->has_code)
			json_hit(j, f->code, f->has_subcode, f->subcode);
		if (c == '}' && j->sink.object != NULL)
			j->sink.object(j->sink.arg, &o);
	}
	if (f->record) {
		json_report(j, &j->rec[j->nrec - 1], 0);
		j->nrec--;
	}
	if (j->depth == 0)
		j->values++;
	j->pending = KEY_NONE;
	return p + 1;
}

static int
is_number_char(int c)
{
	return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' ||
	    c == 'e' || c == 'E';
}

/* Is v[0..n) a JSON number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
 * (RFC 8259)?  One longer than the bytes kept is not checked. */
static int
json_number(const char *v, size_t n)
{
	size_t i = 0, d;

	if (i < n && v[i] == '-')
		i++;
	for (d = i; i < n && v[i] >= '0' && v[i] <= '9'; i++)
		continue;
	if (i == d || (v[d] == '0' && i > d + 1))
		return 0;
	if (i < n && v[i] == '.') {
		for (d = ++i; i < n && v[i] >= '0' && v[i] <= '9'; i++)
			continue;
		if (i == d)
			return 0;
	}
	if (i < n && (v[i] == 'e' || v[i] == 'E')) {
		if (++i < n && (v[i] == '+' || v[i] == '-'))
			i++;
		for (d = i; i < n && v[i] >= '0' && v[i] <= '9'; i++)
			continue;
		if (i == d)
			return 0;
	}
	return i == n;
}

/* A number or literal ends: give it to its key.  Returns 0, or -1 if it
 * is no literal. */
static int
json_end_scalar(struct json_reader *j, const char *v, size_t len,
    size_t full, int literal)
{
	enum key_kind of = j->value_of;

	j->value_of = KEY_NONE;
	j->expect = X_COMMA_OR_CLOSE;
	if (!literal) {
		if (full == len && !json_number(v, len))
			return -1;
		json_value(j, of, v, len, full, JSON_BAD_NUMBER);
	} else if (full == 4 && memcmp(v, "null", 4) == 0)
		;	/* no value: as if the key were not there */
	else if ((full == 4 && memcmp(v, "true", 4) == 0) ||
	    (full == 5 && memcmp(v, "false", 5) == 0)) {
		if (of == KEY_CODE || of == KEY_SUBCODE)
			json_bad(j, of, JSON_BAD_LITERAL, v, len, full);
		else if (of == KEY_COUNT)
			json_count(j, v, 0, 1);
		else if (of == KEY_FIELD)
			json_value(j, of, v, len, full, JSON_BAD_LITERAL);
	} else
		return -1;
	json_scalar_done(j);
	return 0;
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
	if (json_end_scalar(j, j->val, j->vlen < JSON_VALUE_MAX ? j->vlen :
	    JSON_VALUE_MAX, j->vlen, literal) != 0)
		return json_error(j, p);
	return p;
}

/* A string that json_quote cannot read at once starts at p. */
static const unsigned char *
json_string_start(struct json_reader *j, const unsigned char *p, int key)
{
	json_start_value(j);
	j->str_is_key = key;
	j->slen = j->ssaved = 0;
	j->escaped = 0;
	j->sbeg = ++p;
	j->state = J_STRING;
	return p;
}

/* A '"' outside a string: the common case is a plain string wholly in
 * the chunk, a key followed by its ':' or a value. */
static ALWAYS_INLINE const unsigned char *
json_quote(struct json_reader *j, const unsigned char *p,
    const unsigned char *end)
{
	const unsigned char *q;
	int key = j->expect == X_KEY || j->expect == X_KEY_OR_CLOSE;

	if (!key && !json_expects_value(j))
		return json_error(j, p);
	q = plain_run(p + 1, end);
	if (q < end && *q == '"') {
		const char *text = (const char *)p + 1;
		size_t len = (size_t)(q - p - 1);
		enum key_kind of = json_value_key(j);

		j->pending = KEY_NONE;
		p = q + 1;
		if (!key) {
			if (of >= KEY_TIME)
				j->value_rank = j->frame[j->depth - 1].role ==
				    ROLE_ROW ? json_row_rank(j) : j->key_rank;
			if (of != KEY_NONE)
				json_value(j, of, text, len, len,
				    JSON_BAD_STRING);
			j->expect = X_COMMA_OR_CLOSE;
			json_scalar_done(j);
		} else if (p < end && *p == ':') {
			json_key(j, text, len);
			j->pending = j->key;
			j->expect = X_VALUE;
			p++;
		} else {
			json_key(j, text, len);
			j->expect = X_COLON;
		}
		return p;
	}
	return json_string_start(j, p, key);
}

/* A number or literal starts at p: read it whole if the chunk holds it. */
static const unsigned char *
json_scalar_start(struct json_reader *j, const unsigned char *p,
    const unsigned char *end)
{
	const unsigned char *q;
	int literal = !is_number_char(*p);

	if ((literal && (*p < 'a' || *p > 'z')) || !json_expects_value(j))
		return json_error(j, p);
	for (q = p + 1; q < end && (literal ? *q >= 'a' && *q <= 'z' :
	    is_number_char(*q)); q++)
		continue;
	json_start_value(j);
	if (q < end) {
		size_t full = (size_t)(q - p);

		if (json_end_scalar(j, (const char *)p, full < JSON_VALUE_MAX ?
		    full : JSON_VALUE_MAX, full, literal) != 0)
			return json_error(j, q);
		return q;
	}
	j->state = literal ? J_LITERAL : J_NUMBER;
	j->vlen = 0;
	return p;
}

/* A byte outside strings and scalars at p.  At the top level only a
 * record may start. */
static const unsigned char *
json_token(struct json_reader *j, const unsigned char *p,
    const unsigned char *end)
{
	switch (*p) {
	case '\n':
		j->line_start = 1;
		/* FALLTHROUGH */
	case ' ':
	case '\t':
	case '\r':
		return p + 1;
	case '{':
	case '[':
		if (!json_expects_value(j))
			return json_error(j, p);
		return json_open(j, p);
	}
	if (j->depth == 0) {
		j->stop = JSON_NOT_JSON;
		return p;
	}
	switch (*p) {
	case '}':
	case ']':
		return json_close(j, p);
	case ',':
		if (j->expect != X_COMMA_OR_CLOSE)
			return json_error(j, p);
		j->expect = j->frame[j->depth - 1].kind == '{' ? X_KEY :
		    X_VALUE;
		j->pending = KEY_NONE;
		j->frame[j->depth - 1].index++;
		return p + 1;
	case ':':
		if (j->expect != X_COLON)
			return json_error(j, p);
		j->expect = X_VALUE;
		j->pending = j->key;
		return p + 1;
	case '"':
		return json_quote(j, p, end);
	default:
		return json_scalar_start(j, p, end);
	}
}

/*
 * Read the next chunk, p[0..end), of the input; return where it stopped:
 * at end (j->stop JSON_MORE), or at the byte that stopped it (JSON_NOT_JSON
 * or JSON_ERROR, see json.h), not consumed.  After JSON_ERROR the caller
 * resets the reader before feeding it again.
 */
HOT_LOOP const unsigned char *
json_feed(struct json_reader *j, const unsigned char *p,
    const unsigned char *end)
{
	j->chunk = p;
	j->stop = JSON_MORE;
	while (p < end) {
		switch (j->state) {
		case J_STRING:
			p = json_string(j, p, end);
			break;
		case J_NUMBER:
		case J_LITERAL:
			p = json_scalar(j, p, end);
			break;
		case J_OUT:
			/* the common tokens here, the others in json_token */
			if (*p == '"' && j->depth > 0) {
				p = json_quote(j, p, end);
				break;
			}
			if (*p == ' ') {
				p++;
				continue;
			}
			if (*p == ':' && j->expect == X_COLON) {
				j->expect = X_VALUE;
				j->pending = j->key;
				p++;
				continue;
			}
			p = json_token(j, p, end);
			break;
		}
		if (j->stop != JSON_MORE)
			break;
	}
	/* a string opened by the chunk's last byte has nothing saved yet */
	if (j->state == J_STRING && j->sbeg != NULL && j->stop == JSON_MORE)
		json_save_string(j, j->chunk, end);
	return p;
}

/* The end of the input: a number or literal at the very end is read; an
 * open string or container is an error (j->stop JSON_ERROR). */
void
json_finish(struct json_reader *j)
{
	j->stop = JSON_MORE;
	if (j->state == J_NUMBER || j->state == J_LITERAL) {
		int literal = j->state == J_LITERAL;

		j->state = J_OUT;
		if (json_end_scalar(j, j->val, j->vlen < JSON_VALUE_MAX ?
		    j->vlen : JSON_VALUE_MAX, j->vlen, literal) != 0)
			j->stop = JSON_ERROR;
	}
	if (j->state == J_STRING || j->depth > 0)
		j->stop = JSON_ERROR;
}
