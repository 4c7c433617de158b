/*
 * What every command of the command line uses: the exit statuses, and
 * the two ways to report bad input (util.c).
 */
#ifndef ACSDIAG_UTIL_H
#define ACSDIAG_UTIL_H

#include <stddef.h>

#define EXIT_FOUND 0
#define EXIT_NOT_FOUND 1
#define EXIT_TROUBLE 2

const char *printable(const char *s, char *buf, size_t size);
_Noreturn void usage_error(const char *fmt, ...);

#endif
