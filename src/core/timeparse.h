/*
 * Times as logs write them, to milliseconds since 1970-01-01 UTC, and
 * back: ISO 8601 / RFC 3339 ("2026-11-26T10:14:08.340Z", a fraction of
 * any length, a zone or none for UTC, a space for the T) and the Log
 * Analytics portal's CSV export ("11/26/2026, 10:14:08.340 AM", UTC).
 * No I/O.
 */
#ifndef ACSDIAG_TIMEPARSE_H
#define ACSDIAG_TIMEPARSE_H

#include <stddef.h>
#include <stdint.h>

#define MS_PER_HOUR INT64_C(3600000)
#define MS_PER_DAY INT64_C(86400000)

int parse_time(const char *s, size_t len, int64_t *ms);
size_t parse_time_prefix(const char *s, size_t len, int64_t *ms);
int parse_time_arg(const char *s, int64_t *ms);

/* ms rounded down to a whole unit (an hour, a day), before 1970 too. */
int64_t time_floor(int64_t ms, int64_t unit);

/* "2026-11-26" (day) or "2026-11-26T10:00:00Z" (hour) of a bucket. */
#define TIME_BUCKET_MAX 24
void format_bucket(int64_t ms, int hours, char out[TIME_BUCKET_MAX]);

/* "2026-11-26T10:14:08.340Z": a time to the millisecond. */
#define TIME_ISO_MAX 32
void format_time(int64_t ms, char out[TIME_ISO_MAX]);

int64_t days_from_civil(int64_t y, unsigned m, unsigned d);
void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);

#endif
