/*
 * What the printers (print.c, print_scan.c) share: see fmt.c.
 */
#ifndef ACSDIAG_FMT_H
#define ACSDIAG_FMT_H

#include <stddef.h>
#include <stdint.h>

#include "core/codes.h"
#include "output.h"
#include "scan/report.h"

#define BOLD "\033[1m"
#define GREEN "\033[32m"
#define YELLOW "\033[33m"
#define RED "\033[31m"
#define UNDERLINE "\033[4m"
#define RESET "\033[0m"

/* A growing buffer for building a line. */
struct buf {
	char *s;
	size_t len, cap;
};

extern struct buf line;

void put(struct buf *b, const char *s, size_t n);
void puts_buf(struct buf *b, const char *s);
void put_joined(struct buf *b, const char *s);
void put_number(struct buf *b, int has, uint32_t v);
void put_category(struct buf *b, unsigned category, size_t *from,
    size_t *to);
const char *category_color(unsigned category);
size_t text_cols(const char *s, size_t n);
size_t text_fit(const char *s, size_t n, size_t cols);
size_t text_cut(const char *s, size_t n, size_t cols, int *cut);
void print_span(const char *s, size_t n, size_t from, size_t to,
    const char *color, const char *tail);
void print_line(const char *s, size_t from, size_t to, const char *color);
void put_json_string(struct buf *b, const char *s);
void put_json_links(struct buf *b, const struct acs_link *links, size_t n);
void put_json_tips(struct buf *b, const struct acs_tip *const *tips,
    size_t n);
void json_string(const char *s);
void json_string_or_null(const char *s);
void fmt_done(void);
void put_pair_message(struct buf *b, const struct pair_report *r);

#endif
