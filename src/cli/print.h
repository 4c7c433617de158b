/*
 * Printing entries and tips to stdout in acsdiag's four formats: whole
 * entries for people, one tab-separated line each, JSON Lines, and chosen
 * fields.
 */
#ifndef ACSDIAG_PRINT_H
#define ACSDIAG_PRINT_H

#include <stddef.h>
#include <stdint.h>

#include "core/answer.h"
#include "output.h"
#include "core/codes.h"
#include "scan/report.h"
#include "core/search.h"

int parse_fields(const char *list, const char **bad, size_t *badlen);
const char *field_name(size_t f, const char **what);
const char *field_names(void);

void print_heading(const char *fmt, ...);
void print_entry(const struct acs_entry *e);
void print_answer(const struct answer *a);
void print_query_heading(const char *query);
void print_tip(const struct acs_tip *t);
void print_table_json(const struct acs_table *t);
void print_scan(const struct scan_result *res);
void print_table(const struct scan_result *res);
void print_done(void);

#endif
