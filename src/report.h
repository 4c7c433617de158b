/*
 * What a scan's summary says, decided over the tally and the tables: what
 * explains each pair, and the totals by category.  No I/O; print_scan.c
 * formats it.
 */
#ifndef ACSDIAG_REPORT_H
#define ACSDIAG_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "codes.h"
#include "scan.h"

/* What explains a pair seen in a log. */
struct pair_report {
	const struct scan_pair *pair;
	const struct acs_entry *entry;	/* in the tables chosen, or NULL */
	int elsewhere;			/* NULL, but another table has it */
};

/* The records of a scan by category of what explains them. */
struct scan_totals {
	uint64_t records;
	uint64_t by_category[ACS_NCATEGORIES];	/* [ACS_CAT_NONE]: explained,
						 * with no category */
	uint64_t undocumented;		/* explained by nothing, the pairs
					 * lumped past the cap among them */
	uint64_t overflow;		/* those lumped past the cap */
};

void report_pair(const struct scan_pair *p, uint64_t tables,
    struct pair_report *r);
void report_totals(const struct pair_report *r, size_t n,
    const struct scan_stats *st, struct scan_totals *tot);

#endif
