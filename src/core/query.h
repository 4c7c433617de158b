/*
 * Queries as people paste them: "410 3112", "410/3112", "480#10076",
 * "code=410, subCode=3112", {"code":410,"subCode":3112} and the like.
 * Pure parsing; no I/O.
 */
#ifndef ACSDIAG_QUERY_H
#define ACSDIAG_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include "codes.h"

enum query_kind {
	QUERY_NUMBER,		/* one bare number: a code or a subcode */
	QUERY_CODE,		/* a code named as such ("code=410") */
	QUERY_SUBCODE,		/* a subcode named as such */
	QUERY_PAIR,		/* a code and a subcode */
};

struct query {
	enum query_kind kind;
	uint32_t code;		/* QUERY_NUMBER's number too */
	uint32_t subcode;
	int more;		/* other pairs a JSON query held */
	const struct acs_name *name;	/* an SDK's name for the subcode
					 * (QUERY_SUBCODE), if that was the
					 * query; it asks its tables only */
};

int parse_query(const char *text, struct query *q, char *err,
    size_t errsize);
const char *quote_input(const char *s, size_t len, char *buf, size_t size);

#endif
