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

#include "fold.h"
#include "lookup.h"
#include "query.h"

#define JSON_MAX_DEPTH 64

static const char *const code_keys[] = {
	"code", "resultcode", "participantendreason",
};
static const char *const subcode_keys[] = {
	"subcode", "resultsubcode", "participantendsubcode",
};

static int
key_in(const char *key, size_t len, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(keys[i]) == len && strncasecmp(key, keys[i], len) == 0)
			return 1;
	return 0;
}

/* Is KEY (not NUL-terminated) a name for the code?  For the subcode? */
int
key_is_code(const char *key, size_t len)
{
	return key_in(key, len, code_keys, sizeof(code_keys) /
	    sizeof(code_keys[0]));
}

int
key_is_subcode(const char *key, size_t len)
{
	return key_in(key, len, subcode_keys, sizeof(subcode_keys) /
	    sizeof(subcode_keys[0]));
}

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
 * Take VALUE as the code or subcode that KEY names, unless already had.
 * A value that is not a number is remembered, to explain why nothing was
 * found, and otherwise ignored.
 */
static void
take(struct found *f, const char *key, size_t klen, const char *value,
    size_t vlen, int typed)
{
	enum number_status st;
	char buf[16], shownbuf[80];
	int is_code = key_is_code(key, klen);
	uint32_t n = 0;

	/* an empty JSON value ("", null) is no value; typed, a mistake */
	if ((!is_code && !key_is_subcode(key, klen)) || (vlen == 0 && !typed))
		return;
	if (is_code ? f->has_code : f->has_subcode)
		return;
	if (vlen >= sizeof(buf))
		st = strspn(value, "0123456789") >= vlen ? NUMBER_TOO_LONG :
		    NUMBER_NOT_DECIMAL;
	else {
		memcpy(buf, value, vlen);
		buf[vlen] = '\0';
		st = parse_number(buf, &n);
	}
	if (st != NUMBER_OK) {
		if (f->bad[0] == '\0')
			snprintf(f->bad, sizeof(f->bad), "invalid %.*s '%s': %s",
			    (int)klen, key, quote_input(value, vlen, shownbuf,
			    sizeof(shownbuf)), number_status_string(st));
		return;
	}
	if (is_code) {
		f->has_code = 1;
		f->code = n;
	} else {
		f->has_subcode = 1;
		f->subcode = n;
	}
}

/*
 * A small JSON reader that only looks for codes and subcodes.  Like the
 * log scanner, it pairs a code with the subcode of the same object: the
 * answer is the first object to close with a code (or, if none has one,
 * with a subcode); the others are counted.
 */
struct json {
	const char *p;
	struct found *answer;
	int answered;		/* 2: a code; 1: only a subcode */
	int more;		/* other objects with a code */
	char *bad;		/* the first bad value, from any object */
	size_t badsize;
};

static void
skip_space(struct json *j)
{
	while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' ||
	    *j->p == '\r')
		j->p++;
}

/* A string: set *s and *len to its raw contents. */
static int
json_string(struct json *j, const char **s, size_t *len)
{
	if (*j->p != '"')
		return -1;
	*s = ++j->p;
	while (*j->p != '"') {
		if (*j->p == '\0' || (unsigned char)*j->p < 0x20)
			return -1;
		if (*j->p == '\\' && *++j->p == '\0')
			return -1;
		j->p++;
	}
	*len = (size_t)(j->p++ - *s);
	return 0;
}

static int json_value(struct json *, struct found *, const char *, size_t,
    int);

static int
json_object(struct json *j, int depth)
{
	struct found f;
	const char *key;
	size_t klen;

	memset(&f, 0, sizeof(f));
	j->p++;
	skip_space(j);
	if (*j->p == '}') {
		j->p++;
		return 0;
	}
	for (;;) {
		skip_space(j);
		if (json_string(j, &key, &klen) != 0)
			return -1;
		skip_space(j);
		if (*j->p++ != ':')
			return -1;
		skip_space(j);
		if (json_value(j, &f, key, klen, depth + 1) != 0)
			return -1;
		skip_space(j);
		if (*j->p == '}')
			break;
		if (*j->p++ != ',')
			return -1;
	}
	j->p++;
	if (f.bad[0] != '\0' && j->bad[0] == '\0')
		snprintf(j->bad, j->badsize, "%s", f.bad);
	if (f.has_code) {
		if (j->answered == 2)
			j->more++;
		else {
			*j->answer = f;
			j->answered = 2;
		}
	} else if (f.has_subcode && j->answered == 0) {
		*j->answer = f;
		j->answered = 1;
	}
	return 0;
}

static int
json_array(struct json *j, int depth)
{
	j->p++;
	skip_space(j);
	if (*j->p == ']') {
		j->p++;
		return 0;
	}
	for (;;) {
		skip_space(j);
		if (json_value(j, NULL, NULL, 0, depth + 1) != 0)
			return -1;
		skip_space(j);
		if (*j->p == ']') {
			j->p++;
			return 0;
		}
		if (*j->p++ != ',')
			return -1;
	}
}

/* A value, of KEY in the object o if not NULL. */
static int
json_value(struct json *j, struct found *o, const char *key, size_t klen,
    int depth)
{
	const char *v;
	size_t vlen;

	if (depth > JSON_MAX_DEPTH)
		return -1;
	switch (*j->p) {
	case '{':
		return json_object(j, depth);
	case '[':
		return json_array(j, depth);
	case '"':
		if (json_string(j, &v, &vlen) != 0)
			return -1;
		break;
	default:
		v = j->p;
		vlen = strspn(v, "+-0123456789.eE");
		if (vlen == 0) {
			if (strncmp(v, "true", 4) == 0 ||
			    strncmp(v, "null", 4) == 0)
				vlen = 4;
			else if (strncmp(v, "false", 5) == 0)
				vlen = 5;
			else
				return -1;
			j->p += vlen;
			return 0;	/* true, false, null: no value */
		}
		j->p += vlen;
	}
	if (o != NULL)
		take(o, key, klen, v, vlen, 0);
	return 0;
}

/*
 * Read TEXT as JSON: 1 if it is (*f has the answer, if any), 0 if it is
 * not JSON.
 */
static int
from_json(const char *text, struct found *f, int *more)
{
	struct json j = { text, f, 0, 0, f->bad, sizeof(f->bad) };

	skip_space(&j);
	if (*j.p != '{' && *j.p != '[')
		return 0;
	if (json_value(&j, NULL, NULL, 0, 0) == 0) {
		skip_space(&j);
		if (*j.p == '\0') {
			*more = j.more;
			return 1;
		}
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
	const char *p = text, *key, *v;
	size_t klen, vlen;

	while (*p != '\0') {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) ||
		    (p > text && is_word_byte((unsigned char)p[-1]))) {
			p++;
			continue;
		}
		for (key = p; is_word_byte((unsigned char)*p); p++)
			continue;
		klen = (size_t)(p - key);
		v = p + strspn(p, " \t\"'");
		if (*v != '=' && *v != ':')
			continue;
		v++;
		v += strspn(v, " \t\"'");
		for (vlen = 0; is_word_byte((unsigned char)v[vlen]) || v[vlen] == '-' ||
		    v[vlen] == '+' || v[vlen] == '.'; vlen++)
			continue;
		/* a trailing full stop ends a sentence, not the number */
		while (vlen > 0 && v[vlen - 1] == '.')
			vlen--;
		take(f, key, klen, v, vlen, 1);
		p = v + vlen;
	}
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
