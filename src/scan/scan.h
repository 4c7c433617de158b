/*
 * The log scanner: code and subcode pairs counted in JSON (lines, pretty,
 * arrays, Event Hubs bodies, query API tables), CSV exports of any dialect
 * and plain text logs, the format decided per record, streaming, in
 * bounded memory.  Fed chunks of decoded text by its caller; it does no
 * I/O.  Every record read is either a record with pairs or a skip with a
 * reason, reported to a sink.
 */
#ifndef ACSDIAG_SCAN_H
#define ACSDIAG_SCAN_H

#include <stddef.h>
#include <stdint.h>

#include "buckets.h"
#include "core/json.h"

/* A pair's subcode when the record had none. */
#define SCAN_NO_SUBCODE JSON_NO_SUBCODE

/* Most distinct pairs counted one by one; more are counted together. */
#define SCAN_MAX_PAIRS 32768

/* Why a record was not counted: X(ID, what the summary calls it, its
 * key in the --json summary). */
#define SKIP_LIST(X) \
	X(NO_PAIR, "no pair", "no_pair") \
	X(BAD_JSON, "invalid JSON", "invalid_json") \
	X(BAD_VALUE, "bad value", "bad_value") \
	X(TOO_LONG, "too long", "too_long") \
	X(NOT_TEXT, "not text", "not_text") \
	X(FORMAT, "unreadable format", "unreadable_format")

enum scan_skip {
#define X(id, name, key) SKIP_##id,
	SKIP_LIST(X)
#undef X
	NSKIPS
};

extern const char *const scan_skip_names[NSKIPS];
extern const char *const scan_skip_keys[NSKIPS];

/* Most fields of a record kept, for --by. */
#define SCAN_MAX_FIELDS JSON_MAX_FIELDS
#define SCAN_FIELD_MAX JSON_FIELD_MAX

/* A field of a record: its value, if present (at most SCAN_FIELD_MAX
 * bytes of it). */
struct scan_field {
	const char *value;	/* NULL: none */
	size_t len;
};

/* A record with pairs: each stands for weight records (a summarized
 * export's count; else 1). */
struct scan_record {
	const struct json_hit *hits;
	size_t nhits;
	uint64_t weight;
	int64_t time;		/* ms since 1970 UTC, if has_time */
	int has_time;
	struct scan_field fields[SCAN_MAX_FIELDS];	/* of scan_options */
};

/* Where a scan reports.  All callbacks are needed. */
struct scan_sink {
	void (*record)(void *arg, const struct scan_record *r);
	void (*skip)(void *arg, enum scan_skip why, uint64_t n);
	void (*lines)(void *arg, uint64_t n);
	void *arg;
};

enum scan_format {
	SCAN_AUTO,		/* CSV if the header says so, else mixed */
	SCAN_CSV,
	SCAN_MIXED,		/* JSON or text, record by record */
};

struct scan_options {
	enum scan_format format;
	const char *count_field;	/* the count column, or NULL for
					 * count_, Count or Calls */
	int want_time;			/* read each record's time */
	const char *fields[SCAN_MAX_FIELDS];	/* and these fields */
	int nfields;
};

int scan_reserved_name(const char *name);

/* One input being scanned (private to the scanner). */
struct scan;

struct scan *scan_open(const struct scan_options *o,
    const struct scan_sink *sink);
int scan_feed(struct scan *s, const char *buf, size_t n);
void scan_close(struct scan *s);
int scan_buffer(const char *buf, size_t n, size_t chunk,
    const struct scan_options *o, const struct scan_sink *sink);

/* What a scan counts by, besides the pair: the --by options, and a time
 * window. */
#define SCAN_MAX_DIMS 2

/* Each --by may name a field. */
_Static_assert(SCAN_MAX_FIELDS >= SCAN_MAX_DIMS, "a field for each --by");

enum scan_dim_kind { DIM_HOUR, DIM_DAY, DIM_FIELD };

struct scan_dim {
	enum scan_dim_kind kind;
	int field;		/* DIM_FIELD: its index in scan_options */
	const char *name;	/* as the user wrote it */
};

struct scan_view {
	struct scan_dim dims[SCAN_MAX_DIMS];
	int ndims;
	int64_t since, until;	/* the window [since, until), in ms */
	int has_since, has_until;
};

/* Past SCAN_MAX_PAIRS distinct pairs, documented pairs are still counted
 * one by one, up to this many. */
#define SCAN_HARD_MAX ((size_t)2 * SCAN_MAX_PAIRS)

/* With --by, the most (bucket, pair) entries counted one by one: a pair
 * in 4096 buckets, 64 pairs in each. */
#define SCAN_MAX_ENTRIES ((size_t)262144)

/* The tally of a scan: how many records of each distinct pair, in each
 * bucket of the --by options (bucket numbers of buckets.h). */
struct scan_pair {
	uint32_t code;
	uint32_t subcode;	/* SCAN_NO_SUBCODE if none */
	uint32_t bucket[SCAN_MAX_DIMS];
	uint64_t count;
};

struct scan_stats {
	uint64_t lines;		/* lines read */
	uint64_t records;	/* records with a pair: pairs counted */
	uint64_t skipped[NSKIPS];
	uint64_t overflow;	/* pairs counted together: */
	uint64_t new_pairs;	/* past SCAN_MAX_PAIRS distinct pairs */
	uint64_t new_entries;	/* past SCAN_MAX_ENTRIES entries */
	uint64_t outside;	/* pairs left out: outside the window */
	uint64_t untimed;	/* pairs left out: no time, with a window */
	uint64_t lumped;	/* pairs in a bucket past BUCKET_MAX */
	int out_of_memory;	/* a pair could not be counted */
};

struct scan_tally {
	struct scan_pair *slots;	/* open addressing; count 0: empty */
	size_t nslots, npairs;		/* npairs: the entries */
	uint64_t *known;		/* with --by, the distinct pairs
					 * (code << 32 | subcode) + 1, open
					 * addressing; 0 empty */
	size_t nknown_slots, nknown;
	struct scan_stats stats;
	const struct scan_view *view;	/* or NULL: no --by, no window */
	struct buckets buckets[SCAN_MAX_DIMS];
};

void scan_tally_init(struct scan_tally *t);
void scan_tally_view(struct scan_tally *t, const struct scan_view *v);
void scan_tally_free(struct scan_tally *t);
void scan_tally_sink(struct scan_tally *t, struct scan_sink *sink);
int scan_add(struct scan_tally *t, const struct scan_pair *p);
int scan_merge(struct scan_tally *into, struct scan_tally *from);
size_t scan_sorted(const struct scan_tally *t, struct scan_pair *out);
uint64_t scan_skipped(const struct scan_stats *st);

#endif
