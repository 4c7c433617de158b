/*
 * Reading a code and subcode the way logs show them.  A query is, in the
 * order tried:
 *
 *   a JSON object, {"code":410,"subCode":3112}, the pair found at any depth
 *   ("resultInformation", "callEndReason"), values numbers or strings of
 *   digits (null: no value), the first pair in reading order answering;
 *   an Azure SDK exception, "Status: 404 (Not Found)", "ErrorCode: 8522";
 *   keys and values, code=410, subCode: 3112, in any case and with any
 *   separators (also {code: 410, subCode: 3112} as a browser console shows
 *   callEndReason, ParticipantEndReason/ParticipantEndSubCode, and free
 *   text: "code 487 and subcode 5001");
 *   one or two bare numbers separated by spaces, ',', '/', ':', ';' or '#';
 *   an SDK's name for a subcode, exactly (RecognizeInitialSilenceTimedOut,
 *   RECOGNIZE_INITIAL_SILENCE_TIMEOUT: subcode 8510), which nothing else
 *   reads.
 *
 * A code or subcode that is not a number of at most 9 digits (leading
 * zeros aside) is bad input, in every form: never an answer to another
 * question.
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

/* Say in f->bad, unless something was said already, that KEY's value is
 * not a number, and why. */
static void
bad_value(struct found *f, const char *key, size_t klen, const char *value,
    size_t vlen, const char *why)
{
	char shownbuf[80];

	if (f->bad[0] != '\0')
		return;
	if (value == NULL)
		snprintf(f->bad, sizeof(f->bad), "invalid %.*s: %s", (int)klen,
		    key, why);
	else
		snprintf(f->bad, sizeof(f->bad), "invalid %.*s '%s': %s",
		    (int)klen, key, quote_input(value, vlen, shownbuf,
		    sizeof(shownbuf)), why);
}

/*
 * Take VALUE as the code or subcode (KIND) that KEY names, unless already
 * had.  A value that is not a number is remembered as bad.
 */
static void
take(struct found *f, enum key_kind kind, const char *key, size_t klen,
    const char *value, size_t vlen)
{
	enum number_status st;
	uint32_t n = 0;

	if (kind == KEY_CODE ? f->has_code : f->has_subcode)
		return;
	if ((st = parse_digits(value, vlen, &n)) != NUMBER_OK) {
		bad_value(f, key, klen, value, vlen, number_status_string(st));
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
 * What the JSON reader found in a query: the first pair in reading order
 * answers, the outermost object before the ones nested in it: the first
 * object with a code, else the first with a subcode.  The other objects
 * with either are counted.
 */
struct from_json {
	struct found *answer;
	uint64_t order;		/* of the answer's object */
	int objects;		/* objects with a code or subcode */
};

static void
json_found(void *arg, const struct json_object *o)
{
	struct from_json *fj = arg;
	struct found *f = fj->answer;

	fj->objects++;
	if (fj->objects > 1 && (f->has_code ? !o->has_code ||
	    o->order > fj->order : !o->has_code && o->order > fj->order))
		return;
	fj->order = o->order;
	f->has_code = o->has_code;
	f->code = o->code;
	f->has_subcode = o->has_subcode;
	f->subcode = o->subcode;
}

/* A code or subcode that is not a number, wherever it is, is bad input. */
static void
json_bad_value(void *arg, const struct json_bad *b)
{
	static const char *const why[] = {
		[JSON_BAD_NUMBER] = "not a whole decimal number",
		[JSON_BAD_STRING] = "not a number",
		[JSON_BAD_LITERAL] = "not a number",
		[JSON_BAD_CONTAINER] = "an object or an array, not a number",
	};
	struct from_json *fj = arg;
	enum number_status st;
	uint32_t n;
	char value[JSON_VALUE_MAX + 4];

	snprintf(value, sizeof(value), "%.*s%s", (int)b->vlen, b->value,
	    b->cut ? "..." : "");
	if (!b->cut)
		st = parse_digits(b->value, b->vlen, &n);
	else
		st = strspn(b->value, "0123456789") >= b->vlen ?
		    NUMBER_TOO_LONG : NUMBER_NOT_DECIMAL;
	bad_value(fj->answer, b->key, b->klen, b->what == JSON_BAD_CONTAINER ?
	    NULL : value, strlen(value), b->what == JSON_BAD_CONTAINER ||
	    b->what == JSON_BAD_LITERAL || st == NUMBER_OK ? why[b->what] :
	    number_status_string(st));
}

/*
 * Read TEXT as JSON: 1 if it is one JSON object or array (*f has the
 * answer, if any, *more the other objects with a code or subcode), 0 if
 * it is not JSON.
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
	if (j.stop == JSON_MORE)
		json_finish(&j);
	if (j.stop == JSON_MORE && j.values == 1) {
		*more = fj.objects > 1 ? fj.objects - 1 : 0;
		return 1;
	}
	memset(f, 0, sizeof(*f));
	return 0;
}

/*
 * The value after "NAME:" at the start of a line of TEXT (spaces before
 * it allowed), up to the end of the line or a space: "Status: 404 (Not
 * Found)" gives "404".  NULL if no line starts so.
 */
static const char *
line_value(const char *text, const char *name, size_t *len)
{
	size_t n = strlen(name);
	const char *p = text, *v;

	for (;;) {
		p += strspn(p, " \t");
		if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
			v = p + n + 1;
			v += strspn(v, " \t");
			*len = strcspn(v, " \t\r\n");
			return v;
		}
		if ((p = strchr(p, '\n')) == NULL)
			return NULL;
		p++;
	}
}

/*
 * An Azure SDK exception pasted whole (RequestFailedException): a line
 * "Status: 404 (Not Found)" gives the code, a line "ErrorCode: 8522" the
 * subcode; the JSON "Content:" after them is not read.  Return 1 if TEXT
 * has the Status line.
 */
static int
from_sdk_error(const char *text, struct found *f)
{
	const char *v;
	size_t len;

	if ((v = line_value(text, "Status", &len)) == NULL)
		return 0;
	take(f, KEY_CODE, "Status", 6, v, len);
	if ((v = line_value(text, "ErrorCode", &len)) != NULL)
		take(f, KEY_SUBCODE, "ErrorCode", 9, v, len);
	return 1;
}

/*
 * Read "key=value", "key: value" and "key value" pairs anywhere in TEXT; a
 * value may be quoted, and ends at a character that cannot be in a number
 * ("code=410)", "subCode=3112."): CallEndReason(code=410, subCode=3112),
 * "Call ended with code 487 and subcode 5001".  Return 1 if a code or
 * subcode key was found.
 */
static int
from_keys(const char *text, struct found *f)
{
	const char *p = text, *end = text + strlen(text);
	struct keyval kv;
	int found = 0;

	while (next_keyval(&p, end, text, &kv)) {
		take(f, kv.kind, kv.key, kv.klen, kv.value, kv.vlen);
		found = 1;
	}
	return found;
}

/* Read one or two bare numbers. */
static int
from_numbers(const char *text, struct query *q, char *err, size_t errsize)
{
	static const char seps[] = " \t,/:;#";
	const char *p = text + strspn(text, seps);
	char shownbuf[80];
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
		if ((st = parse_digits(p, len, &v[n])) != NUMBER_OK) {
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

/* The SDK name TEXT is, spaces around it aside (case-sensitive), or
 * NULL. */
static const struct acs_name *
sdk_name(const char *text)
{
	const char *p = text + strspn(text, " \t\r\n");
	size_t len = strlen(p);

	while (len > 0 && strchr(" \t\r\n", p[len - 1]) != NULL)
		len--;
	for (size_t i = 0; i < acs_nnames; i++)
		if (strncmp(acs_names[i].name, p, len) == 0 &&
		    acs_names[i].name[len] == '\0')
			return &acs_names[i];
	return NULL;
}

/*
 * Parse a query.  On failure, return -1 with a one-line reason in err,
 * quoting the input as needed.
 */
int
parse_query(const char *text, struct query *q, char *err, size_t errsize)
{
	struct found f;
	int more = 0;
	char shownbuf[80];

	memset(q, 0, sizeof(*q));
	memset(&f, 0, sizeof(f));
	if ((q->name = sdk_name(text)) != NULL) {
		q->kind = QUERY_SUBCODE;
		q->code = q->name->subcode;
		return 0;
	}
	if (!from_json(text, &f, &more) && !from_sdk_error(text, &f) &&
	    !from_keys(text, &f)) {
		const char *start = text + strspn(text, " \t\r\n");

		if (*start != '{' && *start != '[')
			return from_numbers(text, q, err, errsize);
	}
	if (f.bad[0] != '\0') {
		snprintf(err, errsize, "%s", f.bad);
		return -1;
	}
	if (!f.has_code && !f.has_subcode) {
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
