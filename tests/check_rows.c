/*
 * check_rows: prove that the acsdiag binary answers every row of codes/.
 *
 * usage: check_rows DIR ACSDIAG
 *
 * Reads DIR/tables.csv and each table's CSV file on its own (libcsv, not
 * the generator's code), runs ACSDIAG once for each key of each row (CODE
 * SUBCODE, or the single number the row has, once for each code a row
 * lists), and checks that it exits 0 and prints the row's table and key
 * line, and under it its category, message, advice, links, note, events,
 * SDK names (DIR/names.csv) and source (the title DIR/sources.csv gives
 * it, for a row not from the article) whole, in the layout acsdiag uses.
 * Every row must name a source of DIR/sources.csv, and the rows of each
 * source are counted against codes/README.md.  Each SDK name must find
 * the rows it names.  Ends with "check_rows: N passed, N failed".
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <csv.h>

struct rows {
	char ***recs;		/* recs[i][j]: field j of record i */
	size_t *nfields;
	size_t n;
	char **cur;
	size_t ncur;
};

static void *
xrealloc(void *p, size_t size)
{
	if ((p = realloc(p, size)) == NULL)
		err(2, NULL);
	return p;
}

static void
on_field(void *data, size_t len, void *arg)
{
	struct rows *r = arg;
	char *s = xrealloc(NULL, len + 1);

	memcpy(s, data, len);
	s[len] = '\0';
	r->cur = xrealloc(r->cur, (r->ncur + 1) * sizeof(*r->cur));
	r->cur[r->ncur++] = s;
}

static void
on_record(int c, void *arg)
{
	struct rows *r = arg;

	(void)c;
	r->recs = xrealloc(r->recs, (r->n + 1) * sizeof(*r->recs));
	r->nfields = xrealloc(r->nfields, (r->n + 1) * sizeof(*r->nfields));
	r->recs[r->n] = r->cur;
	r->nfields[r->n++] = r->ncur;
	r->cur = NULL;
	r->ncur = 0;
}

static void
read_rows(const char *path, struct rows *r)
{
	struct csv_parser p;
	char buf[8192];
	size_t len;
	FILE *fp;

	memset(r, 0, sizeof(*r));
	if ((fp = fopen(path, "r")) == NULL)
		err(2, "%s", path);
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		errx(2, "csv_init");
	while ((len = fread(buf, 1, sizeof(buf), fp)) > 0)
		if (csv_parse(&p, buf, len, on_field, on_record, r) != len)
			errx(2, "%s: %s", path, csv_strerror(csv_error(&p)));
	if (ferror(fp))
		err(2, "%s", path);
	if (csv_fini(&p, on_field, on_record, r) != 0)
		errx(2, "%s: %s", path, csv_strerror(csv_error(&p)));
	csv_free(&p);
	fclose(fp);
	if (r->n == 0)
		errx(2, "%s: empty", path);
}

static void
free_rows(struct rows *r)
{
	for (size_t i = 0; i < r->n; i++) {
		for (size_t j = 0; j < r->nfields[i]; j++)
			free(r->recs[i][j]);
		free(r->recs[i]);
	}
	free(r->recs);
	free(r->nfields);
}

static const char *
column(const struct rows *r, size_t rec, const char *name)
{
	for (size_t j = 0; j < r->nfields[0]; j++)
		if (strcmp(r->recs[0][j], name) == 0)
			return j < r->nfields[rec] ? r->recs[rec][j] : "";
	return "";
}

/* Run acsdiag with ARGS; return its stdout, or NULL if it did not exit 0. */
static char *
run(const char *acsdiag, const char *args)
{
	char cmd[512], *out = NULL;
	size_t len = 0, n;
	char buf[4096];
	FILE *fp;
	int status;

	snprintf(cmd, sizeof(cmd), "'%s' %s", acsdiag, args);
	if ((fp = popen(cmd, "r")) == NULL)
		err(2, "popen");
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0) {
		out = xrealloc(out, len + n + 1);
		memcpy(out + len, buf, n);
		len += n;
	}
	status = pclose(fp);
	if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		free(out);
		return NULL;
	}
	if (out == NULL)
		out = xrealloc(NULL, 1);
	out[len] = '\0';
	return out;
}

/* The text of a field as acsdiag prints it: label, then lines aligned. */
static char *
field_block(const char *label, const char *text)
{
	size_t size = strlen(text) * 2 + 64 * (strlen(text) / 16 + 2);
	char *b = xrealloc(NULL, size), *o = b;
	const char *p = text;
	int first = 1;

	while (*p != '\0') {
		size_t len = strcspn(p, "\n");

		o += sprintf(o, "  %-10s%.*s\n", first ? label : "", (int)len, p);
		first = 0;
		p += len;
		if (*p == '\n')
			p++;
	}
	*o = '\0';
	return b;
}

static int
expect(const char *out, const char *label, const char *text,
    const char *what)
{
	char *b;
	int ok;

	if (*text == '\0')
		return 1;
	b = field_block(label, text);
	ok = strstr(out, b) != NULL;
	if (!ok)
		fprintf(stderr, "check_rows: %s: %s missing:\n%s", what, label,
		    b);
	free(b);
	return ok;
}

/*
 * The block of ACSDIAG's output that shows the entry with key line KEY:
 * from that line to the next empty line or line that is not indented.
 */
static char *
entry_block(const char *out, const char *key)
{
	const char *p = out, *end;
	size_t klen = strlen(key);

	for (; *p != '\0'; p = *end ? end + 1 : end) {
		end = p + strcspn(p, "\n");
		if ((size_t)(end - p) == klen && memcmp(p, key, klen) == 0)
			break;
	}
	if (*p == '\0')
		return NULL;
	for (end = p + klen; *end == '\n' && end[1] == ' ';)
		end += 1 + strcspn(end + 1, "\n");
	return strndup(p, (size_t)(end - p) + 1);
}

static struct rows sources, names;

/* The row of sources.csv named NAME, or 0. */
static size_t
source_row(const char *name)
{
	for (size_t i = 1; i < sources.n; i++)
		if (strcmp(sources.recs[i][0], name) == 0)
			return i;
	return 0;
}

/* The SDK names of subcode SUBCODE in table TABLE, as acsdiag prints them:
 * "A, B", in the order of names.csv; "" if none. */
static void
names_of(const char *table, const char *subcode, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	if (*subcode == '\0')
		return;
	for (size_t i = 1; i < names.n; i++) {
		const char *tables = column(&names, i, "tables"), *p = tables;
		size_t tlen = strlen(table);
		int in = 0;

		if (strcmp(column(&names, i, "subcode"), subcode) != 0)
			continue;
		for (; *p != '\0'; p += strcspn(p, ","), p += strspn(p, ", "))
			if (strncmp(p + strspn(p, " "), table, tlen) == 0 &&
			    strchr(", ", p[strspn(p, " ") + tlen]) != NULL)
				in = 1;
		if (in)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
			    len > 0 ? ", " : "", column(&names, i, "name"));
	}
}

/* Check one lookup of one row; return 1 if it passed. */
static int
check_lookup(const char *acsdiag, const char *table, const char *title,
    const struct rows *r, size_t i, const char *code, const char *codes)
{
	const char *source = column(r, i, "source");
	char sdknames[1024];
	const char *subcode = column(r, i, "subcode");
	const char *links = column(r, i, "links");
	const char *category = column(r, i, "category");
	char args[128], key[256], *out, *block;
	int ok = 1, n = 0;

	if (*code != '\0' && *subcode != '\0')
		snprintf(args, sizeof(args), "%s %s", code, subcode);
	else
		snprintf(args, sizeof(args), "%s", *code ? code : subcode);
	if ((out = run(acsdiag, args)) == NULL) {
		fprintf(stderr, "check_rows: acsdiag %s: failed\n", args);
		return 0;
	}
	if (*codes != '\0')
		snprintf(key, sizeof(key), "%s: %s %s%s%s", title,
		    strchr(codes, ',') ? "codes" : "code", codes,
		    *subcode ? ", subcode " : "", subcode);
	else
		snprintf(key, sizeof(key), "%s: subcode %s", title, subcode);
	if ((block = entry_block(out, key)) == NULL) {
		fprintf(stderr, "check_rows: acsdiag %s: no line '%s'\n", args,
		    key);
		free(out);
		return 0;
	}
	if (*category == '\0' && strstr(block, "\n  Category:") != NULL) {
		fprintf(stderr, "check_rows: acsdiag %s: a category where the "
		    "article gives none\n", args);
		ok = 0;
	}
	ok &= expect(block, "Category:", category, args);
	ok &= expect(block, "Message:", column(r, i, "message"), args);
	ok &= expect(block, "Advice:", column(r, i, "advice"), args);
	ok &= expect(block, "Note:", column(r, i, "note"), args);
	ok &= expect(block, "Event:", column(r, i, "event"), args);
	names_of(table, subcode, sdknames, sizeof(sdknames));
	ok &= expect(block, "Names:", sdknames, args);
	if (*source != '\0' && strcmp(source, "article") != 0 &&
	    source_row(source) > 0)
		ok &= expect(block, "Source:", sources.recs[source_row(source)][2],
		    args);
	else if (strstr(block, "\n  Source:") != NULL) {
		fprintf(stderr, "check_rows: acsdiag %s: a Source: line for a "
		    "row of the article\n", args);
		ok = 0;
	}
	for (const char *p = links; *p != '\0'; n++) {
		size_t len = strcspn(p, "\n");
		const char *lt = memchr(p, '<', len);
		char want[1024];

		if (lt != NULL)
			snprintf(want, sizeof(want), "  %-10s%.*s: %.*s\n",
			    n == 0 ? "Links:" : "", (int)(lt - 1 - p), p,
			    (int)(len - (size_t)(lt + 1 - p) - 1), lt + 1);
		else
			snprintf(want, sizeof(want), "  %-10s%.*s\n",
			    n == 0 ? "Links:" : "", (int)len, p);
		if (strstr(block, want) == NULL) {
			fprintf(stderr, "check_rows: acsdiag %s: no link line "
			    "%s", args, want);
			ok = 0;
		}
		p += len;
		if (*p == '\n')
			p++;
	}
	free(block);
	free(out);
	return ok;
}

/*
 * The rows of each source, as codes/README.md counts them: the article's
 * 290 and those added from other sources.
 */
static const struct {
	const char *source;
	size_t rows;
} source_counts[] = {
	{ "article", 290 }, { "upstream-pstn", 2 }, { "upstream-sms", 1 },
	{ "upstream-call-automation", 34 }, { "upstream-newer", 2 },
	{ "learn-play", 11 }, { "learn-recognize", 6 },
	{ "learn-recognize-ai", 7 }, { "learn-direct-routing", 10 },
	{ "ui-library", 17 }, { "iana", 0 }, { "sdk-java", 0 },
	{ "sdk-net", 0 },
};
#define NSOURCES (sizeof(source_counts) / sizeof(source_counts[0]))

/* Check each SDK name finds, with exit status 0, every row of its tables
 * with its subcode, and the name among the row's names; return the
 * number of names that failed. */
static size_t
check_names(const char *dir, const char *acsdiag, const struct rows *index,
    size_t *passed)
{
	size_t failed = 0;

	for (size_t i = 1; i < names.n; i++) {
		const char *name = column(&names, i, "name");
		const char *subcode = column(&names, i, "subcode");
		const char *tables = column(&names, i, "tables");
		char *out = run(acsdiag, name);
		int ok = out != NULL, found = 0;

		for (size_t ti = 1; ok && ti < index->n; ti++) {
			const char *tn = index->recs[ti][0], *p;
			char path[1024], key[256];
			struct rows t;

			p = strstr(tables, tn);
			if (p == NULL || (p[strlen(tn)] != '\0' &&
			    p[strlen(tn)] != ','))
				continue;
			snprintf(path, sizeof(path), "%s/%s.csv", dir, tn);
			read_rows(path, &t);
			for (size_t r = 1; r < t.n; r++) {
				const char *codes = column(&t, r, "code");
				char *block;

				if (strcmp(column(&t, r, "subcode"), subcode) != 0)
					continue;
				found++;
				if (*codes != '\0')
					snprintf(key, sizeof(key), "%s: %s %s, "
					    "subcode %s", index->recs[ti][1],
					    strchr(codes, ',') ? "codes" : "code",
					    codes, subcode);
				else
					snprintf(key, sizeof(key), "%s: subcode "
					    "%s", index->recs[ti][1], subcode);
				block = entry_block(out, key);
				if (block == NULL || strstr(block, name) == NULL) {
					fprintf(stderr, "check_rows: acsdiag %s: "
					    "no '%s' naming it\n", name, key);
					ok = 0;
				}
				free(block);
			}
			free_rows(&t);
		}
		if (ok && found == 0) {
			fprintf(stderr, "check_rows: %s names no row\n", name);
			ok = 0;
		}
		if (!ok && out == NULL)
			fprintf(stderr, "check_rows: acsdiag %s: failed\n",
			    name);
		free(out);
		if (ok)
			(*passed)++;
		else
			failed++;
	}
	return failed;
}

int
main(int argc, char *argv[])
{
	struct rows index, t;
	char path[1024];
	size_t passed = 0, failed = 0, rows = 0, counted[NSOURCES] = { 0 };

	if (argc != 3) {
		fputs("usage: check_rows DIR ACSDIAG\n", stderr);
		return 2;
	}
	snprintf(path, sizeof(path), "%s/sources.csv", argv[1]);
	read_rows(path, &sources);
	snprintf(path, sizeof(path), "%s/names.csv", argv[1]);
	read_rows(path, &names);
	snprintf(path, sizeof(path), "%s/tables.csv", argv[1]);
	read_rows(path, &index);
	for (size_t ti = 1; ti < index.n; ti++) {
		snprintf(path, sizeof(path), "%s/%s.csv", argv[1],
		    index.recs[ti][0]);
		read_rows(path, &t);
		for (size_t i = 1; i < t.n; i++, rows++) {
			const char *codes = column(&t, i, "code");
			const char *source = column(&t, i, "source");
			char code[16];
			const char *p = codes;
			size_t k;

			for (k = 0; k < NSOURCES; k++)
				if (strcmp(source_counts[k].source, source) == 0)
					counted[k]++;
			if (source_row(source) == 0) {
				fprintf(stderr, "check_rows: %s line %zu: source "
				    "'%s' not in sources.csv\n", path, i + 1,
				    source);
				failed++;
			}

			do {
				size_t len;

				p += strspn(p, ", ");
				len = strcspn(p, ",");
				snprintf(code, sizeof(code), "%.*s", (int)len,
				    p);
				if (check_lookup(argv[2], index.recs[ti][0],
				    index.recs[ti][1], &t, i, code, codes))
					passed++;
				else
					failed++;
				p += len;
			} while (*p != '\0');
		}
		free_rows(&t);
	}
	for (size_t k = 0; k < NSOURCES; k++)
		if (counted[k] != source_counts[k].rows) {
			fprintf(stderr, "check_rows: %zu rows from %s, expected "
			    "%zu\n", counted[k], source_counts[k].source,
			    source_counts[k].rows);
			failed++;
		}
	if (sources.n - 1 != NSOURCES) {
		fprintf(stderr, "check_rows: %zu sources, expected %zu\n",
		    sources.n - 1, NSOURCES);
		failed++;
	}
	failed += check_names(argv[1], argv[2], &index, &passed);
	free_rows(&index);
	free_rows(&sources);
	free_rows(&names);
	printf("check_rows: %zu rows, %zu lookups\n", rows, passed + failed);
	printf("check_rows: %zu passed, %zu failed\n", passed, failed);
	return failed > 0;
}
