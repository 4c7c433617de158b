/*
 * The search core: entries and tips matching words or regular expressions,
 * ranked; the tips that apply to what was found; and "did you mean"
 * suggestions.  No I/O.
 */
#ifndef ACSDIAG_SEARCH_H
#define ACSDIAG_SEARCH_H

#include <regex.h>
#include <stddef.h>
#include <stdint.h>

#include "codes.h"

/* How well an entry matches, best first. */
enum search_rank {
	RANK_PHRASE,		/* the words, as one phrase, in the message */
	RANK_MESSAGE,		/* every word in the message */
	RANK_OTHER,		/* every word somewhere in the entry */
	RANK_NONE,		/* no match */
};

struct search_hit {
	const struct acs_entry *entry;
	enum search_rank rank;
};

struct search {
	char **words;		/* the words, lowercased */
	size_t nwords;
	char *phrase;		/* the words joined by single spaces */
	regex_t *regexes;	/* with -E: one compiled expression a word */
	const struct acs_entry ***named; /* per word: the generic subcodes
					  * whose name it matches, ending NULL */
	uint64_t *named_tables;	/* per word: the tables whose name or title
				 * it matches, bit i for acs_tables[i] */
	unsigned *named_categories; /* per word: bit c for category c */
	uint64_t tables;
	struct search_hit *hits;	/* scratch: acs_nentries of them */
};

int search_init(struct search *s, char *const *words, size_t nwords,
    int regex, uint64_t tables, char *errbuf, size_t errsize,
    size_t *errword);
void search_free(struct search *s);

enum search_rank entry_rank(const struct search *s,
    const struct acs_entry *e);
size_t search_entries(struct search *s, const struct acs_entry **out,
    size_t cap);
int search_word_hits(const char *word, uint64_t tables);

int tip_matches(const struct search *s, const struct acs_tip *t);
int tip_applies(const struct acs_tip *t, const struct acs_entry *e);
int tip_triggered(const struct acs_tip *t, const struct search *s);
size_t tips_for(const struct acs_entry *const *entries, size_t n,
    const struct search *s, const struct acs_tip **out, size_t cap);

size_t search_tips(const struct search *s, const struct acs_entry *const *v,
    size_t n, int entries_carry_tips, const struct acs_tip **out, size_t cap);
int suggest_word(const char *word, char *buf, size_t size);

#endif
