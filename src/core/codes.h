/*
 * The embedded tables: types shared by the generator's output (codes_gen.c,
 * built from the CSV files in codes/) and the code that reads it.
 *
 * The names that both sides spell (the result categories, the roles a
 * table plays for the lookup, the kinds of source) are listed once here,
 * as X-macros: the generator checks codes/ against them and the program
 * prints them from them.
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

/* The result categories: X(ID, name as the article spells it). */
#define ACS_CATEGORY_LIST(X) \
	X(NONE, "") \
	X(SUCCESS, "Success") \
	X(EXPECTED_ERROR, "ExpectedError") \
	X(UNEXPECTED_CLIENT_ERROR, "UnexpectedClientError") \
	X(UNEXPECTED_SERVER_ERROR, "UnexpectedServerError")

enum acs_category {
#define X(id, name) ACS_CAT_##id,
	ACS_CATEGORY_LIST(X)
#undef X
	ACS_NCATEGORIES
};

/*
 * What a table is to the lookup: X(ID, name in tables.csv, how many tables
 * may play it: 1 exactly one, 0 any number).  A code and subcode pair is
 * answered by the call, PSTN and generic tables; the message tables (Chat,
 * SMS: codes without subcodes) answer single numbers only.
 */
#define ACS_ROLE_LIST(X) \
	X(CALL, "call", 0) \
	X(PSTN, "pstn", 1) \
	X(MESSAGE, "message", 0) \
	X(GENERIC_CODES, "generic-codes", 1) \
	X(GENERIC_SUBCODES, "generic-subcodes", 1)

enum acs_role {
#define X(id, name, one) ACS_ROLE_##id,
	ACS_ROLE_LIST(X)
#undef X
	ACS_NROLES
};

/* Where a row comes from: X(ID, name), the "source" of --json: the
 * article, its Markdown upstream, the IANA registry, another Microsoft
 * Learn page (CC BY 4.0), an MIT-licensed Microsoft library. */
#define ACS_SOURCE_KIND_LIST(X) \
	X(ARTICLE, "article") \
	X(UPSTREAM, "upstream") \
	X(IANA, "iana") \
	X(LEARN, "learn") \
	X(MIT, "mit")

enum acs_source_kind {
#define X(id, name) ACS_SOURCE_##id,
	ACS_SOURCE_KIND_LIST(X)
#undef X
	ACS_NSOURCE_KINDS
};

struct acs_link {
	const char *label;	/* the linked words; equal to url for a bare URL */
	const char *url;	/* absolute https URL */
};

/* A document the data is transcribed from (codes/sources.csv). */
struct acs_source {
	const char *name;	/* as rows name it: "article", "upstream-pstn" */
	const char *title;
	const char *url;
	const char *version;	/* what identifies and dates it */
	const char *licence;	/* "CC BY 4.0", "MIT" */
	const char *notice;	/* its licence files in codes/licenses/,
				 * comma-separated; "" when none */
	uint8_t kind;		/* enum acs_source_kind */
};
extern const struct acs_source acs_sources[];
extern const size_t acs_nsources;

/* A licence notice the data requires shipped with it (an MIT library's
 * LICENSE file, codes/licenses/NAME), its text whole. */
struct acs_notice {
	const char *name;	/* "LICENSE.azure-sdk-for-java" */
	const char *text;
};
extern const struct acs_notice acs_notices[];
extern const size_t acs_nnotices;

struct acs_entry {
	const char *message;	/* never empty; may hold newlines */
	const char *advice;	/* "" when none; may hold newlines */
	const char *note;	/* "" when none: a quirk of the article */
	const char *event;	/* "" when none: the callback events that
				 * carry it, "PlayFailed / RecognizeFailed" */
	const char *const *names;	/* the SDK names of its subcode */
	const char *folded_message;	/* message and advice as fold() */
	const char *folded_advice;	/* makes them, for searching */
	const struct acs_link *links;
	uint32_t codes[ACS_MAX_CODES];
	uint32_t subcode;
	uint8_t ncodes;		/* 0: the row has no code (generic subcodes) */
	uint8_t has_subcode;
	uint8_t nlinks;
	uint8_t nnames;
	uint8_t category;	/* enum acs_category */
	uint8_t table;		/* index into acs_tables */
	uint8_t source;		/* index into acs_sources */
	uint16_t line;		/* line of the row in its CSV file */
};

/* Defined, as all the tables, in the generated codes_gen.c: the entries
 * are grouped by table, in table order, each table in the order of its
 * CSV file. */
extern const struct acs_entry acs_entries[];
extern const size_t acs_nentries;

struct acs_table {
	const char *name;	/* short name, as in codes/NAME.csv */
	const char *title;	/* in words, for output */
	const char *description;
	size_t first;		/* index of its first entry in acs_entries */
	size_t count;
	uint8_t role;		/* enum acs_role */
};
extern const struct acs_table acs_tables[];
extern const size_t acs_ntables;

/*
 * What the article says of a whole class of codes, first to last: "A 4xx
 * Code represents a client error", or a PSTN ParticipantEndReason group
 * (codes/classes.csv).  Not an entry: no lookup lists it as one.
 */
struct acs_class {
	const char *title;	/* "4xx codes", "ParticipantEndReason 4xx" */
	const char *message;
	uint32_t first, last;	/* the codes it covers */
	uint8_t table, source;	/* the generic codes or the PSTN table */
	uint16_t line;
};
extern const struct acs_class acs_classes[];
extern const size_t acs_nclasses;

/*
 * The PSTN rule for subcodes that start with 560 or 540: the customer's
 * SBC sent the final response, the last three digits are its SIP code
 * (codes/sbc-rule.csv).  Applies to subcodes prefix * 1000 + 0..999.
 */
struct acs_rule {
	const char *direction;	/* "outbound", "inbound" */
	const char *message, *advice;
	uint32_t prefix;
	uint8_t table, source;	/* the PSTN table */
};
extern const struct acs_rule acs_rules[];
extern const size_t acs_nrules;

/* A SIP response code and its reason phrase (codes/sip.csv), ascending. */
struct acs_sip {
	const char *reason;
	const char *reference;	/* the RFC that defines it */
	uint16_t code;
	uint8_t source;
};
extern const struct acs_sip acs_sips[];
extern const size_t acs_nsips;

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
	uint8_t source;
};
extern const struct acs_tip acs_tips[];
extern const size_t acs_ntips;

/*
 * A name an SDK gives a subcode (codes/names.csv): Java's
 * RECOGNIZE_INITIAL_SILENCE_TIMEOUT and .NET's
 * RecognizeInitialSilenceTimedOut are 8510.  It names the subcode's rows
 * in its tables, which carry it in their names.
 */
struct acs_name {
	const char *name;
	uint64_t tables;	/* bit i: acs_tables[i] */
	uint32_t subcode;
	uint8_t source;
};
extern const struct acs_name acs_names[];
extern const size_t acs_nnames;

/*
 * The tables of each role, bit i for acs_tables[i]; the generator fails
 * unless each role of one table has exactly one.
 */
extern const uint64_t acs_role_tables[ACS_NROLES];

#endif
