/*
 * genlog: write a synthetic Azure Communication Services log, the same
 * bytes for the same arguments, for the --scan tests and benchmarks.
 *
 * usage: genlog [-f FORMAT] [-n RECORDS | -s BYTES] [-S SEED] [-i MS]
 *               [-e EXPECTED] [-R RECORDS] [-o OUTPUT | -D DIR]
 *
 *   -f FORMAT    jsonl (default): ACSCallSummary records, JSON Lines, 690
 *                to 840 bytes each; ParticipantEndReason and
 *                ParticipantEndSubCode are strings, the subcode "" when
 *                the record has none;
 *                csv: the same records as a Log Analytics CSV export, a
 *                header row then one record a line, RFC 4180 quoting (LF
 *                line ends); every 7th record's UserAgent holds a comma
 *                and a newline, so some quoted fields span two lines; an
 *                empty subcode is an empty field;
 *                excel: the same as Excel writes it in a ';' locale: a
 *                UTF-8 byte order mark, a "sep=;" line, ';' separators,
 *                CRLF line ends;
 *                tsv: tab separators (the portal's "copy with headers");
 *                ps: as PowerShell 5.1 Export-Csv: a "#TYPE" line, every
 *                field quoted, CRLF line ends;
 *                summary: a summarized CSV export, "ParticipantEndReason,
 *                ParticipantEndSubCode,EndpointType,count_", one row for
 *                each pair and endpoint type drawn, written at the end;
 *                api: the same rows as the Log Analytics query API
 *                answers them, {"tables":[{"columns":...,"rows":...}]};
 *                storage: the raw resource logs of a storage account
 *                archive, one {"time":...,"properties":{...}} object a
 *                line, camelCase fields inside properties; with -D, a tree
 *                of PT1H.json files instead, by resource and hour;
 *                hubs: Event Hubs bodies, {"records":[...]} with up to 10
 *                records each, one body a line, numbers as numbers (no
 *                subcode key when none);
 *                mixed: JSON Lines records, SDK console lines and objects
 *                printed by Node over four lines, in turn (a record
 *                without a subcode always a JSON line), a console line
 *                with a Latin-1 byte, and every 5th record followed by a
 *                "heartbeat" line with no pair;
 *                text: SDK console lines in three styles, by record:
 *                "callEndReason: {code: 410, subCode: 3112}",
 *                "code=410, subCode=3112" and "410#3112"; a record without
 *                a subcode is a line without a pair (no code, or a code
 *                alone), and is not counted in EXPECTED;
 *                events: one pretty-printed JSON array of Call Automation
 *                CloudEvents, resultInformation code and subCode numbers,
 *                no subCode key when the record has none.
 *   -D DIR       storage only: write the tree of files under DIR (created
 *                if need be; files there are appended to)
 *   -i MS        at most this many milliseconds between two calls' starts
 *                (default 2200; records are some 1.2 s apart): a larger
 *                one spreads the records over days
 *   -R RECORDS   write each record drawn to this file, one a line:
 *                "TIME\tCODE\tSUBCODE\tSDKVERSION\tOSVERSION\tENDPOINTTYPE",
 *                TIME as ISO 8601 (the record's TimeGenerated, which every
 *                format writes as its first time field: JSON, CSV, text
 *                lines), SUBCODE "-" for none, for tests to count by
 *   -n RECORDS   write this many records (default 1000)
 *   -s BYTES     write records until at least BYTES bytes are written
 *   -S SEED      seed of the generator (default 1), 0 to 2^64-1
 *   -e EXPECTED  write the number of records of each pair to this file,
 *                "CODE\tSUBCODE\tCOUNT", SUBCODE "-" for none, by code
 *                then subcode ("-" first), pairs with a count only
 *   -o OUTPUT    write the log here, not to standard output ("-")
 *
 * RECORDS and BYTES are decimal, and may end in k, M or G: times 1000,
 * 1000^2 or 1000^3 (-s 200M is 200000000 bytes).  The summary and api
 * formats take -n only.
 *
 * Every format draws the same records in the same order from the seed:
 * a pair from a fixed weighted list (see pairs[]), then the other fields
 * from splitmix64.  Exits 0, or 2 on any error.
 */
#include <sys/stat.h>

#include <err.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/timeparse.h"

#define OUT_BUFSIZE	(1024 * 1024)
#define REC_MAX		4096		/* longest record written, bytes */
#define DEFAULT_RECORDS	1000
#define NO_SUBCODE	UINT32_MAX

#define PATH_MAX_LEN	1024
#define HUB_BATCH	10		/* records in an Event Hubs body */

#define FORMAT_LIST(X) \
	X(JSONL, "jsonl") X(CSV, "csv") X(EXCEL, "excel") X(TSV, "tsv") \
	X(PS, "ps") X(SUMMARY, "summary") X(API, "api") \
	X(STORAGE, "storage") X(HUBS, "hubs") X(MIXED, "mixed") \
	X(TEXT, "text") X(EVENTS, "events")

enum format {
#define X(id, name) F_##id,
	FORMAT_LIST(X)
#undef X
	NFORMATS
};

static const char *const format_names[] = {
#define X(id, name) name,
	FORMAT_LIST(X)
#undef X
};

/* How a CSV export writes its rows. */
struct dialect {
	const char	*prelude;	/* lines before the header */
	char		 sep;
	int		 quote_all;
	const char	*eol;
};

static const struct dialect csv_plain = { "", ',', 0, "\n" };
static const struct dialect csv_excel = { "\xef\xbb\xbfsep=;\r\n", ';', 0,
    "\r\n" };
static const struct dialect csv_tsv = { "", '\t', 0, "\n" };
static const struct dialect csv_ps = {
	"#TYPE System.Management.Automation.PSCustomObject\r\n", ',', 1,
	"\r\n"
};

/* A code and subcode pair, its weight, and how an event reports it. */
struct pair {
	uint32_t	 code;
	uint32_t	 subcode;	/* NO_SUBCODE if none */
	unsigned	 weight;
	const char	*event;		/* CloudEvent type, after the prefix */
	const char	*message;
};

static const struct pair pairs[] = {
	{ 0, 0, 30, "CallDisconnected", "Call ended." },
	{ 0, 560000, 12, "CallDisconnected",
	    "Call ended: a participant hung up." },
	{ 0, 540000, 8, "CallDisconnected", "Call ended by the user." },
	{ 0, 5000, 4, "CallDisconnected", "Call ended for all participants." },
	{ 487, 0, 6, "AddParticipantFailed", "Call canceled." },
	{ 603, 0, 4, "AddParticipantFailed", "Call declined." },
	{ 410, 3112, 5, "CallDisconnected",
	    "Media connection failed: network problem." },
	{ 410, 3100, 2, "CallDisconnected",
	    "Media connection could not be set up." },
	{ 410, 301005, 3, "CallDisconnected",
	    "Media connection failed: no candidates." },
	{ 480, 10037, 3, "AddParticipantFailed",
	    "Participant temporarily unavailable." },
	{ 487, 10003, 3, "AddParticipantFailed", "Call canceled by caller." },
	{ 490, 4502, 2, "CallTransferFailed", "Request terminated." },
	{ 408, 10057, 2, "AddParticipantFailed", "Request timed out." },
	{ 403, 510403, 1, "AddParticipantFailed", "Not authorized." },
	{ 404, 560404, 1, "AddParticipantFailed", "Participant not found." },
	{ 486, 560486, 1, "AddParticipantFailed", "Participant busy." },
	{ 500, 560500, 1, "CallDisconnected", "Internal server error." },
	{ 400, 8536, 2, "PlayFailed",
	    "Action failed, file could not be downloaded." },
	{ 400, 8523, 1, "RecognizeFailed", "Action failed, invalid request." },
	{ 404, 8522, 1, "PlayFailed", "Action failed, file not found." },
	/* not documented anywhere */
	{ 499, 12345, 1, "CallDisconnected", "Unknown failure." },
	{ 777, 42, 1, "RecognizeFailed", "Unexpected result." },
	{ 600, 999999, 1, "CallTransferFailed", "Unclassified failure." },
	/* a code without a subcode */
	{ 403, NO_SUBCODE, 1, "AddParticipantFailed", "Forbidden." },
	{ 503, NO_SUBCODE, 1, "CallDisconnected", "Service unavailable." },
};
#define NPAIRS (sizeof(pairs) / sizeof(pairs[0]))

/* A kind of client: what it reports of itself. */
struct client {
	const char	*endpoint;
	const char	*os;
	const char	*sdk;
	const char	*ua;
};

static const struct client clients[] = {
	{ "VoIP", "Windows 10", "1.31.2.1",
	    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
	    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" },
	{ "VoIP", "Windows 11", "1.30.1.1",
	    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Edg/131.0.0.0" },
	{ "VoIP", "Mac OS X 10.15.7", "1.29.1.1",
	    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Version/18.1 "
	    "Safari/605.1.15" },
	{ "VoIP", "Android 14", "2.11.0",
	    "azure-communication-calling-android/2.11.0 (Android 14; Pixel 8)" },
	{ "VoIP", "iOS 18.1", "2.14.1",
	    "AzureCommunicationCalling/2.14.1 (iOS 18.1; iPhone15,2)" },
	{ "PSTN", "", "",
	    "" },
	{ "VoIP", "Windows 11", "1.31.2.1",
	    "Teams/24295.605 Electron/30.0 \"desktop\" (Windows NT 10.0)" },
};
#define NCLIENTS (sizeof(clients) / sizeof(clients[0]))

/* Every 7th record: a user agent with a comma and a newline. */
static const struct client multiline_client = {
	"VoIP", "Linux", "1.31.2.1",
	"Mozilla/5.0 (X11, Linux x86_64) Firefox/133.0\nextra line"
};

static const char *const call_types[] = { "Group", "P2P", "Group", "Group" };
static const char *const participant_types[] = { "ACS", "ACS", "Teams",
    "Bot" };
static const char *const resource_names[] = { "acs-prod", "acs-prod",
    "acs-prod", "acs-staging" };

/* One record, drawn whatever the format. */
struct record {
	const struct pair	*pair;
	const struct client	*client;
	const char		*call_type;
	const char		*participant_type;
	uint64_t		 corr[2], part[2], endp[2];
	int64_t			 start_ms;	/* call start */
	int64_t			 pstart_ms;	/* participant joined */
	int64_t			 gen_ms;	/* TimeGenerated */
	uint32_t		 duration, pduration;	/* seconds */
	unsigned		 resource;
};

/* A record being formatted. */
struct buf {
	char	data[REC_MAX];
	size_t	len;
};

struct gen {
	uint64_t	 state;		/* splitmix64 */
	uint64_t	 index;		/* records drawn */
	int64_t		 clock_ms;	/* start of the last call */
	unsigned	 total_weight;
	uint32_t	 interval;	/* most ms between call starts */
	uint64_t	 sub[2];	/* the subscription */
	uint64_t	 counts[NPAIRS];
	uint64_t	 by_endpoint[NPAIRS][2];	/* VoIP, PSTN */
};

static const char hexdigits[] = "0123456789abcdef";

static void
usage(void)
{
	fprintf(stderr, "usage: genlog [-f FORMAT] [-n RECORDS | -s BYTES] "
	    "[-S SEED] [-i MS] [-e EXPECTED] [-R RECORDS] "
	    "[-o OUTPUT | -D DIR]\n");
	exit(2);
}

static uint64_t
next(struct gen *g)
{
	uint64_t z = (g->state += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* A number from 0 to n - 1. */
static uint32_t
below(struct gen *g, uint32_t n)
{
	return (uint32_t)(((next(g) >> 32) * n) >> 32);
}

static void
gen_init(struct gen *g, uint64_t seed)
{
	size_t i;

	memset(g, 0, sizeof(*g));
	g->state = seed;
	for (i = 0; i < NPAIRS; i++)
		g->total_weight += pairs[i].weight;
	g->clock_ms = days_from_civil(2026, 11, 26) * 86400000 +
	    10 * 3600000;
	g->sub[0] = next(g);
	g->sub[1] = next(g);
}

static void
draw_uuid(struct gen *g, uint64_t u[2])
{
	u[0] = next(g);
	u[1] = next(g);
}

/* Draw the next record. */
static void
draw(struct gen *g, struct record *r)
{
	uint32_t w;
	size_t i;

	w = below(g, g->total_weight);
	for (i = 0; w >= pairs[i].weight; i++)
		w -= pairs[i].weight;
	r->pair = &pairs[i];
	g->counts[i]++;
	r->client = &clients[below(g, NCLIENTS)];
	if (g->index % 7 == 6)
		r->client = &multiline_client;
	g->by_endpoint[i][strcmp(r->client->endpoint, "PSTN") == 0]++;
	r->call_type = call_types[below(g, 4)];
	r->participant_type = participant_types[below(g, 4)];
	r->resource = below(g, 4);
	draw_uuid(g, r->corr);
	draw_uuid(g, r->part);
	draw_uuid(g, r->endp);
	g->clock_ms += 200 + below(g, g->interval - 200);
	r->start_ms = g->clock_ms;
	r->duration = 5 + below(g, 1800);
	r->pstart_ms = r->start_ms + below(g, 5000);
	r->pduration = r->duration - (uint32_t)((r->pstart_ms - r->start_ms) /
	    1000);
	r->gen_ms = r->start_ms + (int64_t)r->duration * 1000 +
	    below(g, 90000);
	g->index++;
}

/* ---- formatting */

static void
put_mem(struct buf *b, const char *s, size_t n)
{
	if (n > sizeof(b->data) - b->len)
		errx(2, "record longer than %d bytes", REC_MAX);
	memcpy(b->data + b->len, s, n);
	b->len += n;
}

static void
put_str(struct buf *b, const char *s)
{
	put_mem(b, s, strlen(s));
}

static void
put_char(struct buf *b, char c)
{
	put_mem(b, &c, 1);
}

static void
put_uint(struct buf *b, uint64_t n)
{
	char tmp[20];
	size_t i = sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n != 0);
	put_mem(b, tmp + i, sizeof(tmp) - i);
}

/* n in width digits, zeros first. */
static void
put_digits(struct buf *b, unsigned n, int width)
{
	char tmp[10];
	int i;

	for (i = width - 1; i >= 0; i--) {
		tmp[i] = (char)('0' + n % 10);
		n /= 10;
	}
	put_mem(b, tmp, (size_t)width);
}

/* A version 4 UUID from 128 random bits. */
static void
put_uuid(struct buf *b, const uint64_t u[2])
{
	char tmp[36];
	uint64_t hi = u[0], lo = u[1];
	int i, j = 0;

	hi = (hi & ~UINT64_C(0xf000)) | UINT64_C(0x4000);
	lo = (lo & ~(UINT64_C(3) << 62)) | (UINT64_C(2) << 62);
	for (i = 60; i >= 0; i -= 4) {
		if (j == 8 || j == 13)
			tmp[j++] = '-';
		tmp[j++] = hexdigits[(hi >> i) & 0xf];
	}
	for (i = 60; i >= 0; i -= 4) {
		if (j == 18 || j == 23)
			tmp[j++] = '-';
		tmp[j++] = hexdigits[(lo >> i) & 0xf];
	}
	put_mem(b, tmp, sizeof(tmp));
}

/* Milliseconds since the epoch as 2026-11-26T10:15:30.123Z. */
static void
put_iso(struct buf *b, int64_t ms)
{
	int64_t days = ms / 86400000;
	unsigned msday = (unsigned)(ms % 86400000), m, d;
	int64_t y;

	civil_from_days(days, &y, &m, &d);
	put_digits(b, (unsigned)y, 4);
	put_char(b, '-');
	put_digits(b, m, 2);
	put_char(b, '-');
	put_digits(b, d, 2);
	put_char(b, 'T');
	put_digits(b, msday / 3600000, 2);
	put_char(b, ':');
	put_digits(b, msday / 60000 % 60, 2);
	put_char(b, ':');
	put_digits(b, msday / 1000 % 60, 2);
	put_char(b, '.');
	put_digits(b, msday % 1000, 3);
	put_char(b, 'Z');
}

/* As the Log Analytics portal exports it: "11/26/2026, 10:15:30.123 AM". */
static void
put_portal_time(struct buf *b, int64_t ms)
{
	int64_t days = ms / 86400000;
	unsigned msday = (unsigned)(ms % 86400000), m, d, h;
	int64_t y;

	civil_from_days(days, &y, &m, &d);
	h = msday / 3600000;
	put_uint(b, m);
	put_char(b, '/');
	put_uint(b, d);
	put_char(b, '/');
	put_uint(b, (uint64_t)y);
	put_str(b, ", ");
	put_uint(b, h % 12 == 0 ? 12 : h % 12);
	put_char(b, ':');
	put_digits(b, msday / 60000 % 60, 2);
	put_char(b, ':');
	put_digits(b, msday / 1000 % 60, 2);
	put_char(b, '.');
	put_digits(b, msday % 1000, 3);
	put_str(b, h < 12 ? " AM" : " PM");
}

/* s as a JSON string, quotes included. */
static void
put_json_str(struct buf *b, const char *s)
{
	put_char(b, '"');
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '"':
			put_str(b, "\\\"");
			break;
		case '\\':
			put_str(b, "\\\\");
			break;
		case '\n':
			put_str(b, "\\n");
			break;
		default:
			put_char(b, *s);
		}
	}
	put_char(b, '"');
}

/* s as a CSV field of dialect d: quoted, quotes doubled, if it needs to
 * be (or if blank, and blanks say so: the portal quotes such headers). */
static void
put_csv_field(struct buf *b, const char *s, const struct dialect *d,
    int blank)
{
	char special[] = { d->sep, '"', '\r', '\n', blank ? ' ' : '\0', '\0' };

	if (!d->quote_all && strpbrk(s, special) == NULL) {
		put_str(b, s);
		return;
	}
	put_char(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			put_char(b, '"');
		put_char(b, *s);
	}
	put_char(b, '"');
}

/* A CSV row being written, field after field. */
struct row {
	struct buf		*b;
	const struct dialect	*d;
	int			 n;	/* fields written */
	struct buf		 f;	/* the field being formatted */
};

static struct buf *
field(struct row *row)
{
	row->f.len = 0;
	return &row->f;
}

static void
end_field(struct row *row)
{
	put_char(&row->f, '\0');
	if (row->n++ > 0)
		put_char(row->b, row->d->sep);
	put_csv_field(row->b, row->f.data, row->d, 0);
}

static void
end_row(struct row *row)
{
	put_str(row->b, row->d->eol);
}

static void
put_resource(struct buf *b, const struct gen *g, const struct record *r)
{
	put_str(b, "/subscriptions/");
	put_uuid(b, g->sub);
	put_str(b, r->resource == 3 ? "/resourcegroups/rg-staging" :
	    "/resourcegroups/rg-prod");
	put_str(b, "/providers/microsoft.communication/"
	    "communicationservices/");
	put_str(b, resource_names[r->resource]);
}

static void
format_jsonl(struct buf *b, const struct gen *g, const struct record *r)
{
	put_str(b, "{\"TimeGenerated\":\"");
	put_iso(b, r->gen_ms);
	put_str(b, "\",\"CorrelationId\":\"");
	put_uuid(b, r->corr);
	put_str(b, "\",\"CallStartTime\":\"");
	put_iso(b, r->start_ms);
	put_str(b, "\",\"CallDuration\":");
	put_uint(b, r->duration);
	put_str(b, ",\"CallType\":\"");
	put_str(b, r->call_type);
	put_str(b, "\",\"ParticipantId\":\"");
	put_uuid(b, r->part);
	put_str(b, "\",\"EndpointId\":\"");
	put_uuid(b, r->endp);
	put_str(b, "\",\"EndpointType\":\"");
	put_str(b, r->client->endpoint);
	put_str(b, "\",\"ParticipantStartTime\":\"");
	put_iso(b, r->pstart_ms);
	put_str(b, "\",\"ParticipantDuration\":");
	put_uint(b, r->pduration);
	put_str(b, ",\"ParticipantEndReason\":\"");
	put_uint(b, r->pair->code);
	put_str(b, "\",\"ParticipantEndSubCode\":\"");
	if (r->pair->subcode != NO_SUBCODE)
		put_uint(b, r->pair->subcode);
	put_str(b, "\",\"ParticipantType\":\"");
	put_str(b, r->participant_type);
	put_str(b, "\",\"SdkVersion\":");
	put_json_str(b, r->client->sdk);
	put_str(b, ",\"OsVersion\":");
	put_json_str(b, r->client->os);
	put_str(b, ",\"UserAgent\":");
	put_json_str(b, r->client->ua);
	put_str(b, ",\"Type\":\"ACSCallSummary\",\"_ResourceId\":\"");
	put_resource(b, g, r);
	put_str(b, "\"}\n");
}

static const char *const csv_columns[] = {
	"TimeGenerated [UTC]", "CorrelationId", "CallStartTime [UTC]",
	"CallDuration", "CallType", "ParticipantId", "EndpointId",
	"EndpointType", "ParticipantStartTime [UTC]", "ParticipantDuration",
	"ParticipantEndReason", "ParticipantEndSubCode", "ParticipantType",
	"SdkVersion", "OsVersion", "UserAgent", "Type", "_ResourceId",
};
#define NCOLUMNS (sizeof(csv_columns) / sizeof(csv_columns[0]))

static const char *const summary_columns[] = {
	"ParticipantEndReason", "ParticipantEndSubCode", "EndpointType",
	"count_",
};

/* What comes before the rows: the prelude and the header. */
static void
format_csv_head(struct buf *b, const struct dialect *d,
    const char *const *names, size_t n)
{
	put_str(b, d->prelude);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			put_char(b, d->sep);
		put_csv_field(b, names[i], d, 1);
	}
	put_str(b, d->eol);
}

static void
format_csv(struct buf *b, const struct gen *g, const struct record *r,
    const struct dialect *d)
{
	struct row row = { b, d, 0, { { 0 }, 0 } };

	put_portal_time(field(&row), r->gen_ms);
	end_field(&row);
	put_uuid(field(&row), r->corr);
	end_field(&row);
	put_portal_time(field(&row), r->start_ms);
	end_field(&row);
	put_uint(field(&row), r->duration);
	end_field(&row);
	put_str(field(&row), r->call_type);
	end_field(&row);
	put_uuid(field(&row), r->part);
	end_field(&row);
	put_uuid(field(&row), r->endp);
	end_field(&row);
	put_str(field(&row), r->client->endpoint);
	end_field(&row);
	put_portal_time(field(&row), r->pstart_ms);
	end_field(&row);
	put_uint(field(&row), r->pduration);
	end_field(&row);
	put_uint(field(&row), r->pair->code);
	end_field(&row);
	field(&row);
	if (r->pair->subcode != NO_SUBCODE)
		put_uint(&row.f, r->pair->subcode);
	end_field(&row);
	put_str(field(&row), r->participant_type);
	end_field(&row);
	put_str(field(&row), r->client->sdk);
	end_field(&row);
	put_str(field(&row), r->client->os);
	end_field(&row);
	put_str(field(&row), r->client->ua);
	end_field(&row);
	put_str(field(&row), "ACSCallSummary");
	end_field(&row);
	put_resource(field(&row), g, r);
	end_field(&row);
	end_row(&row);
}

/* One row of a summarized export: pair k, endpoint type e, its count. */
static void
format_summary_row(struct buf *b, const struct gen *g, size_t k, int e)
{
	struct row row = { b, &csv_plain, 0, { { 0 }, 0 } };

	put_uint(field(&row), pairs[k].code);
	end_field(&row);
	field(&row);
	if (pairs[k].subcode != NO_SUBCODE)
		put_uint(&row.f, pairs[k].subcode);
	end_field(&row);
	put_str(field(&row), e ? "PSTN" : "VoIP");
	end_field(&row);
	put_uint(field(&row), g->by_endpoint[k][e]);
	end_field(&row);
	end_row(&row);
}

/* The resource's path as the archive's blob names write it. */
static void
put_resource_upper(struct buf *b, const struct gen *g,
    const struct record *r)
{
	size_t from = b->len;

	put_resource(b, g, r);
	for (size_t i = from; i < b->len; i++)
		if (b->data[i] >= 'a' && b->data[i] <= 'z')
			b->data[i] = (char)(b->data[i] - 'a' + 'A');
}

/* A raw resource log record, fields under properties: camelCase with
 * strings (storage) or PascalCase with numbers (hubs). */
static void
format_resource_log(struct buf *b, const struct gen *g,
    const struct record *r, int hubs)
{
	put_str(b, "{\"time\":\"");
	put_iso(b, r->gen_ms);
	put_str(b, "\",\"resourceId\":\"");
	put_resource_upper(b, g, r);
	put_str(b, "\",\"operationName\":\"CallSummary\",\"category\":"
	    "\"CallSummary\",\"correlationId\":\"");
	put_uuid(b, r->corr);
	put_str(b, "\",\"level\":\"Informational\",\"location\":"
	    "\"westeurope\",\"properties\":{");
	put_str(b, hubs ? "\"CallStartTime\":\"" : "\"callStartTime\":\"");
	put_iso(b, r->start_ms);
	put_str(b, hubs ? "\",\"ParticipantId\":\"" :
	    "\",\"participantId\":\"");
	put_uuid(b, r->part);
	put_str(b, hubs ? "\",\"EndpointType\":" : "\",\"endpointType\":");
	put_json_str(b, r->client->endpoint);
	if (hubs) {
		put_str(b, ",\"ParticipantEndReason\":");
		put_uint(b, r->pair->code);
		if (r->pair->subcode != NO_SUBCODE) {
			put_str(b, ",\"ParticipantEndSubCode\":");
			put_uint(b, r->pair->subcode);
		}
	} else {
		put_str(b, ",\"participantEndReason\":\"");
		put_uint(b, r->pair->code);
		put_str(b, "\",\"participantEndSubCode\":\"");
		if (r->pair->subcode != NO_SUBCODE)
			put_uint(b, r->pair->subcode);
		put_char(b, '"');
	}
	put_str(b, hubs ? ",\"UserAgent\":" : ",\"userAgent\":");
	put_json_str(b, r->client->ua);
	put_str(b, "}}");
}

static void
format_storage(struct buf *b, const struct gen *g, const struct record *r)
{
	format_resource_log(b, g, r, 0);
	put_char(b, '\n');
}

/* Records in bodies of HUB_BATCH; the last body is closed by main. */
static void
format_hubs(struct buf *b, const struct gen *g, const struct record *r)
{
	put_str(b, g->index % HUB_BATCH == 1 ? "{\"records\":[" : ",");
	format_resource_log(b, g, r, 1);
	if (g->index % HUB_BATCH == 0)
		put_str(b, "]}\n");
}

/*
 * One console line, its style by record index.  A record without a
 * subcode has no pair on its line: "call ended normally", or its code
 * alone ("code=503"), which is not a pair either.
 */
static void
format_text(struct buf *b, const struct gen *g, const struct record *r)
{
	const struct pair *p = r->pair;

	put_iso(b, r->gen_ms);
	switch ((g->index - 1) % 3) {
	case 0:
		put_str(b, " [CallClient] call ended");
		if (p->subcode == NO_SUBCODE) {
			put_str(b, " normally");
			break;
		}
		put_str(b, ", callEndReason: {code: ");
		put_uint(b, p->code);
		put_str(b, ", subCode: ");
		put_uint(b, p->subcode);
		put_char(b, '}');
		break;
	case 1:
		put_str(b, " [CallAgent] info: code=");
		put_uint(b, p->code);
		if (p->subcode != NO_SUBCODE) {
			put_str(b, ", subCode=");
			put_uint(b, p->subcode);
		}
		put_str(b, " participant=");
		put_uuid(b, r->part);
		break;
	default:
		put_str(b, " [Telemetry] ended");
		if (p->subcode == NO_SUBCODE)
			break;
		put_char(b, ' ');
		put_uint(b, p->code);
		put_char(b, '#');
		put_uint(b, p->subcode);
	}
	put_char(b, '\n');
}

/* One CloudEvent, an element of the array (indented by 2). */
static void
format_event(struct buf *b, const struct gen *g, const struct record *r)
{
	const struct pair *p = r->pair;

	put_str(b, g->index == 1 ? "  {\n" : ",\n  {\n");
	put_str(b, "    \"id\": \"");
	put_uuid(b, r->endp);
	put_str(b, "\",\n    \"source\": \"calling/callConnections/");
	put_uuid(b, r->corr);
	put_str(b, "\",\n    \"type\": \"Microsoft.Communication.");
	put_str(b, p->event);
	put_str(b, "\",\n    \"data\": {\n      \"operationContext\": \"ctx-");
	put_uint(b, g->index % 100);
	put_str(b, "\",\n      \"resultInformation\": {\n        \"code\": ");
	put_uint(b, p->code);
	if (p->subcode != NO_SUBCODE) {
		put_str(b, ",\n        \"subCode\": ");
		put_uint(b, p->subcode);
	}
	put_str(b, ",\n        \"message\": ");
	put_json_str(b, p->message);
	put_str(b, "\n      },\n      \"callConnectionId\": \"");
	put_uuid(b, r->corr);
	put_str(b, "\"\n    },\n    \"time\": \"");
	put_iso(b, r->gen_ms);
	put_str(b, "\",\n    \"specversion\": \"1.0\",\n"
	    "    \"datacontenttype\": \"application/json\"\n  }");
}

/*
 * A record of a mixed log: a JSON line, a console line, an object printed
 * by Node over four lines or a console line with a Latin-1 byte, by
 * record; a record without a subcode always a JSON line.  Every 5th is
 * followed by a line without a pair.
 */
static void
format_mixed(struct buf *b, const struct gen *g, const struct record *r)
{
	const struct pair *p = r->pair;
	uint64_t k = g->index - 1;

	if (p->subcode == NO_SUBCODE || k % 4 == 0)
		format_jsonl(b, g, r);
	else {
		put_iso(b, r->gen_ms);
		if (k % 4 == 1)
			put_str(b, " [CallAgent] info: code=");
		else if (k % 4 == 2)
			put_str(b, " callEndReason {\n  code: ");
		else
			put_str(b, " [CallClient] user=Jos\xe9 ended, code: ");
		put_uint(b, p->code);
		put_str(b, k % 4 == 2 ? ",\n  subCode: " : ", subCode: ");
		put_uint(b, p->subcode);
		put_str(b, k % 4 == 2 ? "\n}\n" : "\n");
	}
	if (k % 5 == 4) {
		put_iso(b, r->gen_ms);
		put_str(b, " [Heartbeat] ok\n");
	}
}

/* ---- output */

struct out {
	FILE		*fp;
	const char	*name;
	char		*buf;		/* its buffer */
	uint64_t	 written;
	const char	*dir;		/* storage: the tree's root, or NULL */
	char		 path[PATH_MAX_LEN];	/* the file open in the tree */
};

static void
emit(struct out *o, const char *s, size_t n)
{
	if (n > 0 && fwrite(s, 1, n, o->fp) != n)
		err(2, "%s", o->name);
	o->written += n;
}

static void
out_close(struct out *o)
{
	if (fflush(o->fp) == EOF)
		err(2, "%s", o->name);
	if (ferror(o->fp))
		errx(2, "%s: write error", o->name);
	if (o->fp != stdout && fclose(o->fp) == EOF)
		err(2, "%s", o->name);
	o->fp = NULL;
}

static void
out_open(struct out *o, const char *path, const char *mode)
{
	if ((o->fp = fopen(path, mode)) == NULL)
		err(2, "%s", path);
	o->name = path;
	if (setvbuf(o->fp, o->buf, _IOFBF, OUT_BUFSIZE) != 0)
		errx(2, "setvbuf failed");
}

/* mkdir -p of the directories of path. */
static void
make_dirs(char *path)
{
	for (char *p = strchr(path + 1, '/'); p != NULL; p = strchr(p + 1,
	    '/')) {
		*p = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			err(2, "%s", path);
		*p = '/';
	}
}

/* The storage tree: switch to the file of record r's resource and hour. */
static void
out_tree(struct out *o, const struct gen *g, const struct record *r)
{
	static struct buf res;
	char path[PATH_MAX_LEN];
	int64_t days = r->gen_ms / 86400000;
	unsigned m, d;
	int64_t y;
	int n;

	res.len = 0;
	put_resource_upper(&res, g, r);
	put_char(&res, '\0');
	civil_from_days(days, &y, &m, &d);
	n = snprintf(path, sizeof(path), "%s/insights-logs-callsummary/"
	    "resourceId=%s/y=%04d/m=%02u/d=%02u/h=%02u/m=00/PT1H.json",
	    o->dir, res.data, (int)y, m, d,
	    (unsigned)(r->gen_ms % 86400000 / 3600000));
	if (n < 0 || (size_t)n >= sizeof(path))
		errx(2, "%s: path too long", o->dir);
	if (o->fp != NULL && strcmp(path, o->path) == 0)
		return;
	if (o->fp != NULL)
		out_close(o);
	memcpy(o->path, path, (size_t)n + 1);
	make_dirs(o->path);
	out_open(o, o->path, "a");
}

/* The summarized formats, written once every record is drawn. */
static void
write_summary(struct out *o, const struct gen *g, enum format fmt)
{
	static struct buf b;
	int first = 1;

	b.len = 0;
	if (fmt == F_SUMMARY)
		format_csv_head(&b, &csv_plain, summary_columns, 4);
	else
		put_str(&b, "{\"tables\":[{\"name\":\"PrimaryResult\","
		    "\"columns\":[{\"name\":\"ParticipantEndReason\","
		    "\"type\":\"string\"},{\"name\":\"ParticipantEndSubCode\","
		    "\"type\":\"string\"},{\"name\":\"EndpointType\","
		    "\"type\":\"string\"},{\"name\":\"count_\",\"type\":"
		    "\"long\"}],\"rows\":[");
	emit(o, b.data, b.len);
	for (size_t k = 0; k < NPAIRS; k++)
		for (int e = 0; e < 2; e++) {
			if (g->by_endpoint[k][e] == 0)
				continue;
			b.len = 0;
			if (fmt == F_SUMMARY)
				format_summary_row(&b, g, k, e);
			else {
				put_str(&b, first ? "[\"" : ",[\"");
				put_uint(&b, pairs[k].code);
				put_str(&b, "\",\"");
				if (pairs[k].subcode != NO_SUBCODE)
					put_uint(&b, pairs[k].subcode);
				put_str(&b, e ? "\",\"PSTN\"," : "\",\"VoIP\",");
				put_uint(&b, g->by_endpoint[k][e]);
				put_char(&b, ']');
			}
			first = 0;
			emit(o, b.data, b.len);
		}
	if (fmt == F_API)
		emit(o, "]}]}\n", 5);
}

/* One line of -R: what a record holds that tests count by. */
static void
write_record(FILE *fp, const char *name, const struct record *r)
{
	static struct buf b;

	b.len = 0;
	put_iso(&b, r->gen_ms);
	put_char(&b, '\t');
	put_uint(&b, r->pair->code);
	put_char(&b, '\t');
	if (r->pair->subcode != NO_SUBCODE)
		put_uint(&b, r->pair->subcode);
	else
		put_char(&b, '-');
	put_char(&b, '\t');
	put_str(&b, r->client->sdk);
	put_char(&b, '\t');
	put_str(&b, r->client->os);
	put_char(&b, '\t');
	put_str(&b, r->client->endpoint);
	put_char(&b, '\n');
	if (fwrite(b.data, 1, b.len, fp) != b.len)
		err(2, "%s", name);
}

/* ---- main */

/* A count: decimal digits, then maybe k, M or G (powers of 1000). */
static uint64_t
parse_count(const char *s, int opt)
{
	uint64_t n = 0, mult = 1;
	const char *p;

	for (p = s; *p >= '0' && *p <= '9'; p++) {
		if (n > (UINT64_MAX - 9) / 10)
			errx(2, "-%c: '%s' is too large", opt, s);
		n = n * 10 + (uint64_t)(*p - '0');
	}
	if (p != s && p[0] != '\0' && p[1] == '\0') {
		if (*p == 'k' || *p == 'K')
			mult = 1000;
		else if (*p == 'M')
			mult = 1000 * 1000;
		else if (*p == 'G')
			mult = 1000 * 1000 * 1000;
		else
			mult = 0;
		p++;
	}
	if (p == s || *p != '\0' || mult == 0)
		errx(2, "-%c: not a count: '%s'", opt, s);
	if (n > UINT64_MAX / mult)
		errx(2, "-%c: '%s' is too large", opt, s);
	return n * mult;
}

static uint64_t
parse_seed(const char *s)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno == ERANGE)
		errx(2, "-S: not a seed: '%s'", s);
	return (uint64_t)n;
}

static int
by_pair(const void *a, const void *b)
{
	const struct pair *x = *(const struct pair *const *)a;
	const struct pair *y = *(const struct pair *const *)b;
	uint64_t xs = x->subcode == NO_SUBCODE ? 0 : (uint64_t)x->subcode + 1;
	uint64_t ys = y->subcode == NO_SUBCODE ? 0 : (uint64_t)y->subcode + 1;

	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	return (xs > ys) - (xs < ys);
}

/* The counts of the pairs drawn, sorted; none in text without subcodes. */
static void
write_expected(const char *path, const struct gen *g, enum format fmt)
{
	const struct pair *sorted[NPAIRS];
	FILE *fp;
	size_t i, k;

	for (i = 0; i < NPAIRS; i++)
		sorted[i] = &pairs[i];
	qsort(sorted, NPAIRS, sizeof(sorted[0]), by_pair);
	if ((fp = fopen(path, "w")) == NULL)
		err(2, "%s", path);
	for (i = 0; i < NPAIRS; i++) {
		k = (size_t)(sorted[i] - pairs);
		if (g->counts[k] == 0 || (fmt == F_TEXT &&
		    pairs[k].subcode == NO_SUBCODE))
			continue;
		if (pairs[k].subcode == NO_SUBCODE)
			fprintf(fp, "%lu\t-\t%llu\n", (unsigned long)pairs[k].code,
			    (unsigned long long)g->counts[k]);
		else
			fprintf(fp, "%lu\t%lu\t%llu\n",
			    (unsigned long)pairs[k].code,
			    (unsigned long)pairs[k].subcode,
			    (unsigned long long)g->counts[k]);
	}
	if (fflush(fp) == EOF)
		err(2, "%s", path);
	if (ferror(fp))
		errx(2, "%s: write error", path);
	if (fclose(fp) == EOF)
		err(2, "%s", path);
}

/* Format record r as fmt asks. */
static void
format_record(struct buf *b, const struct gen *g, const struct record *r,
    enum format fmt)
{
	switch (fmt) {
	case F_JSONL:
		format_jsonl(b, g, r);
		break;
	case F_CSV:
		format_csv(b, g, r, &csv_plain);
		break;
	case F_EXCEL:
		format_csv(b, g, r, &csv_excel);
		break;
	case F_TSV:
		format_csv(b, g, r, &csv_tsv);
		break;
	case F_PS:
		format_csv(b, g, r, &csv_ps);
		break;
	case F_STORAGE:
		format_storage(b, g, r);
		break;
	case F_HUBS:
		format_hubs(b, g, r);
		break;
	case F_MIXED:
		format_mixed(b, g, r);
		break;
	case F_TEXT:
		format_text(b, g, r);
		break;
	case F_EVENTS:
		format_event(b, g, r);
		break;
	case F_SUMMARY:
	case F_API:
	case NFORMATS:
		break;
	}
}

/* What comes before the first record. */
static void
write_head(struct out *o, enum format fmt)
{
	static struct buf b;
	const struct dialect *d = fmt == F_EXCEL ? &csv_excel : fmt == F_TSV ?
	    &csv_tsv : fmt == F_PS ? &csv_ps : &csv_plain;

	b.len = 0;
	if (fmt == F_CSV || fmt == F_EXCEL || fmt == F_TSV || fmt == F_PS)
		format_csv_head(&b, d, csv_columns, NCOLUMNS);
	else if (fmt == F_EVENTS)
		put_str(&b, "[\n");
	emit(o, b.data, b.len);
}

/* What comes after the last record. */
static void
write_tail(struct out *o, const struct gen *g, enum format fmt)
{
	if (fmt == F_EVENTS)
		/* "[\n" then "]\n": an empty array */
		emit(o, g->index == 0 ? "]\n" : "\n]\n", g->index == 0 ? 2 : 3);
	else if (fmt == F_HUBS && g->index % HUB_BATCH != 0)
		emit(o, "]}\n", 3);
	else if (fmt == F_SUMMARY || fmt == F_API)
		write_summary(o, g, fmt);
}

static enum format
parse_format(const char *s)
{
	for (int i = 0; i < NFORMATS; i++)
		if (strcmp(s, format_names[i]) == 0)
			return (enum format)i;
	errx(2, "-f: unknown format '%s' (jsonl, csv, excel, tsv, ps, summary, "
	    "api, storage, hubs, mixed, text, events)", s);
}

int
main(int argc, char *argv[])
{
	static struct buf b;
	struct gen g;
	struct record r;
	struct out o = { stdout, "stdout", NULL, 0, NULL, "" };
	enum format fmt = F_JSONL;
	const char *outpath = NULL, *exppath = NULL, *recpath = NULL;
	uint64_t records = DEFAULT_RECORDS, bytes = 0, seed = 1;
	uint64_t interval = 2200;
	int ch, by_size = 0, by_count = 0;
	FILE *rec = NULL;

	while ((ch = getopt(argc, argv, "D:e:f:i:n:o:R:s:S:")) != -1) {
		switch (ch) {
		case 'i':
			interval = parse_count(optarg, 'i');
			if (interval < 201 || interval > UINT32_MAX)
				errx(2, "-i: from 201 to %lu ms",
				    (unsigned long)UINT32_MAX);
			break;
		case 'R':
			recpath = optarg;
			break;
		case 'D':
			o.dir = optarg;
			break;
		case 'e':
			exppath = optarg;
			break;
		case 'f':
			fmt = parse_format(optarg);
			break;
		case 'n':
			records = parse_count(optarg, 'n');
			by_count = 1;
			break;
		case 'o':
			outpath = optarg;
			break;
		case 's':
			bytes = parse_count(optarg, 's');
			by_size = 1;
			break;
		case 'S':
			seed = parse_seed(optarg);
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (by_size && by_count)
		errx(2, "-n and -s cannot be used together");
	if (by_size && (fmt == F_SUMMARY || fmt == F_API))
		errx(2, "-s: the %s format takes -n", format_names[fmt]);
	if (o.dir != NULL && (fmt != F_STORAGE || outpath != NULL))
		errx(2, "-D: the storage format only, without -o");

	if ((o.buf = malloc(OUT_BUFSIZE)) == NULL)
		err(2, NULL);
	if (o.dir == NULL && outpath != NULL && strcmp(outpath, "-") != 0)
		out_open(&o, outpath, "w");
	else if (o.dir == NULL && setvbuf(stdout, o.buf, _IOFBF,
	    OUT_BUFSIZE) != 0)
		errx(2, "setvbuf failed");
	if (o.dir != NULL)
		o.fp = NULL;

	gen_init(&g, seed);
	g.interval = (uint32_t)interval;
	if (recpath != NULL && (rec = fopen(recpath, "w")) == NULL)
		err(2, "%s", recpath);
	if (o.dir == NULL)
		write_head(&o, fmt);
	while (by_size ? o.written < bytes : g.index < records) {
		draw(&g, &r);
		if (rec != NULL)
			write_record(rec, recpath, &r);
		b.len = 0;
		format_record(&b, &g, &r, fmt);
		if (o.dir != NULL)
			out_tree(&o, &g, &r);
		emit(&o, b.data, b.len);
	}
	if (o.dir == NULL)
		write_tail(&o, &g, fmt);
	if (o.fp != NULL)
		out_close(&o);
	free(o.buf);
	if (rec != NULL && (fflush(rec) == EOF || ferror(rec) ||
	    fclose(rec) == EOF))
		errx(2, "%s: write error", recpath);
	if (exppath != NULL)
		write_expected(exppath, &g, fmt);
	return 0;
}
