/*
 * The commands main (acsdiag.c) calls in the other files of the command
 * line: --scan and --kql (cli_scan.c), --annotate (annotate.c), --export
 * (export.c), and the scan options they share.
 */
#ifndef ACSDIAG_CLI_H
#define ACSDIAG_CLI_H

#include <stdint.h>

/* The long options without a short form, and -j and -r. */
enum {
	OPT_LIST = 256, OPT_TABLES, OPT_TIPS, OPT_NO_TIPS, OPT_JSON,
	OPT_COLOR, OPT_COMPLETE, OPT_SCAN, OPT_COUNT_FIELD, OPT_SINCE,
	OPT_UNTIL, OPT_BY, OPT_ANNOTATE, OPT_KQL, OPT_KQL_TABLE, OPT_EXPORT,
};

int scan_option(int ch, const char *arg);
const char *scan_option_used(int kql);
void scan_options_done(void);
int cmd_kql(int nfiles, const char *version, const char *table);
int cmd_export(const char *format);
int cmd_scan(char **files, int nfiles, uint64_t tables, int quiet);
int cmd_annotate(char **files, int nfiles, uint64_t tables);

#endif
