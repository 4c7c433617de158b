/*
 * The key spellings of KEY_LIST, the value a count may have, and reading
 * "key=value" pairs of text.  No I/O.
 */
#include <stdint.h>
#include <strings.h>

#include "fold.h"
#include "keys.h"

#define SPELLING(kind, name, first) { KEY_##kind, name, sizeof(name) - 1 },
const struct key_spelling key_spellings[] = { KEY_LIST(SPELLING) };
#undef SPELLING
const size_t key_nspellings = sizeof(key_spellings) /
    sizeof(key_spellings[0]);

#define TIME_NAME(name) name,
const char *const time_key_names[] = { TIME_KEY_LIST(TIME_NAME) };
#undef TIME_NAME
const size_t ntime_key_names = sizeof(time_key_names) /
    sizeof(time_key_names[0]);

/* What s[0..len) names, past key_kind's first look. */
enum key_kind
key_kind_known(const char *s, size_t len)
{
	for (size_t i = 0; i < key_nspellings; i++)
		if (key_spellings[i].len == len &&
		    strncasecmp(s, key_spellings[i].name, len) == 0)
			return key_spellings[i].kind;
	return KEY_NONE;
}

/*
 * The count of a row of a summarized export, s[0..len): 1 to 13 digits
 * (leading zeros included), at most KEY_COUNT_MAX.  Returns 0 with *out
 * set, or -1 if it is no count.  The JSON and CSV readers both ask this.
 */
int
parse_count(const char *s, size_t len, uint64_t *out)
{
	uint64_t n = 0;

	if (len == 0 || len > 13)
		return -1;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (uint64_t)(s[i] - '0');
	}
	if (n > KEY_COUNT_MAX)
		return -1;
	*out = n;
	return 0;
}

static int
is_quote_or_blank(char c)
{
	return c == ' ' || c == '\t' || c == '"' || c == '\'';
}

static int
is_value_byte(char c)
{
	return is_word_byte((unsigned char)c) || c == '-' || c == '+' ||
	    c == '.';
}

/*
 * Find the next key of the list at or after *p, before end, with '=' or
 * ':' after it (quotes and blanks around allowed): code=410,
 * "subCode": "3112", ParticipantEndReason: 0; or, as free text writes it,
 * blanks and a digit: "code 487 and subcode 5001".  A key starts with a
 * letter that does not follow a letter, digit or '_' (start is where the
 * text begins).  Fill kv, move *p past the value and return 1; return 0
 * when there is none.
 */
int
next_keyval(const char **p, const char *end, const char *start,
    struct keyval *kv)
{
	const char *s = *p, *v;

	while (s < end) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) ||
		    (s > start && is_word_byte((unsigned char)s[-1]))) {
			s++;
			continue;
		}
		for (kv->key = s; s < end && is_word_byte((unsigned char)*s);
		    s++)
			continue;
		kv->klen = (size_t)(s - kv->key);
		kv->kind = key_kind(kv->key, kv->klen);
		if (kv->kind != KEY_CODE && kv->kind != KEY_SUBCODE)
			continue;
		for (v = s; v < end && is_quote_or_blank(*v); v++)
			continue;
		if (v < end && (*v == '=' || *v == ':')) {
			for (v++; v < end && is_quote_or_blank(*v); v++)
				continue;
		} else if (!(v > s && v < end && *v >= '0' && *v <= '9' &&
		    (*s == ' ' || *s == '\t')))
			continue;	/* free text takes "code 410" only */
		for (kv->value = v; v < end && is_value_byte(*v); v++)
			continue;
		kv->vlen = (size_t)(v - kv->value);
		/* a full stop ends a sentence, not the number */
		while (kv->vlen > 0 && kv->value[kv->vlen - 1] == '.')
			kv->vlen--;
		*p = v;
		return 1;
	}
	*p = s;
	return 0;
}
