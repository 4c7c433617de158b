/*
 * Printing entries and tips.  Everything goes to stdout through stdio;
 * write errors are caught once, at the end, by the caller.
 */
#include <err.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lookup.h"
#include "print.h"
#include "scan.h"
#include "search.h"

/* Width of the "Category: " labels that start each field of an entry. */
#define LABEL_WIDTH 10
#define INDENT (2 + LABEL_WIDTH)

#define BOLD "\033[1m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define RED "\033[31m"
#define UNDERLINE "\033[4m"
#define RESET "\033[0m"

struct output out = { .width = 80, .ellipsis = "...", .ellipsis_cols = 3 };

static const char *const field_name_s[NFIELDS] = {
	"table", "code", "subcode", "category", "message", "advice", "links",
};

/* A growing buffer for building a line. */
struct buf {
	char *s;
	size_t len, cap;
};

static struct buf line;

static void
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

static void
puts_buf(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* Text with its line breaks made spaces. */
static void
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

/* Add the fields named in LIST, "category,message", to out.fields. */
int
parse_fields(const char *list, const char **bad, size_t *badlen)
{
	size_t len, f;

	for (;;) {
		len = strcspn(list, ",");
		for (f = 0; f < NFIELDS; f++)
			if (strlen(field_name_s[f]) == len &&
			    strncmp(field_name_s[f], list, len) == 0)
				break;
		if (f == NFIELDS) {
			*bad = list;
			*badlen = len;
			return -1;
		}
		if (out.nfields == MAX_FIELDS) {
			*bad = NULL;
			return -1;
		}
		out.fields[out.nfields++] = (enum field)f;
		if (list[len] == '\0')
			return 0;
		list += len + 1;
	}
}

const char *
field_name(size_t f)
{
	return f < NFIELDS ? field_name_s[f] : "";
}

const char *
field_names(void)
{
	return "table, code, subcode, category, message, advice and links";
}

static const char *
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

/* Print the empty line between blocks of long output. */
static void
print_separator(void)
{
	if (out.printed && out.format == FORMAT_LONG)
		putchar('\n');
	out.printed = 1;
}

/* A heading of long output, such as "Code 410, whatever the subcode:". */
void
print_heading(const char *fmt, ...)
{
	va_list ap;

	if (out.format != FORMAT_LONG)
		return;
	print_separator();
	va_start(ap, fmt);
	/* va_start is just above (a false positive of clang 14) */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/*
 * Print text[0..n) wrapped at the terminal's width, indented by INDENT
 * after the first line, and by two more under a "- " bullet; a word longer
 * than the room is not broken.
 */
static void
print_wrapped(const char *text, size_t n)
{
	int indent = INDENT + (n > 2 && text[0] == '-' && text[1] == ' ' ?
	    2 : 0);
	size_t room = out.width > INDENT + 20 ? out.width - INDENT - 1 : 20;
	size_t len, cut;

	while (n > room) {
		for (cut = room; cut > 0 && text[cut] != ' '; cut--)
			continue;
		if (cut == 0)
			for (cut = room; cut < n && text[cut] != ' '; cut++)
				continue;
		if (cut >= n)
			break;		/* the last word is longer than the room */
		printf("%.*s\n%*s", (int)cut, text, indent, "");
		for (len = cut; len < n && text[len] == ' '; len++)
			continue;
		text += len;
		n -= len;
		room = out.width > (size_t)indent + 20 ? out.width -
		    (size_t)indent - 1 : 20;
	}
	printf("%.*s\n", (int)n, text);
}

/*
 * Print one field of an entry, its label then its lines, aligned.  An
 * empty line of the text keeps its indent, so that only the empty lines
 * between entries are empty.  On a terminal long lines are wrapped.
 */
static void
print_field(const char *label, const char *text, const char *color)
{
	const char *p = text, *end;
	int first = 1;

	if (*text == '\0')
		return;
	while (*p != '\0' || first) {
		end = p + strcspn(p, "\n");
		printf("  %-*s", LABEL_WIDTH, first ? label : "");
		if (color != NULL && out.color)
			printf("%s%.*s%s\n", color, (int)(end - p), p, RESET);
		else if (out.terminal)
			print_wrapped(p, (size_t)(end - p));
		else
			printf("%.*s\n", (int)(end - p), p);
		first = 0;
		p = *end == '\n' ? end + 1 : end;
	}
}

static void
print_links(const struct acs_link *links, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		printf("  %-*s", LABEL_WIDTH, i == 0 ? "Links:" : "");
		if (strcmp(links[i].label, links[i].url) != 0)
			printf("%s: ", links[i].label);
		if (out.color)
			printf(UNDERLINE "%s" RESET "\n", links[i].url);
		else
			printf("%s\n", links[i].url);
	}
}

/* The key line: "Call end codes: code 410, subcode 3112". */
static void
print_key(const struct acs_entry *e)
{
	const char *b = out.color ? BOLD : "", *r = out.color ? RESET : "";

	printf("%s:", entry_table(e)->title);
	for (size_t i = 0; i < e->ncodes; i++)
		printf("%s%s%u%s", i > 0 ? ", " : e->ncodes > 1 ? " codes " :
		    " code ", b, e->codes[i], r);
	if (e->has_subcode)
		printf("%s subcode %s%u%s", e->ncodes > 0 ? "," : "", b,
		    e->subcode, r);
	putchar('\n');
}

static void
print_long(const struct acs_entry *e)
{
	print_separator();
	print_key(e);
	print_field("Category:", category_name(e->category),
	    category_color(e->category));
	print_field("Message:", e->message, NULL);
	print_field("Advice:", e->advice, NULL);
	print_links(e->links, e->nlinks);
	print_field("Note:", e->note, NULL);
}

/* Display columns of s[0..n): tabs advance to a multiple of 8. */
static size_t
columns(const char *s, size_t n)
{
	size_t col = 0;

	for (size_t i = 0; i < n; i++)
		col = s[i] == '\t' ? (col / 8 + 1) * 8 : col + 1;
	return col;
}

/*
 * Print a built line; on a terminal, cut it to the width with an
 * ellipsis.  The bytes [from, to) are printed in color if color is set.
 */
static void
print_line(const char *s, size_t from, size_t to, const char *color)
{
	size_t len = strlen(s), n = len, room;
	const char *tail = "";

	if (out.terminal && columns(s, len) > out.width) {
		room = out.width > out.ellipsis_cols ? out.width -
		    out.ellipsis_cols : 0;
		for (n = 0; n < len && columns(s, n + 1) <= room; n++)
			continue;
		tail = out.ellipsis;
	}
	if (color == NULL || !out.color || from >= n) {
		printf("%.*s%s\n", (int)n, s, tail);
		return;
	}
	if (to > n)
		to = n;
	printf("%.*s%s%.*s%s%.*s%s\n", (int)from, s, color, (int)(to - from),
	    s + from, RESET, (int)(n - to), s + to, tail);
}

static void
put_codes(struct buf *b, const struct acs_entry *e, const char *sep)
{
	char num[16];

	for (size_t i = 0; i < e->ncodes; i++) {
		snprintf(num, sizeof(num), "%s%u", i > 0 ? sep : "",
		    e->codes[i]);
		puts_buf(b, num);
	}
	if (e->ncodes == 0)
		put(b, "-", 1);
}

/* One line: table, code(s), subcode, category, message. */
static void
print_one_line(const struct acs_entry *e)
{
	const char *cat = category_name(e->category);
	char num[16];
	size_t from, to;

	line.len = 0;
	puts_buf(&line, entry_table(e)->name);
	put(&line, "\t", 1);
	put_codes(&line, e, ",");
	if (e->has_subcode)
		snprintf(num, sizeof(num), "\t%u\t", e->subcode);
	else
		snprintf(num, sizeof(num), "\t-\t");
	puts_buf(&line, num);
	from = line.len;
	puts_buf(&line, *cat != '\0' ? cat : "-");
	to = line.len;
	put(&line, "\t", 1);
	put_joined(&line, e->message);
	print_line(line.s, from, to, *cat != '\0' ?
	    category_color(e->category) : NULL);
}

/* The URLs of links, space-separated. */
static void
put_urls(struct buf *b, const struct acs_link *links, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			put(b, " ", 1);
		puts_buf(b, links[i].url);
	}
}

/* Appends one -o field of an item to b, or nothing if it has none. */
typedef void put_field_fn(struct buf *b, enum field f, const void *item);

/* The -o fields of an item, tab-separated; "-" for an empty one. */
static void
print_row(put_field_fn *put_field, const void *item)
{
	line.len = 0;
	for (size_t i = 0; i < out.nfields; i++) {
		size_t start;

		if (i > 0)
			put(&line, "\t", 1);
		start = line.len;
		put_field(&line, out.fields[i], item);
		if (line.len == start)
			put(&line, "-", 1);
	}
	printf("%s\n", line.s != NULL ? line.s : "");
}

/* An entry as printed: how it matched and the code asked for. */
struct answer {
	const struct acs_entry *e;
	enum match m;
	uint32_t code;
};

/* A field of an answer.  The code of the generic answer, which has none,
 * is the code asked for. */
static void
put_entry_field(struct buf *b, enum field f, const void *item)
{
	const struct answer *a = item;
	const struct acs_entry *e = a->e;
	char num[16];

	switch (f) {
	case FIELD_TABLE:
		puts_buf(b, entry_table(e)->name);
		break;
	case FIELD_CODE:
		if (a->m == MATCH_GENERIC) {
			snprintf(num, sizeof(num), "%u", a->code);
			puts_buf(b, num);
		} else
			put_codes(b, e, ",");
		break;
	case FIELD_SUBCODE:
		if (e->has_subcode) {
			snprintf(num, sizeof(num), "%u", e->subcode);
			puts_buf(b, num);
		}
		break;
	case FIELD_CATEGORY:
		puts_buf(b, category_name(e->category));
		break;
	case FIELD_MESSAGE:
		put_joined(b, e->message);
		break;
	case FIELD_ADVICE:
		put_joined(b, e->advice);
		break;
	case FIELD_LINKS:
		put_urls(b, e->links, e->nlinks);
		break;
	case NFIELDS:
		break;
	}
}

/* A field of a tip: table "tip", the title as message, the text as
 * advice, its links; no code, subcode or category. */
static void
put_tip_field(struct buf *b, enum field f, const void *item)
{
	const struct acs_tip *t = item;

	switch (f) {
	case FIELD_TABLE:
		puts_buf(b, "tip");
		break;
	case FIELD_MESSAGE:
		puts_buf(b, t->title);
		break;
	case FIELD_ADVICE:
		put_joined(b, t->text);
		break;
	case FIELD_LINKS:
		put_urls(b, t->links, t->nlinks);
		break;
	default:
		break;
	}
}

/* Print s as a JSON string (RFC 8259); the data is valid UTF-8. */
static void
json_string(const char *s)
{
	putchar('"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':
			fputs("\\\"", stdout);
			break;
		case '\\':
			fputs("\\\\", stdout);
			break;
		case '\n':
			fputs("\\n", stdout);
			break;
		case '\t':
			fputs("\\t", stdout);
			break;
		default:
			if (c < 0x20 || c == 0x7f)
				printf("\\u%04x", c);
			else
				putchar(c);
		}
	}
	putchar('"');
}

static void
json_string_or_null(const char *s)
{
	if (*s == '\0')
		fputs("null", stdout);
	else
		json_string(s);
}

static void
json_links(const struct acs_link *links, size_t n)
{
	putchar('[');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			putchar(',');
		json_string(links[i].url);
	}
	putchar(']');
}

/* A tip as one string: its title, a colon, its text. */
static void
json_tip_text(const struct acs_tip *t)
{
	line.len = 0;
	puts_buf(&line, t->title);
	puts_buf(&line, ": ");
	puts_buf(&line, t->text);
	json_string(line.s);
}

static const char *const match_name[] = { "exact", "generic", "context" };

/*
 * An entry as a JSON object.  "code" is the code asked for when the entry
 * has it, or when it is the generic answer (which has none), else the
 * entry's first; "codes" lists the entry's own.  An answer carries what
 * holds for its code whatever the subcode in "context"; a lookup's
 * objects carry the query.
 */
static void
print_json(const struct acs_entry *e, enum match m, uint32_t code,
    const struct acs_entry *const *ctx, size_t nctx)
{
	size_t i;
	int first = 1;

	printf("{");
	if (out.query != NULL && m != MATCH_CONTEXT) {
		printf("\"query\":");
		json_string(out.query);
		putchar(',');
	}
	printf("\"table\":");
	json_string(entry_table(e)->name);
	if (m == MATCH_GENERIC || entry_has_code(e, code))
		printf(",\"code\":%u", code);
	else if (e->ncodes == 0)
		printf(",\"code\":null");
	else
		printf(",\"code\":%u", e->codes[0]);
	printf(",\"codes\":[");
	for (i = 0; i < e->ncodes; i++)
		printf("%s%u", i > 0 ? "," : "", e->codes[i]);
	if (e->has_subcode)
		printf("],\"subcode\":%u", e->subcode);
	else
		printf("],\"subcode\":null");
	printf(",\"category\":");
	json_string_or_null(category_name(e->category));
	printf(",\"message\":");
	json_string(e->message);
	printf(",\"advice\":");
	json_string_or_null(e->advice);
	printf(",\"links\":");
	json_links(e->links, e->nlinks);
	printf(",\"note\":");
	json_string_or_null(e->note);
	printf(",\"tips\":[");
	for (i = 0; i < acs_ntips && !out.no_tips; i++)
		if (tip_applies(&acs_tips[i], e)) {
			if (!first)
				putchar(',');
			first = 0;
			json_tip_text(&acs_tips[i]);
		}
	printf("],\"match\":\"%s\"", match_name[m]);
	if (m != MATCH_CONTEXT) {
		printf(",\"context\":[");
		for (i = 0; i < nctx; i++) {
			if (i > 0)
				putchar(',');
			print_json(ctx[i], MATCH_CONTEXT, code, NULL, 0);
		}
		putchar(']');
	}
	putchar('}');
	if (m != MATCH_CONTEXT)
		putchar('\n');
}

/*
 * The answers to a lookup, v[0..n), and what holds for the code whatever
 * the subcode, ctx[0..nctx): after the answers under a heading, or, in
 * JSON, inside each answer.  Chosen fields (-o) print the answers only.
 */
void
print_answers(const struct acs_entry *const *v, size_t n, enum match m,
    uint32_t code, const struct acs_entry *const *ctx, size_t nctx)
{
	size_t i;

	if (out.format == FORMAT_JSON) {
		for (i = 0; i < n; i++)
			print_json(v[i], m, code, ctx, nctx);
		out.printed = 1;
		return;
	}
	for (i = 0; i < n; i++)
		print_entry(v[i], m, code);
	if (nctx == 0 || out.format == FORMAT_FIELDS)
		return;
	print_heading("Code %u, whatever the subcode:", code);
	for (i = 0; i < nctx; i++)
		print_entry(ctx[i], MATCH_CONTEXT, code);
}

/*
 * Print an entry in the chosen format.  CODE is the code asked for, if
 * any.  Chosen fields (-o) print the answer only, not context.
 */
void
print_entry(const struct acs_entry *e, enum match m, uint32_t code)
{
	switch (out.format) {
	case FORMAT_LONG:
		print_long(e);
		break;
	case FORMAT_LINE:
		print_one_line(e);
		break;
	case FORMAT_JSON:
		print_json(e, m, code, NULL, 0);
		break;
	case FORMAT_FIELDS:
		if (m != MATCH_CONTEXT) {
			struct answer a = { e, m, code };

			print_row(put_entry_field, &a);
		}
		break;
	}
	out.printed = 1;
}

/* A table as JSON: name, title, entries, description. */
void
print_table_json(const struct acs_table *t)
{
	printf("{\"table\":");
	json_string(t->name);
	printf(",\"title\":");
	json_string(t->title);
	printf(",\"entries\":%zu,\"description\":", t->count);
	json_string(t->description);
	printf("}\n");
}

/* A tip, in the chosen format. */
void
print_tip(const struct acs_tip *t)
{
	switch (out.format) {
	case FORMAT_LONG:
		print_separator();
		printf("Troubleshooting tip: %s\n", t->title);
		print_field("Tip:", t->text, NULL);
		print_links(t->links, t->nlinks);
		break;
	case FORMAT_LINE:
		line.len = 0;
		puts_buf(&line, "tip\t-\t-\t-\t");
		puts_buf(&line, t->title);
		print_line(line.s, 0, 0, NULL);
		break;
	case FORMAT_JSON:
		printf("{\"tip\":");
		json_string(t->name);
		printf(",\"title\":");
		json_string(t->title);
		printf(",\"text\":");
		json_string(t->text);
		printf(",\"links\":");
		json_links(t->links, t->nlinks);
		printf("}\n");
		break;
	case FORMAT_FIELDS:
		print_row(put_tip_field, t);
		break;
	}
}

/*
 * The tips to show after the entries v[0..n) and, if s is not NULL, a
 * search: those that apply to the entries, and those the search names
 * (unless -t chose tables: tips are in none).  In JSON the entries carry
 * their own tips, so only the search's are shown.  None with --no-tips.
 */
size_t
tips_to_show(const struct acs_entry *const *v, size_t n,
    const struct search *s, const struct acs_tip **tips, size_t cap)
{
	if (out.no_tips)
		return 0;
	if (s != NULL && s->tables != ACS_ALL_TABLES)
		s = NULL;
	if (out.format == FORMAT_JSON)
		n = 0;
	return tips_for(v, n, s, tips, cap);
}

void
print_tips(const struct acs_entry *const *v, size_t n,
    const struct search *s)
{
	const struct acs_tip *tips[64];
	size_t ntips, i;

	/* chosen fields are the answers' only; a search prints its tips
	 * itself, for a tip may be its only hit */
	if (out.format == FORMAT_FIELDS)
		return;
	ntips = tips_to_show(v, n, s, tips, sizeof(tips) / sizeof(tips[0]));
	for (i = 0; i < ntips && i < sizeof(tips) / sizeof(tips[0]); i++)
		print_tip(tips[i]);
}

/* One pair of a scan: count, share, code, subcode, category, message. */
static void
print_scan_line(const struct scan_pair *p, uint64_t total,
    const struct acs_entry *e)
{
	char num[64];
	const char *cat = e != NULL ? category_name(e->category) : "";
	size_t from, to;

	line.len = 0;
	snprintf(num, sizeof(num), "%llu\t%.1f%%\t%u\t",
	    (unsigned long long)p->count, 100.0 * (double)p->count /
	    (double)total, p->code);
	puts_buf(&line, num);
	if (p->subcode != SCAN_NO_SUBCODE)
		snprintf(num, sizeof(num), "%u\t", p->subcode);
	else
		snprintf(num, sizeof(num), "-\t");
	puts_buf(&line, num);
	from = line.len;
	puts_buf(&line, *cat != '\0' ? cat : "-");
	to = line.len;
	put(&line, "\t", 1);
	if (e != NULL)
		put_joined(&line, e->message);
	else if (pair_entry(p->code, p->subcode == SCAN_NO_SUBCODE ? -1 :
	    (int64_t)p->subcode, ACS_ALL_TABLES) != NULL)
		puts_buf(&line, "(not in the chosen tables)");
	else
		puts_buf(&line, "(undocumented)");
	print_line(line.s, from, to, *cat != '\0' ?
	    category_color(e->category) : NULL);
}

static void
print_scan_json(const struct scan_pair *p, const struct acs_entry *e)
{
	printf("{\"count\":%llu,\"code\":%u,\"subcode\":",
	    (unsigned long long)p->count, p->code);
	if (p->subcode != SCAN_NO_SUBCODE)
		printf("%u", p->subcode);
	else
		printf("null");
	printf(",\"category\":");
	if (e != NULL)
		json_string_or_null(category_name(e->category));
	else
		printf("null");
	printf(",\"message\":");
	if (e != NULL)
		json_string(e->message);
	else
		printf("null");
	printf(",\"table\":");
	if (e != NULL)
		json_string(entry_table(e)->name);
	else
		printf("null");
	printf(",\"documented\":%s}\n", e != NULL ? "true" : "false");
}

/*
 * The summary of a scan: the pairs, most frequent first, with what they
 * mean; then, but in JSON, the totals by category.
 */
void
print_scan(const struct scan_pair *pairs, size_t n,
    const struct scan_stats *st, uint64_t tables)
{
	static const char *const names[] = {
		"(no category)", "Success", "ExpectedError",
		"UnexpectedClientError", "UnexpectedServerError",
	};
	uint64_t by_cat[5] = { 0 }, undocumented = st->overflow;
	const struct acs_entry *e;
	size_t i;

	for (i = 0; i < n; i++) {
		e = pair_entry(pairs[i].code, pairs[i].subcode ==
		    SCAN_NO_SUBCODE ? -1 : (int64_t)pairs[i].subcode, tables);
		if (out.format == FORMAT_JSON)
			print_scan_json(&pairs[i], e);
		else
			print_scan_line(&pairs[i], st->records, e);
		if (e == NULL)
			undocumented += pairs[i].count;
		else
			by_cat[e->category < 5 ? e->category : 0] +=
			    pairs[i].count;
	}
	if (out.format == FORMAT_JSON || st->records == 0)
		return;
	if (st->overflow > 0)
		printf("%llu\t%.1f%%\t-\t-\t-\t(more distinct pairs than "
		    "counted one by one)\n", (unsigned long long)st->overflow,
		    100.0 * (double)st->overflow / (double)st->records);
	printf("\nBy category:\n");
	for (i = 1; i <= 5; i++) {
		uint64_t c = i < 5 ? by_cat[i] : by_cat[0];

		if (c > 0)
			printf("%llu\t%.1f%%\t%s\n", (unsigned long long)c,
			    100.0 * (double)c / (double)st->records,
			    names[i < 5 ? i : 0]);
	}
	if (undocumented > 0)
		printf("%llu\t%.1f%%\t(undocumented)\n",
		    (unsigned long long)undocumented,
		    100.0 * (double)undocumented / (double)st->records);
}

void
print_done(void)
{
	free(line.s);
	line.s = NULL;
	line.len = line.cap = 0;
}
