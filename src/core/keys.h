/*
 * The names logs give a code, a subcode and what goes with them, one list
 * for every reader: the query parser, the JSON reader, the text and CSV
 * readers of the scanner.  Matched without regard to ASCII case.
 */
#ifndef ACSDIAG_KEYS_H
#define ACSDIAG_KEYS_H

#include <stddef.h>
#include <stdint.h>

/*
 * X(KIND, spelling in lower case, its first letter).
 *
 * CODE, SUBCODE: a Calling SDK callEndReason and a Call Automation
 * resultInformation say code and subCode, the Call Automation media
 * summary ResultCode and ResultSubcode, the call summary
 * ParticipantEndReason and ParticipantEndSubCode.
 * COUNT: how many records a row of a summarized export stands for
 * (summarize count() names it count_; people name it Count or Calls).
 * COLUMNS, ROWS, NAME: the Log Analytics query API's tables,
 * {"columns":[{"name":...}],"rows":[[...]]}.  RECORDS: the array of
 * records of an Event Hubs body, {"records":[...]}.
 */
#define KEY_LIST(X) \
	X(CODE, "code", 'c') X(SUBCODE, "subcode", 's') \
	X(CODE, "resultcode", 'r') X(SUBCODE, "resultsubcode", 'r') \
	X(CODE, "participantendreason", 'p') \
	X(SUBCODE, "participantendsubcode", 'p') \
	X(COUNT, "count_", 'c') X(COUNT, "count", 'c') X(COUNT, "calls", 'c') \
	X(COLUMNS, "columns", 'c') X(ROWS, "rows", 'r') X(NAME, "name", 'n') \
	X(RECORDS, "records", 'r')

#define KEY_MAX_LEN 63

/* The largest count a row of a summarized export may give: more is not
 * a count of calls, and sums stay far from overflowing. */
#define KEY_COUNT_MAX UINT64_C(1000000000000)

int parse_count(const char *s, size_t len, uint64_t *out);

enum key_kind {
	KEY_NONE, KEY_CODE, KEY_SUBCODE, KEY_COUNT, KEY_COLUMNS, KEY_ROWS,
	KEY_NAME, KEY_RECORDS,
	/* named by the reader's caller, not KEY_LIST: */
	KEY_PROPERTIES,		/* a record's "properties" object */
	KEY_TIME,		/* a record's time, by rank */
	KEY_FIELD,		/* a field of --by, by index */
};

/*
 * The fields that give a record's time, the first present: X(spelling in
 * lower case).  A CSV export's column may add " [UTC]".
 */
#define TIME_KEY_LIST(X) \
	X("timegenerated") X("time") X("callstarttime") \
	X("participantstarttime") X("timestamp")

struct key_spelling {
	enum key_kind kind;
	const char *name;	/* lower case */
	size_t len;
};

extern const struct key_spelling key_spellings[];
extern const size_t key_nspellings;

/* The fields that give a record's time, best first (TIME_KEY_LIST). */
extern const char *const time_key_names[];
extern const size_t ntime_key_names;

enum key_kind key_kind_known(const char *s, size_t len);

/*
 * Which (length, first letter) and (length, last letter) the spellings
 * have, as bits of two 64-bit masks: most keys of a log are told apart by
 * these alone, before any comparison.  (A key whose bits are set may
 * still be none of them.)
 */
#define KEY_BIT(len, c) (UINT64_C(1) << (((len) * 31u + (c)) & 63u))
#define KEY_MASK(kind, name, first) | KEY_BIT(sizeof(name) - 1, first)
#define KEY_MASK_LAST(kind, name, first) \
	| KEY_BIT(sizeof(name) - 1, \
	    (unsigned char)(name[sizeof(name) - 2] | 0x20))
static const uint64_t key_mask = 0 KEY_LIST(KEY_MASK);
static const uint64_t key_mask_last = 0 KEY_LIST(KEY_MASK_LAST);
#undef KEY_MASK
#undef KEY_MASK_LAST

/* May s[0..len) (len > 0) be one of the names whose bits are in first
 * and last?  The JSON reader asks it of the names of its caller too. */
static inline int
key_masks_have(uint64_t first, uint64_t last, const char *s, size_t len)
{
	return (first & KEY_BIT(len, (unsigned char)(s[0] | 0x20))) &&
	    (last & KEY_BIT(len, (unsigned char)(s[len - 1] | 0x20)));
}

/* What s[0..len) names, in any case. */
static inline enum key_kind
key_kind(const char *s, size_t len)
{
	if (len == 0 || len > KEY_MAX_LEN ||
	    !key_masks_have(key_mask, key_mask_last, s, len))
		return KEY_NONE;
	return key_kind_known(s, len);
}

/*
 * A "key=value", "key: value" or "key 410" a text holds, with a code or
 * subcode key: the value is the run of letters, digits, '_', '+', '-' and
 * '.' after the separator and any quotes or spaces, less a final full
 * stop.
 */
struct keyval {
	enum key_kind kind;
	const char *key, *value;
	size_t klen, vlen;
};

int next_keyval(const char **p, const char *end, const char *start,
    struct keyval *kv);

#endif
