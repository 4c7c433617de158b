/*
 * Unit tests of the core (Check): this file runs the suites of every
 * check_*.c, and holds the lookup's, over the embedded tables: the row
 * counts of the article, every entry found by its own key, and the
 * fallback ladder.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/lookup.h"
#include "scan/report.h"
#include "scan/scan.h"

const struct acs_entry *buf[CAP];

const struct acs_table *
table(const char *name)
{
	const struct acs_table *t = table_by_name(name);

	ck_assert_msg(t != NULL, "no table %s", name);
	return t;
}

int
in_results(const struct acs_entry *e, size_t n)
{
	for (size_t i = 0; i < n && i < CAP; i++)
		if (buf[i] == e)
			return 1;
	return 0;
}

int
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

int
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

/* The article's row counts, per table (reference/README.md), and those of
 * each other kind of source (codes/README.md). */
START_TEST(test_table_counts)
{
	static const struct {
		const char *name;
		size_t article, upstream, learn, mit;
	} want[] = {
		{ "calling", 54, 1, 0, 0 }, { "call-end", 45, 1, 0, 0 },
		{ "call-automation", 14, 34, 0, 0 },
		{ "play-recognize", 0, 0, 24, 0 }, { "ui-library", 0, 0, 0, 17 },
		{ "direct-routing", 0, 0, 10, 0 }, { "pstn", 19, 2, 0, 0 },
		{ "chat", 4, 0, 0, 0 }, { "sms", 16, 1, 0, 0 },
		{ "generic-codes", 20, 0, 0, 0 },
		{ "generic-subcodes", 118, 0, 0, 0 },
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
		ck_assert_uint_eq(count_source(t, ACS_SOURCE_LEARN),
		    want[i].learn);
		ck_assert_uint_eq(count_source(t, ACS_SOURCE_MIT),
		    want[i].mit);
		ck_assert_uint_eq(count_source(t, ACS_SOURCE_IANA), 0);
		ck_assert_uint_eq(t->count, want[i].article + want[i].upstream +
		    want[i].learn + want[i].mit);
		ck_assert_uint_eq(t->first, total);
		total += t->count;
		article += want[i].article;
	}
	ck_assert_uint_eq(article, 290);
	ck_assert_uint_eq(acs_nentries, 380);
	ck_assert_uint_eq(acs_ntips, 4);
	ck_assert_uint_eq(acs_nclasses, 8);
	ck_assert_uint_eq(acs_nrules, 2);
	ck_assert_uint_eq(acs_nsips, 75);
	ck_assert_uint_eq(acs_nnames, 34);
	ck_assert_uint_eq(acs_nnotices, 5);
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

const struct answer *
ask(enum query_kind kind, uint32_t code, uint32_t subcode, uint64_t tables,
    int exact)
{
	struct query q = { .kind = kind, .code = code, .subcode = subcode };

	answer_query(&ans, &q, tables, exact);
	return &ans;
}

const struct answer *
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
	const struct answer *a = ask_pair(400, 8564);

	ck_assert_int_eq(a->level, MATCH_GENERIC_SUBCODE);
	ck_assert_uint_eq(a->nentries, 1);
	ck_assert(is_table(a->entries[0], "generic-subcodes"));
	ck_assert_str_eq(a->entries[0]->message,
	    "Speech Service Connection Error");
	ck_assert_uint_eq(a->ncontext, 1);
	ck_assert_str_eq(a->context[0]->message, "Bad request");
	a = ask_pair(500, 8536);
	ck_assert_int_eq(a->level, MATCH_GENERIC_SUBCODE);
	ck_assert_str_eq(a->entries[0]->message, "File Download Failed");
	ck_assert_str_eq(match_name(a->level), "generic-subcode");
	/* the Play and Recognize guides document 400/8563 and 400/8536 */
	a = ask_pair(400, 8563);
	ck_assert_int_eq(a->level, MATCH_EXACT);
	ck_assert(is_table(a->entries[0], "play-recognize"));
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
	ck_assert_uint_eq(a->nentries, 2);	/* Call Automation, PSTN */
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
	a = ask(QUERY_NUMBER, 202, 0, ACS_ALL_TABLES, 1);
	ck_assert(!answer_found(a));
	a = ask(QUERY_NUMBER, 202, 0, ACS_ALL_TABLES, 0);
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
	ck_assert_uint_eq(a->nentries, 3);	/* call end, Call Automation, PSTN */
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
		struct scan_pair p = { codes[i], SCAN_NO_SUBCODE, { 0, 0 }, 1 };
		struct pair_report r;
		const struct acs_entry *e = code_entry(codes[i], ACS_ALL_TABLES);

		report_pair(&p, ACS_ALL_TABLES, &r);
		ck_assert_ptr_eq(r.nentries > 0 ? r.entries[0] : NULL, e);
		if (e != NULL)
			ck_assert_ptr_eq(code_description(codes[i],
			    ACS_ALL_TABLES), e->message);
	}
	ck_assert_str_eq(code_entry(503, ACS_ALL_TABLES)->message,
	    "Communication Services infrastructure error.");
}
END_TEST

/* Entries of one pair in several buckets are explained alike, each
 * pointing at its own entry; the pairs are counted once. */
START_TEST(test_report_pairs_once)
{
	struct scan_pair p[] = {
		{ 410, 3112, { 1, 0 }, 5 },
		{ 0, 560503, { 1, 0 }, 4 },
		{ 410, 3112, { 2, 0 }, 3 },
		{ 999, 99999, { 1, 0 }, 2 },
		{ 0, 560503, { 3, 0 }, 1 },
	};
	size_t n = sizeof(p) / sizeof(p[0]);
	struct pair_report r[5], one;

	ck_assert_int_eq(report_pairs(p, n, ACS_ALL_TABLES, r), 3);
	for (size_t i = 0; i < n; i++) {
		report_pair(&p[i], ACS_ALL_TABLES, &one);
		ck_assert_ptr_eq(r[i].pair, &p[i]);
		ck_assert_int_eq(r[i].level, one.level);
		ck_assert_uint_eq(r[i].nentries, one.nentries);
		ck_assert_ptr_eq(report_message(&r[i]), report_message(&one));
	}
	ck_assert_int_eq(r[3].level, MATCH_NONE);
	ck_assert_int_eq(r[1].level, MATCH_RULE);
	ck_assert_int_eq(report_pairs(p, 0, ACS_ALL_TABLES, r), 0);
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
	/* 401: calling 71005, call end 10009 and 71005, Call Automation
	 * 10009 and 71005, Play 8565, chat, generic status */
	n = lookup_number(401, ACS_ALL_TABLES, buf, CAP);
	ck_assert_uint_eq(n, 8);
	ck_assert(is_table(buf[0], "calling"));
	ck_assert(is_table(buf[1], "call-end"));
	ck_assert(is_table(buf[5], "play-recognize"));
	ck_assert(is_table(buf[6], "chat"));
	ck_assert(is_table(buf[7], "generic-codes"));
	/* 9999: Play's 500/9999, SMS and generic subcode */
	n = lookup_number(9999, ACS_ALL_TABLES, buf, CAP);
	ck_assert_uint_eq(n, 3);
	ck_assert(is_table(buf[0], "play-recognize"));
	ck_assert(is_table(buf[1], "sms"));
	ck_assert(is_table(buf[2], "generic-subcodes"));
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
	/* Call Automation's 200 is not the Calling SDK's 0 */
	ck_assert_uint_eq(codes_with_subcode(0, ACS_ALL_TABLES, codes, 4), 4);
	ck_assert_uint_eq(codes[0], 0);
	ck_assert_uint_eq(codes[1], 200);
	ck_assert_uint_eq(codes[2], 487);
	ck_assert_uint_eq(codes[3], 603);
	ck_assert_uint_eq(codes_with_subcode(0, ACS_ALL_TABLES, codes, 2), 2);
	ck_assert_uint_eq(codes[1], 487);
	ck_assert_uint_eq(codes_with_subcode(99999, ACS_ALL_TABLES, codes, 4), 0);
	/* generic subcodes carry no code */
	ck_assert_uint_eq(codes_with_subcode(8564, ACS_ALL_TABLES, codes, 4), 0);
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
	ck_assert(is_table(a->entries[1], "call-automation"));
	ck_assert(is_table(a->entries[2], "pstn"));
	ck_assert_uint_eq(a->entries[2]->category, ACS_CAT_NONE);
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


Suite *
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
	tcase_add_test(rules, test_report_pairs_once);
	tcase_add_test(rules, test_number_8522);
	tcase_add_test(rules, test_number_497);
	tcase_add_test(rules, test_number_all_tables);
	tcase_add_test(rules, test_code_meaning);
	tcase_add_test(rules, test_codes_with_subcode);
	tcase_add_test(rules, test_parse_number);
	suite_add_tcase(s, rules);
	return s;
}

int
main(void)
{
	Suite *(*const suites[])(void) = {
		lookup_suite, search_suite, query_suite, scan_suite,
		decode_suite, time_suite, kql_suite,
	};
	SRunner *sr = srunner_create(suites[0]());
	int failed;

	if (answer_init(&ans) != 0)
		return EXIT_FAILURE;
	for (size_t i = 1; i < sizeof(suites) / sizeof(suites[0]); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	answer_free(&ans);
	return failed > 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
