/*
 * Printing a scan's summary: a line per pair, most frequent first, then
 * the totals by category; or, with --json, an object per pair and a last
 * summary object.  What the lines say is decided in report.c.
 */
#include <stdio.h>

#include "fmt.h"
#include "lookup.h"
#include "print.h"
#include "report.h"

/* How a line names a level of the ladder other than exact. */
static const char *
level_label(const struct pair_report *r)
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

/* One pair of a scan: count, share, code, subcode, category, message. */
static void
print_scan_line(const struct pair_report *r, uint64_t total)
{
	const struct scan_pair *p = r->pair;
	const char *msg = report_message(r);
	unsigned cat = report_category(r);
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
	if (msg == NULL)
		puts_buf(&line, r->elsewhere ? "(not in the chosen tables)" :
		    "(undocumented)");
	else {
		put_joined(&line, msg);
		puts_buf(&line, level_label(r));
		for (size_t i = 1; i < r->nentries; i++) {
			puts_buf(&line, i == 1 ? " [also " : ", ");
			puts_buf(&line, entry_table(r->entries[i])->name);
			puts_buf(&line, i + 1 == r->nentries ? "]" : "");
		}
	}
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

static void
print_scan_json(const struct pair_report *r)
{
	const struct scan_pair *p = r->pair;
	const char *table = NULL;

	printf("{\"count\":%llu,\"code\":%u,\"subcode\":",
	    (unsigned long long)p->count, p->code);
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
	printf("}\n");
}

/* The pairs lumped past the cap on distinct pairs, as one object. */
static void
print_other_json(uint64_t n)
{
	printf("{\"count\":%llu,\"code\":null,\"subcode\":null,\"category\":"
	    "null,\"message\":null,\"table\":null,\"documented\":false,"
	    "\"match\":null,\"entries\":[],\"other\":true}\n",
	    (unsigned long long)n);
}

/* The last object of --json: what was read and skipped, why. */
static void
print_summary_json(const struct scan_stats *st, size_t distinct)
{
	printf("{\"summary\":true,\"lines\":%llu,\"records\":%llu,"
	    "\"distinct\":%zu,\"other\":%llu,\"skipped\":%llu,\"skips\":{",
	    (unsigned long long)st->lines, (unsigned long long)st->records,
	    distinct, (unsigned long long)st->overflow,
	    (unsigned long long)scan_skipped(st));
	for (int k = 0; k < NSKIPS; k++)
		printf("%s\"%s\":%llu", k > 0 ? "," : "", scan_skip_keys[k],
		    (unsigned long long)st->skipped[k]);
	printf("}}\n");
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
 * what they mean, and the ones lumped past the cap; then the totals by
 * category, or, in JSON, the summary object.
 */
void
print_scan(const struct pair_report *r, size_t n,
    const struct scan_totals *tot, const struct scan_stats *st)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (out.format == FORMAT_JSON)
			print_scan_json(&r[i]);
		else
			print_scan_line(&r[i], tot->records);
	if (out.format == FORMAT_JSON) {
		if (tot->overflow > 0)
			print_other_json(tot->overflow);
		print_summary_json(st, n);
		return;
	}
	if (tot->records == 0)
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
