/*
 * The one JSON reader: a streaming lexer, fed chunks of any size, that
 * finds the code and subcode of each object and tells its caller.  The
 * query parser takes the first pair of a document; the log scanner counts
 * the pairs of each record.
 *
 * The pairing rule: an object's code (a key of KEY_LIST naming the code,
 * with a number or a string of digits) goes with the subcode of the same
 * object, if it has one; a resultInformation or callEndReason object is
 * found at any depth.
 *
 * Records, for the scanner: each value of the top level (a JSON Lines
 * line, a pretty-printed object); each object of a top-level array
 * (CloudEvents); each object of the "records" array of a record (an Event
 * Hubs body); each row of a Log Analytics query API table, whose values are
 * read by the "name" of their column.  A record that holds records is a
 * container, not a record itself.  A record's pairs are reported when it
 * ends, with its count (a COUNT key, for a summarized export).
 */
#ifndef ACSDIAG_JSON_H
#define ACSDIAG_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "keys.h"

#define JSON_MAX_DEPTH 64
#define JSON_KEY_MAX 64		/* key bytes looked at: the longest known
				 * is 21, a name of --by up to 64 */
#define JSON_VALUE_MAX 31	/* a code or subcode is at most 9 digits,
				 * less leading zeros */
#define JSON_SAVE_MAX 128	/* bytes of a string kept across chunks:
				 * enough for a key or a value */
#define JSON_FIELD_MAX 128	/* bytes of a field's value kept */
#define JSON_MAX_FIELDS 2	/* fields of a record kept, by name */
#define JSON_MAX_NAMES 16	/* keys named by the caller */
#define JSON_MAX_HITS 64	/* pairs of one record held until it ends */

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

/* A pair of a record; subcode JSON_NO_SUBCODE if it had none. */
#define JSON_NO_SUBCODE UINT32_MAX

struct json_hit {
	uint32_t code, subcode;
};

/* A field of a record, named by the caller. */
struct json_field {
	char value[JSON_FIELD_MAX];
	size_t len;
	int present;
};

/* A record that ended (or whose pairs filled JSON_MAX_HITS). */
struct json_record {
	const struct json_hit *hits;
	size_t nhits;
	uint64_t weight;	/* its count, else 1 */
	int bad;		/* a count that is not a number */
	int64_t time;		/* ms since 1970 UTC, if has_time */
	int has_time;
	const struct json_field *fields;	/* [JSON_MAX_FIELDS] */
};

/* A key the caller names: a count, a time or a field of --by. */
struct json_name {
	const char *name;
	size_t len;
	enum key_kind kind;	/* KEY_COUNT, KEY_TIME, KEY_FIELD or
				 * KEY_PROPERTIES */
	int rank;		/* KEY_TIME: the lower, the better;
				 * KEY_FIELD: its index */
};

/* Where the reader reports; any callback may be NULL. */
struct json_sink {
	void (*object)(void *arg, const struct json_object *o);
	void (*bad)(void *arg, const struct json_bad *b);
	void (*record)(void *arg, const struct json_record *r);
	void *arg;
};

/* Why json_feed stopped before the end of its chunk. */
enum json_stop {
	JSON_MORE,		/* it did not: feed the next chunk */
	JSON_NOT_JSON,		/* outside any value, a byte that starts none:
				 * a line of text? */
	JSON_ERROR,		/* a syntax error inside a value */
};

enum json_state { J_OUT, J_STRING, J_NUMBER, J_LITERAL };

/* What the grammar lets come next inside a container. */
enum json_expect {
	X_VALUE,		/* after ':', or ',' in an array */
	X_VALUE_OR_CLOSE,	/* after '[' */
	X_KEY,			/* after ',' in an object */
	X_KEY_OR_CLOSE,		/* after '{' */
	X_COLON,		/* after a key */
	X_COMMA_OR_CLOSE,	/* after a value */
};

/* What an array or object is to the records. */
enum json_role {
	ROLE_NONE,
	ROLE_RECORDS,		/* an array whose objects are records */
	ROLE_COLUMNS,		/* "columns" of a query API table */
	ROLE_COLUMN,		/* an object of it */
	ROLE_ROWS,		/* "rows" of a query API table */
	ROLE_ROW,		/* an array of it: a record */
	ROLE_PROPERTIES,	/* the "properties" object of a record */
};

/* The columns of a query API table the reader looks for, in order: the
 * code, subcode, count and time, then the fields, by index. */
enum { JSON_COL_CODE, JSON_COL_SUBCODE, JSON_COL_COUNT, JSON_COL_TIME,
	JSON_COL_FIELD };
#define JSON_COLUMNS (JSON_COL_FIELD + JSON_MAX_FIELDS)

struct json_frame {
	uint64_t order;
	uint32_t code, subcode;
	uint32_t index;		/* arrays: the element being read */
	int16_t col[JSON_COLUMNS];	/* a table's columns, or -1 */
	int16_t time_rank;	/* of the table's time column */
	uint8_t has_code, has_subcode;
	uint8_t record;		/* the container is a record */
	uint8_t role;		/* enum json_role */
	char kind;		/* '{' or '[' */
};

/* The pairs of a record being read, until it ends. */
struct json_pending {
	struct json_hit hits[JSON_MAX_HITS];
	size_t nhits;
	uint64_t weight;
	int has_weight, bad, records;	/* records: it held records */
	int depth;		/* of its frame, +1 */
	int64_t time;
	int has_time, time_rank;	/* the rank of the time field read */
	struct json_field fields[JSON_MAX_FIELDS];
};

struct json_reader {
	struct json_sink sink;
	enum json_state state;
	enum json_stop stop;		/* why the last json_feed stopped */
	enum json_expect expect;	/* inside a container */
	int str_is_key;			/* the string being read is a key */
	int depth;
	struct json_frame frame[JSON_MAX_DEPTH];
	struct json_pending rec[2];	/* a record, and one within it */
	int nrec;
	uint64_t opened;		/* objects opened so far */
	uint64_t values;		/* top-level values read whole */
	int line_start;			/* only blanks since a newline */
	const unsigned char *sbeg;	/* where the string starts in this
					 * chunk, or NULL if in an earlier one */
	char str[JSON_SAVE_MAX + 1];	/* its first bytes, kept when a chunk
					 * ends inside it */
	size_t ssaved;			/* how many are kept */
	size_t slen;			/* its length so far */
	int escaped;			/* the string had an escape */
	int in_escape;			/* a backslash ends the last chunk */
	enum key_kind key;		/* the last string, as a key */
	enum key_kind pending;		/* a known key and ':': the value
					 * counts */
	enum key_kind value_of;		/* the string, number or literal
					 * being read is the value of this */
	char keytext[JSON_KEY_MAX + 1];	/* the last key as written */
	size_t keylen;
	char val[JSON_VALUE_MAX + 1];
	size_t vlen;
	const unsigned char *chunk;	/* the chunk being read */
	uint64_t top_id;		/* top-level values opened so far */
	const unsigned char *top_start;	/* where the last began: its '{' or
					 * '[', in the chunk it began in */
	int top_line_start;		/* it began a line */
	int top_reported;		/* records of it were reported */
	struct json_name names[JSON_MAX_NAMES];	/* set with json_name */
	int nnames;
	uint64_t names_first, names_last;	/* their KEY_BITs, as
						 * key_masks_have takes */
	int count_named;		/* a count name replaces KEY_LIST's */
	int key_rank;			/* of the last key, if named */
	int value_rank;			/* of the value being read */
};

void json_init(struct json_reader *j, const struct json_sink *sink);
int json_name(struct json_reader *j, const char *name, enum key_kind kind,
    int rank);
const unsigned char *json_feed(struct json_reader *j, const unsigned char *p,
    const unsigned char *end);
void json_finish(struct json_reader *j);
void json_reset(struct json_reader *j);
int json_idle(const struct json_reader *j);

#endif
