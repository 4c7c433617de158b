/*
 * Reading log files for the scanner: the one place that opens and reads
 * them.  Operands are files, "-" for standard input, or (with -r)
 * directories, read in name order; each file is decoded (gzip, UTF-16)
 * and scanned, several at a time with -j, the results and the messages
 * about them in the order of the operands.
 */
#ifndef ACSDIAG_INPUT_H
#define ACSDIAG_INPUT_H

#include "scan/scan.h"

struct input_options {
	struct scan_options scan;
	const struct scan_view *view;	/* --by, --since, --until */
	int recursive;		/* -r: directories are read */
	int jobs;		/* files scanned at once */
};

int scan_inputs(char *const *names, int n, const struct input_options *o,
    struct scan_tally *total);
int default_jobs(void);

#endif
