/*
 * Reading and writing times (see timeparse.h).  Dates are proleptic
 * Gregorian, years 0000 to 9999; a leap second (:60) is read as the last
 * millisecond of its minute.
 */
#include <stdio.h>
#include <string.h>

#include "timeparse.h"

/* Days from 1970-01-01 to y-m-d (H. Hinnant's algorithm). */
int64_t
days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* The date of a day counted from 1970-01-01. */
void
civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

static unsigned
days_in_month(int64_t y, unsigned m)
{
	static const unsigned char days[] = { 31, 28, 31, 30, 31, 30, 31, 31,
		30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* A cursor over the text being read. */
struct cur {
	const char *p, *end;
};

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Exactly n digits; -1 if not there. */
static long
digits(struct cur *c, int n)
{
	long v = 0;

	if (c->end - c->p < n)
		return -1;
	for (int i = 0; i < n; i++) {
		if (!is_digit(c->p[i]))
			return -1;
		v = v * 10 + (c->p[i] - '0');
	}
	c->p += n;
	return v;
}

/* One or two digits. */
static long
digits12(struct cur *c)
{
	if (c->end - c->p >= 2 && is_digit(c->p[0]) && is_digit(c->p[1]))
		return digits(c, 2);
	return digits(c, 1);
}

static int
eat(struct cur *c, char ch)
{
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return 1;
	}
	return 0;
}

/* The milliseconds of a fraction after its '.' or ','; digits past the
 * third are read and dropped. */
static long
fraction(struct cur *c)
{
	long ms = 0;
	int n = 0;

	while (c->p < c->end && is_digit(*c->p)) {
		if (n < 3)
			ms = ms * 10 + (*c->p - '0');
		n++;
		c->p++;
	}
	if (n == 0)
		return -1;
	for (; n < 3; n++)
		ms *= 10;
	return ms;
}

/* The milliseconds of the day of "HH:MM[:SS[.fff]]"; -1 if bad. */
static int64_t
clock_time(struct cur *c, int twelve)
{
	long h = twelve ? digits12(c) : digits(c, 2), mi, s = 0, ms = 0;

	if (h < 0 || !eat(c, ':') || (mi = digits(c, 2)) < 0 || mi > 59)
		return -1;
	if (eat(c, ':')) {
		if ((s = digits(c, 2)) < 0 || s > 60)
			return -1;
		if ((eat(c, '.') || eat(c, ',')) && (ms = fraction(c)) < 0)
			return -1;
		if (s == 60) {
			s = 59;
			ms = 999;
		}
	}
	if (twelve ? h < 1 || h > 12 : h > 23)
		return -1;
	return ((int64_t)h * 60 + mi) * 60000 + s * 1000 + ms;
}

/* A zone: Z, +HH:MM, +HHMM or +HH (or none: UTC); its offset in ms. */
static int
zone(struct cur *c, int64_t *off)
{
	int sign;
	long h, m = 0;

	*off = 0;
	if (eat(c, 'Z') || eat(c, 'z') || c->p == c->end)
		return 0;
	if (*c->p != '+' && *c->p != '-')
		return 0;	/* what follows is the caller's */
	sign = *c->p++ == '-' ? -1 : 1;
	if ((h = digits(c, 2)) < 0 || h > 23)
		return -1;
	if (eat(c, ':')) {
		if ((m = digits(c, 2)) < 0)
			return -1;
	} else if (c->end - c->p >= 2 && is_digit(c->p[0]))
		m = digits(c, 2);
	if (m < 0 || m > 59)
		return -1;
	*off = sign * ((int64_t)h * 60 + m) * 60000;
	return 0;
}

/* The day of y-m-d, checked. */
static int
day_of(long y, long m, long d, int64_t *day)
{
	if (y < 0 || m < 1 || m > 12 || d < 1 ||
	    (unsigned long)d > days_in_month(y, (unsigned)m))
		return -1;
	*day = days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}

/* ISO 8601 / RFC 3339 at the cursor. */
static int
iso_time(struct cur *c, int64_t *ms)
{
	long y, m, d;
	int64_t day, t = 0, off = 0;

	if ((y = digits(c, 4)) < 0 || !eat(c, '-') ||
	    (m = digits(c, 2)) < 0 || !eat(c, '-') ||
	    (d = digits(c, 2)) < 0 || day_of(y, m, d, &day) != 0)
		return -1;
	if (c->end - c->p >= 3 && (*c->p == 'T' || *c->p == 't' ||
	    *c->p == ' ') && is_digit(c->p[1])) {
		c->p++;
		if ((t = clock_time(c, 0)) < 0 || zone(c, &off) != 0)
			return -1;
	}
	*ms = day * MS_PER_DAY + t - off;
	return 0;
}

/* The portal's "11/26/2026, 10:14:08.340 AM" at the cursor. */
static int
portal_time(struct cur *c, int64_t *ms)
{
	long y, m, d;
	int64_t day, t;
	int pm;

	if ((m = digits12(c)) < 0 || !eat(c, '/') || (d = digits12(c)) < 0 ||
	    !eat(c, '/') || (y = digits(c, 4)) < 0 ||
	    day_of(y, m, d, &day) != 0)
		return -1;
	eat(c, ',');
	if (!eat(c, ' ') || (t = clock_time(c, 1)) < 0 || !eat(c, ' ') ||
	    c->end - c->p < 2 || (c->p[1] != 'M' && c->p[1] != 'm'))
		return -1;
	if (*c->p == 'P' || *c->p == 'p')
		pm = 1;
	else if (*c->p == 'A' || *c->p == 'a')
		pm = 0;
	else
		return -1;
	c->p += 2;
	/* 12:05 AM is 00:05, 12:05 PM is 12:05 */
	if (t >= 12 * MS_PER_HOUR)
		t -= 12 * MS_PER_HOUR;
	*ms = day * MS_PER_DAY + t + (pm ? 12 * MS_PER_HOUR : 0);
	return 0;
}

/* The time that is s[0..len), blanks around it aside.  Returns 0, or -1
 * if it is none. */
int
parse_time(const char *s, size_t len, int64_t *ms)
{
	struct cur c = { s, s + len };

	while (c.p < c.end && (*c.p == ' ' || *c.p == '\t'))
		c.p++;
	while (c.end > c.p && (c.end[-1] == ' ' || c.end[-1] == '\t' ||
	    c.end[-1] == '\r'))
		c.end--;
	if (c.end - c.p >= 5 && c.p[4] == '-') {
		if (iso_time(&c, ms) != 0)
			return -1;
	} else if (portal_time(&c, ms) != 0)
		return -1;
	return c.p == c.end ? 0 : -1;
}

/* An ISO time at the start of s[0..len) (after a '['), such as a log
 * line's: how many bytes it takes, or 0 if there is none. */
size_t
parse_time_prefix(const char *s, size_t len, int64_t *ms)
{
	struct cur c = { s, s + len };

	eat(&c, '[');
	if (iso_time(&c, ms) != 0 || (c.p < c.end && (is_digit(*c.p) ||
	    *c.p == ':')))
		return 0;
	return (size_t)(c.p - s);
}

/* A time given as an option's argument. */
int
parse_time_arg(const char *s, int64_t *ms)
{
	return parse_time(s, strlen(s), ms);
}

int64_t
time_floor(int64_t ms, int64_t unit)
{
	return ms - ((ms % unit) + unit) % unit;
}

/* The bucket that starts at ms: its day, or its hour. */
void
format_bucket(int64_t ms, int hours, char out[TIME_BUCKET_MAX])
{
	int64_t day = time_floor(ms, MS_PER_DAY) / MS_PER_DAY, y;
	unsigned m, d, h = (unsigned)((ms - day * MS_PER_DAY) / MS_PER_HOUR);

	civil_from_days(day, &y, &m, &d);
	if (hours)
		snprintf(out, TIME_BUCKET_MAX, "%04lld-%02u-%02uT%02u:00:00Z",
		    (long long)y, m, d, h);
	else
		snprintf(out, TIME_BUCKET_MAX, "%04lld-%02u-%02u",
		    (long long)y, m, d);
}

void
format_time(int64_t ms, char out[TIME_ISO_MAX])
{
	int64_t day = time_floor(ms, MS_PER_DAY), y;
	unsigned m, d, in = (unsigned)(ms - day);

	civil_from_days(day / MS_PER_DAY, &y, &m, &d);
	snprintf(out, TIME_ISO_MAX, "%04lld-%02u-%02uT%02u:%02u:%02u.%03uZ",
	    (long long)y, m, d, in / 3600000, in / 60000 % 60, in / 1000 % 60,
	    in % 1000);
}
