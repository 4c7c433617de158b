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

/*
 * One thing printed: an entry, a class of codes or the SBC rule, with how
 * it answers and what was asked (which gives the code of a generic
 * answer, a class or the rule, none of which has its own).
 */
struct item {
	enum match m;
	const struct acs_entry *e;
	const struct acs_class *c;
	const struct acs_rule *r;
	const struct acs_sip *sip;	/* the rule's SIP code, if one */
	uint32_t code, subcode;		/* asked */
	int has_code, has_subcode;
	int context;			/* context of an answer, not one */
};

static const struct acs_table *
item_table(const struct item *it)
{
	if (it->e != NULL)
		return entry_table(it->e);
	return &acs_tables[it->c != NULL ? it->c->table : it->r->table];
}

static unsigned
item_category(const struct item *it)
{
	return it->e != NULL ? it->e->category : ACS_CAT_NONE;
}

static const char *
item_advice(const struct item *it)
{
	return it->e != NULL ? it->e->advice : it->r != NULL ?
	    it->r->advice : "";
}

static const char *
item_note(const struct item *it)
{
	return it->e != NULL ? it->e->note : "";
}

static const struct acs_source *
item_source(const struct item *it)
{
	return &acs_sources[it->e != NULL ? it->e->source : it->c != NULL ?
	    it->c->source : it->r->source];
}

/* The message, into b: the rule's with the SIP code its subcode ends in,
 * in the article's words. */
static void
put_message(struct buf *b, const struct item *it)
{
	char sip[160];

	if (it->e != NULL || it->c != NULL) {
		puts_buf(b, it->e != NULL ? it->e->message : it->c->message);
		return;
	}
	puts_buf(b, it->r->message);
	if (it->sip == NULL)
		return;
	snprintf(sip, sizeof(sip), "\nThe SIP response code from the SBC was "
	    "%u (%s).", (unsigned)it->sip->code, it->sip->reason);
	puts_buf(b, sip);
}

/*
 * The code an item answers for: the code asked when an entry has it or
 * when the item has none of its own (a generic subcode, a class, the
 * rule), else the entry's first; 0 with *none set if there is none.
 */
static uint32_t
item_code(const struct item *it, int *none)
{
	*none = 0;
	if (it->e != NULL && it->e->ncodes > 0 && (!it->has_code ||
	    !entry_has_code(it->e, it->code)) && it->m != MATCH_GENERIC_SUBCODE)
		return it->e->codes[0];
	*none = !it->has_code;
	return it->code;
}

/* The subcode: the entry's, the one the rule explains; a class has none. */
static int
item_subcode(const struct item *it, uint32_t *subcode)
{
	if (it->e != NULL && it->e->has_subcode)
		*subcode = it->e->subcode;
	else if (it->r != NULL)
		*subcode = it->subcode;
	else
		return 0;
	return 1;
}

static const struct acs_link *
item_links(const struct item *it, size_t *n)
{
	*n = it->e != NULL ? it->e->nlinks : 0;
	return it->e != NULL ? it->e->links : NULL;
}

/* The key line: "Call end codes: code 410, subcode 3112", "Generic status
 * codes: 4xx codes", "PSTN codes: subcode 560503, SBC rule (outbound)". */
static void
print_key(const struct item *it)
{
	const struct acs_entry *e = it->e;
	const char *b = out.color ? BOLD : "", *r = out.color ? RESET : "";

	printf("%s:", item_table(it)->title);
	if (it->c != NULL)
		printf(" %s", it->c->title);
	else if (it->r != NULL)
		printf(" subcode %s%u%s, SBC rule (%s call)", b, it->subcode, r,
		    it->r->direction);
	for (size_t i = 0; e != NULL && i < e->ncodes; i++)
		printf("%s%s%u%s", i > 0 ? ", " : e->ncodes > 1 ? " codes " :
		    " code ", b, e->codes[i], r);
	if (e != NULL && e->has_subcode)
		printf("%s subcode %s%u%s", e->ncodes > 0 ? "," : "", b,
		    e->subcode, r);
	putchar('\n');
}

static void
print_long(const struct item *it)
{
	size_t nlinks;
	const struct acs_link *links = item_links(it, &nlinks);

	print_separator();
	print_key(it);
	print_field("Category:", category_name(item_category(it)),
	    category_color(item_category(it)));
	line.len = 0;
	put_message(&line, it);
	print_field("Message:", line.s, NULL);
	print_field("Advice:", item_advice(it), NULL);
	print_links(links, nlinks);
	print_field("Note:", item_note(it), NULL);
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

/* A code or codes for a line: the entry's own list, else the code its
 * item answers for; "-" if none. */
static void
put_item_codes(struct buf *b, const struct item *it, const char *sep)
{
	char num[16];
	int none;
	uint32_t code = item_code(it, &none);

	if (it->e != NULL && it->e->ncodes > 0 && it->m != MATCH_GENERIC_SUBCODE)
		put_codes(b, it->e, sep);
	else if (!none) {
		snprintf(num, sizeof(num), "%u", code);
		puts_buf(b, num);
	} else
		put(b, "-", 1);
}

/* One line: table, code(s), subcode, category, message. */
static void
print_one_line(const struct item *it)
{
	const char *cat = category_name(item_category(it));
	char num[16];
	size_t from, to;
	uint32_t subcode;

	line.len = 0;
	puts_buf(&line, item_table(it)->name);
	put(&line, "\t", 1);
	put_item_codes(&line, it, ",");
	if (item_subcode(it, &subcode))
		snprintf(num, sizeof(num), "\t%u\t", subcode);
	else
		snprintf(num, sizeof(num), "\t-\t");
	puts_buf(&line, num);
	from = line.len;
	puts_buf(&line, *cat != '\0' ? cat : "-");
	to = line.len;
	put(&line, "\t", 1);
	{
		struct buf msg = { NULL, 0, 0 };

		put_message(&msg, it);
		put_joined(&line, msg.s);
		free(msg.s);
	}
	print_line(line.s, from, to, *cat != '\0' ?
	    category_color(item_category(it)) : NULL);
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

/* A field of an item. */
static void
put_item_field(struct buf *b, enum field f, const void *p)
{
	const struct item *it = p;
	const struct acs_link *links;
	struct buf msg = { NULL, 0, 0 };
	char num[16];
	size_t nlinks;
	uint32_t subcode;

	switch (f) {
	case FIELD_TABLE:
		puts_buf(b, item_table(it)->name);
		break;
	case FIELD_CODE:
		put_item_codes(b, it, ",");
		if (b->len > 0 && b->s[b->len - 1] == '-' &&
		    (b->len == 1 || b->s[b->len - 2] == '\t'))
			b->len--;	/* "-" comes back for an empty field */
		break;
	case FIELD_SUBCODE:
		if (item_subcode(it, &subcode)) {
			snprintf(num, sizeof(num), "%u", subcode);
			puts_buf(b, num);
		}
		break;
	case FIELD_CATEGORY:
		puts_buf(b, category_name(item_category(it)));
		break;
	case FIELD_MESSAGE:
		put_message(&msg, it);
		put_joined(b, msg.s);
		free(msg.s);
		break;
	case FIELD_ADVICE:
		put_joined(b, item_advice(it));
		break;
	case FIELD_LINKS:
		links = item_links(it, &nlinks);
		put_urls(b, links, nlinks);
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

/* "tips": those that follow an entry, as strings. */
static void
json_item_tips(const struct item *it)
{
	const struct acs_tip *tips[ANSWER_MAX_TIPS];
	size_t n = 0;

	if (it->e != NULL && !out.no_tips)
		n = entry_tips(it->e, tips, ANSWER_MAX_TIPS);
	printf(",\"tips\":[");
	for (size_t i = 0; i < n && i < ANSWER_MAX_TIPS; i++) {
		if (i > 0)
			putchar(',');
		json_tip_text(tips[i]);
	}
	putchar(']');
}

/* "sip": the SIP code the rule's subcode ends in, with its phrase. */
static void
json_sip(const struct acs_sip *sip)
{
	if (sip == NULL) {
		printf(",\"sip\":null");
		return;
	}
	printf(",\"sip\":{\"code\":%u,\"reason\":", (unsigned)sip->code);
	json_string(sip->reason);
	printf(",\"reference\":");
	json_string(sip->reference);
	printf(",\"source\":");
	json_string(source_kind_name(acs_sources[sip->source].kind));
	putchar('}');
}

/*
 * An item as a JSON object, in the shape of every lookup object; "code" is
 * the code it answers for (see item_code), "codes" the entry's own; the
 * answer's objects carry the query and, nested in "context", what the code
 * means whatever the subcode.
 */
static void
print_json(const struct item *it, const struct acs_entry *const *ctx,
    size_t nctx)
{
	const struct acs_link *links;
	size_t i, nlinks;
	uint32_t v;
	int none;

	printf("{");
	if (out.query != NULL && !it->context) {
		printf("\"query\":");
		json_string(out.query);
		putchar(',');
	}
	printf("\"table\":");
	json_string(item_table(it)->name);
	v = item_code(it, &none);
	printf(none ? ",\"code\":null" : ",\"code\":%u", v);
	if (it->e != NULL) {
		printf(",\"codes\":[");
		for (i = 0; i < it->e->ncodes; i++)
			printf("%s%u", i > 0 ? "," : "", it->e->codes[i]);
		putchar(']');
	} else
		printf(",\"codes\":null");
	if (item_subcode(it, &v))
		printf(",\"subcode\":%u", v);
	else
		printf(",\"subcode\":null");
	printf(",\"category\":");
	json_string_or_null(category_name(item_category(it)));
	printf(",\"message\":");
	line.len = 0;
	put_message(&line, it);
	json_string(line.s);
	printf(",\"advice\":");
	json_string_or_null(item_advice(it));
	printf(",\"links\":");
	links = item_links(it, &nlinks);
	json_links(links, nlinks);
	printf(",\"note\":");
	json_string_or_null(item_note(it));
	json_item_tips(it);
	printf(",\"match\":\"%s\",\"source\":", match_name(it->m));
	json_string(source_kind_name(item_source(it)->kind));
	if (it->r != NULL)
		json_sip(it->sip);
	if (!it->context) {
		printf(",\"context\":[");
		for (i = 0; i < nctx; i++) {
			struct item c = *it;

			c.m = MATCH_CODE;
			c.context = 1;
			c.e = ctx[i];
			c.c = NULL;
			c.r = NULL;
			if (i > 0)
				putchar(',');
			print_json(&c, NULL, 0);
		}
		printf("]}\n");
	} else
		putchar('}');
}

/* Print an item in the chosen format; the context goes with it in JSON
 * only.  Chosen fields (-o) print answers only, not context. */
static void
print_item(const struct item *it, const struct acs_entry *const *ctx,
    size_t nctx)
{
	switch (out.format) {
	case FORMAT_LONG:
		print_long(it);
		break;
	case FORMAT_LINE:
		print_one_line(it);
		break;
	case FORMAT_JSON:
		print_json(it, ctx, nctx);
		break;
	case FORMAT_FIELDS:
		if (!it->context)
			print_row(put_item_field, it);
		break;
	}
	out.printed = 1;
}

/* Print an entry of a search or list in the chosen format. */
void
print_entry(const struct acs_entry *e)
{
	struct item it = { .m = MATCH_EXACT, .e = e };

	print_item(&it, NULL, 0);
}

/* The heading over the answer, saying how exact it is (long output). */
static void
print_level_heading(const struct answer *a)
{
	const struct query *q = &a->q;
	const char *title = a->cls != NULL ? a->cls->title : "";

	if (q->kind == QUERY_PAIR && a->level != MATCH_EXACT) {
		if (a->level == MATCH_GENERIC_SUBCODE)
			print_heading("No table lists code %u with subcode %u; "
			    "the generic subcode applies.", q->code, q->subcode);
		else if (a->level == MATCH_CODE)
			print_heading("No table lists code %u with subcode %u. "
			    "What code %u means, whatever the subcode:", q->code,
			    q->subcode, q->code);
		else if (a->level == MATCH_CLASS)
			print_heading("No table lists code %u with subcode %u, "
			    "or code %u alone. What the article says of %s:",
			    q->code, q->subcode, q->code, title);
		else
			print_heading("No table lists code %u with subcode %u, "
			    "or code %u alone.", q->code, q->subcode, q->code);
	} else if (q->kind != QUERY_PAIR && a->nentries == 0 && a->cls != NULL)
		print_heading("No table lists %s%u. What the article says of "
		    "%s:", q->kind == QUERY_NUMBER ? "code or subcode " :
		    "code ", q->code, title);
}

/*
 * Print the answer to a lookup: a heading saying how exact it is, the
 * answer, what the code means whatever the subcode, the class that follows
 * a number's entries, the SBC rule, then the tips.  In JSON the context is
 * nested in each answer; chosen fields (-o) print the answer and the rule.
 */
void
print_answer(const struct answer *a)
{
	struct item it = { .m = a->level, .code = a->q.code,
		.has_code = a->q.kind != QUERY_SUBCODE,
		.subcode = a->q.subcode, .has_subcode = a->q.kind == QUERY_PAIR };
	size_t i;

	if (a->q.kind == QUERY_SUBCODE)
		it.subcode = a->q.code;
	print_level_heading(a);
	for (i = 0; i < a->nentries; i++) {
		it.e = a->entries[i];
		print_item(&it, a->context, a->ncontext);
	}
	it.e = NULL;
	if (out.format != FORMAT_JSON && out.format != FORMAT_FIELDS &&
	    a->ncontext > 0) {
		print_heading("Code %u, whatever the subcode:", a->q.code);
		for (i = 0; i < a->ncontext; i++) {
			struct item c = { .m = MATCH_CODE, .e = a->context[i],
				.context = 1 };

			print_item(&c, NULL, 0);
		}
	}
	if (a->cls != NULL) {
		if (a->nentries > 0)
			print_heading("What the article says of %s:",
			    a->cls->title);
		it.m = MATCH_CLASS;
		it.c = a->cls;
		print_item(&it, NULL, 0);
		it.c = NULL;
	}
	if (a->rule != NULL) {
		print_heading("The PSTN rule for subcodes starting with %u:",
		    a->rule->prefix);
		it.m = MATCH_RULE;
		it.r = a->rule;
		it.sip = a->sip;
		it.subcode = a->rule_subcode;
		print_item(&it, NULL, 0);
	}
	if (out.format == FORMAT_LONG || out.format == FORMAT_LINE)
		for (i = 0; i < a->ntips && !out.no_tips; i++)
			print_tip(a->tips[i]);
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
		printf(",\"source\":");
		json_string(source_kind_name(acs_sources[t->source].kind));
		printf("}\n");
		break;
	case FORMAT_FIELDS:
		print_row(put_tip_field, t);
		break;
	}
}

/*
 * The tips to show after a search: those that apply to its entries, and
 * those the search names (unless -t chose tables: tips are in none).  In
 * JSON the entries carry their own tips, so only the search's are shown.
 * None with --no-tips.
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
