/*
 * Fuzz target: the decoder (gzip, UTF-16, the formats it cannot read)
 * and the scanner on what it gives.  The first byte chooses a chunk size
 * (1 to 256 bytes); the rest is a file.  Decoded in one piece, in chunks,
 * and, for a short file, cut in two at every byte, it must end the same
 * way and, if it ends well, give the same text; and the text scans as any
 * text does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "scan/decode.h"
#include "scan/scan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Most decoded bytes kept for comparison: a gzip bomb is cut there. */
#define OUT_MAX ((size_t)1 << 20)

struct out {
	char *p;
	size_t n;
	int full;
};

static int
collect(void *arg, const char *p, size_t n)
{
	struct out *o = arg;

	if (o->n + n > OUT_MAX) {
		o->full = 1;
		return -1;		/* said as no memory: it stops */
	}
	memcpy(o->p + o->n, p, n);
	o->n += n;
	return 0;
}

/* Decode data[0..size) cut at cut, then in chunks of chunk bytes. */
static enum decode_status
decode_cut(const uint8_t *data, size_t size, size_t cut, size_t chunk,
    struct out *o)
{
	struct decode d;
	enum decode_status st = DECODE_OK;
	size_t i, n;

	o->n = 0;
	o->full = 0;
	decode_init(&d, collect, o);
	if (cut > 0)
		st = decode_feed(&d, data, cut);
	for (i = cut; i < size && st == DECODE_OK; i += n) {
		n = size - i < chunk ? size - i : chunk;
		st = decode_feed(&d, data + i, n);
	}
	if (st == DECODE_OK)
		st = decode_finish(&d);
	decode_free(&d);
	return st;
}

/* Does decoding cut at cut, in chunks, end as st and give what whole
 * has? */
static int
same(const uint8_t *data, size_t size, size_t cut, size_t chunk,
    enum decode_status st, const struct out *whole, struct out *part)
{
	if (decode_cut(data, size, cut, chunk, part) != st)
		return 0;
	return st != DECODE_OK || (part->n == whole->n &&
	    memcmp(part->p, whole->p, whole->n) == 0);
}

static void
scan_text(const char *p, size_t n)
{
	static const struct scan_options opt = { .format = SCAN_AUTO };
	struct scan_tally t;
	struct scan_sink sink;

	scan_tally_init(&t);
	scan_tally_sink(&t, &sink);
	(void)scan_buffer(p, n, 4096, &opt, &sink);
	scan_tally_free(&t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct out whole, part;
	enum decode_status st;
	size_t chunk;

	if (size < 1)
		return 0;
	chunk = (size_t)data[0] + 1;
	data++;
	size--;
	whole.p = malloc(OUT_MAX);
	part.p = malloc(OUT_MAX);
	if (whole.p == NULL || part.p == NULL)
		abort();
	st = decode_cut(data, size, 0, size > 0 ? size : 1, &whole);
	if (!whole.full) {
		if (!same(data, size, 0, chunk, st, &whole, &part))
			abort();
		for (size_t cut = 1; size <= 256 && cut < size; cut++)
			if (!same(data, size, cut, size, st, &whole, &part))
				abort();
		if (st == DECODE_OK)
			scan_text(whole.p, whole.n);
	}
	free(whole.p);
	free(part.p);
	return 0;
}
