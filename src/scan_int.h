/*
 * What the parts of the log scanner share: the driver (scan.c), which
 * tells the format and feeds chunks, and the readers of each format
 * (scan_text.c, scan_csv.c; JSON is json.c's), which count into the tally
 * (scan_tally.c).  Private to them.
 */
#ifndef ACSDIAG_SCAN_INT_H
#define ACSDIAG_SCAN_INT_H

#include <stddef.h>
#include <stdint.h>

#include <csv.h>

#include "json.h"
#include "scan.h"

#define SCAN_BUF_SIZE ((size_t)128 * 1024)	/* what one read fills */
#define TEXT_LINE_MAX ((size_t)1024 * 1024)
#define CSV_FIELD_MAX ((size_t)1024 * 1024)
#define DETECT_MAX 4096		/* bytes looked at to tell the format */

/* A line of text being gathered across chunks. */
struct text {
	char *line;
	size_t len;
	int too_long;
};

/* The CSV reader: libcsv's parser and where the code columns are. */
struct csvscan {
	struct scan_tally *t;
	struct csv_parser p;
	int header;		/* reading the header row */
	long code_col, subcode_col;
	long col;		/* the field being read */
	uint32_t code, subcode;
	int has_code, has_subcode;
	int bad;		/* a code or subcode that is not a number */
	int skip;		/* skipping the rest of a record with a field
				 * too long: 1 in quotes, 2 after a quote in
				 * quotes, 3 outside quotes */
};

/* The state of one input being scanned. */
struct scan {
	enum scan_format format;
	struct scan_tally *t;
	struct json_reader j;
	struct text x;
	struct csvscan c;
	int started;		/* the format is known, the reader set up */
	int last_nl;		/* the input so far ends with a newline */
	char head[DETECT_MAX];	/* the input's start, until it shows the
				 * format: a first line, or DETECT_MAX */
	size_t nhead;
};

int text_chunk(struct text *x, const char *p, const char *end,
    struct scan_tally *t);
void text_finish(struct text *x, struct scan_tally *t);

int csv_looks_like_header(const char *line, size_t len);
int csv_start(struct csvscan *c, struct scan_tally *t);
int csv_chunk(struct csvscan *c, const char *buf, size_t n);
void csv_finish(struct csvscan *c);

#endif
