/*
 * Fuzz target: the log scanner.  The first byte chooses the chunk size
 * (1 to 256 bytes) and the second the format (auto, JSON, CSV, text);
 * the rest is the input.  Whatever the chunks, the counts must not
 * depend on them: the input is scanned whole too, and compared.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_tally whole, part;
	size_t chunk;
	enum scan_format f;

	if (size < 2)
		return 0;
	chunk = (size_t)data[0] + 1;
	f = (enum scan_format)(data[1] % 4);
	data += 2;
	size -= 2;
	scan_tally_init(&whole);
	scan_tally_init(&part);
	if (scan_buffer((const char *)data, size, size > 0 ? size : 1, f,
	    &whole) == 0 && scan_buffer((const char *)data, size, chunk, f,
	    &part) == 0 && (whole.stats.records != part.stats.records ||
	    whole.stats.skipped != part.stats.skipped ||
	    whole.stats.lines != part.stats.lines ||
	    whole.npairs != part.npairs))
		abort();
	scan_tally_free(&whole);
	scan_tally_free(&part);
	return 0;
}
