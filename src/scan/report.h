/*
 * What a scan's summary says, decided over the tally and the tables: what
 * explains each pair, by the lookup's ladder, and the totals by category.
 * No I/O; print_scan.c formats it.
 */
#ifndef ACSDIAG_REPORT_H
#define ACSDIAG_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/answer.h"
#include "core/codes.h"
#include "scan.h"

/* Most entries a pair's report lists (403/510403: call end and PSTN). */
#define REPORT_MAX_ENTRIES 8

/* What explains a pair seen in a log. */
struct pair_report {
	const struct scan_pair *pair;
	enum match level;	/* how exact; MATCH_NONE: nothing */
	const struct acs_entry *entries[REPORT_MAX_ENTRIES];
	size_t nentries;	/* levels exact, generic-subcode, code */
	const struct acs_class *cls;	/* level class */
	const struct acs_rule *rule;	/* level rule */
	int elsewhere;		/* nothing in the tables chosen; in others */
};

/* The records of a group of a scan (the entries of one bucket, or of
 * all), by what explains them. */
struct group_totals {
	uint64_t records;
	uint64_t by_category[ACS_NCATEGORIES];	/* [ACS_CAT_NONE]: explained,
						 * with no category */
	uint64_t undocumented;		/* explained by nothing */
	uint64_t failures;		/* UnexpectedClientError and
					 * UnexpectedServerError */
};

/* What print_scan prints. */
struct scan_result {
	const struct scan_tally *tally;	/* its buckets and view */
	const struct scan_pair *pairs;	/* its entries, in order */
	const struct pair_report *reports;	/* what explains each */
	size_t n;
	size_t distinct;		/* distinct pairs, whatever the
					 * buckets */
	struct group_totals totals;	/* of all records: those lumped
					 * past the cap undocumented */
	uint64_t overflow;		/* those lumped past the cap */
};

int report_pair(const struct scan_pair *p, uint64_t tables,
    struct pair_report *r);
ptrdiff_t report_pairs(const struct scan_pair *p, size_t n, uint64_t tables,
    struct pair_report *r);
void report_sort(struct scan_pair *p, size_t n, const struct scan_tally *t);
uint32_t *report_rank(const struct scan_tally *t, int d,
    const struct scan_pair *p, size_t n);
int report_same_group(const struct scan_pair *a, const struct scan_pair *b,
    int ndims);
void group_add(struct group_totals *g, const struct pair_report *r,
    uint64_t c);
void report_group(const struct pair_report *r, size_t n,
    struct group_totals *g);
const char *report_bucket(const struct scan_tally *t, int dim, uint32_t id,
    char *buf, size_t size);
unsigned report_category(const struct pair_report *r);
const char *report_level(const struct pair_report *r);
const char *report_message(const struct pair_report *r);
void report_totals(const struct pair_report *r, size_t n,
    const struct scan_stats *st, struct group_totals *g);

#endif
