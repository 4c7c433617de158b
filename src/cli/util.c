/*
 * Reporting bad input from the command line (util.h).
 */
#include <err.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/query.h"
#include "util.h"

/* s for a message: bytes other than printable ASCII escaped, long input
 * cut. */
const char *
printable(const char *s, char *buf, size_t size)
{
	return quote_input(s, strlen(s), buf, size);
}

/* Print a usage error, one line and a hint, and exit 2. */
_Noreturn void
usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	fputs("Try 'acsdiag --help' for more information.\n", stderr);
	exit(EXIT_TROUBLE);
}
