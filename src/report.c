/*
 * The decisions behind a scan's summary (see report.h).  A pair is
 * explained by the lookup's ladder: its exact entries (all of them: a
 * pair may be in several tables), else the generic subcode, else what the
 * code means, else, for a subcode of the PSTN SBC rule, the rule (it says
 * more of such a pair than the code's class), else the class.  A code
 * alone is explained by the rows of its meaning (its first, code_entry,
 * is how --complete=codes describes it), else its class.
 */
#include <string.h>

#include "lookup.h"
#include "report.h"

/* A code alone: the entries that describe it alone, else its class. */
static void
report_code(uint32_t code, uint64_t tables, struct pair_report *r)
{
	const struct acs_entry *e;

	r->nentries = code_meaning(code, tables, r->entries,
	    REPORT_MAX_ENTRIES);
	if (r->nentries > REPORT_MAX_ENTRIES)
		r->nentries = REPORT_MAX_ENTRIES;
	if (r->nentries == 0 && (e = code_entry(code, tables)) != NULL)
		r->entries[r->nentries++] = e;
	if (r->nentries > 0)
		r->level = MATCH_EXACT;
	else if ((r->cls = code_class(code, tables, code_documented(code,
	    tables & acs_role_tables[ACS_ROLE_PSTN]))) != NULL)
		r->level = MATCH_CLASS;
}

/* A code and subcode: the answer of a lookup. */
static int
report_answer(const struct scan_pair *p, uint64_t tables,
    struct pair_report *r)
{
	static struct answer a;
	struct query q = { QUERY_PAIR, p->code, p->subcode, 0 };

	if (a.buf == NULL && answer_init(&a) != 0)
		return -1;
	answer_query(&a, &q, tables, 0);
	r->level = a.level;
	for (size_t i = 0; i < a.nentries && i < REPORT_MAX_ENTRIES; i++)
		r->entries[r->nentries++] = a.entries[i];
	r->cls = a.cls;
	if (a.rule != NULL && (a.level == MATCH_CLASS ||
	    a.level == MATCH_RULE)) {
		r->level = MATCH_RULE;
		r->rule = a.rule;
		r->sip = a.sip;
		r->cls = NULL;
	}
	return 0;
}

/* What explains the pair p in TABLES.  Returns -1 if memory ran out. */
int
report_pair(const struct scan_pair *p, uint64_t tables, struct pair_report *r)
{
	memset(r, 0, sizeof(*r));
	r->pair = p;
	r->level = MATCH_NONE;
	if (p->subcode == SCAN_NO_SUBCODE)
		report_code(p->code, tables, r);
	else if (report_answer(p, tables, r) != 0)
		return -1;
	if (r->level == MATCH_NONE && tables != ACS_ALL_TABLES) {
		struct pair_report all;

		if (report_pair(p, ACS_ALL_TABLES, &all) != 0)
			return -1;
		r->elsewhere = all.level != MATCH_NONE;
	}
	return 0;
}

/* The category of what explains a pair: its first entry's. */
unsigned
report_category(const struct pair_report *r)
{
	return r->nentries > 0 ? r->entries[0]->category : ACS_CAT_NONE;
}

/* The message of what explains a pair; NULL if nothing does. */
const char *
report_message(const struct pair_report *r)
{
	if (r->nentries > 0)
		return r->entries[0]->message;
	if (r->rule != NULL)
		return r->rule->message;
	return r->cls != NULL ? r->cls->message : NULL;
}

/* The totals of the n pairs reported in r. */
void
report_totals(const struct pair_report *r, size_t n,
    const struct scan_stats *st, struct scan_totals *tot)
{
	memset(tot, 0, sizeof(*tot));
	tot->records = st->records;
	tot->overflow = st->overflow;
	tot->undocumented = st->overflow;
	for (size_t i = 0; i < n; i++) {
		if (r[i].level == MATCH_NONE)
			tot->undocumented += r[i].pair->count;
		else
			tot->by_category[report_category(&r[i])] +=
			    r[i].pair->count;
	}
}
