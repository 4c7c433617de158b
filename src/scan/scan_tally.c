/*
 * The tally of a scan: how many times each code and subcode pair was
 * seen, in each bucket of the --by options, in an open-addressing hash
 * table that grows by doubling, capped at SCAN_MAX_PAIRS distinct
 * entries; records outside a time window are counted apart.  No I/O.
 */
#include <stdlib.h>
#include <string.h>

#include "core/lookup.h"
#include "scan.h"
#include "core/timeparse.h"

void
scan_tally_init(struct scan_tally *t)
{
	memset(t, 0, sizeof(*t));
	for (int d = 0; d < SCAN_MAX_DIMS; d++)
		buckets_init(&t->buckets[d]);
}

/* Count by the --by options of v, in its window (v NULL: by pair). */
void
scan_tally_view(struct scan_tally *t, const struct scan_view *v)
{
	t->view = v;
}

/* Free the memory of t, left empty as scan_tally_init leaves it. */
void
scan_tally_free(struct scan_tally *t)
{
	free(t->slots);
	free(t->known);
	for (int d = 0; d < SCAN_MAX_DIMS; d++)
		buckets_free(&t->buckets[d]);
	scan_tally_init(t);
}

static int
same_key(const struct scan_pair *a, const struct scan_pair *b)
{
	return a->code == b->code && a->subcode == b->subcode &&
	    memcmp(a->bucket, b->bucket, sizeof(a->bucket)) == 0;
}

/*
 * Where a key k starts its probe in a table of n slots (a power of two),
 * for both tables here: Fibonacci hashing, whose high bits are the best
 * mixed.
 */
static size_t
first_slot(uint64_t k, size_t n)
{
	return (size_t)((k * UINT64_C(0x9e3779b97f4a7c15)) >> 40) & (n - 1);
}

/* The hash mixes in the buckets of two dimensions. */
_Static_assert(SCAN_MAX_DIMS == 2, "slot_of hashes two buckets");

static size_t
slot_of(const struct scan_tally *t, const struct scan_pair *p)
{
	size_t i = first_slot(((uint64_t)p->code << 32 | p->subcode) ^
	    ((uint64_t)p->bucket[0] << 40 | (uint64_t)p->bucket[1] << 8),
	    t->nslots);

	while (t->slots[i].count != 0 && !same_key(&t->slots[i], p))
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
			t->slots[slot_of(t, &old[i])] = old[i];
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

/* The slot of key in the set of known pairs. */
static size_t
known_slot(const struct scan_tally *t, uint64_t key)
{
	size_t i = first_slot(key, t->nknown_slots);

	while (t->known[i] != 0 && t->known[i] != key)
		i = (i + 1) & (t->nknown_slots - 1);
	return i;
}

/* Add a pair to the set of known pairs.  Returns -1 if memory ran out. */
static int
know(struct scan_tally *t, uint64_t key)
{
	if (2 * (t->nknown + 1) > t->nknown_slots) {
		uint64_t *old = t->known;
		size_t n = t->nknown_slots, m = n > 0 ? 2 * n : 64;

		if ((t->known = calloc(m, sizeof(*t->known))) == NULL) {
			t->known = old;
			return -1;
		}
		t->nknown_slots = m;
		for (size_t i = 0; i < n; i++)
			if (old[i] != 0)
				t->known[known_slot(t, old[i])] = old[i];
		free(old);
	}
	t->known[known_slot(t, key)] = key;
	t->nknown++;
	return 0;
}

/*
 * May a new entry for pair p be counted one by one?  Past SCAN_MAX_PAIRS
 * distinct pairs, a new pair is not, unless a table lists it as it is
 * (up to SCAN_HARD_MAX); with --by, an entry of a pair already counted
 * is, up to SCAN_MAX_ENTRIES entries.  Returns 1, 0, or -1 if memory ran
 * out.
 */
static int
room_for(struct scan_tally *t, const struct scan_pair *p)
{
	int by = t->view != NULL && t->view->ndims > 0;
	uint64_t key = ((uint64_t)p->code << 32 | p->subcode) + 1;
	size_t distinct = by ? t->nknown : t->npairs;

	if (by && t->nknown_slots > 0 && t->known[known_slot(t, key)] != 0) {
		if (t->npairs < SCAN_MAX_ENTRIES)
			return 1;
		t->stats.new_entries += p->count;
		return 0;
	}
	if (distinct >= SCAN_MAX_PAIRS && (distinct >= SCAN_HARD_MAX ||
	    !documented(p->code, p->subcode))) {
		t->stats.new_pairs += p->count;
		return 0;
	}
	if (by && t->npairs >= SCAN_MAX_ENTRIES) {
		t->stats.new_entries += p->count;
		return 0;
	}
	return by ? (know(t, key) == 0 ? 1 : -1) : 1;
}

/* a + b, or UINT64_MAX if it does not fit. */
static uint64_t
sat_add(uint64_t a, uint64_t b)
{
	return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

/*
 * Count p->count records of one pair in one bucket; past the caps (see
 * room_for), in stats.overflow.  Returns -1 if memory ran out.
 */
int
scan_add(struct scan_tally *t, const struct scan_pair *p)
{
	size_t i;
	int room;

	if (p->count == 0)
		return 0;
	t->stats.records = sat_add(t->stats.records, p->count);
	if (t->nslots == 0 && grow(t, 64) != 0) {
		t->stats.out_of_memory = 1;
		return -1;
	}
	i = slot_of(t, p);
	if (t->slots[i].count == 0) {
		if ((room = room_for(t, p)) <= 0) {
			if (room < 0) {
				t->stats.out_of_memory = 1;
				return -1;
			}
			t->stats.overflow = sat_add(t->stats.overflow,
			    p->count);
			return 0;
		}
		if (2 * (t->npairs + 1) > t->nslots) {
			if (grow(t, 2 * t->nslots) != 0) {
				t->stats.out_of_memory = 1;
				return -1;
			}
			i = slot_of(t, p);
		}
		t->slots[i] = *p;
		t->slots[i].count = 0;
		t->npairs++;
	}
	t->slots[i].count = sat_add(t->slots[i].count, p->count);
	return 0;
}

/* Add the statistics of from to those of into. */
static void
merge_stats(struct scan_stats *into, const struct scan_stats *from)
{
	into->records = sat_add(into->records, from->records);
	into->lines = sat_add(into->lines, from->lines);
	into->overflow = sat_add(into->overflow, from->overflow);
	into->new_pairs = sat_add(into->new_pairs, from->new_pairs);
	into->new_entries = sat_add(into->new_entries, from->new_entries);
	into->outside = sat_add(into->outside, from->outside);
	into->untimed = sat_add(into->untimed, from->untimed);
	into->lumped = sat_add(into->lumped, from->lumped);
	for (int k = 0; k < NSKIPS; k++)
		into->skipped[k] += from->skipped[k];
	into->out_of_memory |= from->out_of_memory;
}

/* The numbers in into of the values of from, dimension by dimension, in
 * the order from met them (so that, past the cap, the values lumped
 * together are the later ones).  NULL if memory ran out. */
static uint32_t *
remap(struct scan_tally *into, const struct scan_tally *from, int d)
{
	const struct buckets *b = &from->buckets[d];
	uint32_t *map = malloc((b->n > 0 ? b->n : 1) * sizeof(*map));

	if (map == NULL)
		return NULL;
	for (uint32_t id = 0; id < b->n; id++)
		if (bucket_copy(&into->buckets[d], b, id, &map[id]) != 0) {
			free(map);
			return NULL;
		}
	return map;
}

/* Add the entries of from to into, their buckets renumbered. */
static int
merge_entries(struct scan_tally *into, const struct scan_tally *from)
{
	uint32_t *map[SCAN_MAX_DIMS] = { NULL };
	int rc = 0;

	for (int d = 0; d < SCAN_MAX_DIMS && rc == 0; d++)
		if ((map[d] = remap(into, from, d)) == NULL)
			rc = -1;
	for (size_t i = 0; i < from->nslots && rc == 0; i++) {
		struct scan_pair p = from->slots[i];
		int lumped = 0;

		if (p.count == 0)
			continue;
		for (int d = 0; d < SCAN_MAX_DIMS; d++) {
			p.bucket[d] = map[d][from->slots[i].bucket[d]];
			lumped |= p.bucket[d] == BUCKET_OTHER &&
			    from->slots[i].bucket[d] != BUCKET_OTHER;
		}
		if (lumped)
			into->stats.lumped = sat_add(into->stats.lumped,
			    p.count);
		rc = scan_add(into, &p);
	}
	for (int d = 0; d < SCAN_MAX_DIMS; d++)
		free(map[d]);
	return rc;
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
		const struct scan_view *v = into->view;

		scan_tally_free(into);
		*into = *from;
		into->view = v;
		merge_stats(&into->stats, &st);
		scan_tally_init(from);
		return 0;
	}
	if (merge_entries(into, from) != 0)
		return -1;
	/* the statistics count what from counted, once, and what merging
	 * counted together here */
	st.overflow = into->stats.overflow;
	st.new_pairs = into->stats.new_pairs;
	st.new_entries = into->stats.new_entries;
	st.lumped = into->stats.lumped;
	into->stats = st;
	merge_stats(&into->stats, &from->stats);
	scan_tally_free(from);
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

/* The bucket of record r by dim: -1 if memory ran out. */
static int
bucket_by(struct scan_tally *t, int d, const struct scan_record *r,
    uint32_t *id)
{
	const struct scan_dim *dim = &t->view->dims[d];
	int64_t unit = dim->kind == DIM_HOUR ? MS_PER_HOUR : MS_PER_DAY;
	const struct scan_field *f;

	*id = BUCKET_NONE;
	if (dim->kind != DIM_FIELD) {
		if (!r->has_time)
			return 0;
		/* the start of its hour or day, rounding down */
		return bucket_of_time(&t->buckets[d], time_floor(r->time,
		    unit), id);
	}
	f = &r->fields[dim->field];
	if (f->value == NULL)
		return 0;
	return bucket_of_text(&t->buckets[d], f->value, f->len, id);
}

/* A pair's buckets start zeroed: none, past the dimensions of --by. */
_Static_assert(BUCKET_NONE == 0, "BUCKET_NONE is zero");

/* The tally as a scan's sink: a record's pairs, in its buckets if it is
 * in the window. */
static void
tally_record(void *arg, const struct scan_record *r)
{
	struct scan_tally *t = arg;
	const struct scan_view *v = t->view;
	struct scan_pair p = { .count = r->weight };
	uint64_t n = r->weight * r->nhits;

	if (v != NULL && (v->has_since || v->has_until)) {
		if (!r->has_time) {
			t->stats.untimed += n;
			return;
		}
		if ((v->has_since && r->time < v->since) ||
		    (v->has_until && r->time >= v->until)) {
			t->stats.outside += n;
			return;
		}
	}
	for (int d = 0; v != NULL && d < v->ndims; d++) {
		if (bucket_by(t, d, r, &p.bucket[d]) != 0) {
			t->stats.out_of_memory = 1;
			return;
		}
		if (p.bucket[d] == BUCKET_OTHER)
			t->stats.lumped += n;
	}
	for (size_t i = 0; i < r->nhits; i++) {
		p.code = r->hits[i].code;
		p.subcode = r->hits[i].subcode;
		scan_add(t, &p);
	}
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
