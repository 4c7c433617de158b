/*
 * The article's fallback ladder.  For a code and subcode pair the answer
 * is the most exact level that applies: the entries with this code and
 * subcode; else the generic meaning of the subcode ("If your error isn't
 * in this table, refer to the generic codes and subcodes"); else what the
 * code means whatever the subcode; else what the article says of the
 * code's class.  Besides the answer come the code's meaning as context
 * (after the first two levels), the PSTN SBC rule for subcodes starting
 * 560 or 540, and the tips that apply.  No I/O.
 */
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "lookup.h"
#include "search.h"

static const char *const match_names[] = {
#define X(id, name) name,
	MATCH_LIST(X)
#undef X
};

const char *
match_name(enum match m)
{
	return m < MATCH_NONE ? match_names[m] : "";
}

/* Room for the entries of an answer and its context: at most every entry
 * each.  Returns -1 if memory ran out. */
int
answer_init(struct answer *a)
{
	memset(a, 0, sizeof(*a));
	/* an array of pointers */
	/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
	a->buf = calloc(2 * acs_nentries, sizeof(*a->buf));
	return a->buf != NULL ? 0 : -1;
}

void
answer_free(struct answer *a)
{
	free(a->buf);
	memset(a, 0, sizeof(*a));
}

/* Does a tip follow this entry?  Not one whose category is Success. */
int
entry_brings_tips(const struct acs_entry *e)
{
	return e->category != ACS_CAT_SUCCESS;
}

/* The tips that follow entry e, in the order of tips.csv; at most cap. */
size_t
entry_tips(const struct acs_entry *e, const struct acs_tip **out, size_t cap)
{
	return entry_brings_tips(e) ? tips_for(&e, 1, NULL, out, cap) : 0;
}

/* The SBC rule, if the subcode starts with its prefix, and the SIP code
 * its last three digits are, if they are one. */
static void
set_rule(struct answer *a, uint32_t subcode, uint64_t tables)
{
	if ((a->rule = sbc_rule(subcode, tables)) == NULL)
		return;
	a->rule_subcode = subcode;
	a->sip = sip_response(subcode % 1000);
}

/*
 * The tips that follow the answer: those of its entries and context, but
 * none after an answer whose category is Success, and none brought by a
 * Success entry of the context.
 */
static void
choose_tips(struct answer *a)
{
	size_t i, t, n = a->nentries + a->ncontext;

	for (i = 0; i < a->nentries; i++)
		if (entry_brings_tips(a->entries[i]))
			break;
	if (a->nentries > 0 && i == a->nentries)
		return;
	for (t = 0; t < acs_ntips && a->ntips < ANSWER_MAX_TIPS; t++)
		for (i = 0; i < n; i++) {
			const struct acs_entry *e = i < a->nentries ?
			    a->entries[i] : a->context[i - a->nentries];

			if (entry_brings_tips(e) &&
			    tip_applies(&acs_tips[t], e)) {
				a->tips[a->ntips++] = &acs_tips[t];
				break;
			}
		}
}

static void
answer_pair(struct answer *a, uint32_t code, uint32_t subcode,
    uint64_t tables, int exact_only)
{
	uint64_t pt = pair_tables(tables);
	const struct acs_entry *g;

	a->nentries = lookup_pair_exact(code, subcode, pt, a->entries,
	    acs_nentries);
	if (a->nentries > 0)
		a->level = MATCH_EXACT;
	if (exact_only)
		return;
	if (a->level == MATCH_NONE && (g = generic_subcode(subcode, pt)) !=
	    NULL) {
		a->entries[a->nentries++] = g;
		a->level = MATCH_GENERIC_SUBCODE;
	}
	if (a->level != MATCH_NONE)
		a->ncontext = code_meaning(code, pt, a->context, acs_nentries);
	else if ((a->nentries = code_meaning(code, pt, a->entries,
	    acs_nentries)) > 0)
		a->level = MATCH_CODE;
	else if ((a->cls = code_class(code, pt, subcode_is_pstn(subcode,
	    tables))) != NULL)
		a->level = MATCH_CLASS;
	set_rule(a, subcode, pt);
}

/* A single number: a code or a subcode (kind QUERY_NUMBER), or one named
 * as such. */
static void
answer_number(struct answer *a, uint32_t n, enum query_kind kind,
    uint64_t tables, int exact_only)
{
	if (kind == QUERY_NUMBER)
		a->nentries = lookup_number(n, tables, a->entries,
		    acs_nentries);
	else
		a->nentries = lookup_key(n, kind == QUERY_SUBCODE, tables,
		    a->entries, acs_nentries);
	if (a->nentries > 0)
		a->level = MATCH_EXACT;
	if (exact_only)
		return;
	if (kind != QUERY_SUBCODE)
		a->cls = code_class(n, tables, tables_chosen(tables,
		    ACS_ROLE_PSTN));
	if (kind != QUERY_CODE)
		set_rule(a, n, tables);
	if (a->level == MATCH_NONE && a->cls != NULL)
		a->level = MATCH_CLASS;
}

/*
 * Answer the query q in TABLES; with exact_only, with exact entries only
 * (no fallback, context, class or rule).  a must have been set up by
 * answer_init.
 */
void
answer_query(struct answer *a, const struct query *q, uint64_t tables,
    int exact_only)
{
	const struct acs_entry **buf = a->buf;

	memset(a, 0, sizeof(*a));
	a->buf = buf;
	a->q = *q;
	a->level = MATCH_NONE;
	a->entries = buf;
	a->context = buf + acs_nentries;
	if (q->name != NULL)
		tables &= q->name->tables;
	if (q->kind == QUERY_PAIR)
		answer_pair(a, q->code, q->subcode, tables, exact_only);
	else
		answer_number(a, q->code, q->kind, tables, exact_only);
	if (a->level == MATCH_NONE && a->rule != NULL)
		a->level = MATCH_RULE;
	choose_tips(a);
}

/* Is there anything to print? */
int
answer_found(const struct answer *a)
{
	return a->level != MATCH_NONE;
}
