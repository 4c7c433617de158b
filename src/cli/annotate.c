/*
 * --annotate: copy a log to standard output line by line, unchanged,
 * and append to each line where a record with a code and subcode ends a
 * short explanation: "  # 410/3112 ExpectedError: Call setup failed
 * ...".  The lines go through the scanner one at a time, so that what it
 * reports while reading a line belongs to that line (an object printed
 * over several lines, to its closing line).  Output is flushed whenever
 * the next read would wait, so that a live log (tail -f) is explained at
 * once while a file streams at full speed.  The bytes are read as they
 * are: compressed or UTF-16 input is the user's to decode first.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"
#include "fmt.h"
#include "core/lookup.h"
#include "scan/report.h"
#include "scan/scan.h"

#define READ_SIZE ((size_t)64 * 1024)
#define OUT_SIZE ((size_t)64 * 1024)	/* written at once */
#define LINE_CAP ((size_t)1024 * 1024)	/* longer: copied, not annotated */
#define LINE_PAIRS 16			/* pairs annotated on a line */

/* The notes of the pairs met, kept: a log has few distinct pairs.
 * Emptied when it fills, so that memory stays bounded. */
#define CACHE_SLOTS 1024

struct cached {
	uint32_t code, subcode;
	char *note;		/* NULL: an empty slot */
	size_t len;
};

struct annotator {
	struct scan *scan;
	uint64_t tables;
	struct cached cache[CACHE_SLOTS];
	size_t ncached;
	struct buf pending;	/* the line being read */
	int passing;		/* a line past LINE_CAP: copied as it comes */
	struct scan_pair pairs[LINE_PAIRS];	/* the line's, distinct */
	size_t npairs;
	size_t more;		/* and past LINE_PAIRS */
	struct buf note;	/* the annotation being built */
};

/* What goes to stdout, gathered here and written OUT_SIZE at a time:
 * cheaper than stdio line by line. */
static struct {
	char buf[OUT_SIZE];
	size_t len;
} ob;

static void
ob_flush(void)
{
	if (ob.len > 0)
		fwrite(ob.buf, 1, ob.len, stdout);
	ob.len = 0;
}

static void
ob_put(const char *s, size_t n)
{
	if (ob.len + n > sizeof(ob.buf)) {
		ob_flush();
		if (n > sizeof(ob.buf)) {
			fwrite(s, 1, n, stdout);
			return;
		}
	}
	memcpy(ob.buf + ob.len, s, n);
	ob.len += n;
}

/* The scanner's records: their pairs belong to the line being read. */
static void
on_record(void *arg, const struct scan_record *r)
{
	struct annotator *a = arg;

	for (size_t i = 0; i < r->nhits; i++) {
		size_t k;

		for (k = 0; k < a->npairs; k++)
			if (a->pairs[k].code == r->hits[i].code &&
			    a->pairs[k].subcode == r->hits[i].subcode)
				break;
		if (k == a->npairs && a->npairs == LINE_PAIRS)
			a->more++;
		else if (k == a->npairs) {
			memset(&a->pairs[k], 0, sizeof(a->pairs[k]));
			a->pairs[k].code = r->hits[i].code;
			a->pairs[k].subcode = r->hits[i].subcode;
			a->npairs++;
		}
	}
}

static void
on_skip(void *arg, enum scan_skip why, uint64_t n)
{
	(void)arg;
	(void)why;
	(void)n;
}

static void
on_lines(void *arg, uint64_t n)
{
	(void)arg;
	(void)n;
}

/* The slot of a pair in the cache: its own, or an empty one. */
static struct cached *
cache_slot(struct annotator *a, const struct scan_pair *p)
{
	uint64_t h = ((uint64_t)p->code << 32 | p->subcode) *
	    UINT64_C(0x9e3779b97f4a7c15);
	size_t i = (size_t)(h >> 54) & (CACHE_SLOTS - 1);

	while (a->cache[i].note != NULL && (a->cache[i].code != p->code ||
	    a->cache[i].subcode != p->subcode))
		i = (i + 1) & (CACHE_SLOTS - 1);
	return &a->cache[i];
}

static void
cache_clear(struct annotator *a)
{
	for (size_t i = 0; i < CACHE_SLOTS; i++) {
		free(a->cache[i].note);
		a->cache[i].note = NULL;
	}
	a->ncached = 0;
}

static void note_pair(struct annotator *a, const struct scan_pair *p);

/* The note of a pair, from the cache if it is there, else made and
 * kept. */
static const struct cached *
note_cached(struct annotator *a, const struct scan_pair *p)
{
	struct cached *c = cache_slot(a, p);

	if (c->note != NULL)
		return c;
	if (a->ncached == CACHE_SLOTS / 2) {
		cache_clear(a);
		c = cache_slot(a, p);
	}
	a->note.len = 0;
	note_pair(a, p);
	c->len = a->note.len;
	if ((c->note = malloc(c->len + 1)) == NULL)
		err(EXIT_TROUBLE, NULL);
	memcpy(c->note, a->note.s, c->len + 1);
	c->code = p->code;
	c->subcode = p->subcode;
	a->ncached++;
	return c;
}

/* "  # 410/3112 ExpectedError: message [level]" for one pair. */
static void
note_pair(struct annotator *a, const struct scan_pair *p)
{
	struct pair_report r;
	const char *msg, *cat;
	char num[32];

	if (report_pair(p, a->tables, &r) != 0)
		err(EXIT_TROUBLE, NULL);
	if (p->subcode != SCAN_NO_SUBCODE)
		snprintf(num, sizeof(num), "  # %u/%u", p->code, p->subcode);
	else
		snprintf(num, sizeof(num), "  # %u", p->code);
	puts_buf(&a->note, num);
	cat = category_name(report_category(&r));
	if (*cat != '\0') {
		put(&a->note, " ", 1);
		puts_buf(&a->note, cat);
	}
	put(&a->note, ": ", 2);
	if ((msg = report_message(&r)) == NULL)
		puts_buf(&a->note, r.elsewhere ? "not in the chosen tables" :
		    "undocumented");
	else {
		put_joined(&a->note, msg);
		puts_buf(&a->note, report_level(&r));
	}
}

/* Cut the note to cols display columns, with an ellipsis. */
static void
cut_note(struct buf *b, size_t cols)
{
	int cut;
	size_t n = text_cut(b->s, b->len, cols, &cut);

	if (!cut)
		return;
	b->len = n;
	b->s[n] = '\0';
	puts_buf(b, out.ellipsis);
}

/* Write line[0..len) (its newline, if any, included) with the notes of
 * its pairs before its line end. */
static void
write_line(struct annotator *a, const char *s, size_t len)
{
	size_t body = len, used;
	char more[48] = "";

	if (body > 0 && s[body - 1] == '\n')
		body--;
	if (body > 0 && s[body - 1] == '\r')
		body--;
	if (a->npairs == 0) {
		ob_put(s, len);
		return;
	}
	ob_put(s, body);
	if (a->more > 0)
		snprintf(more, sizeof(more), "  # and %zu more pair%s", a->more,
		    a->more == 1 ? "" : "s");
	if (!out.terminal) {
		for (size_t i = 0; i < a->npairs; i++) {
			const struct cached *c = note_cached(a, &a->pairs[i]);

			ob_put(c->note, c->len);
		}
		ob_put(more, strlen(more));
	} else {
		struct buf notes = { NULL, 0, 0 };

		puts_buf(&notes, "");
		for (size_t i = 0; i < a->npairs; i++) {
			const struct cached *c = note_cached(a, &a->pairs[i]);

			put(&notes, c->note, c->len);
		}
		puts_buf(&notes, more);
		used = text_cols(s, body) % out.width;
		cut_note(&notes, out.width - used >= 24 ? out.width - used :
		    out.width);
		ob_put(notes.s, notes.len);
		free(notes.s);
	}
	a->npairs = a->more = 0;
	ob_put(s + body, len - body);
}

/* Bytes of a line past LINE_CAP: copied and scanned, not annotated. */
static void
pass_through(struct annotator *a, const char *s, size_t len, int end)
{
	if (a->pending.len > 0) {
		ob_put(a->pending.s, a->pending.len);
		if (scan_feed(a->scan, a->pending.s, a->pending.len) != 0)
			err(EXIT_TROUBLE, NULL);
		a->pending.len = 0;
	}
	ob_put(s, len);
	if (scan_feed(a->scan, s, len) != 0)
		err(EXIT_TROUBLE, NULL);
	a->passing = !end;
	a->npairs = a->more = 0;
}

/* A complete line s[0..len), newline included, or the part of one. */
static void
take_line(struct annotator *a, const char *s, size_t len)
{
	const char *text = s;

	if (a->passing) {
		pass_through(a, s, len, 1);
		return;
	}
	if (a->pending.len > 0) {
		put(&a->pending, s, len);
		text = a->pending.s;
		len = a->pending.len;
	}
	if (scan_feed(a->scan, text, len) != 0)
		err(EXIT_TROUBLE, NULL);
	write_line(a, text, len);
	a->pending.len = 0;
}

/* A chunk read: its whole lines go out, the rest waits for more. */
static void
take_chunk(struct annotator *a, const char *p, size_t n)
{
	const char *end = p + n, *nl;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		take_line(a, p, (size_t)(nl + 1 - p));
		p = nl + 1;
	}
	if (p == end)
		return;
	if (a->passing || a->pending.len + (size_t)(end - p) > LINE_CAP)
		pass_through(a, p, (size_t)(end - p), 0);
	else
		put(&a->pending, p, (size_t)(end - p));
}

/* Would a read of fd wait?  Then what is written so far goes out. */
static void
flush_if_idle(int fd)
{
	struct pollfd pfd = { fd, POLLIN, 0 };

	if (poll(&pfd, 1, 0) == 0) {
		ob_flush();
		fflush(stdout);
	}
}

/* Annotate the file open on fd.  Returns -1 on a read error. */
static int
annotate_fd(struct annotator *a, int fd, char *buf)
{
	static const struct scan_options o = { .format = SCAN_AUTO };
	struct scan_sink sink = { on_record, on_skip, on_lines, a };
	ssize_t n;

	if ((a->scan = scan_open(&o, &sink)) == NULL)
		err(EXIT_TROUBLE, NULL);
	a->pending.len = 0;
	a->passing = 0;
	a->npairs = a->more = 0;
	for (;;) {
		flush_if_idle(fd);
		while ((n = read(fd, buf, READ_SIZE)) == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		take_chunk(a, buf, (size_t)n);
	}
	/* a last line without a newline: its record ends with the input */
	if (a->pending.len > 0 && scan_feed(a->scan, a->pending.s,
	    a->pending.len) != 0)
		err(EXIT_TROUBLE, NULL);
	scan_close(a->scan);
	if (a->passing)
		a->npairs = a->more = 0;
	else if (a->pending.len > 0)
		write_line(a, a->pending.s, a->pending.len);
	a->pending.len = 0;
	return n < 0 ? -1 : 0;
}

/*
 * --annotate [FILE...]: copy the files (or standard input) to standard
 * output with the codes of their lines explained.  Returns 0, or 2 if a
 * file could not be read (the others are still copied).
 */
int
cmd_annotate(char **files, int nfiles, uint64_t tables)
{
	static char stdin_name[] = "-";
	static char *stdin_only[] = { stdin_name };
	struct annotator a;
	char *buf = malloc(READ_SIZE);
	int status = EXIT_FOUND, fd;

	memset(&a, 0, sizeof(a));
	a.tables = tables;
	if (buf == NULL)
		err(EXIT_TROUBLE, NULL);
	if (nfiles == 0) {
		files = stdin_only;
		nfiles = 1;
	}
	for (int i = 0; i < nfiles; i++) {
		int use_stdin = strcmp(files[i], "-") == 0;

		if (use_stdin)
			fd = STDIN_FILENO;
		else if ((fd = open(files[i], O_RDONLY)) == -1) {
			ob_flush();
			fflush(stdout);
			warn("%s", files[i]);
			status = EXIT_TROUBLE;
			continue;
		}
		if (annotate_fd(&a, fd, buf) != 0) {
			ob_flush();
			fflush(stdout);
			warn("%s", use_stdin ? "stdin" : files[i]);
			status = EXIT_TROUBLE;
		}
		if (!use_stdin)
			close(fd);
	}
	ob_flush();
	free(buf);
	free(a.pending.s);
	free(a.note.s);
	cache_clear(&a);
	return status;
}
