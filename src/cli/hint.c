/*
 * Hints on standard error, after an answer that is not exact or after
 * nothing: "code 410 is documented with subcodes 3100, ...", "8522 is a
 * subcode, documented with codes 404 and 405; try 'acsdiag 404 8522'",
 * "did you mean 3111 or 3112?", "'netwrok' matches nothing; did you mean
 * "network"?".  What to suggest is the core's (lookup.c, search.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hint.h"
#include "core/lookup.h"
#include "core/query.h"

/* Most items a hint lists before "and N more". */
#define HINT_MAX 12

/* "acsdiag: WHERE..." on standard error, WHERE "stdin:3: " or "". */
void
hint_at(const char *where, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "acsdiag: %s", where);
	va_start(ap, fmt);
	/* va_start is just above (a false positive of clang 14) */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * Say "WHAT 1, 2 and 3TAIL" for a hint (CONJ "and" or "or"); past
 * HINT_MAX items, "1, 2, ... 12 and N more".
 */
static void
hint_list(const struct hints *h, const char *what, const uint32_t *v,
    size_t n, const char *conj, const char *tail)
{
	size_t shown = n > HINT_MAX ? HINT_MAX : n;

	fprintf(stderr, "acsdiag: %s%s", h->where, what);
	for (size_t i = 0; i < shown; i++) {
		if (i > 0)
			fprintf(stderr, i + 1 == n ? " %s" : ",", conj);
		fprintf(stderr, " %u", v[i]);
	}
	if (n > shown)
		fprintf(stderr, " and %zu more", n - shown);
	fprintf(stderr, "%s\n", tail);
}

/*
 * The codes SUBCODE is documented with, if any: "subcode 3112 is
 * documented with code 410; try 'acsdiag 3112'" (as_subcode, after a
 * pair), or, for a number asked as a code, "3112 is a subcode, documented
 * with code 410; try 'acsdiag 410 3112'".  Returns how many.
 */
static size_t
hint_codes_of(const struct hints *h, uint32_t subcode, int as_code)
{
	char what[80], tail[64];
	size_t n, cap;
	uint32_t *v = number_buffer(&cap);

	if (v == NULL)
		return 0;
	if ((n = codes_with_subcode(subcode, h->tables, v, cap)) > 0) {
		snprintf(what, sizeof(what), as_code ? "%u is a subcode, "
		    "documented with code%s" : "subcode %u is documented with "
		    "code%s", subcode, n > 1 ? "s" : "");
		if (as_code)
			snprintf(tail, sizeof(tail), "; try 'acsdiag %u %u'",
			    v[0], subcode);
		else
			snprintf(tail, sizeof(tail), "; try 'acsdiag %u'",
			    subcode);
		hint_list(h, what, v, n, "and", tail);
	}
	free(v);
	return n;
}

/*
 * The subcodes CODE is documented with, or that it is documented: "code
 * 410 is documented with subcodes ...; try 'acsdiag 410'" after a pair,
 * or, for a number asked as a subcode, "410 is a code, documented with
 * subcodes ...".  Returns whether the code is documented.
 */
static int
hint_subcodes_of(const struct hints *h, uint32_t code, int as_subcode)
{
	char what[80], tail[64];
	size_t n = 0, cap;
	uint32_t *v = number_buffer(&cap);
	int documented = code_documented(code, h->tables);

	snprintf(tail, sizeof(tail), "; try 'acsdiag %u'", code);
	if (v != NULL &&
	    (n = subcodes_with_code(code, h->tables, v, cap)) > 0) {
		snprintf(what, sizeof(what), as_subcode ? "%u is a code, "
		    "documented with subcode%s" : "code %u is documented with "
		    "subcode%s", code, n > 1 ? "s" : "");
		hint_list(h, what, v, n, "and", tail);
	} else if (documented)
		hint_at(h->where, as_subcode ? "%u is a code%s" : "code %u is documented%s",
		    code, tail);
	free(v);
	return documented;
}

/* The documented numbers one typo away from NUMBER. */
static void
hint_near(const struct hints *h, uint32_t number)
{
	size_t n, cap;
	uint32_t *v = number_buffer(&cap);

	if (v != NULL && (n = numbers_near(number, h->tables, v, cap)) > 0)
		hint_list(h, "did you mean", v, n, "or", "?");
	free(v);
}

/*
 * Say what is documented near a query no exact entry answered: for a
 * pair, the codes its subcode is documented with and the subcodes of its
 * code (after a generic answer, the first only); for a number asked as a
 * code that is documented as a subcode (or the other way round), that;
 * for a number documented nowhere, the numbers one typo away.
 */
void
hint_answer(const struct hints *h, const struct answer *a)
{
	const struct query *q = &a->q;

	if (q->kind == QUERY_PAIR) {
		if (a->level == MATCH_EXACT)
			return;
		hint_codes_of(h, q->subcode, 0);
		if (a->level != MATCH_GENERIC_SUBCODE)
			hint_subcodes_of(h, q->code, 0);
		return;
	}
	if (a->nentries > 0)
		return;
	if ((q->kind == QUERY_CODE && hint_codes_of(h, q->code, 1) > 0) ||
	    (q->kind == QUERY_SUBCODE && hint_subcodes_of(h, q->code, 1)))
		return;
	hint_near(h, q->code);
}

/* Say that nothing at all is documented for the query. */
void
hint_not_found(const struct hints *h, const struct query *q)
{
	const char *in = h->tables == ACS_ALL_TABLES ? "" :
	    " in the tables chosen";

	if (q->kind == QUERY_PAIR)
		hint_at(h->where, "no documented entry for code %u subcode %u%s", q->code,
		    q->subcode, in);
	else
		hint_at(h->where, "no documented entry for %s %u%s", q->kind ==
		    QUERY_NUMBER ? "code or subcode" : q->kind == QUERY_SUBCODE ?
		    "subcode" : "code", q->code, in);
}

/*
 * Say that nothing matched every word of a search, and name the words
 * that matched nothing: each with the word probably meant, if any, the
 * others in one line.
 */
void
hint_search(const struct hints *h, const struct search *s,
    char *const *words, int regex)
{
	char buf[80], word[EDIT_MAX_LEN + 1];
	const char *in = h->tables == ACS_ALL_TABLES ? "" :
	    " in the tables chosen";
	size_t none = 0, i;

	if (s->nwords == 1)
		hint_at(h->where, "no documented entry matches '%s'%s",
		    quote_input(words[0], strlen(words[0]), buf, sizeof(buf)),
		    in);
	else
		hint_at(h->where, "no documented entry matches all of the %zu %s%s",
		    s->nwords, regex ? "expressions" : "words", in);
	if (regex)
		return;
	for (i = 0; i < s->nwords; i++) {
		if (search_word_hits(s->words[i], h->tables))
			continue;
		quote_input(words[i], strlen(words[i]), buf, sizeof(buf));
		if (suggest_word(words[i], word, sizeof(word)))
			hint_at(h->where, "did you mean \"%s\" for '%s'?", word, buf);
		else if (s->nwords > 1 && none++ == 0)
			fprintf(stderr, "acsdiag: %sno entry has '%s'", h->where,
			    buf);
		else if (s->nwords > 1)
			fprintf(stderr, ", '%s'", buf);
	}
	if (none > 0)
		fputc('\n', stderr);
}
