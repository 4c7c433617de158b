/*
 * A scan's summary on a terminal: an aligned table with a header (count,
 * share, a share bar, code, subcode, category, the message cut to the
 * width), then the totals by category with the failure share.  With --by
 * a field, a table for each of its values; with --by hour or day, a
 * sparkline for each pair across the time buckets instead of the bar,
 * and a line for each bucket with its records and failure share.  Block
 * characters in a UTF-8 locale, ASCII otherwise.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "core/lookup.h"
#include "print.h"
#include "scan/report.h"
#include "core/timeparse.h"

#define BAR_CELLS 10		/* a share bar: 100% fills them */
#define SPARK_MAX 24		/* most cells of a sparkline */

/* A row of a table: a pair, in a group, and its counts over time. */
struct row {
	const struct pair_report *r;
	uint32_t group;		/* the value of the field it is grouped by */
	uint64_t count;
	uint64_t *cells;	/* its sparkline's counts, or NULL */
};

/* The time axis of the sparklines: its buckets and how they map to
 * cells. */
struct axis {
	int dim;		/* the time --by, or -1 */
	int64_t first, unit;	/* the first bucket's start, its length */
	uint64_t steps;		/* buckets from the first to the last */
	size_t ncells;
};

/* Append s, padded with spaces to width columns (at the left if right). */
static void
put_padded(struct buf *b, const char *s, size_t width, int right)
{
	size_t cols = text_cols(s, strlen(s));

	for (size_t i = cols; right && i < width; i++)
		put(b, " ", 1);
	puts_buf(b, s);
	for (size_t i = cols; !right && i < width; i++)
		put(b, " ", 1);
}

/* Append s cut to cols columns, with an ellipsis if cut. */
static void
put_cut(struct buf *b, const char *s, size_t cols)
{
	int cut;

	put(b, s, text_cut(s, strlen(s), cols, &cut));
	if (cut)
		puts_buf(b, out.ellipsis);
}

/* A share bar of BAR_CELLS cells: eighths of a block in UTF-8, '#' in
 * ASCII. */
static void
put_bar(struct buf *b, double share)
{
	static const char *const eighths[] = { "", "\u258f", "\u258e",
		"\u258d", "\u258c", "\u258b", "\u258a", "\u2589" };
	long n;
	int cells = 0;

	if (!(share >= 0.0))
		share = 0.0;	/* NaN too */
	if (share > 1.0)
		share = 1.0;
	n = (long)(share * BAR_CELLS * (out.utf8 ? 8 : 1) + 0.5);

	for (; out.utf8 && n >= 8; n -= 8, cells++)
		puts_buf(b, "\u2588");
	for (; !out.utf8 && n > 0; n--, cells++)
		put(b, "#", 1);
	if (out.utf8 && n > 0) {
		puts_buf(b, eighths[n]);
		cells++;
	}
	for (; cells < BAR_CELLS; cells++)
		put(b, " ", 1);
}

/* A sparkline of the cells, scaled to their largest; nothing is a space. */
static void
put_spark(struct buf *b, const uint64_t *cells, size_t n)
{
	static const char *const blocks[] = { "\u2581", "\u2582", "\u2583",
		"\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	static const char ramp[] = ".:-=+*#%";
	uint64_t max = 0;

	for (size_t i = 0; i < n; i++)
		if (cells[i] > max)
			max = cells[i];
	for (size_t i = 0; i < n; i++) {
		size_t level = max > 0 ? (size_t)((cells[i] * 7 + max - 1) /
		    max) : 0;

		if (cells[i] == 0)
			put(b, " ", 1);
		else if (out.utf8)
			puts_buf(b, blocks[level]);
		else
			put(b, &ramp[level], 1);
	}
}

/* The widths of a table's columns. */
struct widths {
	size_t count, code, subcode, category;
};

static size_t
digits(uint64_t n)
{
	size_t d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static void
measure(const struct row *rows, size_t n, struct widths *w)
{
	w->count = 5;
	w->code = 4;
	w->subcode = 7;
	w->category = 8;
	for (size_t i = 0; i < n; i++) {
		const struct scan_pair *p = rows[i].r->pair;
		size_t c = strlen(category_name(report_category(rows[i].r)));

		if (digits(rows[i].count) > w->count)
			w->count = digits(rows[i].count);
		if (digits(p->code) > w->code)
			w->code = digits(p->code);
		if (p->subcode != SCAN_NO_SUBCODE && digits(p->subcode) >
		    w->subcode)
			w->subcode = digits(p->subcode);
		if (c > w->category)
			w->category = c;
	}
}

/* Print line b, the bytes [from, to) in color; the table is cut to the
 * width already, in its message column. */
static void
emit(const struct buf *b, size_t from, size_t to, unsigned cat)
{
	print_span(b->s, b->len, from, to, cat != ACS_CAT_NONE ?
	    category_color(cat) : NULL, "");
}

/* The columns of the bar or sparkline column, its header's at least. */
static size_t
spark_cols(const struct axis *ax)
{
	if (ax->ncells == 0)
		return BAR_CELLS;
	return ax->ncells > 5 ? ax->ncells : 5;
}

static void
print_header(const struct widths *w, const struct axis *ax)
{
	line.len = 0;
	put_padded(&line, "COUNT", w->count, 1);
	put(&line, "  ", 2);
	put_padded(&line, "SHARE", 6, 1);
	put(&line, "  ", 2);
	put_padded(&line, ax->ncells > 0 ? "TREND" : "", spark_cols(ax), 0);
	put(&line, "  ", 2);
	put_padded(&line, "CODE", w->code, 1);
	put(&line, "  ", 2);
	put_padded(&line, "SUBCODE", w->subcode, 1);
	put(&line, "  ", 2);
	put_padded(&line, "CATEGORY", w->category, 0);
	put(&line, "  MESSAGE", 9);
	printf("%s\n", line.s);
}

/* One row: its columns aligned, its message cut to the width. */
static void
print_row(const struct row *row, uint64_t total, const struct widths *w,
    const struct axis *ax)
{
	const struct scan_pair *p = row->r->pair;
	unsigned cat = report_category(row->r);
	char num[32];
	struct buf msg = { NULL, 0, 0 };
	size_t from, to, used;

	line.len = 0;
	snprintf(num, sizeof(num), "%llu", (unsigned long long)row->count);
	put_padded(&line, num, w->count, 1);
	snprintf(num, sizeof(num), "%.1f%%", 100.0 * (double)row->count /
	    (double)total);
	put(&line, "  ", 2);
	put_padded(&line, num, 6, 1);
	put(&line, "  ", 2);
	if (ax->ncells > 0) {
		put_spark(&line, row->cells, ax->ncells);
		for (size_t i = ax->ncells; i < spark_cols(ax); i++)
			put(&line, " ", 1);
	} else
		put_bar(&line, (double)row->count / (double)total);
	put(&line, "  ", 2);
	snprintf(num, sizeof(num), "%u", p->code);
	put_padded(&line, num, w->code, 1);
	put(&line, "  ", 2);
	if (p->subcode != SCAN_NO_SUBCODE)
		snprintf(num, sizeof(num), "%u", p->subcode);
	else
		snprintf(num, sizeof(num), "-");
	put_padded(&line, num, w->subcode, 1);
	put(&line, "  ", 2);
	from = line.len;
	put_padded(&line, category_name(cat), w->category, 0);
	to = from + strlen(category_name(cat));
	put(&line, "  ", 2);
	used = text_cols(line.s, line.len);
	put_pair_message(&msg, row->r);
	put_cut(&line, msg.s, out.width > used ? out.width - used : 0);
	free(msg.s);
	emit(&line, from, to, cat);
}

/* "COUNT  SHARE  BAR  what" of the totals. */
static void
print_total(uint64_t n, uint64_t records, const char *what, size_t width,
    unsigned cat)
{
	char num[32];
	size_t from;

	if (n == 0)
		return;
	line.len = 0;
	snprintf(num, sizeof(num), "%llu", (unsigned long long)n);
	put_padded(&line, num, width, 1);
	snprintf(num, sizeof(num), "%.1f%%", 100.0 * (double)n /
	    (double)records);
	put(&line, "  ", 2);
	put_padded(&line, num, 6, 1);
	put(&line, "  ", 2);
	put_bar(&line, (double)n / (double)records);
	put(&line, "  ", 2);
	from = line.len;
	puts_buf(&line, what);
	emit(&line, from, line.len, cat);
}

/* "Failures (...): 12.5%" of a group. */
static void
print_failures(const struct group_totals *g)
{
	printf("Failures (UnexpectedClientError and UnexpectedServerError): "
	    "%.1f%%\n", g->records > 0 ? 100.0 * (double)g->failures /
	    (double)g->records : 0.0);
}

/* The totals of a group by category, and its failure share. */
static void
print_totals(const struct group_totals *g, size_t width)
{
	printf("\nBy category:\n");
	for (unsigned i = ACS_CAT_NONE + 1; i < ACS_NCATEGORIES; i++)
		print_total(g->by_category[i], g->records, category_name(i),
		    width, i);
	print_total(g->by_category[ACS_CAT_NONE], g->records,
	    "(no category)", width, ACS_CAT_NONE);
	print_total(g->undocumented, g->records, "(undocumented)", width,
	    ACS_CAT_NONE);
	print_failures(g);
}

/* Rows of the reports r[0..n), which are of one group: sorted most
 * frequent first already. */
static void
print_rows(const struct row *rows, size_t n, const struct axis *ax,
    uint64_t total)
{
	struct widths w;

	measure(rows, n, &w);
	print_header(&w, ax);
	for (size_t i = 0; i < n; i++)
		print_row(&rows[i], total, &w, ax);
}

/* The name of a group, "SdkVersion 1.29.1, OsVersion Windows 11". */
static void
print_group_name(const struct scan_tally *t, const struct scan_pair *p,
    int skip_dim, const struct group_totals *g, int first)
{
	char name[TIME_BUCKET_MAX];
	const char *sep = "";

	printf("%s", first ? "" : "\n");
	for (int d = 0; d < t->view->ndims; d++) {
		if (d == skip_dim)
			continue;
		printf("%s%s %s", sep, t->view->dims[d].name, report_bucket(t, d,
		    p->bucket[d], name, sizeof(name)));
		sep = ", ";
	}
	printf(": %llu record%s, failures %.1f%%\n",
	    (unsigned long long)g->records, g->records == 1 ? "" : "s",
	    g->records > 0 ? 100.0 * (double)g->failures /
	    (double)g->records : 0.0);
}

/* Without a time --by: a table for each group of entries. */
static void
print_groups(const struct scan_result *res)
{
	const struct scan_tally *t = res->tally;
	const struct pair_report *r = res->reports;
	int ndims = t->view != NULL ? t->view->ndims : 0;
	struct axis ax = { -1, 0, 0, 0, 0 };
	struct group_totals g;
	struct row *rows = calloc(res->n + 1, sizeof(*rows));
	size_t i, j;

	if (rows == NULL)
		err(2, NULL);
	for (i = 0; i < res->n; i = j) {
		for (j = i + 1; j < res->n && report_same_group(r[i].pair,
		    r[j].pair, ndims); j++)
			continue;
		for (size_t k = i; k < j; k++) {
			rows[k - i].r = &r[k];
			rows[k - i].count = r[k].pair->count;
		}
		report_group(r + i, j - i, &g);
		if (ndims > 0)
			print_group_name(t, r[i].pair, -1, &g, i == 0);
		print_rows(rows, j - i, &ax, g.records);
		if (ndims > 0)
			print_failures(&g);
	}
	free(rows);
}

/* The time axis of the buckets of dimension d. */
static void
make_axis(const struct scan_tally *t, int d, struct axis *ax)
{
	const struct buckets *b = &t->buckets[d];
	int64_t last = 0;

	ax->dim = d;
	ax->unit = t->view->dims[d].kind == DIM_HOUR ? MS_PER_HOUR :
	    MS_PER_DAY;
	ax->steps = 0;
	for (uint32_t i = BUCKET_FIRST; i < b->n; i++) {
		if (ax->steps == 0 || b->v[i].time < ax->first)
			ax->first = b->v[i].time;
		if (ax->steps == 0 || b->v[i].time > last)
			last = b->v[i].time;
		ax->steps = 1;
	}
	if (ax->steps > 0)
		ax->steps = (uint64_t)((last - ax->first) / ax->unit) + 1;
	ax->ncells = ax->steps < SPARK_MAX ? (size_t)ax->steps : SPARK_MAX;
}

/* The cell of time bucket id on the axis; -1 for no time or lumped. */
static long
cell_of(const struct scan_tally *t, const struct axis *ax, uint32_t id)
{
	uint64_t step;

	if (id < BUCKET_FIRST || ax->ncells == 0)
		return -1;
	step = (uint64_t)((t->buckets[ax->dim].v[id].time - ax->first) /
	    ax->unit);
	return (long)(step * ax->ncells / ax->steps);
}

/* Rows aggregated over time: one per group (the field --by, if any) and
 * pair, most frequent first in each group. */
static int by_row_key(const void *a, const void *b);
static int by_row_count(const void *a, const void *b);
static const uint32_t *row_rank;

static size_t
time_rows(const struct scan_result *res, const struct axis *ax, int fd,
    struct row *rows, uint64_t *cells)
{
	const struct pair_report *r = res->reports;
	size_t n = 0;

	for (size_t i = 0; i < res->n; i++) {
		rows[i].r = &r[i];
		rows[i].group = fd >= 0 ? r[i].pair->bucket[fd] : 0;
		rows[i].count = r[i].pair->count;
	}
	qsort(rows, res->n, sizeof(*rows), by_row_key);
	for (size_t i = 0; i < res->n; i++) {
		const struct scan_pair *p = rows[i].r->pair;
		long c = cell_of(res->tally, ax, p->bucket[ax->dim]);

		if (n == 0 || by_row_key(&rows[n - 1], &rows[i]) != 0) {
			rows[n] = rows[i];
			rows[n].cells = cells + n * ax->ncells;
			rows[n].count = 0;
			n++;
		}
		rows[n - 1].count += p->count;
		if (c >= 0)
			rows[n - 1].cells[c] += p->count;
	}
	qsort(rows, n, sizeof(*rows), by_row_count);
	return n;
}

static int
by_row_key(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	const struct scan_pair *p = x->r->pair, *q = y->r->pair;

	if (x->group != y->group && row_rank != NULL)
		return row_rank[x->group] < row_rank[y->group] ? -1 : 1;
	if (p->code != q->code)
		return p->code < q->code ? -1 : 1;
	return (p->subcode > q->subcode) - (p->subcode < q->subcode);
}

static int
by_row_count(const void *a, const void *b)
{
	const struct row *x = a, *y = b;

	if (x->group != y->group && row_rank != NULL)
		return row_rank[x->group] < row_rank[y->group] ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return by_row_key(a, b);
}

/* A line for each time bucket of a group: its records and shares.
 * rank orders the buckets (report_rank). */
static void
print_buckets(const struct scan_result *res, const struct axis *ax, int fd,
    uint32_t group, const uint32_t *rank)
{
	const struct scan_tally *t = res->tally;
	uint32_t nb = t->buckets[ax->dim].n, *ids;
	struct group_totals *g;
	char name[TIME_BUCKET_MAX];
	int width = t->view->dims[ax->dim].kind == DIM_HOUR ? 20 : 10;

	ids = calloc(nb, sizeof(*ids));
	g = calloc(nb, sizeof(*g));
	if (ids == NULL || g == NULL)
		err(2, NULL);
	for (size_t i = 0; i < res->n; i++) {
		const struct scan_pair *p = res->reports[i].pair;

		if (fd < 0 || p->bucket[fd] == group)
			group_add(&g[p->bucket[ax->dim]], &res->reports[i],
			    p->count);
	}
	for (uint32_t i = 0; i < nb; i++)
		ids[rank[i]] = i;
	printf("\n%-*s  RECORDS  FAILURES  EXPECTED  SUCCESS\n", width,
	    t->view->dims[ax->dim].name);
	for (uint32_t k = 0; k < nb; k++) {
		const struct group_totals *b = &g[ids[k]];

		if (b->records == 0)
			continue;
		printf("%-*s  %7llu  %7.1f%%  %7.1f%%  %6.1f%%\n", width,
		    report_bucket(t, ax->dim, ids[k], name, sizeof(name)),
		    (unsigned long long)b->records, 100.0 *
		    (double)b->failures / (double)b->records, 100.0 *
		    (double)b->by_category[ACS_CAT_EXPECTED_ERROR] /
		    (double)b->records, 100.0 *
		    (double)b->by_category[ACS_CAT_SUCCESS] /
		    (double)b->records);
	}
	free(ids);
	free(g);
}

/* With a time --by: per group of the field --by (if any), a table with a
 * sparkline per pair, and a line per time bucket. */
static void
print_over_time(const struct scan_result *res, int td)
{
	const struct scan_tally *t = res->tally;
	int fd = t->view->ndims == 2 ? 1 - td : -1;
	struct axis ax;
	struct row *rows = calloc(res->n + 1, sizeof(*rows));
	uint64_t *cells;
	uint32_t *rank = NULL, *time_rank;
	size_t n, i, j;

	make_axis(t, td, &ax);
	cells = calloc(res->n * (ax.ncells + 1) + 1, sizeof(*cells));
	if (fd >= 0)
		rank = report_rank(t, fd, res->pairs, res->n);
	time_rank = report_rank(t, td, res->pairs, res->n);
	if (rows == NULL || cells == NULL || (fd >= 0 && rank == NULL) ||
	    time_rank == NULL)
		err(2, NULL);
	row_rank = rank;
	n = time_rows(res, &ax, fd, rows, cells);
	for (i = 0; i < n; i = j) {
		struct group_totals g;

		memset(&g, 0, sizeof(g));
		for (j = i; j < n && rows[j].group == rows[i].group; j++)
			group_add(&g, rows[j].r, rows[j].count);
		if (fd >= 0)
			print_group_name(t, rows[i].r->pair, td, &g, i == 0);
		print_rows(rows + i, j - i, &ax, g.records);
		print_buckets(res, &ax, fd, rows[i].group, time_rank);
	}
	row_rank = NULL;
	free(rank);
	free(time_rank);
	free(cells);
	free(rows);
}

/* The summary of a scan on a terminal. */
void
print_table(const struct scan_result *res)
{
	const struct scan_tally *t = res->tally;
	uint64_t records = res->totals.records;
	int td = -1;

	if (records == 0)
		return;
	for (int d = 0; t->view != NULL && d < t->view->ndims; d++)
		if (t->view->dims[d].kind != DIM_FIELD)
			td = d;
	if (td >= 0)
		print_over_time(res, td);
	else
		print_groups(res);
	if (res->overflow > 0)
		printf("%llu records of more distinct pairs than counted one "
		    "by one\n", (unsigned long long)res->overflow);
	print_totals(&res->totals, digits(records) > 5 ? digits(records) : 5);
}
