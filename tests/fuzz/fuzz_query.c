/*
 * Fuzz target: reading a query (every input form: numbers, key=value,
 * JSON) as acsdiag reads its operands and the lines of '-'.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct query q;
	char *text, err[256];

	if ((text = malloc(size + 1)) == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (parse_query(text, &q, err, sizeof(err)) != 0 &&
	    memchr(err, '\0', sizeof(err)) == NULL)
		abort();	/* an error message is always a string */
	free(text);
	return 0;
}
