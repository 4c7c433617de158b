/*
 * Unit tests of the decoder (Check): gzip (one member or several), UTF-16
 * with either byte order mark, the formats it cannot read, binary data,
 * and output that does not depend on how the input is cut into chunks.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "check.h"
#include "scan/decode.h"
#include "core/utf8.h"

/* What a decoder gave: all of it, in one growing buffer. */
struct sink {
	char *p;
	size_t n, cap;
};

static int
collect(void *arg, const char *p, size_t n)
{
	struct sink *s = arg;

	if (s->n + n + 1 > s->cap) {
		size_t cap = (s->n + n + 1) * 2;
		char *q = realloc(s->p, cap);

		if (q == NULL)
			return -1;
		s->p = q;
		s->cap = cap;
	}
	memcpy(s->p + s->n, p, n);
	s->n += n;
	s->p[s->n] = '\0';
	return 0;
}

/* Decode in[0..n), chunk bytes at a time, into out; returns the status
 * of the first step that was not DECODE_OK, else of decode_finish. */
static enum decode_status
decode_with(const void *in, size_t n, size_t chunk, struct sink *out,
    enum input_kind *kind)
{
	const unsigned char *p = in;
	struct decode d;
	enum decode_status st = DECODE_OK;

	memset(out, 0, sizeof(*out));
	decode_init(&d, collect, out);
	for (size_t i = 0; i < n && st == DECODE_OK; i += chunk)
		st = decode_feed(&d, p + i, n - i < chunk ? n - i : chunk);
	if (st == DECODE_OK)
		st = decode_finish(&d);
	*kind = d.kind;
	decode_free(&d);
	return st;
}

/* gzip of in[0..n) at level, as gzip(1) writes it. */
static unsigned char *
gzip_of(const void *in, size_t n, size_t *outlen)
{
	z_stream z;
	uLong cap;
	unsigned char *out;

	memset(&z, 0, sizeof(z));
	ck_assert_int_eq(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY), Z_OK);
	cap = deflateBound(&z, (uLong)n) + 32;
	out = malloc(cap);
	ck_assert_ptr_nonnull(out);
	z.next_in = (unsigned char *)(uintptr_t)in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	ck_assert_int_eq(deflate(&z, Z_FINISH), Z_STREAM_END);
	*outlen = z.total_out;
	deflateEnd(&z);
	return out;
}

/* Text long enough to cross the decoder's look-ahead and buffers. */
static char *
long_text(size_t *n)
{
	size_t cap = 300000, len = 0;
	char *t = malloc(cap);
	unsigned i = 0;

	ck_assert_ptr_nonnull(t);
	while (len + 80 < cap) {
		int k = snprintf(t + len, cap - len,
		    "{\"code\":%u,\"subCode\":%u,\"user\":\"caf\xc3\xa9\"}\n",
		    400 + i % 200, i % 9999);

		len += (size_t)k;
		i++;
	}
	*n = len;
	return t;
}

START_TEST(test_decode_text)
{
	static const char text[] = "code=410 subCode=3112\n";
	struct sink out;
	enum input_kind kind;

	ck_assert_int_eq(decode_with(text, sizeof(text) - 1, 3, &out, &kind),
	    DECODE_OK);
	ck_assert_int_eq(kind, INPUT_TEXT);
	ck_assert_str_eq(out.p, text);
	free(out.p);
	/* Shorter than any magic, and empty */
	ck_assert_int_eq(decode_with("7", 1, 1, &out, &kind), DECODE_OK);
	ck_assert_str_eq(out.p, "7");
	free(out.p);
	ck_assert_int_eq(decode_with("", 0, 1, &out, &kind), DECODE_OK);
	ck_assert_uint_eq(out.n, 0);
	free(out.p);
}
END_TEST

START_TEST(test_decode_gzip)
{
	size_t n, zn, chunks[] = { 1, 2, 7, 4096, 65536, 1 << 20 };
	char *text = long_text(&n);
	unsigned char *z = gzip_of(text, n, &zn);
	struct sink out;
	enum input_kind kind;

	for (size_t c = 0; c < sizeof(chunks) / sizeof(chunks[0]); c++) {
		ck_assert_int_eq(decode_with(z, zn, chunks[c], &out, &kind),
		    DECODE_OK);
		ck_assert_int_eq(kind, INPUT_GZIP);
		ck_assert_uint_eq(out.n, n);
		ck_assert(memcmp(out.p, text, n) == 0);
		free(out.p);
	}
	/* Cut short: corrupt, whatever was inflated before */
	ck_assert_int_eq(decode_with(z, zn - 9, 4096, &out, &kind),
	    DECODE_CORRUPT);
	free(out.p);
	/* Damaged in the middle */
	z[zn / 2] ^= 0x55;
	z[zn / 2 + 1] ^= 0xaa;
	ck_assert_int_ne(decode_with(z, zn, 4096, &out, &kind), DECODE_OK);
	free(out.p);
	free(z);
	free(text);
}
END_TEST

START_TEST(test_decode_gzip_members)
{
	static const char a[] = "code=410 subCode=3112\n";
	static const char b[] = "code=487 subCode=5001\n";
	size_t an, bn;
	unsigned char *za = gzip_of(a, sizeof(a) - 1, &an);
	unsigned char *zb = gzip_of(b, sizeof(b) - 1, &bn);
	unsigned char *both = malloc(an + bn);
	struct sink out;
	enum input_kind kind;

	ck_assert_ptr_nonnull(both);
	memcpy(both, za, an);
	memcpy(both + an, zb, bn);
	/* Every cut of the two members, as cat a.gz b.gz gives them */
	for (size_t chunk = 1; chunk <= an + bn; chunk++) {
		ck_assert_int_eq(decode_with(both, an + bn, chunk, &out,
		    &kind), DECODE_OK);
		ck_assert_str_eq(out.p,
		    "code=410 subCode=3112\ncode=487 subCode=5001\n");
		free(out.p);
	}
	free(both);
	free(za);
	free(zb);
}
END_TEST

/* The UTF-16 units[0..n) as a file: byte order mark first, big-endian
 * if be. */
static unsigned char *
utf16_of(const unsigned *units, size_t n, int be, size_t *len)
{
	unsigned char *p = malloc(2 * (n + 1));

	ck_assert_ptr_nonnull(p);
	p[be ? 0 : 1] = 0xfe;
	p[be ? 1 : 0] = 0xff;
	for (size_t i = 0; i < n; i++) {
		p[2 + 2 * i + (be ? 0 : 1)] = (unsigned char)(units[i] >> 8);
		p[2 + 2 * i + (be ? 1 : 0)] = (unsigned char)(units[i] & 0xff);
	}
	*len = 2 * (n + 1);
	return p;
}

START_TEST(test_decode_gzip_ends)
{
	static const char text[] = "code=410 subCode=3112\ncode=0 subCode=0\n";
	size_t zn;
	unsigned char *z = gzip_of(text, sizeof(text) - 1, &zn);
	unsigned char *padded = malloc(zn + 512);
	struct sink out;
	enum input_kind kind;
	struct decode d;

	ck_assert_ptr_nonnull(padded);
	memcpy(padded, z, zn);
	/* zeros, or bytes that are no gzip member, after the last member:
	 * passed over, the text whole */
	for (int fill = 0; fill < 2; fill++) {
		memset(padded + zn, fill ? 'x' : 0, 512);
		for (size_t chunk = 1; chunk <= 600; chunk += 37) {
			ck_assert_int_eq(decode_with(padded, zn + 512, chunk,
			    &out, &kind), DECODE_OK);
			ck_assert_str_eq(out.p, text);
			free(out.p);
		}
	}
	memset(&out, 0, sizeof(out));
	decode_init(&d, collect, &out);
	ck_assert_int_eq(decode_feed(&d, padded, zn + 512), DECODE_OK);
	ck_assert_int_eq(decode_finish(&d), DECODE_OK);
	ck_assert_int_eq(d.trailing, 1);
	decode_free(&d);
	free(out.p);
	/* a small file cut short: what was inflated still goes on */
	ck_assert_int_eq(decode_with(z, zn - 4, 4096, &out, &kind),
	    DECODE_CORRUPT);
	ck_assert_str_eq(out.p, text);
	free(out.p);
	free(padded);
	free(z);
}
END_TEST

START_TEST(test_decode_utf16)
{
	/* "c=4 é€😀 x", U+1F600 as a surrogate pair, a lone low surrogate,
	 * then a high one cut off by the end */
	static const unsigned units[] = {
		'c', '=', '4', ' ', 0xe9, 0x20ac, 0xd83d, 0xde00, ' ',
		0xdc00, 'x', '\n', 0xd800,
	};
	static const char want[] = "c=4 \xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80 "
	    "\xef\xbf\xbdx\n\xef\xbf\xbd";
	static const unsigned char odd[] = { 0xff, 0xfe, 'a', 0, 'b' };
	size_t n = sizeof(units) / sizeof(units[0]), len;
	struct sink out;
	enum input_kind kind;

	for (int be = 0; be <= 1; be++) {
		unsigned char *p = utf16_of(units, n, be, &len);

		for (size_t chunk = 1; chunk <= len; chunk++) {
			ck_assert_int_eq(decode_with(p, len, chunk, &out,
			    &kind), DECODE_OK);
			ck_assert_int_eq(kind, be ? INPUT_UTF16BE :
			    INPUT_UTF16LE);
			ck_assert_str_eq(out.p, want);
			free(out.p);
		}
		free(p);
	}
	/* half a unit at the end: U+FFFD, not nothing */
	ck_assert_int_eq(decode_with(odd, sizeof(odd), 2, &out, &kind),
	    DECODE_OK);
	ck_assert_str_eq(out.p, "a\xef\xbf\xbd");
	free(out.p);
}
END_TEST

START_TEST(test_decode_utf16_gzip)
{
	/* What PowerShell 5.1 writes, then gzipped: both, in turn */
	static const unsigned units[] = { 'c', 'o', 'd', 'e', '=', '4', '8',
		'7', '\n' };
	size_t len, zn;
	unsigned char *p = utf16_of(units, 9, 0, &len);
	unsigned char *z = gzip_of(p, len, &zn);
	struct sink out;
	enum input_kind kind;

	ck_assert_int_eq(decode_with(z, zn, 5, &out, &kind), DECODE_OK);
	ck_assert_int_eq(kind, INPUT_GZIP);
	ck_assert_str_eq(out.p, "code=487\n");
	free(out.p);
	free(z);
	free(p);
}
END_TEST

START_TEST(test_decode_unreadable)
{
	static const struct {
		const char *bytes;
		size_t n;
		enum input_kind kind;
	} files[] = {
		{ "PK\x03\x04\x14\0\0\0", 8, INPUT_ZIP },
		{ "BZh91AY&SY", 10, INPUT_BZIP2 },
		{ "\xfd" "7zXZ\0\0\x04", 8, INPUT_XZ },
		{ "\x28\xb5\x2f\xfd\x24\x00", 6, INPUT_ZSTD },
		{ "code=410\0\x01\x02", 11, INPUT_BINARY },
		{ "\0", 1, INPUT_BINARY },
	};
	struct sink out;
	enum input_kind kind;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		for (size_t chunk = 1; chunk <= files[i].n; chunk++) {
			ck_assert_int_eq(decode_with(files[i].bytes,
			    files[i].n, chunk, &out, &kind),
			    DECODE_UNREADABLE);
			ck_assert_int_eq(kind, files[i].kind);
			ck_assert_uint_eq(out.n, 0);
			free(out.p);
		}
	ck_assert_str_eq(input_kind_todo(INPUT_XZ),
	    "xz -dc FILE | acsdiag --scan");
	ck_assert_ptr_null(input_kind_todo(INPUT_BINARY));
}
END_TEST

START_TEST(test_decode_binary_window)
{
	/* A NUL past the first DECODE_SNIFF bytes is the scanner's
	 * business (a record that is not text), not binary data */
	size_t n = DECODE_SNIFF + 100;
	char *p = malloc(n);
	struct sink out;
	enum input_kind kind;

	ck_assert_ptr_nonnull(p);
	memset(p, 'a', n);
	p[DECODE_SNIFF + 10] = '\0';
	ck_assert_int_eq(decode_with(p, n, 1000, &out, &kind), DECODE_OK);
	ck_assert_uint_eq(out.n, n);
	free(out.p);
	p[DECODE_SNIFF - 1] = '\0';
	ck_assert_int_eq(decode_with(p, n, 1000, &out, &kind),
	    DECODE_UNREADABLE);
	ck_assert_int_eq(kind, INPUT_BINARY);
	free(out.p);
	free(p);
}
END_TEST

/* Every length of UTF-8 encoded, at its edges: valid, and decoded back. */
START_TEST(test_utf8_encode)
{
	static const struct {
		unsigned long c;
		size_t len;
	} t[] = {
		{ 0, 1 }, { 0x7f, 1 }, { 0x80, 2 }, { 0x7ff, 2 }, { 0x800, 3 },
		{ 0xfffd, 3 }, { 0xffff, 3 }, { 0x10000, 4 }, { 0x10ffff, 4 },
	};
	unsigned char b[4];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_uint_eq(utf8_encode(t[i].c, b), t[i].len);
		ck_assert_int_eq(utf8_sequence(b, t[i].len), (int)t[i].len);
		ck_assert_uint_eq(utf8_decode(b, (int)t[i].len), t[i].c);
	}
	utf8_encode(0xe9, b);
	ck_assert_int_eq(memcmp(b, "\xc3\xa9", 2), 0);
}
END_TEST

Suite *
decode_suite(void)
{
	Suite *s = suite_create("decode");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, test_decode_text);
	tcase_add_test(tc, test_decode_gzip);
	tcase_add_test(tc, test_decode_gzip_members);
	tcase_add_test(tc, test_decode_gzip_ends);
	tcase_add_test(tc, test_decode_utf16);
	tcase_add_test(tc, test_decode_utf16_gzip);
	tcase_add_test(tc, test_decode_unreadable);
	tcase_add_test(tc, test_decode_binary_window);
	tcase_add_test(tc, test_utf8_encode);
	suite_add_tcase(s, tc);
	return s;
}
