/*
 * Printing entries and tips.  Everything goes to stdout through stdio;
 * write errors are caught once, at the end, by the caller.
 */
#include <err.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "core/lookup.h"
#include "print.h"
#include "scan/scan.h"
#include "core/search.h"

/* Width of the "Category: " labels that start each field of an entry. */
#define LABEL_WIDTH 10
#define INDENT (2 + LABEL_WIDTH)

#define NAME(id, name, what) name,
static const char *const field_name_s[NFIELDS] = { FIELD_LIST(NAME) };
#undef NAME
#define WHAT(id, name, what) what,
static const char *const field_what[NFIELDS] = { FIELD_LIST(WHAT) };
#undef WHAT

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

/* The name of field f of -o; with what set, what it is, too. */
const char *
field_name(size_t f, const char **what)
{
	if (what != NULL)
		*what = f < NFIELDS ? field_what[f] : "";
	return f < NFIELDS ? field_name_s[f] : "";
}

/* "query, table, ... and links", for a message. */
const char *
field_names(void)
{
	static char names[256];

	size_t n = 0;

	if (names[0] != '\0')
		return names;
	for (size_t f = 0; f < NFIELDS; f++)
		n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
		    f == 0 ? "" : f + 1 < NFIELDS ? ", " : " and ",
		    field_name_s[f]);
	return names;
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
 * One thing printed: an entry, a class of codes or the SBC rule, seen
 * alike through these fields, with how it answers and what was asked
 * (which gives the code of a generic answer, a class or the rule, none of
 * which has its own).
 */
struct item {
	enum match m;
	int context;			/* context of an answer, not one */
	uint32_t code, subcode;		/* asked; the subcode the rule explains */
	int has_code;
	/* what the item is, set by item_of_entry or item_of_other */
	const struct acs_table *table;
	const struct acs_entry *e;	/* an entry: its codes, subcode, tips */
	const char *title;		/* a class's: "4xx codes" */
	const char *direction;		/* the rule's: "outbound" */
	const struct acs_sip *sip;	/* the rule's SIP code, if one */
	unsigned category;
	const char *message, *advice, *note;
	const struct acs_link *links;
	size_t nlinks;
	const struct acs_source *source;
};

/* An item of the entry e. */
static void
item_of_entry(struct item *it, const struct acs_entry *e)
{
	it->table = entry_table(e);
	it->e = e;
	it->title = it->direction = NULL;
	it->sip = NULL;
	it->category = e->category;
	it->message = e->message;
	it->advice = e->advice;
	it->note = e->note;
	it->links = e->links;
	it->nlinks = e->nlinks;
	it->source = &acs_sources[e->source];
}

/* An item of a class of codes or of the SBC rule (c NULL). */
static void
item_of_other(struct item *it, const struct acs_class *c,
    const struct acs_rule *r, const struct acs_sip *sip)
{
	memset(&it->table, 0, sizeof(*it) - offsetof(struct item, table));
	it->category = ACS_CAT_NONE;
	it->advice = it->note = "";
	if (c != NULL) {
		it->table = &acs_tables[c->table];
		it->title = c->title;
		it->message = c->message;
		it->source = &acs_sources[c->source];
	} else if (r != NULL) {
		it->table = &acs_tables[r->table];
		it->direction = r->direction;
		it->sip = sip;
		it->message = r->message;
		it->advice = r->advice;
		it->source = &acs_sources[r->source];
	}
}

/* The message, into b: the rule's with the SIP code its subcode ends in,
 * in the article's words. */
static void
put_message(struct buf *b, const struct item *it)
{
	char sip[160];

	puts_buf(b, it->message);
	if (it->sip == NULL)
		return;
	snprintf(sip, sizeof(sip), "\nThe SIP response code from the SBC was "
	    "%u (%s).", (unsigned)it->sip->code, it->sip->reason);
	puts_buf(b, sip);
}

/*
 * The code an item answers for: the code asked when an entry has it or
 * when the item is a generic subcode, a class or the rule (which have none
 * of their own), else the entry's first; 0 with *none set if there is
 * none (an entry without a code, asked for by number).
 */
static uint32_t
item_code(const struct item *it, int *none)
{
	const struct acs_entry *e = it->e;

	*none = 0;
	if (e == NULL || it->m == MATCH_GENERIC_SUBCODE ||
	    (it->has_code && entry_has_code(e, it->code))) {
		*none = !it->has_code;
		return it->code;
	}
	*none = e->ncodes == 0;
	return e->ncodes > 0 ? e->codes[0] : 0;
}

/* The subcode: the entry's, the one the rule explains; a class has none. */
static int
item_subcode(const struct item *it, uint32_t *subcode)
{
	if (it->e != NULL && it->e->has_subcode)
		*subcode = it->e->subcode;
	else if (it->direction != NULL)
		*subcode = it->subcode;
	else
		return 0;
	return 1;
}

/* The key line: "Call end codes: code 410, subcode 3112", "Generic status
 * codes: 4xx codes", "PSTN codes: subcode 560503, SBC rule (outbound)". */
static void
print_key(const struct item *it)
{
	const struct acs_entry *e = it->e;
	const char *b = out.color ? BOLD : "", *r = out.color ? RESET : "";

	printf("%s:", it->table->title);
	if (it->title != NULL)
		printf(" %s", it->title);
	else if (it->direction != NULL)
		printf(" subcode %s%u%s, SBC rule (%s call)", b, it->subcode, r,
		    it->direction);
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
	print_separator();
	print_key(it);
	print_field("Category:", category_name(it->category),
	    category_color(it->category));
	line.len = 0;
	put_message(&line, it);
	print_field("Message:", line.s, NULL);
	print_field("Advice:", it->advice, NULL);
	print_links(it->links, it->nlinks);
	print_field("Note:", it->note, NULL);
	if (it->e == NULL)
		return;
	print_field("Event:", it->e->event, NULL);
	line.len = 0;
	for (size_t i = 0; i < it->e->nnames; i++) {
		puts_buf(&line, i > 0 ? ", " : "");
		puts_buf(&line, it->e->names[i]);
	}
	print_field("Names:", it->e->nnames > 0 ? line.s : "", NULL);
	if (it->source->kind != ACS_SOURCE_ARTICLE)
		print_field("Source:", it->source->title, NULL);
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
	struct buf msg = { NULL, 0, 0 };
	size_t from, to;
	uint32_t subcode = 0;
	int has;

	line.len = 0;
	puts_buf(&line, it->table->name);
	put(&line, "\t", 1);
	put_item_codes(&line, it, ",");
	put(&line, "\t", 1);
	has = item_subcode(it, &subcode);
	put_number(&line, has, subcode);
	put(&line, "\t", 1);
	put_category(&line, it->category, &from, &to);
	put(&line, "\t", 1);
	put_message(&msg, it);
	put_joined(&line, msg.s);
	free(msg.s);
	print_line(line.s, from, to, it->category != ACS_CAT_NONE ?
	    category_color(it->category) : NULL);
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
	struct buf msg = { NULL, 0, 0 };
	char num[16];
	uint32_t subcode, code;
	int none;

	switch (f) {
	case FIELD_TABLE:
		puts_buf(b, it->table->name);
		break;
	case FIELD_QUERY:
		if (out.query != NULL)
			puts_buf(b, out.query);
		break;
	case FIELD_CODE:
		code = item_code(it, &none);
		if (!none) {
			snprintf(num, sizeof(num), "%u", code);
			puts_buf(b, num);
		}
		break;
	case FIELD_CODES:
		if (it->e != NULL && it->e->ncodes > 0)
			put_codes(b, it->e, ",");
		break;
	case FIELD_SUBCODE:
		if (item_subcode(it, &subcode)) {
			snprintf(num, sizeof(num), "%u", subcode);
			puts_buf(b, num);
		}
		break;
	case FIELD_CATEGORY:
		puts_buf(b, category_name(it->category));
		break;
	case FIELD_MESSAGE:
		put_message(&msg, it);
		put_joined(b, msg.s);
		free(msg.s);
		break;
	case FIELD_ADVICE:
		put_joined(b, it->advice);
		break;
	case FIELD_LINKS:
		put_urls(b, it->links, it->nlinks);
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

/* Print what b holds, then empty it. */
static void
print_buf(struct buf *b)
{
	fwrite(b->s, 1, b->len, stdout);
	b->len = 0;
}

static void
json_links(const struct acs_link *links, size_t n)
{
	line.len = 0;
	put_json_links(&line, links, n);
	print_buf(&line);
}

/* "tips": those that follow an entry, as strings. */
static void
json_item_tips(const struct item *it)
{
	const struct acs_tip *tips[ANSWER_MAX_TIPS];
	size_t n = 0;

	if (it->e != NULL && !out.no_tips)
		n = entry_tips(it->e, tips, ANSWER_MAX_TIPS);
	line.len = 0;
	puts_buf(&line, ",\"tips\":");
	put_json_tips(&line, tips, n < ANSWER_MAX_TIPS ? n : ANSWER_MAX_TIPS);
	print_buf(&line);
}

/* "event" and "names": the callback events of an entry and the SDK names
 * of its subcode; null for what is not an entry. */
static void
json_entry_names(const struct acs_entry *e)
{
	printf(",\"event\":");
	json_string_or_null(e != NULL ? e->event : "");
	if (e == NULL) {
		printf(",\"names\":null");
		return;
	}
	printf(",\"names\":[");
	for (size_t i = 0; i < e->nnames; i++) {
		if (i > 0)
			putchar(',');
		json_string(e->names[i]);
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
	json_string(source_kinds[acs_sources[sip->source].kind]);
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
	size_t i;
	uint32_t v;
	int none;

	printf("{");
	if (out.query != NULL && !it->context) {
		printf("\"query\":");
		json_string(out.query);
		putchar(',');
	}
	printf("\"table\":");
	json_string(it->table->name);
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
	json_string_or_null(category_name(it->category));
	printf(",\"message\":");
	line.len = 0;
	put_message(&line, it);
	json_string(line.s);
	printf(",\"advice\":");
	json_string_or_null(it->advice);
	printf(",\"links\":");
	json_links(it->links, it->nlinks);
	printf(",\"note\":");
	json_string_or_null(it->note);
	json_item_tips(it);
	printf(",\"match\":\"%s\",\"source\":", match_name(it->m));
	json_string(source_kinds[it->source->kind]);
	json_entry_names(it->e);
	if (it->direction != NULL)
		json_sip(it->sip);
	if (!it->context) {
		printf(",\"context\":[");
		for (i = 0; i < nctx; i++) {
			struct item c = *it;

			c.m = MATCH_CODE;
			c.context = 1;
			item_of_entry(&c, ctx[i]);
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
	struct item it = { .m = MATCH_EXACT };

	item_of_entry(&it, e);
	print_item(&it, NULL, 0);
}

/* The line naming the query, over its answer in batch mode (long output):
 * "==> 410/3112 <==", as head(1) names its files. */
void
print_query_heading(const char *query)
{
	print_heading("==> %s <==", query);
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
		.has_code = a->q.kind != QUERY_SUBCODE };
	size_t i;

	print_level_heading(a);
	for (i = 0; i < a->nentries; i++) {
		item_of_entry(&it, a->entries[i]);
		print_item(&it, a->context, a->ncontext);
	}
	if (out.format != FORMAT_JSON && out.format != FORMAT_FIELDS &&
	    a->ncontext > 0) {
		print_heading("Code %u, whatever the subcode:", a->q.code);
		for (i = 0; i < a->ncontext; i++) {
			struct item c = { .m = MATCH_CODE, .context = 1 };

			item_of_entry(&c, a->context[i]);
			print_item(&c, NULL, 0);
		}
	}
	if (a->cls != NULL) {
		if (a->nentries > 0)
			print_heading("What the article says of %s:",
			    a->cls->title);
		it.m = MATCH_CLASS;
		item_of_other(&it, a->cls, NULL, NULL);
		print_item(&it, NULL, 0);
	}
	if (a->rule != NULL) {
		print_heading("The PSTN rule for subcodes starting with %u:",
		    a->rule->prefix);
		it.m = MATCH_RULE;
		item_of_other(&it, NULL, a->rule, a->sip);
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
		json_string(source_kinds[acs_sources[t->source].kind]);
		printf("}\n");
		break;
	case FORMAT_FIELDS:
		print_row(put_tip_field, t);
		break;
	}
}

void
print_done(void)
{
	fmt_done();
}
