/*
 * Unit tests of the query parser (Check): every form people paste, the
 * strict reading of JSON values, the order of pairs in a document, and
 * hostile input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/keys.h"
#include "core/lookup.h"

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

Suite *
query_suite(void)
{
	Suite *s = suite_create("query");
	TCase *tc = tcase_create("forms");

	tcase_add_test(tc, test_query_forms);
	tcase_add_test(tc, test_query_kinds);
	tcase_add_test(tc, test_query_errors);
	tcase_add_test(tc, test_query_hostile);
	tcase_add_test(tc, test_query_json_values);
	tcase_add_test(tc, test_query_pair_order);
	tcase_add_test(tc, test_query_paste);
	suite_add_tcase(s, tc);
	return s;
}
