/*
 * Reading log files for the scanner (see input.h).  The operands are
 * first made a list of files, directories walked with -r; then workers
 * (threads, -j) take the files in turn, each scanning one into a tally of
 * its own, while the main thread merges the tallies and prints the
 * messages about each file in the order of the list.  So the results do
 * not depend on -j (short of the cap on distinct pairs), nor the order of
 * the messages.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan/decode.h"
#include "input.h"

#define READ_SIZE ((size_t)128 * 1024)
#define MSG_MAX 512

/* One file to scan, and what came of it. */
struct job {
	char *name;		/* as the user knows it; "-": stdin */
	struct scan_tally tally;
	char msg[MSG_MAX];	/* what to say about it, or "" */
	int failed;		/* it could not be read, or not wholly */
	int done;
};

struct jobs {
	struct job *v;
	size_t n, cap;
	const struct input_options *o;
	size_t next;		/* the next job a worker takes */
	size_t merged;		/* jobs whose results were taken */
	size_t window;		/* how far past them workers may go: the
				 * results waiting are bounded */
	pthread_mutex_t lock;
	pthread_cond_t cond;	/* a job is done, or its results taken */
};

/* "acsdiag: NAME: ..." about job j, said when its turn comes. */
static void
job_say(struct job *j, const char *fmt, ...)
{
	size_t len = strlen(j->msg);
	char text[MSG_MAX];
	va_list ap;

	if (len + 2 >= sizeof(j->msg))
		return;
	va_start(ap, fmt);
	/* va_start is just above (a false positive of clang 14) */
	/* NOLINTNEXTLINE(clang-analyzer-valist.Uninitialized) */
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if ((size_t)snprintf(j->msg + len, sizeof(j->msg) - len,
	    "acsdiag: %s: %s\n", strcmp(j->name, "-") == 0 ? "stdin" :
	    j->name, text) >= sizeof(j->msg) - len)
		memcpy(j->msg + sizeof(j->msg) - 2, "\n", 2);	/* cut */
}

static struct job *
add_job(struct jobs *js, const char *name)
{
	struct job *j;

	if (js->n == js->cap) {
		size_t cap = js->cap > 0 ? 2 * js->cap : 16;
		struct job *v = realloc(js->v, cap * sizeof(*v));

		if (v == NULL)
			return NULL;
		js->v = v;
		js->cap = cap;
	}
	j = &js->v[js->n];
	memset(j, 0, sizeof(*j));
	if ((j->name = strdup(name)) == NULL)
		return NULL;
	scan_tally_init(&j->tally);
	scan_tally_view(&j->tally, js->o->view);
	js->n++;
	return j;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int walk(struct jobs *js, const char *dir);

/* The entries of directory dir, in name order, as jobs: files scanned,
 * directories walked; others said to be passed over. */
static int
walk_entries(struct jobs *js, const char *dir, char **names, size_t n)
{
	size_t dlen = strlen(dir);
	const char *sep = dir[dlen - 1] == '/' ? "" : "/";
	char *path;
	struct stat st;
	struct job *j;
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t len = dlen + strlen(names[i]) + 2;
		int known;

		if ((path = malloc(len)) == NULL)
			return -1;
		snprintf(path, len, "%s%s%s", dir, sep, names[i]);
		/* one that cannot be looked at is a job: opening it says why */
		known = lstat(path, &st) == 0;
		if (known && S_ISDIR(st.st_mode))
			rc = walk(js, path);
		else if ((j = add_job(js, path)) == NULL)
			rc = -1;
		else if (known && !S_ISREG(st.st_mode)) {
			job_say(j, S_ISLNK(st.st_mode) ? "a symbolic link, not "
			    "followed" : "not a regular file, passed over");
			j->done = 1;
		}
		free(path);
	}
	return rc;
}

/* Walk a directory: its files, in name order, become jobs. */
static int
walk(struct jobs *js, const char *dir)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL, **v;
	size_t n = 0, cap = 0;
	int rc = 0;

	if ((d = opendir(dir)) == NULL) {
		struct job *j = add_job(js, dir);

		if (j == NULL)
			return -1;
		job_say(j, "%s", strerror(errno));
		j->failed = j->done = 1;
		return 0;
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap > 0 ? 2 * cap : 64;
			if ((v = realloc(names, cap * sizeof(*names))) == NULL) {
				rc = -1;
				break;
			}
			names = v;
		}
		if ((names[n] = strdup(e->d_name)) == NULL)
			rc = -1;
		else
			n++;
	}
	closedir(d);
	if (rc == 0 && n > 0) {
		qsort(names, n, sizeof(*names), by_name);
		rc = walk_entries(js, dir, names, n);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

/* The operands as a list of jobs.  A directory without -r is an error
 * (as grep says), its turn in the list kept. */
static int
list_jobs(struct jobs *js, char *const *names, int n)
{
	struct stat st;
	struct job *j;

	for (int i = 0; i < n; i++) {
		if (strcmp(names[i], "-") != 0 && stat(names[i], &st) == 0 &&
		    S_ISDIR(st.st_mode)) {
			if (js->o->recursive) {
				if (walk(js, names[i]) != 0)
					return -1;
				continue;
			}
			if ((j = add_job(js, names[i])) == NULL)
				return -1;
			job_say(j, "Is a directory (-r reads directories)");
			j->failed = j->done = 1;
			continue;
		}
		if (add_job(js, names[i]) == NULL)
			return -1;
	}
	return 0;
}

/* Decoded text of a file, to its scan. */
static int
to_scan(void *arg, const char *p, size_t n)
{
	return scan_feed(arg, p, n);
}

/* read(2), again if a signal interrupts it. */
static ssize_t
read_retry(int fd, char *buf, size_t size)
{
	ssize_t n;

	while ((n = read(fd, buf, size)) == -1 && errno == EINTR)
		continue;
	return n;
}

/* name, quoted for a shell if it needs to be, in out[0..size). */
static void
shell_quote(const char *name, char *out, size_t size)
{
	size_t n = 0;

	if (name[strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789_./+=:,@%-")] == '\0' && name[0] != '\0') {
		snprintf(out, size, "%s", name);
		return;
	}
	out[n++] = '\'';
	for (; *name != '\0' && n + 6 < size; name++) {
		if (*name == '\'') {
			memcpy(out + n, "'\\''", 4);
			n += 4;
		} else
			out[n++] = *name;
	}
	out[n++] = '\'';
	out[n] = '\0';
}

/* Say why the decoder stopped reading job j. */
static void
decode_failed(struct job *j, struct decode *d, enum decode_status st)
{
	const char *todo;

	j->failed = 1;
	if (st == DECODE_NOMEM)
		job_say(j, "%s", strerror(ENOMEM));
	else if (st == DECODE_CORRUPT)
		job_say(j, "gzip: %s", d->error);
	else if ((todo = input_kind_todo(d->kind)) != NULL &&
	    strcmp(j->name, "-") != 0) {
		const char *at = strstr(todo, "FILE");
		char quoted[MSG_MAX];

		shell_quote(j->name, quoted, sizeof(quoted));
		job_say(j, "%s; read it with: %.*s%s%s", input_kind_what(d->kind),
		    (int)(at - todo), todo, quoted, at + 4);
		j->tally.stats.skipped[SKIP_FORMAT]++;
	} else if (todo != NULL) {
		job_say(j, "%s; decompress it first", input_kind_what(d->kind));
		j->tally.stats.skipped[SKIP_FORMAT]++;
	} else {
		job_say(j, "%s", input_kind_what(d->kind));
		j->tally.stats.skipped[SKIP_FORMAT]++;
	}
}

/* Read fd, the file of job j, through the decoder into the scan. */
static void
read_fd(struct job *j, int fd, struct decode *d, char *buf)
{
	enum decode_status st = DECODE_OK;
	ssize_t n;

	while ((n = read_retry(fd, buf, READ_SIZE)) > 0)
		if ((st = decode_feed(d, (const unsigned char *)buf,
		    (size_t)n)) != DECODE_OK)
			break;
	if (n < 0) {
		job_say(j, "%s", strerror(errno));
		j->failed = 1;
	}
	if (st == DECODE_OK && n == 0)
		st = decode_finish(d);
	if (st != DECODE_OK)
		decode_failed(j, d, st);
	else if (d->trailing)
		job_say(j, "gzip: trailing garbage after the last member "
		    "ignored");
}

/* Scan the file of job j into its tally. */
static void
scan_job(struct job *j, const struct input_options *o)
{
	struct scan_sink sink;
	struct scan *s;
	struct decode d;
	char *buf;
	int fd = STDIN_FILENO;

	if (strcmp(j->name, "-") != 0 &&
	    (fd = open(j->name, O_RDONLY)) == -1) {
		job_say(j, "%s", strerror(errno));
		j->failed = 1;
		return;
	}
	scan_tally_sink(&j->tally, &sink);
	buf = malloc(READ_SIZE);
	s = scan_open(&o->scan, &sink);
	if (buf == NULL || s == NULL) {
		job_say(j, "%s", strerror(ENOMEM));
		j->failed = 1;
	} else {
		decode_init(&d, to_scan, s);
		read_fd(j, fd, &d, buf);
		decode_free(&d);
	}
	if (s != NULL)
		scan_close(s);
	free(buf);
	if (j->tally.stats.out_of_memory && !j->failed) {
		job_say(j, "%s", strerror(ENOMEM));
		j->failed = 1;
	}
	if (fd != STDIN_FILENO)
		close(fd);
}

/* A worker: scan the jobs not taken yet, one at a time. */
static void *
worker(void *arg)
{
	struct jobs *js = arg;
	struct job *j;

	for (;;) {
		pthread_mutex_lock(&js->lock);
		for (;;) {
			while (js->next < js->n && js->v[js->next].done)
				js->next++;
			if (js->next >= js->n ||
			    js->next < js->merged + js->window)
				break;
			pthread_cond_wait(&js->cond, &js->lock);
		}
		j = js->next < js->n ? &js->v[js->next++] : NULL;
		pthread_mutex_unlock(&js->lock);
		if (j == NULL)
			return NULL;
		scan_job(j, js->o);
		pthread_mutex_lock(&js->lock);
		j->done = 1;
		pthread_cond_broadcast(&js->cond);
		pthread_mutex_unlock(&js->lock);
	}
}

/* Take the result of job j, its turn come: say what there is to say,
 * merge its counts. */
static int
finish_job(struct job *j, struct scan_tally *total)
{
	int failed = j->failed;

	fputs(j->msg, stderr);
	if (scan_merge(total, &j->tally) != 0)
		total->stats.out_of_memory = 1;
	scan_tally_free(&j->tally);
	free(j->name);
	j->name = NULL;
	return failed;
}

/* Run the jobs with nthreads workers besides the main thread's merging;
 * returns how many failed. */
static int
run_jobs(struct jobs *js, int nthreads, struct scan_tally *total)
{
	pthread_t *t = calloc((size_t)nthreads, sizeof(*t));
	int started = 0, failed = 0;

	js->window = 2 * (size_t)nthreads;
	while (t != NULL && started < nthreads && pthread_create(&t[started],
	    NULL, worker, js) == 0)
		started++;
	if (started == 0) {
		js->window = js->n;	/* no threads: do the work here */
		worker(js);
	}
	for (size_t i = 0; i < js->n; i++) {
		pthread_mutex_lock(&js->lock);
		while (!js->v[i].done)
			pthread_cond_wait(&js->cond, &js->lock);
		pthread_mutex_unlock(&js->lock);
		failed += finish_job(&js->v[i], total);
		pthread_mutex_lock(&js->lock);
		js->merged = i + 1;
		pthread_cond_broadcast(&js->cond);
		pthread_mutex_unlock(&js->lock);
	}
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	free(t);
	return failed;
}

/*
 * Scan the operands (none: standard input) into total.  Returns 0, or -1
 * if a file could not be read, or not wholly (each is named on standard
 * error; the others are scanned all the same).
 */
int
scan_inputs(char *const *names, int n, const struct input_options *o,
    struct scan_tally *total)
{
	static char *const stdin_only[] = { "-" };
	struct jobs js;
	int failed = 0;

	memset(&js, 0, sizeof(js));
	js.o = o;
	if (n == 0) {
		names = stdin_only;
		n = 1;
	}
	pthread_mutex_init(&js.lock, NULL);
	pthread_cond_init(&js.cond, NULL);
	if (list_jobs(&js, names, n) != 0) {
		fprintf(stderr, "acsdiag: %s\n", strerror(ENOMEM));
		failed = 1;
	} else if (o->jobs <= 1 || js.n <= 1) {
		for (size_t i = 0; i < js.n; i++) {
			if (!js.v[i].done)
				scan_job(&js.v[i], o);
			failed += finish_job(&js.v[i], total);
		}
	} else
		failed = run_jobs(&js, o->jobs < (int)js.n ? o->jobs :
		    (int)js.n, total);
	for (size_t i = 0; i < js.n; i++) {
		free(js.v[i].name);
		scan_tally_free(&js.v[i].tally);
	}
	free(js.v);
	pthread_cond_destroy(&js.cond);
	pthread_mutex_destroy(&js.lock);
	return failed > 0 ? -1 : 0;
}

/* How many files to scan at once by default: the processors online. */
int
default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)(n < 64 ? n : 64) : 1;
}
