/*
 * The names logs give a code and a subcode, one list for every reader: the
 * query parser, the JSON reader, the text and CSV readers of the scanner.
 * Matched without regard to ASCII case.
 */
#ifndef ACSDIAG_KEYS_H
#define ACSDIAG_KEYS_H

#include <stddef.h>

/*
 * X(KIND, spelling in lower case, its first letter): a Calling SDK
 * callEndReason and a Call Automation resultInformation say code and
 * subCode, the Call Automation media summary ResultCode and ResultSubcode,
 * the call summary ParticipantEndReason and ParticipantEndSubCode.  No two
 * spellings of one length may start with different letters (the first
 * letter by length is how most keys of a log are told apart at once; a
 * unit test reads every spelling).
 */
#define KEY_LIST(X) \
	X(CODE, "code", 'c') X(SUBCODE, "subcode", 's') \
	X(CODE, "resultcode", 'r') X(SUBCODE, "resultsubcode", 'r') \
	X(CODE, "participantendreason", 'p') \
	X(SUBCODE, "participantendsubcode", 'p')

#define KEY_MAX_LEN 63

enum key_kind { KEY_NONE, KEY_CODE, KEY_SUBCODE };

struct key_spelling {
	enum key_kind kind;
	const char *name;	/* lower case */
	size_t len;
};

extern const struct key_spelling key_spellings[];
extern const size_t key_nspellings;

enum key_kind key_kind_known(const char *s, size_t len);

/* The first letter of a spelling, by its length. */
#define KEY_FIRST(kind, name, first) [sizeof(name) - 1] = first,
static const char key_first[KEY_MAX_LEN + 1] = { KEY_LIST(KEY_FIRST) };
#undef KEY_FIRST

/* What s[0..len) names, in any case: the code, the subcode or neither.
 * Most keys are told apart by their length and first letter alone. */
static inline enum key_kind
key_kind(const char *s, size_t len)
{
	if (len > KEY_MAX_LEN || key_first[len] == 0 ||
	    (s[0] | 0x20) != key_first[len])
		return KEY_NONE;
	return key_kind_known(s, len);
}

/*
 * A "key=value", "key: value" or "key 410" a text holds, with a key of the
 * list: the value is the run of letters, digits, '_', '+', '-' and '.'
 * after the separator and any quotes or spaces, less a final full stop.
 */
struct keyval {
	enum key_kind kind;
	const char *key, *value;
	size_t klen, vlen;
};

int next_keyval(const char **p, const char *end, const char *start,
    struct keyval *kv);

#endif
