/*
 * The lookup core: which embedded entries answer a code, a subcode or a
 * code and subcode pair.  Pure functions; nothing here does I/O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lookup.h"


/* Read s[0..len) as a number of 1 to 9 decimal digits; leading zeros do
 * not count ("0000000410" is 410). */
enum number_status
parse_digits(const char *s, size_t len, uint32_t *out)
{
	uint32_t n = 0;
	size_t i;

	if (len == 0)
		return NUMBER_EMPTY;
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return NUMBER_NOT_DECIMAL;
	while (len > 1 && *s == '0') {
		s++;
		len--;
	}
	if (len > NUMBER_MAX_DIGITS)
		return NUMBER_TOO_LONG;
	for (i = 0; i < len; i++)
		n = n * 10 + (uint32_t)(s[i] - '0');
	*out = n;
	return NUMBER_OK;
}

enum number_status
parse_number(const char *s, uint32_t *out)
{
	return parse_digits(s, strlen(s), out);
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

#define NAME(id, name) name,
static const char *const category_names[] = { ACS_CATEGORY_LIST(NAME) };
/* The kinds of source as --json names them: "article", "upstream",
 * "iana"; acs_sources[i].kind is always one (gencodes checks). */
const char *const source_kinds[ACS_NSOURCE_KINDS] = {
	ACS_SOURCE_KIND_LIST(NAME)
};
#undef NAME

/* A category's name as the article spells it; "" for none. */
const char *
category_name(unsigned category)
{
	return category < ACS_NCATEGORIES ? category_names[category] : "";
}

static const struct acs_table *
table_by_name_len(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < acs_ntables; i++)
		if (strncmp(acs_tables[i].name, name, len) == 0 &&
		    acs_tables[i].name[len] == '\0')
			return &acs_tables[i];
	return NULL;
}

const struct acs_table *
table_by_name(const char *name)
{
	return table_by_name_len(name, strlen(name));
}

/*
 * Add the tables named in LIST, "pstn,call-end", to *tables.  On an
 * unknown or empty name, return -1 with *bad and *badlen pointing at it.
 */
int
parse_tables(const char *list, uint64_t *tables, const char **bad,
    size_t *badlen)
{
	const struct acs_table *t;
	const char *p = list;
	size_t len;

	for (;;) {
		len = strcspn(p, ",");
		if ((t = table_by_name_len(p, len)) == NULL || len == 0) {
			*bad = p;
			*badlen = len;
			return -1;
		}
		*tables |= UINT64_C(1) << (t - acs_tables);
		if (p[len] == '\0')
			return 0;
		p += len + 1;
	}
}

const struct acs_table *
entry_table(const struct acs_entry *e)
{
	return &acs_tables[e->table];
}

int
entry_in_tables(const struct acs_entry *e, uint64_t tables)
{
	return (int)((tables >> e->table) & 1);
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

/* A row with a code and no subcode: a code-only row of the calling and
 * call end tables ("490, 491, 496, 497, 498"), a Chat, SMS or generic
 * status code. */
int
entry_is_code_only(const struct acs_entry *e)
{
	return !e->has_subcode && e->ncodes > 0;
}

/*
 * The tables that may answer a code and subcode pair, a call's result:
 * not the message tables (Chat, SMS), which have no subcodes, unless -t
 * named them.
 */
uint64_t
pair_tables(uint64_t tables)
{
	if (tables == ACS_ALL_TABLES)
		return ~acs_role_tables[ACS_ROLE_MESSAGE];
	return tables;
}

/* Did -t choose the table of ROLE (rather than all tables)? */
int
tables_chosen(uint64_t tables, enum acs_role role)
{
	return tables != ACS_ALL_TABLES && (tables & acs_role_tables[role]);
}

/* The first entry of the tables of ROLE among TABLES with this code (or
 * subcode, by_subcode set). */
static const struct acs_entry *
find_in_role(enum acs_role role, int by_subcode, uint32_t n, uint64_t tables)
{
	const struct acs_entry *e;

	if (lookup_key(n, by_subcode, acs_role_tables[role] & tables, &e,
	    1) > 0)
		return e;
	return NULL;
}

const struct acs_entry *
generic_status(uint32_t code, uint64_t tables)
{
	return find_in_role(ACS_ROLE_GENERIC_CODES, 0, code, tables);
}

const struct acs_entry *
generic_subcode(uint32_t subcode, uint64_t tables)
{
	return find_in_role(ACS_ROLE_GENERIC_SUBCODES, 1, subcode, tables);
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
lookup_pair_exact(uint32_t code, uint32_t subcode, uint64_t tables,
    const struct acs_entry **out, size_t cap)
{
	size_t i, n = 0;

	for (i = 0; i < acs_nentries; i++)
		if (entry_in_tables(&acs_entries[i], tables) &&
		    entry_matches_pair(&acs_entries[i], code, subcode))
			n = add(out, cap, n, &acs_entries[i]);
	return n;
}

/* The rows of TABLES that have CODE and no subcode, in table order. */
static size_t
code_rows(uint32_t code, uint64_t tables, const struct acs_entry **out,
    size_t cap)
{
	const struct acs_entry *e;
	size_t i, n = 0;

	for (i = 0; i < acs_nentries; i++) {
		e = &acs_entries[i];
		if (entry_in_tables(e, tables) && entry_is_code_only(e) &&
		    entry_has_code(e, code))
			n = add(out, cap, n, e);
	}
	return n;
}

/*
 * What CODE means whatever the subcode: the rows of the tables that answer
 * pairs that have this code and no subcode, the generic status code among
 * them, in table order.
 */
size_t
code_meaning(uint32_t code, uint64_t tables, const struct acs_entry **out,
    size_t cap)
{
	return code_rows(code, pair_tables(tables), out, cap);
}

/*
 * The one entry that describes CODE alone, for --complete=codes and
 * --scan: the first row of its meaning (a call table's before the generic
 * status code: 503 is "Communication Services infrastructure error"),
 * else its row without a subcode in TABLES (a Chat or SMS code).  NULL if
 * no row documents the code alone.
 */
const struct acs_entry *
code_entry(uint32_t code, uint64_t tables)
{
	const struct acs_entry *e;

	if (code_meaning(code, tables, &e, 1) > 0 ||
	    code_rows(code, tables, &e, 1) > 0)
		return e;
	return NULL;
}

/*
 * A line that describes CODE alone, for --complete=codes: the message of
 * the entry that describes it alone, else what the article says of its
 * class (its ParticipantEndReason group if the PSTN table has the code);
 * NULL if neither.
 */
const char *
code_description(uint32_t code, uint64_t tables)
{
	const struct acs_entry *e = code_entry(code, tables);
	const struct acs_class *c;

	if (e != NULL)
		return e->message;
	c = code_class(code, tables, code_documented(code, tables &
	    acs_role_tables[ACS_ROLE_PSTN]));
	return c != NULL ? c->message : NULL;
}

/* A line that describes SUBCODE, for --complete=subcodes: the message of
 * its first row (with CODE, if with_code is set); NULL if none. */
const char *
subcode_description(uint32_t subcode, int with_code, uint32_t code,
    uint64_t tables)
{
	const struct acs_entry *e;

	for (size_t i = 0; i < acs_nentries; i++) {
		e = &acs_entries[i];
		if (entry_in_tables(e, tables) && e->has_subcode &&
		    e->subcode == subcode && (!with_code ||
		    entry_has_code(e, code)))
			return e->message;
	}
	return NULL;
}

/* Is CODE the code (not the subcode) of an entry in TABLES? */
int
code_documented(uint32_t code, uint64_t tables)
{
	for (size_t i = 0; i < acs_nentries; i++)
		if (entry_in_tables(&acs_entries[i], tables) &&
		    entry_has_code(&acs_entries[i], code))
			return 1;
	return 0;
}

size_t
lookup_number(uint32_t number, uint64_t tables, const struct acs_entry **out,
    size_t cap)
{
	size_t i, n = 0;

	for (i = 0; i < acs_nentries; i++)
		if (entry_in_tables(&acs_entries[i], tables) &&
		    entry_matches_number(&acs_entries[i], number))
			n = add(out, cap, n, &acs_entries[i]);
	return n;
}

/* Every entry whose code is CODE; with subcode set, whose subcode is it. */
size_t
lookup_key(uint32_t n, int subcode, uint64_t tables,
    const struct acs_entry **out, size_t cap)
{
	const struct acs_entry *e;
	size_t i, count = 0;

	/* a table's entries are acs_entries[first, first + count) */
	for (size_t t = 0; t < acs_ntables; t++) {
		if (!((tables >> t) & 1))
			continue;
		for (i = acs_tables[t].first; i < acs_tables[t].first +
		    acs_tables[t].count; i++) {
			e = &acs_entries[i];
			if (subcode ? e->has_subcode && e->subcode == n :
			    entry_has_code(e, n))
				count = add(out, cap, count, e);
		}
	}
	return count;
}

/* Add v to the ascending, distinct out[0..n) unless there or full. */
static size_t
add_sorted(uint32_t *out, size_t n, size_t cap, uint32_t v)
{
	size_t k;

	for (k = 0; k < n && out[k] < v; k++)
		continue;
	if ((k < n && out[k] == v) || n == cap)
		return n;
	memmove(out + k + 1, out + k, (n - k) * sizeof(*out));
	out[k] = v;
	return n + 1;
}

/* Room for every distinct number the tables hold, *cap of them: NULL if
 * memory ran out. */
uint32_t *
number_buffer(size_t *cap)
{
	*cap = acs_nentries * (ACS_MAX_CODES + 1);
	return calloc(*cap, sizeof(uint32_t));
}

/* The distinct codes SUBCODE is documented with, ascending; at most cap. */
size_t
codes_with_subcode(uint32_t subcode, uint64_t tables, uint32_t *out,
    size_t cap)
{
	const struct acs_entry *e;
	size_t i, j, n = 0;

	for (i = 0; i < acs_nentries; i++) {
		e = &acs_entries[i];
		if (!entry_in_tables(e, tables) || !e->has_subcode ||
		    e->subcode != subcode)
			continue;
		for (j = 0; j < e->ncodes; j++)
			n = add_sorted(out, n, cap, e->codes[j]);
	}
	return n;
}

/* All the distinct codes (which 0), subcodes (1) or both (-1) of
 * TABLES, ascending; at most cap. */
size_t
all_numbers(int which, uint64_t tables, uint32_t *out, size_t cap)
{
	const struct acs_entry *e;
	size_t i, j, n = 0;

	for (i = 0; i < acs_nentries; i++) {
		e = &acs_entries[i];
		if (!entry_in_tables(e, tables))
			continue;
		if (which != 0 && e->has_subcode)
			n = add_sorted(out, n, cap, e->subcode);
		for (j = 0; which != 1 && j < e->ncodes; j++)
			n = add_sorted(out, n, cap, e->codes[j]);
	}
	return n;
}

/* The distinct subcodes documented with CODE, ascending; at most cap. */
size_t
subcodes_with_code(uint32_t code, uint64_t tables, uint32_t *out, size_t cap)
{
	const struct acs_entry *e;
	size_t i, n = 0;

	for (i = 0; i < acs_nentries; i++) {
		e = &acs_entries[i];
		if (entry_in_tables(e, tables) && e->has_subcode &&
		    entry_has_code(e, code))
			n = add_sorted(out, n, cap, e->subcode);
	}
	return n;
}

/*
 * Optimal string alignment distance between a and b (insertions,
 * deletions, substitutions and transpositions of adjacent characters),
 * up to max: any larger distance is returned as max + 1.  Strings longer
 * than EDIT_MAX_LEN are only equal or far.
 */
size_t
edit_distance(const char *a, size_t an, const char *b, size_t bn, size_t max)
{
	size_t row[3][EDIT_MAX_LEN + 1], *prev2 = row[0], *prev = row[1],
	    *cur = row[2], *tmp, i, j;

	if (an > bn ? an - bn > max : bn - an > max)
		return max + 1;
	if (an > EDIT_MAX_LEN || bn > EDIT_MAX_LEN)
		return an == bn && memcmp(a, b, an) == 0 ? 0 : max + 1;
	for (j = 0; j <= bn; j++)
		prev[j] = j;
	for (i = 1; i <= an; i++) {
		cur[0] = i;
		for (j = 1; j <= bn; j++) {
			size_t cost = a[i - 1] != b[j - 1], d;

			d = prev[j - 1] + cost;
			if (prev[j] + 1 < d)
				d = prev[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < d)
				d = prev2[j - 2] + 1;
			cur[j] = d;
		}
		tmp = prev2;
		prev2 = prev;
		prev = cur;
		cur = tmp;
	}
	return prev[bn] > max ? max + 1 : prev[bn];
}

static int
near(uint32_t n, const char *digits, size_t len, uint32_t v)
{
	char buf[16];
	size_t vlen;

	if (v == n)
		return 0;
	vlen = (size_t)snprintf(buf, sizeof(buf), "%u", v);
	return edit_distance(digits, len, buf, vlen, 1) <= 1;
}

/*
 * The documented codes and subcodes one typo away from N (a digit changed,
 * added, dropped or two swapped), distinct and ascending; at most cap.
 */
size_t
numbers_near(uint32_t number, uint64_t tables, uint32_t *out, size_t cap)
{
	const struct acs_entry *e;
	char digits[16];
	size_t i, j, len, n = 0;

	len = (size_t)snprintf(digits, sizeof(digits), "%u", number);
	for (i = 0; i < acs_nentries; i++) {
		e = &acs_entries[i];
		if (!entry_in_tables(e, tables))
			continue;
		for (j = 0; j < e->ncodes; j++)
			if (near(number, digits, len, e->codes[j]))
				n = add_sorted(out, n, cap, e->codes[j]);
		if (e->has_subcode && near(number, digits, len, e->subcode))
			n = add_sorted(out, n, cap, e->subcode);
	}
	return n;
}

/*
 * Is a pair with this subcode a PSTN call's: does the subcode start with
 * the prefix of an SBC rule (560, 540), or does the PSTN table list it, or
 * did -t choose the PSTN table?
 */
int
subcode_is_pstn(uint32_t subcode, uint64_t tables)
{
	if (sbc_rule(subcode, ACS_ALL_TABLES) != NULL ||
	    tables_chosen(tables, ACS_ROLE_PSTN))
		return 1;
	return lookup_key(subcode, 1, acs_role_tables[ACS_ROLE_PSTN], NULL,
	    0) > 0;
}

static const struct acs_class *
class_in(uint32_t code, uint64_t mask)
{
	for (size_t i = 0; i < acs_nclasses; i++)
		if ((mask >> acs_classes[i].table & 1) &&
		    acs_classes[i].first <= code && code <= acs_classes[i].last)
			return &acs_classes[i];
	return NULL;
}

/*
 * What the article says of CODE's class: for a PSTN call (pstn set), its
 * ParticipantEndReason group, else or failing that the class of status
 * codes (2xx, 4xx, 5xx, 6xx).  NULL if none applies in TABLES.
 */
const struct acs_class *
code_class(uint32_t code, uint64_t tables, int pstn)
{
	const struct acs_class *c = NULL;

	if (pstn)
		c = class_in(code, acs_role_tables[ACS_ROLE_PSTN] & tables);
	if (c == NULL)
		c = class_in(code, acs_role_tables[ACS_ROLE_GENERIC_CODES] &
		    tables);
	return c;
}

/* The SBC rule for a subcode of six digits starting with its prefix
 * (560xxx, 540xxx), if its table is among TABLES. */
const struct acs_rule *
sbc_rule(uint32_t subcode, uint64_t tables)
{
	for (size_t i = 0; i < acs_nrules; i++)
		if (subcode / 1000 == acs_rules[i].prefix &&
		    (tables >> acs_rules[i].table & 1))
			return &acs_rules[i];
	return NULL;
}

/* The SIP response code CODE and its reason phrase, or NULL. */
const struct acs_sip *
sip_response(uint32_t code)
{
	size_t lo = 0, hi = acs_nsips;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (acs_sips[mid].code == code)
			return &acs_sips[mid];
		if (acs_sips[mid].code < code)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
