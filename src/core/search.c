/*
 * The search core: which entries and tips match a set of words or regular
 * expressions, in what order, which tips apply to a result, and what word
 * was probably meant when nothing matched.  No I/O.
 *
 * Words match without regard to ASCII case, anywhere in the text (so
 * "network" finds "networks"); a newline in the text counts as a space.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fold.h"
#include "lookup.h"
#include "search.h"

/* Does the folded text contain the (folded) needle? */
static int
contains_folded(const char *folded, const char *needle)
{
	return strstr(folded, needle) != NULL;
}

/* Does hay contain the folded needle, folding hay as it goes? */
static int
contains(const char *hay, const char *needle)
{
	const unsigned char *h = (const unsigned char *)hay;
	const unsigned char *n = (const unsigned char *)needle;
	size_t i;

	if (*n == '\0')
		return 1;
	for (; *h != '\0'; h++) {
		if (fold(*h) != n[0])
			continue;
		for (i = 1; n[i] != '\0' && fold(h[i]) == n[i]; i++)
			continue;
		if (n[i] == '\0')
			return 1;
	}
	return 0;
}

static char *
lowercase_copy(const char *s)
{
	char *p;

	if ((p = strdup(s)) != NULL)
		for (char *q = p; *q != '\0'; q++)
			*q = (char)fold((unsigned char)*q);
	return p;
}

/* Does word (or expression) i match this text? */
static int
text_matches(const struct search *s, size_t i, const char *text)
{
	if (s->regexes != NULL)
		return regexec(&s->regexes[i], text, 0, NULL, 0) == 0;
	return contains(text, s->words[i]);
}

/* Does word (or expression) i match e's message?  Its advice? */
static int
message_matches(const struct search *s, size_t i, const struct acs_entry *e)
{
	if (s->regexes != NULL)
		return regexec(&s->regexes[i], e->message, 0, NULL, 0) == 0;
	return contains_folded(e->folded_message, s->words[i]);
}

static int
advice_matches(const struct search *s, size_t i, const struct acs_entry *e)
{
	if (s->regexes != NULL)
		return regexec(&s->regexes[i], e->advice, 0, NULL, 0) == 0;
	return contains_folded(e->folded_advice, s->words[i]);
}

/* Does word (or expression) i match a code or subcode of e? */
static int
number_matches(const struct search *s, size_t i, const struct acs_entry *e)
{
	char buf[16];
	uint32_t n;

	if (s->regexes == NULL) {
		if (parse_number(s->words[i], &n) != NUMBER_OK)
			return 0;
		return entry_matches_number(e, n);
	}
	for (size_t j = 0; j < e->ncodes; j++) {
		snprintf(buf, sizeof(buf), "%u", e->codes[j]);
		if (text_matches(s, i, buf))
			return 1;
	}
	if (!e->has_subcode)
		return 0;
	snprintf(buf, sizeof(buf), "%u", e->subcode);
	return text_matches(s, i, buf);
}

/*
 * For each word, find once the generic subcodes, tables and categories
 * whose name it matches, rather than for each entry.
 */
static int
find_named(struct search *s)
{
	const struct acs_table *t = NULL;
	size_t i, j, n;
	unsigned c;

	for (j = 0; j < acs_ntables; j++)
		if (acs_tables[j].role == ACS_ROLE_GENERIC_SUBCODES)
			t = &acs_tables[j];
	s->named = calloc(s->nwords, sizeof(*s->named));
	s->named_tables = calloc(s->nwords, sizeof(*s->named_tables));
	s->named_categories = calloc(s->nwords,
	    sizeof(*s->named_categories));
	if (s->named == NULL || s->named_tables == NULL ||
	    s->named_categories == NULL)
		return -1;
	for (i = 0; i < s->nwords; i++) {
		n = t != NULL ? t->count : 0;
		/* an array of pointers */
		/* NOLINTNEXTLINE(bugprone-sizeof-expression) */
		if ((s->named[i] = calloc(n + 1, sizeof(**s->named))) == NULL)
			return -1;
		for (j = 0, n = 0; t != NULL && j < t->count; j++)
			if (message_matches(s, i, &acs_entries[t->first + j]))
				s->named[i][n++] = &acs_entries[t->first + j];
		for (j = 0; j < acs_ntables; j++)
			if (text_matches(s, i, acs_tables[j].name) ||
			    text_matches(s, i, acs_tables[j].title))
				s->named_tables[i] |= UINT64_C(1) << j;
		for (c = ACS_CAT_SUCCESS; c <= ACS_CAT_UNEXPECTED_SERVER_ERROR;
		    c++)
			if (text_matches(s, i, category_name(c)))
				s->named_categories[i] |= 1u << c;
	}
	return 0;
}

/*
 * Prepare a search for WORDS (with regex set, POSIX extended regular
 * expressions, case-insensitive) in TABLES.  On failure, return -1 with
 * the reason in errbuf and, for a bad expression, its index in *errword
 * (else nwords).
 */
int
search_init(struct search *s, char *const *words, size_t nwords, int regex,
    uint64_t tables, char *errbuf, size_t errsize, size_t *errword)
{
	size_t i, len = 0;
	int rc;

	memset(s, 0, sizeof(*s));
	*errword = nwords;
	s->tables = tables;
	s->words = calloc(nwords, sizeof(*s->words));
	s->hits = calloc(acs_nentries, sizeof(*s->hits));
	if (s->words == NULL || s->hits == NULL)
		goto nomem;
	for (i = 0; i < nwords; i++, s->nwords++) {
		if ((s->words[i] = lowercase_copy(words[i])) == NULL)
			goto nomem;
		len += strlen(words[i]) + 1;
	}
	if ((s->phrase = malloc(len + 1)) == NULL)
		goto nomem;
	for (i = 0, len = 0; i < nwords; i++) {
		size_t n = strlen(s->words[i]);

		if (i > 0)
			s->phrase[len++] = ' ';
		memcpy(s->phrase + len, s->words[i], n);
		len += n;
	}
	s->phrase[len] = '\0';
	if (regex) {
		if ((s->regexes = calloc(nwords, sizeof(*s->regexes))) == NULL)
			goto nomem;
		for (i = 0; i < nwords; i++) {
			rc = regcomp(&s->regexes[i], words[i],
			    REG_EXTENDED | REG_ICASE | REG_NOSUB);
			if (rc != 0) {
				regerror(rc, &s->regexes[i], errbuf, errsize);
				*errword = i;
				while (i-- > 0)
					regfree(&s->regexes[i]);
				free(s->regexes);
				s->regexes = NULL;
				search_free(s);
				return -1;
			}
		}
	}
	if (find_named(s) != 0)
		goto nomem;
	return 0;
nomem:
	search_free(s);
	snprintf(errbuf, errsize, "out of memory");
	return -1;
}

void
search_free(struct search *s)
{
	size_t i;

	if (s->regexes != NULL)
		for (i = 0; i < s->nwords; i++)
			regfree(&s->regexes[i]);
	for (i = 0; i < s->nwords; i++) {
		free(s->words[i]);
		if (s->named != NULL)
			free(s->named[i]);
	}
	free(s->named);
	free(s->named_tables);
	free(s->named_categories);
	free(s->words);
	free(s->regexes);
	free(s->phrase);
	free(s->hits);
	memset(s, 0, sizeof(*s));
}

/* Does word (or expression) i match e's callback events or one of the
 * SDK names of its subcode? */
static int
event_or_name_matches(const struct search *s, size_t i,
    const struct acs_entry *e)
{
	if (*e->event != '\0' && text_matches(s, i, e->event))
		return 1;
	for (size_t j = 0; j < e->nnames; j++)
		if (text_matches(s, i, e->names[j]))
			return 1;
	return 0;
}

/* Does word i occur anywhere in e: its text, events, SDK names, table,
 * subcode's generic name, code or subcode? */
static int
entry_has_word(const struct search *s, size_t i, const struct acs_entry *e)
{
	if (message_matches(s, i, e) || advice_matches(s, i, e) ||
	    event_or_name_matches(s, i, e) ||
	    (s->named_categories[i] >> e->category & 1) ||
	    (s->named_tables[i] >> e->table & 1))
		return 1;
	if (e->has_subcode)
		for (const struct acs_entry **g = s->named[i]; *g != NULL; g++)
			if ((*g)->subcode == e->subcode)
				return 1;
	return number_matches(s, i, e);
}

enum search_rank
entry_rank(const struct search *s, const struct acs_entry *e)
{
	size_t i, in_message = 0;

	if (!entry_in_tables(e, s->tables))
		return RANK_NONE;
	for (i = 0; i < s->nwords; i++) {
		if (message_matches(s, i, e))
			in_message++;
		else if (!entry_has_word(s, i, e))
			return RANK_NONE;
	}
	if (in_message < s->nwords)
		return RANK_OTHER;
	if (s->regexes == NULL && contains_folded(e->folded_message, s->phrase))
		return RANK_PHRASE;
	return RANK_MESSAGE;
}

static uint64_t
sort_key(const struct acs_entry *e)
{
	uint64_t code = e->ncodes > 0 ? e->codes[0] + 1 : 0;
	uint64_t subcode = e->has_subcode ? (uint64_t)e->subcode + 1 : 0;

	return (uint64_t)e->table << 56 | code << 40 | subcode;
}

static int
compare_hits(const void *a, const void *b)
{
	const struct search_hit *x = a, *y = b;
	uint64_t kx, ky;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	kx = sort_key(x->entry);
	ky = sort_key(y->entry);
	if (kx != ky)
		return kx < ky ? -1 : 1;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/*
 * The entries matching the search, best first: by rank, then in table
 * order, then by code and subcode.
 */
size_t
search_entries(struct search *s, const struct acs_entry **out, size_t cap)
{
	size_t i, n = 0;
	enum search_rank r;

	for (i = 0; i < acs_nentries; i++)
		if ((r = entry_rank(s, &acs_entries[i])) != RANK_NONE) {
			s->hits[n].entry = &acs_entries[i];
			s->hits[n++].rank = r;
		}
	qsort(s->hits, n, sizeof(*s->hits), compare_hits);
	for (i = 0; i < n && i < cap; i++)
		out[i] = s->hits[i].entry;
	return n;
}

/* Does any entry of TABLES contain the (lowercase) word? */
int
search_word_hits(const char *word, uint64_t tables)
{
	char *words[1], err[16];
	struct search s;
	size_t errword;
	int found = 0;

	words[0] = (char *)word;
	if (search_init(&s, words, 1, 0, tables, err, sizeof(err),
	    &errword) != 0)
		return 1;	/* out of memory: suggest nothing */
	for (size_t i = 0; i < acs_nentries && !found; i++)
		found = entry_rank(&s, &acs_entries[i]) != RANK_NONE;
	for (size_t i = 0; i < acs_ntips && !found; i++)
		found = tip_matches(&s, &acs_tips[i]);
	search_free(&s);
	return found;
}

/* Does every word occur in the tip's title or text? */
int
tip_matches(const struct search *s, const struct acs_tip *t)
{
	for (size_t i = 0; i < s->nwords; i++)
		if (!text_matches(s, i, t->title) &&
		    !text_matches(s, i, t->text))
			return 0;
	return s->nwords > 0;
}

/* Does the tip apply to the entry, by its table, a code or its subcode? */
int
tip_applies(const struct acs_tip *t, const struct acs_entry *e)
{
	size_t i;

	if ((t->tables >> e->table) & 1)
		return 1;
	for (i = 0; i < t->ncodes; i++)
		if (entry_has_code(e, t->codes[i]))
			return 1;
	for (i = 0; i < t->nsubcodes; i++)
		if (e->has_subcode && e->subcode == t->subcodes[i])
			return 1;
	return 0;
}

/*
 * Does the search name one of the tip's trigger words: is the word in the
 * search's phrase, or, with -E, does every expression match it?
 */
int
tip_triggered(const struct acs_tip *t, const struct search *s)
{
	size_t i, j;

	for (i = 0; i < t->nwords; i++) {
		if (s->regexes == NULL) {
			char *w = lowercase_copy(t->words[i]);
			int hit = w != NULL && contains(s->phrase, w);

			free(w);
			if (hit)
				return 1;
			continue;
		}
		for (j = 0; j < s->nwords; j++)
			if (!text_matches(s, j, t->words[i]))
				break;
		if (j == s->nwords)
			return 1;
	}
	return 0;
}

/*
 * The tips to show after ENTRIES (and, if s is not NULL, after a search),
 * in the order of tips.csv, each once.
 */
size_t
tips_for(const struct acs_entry *const *entries, size_t n,
    const struct search *s, const struct acs_tip **out, size_t cap)
{
	const struct acs_tip *t;
	size_t i, j, count = 0;
	int want;

	for (i = 0; i < acs_ntips; i++) {
		t = &acs_tips[i];
		want = s != NULL && (tip_matches(s, t) || tip_triggered(t, s));
		for (j = 0; j < n && !want; j++)
			want = tip_applies(t, entries[j]);
		if (want) {
			if (count < cap)
				out[count] = t;
			count++;
		}
	}
	return count;
}

static int
is_word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

struct suggestion {
	const char *word;	/* lowercase */
	size_t len;
	char best[EDIT_MAX_LEN + 1];
	size_t best_distance;
};

/* Consider each word of text as a suggestion for sg->word. */
static void
suggest_from(struct suggestion *sg, const char *text)
{
	const unsigned char *p = (const unsigned char *)text, *start;
	char w[EDIT_MAX_LEN + 1];
	size_t len, d, i;

	while (*p != '\0') {
		while (*p != '\0' && !is_word_char(*p))
			p++;
		for (start = p; is_word_char(*p); p++)
			continue;
		len = (size_t)(p - start);
		if (len < 3 || len > EDIT_MAX_LEN)
			continue;
		for (i = 0; i < len; i++)
			w[i] = (char)fold(start[i]);
		w[len] = '\0';
		d = edit_distance(sg->word, sg->len, w, len,
		    sg->best_distance - 1);
		if (d > 0 && d < sg->best_distance) {
			sg->best_distance = d;
			memcpy(sg->best, w, len + 1);
		}
	}
}

/*
 * The word of the tables' vocabulary nearest to WORD, at most two edits
 * away, into buf; the first found wins a tie.  Return 0 if there is none.
 */
int
suggest_word(const char *word, char *buf, size_t size)
{
	struct suggestion sg;
	char *lower;
	size_t i;

	if ((lower = lowercase_copy(word)) == NULL)
		return 0;
	memset(&sg, 0, sizeof(sg));
	sg.word = lower;
	sg.len = strlen(lower);
	sg.best_distance = sg.len > 4 ? 3 : 2;
	for (i = 0; i < acs_nentries; i++) {
		suggest_from(&sg, acs_entries[i].message);
		suggest_from(&sg, acs_entries[i].advice);
	}
	for (i = 0; i < acs_ntips; i++) {
		suggest_from(&sg, acs_tips[i].title);
		suggest_from(&sg, acs_tips[i].text);
	}
	free(lower);
	if (sg.best[0] == '\0')
		return 0;
	snprintf(buf, size, "%s", sg.best);
	return 1;
}

/*
 * The tips to show after a search's entries v[0..n): those that apply to
 * the entries (unless the entries carry their own, as JSON objects do),
 * and those the search names (unless -t chose tables: tips are in none).
 */
size_t
search_tips(const struct search *s, const struct acs_entry *const *v,
    size_t n, int entries_carry_tips, const struct acs_tip **out, size_t cap)
{
	return tips_for(v, entries_carry_tips ? 0 : n, s->tables ==
	    ACS_ALL_TABLES ? s : NULL, out, cap);
}
