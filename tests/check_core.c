/*
 * Unit tests of the lookup and search core over the embedded tables
 * (Check).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "answer.h"
#include "keys.h"
#include "lookup.h"
#include "query.h"
#include "report.h"
#include "scan.h"
#include "search.h"

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

/* The rows of TABLE from the article, and from upstream only. */
static size_t
count_source(const struct acs_table *t, unsigned kind)
{
	size_t n = 0;

	for (size_t i = t->first; i < t->first + t->count; i++)
		n += acs_sources[acs_entries[i].source].kind == kind;
	return n;
}

/* The article's row counts, per table (reference/README.md), and the
 * three rows upstream adds. */
START_TEST(test_table_counts)
{
	static const struct {
		const char *name;
		size_t article, upstream;
	} want[] = {
		{ "calling", 54, 0 }, { "call-end", 45, 0 },
		{ "call-automation", 14, 0 }, { "pstn", 19, 2 },
		{ "chat", 4, 0 }, { "sms", 16, 1 },
		{ "generic-codes", 20, 0 }, { "generic-subcodes", 118, 0 },
	};
	size_t i, total = 0, article = 0;

	ck_assert_uint_eq(acs_ntables, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < acs_ntables; i++) {
		const struct acs_table *t = &acs_tables[i];

		ck_assert_str_eq(t->name, want[i].name);
		ck_assert_uint_eq(count_source(t, ACS_SOURCE_ARTICLE),
		    want[i].article);
		ck_assert_uint_eq(count_source(t, ACS_SOURCE_UPSTREAM),
		    want[i].upstream);
		ck_assert_uint_eq(t->count, want[i].article + want[i].upstream);
		ck_assert_uint_eq(t->first, total);
		total += t->count;
		article += want[i].article;
	}
	ck_assert_uint_eq(article, 290);
	ck_assert_uint_eq(acs_nentries, 293);
	ck_assert_uint_eq(acs_ntips, 4);
	ck_assert_uint_eq(acs_nclasses, 8);
	ck_assert_uint_eq(acs_nrules, 2);
	ck_assert_uint_eq(acs_nsips, 75);
	ck_assert(acs_nentries <= CAP);
}
END_TEST

/* Entries of the article in table NAME, with a subcode or not (-1:
 * either), whose first code is lo to hi. */
static size_t
count_where(const char *name, int with_subcode, uint32_t lo, uint32_t hi)
{
	const struct acs_table *t = table(name);
	size_t n = 0;

	for (size_t i = t->first; i < t->first + t->count; i++) {
		const struct acs_entry *e = &acs_entries[i];

		if (acs_sources[e->source].kind != ACS_SOURCE_ARTICLE)
			continue;
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

/* The answer to a query of one kind, in TABLES, into ans. */
static struct answer ans;

static const struct answer *
ask(enum query_kind kind, uint32_t code, uint32_t subcode, uint64_t tables,
    int exact)
{
	struct query q = { .kind = kind, .code = code, .subcode = subcode };

	answer_query(&ans, &q, tables, exact);
	return &ans;
}

static const struct answer *
ask_pair(uint32_t code, uint32_t subcode)
{
	return ask(QUERY_PAIR, code, subcode, ACS_ALL_TABLES, 0);
}

static int
answered_by(const struct answer *a, const struct acs_entry *e)
{
	for (size_t i = 0; i < a->nentries; i++)
		if (a->entries[i] == e)
			return 1;
	return 0;
}

static int
in_context(const struct answer *a, const struct acs_entry *e)
{
	for (size_t i = 0; i < a->ncontext; i++)
		if (a->context[i] == e)
			return 1;
	return 0;
}

/* Every embedded entry is found by its own key, by every route: a row with
 * a subcode answers its pair exactly, a code-only row of a table that
 * answers pairs is its code's meaning, and every row answers its numbers. */
START_TEST(test_every_entry_found)
{
	for (size_t i = 0; i < acs_nentries; i++) {
		const struct acs_entry *e = &acs_entries[i];
		const struct answer *a;
		size_t n;

		ck_assert_msg(e->message[0] != '\0', "entry %zu", i);
		ck_assert_msg(e->ncodes > 0 || e->has_subcode, "entry %zu", i);
		for (size_t j = 0; j < e->ncodes; j++) {
			n = lookup_number(e->codes[j], ACS_ALL_TABLES, buf, CAP);
			ck_assert_msg(in_results(e, n), "code %u (line %u)",
			    e->codes[j], e->line);
			a = ask(QUERY_NUMBER, e->codes[j], 0, ACS_ALL_TABLES,
			    1);
			ck_assert_msg(answered_by(a, e), "number %u",
			    e->codes[j]);
			if (e->has_subcode) {
				a = ask_pair(e->codes[j], e->subcode);
				ck_assert_msg(answered_by(a, e) &&
				    a->level == MATCH_EXACT, "pair %u/%u",
				    e->codes[j], e->subcode);
			} else if (entry_table(e)->role != ACS_ROLE_MESSAGE) {
				n = code_meaning(e->codes[j], ACS_ALL_TABLES,
				    buf, CAP);
				ck_assert_msg(in_results(e, n), "meaning %u",
				    e->codes[j]);
			}
		}
		if (e->has_subcode) {
			n = lookup_number(e->subcode, ACS_ALL_TABLES, buf, CAP);
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
		ck_assert_ptr_eq(generic_subcode(acs_entries[i].subcode, ACS_ALL_TABLES),
		    &acs_entries[i]);
	t = table("generic-codes");
	for (size_t i = t->first; i < t->first + t->count; i++)
		ck_assert_ptr_eq(generic_status(acs_entries[i].codes[0], ACS_ALL_TABLES),
		    &acs_entries[i]);
	ck_assert_ptr_null(generic_subcode(3112, ACS_ALL_TABLES));
	ck_assert_ptr_null(generic_status(410, ACS_ALL_TABLES));
	ck_assert_uint_eq(acs_role_tables[ACS_ROLE_GENERIC_CODES],
	    UINT64_C(1) << (table("generic-codes") - acs_tables));
	ck_assert_uint_eq(acs_role_tables[ACS_ROLE_MESSAGE],
	    (UINT64_C(1) << (table("chat") - acs_tables)) |
	    (UINT64_C(1) << (table("sms") - acs_tables)));
}
END_TEST

/* Level 1: the exact entry, with the code's meaning as context. */
START_TEST(test_pair_410_3112)
{
	const struct answer *a = ask_pair(410, 3112);

	ck_assert_int_eq(a->level, MATCH_EXACT);
	ck_assert_uint_eq(a->nentries, 1);
	ck_assert(is_table(a->entries[0], "call-end"));
	ck_assert_uint_eq(a->entries[0]->category, ACS_CAT_EXPECTED_ERROR);
	ck_assert(starts_with(a->entries[0]->message, "Call setup failed due "
	    "to network configuration problem on the client side"));
	ck_assert_uint_eq(a->entries[0]->nlinks, 1);
	ck_assert(starts_with(a->entries[0]->links[0].url,
	    "https://learn.microsoft.com/"));
	ck_assert_uint_eq(a->ncontext, 1);
	ck_assert_str_eq(a->context[0]->message,
	    "Local media stack or media infrastructure error.");
	ck_assert_ptr_null(a->cls);
	ck_assert_ptr_null(a->rule);
}
END_TEST

START_TEST(test_pair_0_0)
{
	const struct answer *a = ask_pair(0, 0);

	ck_assert_int_eq(a->level, MATCH_EXACT);
	ck_assert_uint_eq(a->nentries, 2);
	ck_assert(is_table(a->entries[0], "call-end"));
	ck_assert(is_table(a->entries[1], "pstn"));
	ck_assert_uint_eq(a->ncontext, 0);
	/* both are Success: no tip follows */
	ck_assert_uint_eq(a->ntips, 0);
}
END_TEST

/* Level 2: no table has the pair, the generic subcode answers, the
 * generic status code is context. */
START_TEST(test_pair_generic_fallback)
{
	const struct answer *a = ask_pair(400, 8563);

	ck_assert_int_eq(a->level, MATCH_GENERIC_SUBCODE);
	ck_assert_uint_eq(a->nentries, 1);
	ck_assert(is_table(a->entries[0], "generic-subcodes"));
	ck_assert_str_eq(a->entries[0]->message, "Speech Not Recognized");
	ck_assert_uint_eq(a->ncontext, 1);
	ck_assert_str_eq(a->context[0]->message, "Bad request");
	a = ask_pair(400, 8536);
	ck_assert_int_eq(a->level, MATCH_GENERIC_SUBCODE);
	ck_assert_str_eq(a->entries[0]->message, "File Download Failed");
	ck_assert_str_eq(match_name(a->level), "generic-subcode");
}
END_TEST

/* Where a table has the pair, the generic subcode is not the answer. */
START_TEST(test_pair_exact_beats_generic)
{
	const struct answer *a = ask_pair(404, 8522);

	ck_assert_int_eq(a->level, MATCH_EXACT);
	ck_assert_uint_eq(a->nentries, 1);
	ck_assert(is_table(a->entries[0], "call-automation"));
	a = ask_pair(405, 8522);
	ck_assert_uint_eq(a->nentries, 1);
	ck_assert_str_eq(a->entries[0]->message, "Missing configuration");
}
END_TEST

/* Level 3: what the code means whatever the subcode; level 4: its class;
 * nothing at all for a code of no class. */
START_TEST(test_pair_code_and_class)
{
	const struct answer *a = ask_pair(410, 3113);

	ck_assert_int_eq(a->level, MATCH_CODE);
	ck_assert_uint_eq(a->nentries, 1);
	ck_assert_str_eq(a->entries[0]->message,
	    "Local media stack or media infrastructure error.");
	ck_assert_uint_eq(a->ncontext, 0);
	ck_assert_str_eq(match_name(a->level), "code");
	/* the call end row of 500, 503, 504, then the generic 500 */
	a = ask_pair(500, 511404);
	ck_assert_int_eq(a->level, MATCH_CODE);
	ck_assert_uint_eq(a->nentries, 2);
	ck_assert(is_table(a->entries[0], "call-end"));
	ck_assert(is_table(a->entries[1], "generic-codes"));
	ck_assert_str_eq(a->entries[1]->message, "Internal server error");
	a = ask_pair(299, 1);
	ck_assert_int_eq(a->level, MATCH_CLASS);
	ck_assert_str_eq(a->cls->title, "2xx codes");
	ck_assert_str_eq(acs_tables[a->cls->table].name, "generic-codes");
	a = ask_pair(999, 99999);
	ck_assert_int_eq(a->level, MATCH_NONE);
	ck_assert(!answer_found(a));
	ck_assert_uint_eq(a->nentries + a->ncontext, 0);
	ck_assert_ptr_null(a->cls);
	ck_assert_ptr_null(a->rule);
	/* a subcode answers only with the code it is documented with */
	a = ask_pair(408, 40114);
	ck_assert_int_eq(a->level, MATCH_EXACT);
	a = ask_pair(409, 40114);
	ck_assert_int_ne(a->level, MATCH_EXACT);
}
END_TEST

/* Every class row answers every code of its range, first to last: the
 * generic class for a call, the ParticipantEndReason group for PSTN. */
START_TEST(test_every_class)
{
	for (size_t i = 0; i < acs_nclasses; i++) {
		const struct acs_class *c = &acs_classes[i];
		int pstn = acs_tables[c->table].role == ACS_ROLE_PSTN;

		ck_assert(acs_tables[c->table].role == ACS_ROLE_PSTN ||
		    acs_tables[c->table].role == ACS_ROLE_GENERIC_CODES);
		ck_assert_msg(c->message[0] != '\0' && c->title[0] != '\0',
		    "class %zu", i);
		ck_assert_ptr_eq(code_class(c->first, ACS_ALL_TABLES, pstn), c);
		ck_assert_ptr_eq(code_class(c->last, ACS_ALL_TABLES, pstn), c);
		ck_assert_ptr_eq(code_class(c->first, UINT64_C(1) << c->table,
		    pstn), c);
	}
	ck_assert_ptr_null(code_class(100, ACS_ALL_TABLES, 0));
	ck_assert_ptr_null(code_class(300, ACS_ALL_TABLES, 1));
	ck_assert_ptr_null(code_class(0, ACS_ALL_TABLES, 0));
	/* a PSTN code with no group of its own: the generic class */
	ck_assert_str_eq(code_class(604, ACS_ALL_TABLES, 1)->title,
	    "6xx codes");
	ck_assert_str_eq(code_class(603, ACS_ALL_TABLES, 1)->title,
	    "ParticipantEndReason 603");
	ck_assert_str_eq(code_class(603, ACS_ALL_TABLES, 0)->title,
	    "6xx codes");
}
END_TEST

/* A pair is PSTN by its subcode's prefix, by the PSTN table's subcodes,
 * or by -t pstn; then its class is the ParticipantEndReason group. */
START_TEST(test_pstn_pairs)
{
	uint64_t pstn = UINT64_C(1) << (table("pstn") - acs_tables);
	const struct answer *a;

	ck_assert(subcode_is_pstn(560503, ACS_ALL_TABLES));
	ck_assert(subcode_is_pstn(540999, ACS_ALL_TABLES));
	ck_assert(subcode_is_pstn(511404, ACS_ALL_TABLES));
	ck_assert(subcode_is_pstn(500001, ACS_ALL_TABLES));
	ck_assert(!subcode_is_pstn(3112, ACS_ALL_TABLES));
	ck_assert(!subcode_is_pstn(561000, ACS_ALL_TABLES));
	ck_assert(subcode_is_pstn(3112, pstn));
	/* 0/560503: no entry, no meaning of 0; the group of 0 and the rule */
	a = ask_pair(0, 560503);
	ck_assert_int_eq(a->level, MATCH_CLASS);
	ck_assert_str_eq(a->cls->title, "ParticipantEndReason 0");
	ck_assert_ptr_nonnull(a->rule);
	ck_assert_str_eq(a->rule->direction, "outbound");
	ck_assert_uint_eq(a->rule_subcode, 560503);
	ck_assert_uint_eq(a->sip->code, 503);
	ck_assert_str_eq(a->sip->reason, "Service Unavailable");
	/* 450 with a PSTN subcode: the 4xx group, not the generic class */
	a = ask_pair(450, 511404);
	ck_assert_str_eq(a->cls->title, "ParticipantEndReason 4xx");
	a = ask_pair(450, 3113);
	ck_assert_str_eq(a->cls->title, "4xx codes");
	a = ask(QUERY_PAIR, 450, 3113, pstn, 0);
	ck_assert_str_eq(a->cls->title, "ParticipantEndReason 4xx");
}
END_TEST

/* The SBC rule: inbound and outbound, with the SIP reason phrase when the
 * last three digits are a SIP code, without one when not. */
START_TEST(test_sbc_rule)
{
	const struct answer *a;

	ck_assert_ptr_null(sbc_rule(560, ACS_ALL_TABLES));
	ck_assert_ptr_null(sbc_rule(5605030, ACS_ALL_TABLES));
	ck_assert_ptr_null(sbc_rule(510403, ACS_ALL_TABLES));
	ck_assert_uint_eq(sbc_rule(540000, ACS_ALL_TABLES)->prefix, 540);
	ck_assert_uint_eq(sbc_rule(560999, ACS_ALL_TABLES)->prefix, 560);
	a = ask_pair(487, 560487);
	ck_assert_int_eq(a->level, MATCH_CODE);
	ck_assert_str_eq(a->rule->direction, "outbound");
	ck_assert_str_eq(a->sip->reason, "Request Terminated");
	a = ask_pair(0, 540486);
	ck_assert_str_eq(a->rule->direction, "inbound");
	ck_assert_str_eq(a->sip->reason, "Busy Here");
	a = ask_pair(0, 560000);
	ck_assert_int_eq(a->level, MATCH_EXACT);
	ck_assert_ptr_nonnull(a->rule);
	ck_assert_ptr_null(a->sip);
	/* a number: its entries, then the rule */
	a = ask(QUERY_NUMBER, 560503, 0, ACS_ALL_TABLES, 0);
	ck_assert_int_eq(a->level, MATCH_EXACT);
	ck_assert_uint_eq(a->nentries, 1);
	ck_assert_ptr_nonnull(a->rule);
	a = ask(QUERY_NUMBER, 560999, 0, ACS_ALL_TABLES, 0);
	ck_assert_int_eq(a->level, MATCH_RULE);
	ck_assert_ptr_null(a->sip);
	for (size_t i = 1; i < acs_nsips; i++)
		ck_assert_uint_lt(acs_sips[i - 1].code, acs_sips[i].code);
	for (size_t i = 0; i < acs_nsips; i++)
		ck_assert_ptr_eq(sip_response(acs_sips[i].code), &acs_sips[i]);
	ck_assert_ptr_null(sip_response(0));
	ck_assert_ptr_null(sip_response(999));
}
END_TEST

/* -x: exact entries only; a number keeps its entries, loses class and
 * rule. */
START_TEST(test_exact_only)
{
	const struct answer *a;

	a = ask(QUERY_PAIR, 410, 3113, ACS_ALL_TABLES, 1);
	ck_assert(!answer_found(a));
	a = ask(QUERY_PAIR, 410, 3112, ACS_ALL_TABLES, 1);
	ck_assert_int_eq(a->level, MATCH_EXACT);
	ck_assert_uint_eq(a->ncontext, 0);
	a = ask(QUERY_PAIR, 0, 560000, ACS_ALL_TABLES, 1);
	ck_assert_ptr_null(a->rule);
	a = ask(QUERY_NUMBER, 200, 0, ACS_ALL_TABLES, 1);
	ck_assert(!answer_found(a));
	a = ask(QUERY_NUMBER, 200, 0, ACS_ALL_TABLES, 0);
	ck_assert_int_eq(a->level, MATCH_CLASS);
	ck_assert_str_eq(a->cls->title, "2xx codes");
	a = ask(QUERY_NUMBER, 403, 0, ACS_ALL_TABLES, 0);
	ck_assert_int_eq(a->level, MATCH_EXACT);
	ck_assert_str_eq(a->cls->title, "4xx codes");
}
END_TEST

/* A pair is a call's result: Chat and SMS neither answer it nor appear in
 * its context unless -t names them; -t filters class and rule rows too. */
START_TEST(test_relevance)
{
	uint64_t chat = UINT64_C(1) << (table("chat") - acs_tables);
	uint64_t generic = UINT64_C(1) << (table("generic-codes") - acs_tables);
	uint64_t call_end = UINT64_C(1) << (table("call-end") - acs_tables);
	const struct answer *a;

	a = ask_pair(403, 510403);
	ck_assert_uint_eq(a->nentries, 2);
	ck_assert_uint_eq(a->ncontext, 1);
	ck_assert(is_table(a->context[0], "generic-codes"));
	ck_assert(!in_context(a, &acs_entries[table("chat")->first + 1]));
	a = ask(QUERY_PAIR, 403, 510403, chat | generic, 0);
	ck_assert_int_eq(a->level, MATCH_CODE);
	ck_assert(is_table(a->entries[0], "chat"));
	ck_assert(is_table(a->entries[1], "generic-codes"));
	ck_assert_ptr_eq(code_entry(503, ACS_ALL_TABLES)->message,
	    code_entry(503, ACS_ALL_TABLES & ~chat)->message);
	ck_assert(is_table(code_entry(503, ACS_ALL_TABLES), "calling"));
	ck_assert(is_table(code_entry(4007, ACS_ALL_TABLES), "sms"));
	/* a number still looks in every table */
	a = ask(QUERY_NUMBER, 401, 0, ACS_ALL_TABLES, 0);
	ck_assert(answered_by(a, &acs_entries[table("chat")->first]));
	/* -t call-end: no class, no rule */
	a = ask(QUERY_PAIR, 0, 560503, call_end, 0);
	ck_assert(!answer_found(a));
	a = ask(QUERY_PAIR, 0, 560503, generic, 0);
	ck_assert(!answer_found(a));
	a = ask(QUERY_PAIR, 200, 560503, generic, 0);
	ck_assert_int_eq(a->level, MATCH_CLASS);
	ck_assert_ptr_null(a->rule);
	a = ask(QUERY_PAIR, 0, 560503, UINT64_C(1) << (table("pstn") -
	    acs_tables), 0);
	ck_assert_int_eq(a->level, MATCH_CLASS);
	ck_assert_ptr_nonnull(a->rule);
}
END_TEST

/* One rule describes a code alone, for --complete=codes and --scan: the
 * scanner's explanation of a code without a subcode is the entry whose
 * message completion shows. */
START_TEST(test_code_alone_agrees)
{
	uint32_t codes[512];
	size_t n = all_numbers(0, ACS_ALL_TABLES, codes, 512);

	ck_assert_uint_gt(n, 40);
	for (size_t i = 0; i < n; i++) {
		struct scan_pair p = { codes[i], SCAN_NO_SUBCODE, 1 };
		struct pair_report r;
		const struct acs_entry *e = code_entry(codes[i], ACS_ALL_TABLES);

		report_pair(&p, ACS_ALL_TABLES, &r);
		ck_assert_ptr_eq(r.entry, e);
		if (e != NULL)
			ck_assert_ptr_eq(code_description(codes[i],
			    ACS_ALL_TABLES), e->message);
	}
	ck_assert_str_eq(code_entry(503, ACS_ALL_TABLES)->message,
	    "Communication Services infrastructure error.");
}
END_TEST

/* Tips never follow an answer whose category is Success. */
START_TEST(test_success_brings_no_tips)
{
	const struct acs_tip *tips[8];
	const struct answer *a;

	a = ask_pair(0, 560000);
	ck_assert_uint_eq(a->ntips, 0);
	a = ask_pair(403, 510403);
	ck_assert_uint_eq(a->ntips, 1);
	ck_assert_str_eq(a->tips[0]->name, "pstn-caller-id");
	a = ask_pair(0, 0);
	ck_assert_uint_eq(a->ntips, 0);
	for (size_t i = 0; i < acs_nentries; i++)
		if (acs_entries[i].category == ACS_CAT_SUCCESS)
			ck_assert_uint_eq(entry_tips(&acs_entries[i], tips, 8),
			    0);
	a = ask_pair(400, 8536);
	ck_assert_uint_eq(a->ntips, 1);
	ck_assert_str_eq(a->tips[0]->name, "play-audio");
}
END_TEST

START_TEST(test_number_8522)
{
	size_t n = lookup_number(8522, ACS_ALL_TABLES, buf, CAP);

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
	size_t n = lookup_number(497, ACS_ALL_TABLES, buf, CAP);

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

	n = lookup_number(4007, ACS_ALL_TABLES, buf, CAP);
	ck_assert_uint_eq(n, 1);
	ck_assert(is_table(buf[0], "sms"));
	ck_assert(starts_with(buf[0]->message, "The Destination/To number "
	    "opted out"));
	/* 401: call end 10009, chat, generic status */
	n = lookup_number(401, ACS_ALL_TABLES, buf, CAP);
	ck_assert_uint_eq(n, 3);
	ck_assert(is_table(buf[0], "call-end"));
	ck_assert(is_table(buf[1], "chat"));
	ck_assert(is_table(buf[2], "generic-codes"));
	/* 9999: SMS and generic subcode */
	n = lookup_number(9999, ACS_ALL_TABLES, buf, CAP);
	ck_assert_uint_eq(n, 2);
	ck_assert(is_table(buf[0], "sms"));
	ck_assert(is_table(buf[1], "generic-subcodes"));
	ck_assert_uint_eq(lookup_number(123456789, ACS_ALL_TABLES, buf, CAP), 0);
	/* counting goes on past cap */
	ck_assert_uint_eq(lookup_number(8522, ACS_ALL_TABLES, buf, 1), 3);
}
END_TEST

START_TEST(test_code_meaning)
{
	size_t n;

	n = code_meaning(410, ACS_ALL_TABLES, buf, CAP);
	ck_assert_uint_eq(n, 1);
	ck_assert(is_table(buf[0], "call-end"));
	ck_assert_str_eq(buf[0]->message,
	    "Local media stack or media infrastructure error.");
	n = code_meaning(487, ACS_ALL_TABLES, buf, CAP);
	ck_assert_uint_eq(n, 2);
	ck_assert(is_table(buf[0], "calling"));
	ck_assert(is_table(buf[1], "generic-codes"));
	ck_assert_str_eq(buf[1]->message, "Canceled");
	n = code_meaning(496, ACS_ALL_TABLES, buf, CAP);
	ck_assert_uint_eq(n, 2);
	/* the rows of the tables that answer pairs: not Chat's 401 */
	n = code_meaning(401, ACS_ALL_TABLES, buf, CAP);
	ck_assert_uint_eq(n, 1);
	ck_assert(is_table(buf[0], "generic-codes"));
	ck_assert_uint_eq(code_meaning(4007, ACS_ALL_TABLES, buf, CAP), 0);
	ck_assert(code_documented(4007, ACS_ALL_TABLES));
	ck_assert(!code_documented(8522, ACS_ALL_TABLES));
	ck_assert_uint_eq(code_meaning(999, ACS_ALL_TABLES, buf, CAP), 0);
}
END_TEST

START_TEST(test_codes_with_subcode)
{
	uint32_t codes[4];

	ck_assert_uint_eq(codes_with_subcode(8522, ACS_ALL_TABLES, codes, 4), 2);
	ck_assert_uint_eq(codes[0], 404);
	ck_assert_uint_eq(codes[1], 405);
	ck_assert_uint_eq(codes_with_subcode(3112, ACS_ALL_TABLES, codes, 4), 1);
	ck_assert_uint_eq(codes[0], 410);
	ck_assert_uint_eq(codes_with_subcode(0, ACS_ALL_TABLES, codes, 4), 3);
	ck_assert_uint_eq(codes[0], 0);
	ck_assert_uint_eq(codes[1], 487);
	ck_assert_uint_eq(codes[2], 603);
	ck_assert_uint_eq(codes_with_subcode(0, ACS_ALL_TABLES, codes, 2), 2);
	ck_assert_uint_eq(codes[1], 487);
	ck_assert_uint_eq(codes_with_subcode(99999, ACS_ALL_TABLES, codes, 4), 0);
	/* generic subcodes carry no code */
	ck_assert_uint_eq(codes_with_subcode(8563, ACS_ALL_TABLES, codes, 4), 0);
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
	const struct answer *a = ask_pair(410, 3100);

	ck_assert_uint_eq(a->entries[0]->category,
	    ACS_CAT_UNEXPECTED_CLIENT_ERROR);
	ck_assert_str_eq(category_name(a->entries[0]->category),
	    "UnexpectedClientError");
	ck_assert(strstr(a->entries[0]->note, "UnxpectedClientError") != NULL);
	a = ask_pair(403, 510403);
	ck_assert(is_table(a->entries[0], "call-end"));
	ck_assert_uint_eq(a->entries[0]->category, ACS_CAT_EXPECTED_ERROR);
	ck_assert(is_table(a->entries[1], "pstn"));
	ck_assert_uint_eq(a->entries[1]->category, ACS_CAT_NONE);
	ck_assert_str_eq(category_name(ACS_CAT_NONE), "");
	ck_assert_str_eq(category_name(ACS_CAT_SUCCESS), "Success");
	ck_assert_str_eq(category_name(ACS_NCATEGORIES), "");
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


/* ---- search */

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

/* ---- queries */

static struct query
query_ok(const char *text)
{
	struct query q;
	char err[256] = "";

	ck_assert_msg(parse_query(text, &q, err, sizeof(err)) == 0,
	    "'%s': %s", text, err);
	return q;
}

static void
query_pair(const char *text, uint32_t code, uint32_t subcode)
{
	struct query q = query_ok(text);

	ck_assert_msg(q.kind == QUERY_PAIR && q.code == code &&
	    q.subcode == subcode, "'%s': kind %d, %u/%u", text, q.kind,
	    q.code, q.subcode);
}

static void
query_bad(const char *text, const char *want)
{
	struct query q;
	char err[256] = "";

	ck_assert_msg(parse_query(text, &q, err, sizeof(err)) == -1, "'%s'",
	    text);
	ck_assert_str_eq(err, want);
}

START_TEST(test_query_forms)
{
	query_pair("410 3112", 410, 3112);
	query_pair("  410   3112  ", 410, 3112);
	query_pair("410/3112", 410, 3112);
	query_pair("410:3112", 410, 3112);
	query_pair("480#10076", 480, 10076);
	query_pair("410, 3112", 410, 3112);
	query_pair("0410 003112", 410, 3112);
	query_pair("code=410, subCode=3112", 410, 3112);
	query_pair("Code: 410 SUBCODE: 3112", 410, 3112);
	query_pair("code = 410 , subcode = 3112", 410, 3112);
	query_pair("code=\"410\" subCode='3112'", 410, 3112);
	query_pair("subCode=3112 code=410", 410, 3112);
	query_pair("{\"code\":410,\"subCode\":3112}", 410, 3112);
	query_pair("{ \"code\" : \"410\" , \"SubCode\" : \"3112\" }", 410, 3112);
	query_pair("{\"subcode\":3112,\"code\":410}", 410, 3112);
	query_pair("{\"data\":{\"resultInformation\":{\"code\":400,"
	    "\"subCode\":8536,\"message\":\"a \\\"quoted\\\" word\"}}}",
	    400, 8536);
	query_pair("[{\"callEndReason\":{\"code\":410,\"subCode\":3112}}]",
	    410, 3112);
	query_pair("{\"ok\":true,\"n\":null,\"x\":[1,2.5e3,false],"
	    "\"code\":410,\"subCode\":3112}", 410, 3112);
	query_pair("callEndReason {code: 410, subCode: 3112}", 410, 3112);
	query_pair("{code: 410, subCode: 3112}", 410, 3112);
	query_pair("ParticipantEndReason=0 ParticipantEndSubCode=560000", 0,
	    560000);
	query_pair("ResultCode: 400 ResultSubcode: 8536", 400, 8536);
	/* the first of each wins */
	query_pair("code=410 subCode=3112 code=500", 410, 3112);
	/* keys inside words are not keys */
	ck_assert_int_eq(query_ok("errorcode=5 code=410").code, 410);
}
END_TEST

START_TEST(test_query_kinds)
{
	struct query q;

	q = query_ok("410");
	ck_assert_int_eq(q.kind, QUERY_NUMBER);
	ck_assert_uint_eq(q.code, 410);
	q = query_ok("code=410");
	ck_assert_int_eq(q.kind, QUERY_CODE);
	ck_assert_uint_eq(q.code, 410);
	q = query_ok("{\"subCode\": 3112}");
	ck_assert_int_eq(q.kind, QUERY_SUBCODE);
	ck_assert_uint_eq(q.code, 3112);
	ck_assert_int_eq(key_kind("ParticipantEndReason", 20), KEY_CODE);
	ck_assert_int_eq(key_kind("SUBCODE", 7), KEY_SUBCODE);
	ck_assert_int_eq(key_kind("codes", 5), KEY_NONE);
	ck_assert_int_eq(key_kind("sub", 3), KEY_NONE);
}
END_TEST

START_TEST(test_query_errors)
{
	query_bad("", "invalid number '': empty");
	query_bad(" / ", "invalid number ' / ': empty");
	query_bad("abc", "invalid number 'abc': not a decimal number");
	query_bad("410 3112 7", "too many numbers in '410 3112 7': expected "
	    "CODE [SUBCODE]");
	query_bad("1234567890", "invalid number '1234567890': more than 9 "
	    "digits");
	query_bad("12345678901234567890123", "invalid number "
	    "'12345678901234567890123': more than 9 digits");
	query_bad("410|3112", "invalid number '410|3112': not a decimal "
	    "number");
	query_bad("{}", "no code or subCode in '{}'");
	query_bad("[1, 2]", "no code or subCode in '[1, 2]'");
	query_bad("{\"code\":\"4x0\"}", "invalid code '4x0': not a decimal "
	    "number");
	query_bad("{\"code\":-4}", "invalid code '-4': not a decimal number");
	query_bad("{\"subCode\":1.5}", "invalid subCode '1.5': not a decimal "
	    "number");
	query_bad("code=", "invalid code '': empty");
	query_bad("\x1b[31m", "invalid number '\\x1b[31m': not a decimal "
	    "number");
}
END_TEST

/* Every kind of JSON value of a code or subcode key: the numbers, as
 * numbers or strings of digits, answer; null is no value; anything else
 * is bad input, named with its key (issue 12). */
START_TEST(test_query_json_values)
{
	static const struct {
		const char *value;
		int ok;		/* 1: subcode 3112; 0: no subcode; -1: bad */
		const char *err;
	} v[] = {
		{ "3112", 1, NULL }, { "\"3112\"", 1, NULL },
		{ "\"0000003112\"", 1, NULL }, { "null", 0, NULL },
		{ "-3112", -1, "invalid subCode '-3112': not a decimal number" },
		{ "3112.5", -1, "invalid subCode '3112.5': not a decimal "
		    "number" },
		{ "3e3", -1, "invalid subCode '3e3': not a decimal number" },
		{ "4294967296", -1, "invalid subCode '4294967296': more than 9 "
		    "digits" },
		{ "\"abc\"", -1, "invalid subCode 'abc': not a decimal number" },
		{ "\"\"", -1, "invalid subCode '': empty" },
		{ "\"31\\u0031\"", -1, "invalid subCode '31\\u0031': not a "
		    "decimal number" },
		{ "true", -1, "invalid subCode 'true': not a number" },
		{ "false", -1, "invalid subCode 'false': not a number" },
		{ "{}", -1, "invalid subCode: an object or an array, not a "
		    "number" },
		{ "[3112]", -1, "invalid subCode: an object or an array, not a "
		    "number" },
	};
	char doc[128], err[256];
	struct query q;

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		snprintf(doc, sizeof(doc), "{\"code\":410,\"subCode\":%s}",
		    v[i].value);
		err[0] = '\0';
		if (v[i].ok < 0) {
			query_bad(doc, v[i].err);
			continue;
		}
		ck_assert_msg(parse_query(doc, &q, err, sizeof(err)) == 0,
		    "%s: %s", doc, err);
		ck_assert_int_eq(q.kind, v[i].ok ? QUERY_PAIR : QUERY_CODE);
		ck_assert_uint_eq(q.code, 410);
		if (v[i].ok)
			ck_assert_uint_eq(q.subcode, 3112);
	}
	/* a bad code with a good subcode answers nothing */
	query_bad("{\"code\":\"abc\",\"subCode\":3112}", "invalid code 'abc': "
	    "not a decimal number");
	/* nor does a bad value in another object */
	query_bad("{\"resultInformation\":{\"code\":400,\"subCode\":8536},"
	    "\"error\":{\"code\":\"BadRequest\"}}", "invalid code "
	    "'BadRequest': not a decimal number");
}
END_TEST

/* Several pairs: the first in reading order answers, the outermost object
 * before those nested in it, whichever closes first. */
START_TEST(test_query_pair_order)
{
	struct query q;

	q = query_ok("{\"code\":410,\"subCode\":3112,\"x\":{\"code\":0,"
	    "\"subCode\":0}}");
	ck_assert(q.kind == QUERY_PAIR && q.code == 410 && q.subcode == 3112);
	ck_assert_int_eq(q.more, 1);
	q = query_ok("{\"x\":{\"code\":0,\"subCode\":0},\"code\":410,"
	    "\"subCode\":3112}");
	ck_assert(q.code == 410 && q.subcode == 3112);
	q = query_ok("[{\"code\":480,\"subCode\":10037},{\"code\":410,"
	    "\"subCode\":3112},{\"code\":0}]");
	ck_assert(q.code == 480 && q.subcode == 10037);
	ck_assert_int_eq(q.more, 2);
	/* an object with a code before one with only a subcode */
	q = query_ok("{\"a\":{\"subCode\":3112},\"b\":{\"code\":480}}");
	ck_assert(q.kind == QUERY_CODE && q.code == 480);
	q = query_ok("{\"a\":{\"subCode\":3112},\"b\":{\"subCode\":5}}");
	ck_assert(q.kind == QUERY_SUBCODE && q.code == 3112);
}
END_TEST

/* The forms people paste besides keys and JSON: SDK exceptions, words,
 * leading zeros. */
START_TEST(test_query_paste)
{
	query_pair("Service request failed.\nStatus: 404 (Not Found)\n"
	    "ErrorCode: 8522\n\nContent:\n{\"error\":{\"code\":\"8522\"}}\n",
	    404, 8522);
	query_pair("Status: 403\r\nErrorCode: 7507\r\n", 403, 7507);
	ck_assert_int_eq(query_ok("Status: 500 (Internal Server Error)").kind,
	    QUERY_CODE);
	query_bad("Status: 400\nErrorCode: BadArgument", "invalid ErrorCode "
	    "'BadArgument': not a decimal number");
	query_pair("Call ended with code 487 and subcode 5001", 487, 5001);
	query_pair("code 410 subcode 3112", 410, 3112);
	query_pair("ParticipantEndReason 0 ParticipantEndSubCode 560000", 0,
	    560000);
	query_pair("0000000410 0000003112", 410, 3112);
	query_pair("code=0000000410 subCode=00000000003112", 410, 3112);
	query_bad("00001234567890", "invalid number '00001234567890': more "
	    "than 9 digits");
	/* "code" then a word is no key: the words are no number */
	query_bad("the code is 410", "invalid number 'the': not a decimal "
	    "number");
}
END_TEST

/* Deep nesting and unterminated JSON neither crash nor hang. */
START_TEST(test_query_hostile)
{
	char deep[300];
	struct query q;
	char err[256];

	memset(deep, '{', sizeof(deep) - 1);
	deep[sizeof(deep) - 1] = '\0';
	ck_assert_int_eq(parse_query(deep, &q, err, sizeof(err)), -1);
	memset(deep, '[', sizeof(deep) - 1);
	ck_assert_int_eq(parse_query(deep, &q, err, sizeof(err)), -1);
	ck_assert_int_eq(parse_query("{\"code\":410,\"sub", &q, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(q.kind, QUERY_CODE);
	ck_assert_int_eq(parse_query("{\"a\":\"\\", &q, err, sizeof(err)),
	    -1);
}
END_TEST

/* ---- the log scanner */

static uint64_t
tally_count(const struct scan_tally *t, uint32_t code, uint32_t subcode)
{
	for (size_t i = 0; i < t->nslots; i++)
		if (t->slots[i].count != 0 && t->slots[i].code == code &&
		    t->slots[i].subcode == subcode)
			return t->slots[i].count;
	return 0;
}

static const char sample_json[] =
    "{\"ParticipantEndReason\":\"410\",\"ParticipantEndSubCode\":\"3112\"}\n"
    "{\"a\":\"x\\\"y{[\\\\\",\"code\":0,\"subCode\":0,\"u\":\"caf\xc3\xa9\"}\r\n"
    "not json\n"
    "{\"data\":{\"resultInformation\":{\"code\":400,\"subCode\":8536}},"
    "\"code\":\"7\"}\n"
    "[{\"Code\":\"487\"},{\"RESULTCODE\":603,\"resultSubcode\":0}]\n"
    "{\"bad\":\"\xff\",\"code\":1,\"subCode\":1}\n"
    "{\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null,\"code\":480,"
    "\"subCode\":10037}\n"
    "{\"code\":410,\"sub";

static const char sample_events[] =
    "[\n  {\n    \"id\": \"1\",\n    \"data\": {\n      \"resultInformation\""
    ": {\n        \"code\": 400,\n        \"subCode\": 8536\n      }\n    }"
    "\n  },\n  {\n    \"data\": { \"resultInformation\": { \"code\": 403 } }"
    "\n  }\n]\n";

static const char sample_csv[] =
    "\"TimeGenerated [UTC]\",ParticipantEndReason,ParticipantEndSubCode,"
    "Agent\n"
    "\"11/26/2026, 10:15 AM\",410,3112,\"a, b\nc\"\n"
    "x,0,0,\"\"\"q\"\"\"\n"
    "y,503,,z\n"
    "w,,,nothing\n";

static const char sample_text[] =
    "callEndReason: {code: 410, subCode: 3112}\n"
    "info code=480, subCode=10037 x\n"
    "ended 490#4502\n"
    "status code: 200\n"
    "ids like ab#12 and 12:30:45\n"
    "bad \xc3 utf8 code=1 subCode=1\n"
    "code=0 subCode=0 code=603 subCode=0\r\n";

/* Scanning any chunking of the same bytes counts the same. */
static void
same_whatever_the_chunks(const char *input, enum scan_format f)
{
	struct scan_tally whole, part;
	size_t n = strlen(input);

	scan_tally_init(&whole);
	ck_assert_int_eq(scan_buffer(input, n, n, f, &whole), 0);
	for (size_t chunk = 1; chunk <= 40; chunk++) {
		scan_tally_init(&part);
		ck_assert_int_eq(scan_buffer(input, n, chunk, f, &part), 0);
		ck_assert_msg(part.npairs == whole.npairs &&
		    part.stats.records == whole.stats.records &&
		    part.stats.skipped == whole.stats.skipped &&
		    part.stats.lines == whole.stats.lines,
		    "chunk %zu: %zu pairs, %llu records, %llu skipped", chunk,
		    part.npairs, (unsigned long long)part.stats.records,
		    (unsigned long long)part.stats.skipped);
		for (size_t i = 0; i < whole.nslots; i++)
			if (whole.slots[i].count != 0)
				ck_assert_uint_eq(tally_count(&part,
				    whole.slots[i].code, whole.slots[i].subcode),
				    whole.slots[i].count);
		scan_tally_free(&part);
	}
	scan_tally_free(&whole);
}

START_TEST(test_scan_chunks)
{
	same_whatever_the_chunks(sample_json, SCAN_AUTO);
	same_whatever_the_chunks(sample_events, SCAN_AUTO);
	same_whatever_the_chunks(sample_csv, SCAN_AUTO);
	same_whatever_the_chunks(sample_text, SCAN_AUTO);
}
END_TEST

START_TEST(test_scan_json)
{
	struct scan_tally t;

	scan_tally_init(&t);
	scan_buffer(sample_json, strlen(sample_json), 4096, SCAN_AUTO, &t);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 1);
	ck_assert_uint_eq(tally_count(&t, 0, 0), 1);
	/* the pair is the innermost object's; "code":"7" is the outer's */
	ck_assert_uint_eq(tally_count(&t, 400, 8536), 1);
	ck_assert_uint_eq(tally_count(&t, 7, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(tally_count(&t, 487, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(tally_count(&t, 603, 0), 1);
	ck_assert_uint_eq(tally_count(&t, 480, 10037), 1);
	ck_assert_uint_eq(tally_count(&t, 1, 1), 0);
	ck_assert_uint_eq(t.stats.records, 7);
	/* "not json", the invalid UTF-8 line and the truncated last one */
	ck_assert_uint_eq(t.stats.skipped, 3);
	ck_assert_uint_eq(t.stats.lines, 8);
	scan_tally_free(&t);

	scan_tally_init(&t);
	scan_buffer(sample_events, strlen(sample_events), 4096, SCAN_AUTO, &t);
	ck_assert_uint_eq(tally_count(&t, 400, 8536), 1);
	ck_assert_uint_eq(tally_count(&t, 403, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(t.stats.records, 2);
	ck_assert_uint_eq(t.stats.skipped, 0);
	scan_tally_free(&t);
}
END_TEST

START_TEST(test_scan_csv_and_text)
{
	struct scan_tally t;

	ck_assert_int_eq(scan_detect(sample_csv, strlen(sample_csv)),
	    SCAN_CSV);
	ck_assert_int_eq(scan_detect(sample_text, strlen(sample_text)),
	    SCAN_TEXT);
	ck_assert_int_eq(scan_detect(" \n[", 3), SCAN_JSON);
	ck_assert_int_eq(scan_detect("\xef\xbb\xbf{}", 5), SCAN_JSON);
	ck_assert_int_eq(scan_detect("code,sub\n", 9), SCAN_CSV);
	ck_assert_int_eq(scan_detect("a code here\n", 12), SCAN_TEXT);

	scan_tally_init(&t);
	scan_buffer(sample_csv, strlen(sample_csv), 4096, SCAN_AUTO, &t);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 1);
	ck_assert_uint_eq(tally_count(&t, 0, 0), 1);
	ck_assert_uint_eq(tally_count(&t, 503, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(t.stats.records, 3);
	ck_assert_uint_eq(t.stats.lines, 6);
	scan_tally_free(&t);

	scan_tally_init(&t);
	scan_buffer(sample_text, strlen(sample_text), 4096, SCAN_AUTO, &t);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 1);
	ck_assert_uint_eq(tally_count(&t, 480, 10037), 1);
	ck_assert_uint_eq(tally_count(&t, 490, 4502), 1);
	ck_assert_uint_eq(tally_count(&t, 0, 0), 1);
	ck_assert_uint_eq(tally_count(&t, 603, 0), 1);
	ck_assert_uint_eq(tally_count(&t, 1, 1), 0);
	ck_assert_uint_eq(t.stats.records, 5);
	ck_assert_uint_eq(t.stats.skipped, 1);
	scan_tally_free(&t);
}
END_TEST

/* Deep nesting is an error, not a crash; the next line is read. */
START_TEST(test_scan_hostile)
{
	struct scan_tally t;
	char deep[512];

	memset(deep, '[', 200);
	strcpy(deep + 200, "\n{\"code\":410,\"subCode\":3112}\n");
	scan_tally_init(&t);
	scan_buffer(deep, strlen(deep), 7, SCAN_JSON, &t);
	ck_assert_uint_eq(t.stats.skipped, 1);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 1);
	scan_tally_free(&t);

	scan_tally_init(&t);
	scan_buffer("{\"code\":0}}]\n{\"code\":1}", 23, 3, SCAN_JSON, &t);
	ck_assert_uint_eq(tally_count(&t, 0, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(tally_count(&t, 1, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(t.stats.skipped, 1);
	scan_tally_free(&t);
}
END_TEST

/* The scanner knows the keys the query reader knows, in any case. */
/* Write s in the case CASE asks: 0 as it is, 1 upper, 2 camel (the first
 * letter of each spelling's word lower, as logs write them). */
static void
spell(char *out, const char *s, int which)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		out[i] = which == 1 && s[i] >= 'a' && s[i] <= 'z' ?
		    (char)(s[i] - 'a' + 'A') : s[i];
	if (which == 2 && out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	out[i] = '\0';
}

/* Every pair of spellings of KEY_LIST, in any case, is read by every
 * reader: the query parser (JSON and key=value), and the scanner's JSON,
 * text and CSV readers.  A key one reader knew and another ignored would
 * fail here. */
START_TEST(test_scan_keys)
{
	char doc[256], c[32], sc[32];
	size_t ncodes = 0;

	for (size_t i = 0; i < key_nspellings; i++) {
		if (key_spellings[i].kind != KEY_CODE)
			continue;
		ncodes++;
		for (size_t k = 0; k < key_nspellings; k++) {
			if (key_spellings[k].kind != KEY_SUBCODE)
				continue;
			for (int w = 0; w < 3; w++) {

				struct scan_tally t;
				struct query q;
				char err[128];

				spell(c, key_spellings[i].name, w);
				spell(sc, key_spellings[k].name, (w + 1) % 3);
				for (size_t f = 0; f < 3; f++) {
					if (f == 0)
						snprintf(doc, sizeof(doc), "{\"%s\""
						    ":410,\"%s\":\"3112\"}\n", c, sc);
					else if (f == 1)
						snprintf(doc, sizeof(doc), "x %s=410,"
						    " %s: 3112\n", c, sc);
					else
						snprintf(doc, sizeof(doc), "Time,%s,"
						    "%s\n2025,410,3112\n", c, sc);
					scan_tally_init(&t);
					scan_buffer(doc, strlen(doc), 3, SCAN_AUTO,
					    &t);
					ck_assert_msg(tally_count(&t, 410, 3112) ==
					    1, "scan: %s", doc);
					scan_tally_free(&t);
					if (f == 2)
						continue;
					ck_assert_msg(parse_query(doc, &q, err,
					    sizeof(err)) == 0 && q.kind ==
					    QUERY_PAIR && q.code == 410 &&
					    q.subcode == 3112, "query: %s", doc);
				}
			}
		}
	}
	ck_assert_uint_eq(ncodes, 3);
	ck_assert_int_eq(key_kind("Code", 4), KEY_CODE);
	ck_assert_int_eq(key_kind("codes", 5), KEY_NONE);
	ck_assert_int_eq(key_kind("subcod", 6), KEY_NONE);
}
END_TEST

START_TEST(test_scan_tally)
{
	struct scan_tally t;
	struct scan_pair *v;
	size_t n;

	scan_tally_init(&t);
	for (uint32_t i = 0; i < SCAN_MAX_PAIRS + 10; i++)
		ck_assert_int_eq(scan_add(&t, i, i % 3 == 0 ?
		    SCAN_NO_SUBCODE : i), 0);
	scan_add(&t, 5, 5);
	scan_add(&t, 5, 5);
	ck_assert_uint_eq(t.npairs, SCAN_MAX_PAIRS);
	ck_assert_uint_eq(t.stats.overflow, 10);
	ck_assert_uint_eq(t.stats.records, SCAN_MAX_PAIRS + 12);
	v = calloc(t.npairs, sizeof(*v));
	ck_assert_ptr_nonnull(v);
	n = scan_sorted(&t, v);
	ck_assert_uint_eq(n, SCAN_MAX_PAIRS);
	ck_assert_uint_eq(v[0].code, 5);
	ck_assert_uint_eq(v[0].count, 3);
	ck_assert_uint_eq(v[1].code, 0);
	ck_assert_uint_eq(v[1].subcode, SCAN_NO_SUBCODE);
	free(v);
	scan_tally_free(&t);
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
	tcase_add_test(rules, test_pair_code_and_class);
	tcase_add_test(rules, test_every_class);
	tcase_add_test(rules, test_pstn_pairs);
	tcase_add_test(rules, test_sbc_rule);
	tcase_add_test(rules, test_exact_only);
	tcase_add_test(rules, test_relevance);
	tcase_add_test(rules, test_success_brings_no_tips);
	tcase_add_test(rules, test_code_alone_agrees);
	tcase_add_test(rules, test_number_8522);
	tcase_add_test(rules, test_number_497);
	tcase_add_test(rules, test_number_all_tables);
	tcase_add_test(rules, test_code_meaning);
	tcase_add_test(rules, test_codes_with_subcode);
	tcase_add_test(rules, test_parse_number);
	tcase_add_test(rules, test_query_forms);
	tcase_add_test(rules, test_query_kinds);
	tcase_add_test(rules, test_query_errors);
	tcase_add_test(rules, test_query_hostile);
	tcase_add_test(rules, test_query_json_values);
	tcase_add_test(rules, test_query_pair_order);
	tcase_add_test(rules, test_query_paste);
	suite_add_tcase(s, rules);
	return s;
}

static Suite *
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

static Suite *
scan_suite(void)
{
	Suite *s = suite_create("scan");
	TCase *tc = tcase_create("scan");

	tcase_add_test(tc, test_scan_chunks);
	tcase_add_test(tc, test_scan_json);
	tcase_add_test(tc, test_scan_csv_and_text);
	tcase_add_test(tc, test_scan_hostile);
	tcase_add_test(tc, test_scan_tally);
	tcase_add_test(tc, test_scan_keys);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner *sr = srunner_create(lookup_suite());
	int failed;

	if (answer_init(&ans) != 0)
		return EXIT_FAILURE;
	srunner_add_suite(sr, search_suite());
	srunner_add_suite(sr, scan_suite());

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	answer_free(&ans);
	return failed > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
