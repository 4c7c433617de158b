/*
 * Quoting a string for JSON or KQL (see escape.h).  Plain runs go out
 * whole.
 */
#include <stdio.h>
#include <string.h>

#include "escape.h"

/* Write s quoted; with cr, a CR as \r (KQL), else as \u000d (JSON, as
 * acsdiag has always written it). */
void
escape_string(const char *s, int cr, escape_out_fn *out, void *arg)
{
	char esc[8];
	size_t n;

	out(arg, "\"", 1);
	for (;;) {
		for (n = 0; s[n] != '\0' && s[n] != '"' && s[n] != '\\' &&
		    (unsigned char)s[n] >= 0x20 && s[n] != 0x7f; n++)
			continue;
		out(arg, s, n);
		s += n;
		if (*s == '\0')
			break;
		switch (*s) {
		case '"':
			out(arg, "\\\"", 2);
			break;
		case '\\':
			out(arg, "\\\\", 2);
			break;
		case '\n':
			out(arg, "\\n", 2);
			break;
		case '\t':
			out(arg, "\\t", 2);
			break;
		default:
			if (*s == '\r' && cr)
				out(arg, "\\r", 2);
			else {
				snprintf(esc, sizeof(esc), "\\u%04x",
				    (unsigned char)*s);
				out(arg, esc, strlen(esc));
			}
		}
		s++;
	}
	out(arg, "\"", 1);
}
