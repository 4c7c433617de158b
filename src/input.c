/*
 * Reading log files for the scanner: read(2) into a fixed buffer, the
 * chunks fed to the scanner as they come.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "input.h"

#define READ_SIZE ((size_t)128 * 1024)

/* read(2), again if a signal interrupts it. */
static ssize_t
read_retry(int fd, char *buf, size_t size)
{
	ssize_t n;

	while ((n = read(fd, buf, size)) == -1 && errno == EINTR)
		continue;
	return n;
}

/*
 * Scan everything readable from fd into the tally.  Returns 0, or -1 with
 * errno set if reading failed or memory ran out (what was read is
 * counted).
 */
int
scan_fd(int fd, enum scan_format format, struct scan_tally *t)
{
	struct scan *s;
	char *buf;
	ssize_t n;
	int rc = 0, saved = 0;

	if ((buf = malloc(READ_SIZE)) == NULL)
		return -1;
	if ((s = scan_open(format, t)) == NULL) {
		free(buf);
		errno = ENOMEM;
		return -1;
	}
	while ((n = read_retry(fd, buf, READ_SIZE)) > 0)
		if ((rc = scan_feed(s, buf, (size_t)n)) != 0) {
			saved = ENOMEM;
			break;
		}
	if (n < 0) {
		rc = -1;
		saved = errno;
	}
	scan_close(s);
	free(buf);
	if (rc == 0 && t->stats.out_of_memory) {
		rc = -1;
		saved = ENOMEM;
	}
	if (saved != 0)
		errno = saved;
	return rc;
}
