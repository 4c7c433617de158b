/*
 * Unit tests of the search core (Check): ranking, words, regular
 * expressions, tables, the tips a search or lookup brings, and the words
 * and numbers suggested when nothing matches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/lookup.h"
#include "core/search.h"

static size_t
search(const char *const *words, size_t n, int regex, uint64_t tables,
    struct search *s)
{
	char err[128];
	size_t bad;

	ck_assert_int_eq(search_init(s, (char *const *)words, n, regex, tables,
	    err, sizeof(err), &bad), 0);
	return search_entries(s, buf, CAP);
}

static int
found(size_t n, const char *table_name, uint32_t code, int has_subcode,
    uint32_t subcode)
{
	for (size_t i = 0; i < n; i++)
		if (is_table(buf[i], table_name) &&
		    (code == UINT32_MAX || entry_has_code(buf[i], code)) &&
		    buf[i]->has_subcode == has_subcode &&
		    (!has_subcode || buf[i]->subcode == subcode))
			return 1;
	return 0;
}

START_TEST(test_search_phrase_first)
{
	const char *w[] = { "network", "configuration" };
	struct search s;
	size_t n = search(w, 2, 0, ACS_ALL_TABLES, &s);

	ck_assert_uint_ge(n, 4);
	/* both have the phrase in the message: by code, then subcode */
	ck_assert_uint_eq(buf[0]->subcode, 3112);
	ck_assert_uint_eq(buf[1]->subcode, 301004);
	ck_assert_int_eq(entry_rank(&s, buf[0]), RANK_PHRASE);
	ck_assert_int_eq(entry_rank(&s, buf[1]), RANK_PHRASE);
	/* 3100 has "configuration" only in its advice */
	ck_assert(found(n, "call-end", 410, 1, 3100));
	ck_assert_int_eq(entry_rank(&s, buf[2]), RANK_OTHER);
	for (size_t i = 1; i < n; i++)
		ck_assert_int_le(entry_rank(&s, buf[i - 1]),
		    entry_rank(&s, buf[i]));
	search_free(&s);
}
END_TEST

START_TEST(test_search_rank_message)
{
	/* both words in the message, not as a phrase */
	const char *w[] = { "failed", "video" };
	struct search s;
	size_t n = search(w, 2, 0, ACS_ALL_TABLES, &s);

	ck_assert(found(n, "calling", 410, 1, 41048));
	ck_assert_int_eq(entry_rank(&s, buf[0]), RANK_MESSAGE);
	search_free(&s);
}
END_TEST

START_TEST(test_search_fraud)
{
	const char *w[] = { "fraud" };
	struct search s;
	size_t n = search(w, 1, 0, ACS_ALL_TABLES, &s);

	ck_assert(found(n, "sms", 4000, 0, 0));
	ck_assert(found(n, "pstn", 603, 1, 560603));
	search_free(&s);
}
END_TEST

/* Case does not matter; the generic subcode's name is searched. */
START_TEST(test_search_case_and_generic_name)
{
	const char *w[] = { "PLAY", "PrOmPt" };
	const char *w2[] = { "invalid", "argument" };
	struct search s;
	size_t n = search(w, 2, 0, ACS_ALL_TABLES, &s);

	ck_assert(found(n, "generic-subcodes", UINT32_MAX, 1, 8511));
	search_free(&s);
	n = search(w2, 2, 0, ACS_ALL_TABLES, &s);
	ck_assert(found(n, "call-automation", 400, 1, 8523));
	ck_assert(found(n, "generic-subcodes", UINT32_MAX, 1, 8523));
	search_free(&s);
}
END_TEST

START_TEST(test_search_numbers_tables_categories)
{
	const char *w1[] = { "3112" };
	const char *w2[] = { "call-end" };
	const char *w3[] = { "unexpectedclienterror" };
	struct search s;
	size_t n, want = 0;

	n = search(w1, 1, 0, ACS_ALL_TABLES, &s);
	ck_assert(found(n, "call-end", 410, 1, 3112));
	search_free(&s);
	n = search(w2, 1, 0, ACS_ALL_TABLES, &s);
	ck_assert_uint_eq(n, table("call-end")->count);
	search_free(&s);
	for (size_t i = 0; i < acs_nentries; i++)
		want += acs_entries[i].category ==
		    ACS_CAT_UNEXPECTED_CLIENT_ERROR;
	n = search(w3, 1, 0, ACS_ALL_TABLES, &s);
	ck_assert_uint_eq(n, want);
	search_free(&s);
}
END_TEST

START_TEST(test_search_none_and_all_words)
{
	const char *w1[] = { "zzqqxx" };
	const char *w2[] = { "network", "zzqqxx" };
	struct search s;

	ck_assert_uint_eq(search(w1, 1, 0, ACS_ALL_TABLES, &s), 0);
	search_free(&s);
	ck_assert_uint_eq(search(w2, 2, 0, ACS_ALL_TABLES, &s), 0);
	search_free(&s);
	ck_assert(search_word_hits("network", ACS_ALL_TABLES));
	ck_assert(!search_word_hits("zzqqxx", ACS_ALL_TABLES));
}
END_TEST

START_TEST(test_search_stable)
{
	const char *w[] = { "call" };
	const struct acs_entry *first[1024];
	struct search s;
	size_t n = search(w, 1, 0, ACS_ALL_TABLES, &s), n2;

	memcpy(first, buf, n * sizeof(*buf));
	search_free(&s);
	n2 = search(w, 1, 0, ACS_ALL_TABLES, &s);
	ck_assert_uint_eq(n, n2);
	ck_assert(memcmp(first, buf, n * sizeof(*buf)) == 0);
	search_free(&s);
}
END_TEST

START_TEST(test_search_tables)
{
	const char *w[] = { "fraud" };
	struct search s;
	uint64_t tables = 0;
	const char *bad;
	size_t len, n;

	ck_assert_int_eq(parse_tables("sms", &tables, &bad, &len), 0);
	n = search(w, 1, 0, tables, &s);
	ck_assert_uint_eq(n, 2);
	ck_assert(found(n, "sms", 4000, 0, 0));
	ck_assert(found(n, "sms", 4009, 0, 0));
	search_free(&s);
}
END_TEST

START_TEST(test_regex)
{
	const char *w[] = { "Call(er)? (canceled|declined)" };
	const char *anchored[] = { "^conflict$" };
	const char *bad[] = { "call", "(" };
	struct search s;
	char err[128];
	size_t n, i;

	n = search(w, 1, 1, ACS_ALL_TABLES, &s);
	ck_assert(found(n, "calling", 487, 0, 0));
	ck_assert(found(n, "call-end", 487, 1, 10024));
	ck_assert(found(n, "call-end", 487, 1, 0));
	search_free(&s);
	n = search(anchored, 1, 1, ACS_ALL_TABLES, &s);
	ck_assert_uint_eq(n, 3);
	ck_assert(found(n, "call-automation", 409, 1, 8519));
	ck_assert(found(n, "generic-codes", 409, 0, 0));
	ck_assert(found(n, "generic-subcodes", UINT32_MAX, 1, 8519));
	search_free(&s);
	ck_assert_int_eq(search_init(&s, (char *const *)bad, 2, 1,
	    ACS_ALL_TABLES, err, sizeof(err), &i), -1);
	ck_assert_uint_eq(i, 1);
	ck_assert(err[0] != '\0');
}
END_TEST

/* ---- table filters */

START_TEST(test_parse_tables)
{
	uint64_t t = 0;
	const char *bad;
	size_t len;

	ck_assert_int_eq(parse_tables("sms,pstn", &t, &bad, &len), 0);
	ck_assert_uint_eq(t, (UINT64_C(1) << (table("sms") - acs_tables)) |
	    (UINT64_C(1) << (table("pstn") - acs_tables)));
	ck_assert_int_eq(parse_tables("sms,nosuch", &t, &bad, &len), -1);
	ck_assert_uint_eq(len, 6);
	ck_assert(strncmp(bad, "nosuch", len) == 0);
	ck_assert_int_eq(parse_tables("sms,", &t, &bad, &len), -1);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(parse_tables("", &t, &bad, &len), -1);
	ck_assert_int_eq(parse_tables("sm", &t, &bad, &len), -1);

	t = 0;
	parse_tables("sms", &t, &bad, &len);
	ck_assert_uint_eq(lookup_number(4007, t, buf, CAP), 1);
	t = 0;
	parse_tables("pstn", &t, &bad, &len);
	ck_assert_uint_eq(lookup_number(4007, t, buf, CAP), 0);
	/* the pair is only in call-automation: the generic subcode answers */
	t = 0;
	parse_tables("generic-subcodes", &t, &bad, &len);
	ck_assert_int_eq(ask(QUERY_PAIR, 404, 8522, t, 0)->level,
	    MATCH_GENERIC_SUBCODE);
	ck_assert_uint_eq(code_meaning(404, t, buf, CAP), 0);
}
END_TEST

/* ---- tips */

static int
tip_shown(const struct acs_entry *const *v, size_t n,
    const struct search *s, const char *name)
{
	const struct acs_tip *tips[16];
	size_t k = tips_for(v, n, s, tips, 16);

	for (size_t i = 0; i < k; i++)
		if (strcmp(tips[i]->name, name) == 0)
			return 1;
	return 0;
}

static int
pair_tip(uint32_t code, uint32_t subcode, const char *name)
{
	const struct answer *a = ask_pair(code, subcode);

	for (size_t i = 0; i < a->ntips; i++)
		if (strcmp(a->tips[i]->name, name) == 0)
			return 1;
	return 0;
}

START_TEST(test_tip_triggers)
{
	const char *w[] = { "event", "grid" };
	struct search s;
	size_t n;

	ck_assert(pair_tip(400, 8535, "play-audio"));
	ck_assert(pair_tip(400, 8536, "play-audio"));
	ck_assert(pair_tip(500, 8511, "play-audio"));
	ck_assert(pair_tip(403, 510403, "pstn-caller-id"));
	ck_assert(pair_tip(403, 7507, "pstn-caller-id"));
	ck_assert(pair_tip(400, 8523, "callback-uri"));
	ck_assert(!pair_tip(410, 3112, "play-audio"));
	ck_assert(!pair_tip(410, 3112, "pstn-caller-id"));
	n = lookup_number(481, ACS_ALL_TABLES, buf, CAP);
	ck_assert(tip_shown(buf, n, NULL, "event-grid"));
	n = search(w, 2, 0, ACS_ALL_TABLES, &s);
	ck_assert(tip_shown(buf, n, &s, "event-grid"));
	ck_assert(tip_matches(&s, &acs_tips[0]));
	search_free(&s);
	ck_assert_uint_eq(tips_for(buf, 0, NULL, NULL, 0), 0);
}
END_TEST

/* Each tip is shown once, however many entries trigger it. */
START_TEST(test_tip_once)
{
	const struct acs_tip *tips[16];
	const struct acs_table *t = table("pstn");
	const struct acs_entry *v[64];
	size_t n = 0;

	for (size_t i = t->first; i < t->first + t->count; i++)
		v[n++] = &acs_entries[i];
	ck_assert_uint_eq(tips_for(v, n, NULL, tips, 16), 1);
	ck_assert_str_eq(tips[0]->name, "pstn-caller-id");
}
END_TEST

/* ---- did you mean */

START_TEST(test_suggest)
{
	char w[64];

	ck_assert(suggest_word("netwrok", w, sizeof(w)));
	ck_assert_str_eq(w, "network");
	ck_assert(suggest_word("NETWROK", w, sizeof(w)));
	ck_assert_str_eq(w, "network");
	ck_assert(suggest_word("tokne", w, sizeof(w)));
	ck_assert_str_eq(w, "token");
	ck_assert(!suggest_word("zzqqxx", w, sizeof(w)));
	ck_assert_uint_eq(edit_distance("netwrok", 7, "network", 7, 2), 1);
	ck_assert_uint_eq(edit_distance("abc", 3, "abd", 3, 2), 1);
	ck_assert_uint_eq(edit_distance("abc", 3, "xyz", 3, 2), 3);
	ck_assert_uint_eq(edit_distance("ab", 2, "abcde", 5, 2), 3);
	ck_assert_uint_eq(edit_distance("", 0, "ab", 2, 2), 2);
}
END_TEST

START_TEST(test_near_numbers)
{
	uint32_t v[32];
	size_t n;

	n = subcodes_with_code(410, ACS_ALL_TABLES, v, 32);
	ck_assert_uint_eq(n, 8);
	ck_assert_uint_eq(v[0], 3100);
	ck_assert_uint_eq(v[3], 3112);
	ck_assert_uint_eq(v[7], 531004);
	n = numbers_near(3113, ACS_ALL_TABLES, v, 32);
	ck_assert_uint_ge(n, 2);
	for (size_t i = 0; i < n; i++) {
		char a[16], b[16];

		snprintf(a, sizeof(a), "%u", v[i]);
		snprintf(b, sizeof(b), "%u", 3113u);
		ck_assert_uint_eq(edit_distance(a, strlen(a), b, strlen(b),
		    1), 1);
		if (i > 0)
			ck_assert_uint_lt(v[i - 1], v[i]);
	}
	ck_assert_uint_eq(numbers_near(123456789, ACS_ALL_TABLES, v, 32), 0);
}
END_TEST

Suite *
search_suite(void)
{
	Suite *s = suite_create("search");
	TCase *match = tcase_create("match");
	TCase *tips = tcase_create("tips");

	tcase_add_test(match, test_search_phrase_first);
	tcase_add_test(match, test_search_rank_message);
	tcase_add_test(match, test_search_fraud);
	tcase_add_test(match, test_search_case_and_generic_name);
	tcase_add_test(match, test_search_numbers_tables_categories);
	tcase_add_test(match, test_search_none_and_all_words);
	tcase_add_test(match, test_search_stable);
	tcase_add_test(match, test_search_tables);
	tcase_add_test(match, test_regex);
	tcase_add_test(match, test_parse_tables);
	tcase_add_test(match, test_suggest);
	tcase_add_test(match, test_near_numbers);
	suite_add_tcase(s, match);
	tcase_add_test(tips, test_tip_triggers);
	tcase_add_test(tips, test_tip_once);
	suite_add_tcase(s, tips);
	return s;
}

