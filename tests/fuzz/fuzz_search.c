/*
 * Fuzz target: search.  The first byte chooses words or regular
 * expressions; the rest is up to 8 words, one a line.  Each word that
 * finds nothing also gets a suggestion, as acsdiag asks for one.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/lookup.h"
#include "core/search.h"

#define MAX_WORDS 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct acs_entry **v;
	const struct acs_tip *tips[16];
	char *text, *words[MAX_WORDS], *p, err[256], word[EDIT_MAX_LEN + 1];
	struct search s;
	size_t n = 0, bad;
	int regex;

	if (size == 0)
		return 0;
	regex = data[0] & 1;
	if ((text = malloc(size)) == NULL)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	for (p = text; n < MAX_WORDS; ) {
		words[n++] = p;
		if ((p = strchr(p, '\n')) == NULL)
			break;
		*p++ = '\0';
	}
	if ((v = calloc(acs_nentries, sizeof(*v))) != NULL &&
	    search_init(&s, words, n, regex, ACS_ALL_TABLES, err, sizeof(err),
	    &bad) == 0) {
		size_t hits = search_entries(&s, v, acs_nentries);

		if (hits > acs_nentries)
			abort();
		tips_for(v, hits, &s, tips, 16);
		for (size_t i = 0; i < s.nwords && !regex; i++)
			if (!search_word_hits(s.words[i], ACS_ALL_TABLES))
				suggest_word(words[i], word, sizeof(word));
		search_free(&s);
	}
	free(v);
	free(text);
	return 0;
}
