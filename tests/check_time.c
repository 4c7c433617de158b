/*
 * Unit tests of times and buckets (Check): the forms logs write times in,
 * what is not a time, bucket names, and the numbering of --by values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scan/buckets.h"
#include "check.h"
#include "core/timeparse.h"

/* 2026-11-26T00:00:00Z */
#define DAY0 (INT64_C(20783) * MS_PER_DAY)

static int64_t
t(const char *s)
{
	int64_t ms = -1;

	ck_assert_msg(parse_time(s, strlen(s), &ms) == 0, "not a time: %s", s);
	return ms;
}

static int
bad(const char *s)
{
	int64_t ms;

	return parse_time(s, strlen(s), &ms) != 0;
}

START_TEST(test_time_iso)
{
	ck_assert_int_eq(days_from_civil(2026, 11, 26), 20783);
	ck_assert_int_eq(t("2026-11-26"), DAY0);
	ck_assert_int_eq(t("2026-11-26T10:14:08.340Z"), DAY0 +
	    10 * MS_PER_HOUR + 14 * 60000 + 8340);
	/* fractions of any length, cut to milliseconds */
	ck_assert_int_eq(t("2026-11-26T10:14:08.3401234Z"),
	    t("2026-11-26T10:14:08.340Z"));
	ck_assert_int_eq(t("2026-11-26T10:14:08,5Z"),
	    t("2026-11-26T10:14:08.500Z"));
	/* zones: none is UTC; +01:00, +0100, +01, -05:30 */
	ck_assert_int_eq(t("2026-11-26T10:00:00"), t("2026-11-26T10:00:00Z"));
	ck_assert_int_eq(t("2026-11-26T11:00:00+01:00"),
	    t("2026-11-26T10:00:00Z"));
	ck_assert_int_eq(t("2026-11-26T11:00:00+0100"),
	    t("2026-11-26T10:00:00Z"));
	ck_assert_int_eq(t("2026-11-26T11:00+01"), t("2026-11-26T10:00Z"));
	ck_assert_int_eq(t("2026-11-26T04:30:00-05:30"),
	    t("2026-11-26T10:00:00Z"));
	/* a zone across midnight, a space for the T, lower case */
	ck_assert_int_eq(t("2026-11-27T00:30:00+01:00"),
	    t("2026-11-26 23:30:00z"));
	ck_assert_int_eq(t("2026-11-26t10:00:00Z"), t("2026-11-26T10:00Z"));
	/* a leap second is the last millisecond of its minute */
	ck_assert_int_eq(t("2016-12-31T23:59:60Z"),
	    t("2016-12-31T23:59:59.999Z"));
	ck_assert_int_eq(t("2024-02-29"), days_from_civil(2024, 2, 29) *
	    MS_PER_DAY);
	ck_assert_int_eq(t("1969-12-31T23:59:59Z"), -1000);
	ck_assert_int_eq(t("  2026-11-26  "), DAY0);
}
END_TEST

START_TEST(test_time_portal)
{
	/* the Log Analytics portal's CSV export, in UTC */
	ck_assert_int_eq(t("11/26/2026, 10:14:08.340 AM"),
	    t("2026-11-26T10:14:08.340Z"));
	ck_assert_int_eq(t("11/26/2026, 12:00:00.000 AM"), DAY0);
	ck_assert_int_eq(t("11/26/2026, 12:30:00 PM"),
	    t("2026-11-26T12:30:00Z"));
	ck_assert_int_eq(t("11/26/2026, 11:59:59.999 PM"), DAY0 +
	    MS_PER_DAY - 1);
	ck_assert_int_eq(t("1/2/2026, 1:05 pm"), t("2026-01-02T13:05Z"));
	ck_assert_int_eq(t("11/26/2026 10:14:08 AM"),
	    t("2026-11-26T10:14:08Z"));
}
END_TEST

START_TEST(test_time_bad)
{
	static const char *const not_times[] = {
		"", "yesterday", "2026-11", "2026-13-01", "2026-02-29",
		"2026-11-31", "2026-11-26T24:00:00Z", "2026-11-26T10:60Z",
		"2026-11-26T10:00:61Z", "2026-11-26T10", "2026-11-26T",
		"2026-11-26T10:00:00+24:00", "2026-11-26T10:00:00+01:60",
		"2026-11-26T10:00:00.Z", "2026-11-26T10:00:00Zjunk",
		"26-11-26", "11/26/2026", "11/26/2026, 13:00 PM",
		"11/26/2026, 0:30 AM", "13/26/2026, 1:00 AM",
		"11/26/2026, 10:00", "11/26/26, 10:00 AM", "1764151200",
	};

	for (size_t i = 0; i < sizeof(not_times) / sizeof(not_times[0]); i++)
		ck_assert_msg(bad(not_times[i]), "a time: %s", not_times[i]);
}
END_TEST

START_TEST(test_time_prefix)
{
	static const char line[] = "2026-11-26T10:15:30.123Z [CallClient] x";
	int64_t ms;

	ck_assert_uint_eq(parse_time_prefix(line, strlen(line), &ms), 24);
	ck_assert_int_eq(ms, t("2026-11-26T10:15:30.123Z"));
	ck_assert_uint_eq(parse_time_prefix("[2026-11-26 11:00:00] INFO", 26,
	    &ms), 20);
	ck_assert_int_eq(ms, t("2026-11-26T11:00:00Z"));
	ck_assert_uint_eq(parse_time_prefix("info code=1", 11, &ms), 0);
	ck_assert_uint_eq(parse_time_prefix("2026-11-26T10:15:30123", 22,
	    &ms), 0);
}
END_TEST

START_TEST(test_time_buckets_named)
{
	char out[TIME_BUCKET_MAX];

	format_bucket(DAY0, 0, out);
	ck_assert_str_eq(out, "2026-11-26");
	format_bucket(DAY0 + 10 * MS_PER_HOUR, 1, out);
	ck_assert_str_eq(out, "2026-11-26T10:00:00Z");
	format_bucket(-MS_PER_HOUR, 1, out);
	ck_assert_str_eq(out, "1969-12-31T23:00:00Z");
}
END_TEST

/* Rounding down to an hour or a day, before 1970 too; a time written
 * back to the millisecond. */
START_TEST(test_time_floor_format)
{
	char out[TIME_ISO_MAX];

	ck_assert_int_eq(time_floor(DAY0 + 10 * MS_PER_HOUR + 1, MS_PER_DAY),
	    DAY0);
	ck_assert_int_eq(time_floor(DAY0 + 10 * MS_PER_HOUR + 1, MS_PER_HOUR),
	    DAY0 + 10 * MS_PER_HOUR);
	ck_assert_int_eq(time_floor(DAY0, MS_PER_DAY), DAY0);
	ck_assert_int_eq(time_floor(-1, MS_PER_DAY), -MS_PER_DAY);
	ck_assert_int_eq(time_floor(-MS_PER_DAY, MS_PER_DAY), -MS_PER_DAY);
	format_time(DAY0 + 10 * MS_PER_HOUR + 14 * 60000 + 8340, out);
	ck_assert_str_eq(out, "2026-11-26T10:14:08.340Z");
	format_time(-1, out);
	ck_assert_str_eq(out, "1969-12-31T23:59:59.999Z");
	format_time(0, out);
	ck_assert_str_eq(out, "1970-01-01T00:00:00.000Z");
}
END_TEST

START_TEST(test_buckets)
{
	struct buckets b, c;
	uint32_t id, id2, again;
	char name[16];

	buckets_init(&b);
	ck_assert_int_eq(bucket_of_text(&b, "1.29.1", 6, &id), 0);
	ck_assert_uint_eq(id, BUCKET_FIRST);
	ck_assert_int_eq(bucket_of_time(&b, DAY0, &id2), 0);
	ck_assert_uint_ne(id, id2);
	ck_assert_int_eq(bucket_of_text(&b, "1.29.1", 6, &again), 0);
	ck_assert_uint_eq(again, id);
	/* a text and a time never meet */
	ck_assert_int_eq(bucket_of_text(&b, "", 0, &again), 0);
	ck_assert_uint_ne(again, id2);
	/* past BUCKET_MAX values: BUCKET_OTHER, and no more memory */
	for (int i = 0; i < BUCKET_MAX + 10; i++) {
		snprintf(name, sizeof(name), "v%d", i);
		ck_assert_int_eq(bucket_of_text(&b, name, strlen(name), &id),
		    0);
	}
	ck_assert_uint_eq(id, BUCKET_OTHER);
	ck_assert_uint_eq(b.n, BUCKET_FIRST + BUCKET_MAX);
	/* known values keep their numbers past the cap */
	ck_assert_int_eq(bucket_of_text(&b, "1.29.1", 6, &again), 0);
	ck_assert_uint_eq(again, BUCKET_FIRST);
	/* copied into another table, by value */
	buckets_init(&c);
	ck_assert_int_eq(bucket_of_text(&c, "other first", 11, &id), 0);
	ck_assert_int_eq(bucket_copy(&c, &b, BUCKET_FIRST, &id), 0);
	ck_assert_uint_eq(id, BUCKET_FIRST + 1);
	ck_assert_str_eq(c.v[id].text, "1.29.1");
	ck_assert_int_eq(bucket_copy(&c, &b, BUCKET_NONE, &id), 0);
	ck_assert_uint_eq(id, BUCKET_NONE);
	buckets_free(&b);
	buckets_free(&c);
}
END_TEST

Suite *
time_suite(void)
{
	Suite *s = suite_create("time");
	TCase *tc = tcase_create("time");

	tcase_add_test(tc, test_time_iso);
	tcase_add_test(tc, test_time_portal);
	tcase_add_test(tc, test_time_bad);
	tcase_add_test(tc, test_time_prefix);
	tcase_add_test(tc, test_time_buckets_named);
	tcase_add_test(tc, test_time_floor_format);
	tcase_add_test(tc, test_buckets);
	suite_add_tcase(s, tc);
	return s;
}
