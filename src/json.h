/*
 * The one JSON reader: a streaming lexer, fed chunks of any size, that
 * finds the code and subcode of each object and tells its caller.  The log
 * scanner counts what it reports; the query parser takes the first pair.
 *
 * The pairing rule: an object's code (a key of KEY_LIST naming the code,
 * with a number or a string of digits) goes with the subcode of the same
 * object, if it has one; a resultInformation or callEndReason object is
 * found at any depth.
 */
#ifndef ACSDIAG_JSON_H
#define ACSDIAG_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "keys.h"

#define JSON_MAX_DEPTH 64
#define JSON_KEY_MAX 24		/* key bytes kept; the longest known is 21 */
#define JSON_VALUE_MAX 31	/* a code or subcode is at most 9 digits,
				 * less leading zeros */
#define JSON_SAVE_MAX 32	/* bytes of a string kept across chunks:
				 * enough for a key or a value */

/* An object that closed with a code or a subcode (or both). */
struct json_object {
	uint64_t order;		/* objects opened before it in the input */
	uint32_t code, subcode;
	uint8_t has_code, has_subcode;
};

/* What a code or subcode key held that is not a number. */
enum json_bad_kind {
	JSON_BAD_NUMBER,	/* a number that is not 1 to 9 digits: -1, 1.5 */
	JSON_BAD_STRING,	/* a string that is not: "abc", "", "4\u0031" */
	JSON_BAD_LITERAL,	/* true or false */
	JSON_BAD_CONTAINER,	/* an object or an array */
};

struct json_bad {
	enum json_bad_kind what;
	enum key_kind kind;
	const char *key;	/* the key as written (at most JSON_KEY_MAX) */
	size_t klen;
	const char *value;	/* its first bytes */
	size_t vlen;
	int cut;		/* value holds only its first bytes */
};

/* Where the reader reports; any callback may be NULL. */
struct json_sink {
	void (*object)(void *arg, const struct json_object *o);
	void (*bad)(void *arg, const struct json_bad *b);
	/* a syntax error: reported once a line, the rest of which is
	 * skipped */
	void (*error)(void *arg);
	void *arg;
};

enum json_state { J_OUT, J_STRING, J_NUMBER, J_LITERAL, J_SKIP_LINE };

struct json_frame {
	uint64_t order;
	uint32_t code, subcode;
	uint8_t has_code, has_subcode;
	char kind;		/* '{' or '[' */
};

struct json_reader {
	struct json_sink sink;
	enum json_state state;
	int depth;
	struct json_frame frame[JSON_MAX_DEPTH];
	uint64_t opened;		/* objects opened so far */
	uint64_t values;		/* top-level values read whole */
	const unsigned char *sbeg;	/* where the string starts in this
					 * chunk, or NULL if in an earlier one */
	char str[JSON_SAVE_MAX + 1];	/* its first bytes, kept when a chunk
					 * ends inside it */
	size_t ssaved;			/* how many are kept */
	size_t slen;			/* its length so far */
	int escaped;			/* the string had an escape */
	int in_escape;			/* a backslash ends the last chunk */
	unsigned char utf8[4];		/* a UTF-8 sequence cut by a chunk */
	int utf8_have;			/* its bytes so far */
	enum key_kind key;		/* the last string, as a key */
	int last_string;		/* the last token was a string */
	enum key_kind pending;		/* a known key and ':': the value
					 * counts */
	enum key_kind value_of;		/* the string, number or literal
					 * being read is the value of this */
	char keytext[JSON_KEY_MAX + 1];	/* the last key as written */
	size_t keylen;
	char val[JSON_VALUE_MAX + 1];
	size_t vlen;
	const unsigned char *chunk;	/* the chunk being read */
	int line_bad;			/* the current line had an error */
	int errors;			/* syntax errors so far */
};

void json_init(struct json_reader *j, const struct json_sink *sink);
void json_feed(struct json_reader *j, const unsigned char *p,
    const unsigned char *end);
void json_finish(struct json_reader *j);
int json_idle(const struct json_reader *j);

#endif
