/*
 * What the parts of the command line share: acsdiag.c (options and the
 * lookup commands), cli_scan.c (--scan) and annotate.c (--annotate).
 */
#ifndef ACSDIAG_CLI_H
#define ACSDIAG_CLI_H

#include <stdint.h>

#define EXIT_FOUND 0
#define EXIT_NOT_FOUND 1
#define EXIT_TROUBLE 2

/* The long options without a short form, and -j and -r. */
enum {
	OPT_LIST = 256, OPT_TABLES, OPT_TIPS, OPT_NO_TIPS, OPT_JSON,
	OPT_COLOR, OPT_COMPLETE, OPT_SCAN, OPT_COUNT_FIELD, OPT_SINCE,
	OPT_UNTIL, OPT_BY, OPT_ANNOTATE, OPT_KQL, OPT_KQL_TABLE, OPT_EXPORT,
};

const char *printable(const char *s, char *buf, size_t size);
_Noreturn void usage_error(const char *fmt, ...);

int scan_option(int ch, const char *arg);
const char *scan_option_used(int kql);
void scan_options_done(void);
int cmd_kql(int nfiles, const char *version, const char *table);
int cmd_export(const char *format);
int cmd_scan(char **files, int nfiles, uint64_t tables, int quiet);
int cmd_annotate(char **files, int nfiles, uint64_t tables);

#endif
