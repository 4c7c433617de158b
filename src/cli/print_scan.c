/*
 * Printing a scan's summary in a pipe and as JSON: a line per pair, most
 * frequent first, then the totals by category; with --by, the bucket
 * values first on each line and the pairs of each bucket together; with
 * --json, an object per pair (and bucket) and a last summary object.  On
 * a terminal, print_table.c draws a table instead.  What the lines say is
 * decided in report.c.
 */
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "core/lookup.h"
#include "print.h"
#include "scan/report.h"
#include "core/timeparse.h"

/* The bucket values of entry p, each followed by a tab. */
static void
put_buckets(struct buf *b, const struct scan_tally *t,
    const struct scan_pair *p)
{
	char name[TIME_BUCKET_MAX];

	for (int d = 0; t->view != NULL && d < t->view->ndims; d++) {
		puts_buf(b, report_bucket(t, d, p->bucket[d], name,
		    sizeof(name)));
		put(b, "\t", 1);
	}
}

/* One pair of a scan: [buckets,] count, share (of its bucket's records),
 * code, subcode, category, message. */
static void
print_scan_line(const struct scan_tally *t, const struct pair_report *r,
    uint64_t total)
{
	const struct scan_pair *p = r->pair;
	unsigned cat = report_category(r);
	char num[64];
	size_t from, to;

	line.len = 0;
	put_buckets(&line, t, p);
	snprintf(num, sizeof(num), "%llu\t%.1f%%\t%u\t",
	    (unsigned long long)p->count, 100.0 * (double)p->count /
	    (double)total, p->code);
	puts_buf(&line, num);
	put_number(&line, p->subcode != SCAN_NO_SUBCODE, p->subcode);
	put(&line, "\t", 1);
	put_category(&line, cat, &from, &to);
	put(&line, "\t", 1);
	put_pair_message(&line, r);
	print_line(line.s, from, to, cat != ACS_CAT_NONE ?
	    category_color(cat) : NULL);
}

/* "KEY":"value" or null. */
static void
json_member(const char *key, const char *value)
{
	printf(",\"%s\":", key);
	if (value != NULL)
		json_string_or_null(value);
	else
		printf("null");
}

/* The entries that explain a pair, each its table, category, message. */
static void
json_entries(const struct pair_report *r)
{
	printf(",\"entries\":[");
	for (size_t i = 0; i < r->nentries; i++) {
		const struct acs_entry *e = r->entries[i];

		printf("%s{\"table\":", i > 0 ? "," : "");
		json_string(entry_table(e)->name);
		json_member("category", category_name(e->category));
		json_member("message", e->message);
		json_member("source", source_kinds[acs_sources[e->source].kind]);
		putchar('}');
	}
	putchar(']');
}

/* ,"by":{"day":"2026-11-26","SdkVersion":"1.29.1"}: a value, null for
 * none, {"other":true} for the values counted together. */
static int
json_by(const struct scan_tally *t, const struct scan_pair *p)
{
	char name[TIME_BUCKET_MAX];
	int other = 0;

	printf(",\"by\":{");
	for (int d = 0; d < t->view->ndims; d++) {
		printf("%s", d > 0 ? "," : "");
		json_string(t->view->dims[d].name);
		putchar(':');
		if (p->bucket[d] == BUCKET_OTHER) {
			printf("{\"other\":true}");
			other = 1;
		} else if (p->bucket[d] == BUCKET_NONE)
			printf("null");
		else
			json_string(report_bucket(t, d, p->bucket[d], name,
			    sizeof(name)));
	}
	putchar('}');
	return other;
}

static void
print_scan_json(const struct scan_tally *t, const struct pair_report *r)
{
	const struct scan_pair *p = r->pair;
	const char *table = NULL;
	int other = 0;

	printf("{\"count\":%llu", (unsigned long long)p->count);
	if (t->view != NULL && t->view->ndims > 0)
		other = json_by(t, p);
	printf(",\"code\":%u,\"subcode\":", p->code);
	if (p->subcode != SCAN_NO_SUBCODE)
		printf("%u", p->subcode);
	else
		printf("null");
	json_member("category", category_name(report_category(r)));
	json_member("message", report_message(r));
	if (r->nentries > 0)
		table = entry_table(r->entries[0])->name;
	else if (r->rule != NULL || r->cls != NULL)
		table = acs_tables[r->rule != NULL ? r->rule->table :
		    r->cls->table].name;
	json_member("table", table);
	printf(",\"documented\":%s", r->level == MATCH_EXACT ? "true" :
	    "false");
	json_member("match", r->level != MATCH_NONE ? match_name(r->level) :
	    NULL);
	json_entries(r);
	printf("%s}\n", other ? ",\"other\":true" : "");
}

/* The pairs lumped past the cap on distinct pairs, as one object. */
static void
print_other_json(const struct scan_tally *t, uint64_t n)
{
	printf("{\"count\":%llu%s,\"code\":null,\"subcode\":null,\"category\":"
	    "null,\"message\":null,\"table\":null,\"documented\":false,"
	    "\"match\":null,\"entries\":[],\"other\":true}\n",
	    (unsigned long long)n, t->view != NULL && t->view->ndims > 0 ?
	    ",\"by\":null" : "");
}

/* The last object of --json: what was read and skipped, why, and what
 * was left out. */
static void
print_summary_json(const struct scan_tally *t, size_t distinct)
{
	const struct scan_stats *st = &t->stats;
	const struct scan_view *v = t->view;

	printf("{\"summary\":true,\"lines\":%llu,\"records\":%llu,"
	    "\"distinct\":%zu,\"other\":%llu,\"skipped\":%llu,\"skips\":{",
	    (unsigned long long)st->lines, (unsigned long long)st->records,
	    distinct, (unsigned long long)st->overflow,
	    (unsigned long long)scan_skipped(st));
	for (int k = 0; k < NSKIPS; k++)
		printf("%s\"%s\":%llu", k > 0 ? "," : "", scan_skip_keys[k],
		    (unsigned long long)st->skipped[k]);
	putchar('}');
	if (v != NULL && (v->has_since || v->has_until))
		printf(",\"left_out\":{\"outside_window\":%llu,\"no_time\":"
		    "%llu}", (unsigned long long)st->outside,
		    (unsigned long long)st->untimed);
	if (v != NULL && v->ndims > 0)
		printf(",\"lumped\":%llu", (unsigned long long)st->lumped);
	printf("}\n");
}

/* "[BUCKETS<TAB>]COUNT<TAB>SHARE<TAB>what" of the totals. */
static void
print_total(const struct scan_tally *t, const struct scan_pair *p,
    uint64_t n, uint64_t records, const char *what, int always)
{
	if (n == 0 && !always)
		return;
	line.len = 0;
	if (p != NULL)
		put_buckets(&line, t, p);
	printf("%s%llu\t%.1f%%\t%s\n", line.len > 0 ? line.s : "",
	    (unsigned long long)n, records > 0 ? 100.0 * (double)n /
	    (double)records : 0.0, what);
}

/* The totals of one group by category: without --by, as ever; with it,
 * the failures too. */
static void
print_group_totals(const struct scan_tally *t, const struct scan_pair *p,
    const struct group_totals *g)
{
	for (unsigned i = ACS_CAT_NONE + 1; i < ACS_NCATEGORIES; i++)
		print_total(t, p, g->by_category[i], g->records,
		    category_name(i), 0);
	print_total(t, p, g->by_category[ACS_CAT_NONE], g->records,
	    "(no category)", 0);
	print_total(t, p, g->undocumented, g->records, "(undocumented)", 0);
	if (p != NULL)
		print_total(t, p, g->failures, g->records, "(failures)", 1);
}

/* The lines of a pipe: the pairs, bucket by bucket, then the totals. */
static void
print_scan_lines(const struct scan_result *res)
{
	const struct scan_tally *t = res->tally;
	const struct pair_report *r = res->reports;
	int ndims = t->view != NULL ? t->view->ndims : 0;
	struct group_totals g;
	size_t i, j;

	for (i = 0; i < res->n; i = j) {
		for (j = i + 1; j < res->n && report_same_group(r[i].pair,
		    r[j].pair, ndims); j++)
			continue;
		report_group(r + i, j - i, &g);
		for (size_t k = i; k < j; k++)
			print_scan_line(t, &r[k], ndims > 0 ? g.records :
			    res->totals.records);
	}
	if (res->totals.records == 0)
		return;
	if (res->overflow > 0)
		printf("%s%llu\t%.1f%%\t-\t-\t-\t(more distinct pairs than "
		    "counted one by one)\n", ndims == 0 ? "" : ndims == 1 ?
		    "-\t" : "-\t-\t", (unsigned long long)res->overflow,
		    100.0 * (double)res->overflow /
		    (double)res->totals.records);
	printf("\nBy category:\n");
	if (ndims == 0) {
		print_group_totals(t, NULL, &res->totals);
		return;
	}
	for (i = 0; i < res->n; i = j) {
		for (j = i + 1; j < res->n && report_same_group(r[i].pair,
		    r[j].pair, ndims); j++)
			continue;
		report_group(r + i, j - i, &g);
		print_group_totals(t, r[i].pair, &g);
	}
}

/*
 * The summary of a scan: the pairs, most frequent first (bucket by bucket
 * with --by), with what they mean, and the ones lumped past the cap; then
 * the totals by category, or, in JSON, the summary object.
 */
void
print_scan(const struct scan_result *res)
{
	const struct scan_tally *t = res->tally;

	if (out.format == FORMAT_JSON) {
		for (size_t i = 0; i < res->n; i++)
			print_scan_json(t, &res->reports[i]);
		if (res->overflow > 0)
			print_other_json(t, res->overflow);
		print_summary_json(t, res->distinct);
	} else if (out.terminal)
		print_table(res);
	else
		print_scan_lines(res);
}
