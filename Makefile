# acsdiag: see README.md.  Everything builds in this directory.

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d

CC ?= cc
CFLAGS ?= -O2
LDFLAGS ?=
# Warnings are errors.  The hardening flags are on by default and can be
# emptied one by one (HARDEN_CPPFLAGS= for an -O0 build: _FORTIFY_SOURCE
# needs optimization).
WARNFLAGS = -std=c11 -pedantic -Wall -Wextra -Wformat=2 -Wshadow \
	-Wconversion -Werror
HARDEN_CFLAGS = -fPIE -fstack-protector-strong
HARDEN_CPPFLAGS = -D_FORTIFY_SOURCE=2
HARDEN_LDFLAGS = -Wl,-z,relro,-z,now
# acsdiag is linked as a static PIE: it starts faster and smaller than
# /bin/true (see make bench).  LDSTATIC=-pie links it dynamically, as
# valgrind and the sanitizers need.
LDSTATIC = -static-pie
ALL_CPPFLAGS = -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	$(HARDEN_CPPFLAGS) $(CPPFLAGS)
ALL_CFLAGS = $(WARNFLAGS) $(HARDEN_CFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(HARDEN_LDFLAGS) $(LDFLAGS)
PKG_CONFIG ?= pkg-config
CHECK_CFLAGS = $$($(PKG_CONFIG) --cflags check)
CHECK_LIBS = $$($(PKG_CONFIG) --libs check)

CODES = $(wildcard codes/*.csv)

OBJS = src/acsdiag.o src/print.o src/scan.o src/query.o src/lookup.o \
	src/search.o src/codes_gen.o
TEST_PROGS = tests/check_core tests/check_rows tests/genlog

.PHONY: all check install uninstall clean bench

all: acsdiag

acsdiag: $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDSTATIC) $(ALL_LDFLAGS) -o $@ $(OBJS) -lcsv

src/acsdiag.o: src/acsdiag.c src/lookup.h src/print.h src/query.h src/scan.h \
		src/search.h src/codes.h Makefile
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -DVERSION='"$(VERSION)"' -c -o $@ src/acsdiag.c

src/print.o: src/print.c src/print.h src/lookup.h src/scan.h src/search.h \
		src/codes.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -c -o $@ src/print.c

src/scan.o: src/scan.c src/scan.h src/lookup.h src/query.h src/codes.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -c -o $@ src/scan.c

src/query.o: src/query.c src/query.h src/lookup.h src/codes.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -c -o $@ src/query.c

src/lookup.o: src/lookup.c src/lookup.h src/codes.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -c -o $@ src/lookup.c

src/search.o: src/search.c src/search.h src/lookup.h src/codes.h src/fold.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -c -o $@ src/search.c

src/codes_gen.o: src/codes_gen.c src/codes.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -c -o $@ src/codes_gen.c

# The tables, generated from codes/*.csv; never committed.
src/codes_gen.c: gencodes $(CODES)
	./gencodes -o $@ codes

gencodes: src/gencodes.c src/codes.h src/fold.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(ALL_LDFLAGS) -o $@ src/gencodes.c -lcsv

CORE_OBJS = src/scan.o src/query.o src/lookup.o src/search.o src/codes_gen.o

tests/check_core: tests/check_core.c $(CORE_OBJS) src/lookup.h src/query.h src/search.h \
		src/codes.h
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(CHECK_CFLAGS) $(ALL_LDFLAGS) -o $@ \
		tests/check_core.c $(CORE_OBJS) -lcsv $(CHECK_LIBS)

tests/check_rows: tests/check_rows.c
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(ALL_LDFLAGS) -o $@ tests/check_rows.c -lcsv

tests/genlog: tests/genlog.c
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(ALL_LDFLAGS) -o $@ tests/genlog.c

tests/benchrun: tests/benchrun.c
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(ALL_LDFLAGS) -o $@ tests/benchrun.c

check: acsdiag gencodes $(TEST_PROGS)
	./tests/check_core
	./tests/check_rows codes ./acsdiag
	sh tests/gen.sh ./gencodes
	sh tests/cli.sh ./acsdiag tests/cli.tests
	sh tests/scan.sh ./acsdiag ./tests/genlog
	sh tests/docs.sh ./acsdiag
	sh tests/completion.sh ./acsdiag
	MAKE=$(MAKE) sh tests/install.sh

# make bench: a lookup and a search against /bin/true; --scan of a 200 MB
# ACSCallSummary-like JSON Lines file against grep -c and a jq pipeline.
BENCH_LOG = tests/bench.jsonl

$(BENCH_LOG): tests/genlog
	./tests/genlog -f jsonl -s 200M -o $@

bench: acsdiag tests/benchrun $(BENCH_LOG)
	./tests/benchrun -n 300 ./acsdiag 410 3112
	./tests/benchrun -n 300 ./acsdiag --search network
	./tests/benchrun -n 10 -w 1 \
		-R 'grep -c ParticipantEndSubCode $(BENCH_LOG) >tests/bench.out' \
		./acsdiag -q --scan $(BENCH_LOG)
	./tests/benchrun -n 1 -w 0 \
		-R "jq -r '[.ParticipantEndReason,.ParticipantEndSubCode]|@tsv' $(BENCH_LOG) | sort | uniq -c >tests/bench.out" \
		./acsdiag -q --scan $(BENCH_LOG)
	@rm -f tests/bench.out

install: acsdiag
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) \
		$(DESTDIR)$(FISHCOMPDIR)
	cp acsdiag $(DESTDIR)$(BINDIR)/acsdiag
	chmod 755 $(DESTDIR)$(BINDIR)/acsdiag
	cp man/acsdiag.1 $(DESTDIR)$(MANDIR)/man1/acsdiag.1
	cp completions/acsdiag.bash $(DESTDIR)$(BASHCOMPDIR)/acsdiag
	cp completions/_acsdiag $(DESTDIR)$(ZSHCOMPDIR)/_acsdiag
	cp completions/acsdiag.fish $(DESTDIR)$(FISHCOMPDIR)/acsdiag.fish
	chmod 644 $(DESTDIR)$(MANDIR)/man1/acsdiag.1 \
		$(DESTDIR)$(BASHCOMPDIR)/acsdiag $(DESTDIR)$(ZSHCOMPDIR)/_acsdiag \
		$(DESTDIR)$(FISHCOMPDIR)/acsdiag.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/acsdiag $(DESTDIR)$(MANDIR)/man1/acsdiag.1 \
		$(DESTDIR)$(BASHCOMPDIR)/acsdiag $(DESTDIR)$(ZSHCOMPDIR)/_acsdiag \
		$(DESTDIR)$(FISHCOMPDIR)/acsdiag.fish

clean:
	rm -f acsdiag gencodes src/*.o src/codes_gen.c src/codes_gen.c.tmp \
		$(TEST_PROGS) tests/benchrun $(BENCH_LOG) tests/bench.out
