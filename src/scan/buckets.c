/*
 * The values of a --by, numbered (see buckets.h): an array of values and
 * an open-addressing index over it that grows by doubling.
 */
#include <stdlib.h>
#include <string.h>

#include "buckets.h"
#include "core/utf8.h"

void
buckets_init(struct buckets *b)
{
	memset(b, 0, sizeof(*b));
	b->n = BUCKET_FIRST;
}

void
buckets_free(struct buckets *b)
{
	for (uint32_t i = BUCKET_FIRST; i < b->n; i++)
		free(b->v[i].text);
	free(b->v);
	free(b->slots);
	buckets_init(b);
}

/* FNV-1a of a value: its text, or its time's bytes. */
static uint64_t
hash_of(int64_t time, const char *s, size_t len)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	unsigned char t[8];

	if (s == NULL) {
		for (int i = 0; i < 8; i++)
			t[i] = (unsigned char)((uint64_t)time >> (8 * i));
		s = (const char *)t;
		len = sizeof(t);
	}
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * UINT64_C(0x100000001b3);
	return h;
}

static int
same(const struct bucket *v, int64_t time, const char *s, size_t len)
{
	if (s == NULL)
		return v->text == NULL && v->time == time;
	return v->text != NULL && v->len == len && memcmp(v->text, s, len) == 0;
}

/* The slot of a value in the index: its number's, or an empty one. */
static size_t
slot_of(const struct buckets *b, int64_t time, const char *s, size_t len)
{
	size_t i = (size_t)(hash_of(time, s, len) >> 20) & (b->nslots - 1);

	while (b->slots[i] != 0 && !same(&b->v[b->slots[i]], time, s, len))
		i = (i + 1) & (b->nslots - 1);
	return i;
}

/* Make room for one more value.  Returns -1 if memory ran out. */
static int
room(struct buckets *b)
{
	if (b->n >= b->cap) {
		uint32_t cap = b->cap > 0 ? 2 * b->cap : 16;
		struct bucket *v = realloc(b->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		b->v = v;
		b->cap = cap;
	}
	if (2 * (size_t)b->n >= b->nslots) {
		size_t n = b->nslots > 0 ? 2 * b->nslots : 32;
		uint32_t *old = b->slots;

		if ((b->slots = calloc(n, sizeof(*b->slots))) == NULL) {
			b->slots = old;
			return -1;
		}
		b->nslots = n;
		for (uint32_t i = BUCKET_FIRST; i < b->n; i++)
			b->slots[slot_of(b, b->v[i].time, b->v[i].text,
			    b->v[i].len)] = i;
		free(old);
	}
	return 0;
}

/* The number of a value, a new one if need be (BUCKET_OTHER past
 * BUCKET_MAX).  Returns -1 if memory ran out. */
static int
bucket_of(struct buckets *b, int64_t time, const char *s, size_t len,
    uint32_t *id)
{
	size_t i;
	struct bucket *v;

	if (b->nslots > 0 && b->slots[i = slot_of(b, time, s, len)] != 0) {
		*id = b->slots[i];
		return 0;
	}
	if (b->n - BUCKET_FIRST >= BUCKET_MAX) {
		*id = BUCKET_OTHER;
		return 0;
	}
	if (room(b) != 0)
		return -1;
	v = &b->v[b->n];
	v->time = time;
	v->text = NULL;
	v->len = len;
	if (s != NULL) {
		if ((v->text = malloc(len + 1)) == NULL)
			return -1;
		memcpy(v->text, s, len);
		v->text[len] = '\0';
	}
	b->slots[slot_of(b, time, s, len)] = b->n;
	*id = b->n++;
	return 0;
}

int
bucket_of_time(struct buckets *b, int64_t start, uint32_t *id)
{
	return bucket_of(b, start, NULL, 0, id);
}

/*
 * A field's value as it can be printed, into out (room for 3 * len
 * bytes): blanks (tab, CR, LF) become spaces, other control characters
 * and bytes that are not UTF-8 U+FFFD; a character cut short at the end
 * (the value was cut) is dropped.  Returns its length.
 */
static size_t
clean_text(const char *s, size_t len, char *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0, i = 0;
	int k;

	while (i < len) {
		if ((k = utf8_sequence(p + i, len - i)) < 0)
			break;
		if (k == 0 || (k == 1 && (p[i] < 0x20 || p[i] == 0x7f) &&
		    p[i] != '\t' && p[i] != '\n' && p[i] != '\r')) {
			out[n++] = (char)0xef;	/* U+FFFD */
			out[n++] = (char)0xbf;
			out[n++] = (char)0xbd;
			i++;
			continue;
		}
		if (k == 1 && p[i] < 0x20)
			out[n++] = ' ';
		else {
			memcpy(out + n, p + i, (size_t)k);
			n += (size_t)k;
		}
		i += (size_t)k;
	}
	return n;
}

int
bucket_of_text(struct buckets *b, const char *s, size_t len, uint32_t *id)
{
	char clean[3 * BUCKET_TEXT_MAX];

	if (len > BUCKET_TEXT_MAX)
		len = BUCKET_TEXT_MAX;
	return bucket_of(b, 0, clean, clean_text(s, len, clean), id);
}

/* The number in into of value id of from (as merging tallies needs). */
int
bucket_copy(struct buckets *into, const struct buckets *from, uint32_t id,
    uint32_t *out)
{
	const struct bucket *v;

	if (id < BUCKET_FIRST) {
		*out = id;
		return 0;
	}
	v = &from->v[id];
	return bucket_of(into, v->time, v->text, v->len, out);
}
