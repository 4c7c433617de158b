/*
 * Unit tests of the log scanner (Check): every shape of log, the format
 * decided record by record, every record counted or skipped with its
 * reason, counts that do not depend on how the input is cut into chunks,
 * the keys every reader knows, and the tally.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/keys.h"
#include "core/lookup.h"
#include "scan/report.h"
#include "scan/scan.h"
#include "core/timeparse.h"

static uint64_t
tally_count(const struct scan_tally *t, uint32_t code, uint32_t subcode)
{
	for (size_t i = 0; i < t->nslots; i++)
		if (t->slots[i].count != 0 && t->slots[i].code == code &&
		    t->slots[i].subcode == subcode)
			return t->slots[i].count;
	return 0;
}

/* Count n records of code/subcode in t, no --by. */
static int
add(struct scan_tally *t, uint32_t code, uint32_t subcode, uint64_t n)
{
	struct scan_pair p = { code, subcode, { 0, 0 }, n };

	return scan_add(t, &p);
}

static uint64_t
tally_sum(const struct scan_tally *t)
{
	uint64_t sum = 0;

	for (size_t i = 0; i < t->nslots; i++)
		sum += t->slots[i].count;
	return sum;
}

/* Scan input[0..n), chunk bytes at a time, into t (set up here). */
static void
scan_with(const char *input, size_t n, size_t chunk,
    const struct scan_options *o, struct scan_tally *t)
{
	struct scan_sink sink;

	scan_tally_init(t);
	scan_tally_sink(t, &sink);
	ck_assert_int_eq(scan_buffer(input, n, chunk, o, &sink), 0);
}

static void
scan_str(const char *input, struct scan_tally *t)
{
	static const struct scan_options o = { .format = SCAN_AUTO };

	scan_with(input, strlen(input), 4096, &o, t);
}

static const char sample_json[] =
    "{\"ParticipantEndReason\":\"410\",\"ParticipantEndSubCode\":\"3112\"}\n"
    "{\"a\":\"x\\\"y{[\\\\\",\"code\":0,\"subCode\":0,\"u\":\"caf\xc3\xa9\"}\r\n"
    "not json\n"
    "{\"data\":{\"resultInformation\":{\"code\":400,\"subCode\":8536}},"
    "\"code\":\"7\"}\n"
    "[{\"Code\":\"487\"},{\"RESULTCODE\":603,\"resultSubcode\":0}]\n"
    "{\"latin1\":\"\xe9t\xe9\",\"code\":1,\"subCode\":1}\n"
    "{\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null,\"code\":480,"
    "\"subCode\":10037}\n"
    "{\"nothing\":\"here\"}\n"
    "{\"code\":410,\"sub";

static const char sample_events[] =
    "[\n  {\n    \"id\": \"1\",\n    \"data\": {\n      \"resultInformation\""
    ": {\n        \"code\": 400,\n        \"subCode\": 8536\n      }\n    }"
    "\n  },\n  {\n    \"data\": { \"resultInformation\": { \"code\": 403 } }"
    "\n  },\n  { \"type\": \"CallConnected\" }\n]\n";

static const char sample_csv[] =
    "\"TimeGenerated [UTC]\",ParticipantEndReason,ParticipantEndSubCode,"
    "Agent\n"
    "\"11/26/2026, 10:15 AM\",410,3112,\"a, b\nc\"\n"
    "x,0,0,\"\"\"q\"\"\"\n"
    "y,503,,z\n"
    "w,,,nothing\n"
    "v,4x,1,bad\n";

static const char sample_text[] =
    "callEndReason: {code: 410, subCode: 3112}\n"
    "info code=480, subCode=10037 x\n"
    "ended 490#4502\n"
    "status code: 200\n"
    "ids like ab#12 and 12:30:45\n"
    "Latin-1 \xe9t\xe9 code=1 subCode=1\n"
    "Call ended with code 487 and subcode 5001\n"
    "code=0 subCode=0 code=603 subCode=0\r\n";

/* JSON Lines with text lines, a text log with JSON lines, an object
 * printed by Node over several lines, a text line that starts like
 * JSON. */
static const char sample_mixed[] =
    "{\"code\":410,\"subCode\":3112}\n"
    "2026-11-26 INFO code=480 subCode=10037\n"
    "{\"code\":0,\"subCode\":0}\n"
    "[2026-11-26T10:00:00Z] code=487 subCode=0\n"
    "callEndReason {\n"
    "  code: 490,\n"
    "  subCode: 4502\n"
    "}\n"
    "{\n"
    "  code: 603,\n"
    "  subCode: 0\n"
    "}\n"
    "plain line\n"
    "   \n"
    "{\"a\":1} trailing code=500 subCode=1\n";

/* The Log Analytics query API's answer, and an Event Hubs body. */
static const char sample_api[] =
    "{\"tables\":[{\"name\":\"PrimaryResult\",\"columns\":["
    "{\"name\":\"CorrelationId\",\"type\":\"string\"},"
    "{\"name\":\"ParticipantEndReason\",\"type\":\"string\"},"
    "{\"name\":\"ParticipantEndSubCode\",\"type\":\"string\"},"
    "{\"name\":\"count_\",\"type\":\"long\"}],"
    "\"rows\":[[\"c1\",\"410\",\"3112\",5],[\"c2\",\"0\",\"0\",2],"
    "[\"c3\",\"\",\"\",7],[\"c4\",\"503\",null,1]]}]}\n"
    "{\"records\":[{\"time\":\"t\",\"properties\":{"
    "\"participantEndReason\":\"410\",\"participantEndSubCode\":\"3112\"}},"
    "{\"time\":\"t\",\"properties\":{\"participantEndReason\":\"0\"}},"
    "{\"time\":\"t\",\"properties\":{}}]}\n";

/* CSV dialects: ';' named by sep=, PowerShell's #TYPE, tabs, a single
 * column, CRLF with the code column last, a count column. */
static const char csv_sep[] =
    "sep=;\nCorrelationId;ParticipantEndReason;ParticipantEndSubCode\n"
    "c1;410;3112\nc2;\"0\";0\n";
static const char csv_type[] =
    "#TYPE System.Management.Automation.PSCustomObject\n"
    "\"CorrelationId\",\"ParticipantEndReason\",\"ParticipantEndSubCode\"\n"
    "\"c1\",\"410\",\"3112\"\n";
static const char csv_tab[] =
    "CorrelationId\tParticipantEndReason\tParticipantEndSubCode\n"
    "c 1\t410\t3112\nc2\t0\t0\n";
static const char csv_single[] = "ParticipantEndReason\n410\n0\n\n503\n";
static const char csv_crlf[] =
    "CorrelationId,ParticipantEndReason\r\nc1,410\r\nc2,0\r\n";
static const char csv_count[] =
    "ParticipantEndReason,ParticipantEndSubCode,count_\n"
    "410,3112,40\n0,0,2\n0,0,3\n487,0,x\n";

/* Scanning any chunking of the same bytes counts the same. */
static void
same_whatever_the_chunks(const char *input)
{
	static const struct scan_options o = { .format = SCAN_AUTO };
	struct scan_tally whole, part;
	size_t n = strlen(input);

	scan_with(input, n, n, &o, &whole);
	for (size_t chunk = 1; chunk <= 40; chunk++) {
		scan_with(input, n, chunk, &o, &part);
		ck_assert_msg(part.npairs == whole.npairs &&
		    part.stats.records == whole.stats.records &&
		    memcmp(part.stats.skipped, whole.stats.skipped,
		    sizeof(part.stats.skipped)) == 0 &&
		    part.stats.lines == whole.stats.lines,
		    "chunk %zu: %zu pairs, %llu records, %llu skipped", chunk,
		    part.npairs, (unsigned long long)part.stats.records,
		    (unsigned long long)scan_skipped(&part.stats));
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
	const char *const samples[] = {
		sample_json, sample_events, sample_csv, sample_text,
		sample_mixed, sample_api, csv_sep, csv_type, csv_tab,
		csv_single, csv_crlf, csv_count,
	};

	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		same_whatever_the_chunks(samples[i]);
}
END_TEST

START_TEST(test_scan_json)
{
	struct scan_tally t;

	scan_str(sample_json, &t);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 1);
	ck_assert_uint_eq(tally_count(&t, 0, 0), 1);
	/* the pair is the innermost object's; "code":"7" is the outer's */
	ck_assert_uint_eq(tally_count(&t, 400, 8536), 1);
	ck_assert_uint_eq(tally_count(&t, 7, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(tally_count(&t, 487, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(tally_count(&t, 603, 0), 1);
	ck_assert_uint_eq(tally_count(&t, 480, 10037), 1);
	/* Latin-1 bytes in a string do not hide the pair */
	ck_assert_uint_eq(tally_count(&t, 1, 1), 1);
	ck_assert_uint_eq(t.stats.records, 8);
	ck_assert_uint_eq(t.stats.skipped[SKIP_NO_PAIR], 2);
	/* the truncated last record: not JSON, and no pair as text */
	ck_assert_uint_eq(t.stats.skipped[SKIP_BAD_JSON], 1);
	ck_assert_uint_eq(scan_skipped(&t.stats), 3);
	ck_assert_uint_eq(t.stats.lines, 9);
	scan_tally_free(&t);

	/* the objects of a top-level array are records each */
	scan_str(sample_events, &t);
	ck_assert_uint_eq(tally_count(&t, 400, 8536), 1);
	ck_assert_uint_eq(tally_count(&t, 403, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(t.stats.records, 2);
	ck_assert_uint_eq(t.stats.skipped[SKIP_NO_PAIR], 1);
	ck_assert_uint_eq(scan_skipped(&t.stats), 1);
	scan_tally_free(&t);
}
END_TEST

START_TEST(test_scan_api_and_event_hubs)
{
	struct scan_tally t;

	scan_str(sample_api, &t);
	/* rows read by column name, weighted by count_ */
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 5 + 1);
	ck_assert_uint_eq(tally_count(&t, 0, 0), 2);
	ck_assert_uint_eq(tally_count(&t, 503, SCAN_NO_SUBCODE), 1);
	/* the Event Hubs records, each its own */
	ck_assert_uint_eq(tally_count(&t, 0, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(t.stats.records, 5 + 2 + 1 + 1 + 1);
	/* the row without a code, the record without one */
	ck_assert_uint_eq(t.stats.skipped[SKIP_NO_PAIR], 2);
	ck_assert_uint_eq(scan_skipped(&t.stats), 2);
	scan_tally_free(&t);
}
END_TEST

START_TEST(test_scan_csv)
{
	struct scan_tally t;

	scan_str(sample_csv, &t);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 1);
	ck_assert_uint_eq(tally_count(&t, 0, 0), 1);
	ck_assert_uint_eq(tally_count(&t, 503, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(t.stats.records, 3);
	ck_assert_uint_eq(t.stats.skipped[SKIP_NO_PAIR], 1);
	ck_assert_uint_eq(t.stats.skipped[SKIP_BAD_VALUE], 1);
	ck_assert_uint_eq(t.stats.lines, 7);
	scan_tally_free(&t);
}
END_TEST

/* Every dialect counts the same records as a plain comma CSV. */
START_TEST(test_scan_csv_dialects)
{
	struct scan_tally t;

	scan_str(csv_sep, &t);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 1);
	ck_assert_uint_eq(tally_count(&t, 0, 0), 1);
	ck_assert_uint_eq(t.stats.records, 2);
	ck_assert_uint_eq(scan_skipped(&t.stats), 0);
	ck_assert_uint_eq(t.stats.lines, 4);
	scan_tally_free(&t);
	scan_str(csv_type, &t);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 1);
	ck_assert_uint_eq(t.stats.records, 1);
	scan_tally_free(&t);
	scan_str(csv_tab, &t);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 1);
	ck_assert_uint_eq(tally_count(&t, 0, 0), 1);
	scan_tally_free(&t);
	scan_str(csv_single, &t);
	ck_assert_uint_eq(tally_count(&t, 410, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(tally_count(&t, 0, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(tally_count(&t, 503, SCAN_NO_SUBCODE), 1);
	scan_tally_free(&t);
	/* CRLF, the code column last: its name keeps no CR */
	scan_str(csv_crlf, &t);
	ck_assert_uint_eq(tally_count(&t, 410, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(tally_count(&t, 0, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(t.stats.records, 2);
	scan_tally_free(&t);
}
END_TEST

/* A count column weighs each row; --count-field names another. */
START_TEST(test_scan_weights)
{
	static const struct scan_options calls = { .format = SCAN_AUTO,
	    .count_field = "Calls" };
	static const char named[] =
	    "ParticipantEndReason,ParticipantEndSubCode,Calls,count_\n"
	    "410,3112,7,1000\n";
	static const char json[] =
	    "[{\"ParticipantEndReason\":\"410\",\"ParticipantEndSubCode\":"
	    "\"3112\",\"count_\":\"12\"},{\"code\":0,\"subCode\":0,"
	    "\"Count\":3,\"x\":{\"count\":99}}]\n";
	struct scan_tally t;

	scan_str(csv_count, &t);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 40);
	ck_assert_uint_eq(tally_count(&t, 0, 0), 5);
	ck_assert_uint_eq(t.stats.records, 45);
	ck_assert_uint_eq(t.stats.skipped[SKIP_BAD_VALUE], 1);
	scan_tally_free(&t);
	scan_with(named, strlen(named), 5, &calls, &t);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 7);
	scan_tally_free(&t);
	/* in JSON: the record's own count, not a nested object's */
	scan_str(json, &t);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 12);
	ck_assert_uint_eq(tally_count(&t, 0, 0), 3);
	scan_tally_free(&t);
}
END_TEST

START_TEST(test_scan_text)
{
	struct scan_tally t;

	scan_str(sample_text, &t);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 1);
	ck_assert_uint_eq(tally_count(&t, 480, 10037), 1);
	ck_assert_uint_eq(tally_count(&t, 490, 4502), 1);
	ck_assert_uint_eq(tally_count(&t, 0, 0), 1);
	ck_assert_uint_eq(tally_count(&t, 603, 0), 1);
	ck_assert_uint_eq(tally_count(&t, 1, 1), 1);
	ck_assert_uint_eq(tally_count(&t, 487, 5001), 1);
	ck_assert_uint_eq(t.stats.records, 7);
	ck_assert_uint_eq(t.stats.skipped[SKIP_NO_PAIR], 2);
	scan_tally_free(&t);
}
END_TEST

/* The format is decided record by record. */
START_TEST(test_scan_mixed)
{
	struct scan_tally t;

	scan_str(sample_mixed, &t);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 1);
	ck_assert_uint_eq(tally_count(&t, 480, 10037), 1);
	ck_assert_uint_eq(tally_count(&t, 0, 0), 1);
	ck_assert_uint_eq(tally_count(&t, 487, 0), 1);
	ck_assert_uint_eq(tally_count(&t, 490, 4502), 1);
	ck_assert_uint_eq(tally_count(&t, 603, 0), 1);
	ck_assert_uint_eq(tally_count(&t, 500, 1), 1);
	ck_assert_uint_eq(t.stats.records, 7);
	/* "plain line" and the {"a":1} before "trailing" */
	ck_assert_uint_eq(t.stats.skipped[SKIP_NO_PAIR], 2);
	ck_assert_uint_eq(t.stats.lines, 15);
	scan_tally_free(&t);
}
END_TEST

/* Deep nesting, stray closers, NUL bytes and long lines are skips, with
 * their reasons; the next line is read. */
START_TEST(test_scan_hostile)
{
	struct scan_tally t;
	char deep[512], *long_line;
	size_t n = 2 * 1024 * 1024;

	memset(deep, '{', 200);
	strcpy(deep + 200, "\n{\"code\":410,\"subCode\":3112}\n");
	scan_str(deep, &t);
	ck_assert_uint_eq(t.stats.skipped[SKIP_BAD_JSON], 1);
	ck_assert_uint_eq(tally_count(&t, 410, 3112), 1);
	scan_tally_free(&t);

	scan_str("{\"code\":0}}]\n{\"code\":1}", &t);
	ck_assert_uint_eq(tally_count(&t, 0, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(tally_count(&t, 1, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(t.stats.skipped[SKIP_NO_PAIR], 1);
	scan_tally_free(&t);

	scan_with("a\nb code=1 subCode=2 \0x\ncode=3 subCode=4\n", 40, 3,
	    &(struct scan_options){ .format = SCAN_MIXED }, &t);
	ck_assert_uint_eq(t.stats.skipped[SKIP_NOT_TEXT], 1);
	ck_assert_uint_eq(tally_count(&t, 3, 4), 1);
	scan_tally_free(&t);

	long_line = malloc(n + 40);
	ck_assert_ptr_nonnull(long_line);
	memset(long_line, 'x', n);
	strcpy(long_line + n, "\ncode=5 subCode=6\n");
	scan_str(long_line, &t);
	ck_assert_uint_eq(t.stats.skipped[SKIP_TOO_LONG], 1);
	ck_assert_uint_eq(tally_count(&t, 5, 6), 1);
	scan_tally_free(&t);
	free(long_line);
}
END_TEST

/* Write s in the case CASE asks: 0 as it is, 1 upper, 2 camel (the first
 * letter upper, as logs write them). */
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

/* Read doc, one of the forms of test_scan_keys, with the scanner and the
 * query parser: both find 410/3112. */
static void
both_read(const char *doc, int query)
{
	struct scan_tally t;
	struct query q;
	char err[128];

	scan_with(doc, strlen(doc), 3, &(struct scan_options){
	    .format = SCAN_AUTO }, &t);
	ck_assert_msg(tally_count(&t, 410, 3112) == 1, "scan: %s", doc);
	scan_tally_free(&t);
	if (query)
		ck_assert_msg(parse_query(doc, &q, err, sizeof(err)) == 0 &&
		    q.kind == QUERY_PAIR && q.code == 410 && q.subcode ==
		    3112, "query: %s", doc);
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
				spell(c, key_spellings[i].name, w);
				spell(sc, key_spellings[k].name, (w + 1) % 3);
				snprintf(doc, sizeof(doc), "{\"%s\":410,\"%s\":"
				    "\"3112\"}\n", c, sc);
				both_read(doc, 1);
				snprintf(doc, sizeof(doc), "x %s=410, %s: 3112\n",
				    c, sc);
				both_read(doc, 1);
				snprintf(doc, sizeof(doc), "Time,%s,%s\n2025,"
				    "410,3112\n", c, sc);
				both_read(doc, 0);
			}
		}
	}
	ck_assert_uint_eq(ncodes, 3);
	for (size_t i = 0; i < key_nspellings; i++) {
		ck_assert_int_eq(key_kind(key_spellings[i].name,
		    key_spellings[i].len), key_spellings[i].kind);
		spell(c, key_spellings[i].name, 1);
		ck_assert_int_eq(key_kind(c, key_spellings[i].len),
		    key_spellings[i].kind);
	}
	ck_assert_int_eq(key_kind("Code", 4), KEY_CODE);
	ck_assert_int_eq(key_kind("codes", 5), KEY_NONE);
	ck_assert_int_eq(key_kind("subcod", 6), KEY_NONE);
}
END_TEST

START_TEST(test_scan_tally)
{
	struct scan_tally t, u, w;
	struct scan_pair *v;
	size_t n;

	scan_tally_init(&t);
	for (uint32_t i = 0; i < SCAN_MAX_PAIRS + 10; i++)
		ck_assert_int_eq(add(&t, i, i % 3 == 0 ?
		    SCAN_NO_SUBCODE : i, 1), 0);
	add(&t, 5, 5, 1);
	add(&t, 5, 5, 1);
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
	/* merging adds counts and statistics, once */
	scan_tally_init(&u);
	add(&u, 5, 5, 7);
	add(&u, 410, 3112, 2);
	u.stats.lines = 4;
	u.stats.skipped[SKIP_NO_PAIR] = 3;
	ck_assert_int_eq(scan_merge(&u, &t), 0);
	ck_assert_uint_eq(tally_count(&u, 5, 5), 10);
	ck_assert_uint_eq(u.stats.records, 9 + SCAN_MAX_PAIRS + 12);
	ck_assert_uint_eq(u.stats.skipped[SKIP_NO_PAIR], 3);
	ck_assert_uint_eq(u.stats.lines, 4);
	/* past the cap, counted together: t's and what merging lumps */
	ck_assert_uint_ge(u.stats.overflow, 10);
	ck_assert_uint_eq(tally_sum(&u) + u.stats.overflow, u.stats.records);
	ck_assert_uint_eq(t.npairs, 0);
	ck_assert_uint_eq(t.stats.records, 0);
	scan_tally_free(&t);
	/* merged into an empty tally, a full one loses nothing */
	scan_tally_init(&t);
	for (uint32_t i = 0; i < SCAN_MAX_PAIRS; i++)
		add(&t, 1, i, 1);
	add(&t, 410, 3112, 1);
	scan_tally_init(&w);
	w.stats.skipped[SKIP_FORMAT] = 1;
	ck_assert_int_eq(scan_merge(&w, &t), 0);
	ck_assert_uint_eq(w.npairs, SCAN_MAX_PAIRS + 1);
	ck_assert_uint_eq(w.stats.overflow, 0);
	ck_assert_uint_eq(w.stats.skipped[SKIP_FORMAT], 1);
	ck_assert_uint_eq(w.stats.records, SCAN_MAX_PAIRS + 1);
	scan_tally_free(&w);
	scan_tally_free(&t);
	scan_tally_free(&u);
}
END_TEST

/* Records with a time and a field in every shape that carries them:
 * JSON at the record's level and in its properties, the query API's
 * columns, a CSV export's " [UTC]" columns, text lines. */
static const char timed_json[] =
    "{\"CallStartTime\":\"2026-11-25T09:00:00Z\",\"TimeGenerated\":"
    "\"2026-11-26T10:00:00Z\",\"code\":410,\"subCode\":3112,"
    "\"SdkVersion\":\"1.29\"}\n"
    "{\"time\":\"2026-11-26T23:59:59.999Z\",\"properties\":{"
    "\"sdkVersion\":\"1.31\",\"participantEndReason\":\"0\","
    "\"participantEndSubCode\":\"0\",\"nested\":{\"SdkVersion\":"
    "\"no\"}}}\n"
    "{\"TimeGenerated\":\"bad\",\"CallStartTime\":"
    "\"2026-11-26T10:00:00Z\",\"code\":0,\"subCode\":0}\n"
    "{\"code\":603,\"subCode\":0,\"SdkVersion\":\"\",\"count_\":4}\n";
static const char timed_api[] =
    "{\"tables\":[{\"columns\":[{\"name\":\"CallStartTime\"},"
    "{\"name\":\"TimeGenerated\"},{\"name\":\"ResultCode\"},"
    "{\"name\":\"SdkVersion\"}],\"rows\":[[\"2026-11-25T00:00Z\","
    "\"2026-11-27T01:00Z\",\"500\",\"2.0\"],[null,null,\"501\",null]]}]}";
static const char timed_csv[] =
    "\"CallStartTime [UTC]\",\"TimeGenerated [UTC]\",code,subcode,"
    "sdkversion\n"
    "\"11/25/2026, 9:00:00 AM\",\"11/26/2026, 10:00:00.000 PM\",410,1,"
    "1.29\n"
    ",,410,2,\n";
static const char timed_text[] =
    "2026-11-26T10:15:30Z code=1 subCode=1\n"
    "no time code=1 subCode=2\n";

/* Scan s by dimensions dims (DIM_FIELD: the field SdkVersion) within
 * [since, until) if given, in chunks of chunk bytes. */
static void
scan_view(const char *s, size_t chunk, const struct scan_view *v,
    struct scan_tally *t)
{
	struct scan_options o = { .format = SCAN_AUTO, .want_time = 1,
		.fields = { "SdkVersion" }, .nfields = 1 };
	struct scan_sink sink;

	scan_tally_init(t);
	scan_tally_view(t, v);
	scan_tally_sink(t, &sink);
	ck_assert_int_eq(scan_buffer(s, strlen(s), chunk, &o, &sink), 0);
}

/* How many records of code/subcode in the bucket named name of dim d
 * ("" for none). */
static uint64_t
in_bucket(const struct scan_tally *t, int d, const char *name,
    uint32_t code, uint32_t subcode)
{
	char bname[32];
	uint64_t n = 0;

	for (size_t i = 0; i < t->nslots; i++) {
		const struct scan_pair *p = &t->slots[i];
		const char *b;

		if (p->count == 0 || p->code != code || p->subcode != subcode)
			continue;
		b = p->bucket[d] == BUCKET_NONE ? "" : report_bucket(t, d,
		    p->bucket[d], bname, sizeof(bname));
		if (strcmp(b, name) == 0)
			n += p->count;
	}
	return n;
}

START_TEST(test_scan_by_time_and_field)
{
	struct scan_view v = { { { DIM_DAY, 0, "day" }, { DIM_FIELD, 0,
		"SdkVersion" } }, 2, 0, 0, 0, 0 };
	struct scan_tally t;

	for (size_t chunk = 1; chunk <= 64; chunk += 7) {
		scan_view(timed_json, chunk, &v, &t);
		/* TimeGenerated ranks before CallStartTime, whatever the
		 * order; the record's own field, not a nested object's */
		ck_assert_uint_eq(in_bucket(&t, 0, "2026-11-26", 410, 3112), 1);
		ck_assert_uint_eq(in_bucket(&t, 1, "1.29", 410, 3112), 1);
		ck_assert_uint_eq(in_bucket(&t, 0, "2026-11-26", 0, 0), 1);
		ck_assert_uint_eq(in_bucket(&t, 1, "1.31", 0, 0), 1);
		/* an unreadable first time field: no time, not the next */
		ck_assert_uint_eq(in_bucket(&t, 0, "", 0, 0), 1);
		/* "" is no value; a count weighs */
		ck_assert_uint_eq(in_bucket(&t, 1, "", 603, 0), 4);
		scan_tally_free(&t);
	}
	scan_view(timed_api, 5, &v, &t);
	ck_assert_uint_eq(in_bucket(&t, 0, "2026-11-27", 500,
	    SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(in_bucket(&t, 1, "2.0", 500, SCAN_NO_SUBCODE), 1);
	ck_assert_uint_eq(in_bucket(&t, 0, "", 501, SCAN_NO_SUBCODE), 1);
	scan_tally_free(&t);
	scan_view(timed_csv, 3, &v, &t);
	ck_assert_uint_eq(in_bucket(&t, 0, "2026-11-26", 410, 1), 1);
	ck_assert_uint_eq(in_bucket(&t, 1, "1.29", 410, 1), 1);
	ck_assert_uint_eq(in_bucket(&t, 0, "", 410, 2), 1);
	ck_assert_uint_eq(in_bucket(&t, 1, "", 410, 2), 1);
	scan_tally_free(&t);
	scan_view(timed_text, 4, &v, &t);
	ck_assert_uint_eq(in_bucket(&t, 0, "2026-11-26", 1, 1), 1);
	ck_assert_uint_eq(in_bucket(&t, 0, "", 1, 2), 1);
	scan_tally_free(&t);
}
END_TEST

START_TEST(test_scan_window)
{
	struct scan_view v = { { { DIM_HOUR, 0, "hour" } }, 1, 0, 0, 1, 1 };
	struct scan_tally t, u;

	ck_assert_int_eq(parse_time_arg("2026-11-26T10:00:00Z", &v.since), 0);
	ck_assert_int_eq(parse_time_arg("2026-11-26T23:59:59.999Z",
	    &v.until), 0);
	scan_view(timed_json, 4096, &v, &t);
	/* at since: in; at until: out; no time: left out */
	ck_assert_uint_eq(in_bucket(&t, 0, "2026-11-26T10:00:00Z", 410, 3112),
	    1);
	ck_assert_uint_eq(t.stats.records, 1);
	ck_assert_uint_eq(t.stats.outside, 1);
	ck_assert_uint_eq(t.stats.untimed, 1 + 4);
	/* merging renumbers the buckets by value */
	scan_view(timed_text, 4096, &v, &u);
	ck_assert_uint_eq(u.stats.records, 1);
	ck_assert_int_eq(scan_merge(&u, &t), 0);
	ck_assert_uint_eq(in_bucket(&u, 0, "2026-11-26T10:00:00Z", 410, 3112),
	    1);
	ck_assert_uint_eq(in_bucket(&u, 0, "2026-11-26T10:00:00Z", 1, 1), 1);
	ck_assert_uint_eq(u.stats.records, 2);
	ck_assert_uint_eq(u.stats.untimed, 5 + 1);
	scan_tally_free(&t);
	scan_tally_free(&u);
}
END_TEST

/* With --by, the cap is on distinct pairs, not on (bucket, pair)
 * entries; values lumped by merging are counted as lumped. */
START_TEST(test_scan_by_caps)
{
	struct scan_view v = { { { DIM_FIELD, 0, "v" } }, 1, 0, 0, 0, 0 };
	struct scan_tally t, u;
	struct scan_sink sink;
	struct json_hit h = { 410, 3112 };
	struct scan_record r = { &h, 1, 1, 0, 0, { { NULL, 0 } } };
	char name[16];

	scan_tally_init(&t);
	scan_tally_view(&t, &v);
	scan_tally_sink(&t, &sink);
	/* 4096 values of one pair: as many entries, none lumped */
	for (int i = 0; i < BUCKET_MAX; i++) {
		snprintf(name, sizeof(name), "v%d", i);
		r.fields[0].value = name;
		r.fields[0].len = strlen(name);
		sink.record(sink.arg, &r);
	}
	ck_assert_uint_eq(t.npairs, BUCKET_MAX);
	ck_assert_uint_eq(t.stats.overflow, 0);
	ck_assert_uint_eq(t.stats.lumped, 0);
	scan_tally_init(&u);
	scan_tally_view(&u, &v);
	scan_tally_sink(&u, &sink);
	r.fields[0].value = "new";
	r.fields[0].len = 3;
	sink.record(sink.arg, &r);
	r.fields[0].value = "v0";
	r.fields[0].len = 2;
	sink.record(sink.arg, &r);
	ck_assert_int_eq(scan_merge(&t, &u), 0);
	/* "new" comes past 4096 values: lumped, and said so */
	ck_assert_uint_eq(t.stats.lumped, 1);
	ck_assert_uint_eq(t.stats.records, BUCKET_MAX + 2);
	ck_assert_uint_eq(t.npairs, BUCKET_MAX + 1);
	scan_tally_free(&t);
	scan_tally_free(&u);
}
END_TEST

/* The value of the --by field of the one pair of t ("" for none). */
static const char *
field_value(const struct scan_tally *t)
{
	for (size_t i = 0; i < t->nslots; i++) {
		uint32_t b = t->slots[i].bucket[0];

		if (t->slots[i].count != 0)
			return b < BUCKET_FIRST ? "" : t->buckets[0].v[b].text;
	}
	return NULL;
}

/*
 * A field's value read from JSON has its escapes decoded before it is
 * cleaned for printing (a tab, CR or LF becomes a space, another control
 * character U+FFFD): a surrogate pair is one character, a lone surrogate
 * U+FFFD, an escape JSON has not stays as written.  A value longer than
 * the bytes kept is cut the same whatever the chunks, an escape cut short
 * dropped.
 */
START_TEST(test_scan_field_escapes)
{
	static const struct {
		const char *json, *value;
	} cases[] = {
		{ "a\\tb\\u00e9c", "a b\xc3\xa9" "c" },
		{ "\\\"\\\\\\/\\n\\r", "\"\\/  " },
		{ "\\b\\f\\u0000", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" },
		{ "\\ud83d\\ude00!\\u20AC", "\xf0\x9f\x98\x80!\xe2\x82\xac" },
		{ "\\ud800x\\udc00", "\xef\xbf\xbdx\xef\xbf\xbd" },
		{ "\\ud800\\u0041\\ud800", "\xef\xbf\xbd" "A\xef\xbf\xbd" },
		{ "\\q\\u12x", "\\q\\u12x" },
	};
	struct scan_view v = { { { DIM_FIELD, 0, "SdkVersion" } }, 1, 0, 0,
		0, 0 };
	struct scan_tally t;
	char in[512], want[160];
	int n;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(in, sizeof(in), "{\"code\":410,\"subCode\":3112,"
		    "\"SdkVersion\":\"%s\"}\n", cases[i].json);
		for (size_t chunk = 1; chunk <= 64; chunk += 9) {
			scan_view(in, chunk, &v, &t);
			ck_assert_str_eq(field_value(&t), cases[i].value);
			scan_tally_free(&t);
		}
	}
	/* 120 bytes and three escapes of 6: the first 128 bytes are kept,
	 * the third escape cut short there */
	n = snprintf(in, sizeof(in), "{\"code\":410,\"subCode\":3112,"
	    "\"SdkVersion\":\"%.120d\\u00e9\\u00e9\\u00e9\"}\n", 0);
	ck_assert_int_lt(n, (int)sizeof(in));
	snprintf(want, sizeof(want), "%.120d\xc3\xa9", 0);
	for (size_t chunk = 1; chunk <= 200; chunk += 13) {
		scan_view(in, chunk, &v, &t);
		ck_assert_str_eq(field_value(&t), want);
		scan_tally_free(&t);
	}
}
END_TEST

Suite *
scan_suite(void)
{
	Suite *s = suite_create("scan");
	TCase *tc = tcase_create("scan");

	tcase_add_test(tc, test_scan_chunks);
	tcase_add_test(tc, test_scan_json);
	tcase_add_test(tc, test_scan_api_and_event_hubs);
	tcase_add_test(tc, test_scan_csv);
	tcase_add_test(tc, test_scan_csv_dialects);
	tcase_add_test(tc, test_scan_weights);
	tcase_add_test(tc, test_scan_text);
	tcase_add_test(tc, test_scan_mixed);
	tcase_add_test(tc, test_scan_hostile);
	tcase_add_test(tc, test_scan_tally);
	tcase_add_test(tc, test_scan_keys);
	tcase_add_test(tc, test_scan_by_time_and_field);
	tcase_add_test(tc, test_scan_window);
	tcase_add_test(tc, test_scan_by_caps);
	tcase_add_test(tc, test_scan_field_escapes);
	suite_add_tcase(s, tc);
	return s;
}
