/*
 * Turning the bytes of a log file into the UTF-8 text the scanner reads:
 * gzip-compressed files (whatever their name) are inflated, UTF-16 files
 * with a byte order mark converted, as they stream.  Formats it cannot read
 * are told by their magic bytes.  No I/O.
 */
#ifndef ACSDIAG_DECODE_H
#define ACSDIAG_DECODE_H

#include <stddef.h>

#include <zlib.h>

/* What a file turned out to be, for the message about one it cannot read:
 * X(ID, what it is, what to do). */
#define INPUT_KIND_LIST(X) \
	X(TEXT, "text", NULL) \
	X(GZIP, "gzip-compressed", NULL) \
	X(UTF16LE, "UTF-16LE text", NULL) \
	X(UTF16BE, "UTF-16BE text", NULL) \
	X(ZIP, "a zip archive", "unzip -p FILE | acsdiag --scan") \
	X(BZIP2, "bzip2-compressed", "bzip2 -dc FILE | acsdiag --scan") \
	X(XZ, "xz-compressed", "xz -dc FILE | acsdiag --scan") \
	X(ZSTD, "zstd-compressed", "zstd -dc FILE | acsdiag --scan") \
	X(BINARY, "binary data, not a log", NULL)

enum input_kind {
#define X(id, what, todo) INPUT_##id,
	INPUT_KIND_LIST(X)
#undef X
};

const char *input_kind_what(enum input_kind k);
const char *input_kind_todo(enum input_kind k);

/* Bytes of the decoded text looked at for NUL bytes: binary data. */
#define DECODE_SNIFF 4096

/* Where decoded text goes: returns 0, or -1 to stop (no memory). */
typedef int decode_out_fn(void *arg, const char *p, size_t n);

enum decode_status {
	DECODE_OK,
	DECODE_UNREADABLE,	/* a format it cannot read: d->kind says */
	DECODE_CORRUPT,		/* bad compressed data: d->error says */
	DECODE_NOMEM,
};

struct decode {
	decode_out_fn *out;
	void *arg;
	enum input_kind kind;		/* of the outer bytes */
	int gzip;			/* inflating: 1 within a member, 2
					 * between two, 3 past the last */
	unsigned long members;		/* gzip members inflated whole */
	int trailing;			/* bytes after the last member,
					 * ignored */
	z_stream z;
	unsigned char *zout;
	int utf16;			/* 0, or converting: 1 LE, 2 BE */
	unsigned char odd;		/* a byte of a unit cut by a chunk */
	int have_odd;
	unsigned hi;			/* a high surrogate waiting */
	char *uout;
	unsigned char head[DECODE_SNIFF];	/* the first bytes, until they
						 * tell the format */
	size_t nhead;
	int sniffed;			/* of the outer bytes */
	unsigned char text[DECODE_SNIFF];	/* the first decoded bytes */
	size_t ntext;
	int text_sniffed;		/* of the decoded text */
	const char *error;
};

void decode_init(struct decode *d, decode_out_fn *out, void *arg);
enum decode_status decode_feed(struct decode *d, const unsigned char *p,
    size_t n);
enum decode_status decode_finish(struct decode *d);
void decode_free(struct decode *d);

#endif
