/*
 * Fuzz target: the log scanner.  The first byte chooses the chunk size
 * (1 to 256 bytes), the second the format (auto, CSV, mixed), whether a
 * count column is named and whether times and fields are read (both: by
 * day and field in a window); the rest is the input.  Whatever the chunks,
 * the counts must not depend on them: the input is scanned whole too, and
 * every count compared.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* --by day --by SdkVersion in [2026-11-26, 2026-11-28) */
static const struct scan_view view = {
	{ { DIM_DAY, 0, "day" }, { DIM_FIELD, 0, "SdkVersion" } }, 2,
	INT64_C(20783) * 86400000, INT64_C(20785) * 86400000, 1, 1,
};

static int
scan_into(const uint8_t *data, size_t size, size_t chunk,
    const struct scan_options *o, struct scan_tally *t)
{
	struct scan_sink sink;

	scan_tally_init(t);
	if (o->want_time && o->nfields > 0)
		scan_tally_view(t, &view);
	scan_tally_sink(t, &sink);
	return scan_buffer((const char *)data, size, chunk, o, &sink);
}

static int
same(const struct scan_tally *a, const struct scan_tally *b)
{
	struct scan_pair *pa, *pb;
	size_t na, nb;
	int eq;

	if (a->npairs != b->npairs || a->stats.records != b->stats.records ||
	    a->stats.lines != b->stats.lines ||
	    a->stats.overflow != b->stats.overflow ||
	    a->stats.outside != b->stats.outside ||
	    a->stats.untimed != b->stats.untimed ||
	    memcmp(a->stats.skipped, b->stats.skipped,
	    sizeof(a->stats.skipped)) != 0)
		return 0;
	pa = malloc((a->npairs + 1) * sizeof(*pa));
	pb = malloc((b->npairs + 1) * sizeof(*pb));
	if (pa == NULL || pb == NULL)
		abort();
	na = scan_sorted(a, pa);
	nb = scan_sorted(b, pb);
	eq = na == nb && memcmp(pa, pb, na * sizeof(*pa)) == 0;
	free(pa);
	free(pb);
	return eq;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const enum scan_format formats[] = {
		SCAN_AUTO, SCAN_CSV, SCAN_MIXED,
	};
	struct scan_tally whole, part;
	struct scan_options o;
	size_t chunk;

	if (size < 2)
		return 0;
	chunk = (size_t)data[0] + 1;
	memset(&o, 0, sizeof(o));
	o.format = formats[data[1] % 3];
	o.count_field = data[1] & 4 ? "n" : NULL;
	/* the time and two fields of --by */
	o.want_time = (data[1] & 8) != 0;
	if (data[1] & 16) {
		o.fields[0] = "SdkVersion";
		o.fields[1] = "version";
		o.nfields = 2;
	}
	data += 2;
	size -= 2;
	if (scan_into(data, size, size > 0 ? size : 1, &o, &whole) == 0 &&
	    scan_into(data, size, chunk, &o, &part) == 0 &&
	    !same(&whole, &part))
		abort();
	scan_tally_free(&whole);
	scan_tally_free(&part);
	return 0;
}
