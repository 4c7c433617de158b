/*
 * The answer to a query: the most exact documentation that applies, by the
 * article's fallback ladder, with the context, the PSTN SBC rule and the
 * troubleshooting tips that follow it.  Pure decisions over the embedded
 * tables; printing is print.c's.
 */
#ifndef ACSDIAG_ANSWER_H
#define ACSDIAG_ANSWER_H

#include <stddef.h>
#include <stdint.h>

#include "codes.h"
#include "query.h"

/*
 * How exact an answer is, most exact first: the level of the ladder for a
 * code and subcode pair, and the names --json gives them.
 *   exact            entries with this code and subcode (or, for a single
 *                    number, with this code or subcode)
 *   generic-subcode  the generic meaning of the subcode
 *   code             what the code means whatever the subcode
 *   class            what the article says of the code's class
 *   rule             the PSTN rule for subcodes starting 560 or 540
 */
#define MATCH_LIST(X) \
	X(EXACT, "exact") \
	X(GENERIC_SUBCODE, "generic-subcode") \
	X(CODE, "code") \
	X(CLASS, "class") \
	X(RULE, "rule")

enum match {
#define X(id, name) MATCH_##id,
	MATCH_LIST(X)
#undef X
	MATCH_NONE
};

/* Most tips one answer can bring: every tip of the data. */
#define ANSWER_MAX_TIPS 64

struct answer {
	struct query q;			/* the question */
	enum match level;		/* of the answer; MATCH_NONE if none */
	const struct acs_entry **entries;	/* the answer, levels exact to
						 * code */
	size_t nentries;
	const struct acs_entry **context;	/* what the code means, after
						 * an exact or generic answer */
	size_t ncontext;
	const struct acs_class *cls;	/* the class: the answer at level
					 * class, or what follows a number's
					 * entries */
	const struct acs_rule *rule;	/* the SBC rule, if the subcode
					 * starts 560 or 540 */
	uint32_t rule_subcode;		/* the subcode it explains */
	const struct acs_sip *sip;	/* the SIP code it ends in, if one */
	const struct acs_tip *tips[ANSWER_MAX_TIPS];	/* the tips that follow */
	size_t ntips;
	const struct acs_entry **buf;	/* room for entries and context */
};

int answer_init(struct answer *a);
void answer_free(struct answer *a);
void answer_query(struct answer *a, const struct query *q, uint64_t tables,
    int exact_only);
int answer_found(const struct answer *a);
const char *match_name(enum match m);
int entry_brings_tips(const struct acs_entry *e);
size_t entry_tips(const struct acs_entry *e, const struct acs_tip **out,
    size_t cap);

#endif
