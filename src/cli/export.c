/*
 * --export csv|jsonl: the catalogue for loading anywhere (an ADX or
 * Fabric table, Spark, DuckDB, a spreadsheet).  JSON Lines are the
 * entries as --list --json prints them; CSV has a header of the same
 * names and a row per entry, written by libcsv: null is an empty field,
 * a list (codes, links, tips, names, context) its JSON text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "core/answer.h"
#include "cli.h"
#include "util.h"
#include "fmt.h"
#include "core/lookup.h"
#include "print.h"

/* The fields of an entry, in the order of --json. */
static const char *const names[] = {
	"table", "code", "codes", "subcode", "category", "message", "advice",
	"links", "note", "tips", "match", "source", "event", "names",
	"context",
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

/* One field: quoted by libcsv, or nothing for null. */
static void
put_field(size_t i, const char *s)
{
	if (i > 0)
		putchar(',');
	if (s != NULL)
		csv_fwrite(stdout, s, strlen(s));
}

/* A list as JSON text: numbers, or strings. */
static const char *
json_numbers(struct buf *b, const uint32_t *v, size_t n)
{
	char num[16];

	b->len = 0;
	put(b, "[", 1);
	for (size_t i = 0; i < n; i++) {
		snprintf(num, sizeof(num), i > 0 ? ",%u" : "%u", v[i]);
		puts_buf(b, num);
	}
	put(b, "]", 1);
	return b->s;
}

static const char *
json_links(struct buf *b, const struct acs_entry *e)
{
	b->len = 0;
	put_json_links(b, e->links, e->nlinks);
	return b->s;
}

/* The SDK names of the entry's subcode, as JSON text. */
static const char *
json_names(struct buf *b, const struct acs_entry *e)
{
	b->len = 0;
	put(b, "[", 1);
	for (size_t i = 0; i < e->nnames; i++) {
		if (i > 0)
			put(b, ",", 1);
		put_json_string(b, e->names[i]);
	}
	put(b, "]", 1);
	return b->s;
}

/* The tips that follow the entry, each "title: text", as JSON text. */
static const char *
json_tips(struct buf *b, const struct acs_entry *e)
{
	const struct acs_tip *tips[ANSWER_MAX_TIPS];
	size_t n = entry_tips(e, tips, ANSWER_MAX_TIPS);

	b->len = 0;
	put_json_tips(b, tips, n < ANSWER_MAX_TIPS ? n : ANSWER_MAX_TIPS);
	return b->s;
}

static const char *
or_null(const char *s)
{
	return *s != '\0' ? s : NULL;
}

/* An entry as a CSV row. */
static void
csv_entry(const struct acs_entry *e, struct buf *b)
{
	char code[16], subcode[16];
	size_t i = 0;

	snprintf(code, sizeof(code), "%u", e->codes[0]);
	snprintf(subcode, sizeof(subcode), "%u", e->subcode);
	put_field(i++, entry_table(e)->name);
	put_field(i++, e->ncodes > 0 ? code : NULL);
	put_field(i++, json_numbers(b, e->codes, e->ncodes));
	put_field(i++, e->has_subcode ? subcode : NULL);
	put_field(i++, or_null(category_name(e->category)));
	put_field(i++, e->message);
	put_field(i++, or_null(e->advice));
	put_field(i++, json_links(b, e));
	put_field(i++, or_null(e->note));
	put_field(i++, json_tips(b, e));
	put_field(i++, "exact");
	put_field(i++, source_kinds[acs_sources[e->source].kind]);
	put_field(i++, or_null(e->event));
	put_field(i++, json_names(b, e));
	put_field(i++, "[]");
	fputs("\r\n", stdout);
}

/* --export FORMAT.  Returns 0. */
int
cmd_export(const char *format)
{
	char buf[80];
	struct buf b = { NULL, 0, 0 };

	if (format != NULL && strcmp(format, "jsonl") == 0) {
		out.format = FORMAT_JSON;
		out.no_tips = 0;
		for (size_t i = 0; i < acs_nentries; i++)
			print_entry(&acs_entries[i]);
		return EXIT_FOUND;
	}
	if (format == NULL || strcmp(format, "csv") != 0)
		usage_error("invalid --export value '%s': expected csv or jsonl",
		    printable(format != NULL ? format : "", buf, sizeof(buf)));
	for (size_t i = 0; i < NNAMES; i++)
		put_field(i, names[i]);
	fputs("\r\n", stdout);
	for (size_t i = 0; i < acs_nentries; i++)
		csv_entry(&acs_entries[i], &b);
	free(b.s);
	return EXIT_FOUND;
}
