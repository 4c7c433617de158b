/*
 * What the unit tests of the core (Check) share: a few helpers over the
 * embedded tables, and the suites of each file.
 */
#ifndef ACSDIAG_CHECK_H
#define ACSDIAG_CHECK_H

#include <stddef.h>
#include <stdint.h>

#include <check.h>

#include "core/answer.h"
#include "core/codes.h"
#include "core/query.h"

/* Room for every entry a lookup or search finds. */
#define CAP 1024
extern const struct acs_entry *buf[CAP];

const struct acs_table *table(const char *name);
int in_results(const struct acs_entry *e, size_t n);
int starts_with(const char *s, const char *prefix);
int is_table(const struct acs_entry *e, const char *name);
const struct answer *ask(enum query_kind kind, uint32_t code,
    uint32_t subcode, uint64_t tables, int exact);
const struct answer *ask_pair(uint32_t code, uint32_t subcode);

Suite *lookup_suite(void);
Suite *search_suite(void);
Suite *query_suite(void);
Suite *scan_suite(void);
Suite *decode_suite(void);
Suite *time_suite(void);
Suite *kql_suite(void);

#endif
