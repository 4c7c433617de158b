/*
 * The distinct values of one --by of a scan, each given a small number:
 * the start of a time bucket (an hour or a day) or the text of a field.
 * Bounded: past BUCKET_MAX values, new ones are counted together as
 * BUCKET_OTHER.  A field's text is kept printable: valid UTF-8, no
 * control characters.  No I/O.
 */
#ifndef ACSDIAG_BUCKETS_H
#define ACSDIAG_BUCKETS_H

#include <stddef.h>
#include <stdint.h>

#define BUCKET_NONE 0		/* no time, or no such field */
#define BUCKET_OTHER 1		/* values past BUCKET_MAX */
#define BUCKET_FIRST 2		/* the first value's number */
#define BUCKET_MAX 4096		/* distinct values kept */
#define BUCKET_TEXT_MAX 128	/* bytes of a field's value kept */

struct bucket {
	int64_t time;		/* a time bucket's start, in ms */
	char *text;		/* a field's value (NUL-terminated), or NULL */
	size_t len;
};

struct buckets {
	struct bucket *v;	/* [0..n), v[0] and v[1] unused */
	uint32_t n, cap;
	uint32_t *slots;	/* open addressing: numbers, 0 empty */
	size_t nslots;
};

void buckets_init(struct buckets *b);
void buckets_free(struct buckets *b);
int bucket_of_time(struct buckets *b, int64_t start, uint32_t *id);
int bucket_of_text(struct buckets *b, const char *s, size_t len,
    uint32_t *id);
int bucket_copy(struct buckets *into, const struct buckets *from,
    uint32_t id, uint32_t *out);

#endif
