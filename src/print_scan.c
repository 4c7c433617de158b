/*
 * Printing a scan's summary: a line per pair, most frequent first, then
 * the totals by category; or, with --json, an object per pair.  What the
 * lines say is decided in report.c.
 */
#include <stdio.h>

#include "fmt.h"
#include "lookup.h"
#include "print.h"
#include "report.h"

/* One pair of a scan: count, share, code, subcode, category, message. */
static void
print_scan_line(const struct pair_report *r, uint64_t total)
{
	const struct scan_pair *p = r->pair;
	const struct acs_entry *e = r->entry;
	unsigned cat = e != NULL ? e->category : ACS_CAT_NONE;
	char num[64];
	size_t from, to;

	line.len = 0;
	snprintf(num, sizeof(num), "%llu\t%.1f%%\t%u\t",
	    (unsigned long long)p->count, 100.0 * (double)p->count /
	    (double)total, p->code);
	puts_buf(&line, num);
	put_number(&line, p->subcode != SCAN_NO_SUBCODE, p->subcode);
	put(&line, "\t", 1);
	put_category(&line, cat, &from, &to);
	put(&line, "\t", 1);
	if (e != NULL)
		put_joined(&line, e->message);
	else
		puts_buf(&line, r->elsewhere ? "(not in the chosen tables)" :
		    "(undocumented)");
	print_line(line.s, from, to, cat != ACS_CAT_NONE ?
	    category_color(cat) : NULL);
}

static void
print_scan_json(const struct pair_report *r)
{
	const struct scan_pair *p = r->pair;
	const struct acs_entry *e = r->entry;

	printf("{\"count\":%llu,\"code\":%u,\"subcode\":",
	    (unsigned long long)p->count, p->code);
	if (p->subcode != SCAN_NO_SUBCODE)
		printf("%u", p->subcode);
	else
		printf("null");
	printf(",\"category\":");
	if (e != NULL)
		json_string_or_null(category_name(e->category));
	else
		printf("null");
	printf(",\"message\":");
	if (e != NULL)
		json_string(e->message);
	else
		printf("null");
	printf(",\"table\":");
	if (e != NULL)
		json_string(entry_table(e)->name);
	else
		printf("null");
	printf(",\"documented\":%s}\n", e != NULL ? "true" : "false");
}

/* "COUNT<TAB>SHARE<TAB>what" of the totals. */
static void
print_total(uint64_t n, uint64_t records, const char *what)
{
	if (n > 0)
		printf("%llu\t%.1f%%\t%s\n", (unsigned long long)n,
		    100.0 * (double)n / (double)records, what);
}

/*
 * The summary of a scan: the pairs r[0..n), most frequent first, with
 * what they mean; then, but in JSON, the totals by category.
 */
void
print_scan(const struct pair_report *r, size_t n,
    const struct scan_totals *tot)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (out.format == FORMAT_JSON)
			print_scan_json(&r[i]);
		else
			print_scan_line(&r[i], tot->records);
	if (out.format == FORMAT_JSON || tot->records == 0)
		return;
	if (tot->overflow > 0)
		printf("%llu\t%.1f%%\t-\t-\t-\t(more distinct pairs than "
		    "counted one by one)\n", (unsigned long long)tot->overflow,
		    100.0 * (double)tot->overflow / (double)tot->records);
	printf("\nBy category:\n");
	for (i = ACS_CAT_NONE + 1; i < ACS_NCATEGORIES; i++)
		print_total(tot->by_category[i], tot->records,
		    category_name((unsigned)i));
	print_total(tot->by_category[ACS_CAT_NONE], tot->records,
	    "(no category)");
	print_total(tot->undocumented, tot->records, "(undocumented)");
}
