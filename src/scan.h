/*
 * The log scanner: code and subcode pairs counted in JSON (lines, pretty
 * or arrays), CSV exports and plain text logs, streaming, in bounded
 * memory.  Fed chunks by its caller; it does no I/O.
 */
#ifndef ACSDIAG_SCAN_H
#define ACSDIAG_SCAN_H

#include <stddef.h>
#include <stdint.h>

/* A pair's subcode when the record had none. */
#define SCAN_NO_SUBCODE UINT32_MAX

/* Most distinct pairs counted one by one; more are counted together. */
#define SCAN_MAX_PAIRS 32768

struct scan_pair {
	uint32_t code;
	uint32_t subcode;	/* SCAN_NO_SUBCODE if none */
	uint64_t count;
};

struct scan_stats {
	uint64_t lines;		/* lines read */
	uint64_t records;	/* records with a pair: pairs counted */
	uint64_t skipped;	/* lines that could not be parsed */
	uint64_t overflow;	/* pairs past SCAN_MAX_PAIRS distinct ones */
	int out_of_memory;	/* a pair could not be counted */
};

/* The counts of every distinct pair seen, and the statistics. */
struct scan_tally {
	struct scan_pair *slots;	/* open addressing; count 0: empty */
	size_t nslots, npairs;
	struct scan_stats stats;
};

enum scan_format { SCAN_AUTO, SCAN_JSON, SCAN_CSV, SCAN_TEXT };

/* One input being scanned (private to the scanner). */
struct scan;

void scan_tally_init(struct scan_tally *t);
void scan_tally_free(struct scan_tally *t);
int scan_add(struct scan_tally *t, uint32_t code, uint32_t subcode);
size_t scan_sorted(const struct scan_tally *t, struct scan_pair *out);

struct scan *scan_open(enum scan_format format, struct scan_tally *t);
int scan_feed(struct scan *s, const char *buf, size_t n);
void scan_close(struct scan *s);
int scan_buffer(const char *buf, size_t n, size_t chunk,
    enum scan_format format, struct scan_tally *t);
enum scan_format scan_detect(const char *buf, size_t len);

#endif
