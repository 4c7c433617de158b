/*
 * The output's settings (output.h), with their defaults: a pipe, 80
 * columns, an ASCII ellipsis.
 */
#include "output.h"

struct output out = { .width = 80, .ellipsis = "...", .ellipsis_cols = 3 };
