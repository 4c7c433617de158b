/*
 * The tally of a scan: how many times each code and subcode pair was
 * seen, in an open-addressing hash table that grows by doubling, capped
 * at SCAN_MAX_PAIRS distinct pairs.  No I/O.
 */
#include <stdlib.h>
#include <string.h>

#include "lookup.h"
#include "scan.h"

void
scan_tally_init(struct scan_tally *t)
{
	memset(t, 0, sizeof(*t));
}

void
scan_tally_free(struct scan_tally *t)
{
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static size_t
slot_of(const struct scan_tally *t, uint32_t code, uint32_t subcode)
{
	uint64_t h = ((uint64_t)code << 32 | subcode) *
	    UINT64_C(0x9e3779b97f4a7c15);
	size_t i = (size_t)(h >> 40) & (t->nslots - 1);

	while (t->slots[i].count != 0 && (t->slots[i].code != code ||
	    t->slots[i].subcode != subcode))
		i = (i + 1) & (t->nslots - 1);
	return i;
}

/* Grow the table to n slots (a power of two), rehashing. */
static int
grow(struct scan_tally *t, size_t n)
{
	struct scan_pair *old = t->slots;
	size_t oldn = t->nslots, i;

	if ((t->slots = calloc(n, sizeof(*t->slots))) == NULL) {
		t->slots = old;
		return -1;
	}
	t->nslots = n;
	for (i = 0; i < oldn; i++)
		if (old[i].count != 0)
			t->slots[slot_of(t, old[i].code, old[i].subcode)] =
			    old[i];
	free(old);
	return 0;
}

/*
 * Is the pair in a table as it is (not only through the generic
 * subcodes)?  There are a few hundred such pairs at most.
 */
static int
documented(uint32_t code, uint32_t subcode)
{
	if (subcode == SCAN_NO_SUBCODE)
		return code_entry(code, ACS_ALL_TABLES) != NULL;
	return lookup_pair_exact(code, subcode, ACS_ALL_TABLES, NULL, 0) > 0;
}

/*
 * Count n records of one pair.  Past SCAN_MAX_PAIRS distinct pairs, a new
 * pair that no table lists as it is is counted in stats.overflow; the
 * documented ones are always counted one by one.  Returns -1 if memory
 * ran out.
 */
int
scan_add(struct scan_tally *t, uint32_t code, uint32_t subcode, uint64_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	t->stats.records += n;
	if (t->nslots == 0 && grow(t, 64) != 0) {
		t->stats.out_of_memory = 1;
		return -1;
	}
	i = slot_of(t, code, subcode);
	if (t->slots[i].count == 0) {
		if (t->npairs >= SCAN_MAX_PAIRS && !documented(code, subcode)) {
			t->stats.overflow += n;
			return 0;
		}
		if (2 * (t->npairs + 1) > t->nslots) {
			if (grow(t, 2 * t->nslots) != 0) {
				t->stats.out_of_memory = 1;
				return -1;
			}
			i = slot_of(t, code, subcode);
		}
		t->slots[i].code = code;
		t->slots[i].subcode = subcode;
		t->npairs++;
	}
	t->slots[i].count += n;
	return 0;
}

/* Add the statistics of from to those of into. */
static void
merge_stats(struct scan_stats *into, const struct scan_stats *from)
{
	into->records += from->records;
	into->lines += from->lines;
	into->overflow += from->overflow;
	for (int k = 0; k < NSKIPS; k++)
		into->skipped[k] += from->skipped[k];
	into->out_of_memory |= from->out_of_memory;
}

/*
 * Add the counts and statistics of the tally from into the tally into
 * (the pairs of one file into those of all); from is left empty.  The
 * first pairs are taken as they are, so that none of them is lost to the
 * cap.  Returns -1 if memory ran out.
 */
int
scan_merge(struct scan_tally *into, struct scan_tally *from)
{
	struct scan_stats st = into->stats;

	if (into->nslots == 0) {
		*into = *from;
		merge_stats(&into->stats, &st);
		scan_tally_init(from);
		return 0;
	}
	for (size_t i = 0; i < from->nslots; i++)
		if (from->slots[i].count != 0 && scan_add(into,
		    from->slots[i].code, from->slots[i].subcode,
		    from->slots[i].count) != 0)
			return -1;
	/* the statistics count what from counted, once, and the pairs
	 * lumped past the cap here */
	st.overflow += into->stats.overflow - st.overflow;
	into->stats = st;
	merge_stats(&into->stats, &from->stats);
	scan_tally_free(from);
	scan_tally_init(from);
	return 0;
}

/* All the records skipped, whatever the reason. */
uint64_t
scan_skipped(const struct scan_stats *st)
{
	uint64_t n = 0;

	for (int k = 0; k < NSKIPS; k++)
		n += st->skipped[k];
	return n;
}

#define NAME(id, name, key) name,
#define KEY(id, name, key) key,
const char *const scan_skip_names[NSKIPS] = { SKIP_LIST(NAME) };
const char *const scan_skip_keys[NSKIPS] = { SKIP_LIST(KEY) };
#undef NAME
#undef KEY

/* The tally as a scan's sink. */
static void
tally_record(void *arg, const struct scan_record *r)
{
	for (size_t i = 0; i < r->nhits; i++)
		scan_add(arg, r->hits[i].code, r->hits[i].subcode, r->weight);
}

static void
tally_skip(void *arg, enum scan_skip why, uint64_t n)
{
	((struct scan_tally *)arg)->stats.skipped[why] += n;
}

static void
tally_lines(void *arg, uint64_t n)
{
	((struct scan_tally *)arg)->stats.lines += n;
}

void
scan_tally_sink(struct scan_tally *t, struct scan_sink *sink)
{
	sink->record = tally_record;
	sink->skip = tally_skip;
	sink->lines = tally_lines;
	sink->arg = t;
}

static int
by_count(const void *a, const void *b)
{
	const struct scan_pair *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	return (x->subcode > y->subcode) - (x->subcode < y->subcode);
}

/* Copy the pairs to out (room for t->npairs), most frequent first. */
size_t
scan_sorted(const struct scan_tally *t, struct scan_pair *out)
{
	size_t i, n = 0;

	for (i = 0; i < t->nslots; i++)
		if (t->slots[i].count != 0)
			out[n++] = t->slots[i];
	qsort(out, n, sizeof(*out), by_count);
	return n;
}
