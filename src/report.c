/*
 * The decisions behind a scan's summary (see report.h).  A pair is
 * explained as a lookup would: its exact entry, else the generic subcode;
 * a code alone by the entry that describes it alone (code_entry, as
 * --complete=codes describes it).
 */
#include <string.h>

#include "lookup.h"
#include "report.h"

/* What explains the pair p in TABLES. */
void
report_pair(const struct scan_pair *p, uint64_t tables, struct pair_report *r)
{
	int64_t subcode = p->subcode == SCAN_NO_SUBCODE ? -1 :
	    (int64_t)p->subcode;

	r->pair = p;
	r->entry = pair_entry(p->code, subcode, tables);
	r->elsewhere = r->entry == NULL && tables != ACS_ALL_TABLES &&
	    pair_entry(p->code, subcode, ACS_ALL_TABLES) != NULL;
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
		if (r[i].entry == NULL)
			tot->undocumented += r[i].pair->count;
		else
			tot->by_category[r[i].entry->category <
			    ACS_NCATEGORIES ? r[i].entry->category :
			    ACS_CAT_NONE] += r[i].pair->count;
	}
}
