/*
 * What the printers share: a growing line buffer, lines cut to the
 * terminal's width, the category colors and JSON strings.  Everything
 * goes to stdout through stdio; write errors are caught once, at the end.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/escape.h"
#include "fmt.h"
#include "core/lookup.h"

/* The line being built. */
struct buf line;

void
put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		if ((b->s = realloc(b->s, b->cap)) == NULL)
			err(2, NULL);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
puts_buf(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* Text with its line breaks made spaces. */
void
put_joined(struct buf *b, const char *s)
{
	size_t n;

	for (; *s != '\0'; s += n) {
		if ((n = strcspn(s, "\n")) == 0) {
			put(b, " ", 1);
			n = 1;
		} else
			put(b, s, n);
	}
}

const char *
category_color(unsigned category)
{
	switch (category) {
	case ACS_CAT_SUCCESS:
		return GREEN;
	case ACS_CAT_EXPECTED_ERROR:
		return YELLOW;
	default:
		return RED;
	}
}

/* The column after a character starting with byte c at column col: a
 * tab advances to the next multiple of 8. */
static size_t
next_col(unsigned char c, size_t col)
{
	return c == '\t' ? (col / 8 + 1) * 8 : col + 1;
}

/* Display columns of UTF-8 text s[0..n): one a character, a tab to the
 * next multiple of 8. */
size_t
text_cols(const char *s, size_t n)
{
	size_t col = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			col = next_col((unsigned char)s[i], col);
	return col;
}

/* The bytes of the longest start of UTF-8 text s[0..n) that fits in cols
 * display columns, in whole characters. */
size_t
text_fit(const char *s, size_t n, size_t cols)
{
	size_t col = 0, next;

	for (size_t i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if ((next = next_col((unsigned char)s[i], col)) > cols)
			return i;
		col = next;
	}
	return n;
}

/* The bytes of s[0..n) to print in cols columns: all of it, or, if it
 * does not fit, what fits before an ellipsis (*cut set). */
size_t
text_cut(const char *s, size_t n, size_t cols, int *cut)
{
	*cut = text_cols(s, n) > cols;
	if (!*cut)
		return n;
	return text_fit(s, n, cols > out.ellipsis_cols ? cols -
	    out.ellipsis_cols : 0);
}

/* Print s[0..n), then tail and a newline; the bytes [from, to) in color
 * if color is set and colors are on. */
void
print_span(const char *s, size_t n, size_t from, size_t to,
    const char *color, const char *tail)
{
	if (color == NULL || !out.color || from >= n) {
		printf("%.*s%s\n", (int)n, s, tail);
		return;
	}
	if (to > n)
		to = n;
	printf("%.*s%s%.*s%s%.*s%s\n", (int)from, s, color, (int)(to - from),
	    s + from, RESET, (int)(n - to), s + to, tail);
}

/*
 * Print a built line; on a terminal, cut it to the width with an
 * ellipsis.  The bytes [from, to) are printed in color if color is set.
 */
void
print_line(const char *s, size_t from, size_t to, const char *color)
{
	size_t n = strlen(s);
	int cut = 0;

	if (out.terminal)
		n = text_cut(s, n, out.width, &cut);
	print_span(s, n, from, to, color, cut ? out.ellipsis : "");
}

static void
to_buf(void *arg, const char *s, size_t n)
{
	put(arg, s, n);
}

/* Append s as a JSON string (RFC 8259); the data is valid UTF-8. */
void
put_json_string(struct buf *b, const char *s)
{
	escape_string(s, 0, to_buf, b);
}

/* Append the URLs of links[0..n) as a JSON array. */
void
put_json_links(struct buf *b, const struct acs_link *links, size_t n)
{
	put(b, "[", 1);
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			put(b, ",", 1);
		put_json_string(b, links[i].url);
	}
	put(b, "]", 1);
}

/* Append tips[0..n) as a JSON array of strings, "title: text". */
void
put_json_tips(struct buf *b, const struct acs_tip *const *tips, size_t n)
{
	static struct buf t;

	put(b, "[", 1);
	for (size_t i = 0; i < n; i++) {
		t.len = 0;
		puts_buf(&t, tips[i]->title);
		puts_buf(&t, ": ");
		puts_buf(&t, tips[i]->text);
		if (i > 0)
			put(b, ",", 1);
		put_json_string(b, t.s);
	}
	put(b, "]", 1);
}

/* Print s as a JSON string. */
void
json_string(const char *s)
{
	static struct buf b;

	b.len = 0;
	put_json_string(&b, s);
	fwrite(b.s, 1, b.len, stdout);
}

void
json_string_or_null(const char *s)
{
	if (*s == '\0')
		fputs("null", stdout);
	else
		json_string(s);
}

/* Append the number v, or "-" if has is not set. */
void
put_number(struct buf *b, int has, uint32_t v)
{
	char num[16];

	snprintf(num, sizeof(num), "%u", v);
	puts_buf(b, has ? num : "-");
}

/* Append a category's name, or "-" for none, and set [*from, *to) to
 * where it stands in b, to color it. */
void
put_category(struct buf *b, unsigned category, size_t *from, size_t *to)
{
	const char *name = category_name(category);

	*from = b->len;
	puts_buf(b, *name != '\0' ? name : "-");
	*to = b->len;
}

/* Free the line buffer. */
void
fmt_done(void)
{
	free(line.s);
	line.s = NULL;
	line.len = line.cap = 0;
}

/* The message of a pair as a line shows it, with its level and the other
 * tables that list it. */
void
put_pair_message(struct buf *b, const struct pair_report *r)
{
	const char *msg = report_message(r);

	if (msg == NULL) {
		puts_buf(b, r->elsewhere ? "(not in the chosen tables)" :
		    "(undocumented)");
		return;
	}
	put_joined(b, msg);
	puts_buf(b, report_level(r));
	for (size_t i = 1; i < r->nentries; i++) {
		puts_buf(b, i == 1 ? " [also " : ", ");
		puts_buf(b, entry_table(r->entries[i])->name);
		puts_buf(b, i + 1 == r->nentries ? "]" : "");
	}
}
