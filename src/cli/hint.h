/*
 * Hints on standard error: what is documented near a query no exact entry
 * answered, and the words a search found nowhere.
 */
#ifndef ACSDIAG_HINT_H
#define ACSDIAG_HINT_H

#include <stdint.h>

#include "core/answer.h"
#include "core/search.h"

/* Where the hints look and how they start each line: "stdin:3: " in batch
 * mode, else "". */
struct hints {
	uint64_t tables;
	const char *where;
};

void hint_at(const char *where, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void hint_answer(const struct hints *h, const struct answer *a);
void hint_not_found(const struct hints *h, const struct query *q);
void hint_search(const struct hints *h, const struct search *s,
    char *const *words, int regex);

#endif
