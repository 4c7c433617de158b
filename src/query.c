/*
 * Reading a code and subcode the way logs show them.  A query is, in the
 * order tried:
 *
 *   a JSON object, {"code":410,"subCode":3112}, the pair found at any depth
 *   ("resultInformation", "callEndReason"), values numbers or strings;
 *   keys and values, code=410, subCode: 3112, in any case and with any
 *   separators (also {code: 410, subCode: 3112} as a browser console shows
 *   callEndReason, and ParticipantEndReason/ParticipantEndSubCode);
 *   one or two bare numbers separated by spaces, ',', '/', ':', ';' or '#'.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "json.h"
#include "keys.h"
#include "lookup.h"
#include "query.h"

/* Copy s[0..len) into buf for a message: bytes other than printable
 * ASCII escaped, long text cut.  Shared with the command line. */
const char *
quote_input(const char *s, size_t len, char *buf, size_t size)
{
	size_t n = 0, i;

	for (i = 0; i < len && n + 8 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f)
			n += (size_t)snprintf(buf + n, size - n, "\\x%02x", c);
		else
			buf[n++] = (char)c;
	}
	if (i < len) {
		memcpy(buf + n, "...", 3);
		n += 3;
	}
	buf[n] = '\0';
	return buf;
}

/* What a query found so far. */
struct found {
	int has_code, has_subcode;
	uint32_t code, subcode;
	char bad[160];		/* the first value that was not a number */
};

/*
 * Take VALUE as the code or subcode (KIND) that KEY names, unless already
 * had.  A value that is not a number is remembered, to explain why nothing
 * was found, and otherwise ignored.
 */
static void
take(struct found *f, enum key_kind kind, const char *key, size_t klen,
    const char *value, size_t vlen, int cut)
{
	enum number_status st;
	char shownbuf[80];
	uint32_t n = 0;

	if (kind == KEY_CODE ? f->has_code : f->has_subcode)
		return;
	if (cut || vlen > NUMBER_MAX_DIGITS)
		st = strspn(value, "0123456789") >= vlen ? NUMBER_TOO_LONG :
		    NUMBER_NOT_DECIMAL;
	else
		st = parse_digits(value, vlen, &n);
	if (st != NUMBER_OK) {
		if (f->bad[0] == '\0')
			snprintf(f->bad, sizeof(f->bad), "invalid %.*s '%s': %s",
			    (int)klen, key, quote_input(value, vlen, shownbuf,
			    sizeof(shownbuf)), number_status_string(st));
		return;
	}
	if (kind == KEY_CODE) {
		f->has_code = 1;
		f->code = n;
	} else {
		f->has_subcode = 1;
		f->subcode = n;
	}
}

/*
 * What the JSON reader found in a query: the answer is the first object to
 * close with a code (or, if none has one, with a subcode); the other
 * objects with a code are counted.
 */
struct from_json {
	struct found *answer;
	int answered;		/* 2: a code; 1: only a subcode */
	int more;
};

static void
json_found(void *arg, const struct json_object *o)
{
	struct from_json *fj = arg;
	struct found *f = fj->answer;

	if (o->has_code) {
		if (fj->answered == 2) {
			fj->more++;
			return;
		}
		fj->answered = 2;
	} else if (fj->answered == 0)
		fj->answered = 1;
	else
		return;
	f->has_code = o->has_code;
	f->code = o->code;
	f->has_subcode = o->has_subcode;
	f->subcode = o->subcode;
}

/* A value that is not a number: an empty string is no value. */
static void
json_bad_value(void *arg, const struct json_bad *b)
{
	struct from_json *fj = arg;
	struct found none;

	if ((b->what != JSON_BAD_NUMBER && b->what != JSON_BAD_STRING) ||
	    b->vlen == 0 || fj->answer->bad[0] != '\0')
		return;
	memset(&none, 0, sizeof(none));
	take(&none, b->kind, b->key, b->klen, b->value, b->vlen, b->cut);
	memcpy(fj->answer->bad, none.bad, sizeof(none.bad));
}

/*
 * Read TEXT as JSON: 1 if it is one JSON object or array (*f has the
 * answer, if any, *more the other objects with a code), 0 if it is not
 * JSON.
 */
static int
from_json(const char *text, struct found *f, int *more)
{
	struct from_json fj = { f, 0, 0 };
	struct json_sink sink = { json_found, json_bad_value, NULL, &fj };
	struct json_reader j;
	const char *p = text + strspn(text, " \t\r\n");

	if (*p != '{' && *p != '[')
		return 0;
	json_init(&j, &sink);
	json_feed(&j, (const unsigned char *)p, (const unsigned char *)p +
	    strlen(p));
	json_finish(&j);
	if (j.errors == 0 && j.values == 1) {
		*more = fj.more;
		return 1;
	}
	memset(f, 0, sizeof(*f));
	return 0;
}

/*
 * Read "key=value" and "key: value" pairs anywhere in TEXT; a value may be
 * quoted, and is the digits up to a character that cannot be in a key
 * ("code=410)", "subCode=3112."): CallEndReason(code=410, subCode=3112).
 * Return 1 if a code or subcode key was found with a number.
 */
static int
from_keys(const char *text, struct found *f)
{
	const char *p = text, *end = text + strlen(text);
	struct keyval kv;

	while (next_keyval(&p, end, text, &kv))
		take(f, kv.kind, kv.key, kv.klen, kv.value, kv.vlen, 0);
	return f->has_code || f->has_subcode;
}

/* Read one or two bare numbers. */
static int
from_numbers(const char *text, struct query *q, char *err, size_t errsize)
{
	static const char seps[] = " \t,/:;#";
	const char *p = text + strspn(text, seps);
	char buf[16], shownbuf[80];
	uint32_t v[2] = { 0, 0 };
	size_t len, n = 0;
	enum number_status st;

	if (*p == '\0') {
		snprintf(err, errsize, "invalid number '%s': empty",
		    quote_input(text, strlen(text), shownbuf, sizeof(shownbuf)));
		return -1;
	}
	for (; *p != '\0'; p += len, p += strspn(p, seps)) {
		len = strcspn(p, seps);
		if (n == 2) {
			snprintf(err, errsize, "too many numbers in '%s': "
			    "expected CODE [SUBCODE]", quote_input(text,
			    strlen(text), shownbuf, sizeof(shownbuf)));
			return -1;
		}
		if (len >= sizeof(buf))
			st = strspn(p, "0123456789") >= len ? NUMBER_TOO_LONG :
			    NUMBER_NOT_DECIMAL;
		else {
			memcpy(buf, p, len);
			buf[len] = '\0';
			st = parse_number(buf, &v[n]);
		}
		if (st != NUMBER_OK) {
			snprintf(err, errsize, "invalid number '%s': %s",
			    quote_input(p, len, shownbuf, sizeof(shownbuf)),
			    number_status_string(st));
			return -1;
		}
		n++;
	}
	q->kind = n == 2 ? QUERY_PAIR : QUERY_NUMBER;
	q->code = v[0];
	q->subcode = n == 2 ? v[1] : 0;
	return 0;
}

/*
 * Parse a query.  On failure, return -1 with a one-line reason in err,
 * quoting the input as needed.
 */
int
parse_query(const char *text, struct query *q, char *err, size_t errsize)
{
	struct found f;
	int rc, more = 0;
	char shownbuf[80];
	const char *start = text + strspn(text, " \t");

	memset(q, 0, sizeof(*q));
	memset(&f, 0, sizeof(f));
	if ((rc = from_json(text, &f, &more)) == 0) {
		rc = from_keys(text, &f);
		/* typed keys: a bad value is a mistake to point out */
		if (f.bad[0] != '\0') {
			snprintf(err, errsize, "%s", f.bad);
			return -1;
		}
	}
	if (!f.has_code && !f.has_subcode) {
		if (f.bad[0] != '\0') {
			snprintf(err, errsize, "%s", f.bad);
			return -1;
		}
		if (rc == 0 && *start != '{' && *start != '[')
			return from_numbers(text, q, err, errsize);
		snprintf(err, errsize, "no code or subCode in '%s'",
		    quote_input(text, strlen(text), shownbuf, sizeof(shownbuf)));
		return -1;
	}
	q->more = more;
	q->code = f.code;
	q->subcode = f.subcode;
	if (f.has_code && f.has_subcode)
		q->kind = QUERY_PAIR;
	else if (f.has_code)
		q->kind = QUERY_CODE;
	else {
		q->kind = QUERY_SUBCODE;
		q->code = f.subcode;
	}
	return 0;
}
