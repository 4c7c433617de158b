/*
 * Strings as JSON and KQL write them: in double quotes, with \" \\ \n \t
 * (and for KQL \r) escaped, other control characters as \u00XX, UTF-8
 * as it is.  No I/O: the bytes go to a callback.
 */
#ifndef ACSDIAG_ESCAPE_H
#define ACSDIAG_ESCAPE_H

#include <stddef.h>

typedef void escape_out_fn(void *arg, const char *s, size_t n);

void escape_string(const char *s, int cr, escape_out_fn *out, void *arg);

#endif
