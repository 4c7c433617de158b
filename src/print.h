/*
 * Printing entries and tips to stdout in acsdiag's four formats: whole
 * entries for people, one tab-separated line each, JSON Lines, and chosen
 * fields.
 */
#ifndef ACSDIAG_PRINT_H
#define ACSDIAG_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "answer.h"
#include "codes.h"
#include "report.h"
#include "search.h"

enum format {
	FORMAT_LONG,		/* whole entries, labelled fields */
	FORMAT_LINE,		/* table, code, subcode, category, message */
	FORMAT_JSON,		/* one JSON object a line */
	FORMAT_FIELDS,		/* the fields of -o, tab-separated */
};

enum field { FIELD_TABLE, FIELD_CODE, FIELD_SUBCODE, FIELD_CATEGORY,
	FIELD_MESSAGE, FIELD_ADVICE, FIELD_LINKS, NFIELDS };

#define MAX_FIELDS 16

struct output {
	enum format format;
	int color;		/* ANSI colors */
	int terminal;		/* stdout is a terminal: cut lines, wrap */
	size_t width;		/* of the terminal */
	const char *ellipsis;
	size_t ellipsis_cols;
	int no_tips;
	enum field fields[MAX_FIELDS];
	size_t nfields;
	int printed;		/* something was printed: separate blocks */
	const char *query;	/* a lookup's query, for JSON; or NULL */
};

extern struct output out;

int parse_fields(const char *list, const char **bad, size_t *badlen);
const char *field_name(size_t f);
const char *field_names(void);

void print_heading(const char *fmt, ...);
void print_entry(const struct acs_entry *e);
void print_answer(const struct answer *a);
void print_tip(const struct acs_tip *t);
void print_table_json(const struct acs_table *t);
void print_scan(const struct pair_report *r, size_t n,
    const struct scan_totals *tot);
void print_done(void);

#endif
