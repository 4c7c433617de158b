/*
 * benchrun: time a command against a reference program.  Each is run RUNS
 * times, interleaved, after a few untimed warm-up runs, with stdin and
 * stdout on /dev/null.  The report gives each one's median wall time and
 * peak resident set size, and the ratios of the command's to the
 * reference's.  Used by "make bench".
 *
 * Linux charges a child with the peak RSS of the address space it leaves
 * at exec.  posix_spawn shares benchrun's whole address space (vfork), so
 * every program would measure at least benchrun's size; fork copies only
 * the pages benchrun wrote, a few, so children are forked.
 */
#include <sys/types.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_RUNS	200
#define MAX_RUNS	1000000
#define WARMUP_RUNS	3

extern char **environ;

/* One of the two programs compared, and how its first run ended. */
struct prog {
	char *const	*argv;
	int		 must_succeed;	/* any exit status but 0 is an error */
	int		 runs;		/* runs so far, warm-up ones included */
	int		 first_status;	/* exit status of the first run */
};

static const char usage_line[] =
    "usage: benchrun [-n RUNS] [-w WARMUPS] [-r REFERENCE | -R SHELL-COMMAND]\n"
    "                COMMAND [ARG...]";

static void
usage(void)
{
	fprintf(stderr, "%s\n", usage_line);
	exit(2);
}

/* Parse the argument of -n (min 1) or -w (min 0): a decimal number up
 * to MAX_RUNS. */
static int
parse_runs(const char *s, int min, int opt)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno == ERANGE ||
	    n < min || n > MAX_RUNS)
		errx(2, "-%c: runs must be a number from %d to %d, not '%s'",
		    opt, min, MAX_RUNS, s);
	return (int)n;
}

/*
 * Exit if a run of p was killed or stopped, or exited with a status other
 * than 0 when p must succeed, or other than that of its first run.
 */
static void
check_status(struct prog *p, int status)
{
	int code;

	if (WIFSIGNALED(status))
		errx(2, "%s killed by signal %d", p->argv[0],
		    WTERMSIG(status));
	if (!WIFEXITED(status))
		errx(2, "%s ended abnormally (wait status %#x)", p->argv[0],
		    (unsigned)status);
	code = WEXITSTATUS(status);
	if (p->must_succeed && code != 0)
		errx(2, "%s exited with status %d", p->argv[0], code);
	if (p->runs++ == 0)
		p->first_status = code;
	else if (code != p->first_status)
		errx(2, "%s exited with status %d, but %d on its first run",
		    p->argv[0], code, p->first_status);
}

/*
 * Run p once, stdin and stdout on the descriptor devnull, and check how it
 * ended.  Return the wall time of fork, exec and wait in seconds; store
 * the peak RSS in *rss.  An exec failure comes back through a pipe.
 */
static double
run_once(struct prog *p, int devnull, long *rss)
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	int status, fds[2], error = 0;
	ssize_t n;

	if (pipe(fds) == -1 || fcntl(fds[0], F_SETFD, FD_CLOEXEC) == -1 ||
	    fcntl(fds[1], F_SETFD, FD_CLOEXEC) == -1)
		err(2, "pipe");
	if (clock_gettime(CLOCK_MONOTONIC, &t0) == -1)
		err(2, "clock_gettime");
	if ((pid = fork()) == -1)
		err(2, "fork");
	if (pid == 0) {
		close(fds[0]);
		if (dup2(devnull, STDIN_FILENO) != -1 &&
		    dup2(devnull, STDOUT_FILENO) != -1)
			execvp(p->argv[0], p->argv);
		error = errno;
		(void)!write(fds[1], &error, sizeof(error));
		_exit(127);
	}
	close(fds[1]);
	while ((n = read(fds[0], &error, sizeof(error))) == -1 &&
	    errno == EINTR)
		continue;
	close(fds[0]);
	while (wait4(pid, &status, 0, &ru) == -1)
		if (errno != EINTR)
			err(2, "wait4");
	if (clock_gettime(CLOCK_MONOTONIC, &t1) == -1)
		err(2, "clock_gettime");
	if (n == (ssize_t)sizeof(error)) {
		errno = error;
		err(2, "%s", p->argv[0]);
	}
	check_status(p, status);
	*rss = ru.ru_maxrss;
	return (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Return the median of the n values of v, which it sorts. */
static double
median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	if (n % 2 == 1)
		return v[n / 2];
	return (v[n / 2 - 1] + v[n / 2]) / 2;
}

static double
ratio(double a, double b)
{
	return b > 0 ? a / b : NAN;
}

int
main(int argc, char *argv[])
{
	struct prog ref = { NULL, 0, 0, 0 }, cmd = { NULL, 1, 0, 0 };
	char *refargv[4] = { "/bin/true", NULL, NULL, NULL };
	const char *refname = "/bin/true";
	int warmups = WARMUP_RUNS;
	double *refwall, *cmdwall, *pair;
	double refmed, cmdmed, pairmed;
	long rss, refrss = 0, cmdrss = 0;
	int ch, devnull, i, runs = DEFAULT_RUNS;

	opterr = 0;
	while ((ch = getopt(argc, argv, "+:n:R:r:w:")) != -1) {
		switch (ch) {
		case 'n':
			runs = parse_runs(optarg, 1, 'n');
			break;
		case 'R':
			/* a pipeline, run by the shell */
			refargv[0] = "/bin/sh";
			refargv[1] = "-c";
			refargv[2] = optarg;
			refname = optarg;
			break;
		case 'r':
			refargv[0] = optarg;
			refargv[1] = NULL;
			refname = optarg;
			break;
		case 'w':
			warmups = parse_runs(optarg, 0, 'w');
			break;
		case ':':
			warnx("option -%c needs an argument", optopt);
			usage();
			break;
		default:
			warnx("unknown option -%c", optopt);
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage();
	ref.argv = refargv;
	cmd.argv = argv;

	if ((devnull = open("/dev/null", O_RDWR | O_CLOEXEC)) == -1)
		err(2, "/dev/null");
	if ((refwall = calloc((size_t)runs, sizeof(*refwall))) == NULL ||
	    (cmdwall = calloc((size_t)runs, sizeof(*cmdwall))) == NULL ||
	    (pair = calloc((size_t)runs, sizeof(*pair))) == NULL)
		err(2, NULL);

	for (i = 0; i < warmups; i++) {
		run_once(&ref, devnull, &rss);
		run_once(&cmd, devnull, &rss);
	}
	for (i = 0; i < runs; i++) {
		refwall[i] = run_once(&ref, devnull, &rss);
		if (rss > refrss)
			refrss = rss;
		cmdwall[i] = run_once(&cmd, devnull, &rss);
		if (rss > cmdrss)
			cmdrss = rss;
		pair[i] = ratio(cmdwall[i], refwall[i]);
	}
	refmed = median(refwall, (size_t)runs);
	cmdmed = median(cmdwall, (size_t)runs);
	pairmed = median(pair, (size_t)runs);

	printf("benchrun: %d runs each, interleaved\n", runs);
	printf("reference %s: median wall %.3f ms, peak RSS %ld KiB "
	    "(max over runs)\n", refname, refmed * 1e3, refrss);
	printf("command");
	for (i = 0; i < argc; i++)
		printf(" %s", argv[i]);
	printf(": median wall %.3f ms, peak RSS %ld KiB (max over runs)\n",
	    cmdmed * 1e3, cmdrss);
	printf("ratio command/reference: wall %.2fx (median of per-pair "
	    "ratios %.2fx), peak RSS %.2fx\n", ratio(cmdmed, refmed), pairmed,
	    ratio((double)cmdrss, (double)refrss));

	free(refwall);
	free(cmdwall);
	free(pair);
	close(devnull);
	if (fflush(stdout) == EOF || ferror(stdout))
		err(2, "stdout");
	return 0;
}
