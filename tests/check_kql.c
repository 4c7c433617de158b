/*
 * Unit tests of --kql's query (Check): KQL string literals, the tables and
 * columns it knows, and what the query holds for each option.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "scan/kql.h"
#include "core/timeparse.h"

/* What f writes, as a string (to be freed). */
static char *
written(void (*f)(FILE *, const void *), const void *arg)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	ck_assert_ptr_nonnull(fp);
	f(fp, arg);
	ck_assert_int_eq(fclose(fp), 0);
	return s;
}

static void
write_string(FILE *fp, const void *s)
{
	put_kql_string(fp, s);
}

START_TEST(test_kql_string)
{
	char *s = written(write_string, "a \"b\" \\c\nd\re\tf\001g caf\xc3\xa9");

	ck_assert_str_eq(s, "\"a \\\"b\\\" \\\\c\\nd\\re\\tf\\u0001g caf\xc3\xa9\"");
	free(s);
	s = written(write_string, "");
	ck_assert_str_eq(s, "\"\"");
	free(s);
}
END_TEST

START_TEST(test_kql_names)
{
	const struct kql_table *t = kql_table("acscallsummary");

	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t->name, "ACSCallSummary");
	ck_assert_str_eq(kql_column(t, "sdkversion"), "SdkVersion");
	ck_assert_str_eq(kql_column(t, "_RESOURCEID"), "_ResourceId");
	ck_assert_ptr_null(kql_column(t, "ResultCode"));
	t = kql_table("ACSCallAutomationMediaSummary");
	ck_assert_ptr_nonnull(t);
	ck_assert_str_eq(t->code, "ResultCode");
	ck_assert_ptr_null(kql_table("ACSCallSummaries"));
}
END_TEST

struct args {
	const struct kql_table *t;
	struct scan_view v;
};

static void
write_query(FILE *fp, const void *arg)
{
	const struct args *a = arg;

	kql_query(fp, a->t, &a->v, "9.9.9", "acsdiag --kql");
}

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, what)) != NULL; p++)
		n++;
	return n;
}

START_TEST(test_kql_query)
{
	struct args a = { kql_table("ACSCallSummary"), { { { DIM_DAY, 0,
		"day" }, { DIM_FIELD, 0, "category" } }, 2, 0, 0, 1, 1 } };
	char *q;

	ck_assert_int_eq(parse_time_arg("2025-07-01T10:30+02:00", &a.v.since),
	    0);
	ck_assert_int_eq(parse_time_arg("2025-07-08", &a.v.until), 0);
	q = written(write_query, &a);
	/* the catalogue: a row per entry, the SIP phrases, the classes */
	ck_assert_uint_eq(count(q, ", dynamic(["), acs_nentries);
	ck_assert_uint_eq(count(q, "bag_pack(\"table\""), acs_nclasses);
	ck_assert_ptr_nonnull(strstr(q, " 503, \"Service Unavailable\""));
	/* the half-open window, in UTC */
	ck_assert_ptr_nonnull(strstr(q, "| where TimeGenerated >= "
	    "datetime(2025-07-01T08:30:00.000Z)"));
	ck_assert_ptr_nonnull(strstr(q, "| where TimeGenerated < "
	    "datetime(2025-07-08T00:00:00.000Z)"));
	/* the buckets; a column named as the query's own is renamed */
	ck_assert_ptr_nonnull(strstr(q, "by Day = bin(TimeGenerated, 1d), "
	    "ByCategory = Category, Code, Subcode"));
	ck_assert_ptr_nonnull(strstr(q, "| order by Day asc, ByCategory asc, "
	    "Count desc"));
	ck_assert_ptr_nonnull(strstr(q, "toint(ParticipantEndReason)"));
	ck_assert_uint_le(strlen(q), KQL_MAX);
	free(q);
	a.t = kql_table("ACSCallAutomationMediaSummary");
	a.v.ndims = 0;
	a.v.has_since = a.v.has_until = 0;
	q = written(write_query, &a);
	ck_assert_ptr_nonnull(strstr(q, "ACSCallAutomationMediaSummary\n"
	    "    | extend Code = toint(ResultCode), Subcode = "
	    "toint(ResultSubcode)"));
	ck_assert_ptr_null(strstr(q, "where TimeGenerated"));
	ck_assert_ptr_nonnull(strstr(q, "summarize Count = count() by Code, "
	    "Subcode);"));
	free(q);
}
END_TEST

Suite *
kql_suite(void)
{
	Suite *s = suite_create("kql");
	TCase *tc = tcase_create("kql");

	tcase_add_test(tc, test_kql_string);
	tcase_add_test(tc, test_kql_names);
	tcase_add_test(tc, test_kql_query);
	suite_add_tcase(s, tc);
	return s;
}
