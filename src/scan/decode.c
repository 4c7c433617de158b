/*
 * Decoding log files as they stream (see decode.h).  Two looks: the first
 * bytes of the file tell gzip (inflated with zlib, member after member)
 * from the compressed formats it cannot read; the first bytes of what
 * that gives tell UTF-16 (a byte order mark: converted to UTF-8, a lone
 * surrogate becoming U+FFFD) from binary data (a NUL byte among the first
 * DECODE_SNIFF bytes) and text, passed on as it is.  Any chunking of the
 * input gives the same output.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "core/utf8.h"

#define ZOUT_SIZE ((size_t)128 * 1024)
#define UOUT_SIZE ((size_t)64 * 1024)
#define MAGIC_MAX 6		/* the longest magic looked for */

static const struct {
	const char *what, *todo;
} kinds[] = {
#define X(id, what, todo) { what, todo },
	INPUT_KIND_LIST(X)
#undef X
};

const char *
input_kind_what(enum input_kind k)
{
	return kinds[k].what;
}

/* What to do with a file of kind k, "FILE" standing for its name; NULL
 * if nothing helps. */
const char *
input_kind_todo(enum input_kind k)
{
	return kinds[k].todo;
}

void
decode_init(struct decode *d, decode_out_fn *out, void *arg)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
	d->arg = arg;
}

void
decode_free(struct decode *d)
{
	if (d->gzip)
		inflateEnd(&d->z);
	free(d->zout);
	free(d->uout);
	d->zout = NULL;
	d->uout = NULL;
	d->gzip = 0;
}

/* What the first bytes p[0..n) of a file say it is. */
static enum input_kind
magic(const unsigned char *p, size_t n)
{
	static const struct {
		const char *bytes;
		size_t len;
		enum input_kind kind;
	} m[] = {
		{ "\x1f\x8b", 2, INPUT_GZIP },
		{ "PK\x03\x04", 4, INPUT_ZIP },
		{ "BZh", 3, INPUT_BZIP2 },
		{ "\xfd" "7zXZ\0", 6, INPUT_XZ },
		{ "\x28\xb5\x2f\xfd", 4, INPUT_ZSTD },
	};

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
		if (n >= m[i].len && memcmp(p, m[i].bytes, m[i].len) == 0)
			return m[i].kind;
	return INPUT_TEXT;
}

/* Append the UTF-8 of code point c to the UTF-16 output, passing it on
 * when full. */
static int
put_utf8(struct decode *d, size_t *n, unsigned long c)
{
	if (*n + 4 > UOUT_SIZE) {
		if (d->out(d->arg, d->uout, *n) != 0)
			return -1;
		*n = 0;
	}
	*n += utf8_encode(c, (unsigned char *)d->uout + *n);
	return 0;
}

/* One UTF-16 unit u: a surrogate pair becomes one code point. */
static int
utf16_unit(struct decode *d, size_t *n, unsigned u)
{
	if (d->hi != 0) {
		unsigned hi = d->hi;

		d->hi = 0;
		if (u >= 0xdc00 && u <= 0xdfff)
			return put_utf8(d, n, 0x10000 + ((unsigned long)(hi -
			    0xd800) << 10) + (u - 0xdc00));
		if (put_utf8(d, n, 0xfffd) != 0)
			return -1;
	}
	if (u >= 0xd800 && u <= 0xdbff) {
		d->hi = u;
		return 0;
	}
	return put_utf8(d, n, u >= 0xdc00 && u <= 0xdfff ? 0xfffd : u);
}

/* Convert UTF-16 p[0..len) to UTF-8 and pass it on. */
static int
utf16_feed(struct decode *d, const unsigned char *p, size_t len)
{
	size_t n = 0, i = 0;
	unsigned char a, b;

	if (d->uout == NULL && (d->uout = malloc(UOUT_SIZE)) == NULL)
		return -1;
	while (i < len) {
		if (d->have_odd) {
			a = d->odd;
			d->have_odd = 0;
		} else if (i + 1 < len)
			a = p[i++];
		else {
			d->odd = p[i++];
			d->have_odd = 1;
			break;
		}
		b = p[i++];
		if (utf16_unit(d, &n, d->utf16 == 1 ? (unsigned)(b << 8 | a) :
		    (unsigned)(a << 8 | b)) != 0)
			return -1;
	}
	return n > 0 ? d->out(d->arg, d->uout, n) : 0;
}

/* Pass decoded text on: converted from UTF-16, or as it is. */
static int
text_out(struct decode *d, const unsigned char *p, size_t n)
{
	if (n == 0)
		return 0;
	if (d->utf16)
		return utf16_feed(d, p, n);
	return d->out(d->arg, (const char *)p, n);
}

/*
 * The first decoded bytes, held until DECODE_SNIFF of them (or the end,
 * force set) tell what they are: UTF-16 by its byte order mark, binary
 * data by a NUL byte, else text.
 */
static enum decode_status
sniff_text(struct decode *d, int force)
{
	const unsigned char *t = d->text;
	size_t n = d->ntext, skip = 0;

	if (!force && n < DECODE_SNIFF)
		return DECODE_OK;
	d->text_sniffed = 1;
	if (n >= 2 && t[0] == 0xff && t[1] == 0xfe) {
		d->utf16 = 1;
		skip = 2;
	} else if (n >= 2 && t[0] == 0xfe && t[1] == 0xff) {
		d->utf16 = 2;
		skip = 2;
	} else if (memchr(t, '\0', n) != NULL) {
		d->kind = INPUT_BINARY;
		return DECODE_UNREADABLE;
	}
	if (d->utf16 && d->kind == INPUT_TEXT)
		d->kind = d->utf16 == 1 ? INPUT_UTF16LE : INPUT_UTF16BE;
	return text_out(d, t + skip, n - skip) != 0 ? DECODE_NOMEM : DECODE_OK;
}

/* Hold up to cap bytes of p[0..n) in buf, which has *have: returns how
 * many it took. */
static size_t
hold(unsigned char *buf, size_t *have, size_t cap, const unsigned char *p,
    size_t n)
{
	size_t take = cap - *have < n ? cap - *have : n;

	memcpy(buf + *have, p, take);
	*have += take;
	return take;
}

/* Decoded bytes p[0..n): held at first, then passed on. */
static enum decode_status
decoded(struct decode *d, const unsigned char *p, size_t n)
{
	size_t take;
	enum decode_status st;

	if (!d->text_sniffed) {
		take = hold(d->text, &d->ntext, DECODE_SNIFF, p, n);
		if ((st = sniff_text(d, 0)) != DECODE_OK || !d->text_sniffed)
			return st;
		p += take;
		n -= take;
	}
	return text_out(d, p, n) != 0 ? DECODE_NOMEM : DECODE_OK;
}

/* Inflate gzip p[0..n), member after member. */
static enum decode_status
inflate_feed(struct decode *d, const unsigned char *p, size_t n)
{
	enum decode_status st;
	int rc;

	if (d->gzip == 3)
		return DECODE_OK;	/* trailing garbage, passed over */
	d->z.next_in = (unsigned char *)(uintptr_t)p;
	d->z.avail_in = (uInt)n;
	while (d->z.avail_in > 0) {
		d->z.next_out = d->zout;
		d->z.avail_out = (uInt)ZOUT_SIZE;
		rc = inflate(&d->z, Z_NO_FLUSH);
		if (rc == Z_DATA_ERROR && d->members > 0 &&
		    d->z.total_out == 0) {
			/* not a member after one: ignored, as gzip does */
			d->trailing = 1;
			d->gzip = 3;
			return DECODE_OK;
		}
		if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
			d->error = d->z.msg != NULL ? d->z.msg :
			    "invalid compressed data";
			if (rc == Z_MEM_ERROR)
				return DECODE_NOMEM;
			/* what was inflated before the error, in this call
			 * too, goes on all the same */
			st = decoded(d, d->zout, ZOUT_SIZE - d->z.avail_out);
			if (st == DECODE_OK && !d->text_sniffed)
				st = sniff_text(d, 1);
			return st != DECODE_OK ? st : DECODE_CORRUPT;
		}
		if ((st = decoded(d, d->zout, ZOUT_SIZE - d->z.avail_out)) !=
		    DECODE_OK)
			return st;
		if (rc == Z_STREAM_END && inflateReset(&d->z) != Z_OK)
			return DECODE_NOMEM;
		if (rc == Z_STREAM_END)
			d->members++;
		/* 2: between members; 1: within one */
		d->gzip = rc == Z_STREAM_END ? 2 : 1;
		if (rc == Z_BUF_ERROR)
			break;		/* no progress: it needs more input */
	}
	return DECODE_OK;
}

/* The first bytes of the file tell its format: set it up. */
static enum decode_status
sniff_file(struct decode *d)
{
	d->sniffed = 1;
	d->kind = magic(d->head, d->nhead);
	if (d->kind != INPUT_TEXT && d->kind != INPUT_GZIP)
		return DECODE_UNREADABLE;
	if (d->kind == INPUT_GZIP) {
		if ((d->zout = malloc(ZOUT_SIZE)) == NULL ||
		    inflateInit2(&d->z, 15 + 16) != Z_OK)
			return DECODE_NOMEM;
		d->gzip = 1;
		return inflate_feed(d, d->head, d->nhead);
	}
	return decoded(d, d->head, d->nhead);
}

/* The next n bytes of the file. */
enum decode_status
decode_feed(struct decode *d, const unsigned char *p, size_t n)
{
	size_t take;
	enum decode_status st;

	if (!d->sniffed) {
		take = hold(d->head, &d->nhead, MAGIC_MAX, p, n);
		if (d->nhead < MAGIC_MAX)
			return DECODE_OK;
		if ((st = sniff_file(d)) != DECODE_OK)
			return st;
		p += take;
		n -= take;
	}
	if (n == 0)
		return DECODE_OK;
	return d->gzip ? inflate_feed(d, p, n) : decoded(d, p, n);
}

/*
 * The end of the file: what was held is looked at and passed on; a gzip
 * member cut short is corrupt data.
 */
enum decode_status
decode_finish(struct decode *d)
{
	enum decode_status st;

	if (!d->sniffed && (st = sniff_file(d)) != DECODE_OK)
		return st;
	if (d->gzip == 1 && d->z.total_in > 0) {
		d->error = "compressed data cut short";
		/* what was inflated before goes on all the same */
		st = d->text_sniffed ? DECODE_OK : sniff_text(d, 1);
		return st != DECODE_OK ? st : DECODE_CORRUPT;
	}
	if (!d->text_sniffed && (st = sniff_text(d, 1)) != DECODE_OK)
		return st;
	if (d->utf16 && (d->hi != 0 || d->have_odd)) {
		size_t n = 0;

		/* a lone high surrogate, or half a unit: U+FFFD */
		d->hi = 0;
		d->have_odd = 0;
		if (put_utf8(d, &n, 0xfffd) != 0 ||
		    d->out(d->arg, d->uout, n) != 0)
			return DECODE_NOMEM;
	}
	return DECODE_OK;
}
