/*
 * The lookup core: which embedded entries answer a code, a subcode or a
 * code and subcode pair.  Pure functions; nothing here does I/O.
 */
#include <string.h>

#include "lookup.h"

/* The two tables the article tells readers to fall back to. */
#define GENERIC_CODES "generic-codes"
#define GENERIC_SUBCODES "generic-subcodes"

enum number_status
parse_number(const char *s, uint32_t *out)
{
	uint32_t n = 0;
	size_t len;

	len = strlen(s);
	if (len == 0)
		return NUMBER_EMPTY;
	if (strspn(s, "0123456789") != len)
		return NUMBER_NOT_DECIMAL;
	if (len > NUMBER_MAX_DIGITS)
		return NUMBER_TOO_LONG;
	for (; *s != '\0'; s++)
		n = n * 10 + (uint32_t)(*s - '0');
	*out = n;
	return NUMBER_OK;
}

const char *
number_status_string(enum number_status st)
{
	switch (st) {
	case NUMBER_OK:
		return "valid";
	case NUMBER_EMPTY:
		return "empty";
	case NUMBER_NOT_DECIMAL:
		return "not a decimal number";
	case NUMBER_TOO_LONG:
		return "more than 9 digits";
	}
	return "invalid";
}

const char *
category_name(unsigned category)
{
	switch (category) {
	case ACS_CAT_SUCCESS:
		return "Success";
	case ACS_CAT_EXPECTED_ERROR:
		return "ExpectedError";
	case ACS_CAT_UNEXPECTED_CLIENT_ERROR:
		return "UnexpectedClientError";
	case ACS_CAT_UNEXPECTED_SERVER_ERROR:
		return "UnexpectedServerError";
	default:
		return "";
	}
}

const struct acs_table *
table_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < acs_ntables; i++)
		if (strcmp(acs_tables[i].name, name) == 0)
			return &acs_tables[i];
	return NULL;
}

const struct acs_table *
entry_table(const struct acs_entry *e)
{
	return &acs_tables[e->table];
}

int
entry_has_code(const struct acs_entry *e, uint32_t code)
{
	size_t i;

	for (i = 0; i < e->ncodes; i++)
		if (e->codes[i] == code)
			return 1;
	return 0;
}

int
entry_matches_pair(const struct acs_entry *e, uint32_t code, uint32_t subcode)
{
	return e->has_subcode && e->subcode == subcode &&
	    entry_has_code(e, code);
}

int
entry_matches_number(const struct acs_entry *e, uint32_t n)
{
	return (e->has_subcode && e->subcode == n) || entry_has_code(e, n);
}

/* A row without a subcode in a table whose rows otherwise have one: the
 * "490, 491, 496, 497, 498" kind, which holds for every subcode. */
int
entry_is_code_only(const struct acs_entry *e)
{
	return entry_table(e)->has_subcode && !e->has_subcode && e->ncodes > 0;
}

static const struct acs_entry *
find_in_table(const char *name, int by_subcode, uint32_t n)
{
	const struct acs_table *t;
	const struct acs_entry *e, *end;

	if ((t = table_by_name(name)) == NULL)
		return NULL;
	end = acs_entries + t->first + t->count;
	for (e = acs_entries + t->first; e < end; e++)
		if (by_subcode ? e->has_subcode && e->subcode == n :
		    entry_has_code(e, n))
			return e;
	return NULL;
}

const struct acs_entry *
generic_status(uint32_t code)
{
	return find_in_table(GENERIC_CODES, 0, code);
}

const struct acs_entry *
generic_subcode(uint32_t subcode)
{
	return find_in_table(GENERIC_SUBCODES, 1, subcode);
}

static size_t
add(const struct acs_entry **out, size_t cap, size_t n,
    const struct acs_entry *e)
{
	if (n < cap)
		out[n] = e;
	return n + 1;
}

size_t
lookup_pair_exact(uint32_t code, uint32_t subcode,
    const struct acs_entry **out, size_t cap)
{
	size_t i, n = 0;

	for (i = 0; i < acs_nentries; i++)
		if (entry_matches_pair(&acs_entries[i], code, subcode))
			n = add(out, cap, n, &acs_entries[i]);
	return n;
}

/*
 * Every entry whose code and subcode are exactly these; when no table has
 * the pair, the generic meaning of the subcode, as the article advises
 * (*is_generic is then set).
 */
size_t
lookup_pair(uint32_t code, uint32_t subcode, const struct acs_entry **out,
    size_t cap, int *is_generic)
{
	const struct acs_entry *e;
	size_t n;

	*is_generic = 0;
	if ((n = lookup_pair_exact(code, subcode, out, cap)) > 0)
		return n;
	if ((e = generic_subcode(subcode)) == NULL)
		return 0;
	*is_generic = 1;
	return add(out, cap, 0, e);
}

/* What the article says of CODE whatever the subcode: the code-only rows
 * and the generic status code. */
size_t
code_context(uint32_t code, const struct acs_entry **out, size_t cap)
{
	const struct acs_entry *e, *generic;
	size_t i, n = 0;

	generic = generic_status(code);
	for (i = 0; i < acs_nentries; i++) {
		e = &acs_entries[i];
		if (e == generic ||
		    (entry_is_code_only(e) && entry_has_code(e, code)))
			n = add(out, cap, n, e);
	}
	return n;
}

size_t
lookup_number(uint32_t number, const struct acs_entry **out, size_t cap)
{
	size_t i, n = 0;

	for (i = 0; i < acs_nentries; i++)
		if (entry_matches_number(&acs_entries[i], number))
			n = add(out, cap, n, &acs_entries[i]);
	return n;
}

/* The distinct codes SUBCODE is documented with, ascending; at most cap. */
size_t
codes_with_subcode(uint32_t subcode, uint32_t *out, size_t cap)
{
	const struct acs_entry *e;
	size_t i, j, k, n = 0;

	for (i = 0; i < acs_nentries; i++) {
		e = &acs_entries[i];
		if (!e->has_subcode || e->subcode != subcode)
			continue;
		for (j = 0; j < e->ncodes; j++) {
			for (k = 0; k < n && out[k] < e->codes[j]; k++)
				continue;
			if (k < n && out[k] == e->codes[j])
				continue;
			if (n == cap)
				return n;
			memmove(out + k + 1, out + k, (n - k) * sizeof(*out));
			out[k] = e->codes[j];
			n++;
		}
	}
	return n;
}
