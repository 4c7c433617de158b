/*
 * The decisions behind a scan's summary (see report.h).  A pair is
 * explained by the lookup's ladder: its exact entries (all of them: a
 * pair may be in several tables), else the generic subcode, else what the
 * code means, else, for a subcode of the PSTN SBC rule, the rule (it says
 * more of such a pair than the code's class), else the class.  A code
 * alone is explained by the rows of its meaning (its first, code_entry,
 * is how --complete=codes describes it), else its class.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lookup.h"
#include "report.h"
#include "core/timeparse.h"

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
	struct query q = { QUERY_PAIR, p->code, p->subcode, 0, NULL };

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

/* An entry's pair and place, to find the entries of one pair. */
struct pair_at {
	uint32_t code, subcode;
	size_t i;
};

static int
by_pair(const void *a, const void *b)
{
	const struct pair_at *x = a, *y = b;

	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	if (x->subcode != y->subcode)
		return x->subcode < y->subcode ? -1 : 1;
	return (x->i > y->i) - (x->i < y->i);
}

/*
 * What explains each of the entries p[0..n) in TABLES, into r[0..n): a
 * pair is looked up once, however many buckets it is counted in.
 * Returns how many distinct pairs the entries hold, or -1 if memory ran
 * out.
 */
ptrdiff_t
report_pairs(const struct scan_pair *p, size_t n, uint64_t tables,
    struct pair_report *r)
{
	struct pair_at *at;
	size_t k, first = 0;
	ptrdiff_t distinct = 0;

	if (n == 0)
		return 0;
	if ((at = malloc(n * sizeof(*at))) == NULL)
		return -1;
	for (k = 0; k < n; k++)
		at[k] = (struct pair_at){ p[k].code, p[k].subcode, k };
	qsort(at, n, sizeof(*at), by_pair);
	for (k = 0; k < n; k++) {
		if (k > 0 && at[k - 1].code == at[k].code &&
		    at[k - 1].subcode == at[k].subcode) {
			r[at[k].i] = r[first];
			r[at[k].i].pair = &p[at[k].i];
			continue;
		}
		first = at[k].i;
		distinct++;
		if (report_pair(&p[first], tables, &r[first]) != 0) {
			free(at);
			return -1;
		}
	}
	free(at);
	return distinct;
}

/* How a line names the level of the ladder that explains a pair, if
 * not exact: " [generic subcode]" and so on; else "". */
const char *
report_level(const struct pair_report *r)
{
	switch (r->level) {
	case MATCH_GENERIC_SUBCODE:
		return " [generic subcode]";
	case MATCH_CODE:
		return " [the code, whatever the subcode]";
	case MATCH_CLASS:
		return " [the code's class]";
	case MATCH_RULE:
		return " [the PSTN SBC rule]";
	default:
		return "";
	}
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

/* The totals of all records of a scan, the n pairs reported in r and
 * those lumped past the cap on distinct pairs (undocumented). */
void
report_totals(const struct pair_report *r, size_t n,
    const struct scan_stats *st, struct group_totals *g)
{
	report_group(r, n, g);
	g->records = st->records;
	g->undocumented += st->overflow;
}

/* The order of buckets, by dimension: rank[d][id]. */
static struct {
	uint32_t *rank[SCAN_MAX_DIMS];
	const struct scan_tally *t;
	const uint64_t *total[SCAN_MAX_DIMS];
	int dim;
} order;

/* Time buckets in time order; field values most frequent first, then by
 * value; no value, then the values lumped together, last. */
static int
by_bucket(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	const struct bucket *u, *v;
	const uint64_t *tot = order.total[order.dim];

	if (x < BUCKET_FIRST || y < BUCKET_FIRST)
		return x < BUCKET_FIRST && y < BUCKET_FIRST ? (x > y) - (x < y) :
		    x < BUCKET_FIRST ? 1 : -1;
	u = &order.t->buckets[order.dim].v[x];
	v = &order.t->buckets[order.dim].v[y];
	if (order.t->view->dims[order.dim].kind != DIM_FIELD)
		return (u->time > v->time) - (u->time < v->time);
	if (tot[x] != tot[y])
		return tot[x] > tot[y] ? -1 : 1;
	return strcmp(u->text, v->text);
}

/* The entries of a bucket first, most frequent first within it. */
static int
by_group(const void *a, const void *b)
{
	const struct scan_pair *x = a, *y = b;

	for (int d = 0; d < order.t->view->ndims; d++)
		if (x->bucket[d] != y->bucket[d])
			return order.rank[d][x->bucket[d]] <
			    order.rank[d][y->bucket[d]] ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	return (x->subcode > y->subcode) - (x->subcode < y->subcode);
}

/* Rank the buckets of dimension d. */
static int
rank_buckets(const struct scan_tally *t, int d, const struct scan_pair *p,
    size_t n)
{
	uint32_t nb = t->buckets[d].n, *ids;
	uint64_t *tot;

	order.rank[d] = calloc(nb, sizeof(uint32_t));
	ids = calloc(nb, sizeof(uint32_t));
	tot = calloc(nb, sizeof(uint64_t));
	if (order.rank[d] == NULL || ids == NULL || tot == NULL) {
		free(order.rank[d]);
		order.rank[d] = NULL;
		free(ids);
		free(tot);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		tot[p[i].bucket[d]] += p[i].count;
	for (uint32_t i = 0; i < nb; i++)
		ids[i] = i;
	order.total[d] = tot;
	order.dim = d;
	qsort(ids, nb, sizeof(*ids), by_bucket);
	for (uint32_t i = 0; i < nb; i++)
		order.rank[d][ids[i]] = i;
	free(ids);
	free(tot);
	order.total[d] = NULL;
	return 0;
}

/* The rank of each bucket of dimension d, by its number, in the order of
 * report_sort (to be freed); NULL if memory ran out. */
uint32_t *
report_rank(const struct scan_tally *t, int d, const struct scan_pair *p,
    size_t n)
{
	uint32_t *rank;

	order.t = t;
	if (rank_buckets(t, d, p, n) != 0)
		return NULL;
	rank = order.rank[d];
	order.rank[d] = NULL;
	return rank;
}

/*
 * Sort the entries p[0..n) of the tally t for printing: by bucket of
 * each --by (time, or most frequent value first), then most frequent
 * first.  Without --by, the order of scan_sorted stays.
 */
void
report_sort(struct scan_pair *p, size_t n, const struct scan_tally *t)
{
	int ok = 1;

	if (t->view == NULL || t->view->ndims == 0)
		return;
	order.t = t;
	for (int d = 0; d < t->view->ndims; d++)
		if (rank_buckets(t, d, p, n) != 0)
			ok = 0;
	if (ok)
		qsort(p, n, sizeof(*p), by_group);
	for (int d = 0; d < SCAN_MAX_DIMS; d++) {
		free(order.rank[d]);
		order.rank[d] = NULL;
	}
}

/* Are two entries in the same buckets? */
int
report_same_group(const struct scan_pair *a, const struct scan_pair *b,
    int ndims)
{
	for (int d = 0; d < ndims; d++)
		if (a->bucket[d] != b->bucket[d])
			return 0;
	return 1;
}

/* Count c records of the pair reported in r in g. */
void
group_add(struct group_totals *g, const struct pair_report *r, uint64_t c)
{
	unsigned cat = report_category(r);

	g->records += c;
	if (r->level == MATCH_NONE)
		g->undocumented += c;
	else
		g->by_category[cat] += c;
	if (cat == ACS_CAT_UNEXPECTED_CLIENT_ERROR ||
	    cat == ACS_CAT_UNEXPECTED_SERVER_ERROR)
		g->failures += c;
}

/* The totals of the n entries reported in r. */
void
report_group(const struct pair_report *r, size_t n, struct group_totals *g)
{
	memset(g, 0, sizeof(*g));
	for (size_t i = 0; i < n; i++)
		group_add(g, &r[i], r[i].pair->count);
}

/* What bucket id of dimension dim is called: "2026-11-26",
 * "2026-11-26T10:00:00Z", a field's value, "(no time)", "(none)" or
 * "(other)".  The name is in buf or in the tally. */
const char *
report_bucket(const struct scan_tally *t, int dim, uint32_t id, char *buf,
    size_t size)
{
	const struct scan_dim *d = &t->view->dims[dim];

	if (id == BUCKET_OTHER)
		return "(other)";
	if (id == BUCKET_NONE)
		return d->kind == DIM_FIELD ? "(none)" : "(no time)";
	if (d->kind == DIM_FIELD)
		return t->buckets[dim].v[id].text;
	if (size >= TIME_BUCKET_MAX) {
		format_bucket(t->buckets[dim].v[id].time, d->kind == DIM_HOUR,
		    buf);
		return buf;
	}
	return "";
}
