/*
 * Reading log files for the scanner: the one place that calls read(2) on
 * them.
 */
#ifndef ACSDIAG_INPUT_H
#define ACSDIAG_INPUT_H

#include "scan.h"

int scan_fd(int fd, enum scan_format format, struct scan_tally *t);

#endif
