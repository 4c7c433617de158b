/*
 * genlog: write a synthetic Azure Communication Services log, the same
 * bytes for the same arguments, for the --scan tests and benchmarks.
 *
 * usage: genlog [-f FORMAT] [-n RECORDS | -s BYTES] [-S SEED]
 *               [-e EXPECTED] [-o OUTPUT]
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
 *                text: SDK console lines in three styles, by record:
 *                "callEndReason: {code: 410, subCode: 3112}",
 *                "code=410, subCode=3112" and "410#3112"; a record without
 *                a subcode is a line without a pair (no code, or a code
 *                alone), and is not counted in EXPECTED;
 *                events: one pretty-printed JSON array of Call Automation
 *                CloudEvents, resultInformation code and subCode numbers,
 *                no subCode key when the record has none.
 *   -n RECORDS   write this many records (default 1000)
 *   -s BYTES     write records until at least BYTES bytes are written
 *   -S SEED      seed of the generator (default 1), 0 to 2^64-1
 *   -e EXPECTED  write the number of records of each pair to this file,
 *                "CODE\tSUBCODE\tCOUNT", SUBCODE "-" for none, by code
 *                then subcode ("-" first), pairs with a count only
 *   -o OUTPUT    write the log here, not to standard output ("-")
 *
 * RECORDS and BYTES are decimal, and may end in k, M or G: times 1000,
 * 1000^2 or 1000^3 (-s 200M is 200000000 bytes).
 *
 * Every format draws the same records in the same order from the seed:
 * a pair from a fixed weighted list (see pairs[]), then the other fields
 * from splitmix64.  Exits 0, or 2 on any error.
 */
#include <err.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define OUT_BUFSIZE	(1024 * 1024)
#define REC_MAX		4096		/* longest record written, bytes */
#define DEFAULT_RECORDS	1000
#define NO_SUBCODE	UINT32_MAX

enum format { F_JSONL, F_CSV, F_TEXT, F_EVENTS };

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
	uint64_t	 sub[2];	/* the subscription */
	uint64_t	 counts[NPAIRS];
};

static const char hexdigits[] = "0123456789abcdef";

static void
usage(void)
{
	fprintf(stderr, "usage: genlog [-f FORMAT] [-n RECORDS | -s BYTES] "
	    "[-S SEED] [-e EXPECTED] [-o OUTPUT]\n");
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

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* The date of a day counted from 1970-01-01. */
static void
civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)((int64_t)yoe + era * 400 + (*m <= 2));
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
	r->call_type = call_types[below(g, 4)];
	r->participant_type = participant_types[below(g, 4)];
	r->resource = below(g, 4);
	draw_uuid(g, r->corr);
	draw_uuid(g, r->part);
	draw_uuid(g, r->endp);
	g->clock_ms += 200 + below(g, 2000);
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
	int y;

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
	int y;

	civil_from_days(days, &y, &m, &d);
	h = msday / 3600000;
	put_char(b, '"');
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
	put_str(b, h < 12 ? " AM\"" : " PM\"");
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

/* s as a CSV field: quoted, quotes doubled, if it needs to be. */
static void
put_csv_field(struct buf *b, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
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

static const char csv_header[] =
    "\"TimeGenerated [UTC]\",CorrelationId,\"CallStartTime [UTC]\","
    "CallDuration,CallType,ParticipantId,EndpointId,EndpointType,"
    "\"ParticipantStartTime [UTC]\",ParticipantDuration,"
    "ParticipantEndReason,ParticipantEndSubCode,ParticipantType,"
    "SdkVersion,OsVersion,UserAgent,Type,_ResourceId\n";

static void
format_csv(struct buf *b, const struct gen *g, const struct record *r)
{
	put_portal_time(b, r->gen_ms);
	put_char(b, ',');
	put_uuid(b, r->corr);
	put_char(b, ',');
	put_portal_time(b, r->start_ms);
	put_char(b, ',');
	put_uint(b, r->duration);
	put_char(b, ',');
	put_csv_field(b, r->call_type);
	put_char(b, ',');
	put_uuid(b, r->part);
	put_char(b, ',');
	put_uuid(b, r->endp);
	put_char(b, ',');
	put_csv_field(b, r->client->endpoint);
	put_char(b, ',');
	put_portal_time(b, r->pstart_ms);
	put_char(b, ',');
	put_uint(b, r->pduration);
	put_char(b, ',');
	put_uint(b, r->pair->code);
	put_char(b, ',');
	if (r->pair->subcode != NO_SUBCODE)
		put_uint(b, r->pair->subcode);
	put_char(b, ',');
	put_csv_field(b, r->participant_type);
	put_char(b, ',');
	put_csv_field(b, r->client->sdk);
	put_char(b, ',');
	put_csv_field(b, r->client->os);
	put_char(b, ',');
	put_csv_field(b, r->client->ua);
	put_str(b, ",ACSCallSummary,");
	put_resource(b, g, r);
	put_char(b, '\n');
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

	put_iso(b, r->start_ms);
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

static void
emit(FILE *fp, const char *name, const char *s, size_t n, uint64_t *written)
{
	if (n > 0 && fwrite(s, 1, n, fp) != n)
		err(2, "%s", name);
	*written += n;
}

int
main(int argc, char *argv[])
{
	static struct buf b;
	struct gen g;
	struct record r;
	enum format fmt = F_JSONL;
	const char *outpath = NULL, *exppath = NULL, *name = "stdout";
	uint64_t records = DEFAULT_RECORDS, bytes = 0, seed = 1, written = 0;
	int ch, by_size = 0, by_count = 0;
	char *obuf;
	FILE *fp = stdout;

	while ((ch = getopt(argc, argv, "e:f:n:o:s:S:")) != -1) {
		switch (ch) {
		case 'e':
			exppath = optarg;
			break;
		case 'f':
			if (strcmp(optarg, "jsonl") == 0)
				fmt = F_JSONL;
			else if (strcmp(optarg, "csv") == 0)
				fmt = F_CSV;
			else if (strcmp(optarg, "text") == 0)
				fmt = F_TEXT;
			else if (strcmp(optarg, "events") == 0)
				fmt = F_EVENTS;
			else
				errx(2, "-f: unknown format '%s' (jsonl, csv, "
				    "text, events)", optarg);
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

	if (outpath != NULL && strcmp(outpath, "-") != 0) {
		if ((fp = fopen(outpath, "w")) == NULL)
			err(2, "%s", outpath);
		name = outpath;
	}
	if ((obuf = malloc(OUT_BUFSIZE)) == NULL)
		err(2, NULL);
	if (setvbuf(fp, obuf, _IOFBF, OUT_BUFSIZE) != 0)
		errx(2, "setvbuf failed");

	gen_init(&g, seed);
	if (fmt == F_CSV)
		emit(fp, name, csv_header, sizeof(csv_header) - 1, &written);
	else if (fmt == F_EVENTS)
		emit(fp, name, "[\n", 2, &written);
	while (by_size ? written < bytes : g.index < records) {
		draw(&g, &r);
		b.len = 0;
		switch (fmt) {
		case F_JSONL:
			format_jsonl(&b, &g, &r);
			break;
		case F_CSV:
			format_csv(&b, &g, &r);
			break;
		case F_TEXT:
			format_text(&b, &g, &r);
			break;
		case F_EVENTS:
			format_event(&b, &g, &r);
			break;
		}
		emit(fp, name, b.data, b.len, &written);
	}
	if (fmt == F_EVENTS) {
		if (g.index == 0) {
			/* "[\n" then "]\n": an empty array */
			emit(fp, name, "]\n", 2, &written);
		} else
			emit(fp, name, "\n]\n", 3, &written);
	}

	if (fflush(fp) == EOF)
		err(2, "%s", name);
	if (ferror(fp))
		errx(2, "%s: write error", name);
	if (fclose(fp) == EOF)
		err(2, "%s", name);
	free(obuf);
	if (exppath != NULL)
		write_expected(exppath, &g, fmt);
	return 0;
}
