/*
 * Where and how acsdiag prints: the format, colors, the terminal's width,
 * the fields of -o.  Set up once by main; read by the formatting helpers
 * (fmt.c) and the printers above them.
 */
#ifndef ACSDIAG_OUTPUT_H
#define ACSDIAG_OUTPUT_H

#include <stddef.h>

enum format {
	FORMAT_LONG,		/* whole entries, labelled fields */
	FORMAT_LINE,		/* table, code, subcode, category, message */
	FORMAT_JSON,		/* one JSON object a line */
	FORMAT_FIELDS,		/* the fields of -o, tab-separated */
};

/* The fields of -o: X(ID, name, what it is, for --complete=fields). */
#define FIELD_LIST(X) \
	X(QUERY, "query", "the query answered, as 410/3112 or 8522") \
	X(TABLE, "table", "the table's name") \
	X(CODE, "code", "the code that answers the query") \
	X(CODES, "codes", "every code of the entry, comma-separated") \
	X(SUBCODE, "subcode", "the subcode") \
	X(CATEGORY, "category", "the result category") \
	X(MESSAGE, "message", "the message") \
	X(ADVICE, "advice", "the advice") \
	X(LINKS, "links", "the links' URLs, space-separated")

enum field {
#define X(id, name, what) FIELD_##id,
	FIELD_LIST(X)
#undef X
	NFIELDS
};

#define MAX_FIELDS 16

struct output {
	enum format format;
	int color;		/* ANSI colors */
	int terminal;		/* stdout is a terminal: cut lines, wrap */
	size_t width;		/* of the terminal */
	const char *ellipsis;
	size_t ellipsis_cols;
	int utf8;		/* the locale's: block characters */
	int no_tips;
	enum field fields[MAX_FIELDS];
	size_t nfields;
	int printed;		/* something was printed: separate blocks */
	const char *query;	/* a lookup's query, for JSON; or NULL */
};

extern struct output out;

#endif
