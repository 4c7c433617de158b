/*
 * The lookup core: pure functions over the embedded tables, no I/O.
 *
 * Functions that find entries fill out[0..cap) in table order and return
 * how many entries match, which may exceed cap (as snprintf does); a cap of
 * acs_nentries is always enough.
 */
#ifndef ACSDIAG_LOOKUP_H
#define ACSDIAG_LOOKUP_H

#include <stddef.h>
#include <stdint.h>

#include "codes.h"

/* Longest strings edit_distance() compares letter by letter. */
#define EDIT_MAX_LEN 32

/* Longest number accepted, in digits (leading zeros do not count). */
#define NUMBER_MAX_DIGITS 9

enum number_status {
	NUMBER_OK,
	NUMBER_EMPTY,
	NUMBER_NOT_DECIMAL,
	NUMBER_TOO_LONG,
};

enum number_status parse_number(const char *s, uint32_t *out);
enum number_status parse_digits(const char *s, size_t len, uint32_t *out);
const char *number_status_string(enum number_status st);

const char *category_name(unsigned category);
extern const char *const source_kinds[ACS_NSOURCE_KINDS];
const struct acs_table *table_by_name(const char *name);
const struct acs_table *entry_table(const struct acs_entry *e);
int parse_tables(const char *list, uint64_t *tables, const char **bad,
    size_t *badlen);

int entry_in_tables(const struct acs_entry *e, uint64_t tables);
int entry_has_code(const struct acs_entry *e, uint32_t code);
int entry_matches_pair(const struct acs_entry *e, uint32_t code,
    uint32_t subcode);
int entry_matches_number(const struct acs_entry *e, uint32_t n);
int entry_is_code_only(const struct acs_entry *e);

/*
 * TABLES, in the functions below, is the set of tables to look in
 * (ACS_ALL_TABLES for all, else the tables of -t).
 */
uint64_t pair_tables(uint64_t tables);
int tables_chosen(uint64_t tables, enum acs_role role);
const struct acs_entry *generic_status(uint32_t code, uint64_t tables);
const struct acs_entry *generic_subcode(uint32_t subcode, uint64_t tables);

size_t lookup_pair_exact(uint32_t code, uint32_t subcode, uint64_t tables,
    const struct acs_entry **out, size_t cap);
size_t code_meaning(uint32_t code, uint64_t tables,
    const struct acs_entry **out, size_t cap);
const struct acs_entry *code_entry(uint32_t code, uint64_t tables);
const char *code_description(uint32_t code, uint64_t tables);
const char *subcode_description(uint32_t subcode, int with_code,
    uint32_t code, uint64_t tables);
int code_documented(uint32_t code, uint64_t tables);
size_t lookup_number(uint32_t n, uint64_t tables,
    const struct acs_entry **out, size_t cap);
size_t lookup_key(uint32_t n, int subcode, uint64_t tables,
    const struct acs_entry **out, size_t cap);
uint32_t *number_buffer(size_t *cap);
size_t codes_with_subcode(uint32_t subcode, uint64_t tables, uint32_t *out,
    size_t cap);
size_t all_numbers(int which, uint64_t tables, uint32_t *out,
    size_t cap);
size_t subcodes_with_code(uint32_t code, uint64_t tables, uint32_t *out,
    size_t cap);
size_t numbers_near(uint32_t n, uint64_t tables, uint32_t *out, size_t cap);

int subcode_is_pstn(uint32_t subcode, uint64_t tables);
const struct acs_class *code_class(uint32_t code, uint64_t tables,
    int pstn);
const struct acs_rule *sbc_rule(uint32_t subcode, uint64_t tables);
const struct acs_sip *sip_response(uint32_t code);

size_t edit_distance(const char *a, size_t an, const char *b, size_t bn,
    size_t max);

#endif
