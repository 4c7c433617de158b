/*
 * The embedded tables: types shared by the generator's output (codes_gen.c,
 * built from the CSV files in codes/) and the code that reads it.
 */
#ifndef ACSDIAG_CODES_H
#define ACSDIAG_CODES_H

#include <stddef.h>
#include <stdint.h>

/* Most codes one row may list ("490, 491, 496, 497, 498"). */
#define ACS_MAX_CODES 8

/* Most tables there may be: a set of tables is a uint64_t, bit i for
 * acs_tables[i]. */
#define ACS_MAX_TABLES 64
#define ACS_ALL_TABLES UINT64_MAX

/* Largest code and subcode the data may hold; the command line takes at
 * most 9 digits, so nothing larger could ever be asked for. */
#define ACS_CODE_MAX 9999u
#define ACS_SUBCODE_MAX 999999999u

enum acs_category {
	ACS_CAT_NONE,		/* the article gives no category */
	ACS_CAT_SUCCESS,
	ACS_CAT_EXPECTED_ERROR,
	ACS_CAT_UNEXPECTED_CLIENT_ERROR,
	ACS_CAT_UNEXPECTED_SERVER_ERROR,
};

struct acs_link {
	const char *label;	/* the linked words; equal to url for a bare URL */
	const char *url;	/* absolute https URL */
};

struct acs_entry {
	const char *message;	/* never empty; may hold newlines */
	const char *advice;	/* "" when none; may hold newlines */
	const char *note;	/* "" when none: a quirk of the article */
	const char *folded_message;	/* message and advice as fold() */
	const char *folded_advice;	/* makes them, for searching */
	const struct acs_link *links;
	uint32_t codes[ACS_MAX_CODES];
	uint32_t subcode;
	uint8_t ncodes;		/* 0: the row has no code (generic subcodes) */
	uint8_t has_subcode;
	uint8_t nlinks;
	uint8_t category;	/* enum acs_category */
	uint8_t table;		/* index into acs_tables */
	uint16_t line;		/* line of the row in its CSV file */
};

struct acs_table {
	const char *name;	/* short name, as in codes/NAME.csv */
	const char *title;	/* in words, for output */
	const char *description;
	size_t first;		/* index of its first entry in acs_entries */
	size_t count;
	uint8_t has_code;	/* the table has a code column */
	uint8_t has_subcode;	/* the table has a subcode column */
	uint8_t has_category;
};

/*
 * A troubleshooting tip applies to an entry of one of its tables, with one
 * of its codes or one of its subcodes, and to a search naming one of its
 * words (phrases, matched without regard to case).
 */
struct acs_tip {
	const char *name;
	const char *title;	/* the situation, as the article words it */
	const char *text;
	const struct acs_link *links;
	const uint32_t *codes;
	const uint32_t *subcodes;
	const char *const *words;
	uint64_t tables;	/* bit i: acs_tables[i] */
	uint8_t nlinks;
	uint8_t ncodes;
	uint8_t nsubcodes;
	uint8_t nwords;
};

/* Defined in the generated codes_gen.c; entries are grouped by table, in
 * table order, each table in the order of its CSV file. */
extern const struct acs_entry acs_entries[];
extern const size_t acs_nentries;
extern const struct acs_table acs_tables[];
extern const size_t acs_ntables;
extern const struct acs_tip acs_tips[];
extern const size_t acs_ntips;

#endif
