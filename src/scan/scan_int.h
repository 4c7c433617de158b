/*
 * What the parts of the log scanner share: the driver (scan.c), which
 * tells the format and feeds each record to its reader, the text reader
 * (scan_text.c) and the CSV reader (scan_csv.c); JSON is json.c's.
 * Private to them.
 */
#ifndef ACSDIAG_SCAN_INT_H
#define ACSDIAG_SCAN_INT_H

#include <stddef.h>
#include <stdint.h>

#include <csv.h>

#include "core/json.h"
#include "scan.h"

#define TEXT_LINE_MAX ((size_t)1024 * 1024)	/* a longer line is skipped */
#define TEXT_BLOCK_LINES 64	/* lines of an object printed over several */
#define CSV_FIELD_MAX ((size_t)1024 * 1024)
#define DETECT_MAX 4096		/* bytes looked at to tell the format */
#define KEEP_MAX ((size_t)64 * 1024)	/* of a JSON record, to read it as
					 * text if it is none */

/*
 * A text record being gathered: a line, or the lines of an object printed
 * over several ("callEndReason {" ... "}"), until its braces balance.
 */
struct text {
	char *buf;		/* TEXT_LINE_MAX bytes, from the first record */
	size_t len;
	int braces;		/* '{' less '}' so far */
	int lines;		/* whole lines in it */
	int bol;		/* the next byte starts a line */
	int too_long;
	int from_json;		/* it looked like JSON and was not */
	int want_time;		/* read a line's time */
};

/* The CSV reader: libcsv's parser and where the columns are. */
struct csvscan {
	const struct scan_sink *sink;
	const struct scan_options *opt;
	long time_col, field_col[SCAN_MAX_FIELDS];
	int time_rank;
	int64_t time;			/* of the record being read */
	int has_time;
	char field[SCAN_MAX_FIELDS][SCAN_FIELD_MAX];
	size_t field_len[SCAN_MAX_FIELDS];
	int has_field[SCAN_MAX_FIELDS];
	struct csv_parser p;
	unsigned char delim;
	int header;		/* reading the header row */
	long code_col, subcode_col, count_col;
	long col;		/* the field being read */
	uint32_t code, subcode;
	uint64_t weight;
	int has_code, has_subcode;
	int bad;		/* a value that is not a number */
	int skip;		/* skipping the rest of a record with a field
				 * too long: 1 in quotes, 2 after a quote in
				 * quotes, 3 outside quotes */
};

/* The state of one input being scanned. */
struct scan {
	struct scan_options opt;
	struct scan_sink sink;
	enum scan_format format;	/* AUTO until the head shows it */
	enum { M_JSON, M_TEXT, M_SKIP } mode;	/* mixed: reading as */
	struct json_reader j;
	struct text x;
	char *keep;			/* the JSON record open, so far */
	size_t nkeep;
	char *replay;			/* a record's bytes being read again
					 * (a second buffer as large) */
	uint64_t keep_id;		/* the record it is of */
	int keep_lost;			/* it did not fit */
	struct csvscan c;
	int started;			/* the format is known, its reader set
					 * up */
	int last_nl;			/* the input so far ends with '\n' */
	char head[DETECT_MAX];		/* the input's start, until it shows
					 * the format */
	size_t nhead;
};

void text_start(struct text *x, int from_json);
const char *text_take(struct text *x, const char *p, const char *end,
    const struct scan_sink *sink, int *done);
void text_finish(struct text *x, const struct scan_sink *sink);

/* The lines of a CSV export's head, up to its header line. */
struct csv_head {
	const char *line;	/* the header line */
	size_t len;
	size_t skip_lines;	/* the lines before it */
	unsigned char delim;	/* named by a sep= line */
	int named;
};

const char *csv_column_name(const char *s, size_t *len);
int csv_named(const char *s, size_t len, const char *name);
int csv_head(const char *h, size_t n, int whole, struct csv_head *hd);
int csv_dialect(const char *head, size_t n, const char *count_field,
    unsigned char *delim, size_t *skip_lines);
int csv_start(struct csvscan *c, const struct scan_sink *sink,
    unsigned char delim, const struct scan_options *o);
int csv_chunk(struct csvscan *c, const char *buf, size_t n);
void csv_finish(struct csvscan *c);

#endif
