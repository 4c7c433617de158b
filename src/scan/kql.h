/*
 * --kql: one self-contained Kusto query that carries the code catalogue
 * and the lookup ladder to the engine that holds the logs (Log Analytics,
 * Azure Data Explorer), and explains the pairs of a table there.  It is
 * written to a stream (a memory one, to check its length).
 */
#ifndef ACSDIAG_KQL_H
#define ACSDIAG_KQL_H

#include <stddef.h>
#include <stdio.h>

#include "scan.h"

/* A column of a Log Analytics table, as acs-log-shapes.md lists it. */
struct kql_column {
	const char *name;
	const char *type;
};

/* A table with codes: its name, its code and subcode columns, all its
 * columns. */
struct kql_table {
	const char *name;
	const char *code, *subcode;
	const struct kql_column *columns;
	size_t ncolumns;
};

/*
 * The longest query printed: what one command-line argument holds on
 * Linux (execve(2): MAX_ARG_STRLEN, 32 pages of 4 KiB, NUL included), so
 * that az monitor log-analytics query --analytics-query "$(acsdiag
 * --kql)" runs.  Neither Log Analytics nor Azure Data Explorer documents a
 * limit on a query's text.
 */
#define KQL_MAX ((size_t)32 * 4096 - 1)

extern const struct kql_table kql_tables[];
extern const size_t kql_ntables;

const struct kql_table *kql_table(const char *name);
const char *kql_column(const struct kql_table *t, const char *name);
void kql_table_names(FILE *b);
void kql_column_names(FILE *b, const struct kql_table *t);
void kql_query(FILE *b, const struct kql_table *t,
    const struct scan_view *v, const char *version, const char *command);
void put_kql_string(FILE *b, const char *s);

#endif
