/*
 * Unit tests of the lookup core over the embedded tables (Check).
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "lookup.h"

static const struct acs_entry *buf[1024];
#define CAP (sizeof(buf) / sizeof(buf[0]))

static const struct acs_table *
table(const char *name)
{
	const struct acs_table *t = table_by_name(name);

	ck_assert_msg(t != NULL, "no table %s", name);
	return t;
}

static int
in_results(const struct acs_entry *e, size_t n)
{
	for (size_t i = 0; i < n && i < CAP; i++)
		if (buf[i] == e)
			return 1;
	return 0;
}

static int
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int
is_table(const struct acs_entry *e, const char *name)
{
	return strcmp(entry_table(e)->name, name) == 0;
}

/* The article's row counts, per table (reference/README.md). */
START_TEST(test_table_counts)
{
	static const struct {
		const char *name;
		size_t count;
	} want[] = {
		{ "calling", 54 }, { "call-end", 45 }, { "call-automation", 14 },
		{ "pstn", 19 }, { "chat", 4 }, { "sms", 16 },
		{ "generic-codes", 20 }, { "generic-subcodes", 118 },
	};
	size_t i, total = 0;

	ck_assert_uint_eq(acs_ntables, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < acs_ntables; i++) {
		ck_assert_str_eq(acs_tables[i].name, want[i].name);
		ck_assert_uint_eq(acs_tables[i].count, want[i].count);
		ck_assert_uint_eq(acs_tables[i].first, total);
		total += acs_tables[i].count;
	}
	ck_assert_uint_eq(total, 290);
	ck_assert_uint_eq(acs_nentries, 290);
	ck_assert_uint_eq(acs_ntips, 4);
	ck_assert(acs_nentries <= CAP);
}
END_TEST

static size_t
count_where(const char *name, int with_subcode, uint32_t lo, uint32_t hi)
{
	const struct acs_table *t = table(name);
	size_t n = 0;

	for (size_t i = t->first; i < t->first + t->count; i++) {
		const struct acs_entry *e = &acs_entries[i];

		if (with_subcode >= 0 && e->has_subcode != with_subcode)
			continue;
		if (e->ncodes > 0 && (e->codes[0] < lo || e->codes[0] > hi))
			continue;
		n++;
	}
	return n;
}

/* The finer counts of the reference README. */
START_TEST(test_group_counts)
{
	ck_assert_uint_eq(count_where("calling", 1, 0, 9999), 45);
	ck_assert_uint_eq(count_where("calling", 0, 0, 9999), 9);
	ck_assert_uint_eq(count_where("call-end", 1, 0, 9999), 37);
	ck_assert_uint_eq(count_where("call-end", 0, 0, 9999), 8);
	ck_assert_uint_eq(count_where("generic-codes", -1, 400, 499), 14);
	ck_assert_uint_eq(count_where("generic-codes", -1, 500, 599), 5);
	ck_assert_uint_eq(count_where("generic-codes", -1, 600, 699), 1);
	ck_assert_uint_eq(count_where("pstn", 1, 0, 0), 3);
	ck_assert_uint_eq(count_where("pstn", 1, 400, 499), 13);
	ck_assert_uint_eq(count_where("pstn", 1, 500, 599), 2);
	ck_assert_uint_eq(count_where("pstn", 1, 603, 603), 1);
}
END_TEST

/* Every embedded entry is found by its own key, by every route. */
START_TEST(test_every_entry_found)
{
	for (size_t i = 0; i < acs_nentries; i++) {
		const struct acs_entry *e = &acs_entries[i];
		size_t n;
		int generic;

		ck_assert_msg(e->message[0] != '\0', "entry %zu", i);
		ck_assert_msg(e->ncodes > 0 || e->has_subcode, "entry %zu", i);
		for (size_t j = 0; j < e->ncodes; j++) {
			n = lookup_number(e->codes[j], buf, CAP);
			ck_assert_msg(in_results(e, n), "code %u (line %u)",
			    e->codes[j], e->line);
			if (e->has_subcode) {
				n = lookup_pair(e->codes[j], e->subcode, buf,
				    CAP, &generic);
				ck_assert_msg(in_results(e, n) && !generic,
				    "pair %u/%u", e->codes[j], e->subcode);
			} else if (entry_table(e)->has_subcode) {
				n = code_context(e->codes[j], buf, CAP);
				ck_assert_msg(in_results(e, n), "context %u",
				    e->codes[j]);
			}
		}
		if (e->has_subcode) {
			n = lookup_number(e->subcode, buf, CAP);
			ck_assert_msg(in_results(e, n), "subcode %u",
			    e->subcode);
		}
	}
}
END_TEST

START_TEST(test_generic_tables)
{
	const struct acs_table *t = table("generic-subcodes");

	for (size_t i = t->first; i < t->first + t->count; i++)
		ck_assert_ptr_eq(generic_subcode(acs_entries[i].subcode),
		    &acs_entries[i]);
	t = table("generic-codes");
	for (size_t i = t->first; i < t->first + t->count; i++)
		ck_assert_ptr_eq(generic_status(acs_entries[i].codes[0]),
		    &acs_entries[i]);
	ck_assert_ptr_null(generic_subcode(3112));
	ck_assert_ptr_null(generic_status(410));
}
END_TEST

START_TEST(test_pair_410_3112)
{
	int generic;
	size_t n = lookup_pair(410, 3112, buf, CAP, &generic);

	ck_assert_uint_eq(n, 1);
	ck_assert(!generic);
	ck_assert(is_table(buf[0], "call-end"));
	ck_assert_uint_eq(buf[0]->category, ACS_CAT_EXPECTED_ERROR);
	ck_assert(starts_with(buf[0]->message, "Call setup failed due to "
	    "network configuration problem on the client side"));
	ck_assert_uint_eq(buf[0]->nlinks, 1);
	ck_assert(starts_with(buf[0]->links[0].url,
	    "https://learn.microsoft.com/"));
}
END_TEST

START_TEST(test_pair_0_0)
{
	int generic;
	size_t n = lookup_pair(0, 0, buf, CAP, &generic);

	ck_assert_uint_eq(n, 2);
	ck_assert(!generic);
	ck_assert(is_table(buf[0], "call-end"));
	ck_assert(is_table(buf[1], "pstn"));
	ck_assert_uint_eq(code_context(0, buf, CAP), 0);
}
END_TEST

/* No table has the pair: the generic subcode answers, the generic status
 * code is context. */
START_TEST(test_pair_generic_fallback)
{
	int generic;
	size_t n = lookup_pair(400, 8563, buf, CAP, &generic);

	ck_assert_uint_eq(n, 1);
	ck_assert(generic);
	ck_assert(is_table(buf[0], "generic-subcodes"));
	ck_assert_str_eq(buf[0]->message, "Speech Not Recognized");
	n = code_context(400, buf, CAP);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(buf[0]->message, "Bad request");

	n = lookup_pair(400, 8536, buf, CAP, &generic);
	ck_assert_uint_eq(n, 1);
	ck_assert(generic);
	ck_assert_str_eq(buf[0]->message, "File Download Failed");
}
END_TEST

/* Where a table has the pair, the generic subcode is not the answer. */
START_TEST(test_pair_exact_beats_generic)
{
	int generic;
	size_t n = lookup_pair(404, 8522, buf, CAP, &generic);

	ck_assert_uint_eq(n, 1);
	ck_assert(!generic);
	ck_assert(is_table(buf[0], "call-automation"));
	n = lookup_pair(405, 8522, buf, CAP, &generic);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(buf[0]->message, "Missing configuration");
}
END_TEST

START_TEST(test_pair_not_found)
{
	int generic;

	ck_assert_uint_eq(lookup_pair(410, 99999, buf, CAP, &generic), 0);
	ck_assert(!generic);
	ck_assert_uint_eq(lookup_pair(400, 3112, buf, CAP, &generic), 0);
	/* a documented subcode under another code is not an answer */
	ck_assert_uint_eq(lookup_pair(408, 40114, buf, CAP, &generic), 1);
	ck_assert_uint_eq(lookup_pair(409, 40114, buf, CAP, &generic), 0);
}
END_TEST

START_TEST(test_number_8522)
{
	size_t n = lookup_number(8522, buf, CAP);

	ck_assert_uint_eq(n, 3);
	ck_assert(is_table(buf[0], "call-automation"));
	ck_assert_uint_eq(buf[0]->codes[0], 404);
	ck_assert(is_table(buf[1], "call-automation"));
	ck_assert_uint_eq(buf[1]->codes[0], 405);
	ck_assert(is_table(buf[2], "generic-subcodes"));
}
END_TEST

/* A row listing several codes answers to each; 560487 sits under 497. */
START_TEST(test_number_497)
{
	size_t n = lookup_number(497, buf, CAP);

	ck_assert_uint_eq(n, 3);
	ck_assert(is_table(buf[0], "calling"));
	ck_assert_uint_eq(buf[0]->ncodes, 5);
	ck_assert(is_table(buf[1], "call-end"));
	ck_assert_uint_eq(buf[1]->ncodes, 5);
	ck_assert(is_table(buf[2], "pstn"));
	ck_assert_uint_eq(buf[2]->subcode, 560487);
	for (uint32_t c = 490; c <= 498; c++) {
		int listed = c == 490 || c == 491 || c == 496 || c == 497 ||
		    c == 498;

		ck_assert_int_eq(entry_has_code(buf[0], c), listed);
	}
}
END_TEST

START_TEST(test_number_all_tables)
{
	size_t n;

	n = lookup_number(4007, buf, CAP);
	ck_assert_uint_eq(n, 1);
	ck_assert(is_table(buf[0], "sms"));
	ck_assert(starts_with(buf[0]->message, "The Destination/To number "
	    "opted out"));
	/* 401: call end 10009, chat, generic status */
	n = lookup_number(401, buf, CAP);
	ck_assert_uint_eq(n, 3);
	ck_assert(is_table(buf[0], "call-end"));
	ck_assert(is_table(buf[1], "chat"));
	ck_assert(is_table(buf[2], "generic-codes"));
	/* 9999: SMS and generic subcode */
	n = lookup_number(9999, buf, CAP);
	ck_assert_uint_eq(n, 2);
	ck_assert(is_table(buf[0], "sms"));
	ck_assert(is_table(buf[1], "generic-subcodes"));
	ck_assert_uint_eq(lookup_number(123456789, buf, CAP), 0);
	/* counting goes on past cap */
	ck_assert_uint_eq(lookup_number(8522, buf, 1), 3);
}
END_TEST

START_TEST(test_code_context)
{
	size_t n;

	n = code_context(410, buf, CAP);
	ck_assert_uint_eq(n, 1);
	ck_assert(is_table(buf[0], "call-end"));
	ck_assert_str_eq(buf[0]->message,
	    "Local media stack or media infrastructure error.");
	n = code_context(487, buf, CAP);
	ck_assert_uint_eq(n, 2);
	ck_assert(is_table(buf[0], "calling"));
	ck_assert(is_table(buf[1], "generic-codes"));
	ck_assert_str_eq(buf[1]->message, "Canceled");
	n = code_context(496, buf, CAP);
	ck_assert_uint_eq(n, 2);
	/* Chat's 401 is not a code-only row of a code/subcode table */
	n = code_context(401, buf, CAP);
	ck_assert_uint_eq(n, 1);
	ck_assert(is_table(buf[0], "generic-codes"));
	ck_assert_uint_eq(code_context(999, buf, CAP), 0);
}
END_TEST

START_TEST(test_codes_with_subcode)
{
	uint32_t codes[4];

	ck_assert_uint_eq(codes_with_subcode(8522, codes, 4), 2);
	ck_assert_uint_eq(codes[0], 404);
	ck_assert_uint_eq(codes[1], 405);
	ck_assert_uint_eq(codes_with_subcode(3112, codes, 4), 1);
	ck_assert_uint_eq(codes[0], 410);
	ck_assert_uint_eq(codes_with_subcode(0, codes, 4), 3);
	ck_assert_uint_eq(codes[0], 0);
	ck_assert_uint_eq(codes[1], 487);
	ck_assert_uint_eq(codes[2], 603);
	ck_assert_uint_eq(codes_with_subcode(0, codes, 2), 2);
	ck_assert_uint_eq(codes[1], 487);
	ck_assert_uint_eq(codes_with_subcode(99999, codes, 4), 0);
	/* generic subcodes carry no code */
	ck_assert_uint_eq(codes_with_subcode(8563, codes, 4), 0);
}
END_TEST

START_TEST(test_parse_number)
{
	uint32_t n = 7;

	ck_assert_int_eq(parse_number("3112", &n), NUMBER_OK);
	ck_assert_uint_eq(n, 3112);
	ck_assert_int_eq(parse_number("0003112", &n), NUMBER_OK);
	ck_assert_uint_eq(n, 3112);
	ck_assert_int_eq(parse_number("0", &n), NUMBER_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(parse_number("999999999", &n), NUMBER_OK);
	ck_assert_uint_eq(n, 999999999);
	ck_assert_int_eq(parse_number("", &n), NUMBER_EMPTY);
	ck_assert_int_eq(parse_number("abc", &n), NUMBER_NOT_DECIMAL);
	ck_assert_int_eq(parse_number("-5", &n), NUMBER_NOT_DECIMAL);
	ck_assert_int_eq(parse_number("+5", &n), NUMBER_NOT_DECIMAL);
	ck_assert_int_eq(parse_number(" 5", &n), NUMBER_NOT_DECIMAL);
	ck_assert_int_eq(parse_number("5 ", &n), NUMBER_NOT_DECIMAL);
	ck_assert_int_eq(parse_number("0x10", &n), NUMBER_NOT_DECIMAL);
	ck_assert_int_eq(parse_number("1e3", &n), NUMBER_NOT_DECIMAL);
	ck_assert_int_eq(parse_number("1234567890", &n), NUMBER_TOO_LONG);
	ck_assert_int_eq(parse_number("99999999999999999999", &n),
	    NUMBER_TOO_LONG);
	ck_assert_uint_eq(n, 999999999);
}
END_TEST

/* The one typo the data normalizes, and the categories as documented. */
START_TEST(test_categories)
{
	int generic;

	lookup_pair(410, 3100, buf, CAP, &generic);
	ck_assert_uint_eq(buf[0]->category, ACS_CAT_UNEXPECTED_CLIENT_ERROR);
	ck_assert_str_eq(category_name(buf[0]->category),
	    "UnexpectedClientError");
	ck_assert(strstr(buf[0]->note, "UnxpectedClientError") != NULL);
	lookup_pair(403, 510403, buf, CAP, &generic);
	ck_assert(is_table(buf[0], "call-end"));
	ck_assert_uint_eq(buf[0]->category, ACS_CAT_EXPECTED_ERROR);
	ck_assert(is_table(buf[1], "pstn"));
	ck_assert_uint_eq(buf[1]->category, ACS_CAT_NONE);
	ck_assert_str_eq(category_name(ACS_CAT_NONE), "");
	ck_assert_str_eq(category_name(ACS_CAT_SUCCESS), "Success");
}
END_TEST

START_TEST(test_links_absolute)
{
	for (size_t i = 0; i < acs_nentries; i++)
		for (size_t j = 0; j < acs_entries[i].nlinks; j++)
			ck_assert(starts_with(acs_entries[i].links[j].url,
			    "https://"));
	for (size_t i = 0; i < acs_ntips; i++)
		for (size_t j = 0; j < acs_tips[i].nlinks; j++)
			ck_assert(starts_with(acs_tips[i].links[j].url,
			    "https://"));
	ck_assert_ptr_null(table_by_name("nonesuch"));
}
END_TEST

static Suite *
lookup_suite(void)
{
	Suite *s = suite_create("lookup");
	TCase *data = tcase_create("data");
	TCase *rules = tcase_create("rules");

	tcase_add_test(data, test_table_counts);
	tcase_add_test(data, test_group_counts);
	tcase_add_test(data, test_every_entry_found);
	tcase_add_test(data, test_generic_tables);
	tcase_add_test(data, test_categories);
	tcase_add_test(data, test_links_absolute);
	suite_add_tcase(s, data);

	tcase_add_test(rules, test_pair_410_3112);
	tcase_add_test(rules, test_pair_0_0);
	tcase_add_test(rules, test_pair_generic_fallback);
	tcase_add_test(rules, test_pair_exact_beats_generic);
	tcase_add_test(rules, test_pair_not_found);
	tcase_add_test(rules, test_number_8522);
	tcase_add_test(rules, test_number_497);
	tcase_add_test(rules, test_number_all_tables);
	tcase_add_test(rules, test_code_context);
	tcase_add_test(rules, test_codes_with_subcode);
	tcase_add_test(rules, test_parse_number);
	suite_add_tcase(s, rules);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(lookup_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
