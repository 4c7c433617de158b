# acsdiag: see README.md.  Everything builds in this directory.

# The version and its release date: the one place they are written.  -V,
# the man page and the tarball take them from here.
VERSION = 0.2.0
RELEASE_DATE = 2026-11-27
MONTHS = January February March April May June July August September \
	October November December
RELEASE_YMD = $(subst -, ,$(RELEASE_DATE))
MAN_DATE = $(word $(patsubst 0%,%,$(word 2,$(RELEASE_YMD))),$(MONTHS)) \
	$(patsubst 0%,%,$(word 3,$(RELEASE_YMD))), $(word 1,$(RELEASE_YMD))

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d

CC ?= cc
# Warnings are errors in our own builds (a plain make, make check, CI).
# A build with the user's own CFLAGS (from the command line or the
# environment) keeps them warnings, so that a newer compiler's new warning
# cannot break it; WERROR=-Werror turns them back into errors.
ifeq ($(origin CFLAGS),undefined)
WERROR = -Werror
else
WERROR =
endif
CFLAGS ?= -O2
LDFLAGS ?=
# The hardening flags are on by default and can be emptied one by one
# (HARDEN_CPPFLAGS= for an -O0 build: _FORTIFY_SOURCE needs optimization).
WARNFLAGS = -std=c11 -pedantic -Wall -Wextra -Wformat=2 -Wshadow \
	-Wconversion $(WERROR)
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
# Header dependencies, written by the compiler next to each output.
DEPFLAGS = -MMD -MP -MF $@.d -MT $@
PKG_CONFIG ?= pkg-config
CHECK_CFLAGS = $$($(PKG_CONFIG) --cflags check)
CHECK_LIBS = $$($(PKG_CONFIG) --libs check)

# Everything is rebuilt when the flags change: .build-flags holds those of
# the last build and is rewritten, while the Makefile is read, only when
# they differ (as git's GIT-CFLAGS).
BUILD_FLAGS = $(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(ALL_LDFLAGS) \
	$(LDSTATIC) $(VERSION) $(RELEASE_DATE)
ifneq ($(strip $(BUILD_FLAGS)),$(strip $(file <.build-flags)))
$(file >.build-flags,$(strip $(BUILD_FLAGS)))
endif

CODES = $(wildcard codes/*.csv) $(wildcard codes/licenses/*)

# src/ holds one layer a folder (src/README.md): core, scan, cli, and gen,
# the build-time generator.  A folder includes only from itself and the
# layers below it (tests/layers.sh).
LAYER_SRCS = $(filter-out src/core/codes_gen.c,$(wildcard src/$(1)/*.c))
CORE_OBJS = $(patsubst %.c,%.o,$(call LAYER_SRCS,core)) src/core/codes_gen.o
SCAN_OBJS = $(patsubst %.c,%.o,$(call LAYER_SRCS,scan))
CLI_OBJS = $(patsubst %.c,%.o,$(call LAYER_SRCS,cli))
# What the unit tests and the fuzz targets link: every layer below cli.
LIB_OBJS = $(CORE_OBJS) $(SCAN_OBJS)
OBJS = $(CLI_OBJS) $(LIB_OBJS)
FUZZ_TARGETS = query search scan decode
REPLAY_PROGS = tests/fuzz/replay_query tests/fuzz/replay_search \
	tests/fuzz/replay_scan tests/fuzz/replay_decode
TEST_PROGS = tests/check_core tests/check_rows tests/genlog tests/csvread \
	$(REPLAY_PROGS)

.PHONY: all check install uninstall clean bench sanitize memcheck lint fuzz \
	dist distcheck

all: acsdiag man/acsdiag.1

# The man page, with the version and the release date.
man/acsdiag.1: man/acsdiag.1.in .build-flags
	sed -e 's/@VERSION@/$(VERSION)/g' -e 's/@MAN_DATE@/$(MAN_DATE)/g' \
		man/acsdiag.1.in >$@.tmp && mv $@.tmp $@

LIBS = -lcsv -lz -pthread

acsdiag: $(OBJS)
	$(CC) $(ALL_CFLAGS) $(LDSTATIC) $(ALL_LDFLAGS) -o $@ $(OBJS) $(LIBS)

src/%.o: src/%.c .build-flags
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(DEPFLAGS) -c -o $@ $<

src/cli/acsdiag.o: ALL_CPPFLAGS += -DVERSION='"$(VERSION)"'

# The tables, generated from codes/*.csv; never committed.
src/core/codes_gen.c: gencodes $(CODES)
	./gencodes -o $@ codes

gencodes: src/gen/gencodes.c .build-flags
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(DEPFLAGS) $(ALL_LDFLAGS) -o $@ \
		src/gen/gencodes.c -lcsv

CHECK_SRCS = tests/check_core.c tests/check_decode.c tests/check_kql.c \
	tests/check_query.c tests/check_scan.c tests/check_search.c \
	tests/check_time.c

tests/check_core: $(CHECK_SRCS) $(LIB_OBJS) .build-flags
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(CHECK_CFLAGS) $(DEPFLAGS) \
		$(ALL_LDFLAGS) -o $@ $(CHECK_SRCS) $(LIB_OBJS) $(LIBS) \
		$(CHECK_LIBS)

tests/check_rows tests/csvread: .build-flags
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(DEPFLAGS) $(ALL_LDFLAGS) -o $@ \
		$@.c -lcsv

tests/check_rows: tests/check_rows.c
tests/csvread: tests/csvread.c

$(REPLAY_PROGS): tests/fuzz/replay.c $(LIB_OBJS) .build-flags
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(DEPFLAGS) $(ALL_LDFLAGS) -o $@ \
		tests/fuzz/replay.c tests/fuzz/fuzz_$(@:tests/fuzz/replay_%=%).c \
		$(LIB_OBJS) $(LIBS)

tests/genlog tests/benchrun: .build-flags
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) $(DEPFLAGS) $(ALL_LDFLAGS) -o $@ \
		$(filter %.c %.o,$^)

tests/genlog: tests/genlog.c src/core/timeparse.o
tests/benchrun: tests/benchrun.c

-include $(wildcard src/*/*.d tests/*.d tests/fuzz/*.d gencodes.d)

check: acsdiag man/acsdiag.1 gencodes $(TEST_PROGS)
	./tests/check_core
	./tests/check_rows codes ./acsdiag
	sh tests/gen.sh ./gencodes
	sh tests/cli.sh ./acsdiag tests/cli/*.tests
	sh tests/scan.sh ./acsdiag ./tests/genlog
	sh tests/kql.sh ./acsdiag ./tests/csvread
	for t in $(FUZZ_TARGETS); do \
		./tests/fuzz/replay_$$t tests/fuzz/corpus/$$t/* \
			$$(ls -d tests/fuzz/regress/$$t/* 2>/dev/null) || exit 1; \
	done
	sh tests/docs.sh ./acsdiag
	sh tests/layers.sh src
	sh tests/layers-selftest.sh $(CC)
	sh tests/completion.sh ./acsdiag
	MAKE=$(MAKE) sh tests/install.sh

# make bench: a lookup and a search against /bin/true; --scan of a 200 MB
# ACSCallSummary-like JSON Lines file against grep -c and a jq pipeline,
# the JSON reader's SSE2 string skip against its portable path, the file
# gzipped against zcat, eight 25 MB files with -j 2 against -j 1 on two
# processors (taskset), --by day and --by SdkVersion against a plain
# --scan, and --annotate of a 200 MB text log into a pipe against --scan
# of it.
BENCH_LOG = tests/bench.jsonl
BENCH_FILES = tests/bench-1.jsonl tests/bench-2.jsonl tests/bench-3.jsonl \
	tests/bench-4.jsonl tests/bench-5.jsonl tests/bench-6.jsonl \
	tests/bench-7.jsonl tests/bench-8.jsonl
BENCH_TEXT = tests/bench.log
BENCH_DATA = $(BENCH_LOG) $(BENCH_LOG).gz $(BENCH_FILES) $(BENCH_TEXT)

$(BENCH_LOG): tests/genlog
	./tests/genlog -f jsonl -s 200M -o $@

$(BENCH_TEXT): tests/genlog
	./tests/genlog -f text -s 200M -o $@

$(BENCH_LOG).gz: $(BENCH_LOG)
	gzip -c $(BENCH_LOG) >$@

$(BENCH_FILES): tests/genlog
	./tests/genlog -f jsonl -s 25M -S $(@:tests/bench-%.jsonl=%) -o $@

# acsdiag built without the SSE2 path, for make bench.
tests/acsdiag-portable: $(OBJS:.o=.c) .build-flags
	$(CC) $(ALL_CFLAGS) $(ALL_CPPFLAGS) -DACSDIAG_PORTABLE $(LDSTATIC) \
		$(ALL_LDFLAGS) -o $@ $(OBJS:.o=.c) $(LIBS)

bench: acsdiag tests/benchrun tests/acsdiag-portable $(BENCH_DATA)
	./tests/benchrun -n 300 ./acsdiag 410 3112
	./tests/benchrun -n 300 ./acsdiag --search network
	./tests/benchrun -n 10 -w 1 \
		-R 'grep -c ParticipantEndSubCode $(BENCH_LOG) >tests/bench.out' \
		./acsdiag -q --scan $(BENCH_LOG)
	./tests/benchrun -n 1 -w 0 \
		-R "jq -r '[.ParticipantEndReason,.ParticipantEndSubCode]|@tsv' $(BENCH_LOG) | sort | uniq -c >tests/bench.out" \
		./acsdiag -q --scan $(BENCH_LOG)
	./tests/benchrun -n 10 -w 1 \
		-R './tests/acsdiag-portable -q --scan $(BENCH_LOG)' \
		./acsdiag -q --scan $(BENCH_LOG)
	./tests/benchrun -n 5 -w 1 -R 'zcat $(BENCH_LOG).gz >/dev/null' \
		./acsdiag -q --scan $(BENCH_LOG).gz
	./tests/benchrun -n 5 -w 1 \
		-R 'taskset -c 0,1 ./acsdiag -q --scan -j 1 $(BENCH_FILES)' \
		taskset -c 0,1 ./acsdiag -q --scan -j 2 $(BENCH_FILES)
	./tests/benchrun -n 5 -w 1 -R './acsdiag -q --scan $(BENCH_LOG)' \
		./acsdiag -q --scan --by day $(BENCH_LOG)
	./tests/benchrun -n 5 -w 1 -R './acsdiag -q --scan $(BENCH_LOG)' \
		./acsdiag -q --scan --by SdkVersion $(BENCH_LOG)
	./tests/benchrun -n 5 -w 1 -R './acsdiag -q --scan $(BENCH_TEXT)' \
		sh -c './acsdiag --annotate $(BENCH_TEXT) | cat >/dev/null'
	@rm -f tests/bench.out

# The test suite again, built with AddressSanitizer and
# UndefinedBehaviorSanitizer: any report fails it.  The build is cleaned
# before and after.
SANITIZE_CFLAGS = -O1 -g -fno-omit-frame-pointer \
	-fsanitize=address,undefined -fno-sanitize-recover=all

sanitize:
	$(MAKE) clean
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(MAKE) CFLAGS="$(SANITIZE_CFLAGS)" \
		LDFLAGS="-fsanitize=address,undefined" LDSTATIC=-pie \
		HARDEN_CPPFLAGS= check
	$(MAKE) clean

# The CLI cases under valgrind's memcheck (a dynamic build: valgrind does
# not follow a static PIE's start).
memcheck:
	$(MAKE) clean
	$(MAKE) LDSTATIC=-pie CFLAGS="-O1 -g" WERROR=-Werror acsdiag
	sh tests/memcheck.sh ./acsdiag tests/cli/*.tests
	$(MAKE) clean

# cppcheck, and clang-tidy's bugprone, cert and clang-analyzer checks,
# less three: cert-err33-c (acsdiag checks stdout once, at the end, with
# ferror), bugprone-easily-swappable-parameters (style), and the analyzer's
# Annex K advice (glibc has no memcpy_s).
TIDY_CHECKS = -*,bugprone-*,cert-*,clang-analyzer-*,-cert-err33-c,\
-bugprone-easily-swappable-parameters,\
-clang-analyzer-security.insecureAPI.DeprecatedOrUnsafeBufferHandling

lint: src/core/codes_gen.c
	cppcheck --error-exitcode=1 --enable=warning,portability,performance \
		--inline-suppr --quiet --std=c11 -Isrc \
		-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE src/*/*.c
	clang-tidy --quiet --warnings-as-errors='*' -checks='$(TIDY_CHECKS)' \
		src/*/*.c -- -std=c11 -Isrc -D_POSIX_C_SOURCE=200809L \
		-D_DEFAULT_SOURCE

# libFuzzer targets, each run FUZZ_SECONDS from its seed corpus; new
# inputs and crashes go to tests/fuzz/work (see tests/fuzz/README.md).
FUZZ_SECONDS = 60
FUZZ_CC = clang
FUZZ_CFLAGS = -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Isrc -D_POSIX_C_SOURCE=200809L \
	-D_DEFAULT_SOURCE
FUZZ_SRCS = $(LIB_OBJS:.o=.c)

fuzz: src/core/codes_gen.c
	for t in $(FUZZ_TARGETS); do \
		$(FUZZ_CC) $(FUZZ_CFLAGS) -o tests/fuzz/fuzz_$$t \
			tests/fuzz/fuzz_$$t.c $(FUZZ_SRCS) $(LIBS) || exit 1; \
		mkdir -p tests/fuzz/work/$$t || exit 1; \
		./tests/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
			-timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
			-artifact_prefix=tests/fuzz/work/ \
			tests/fuzz/work/$$t tests/fuzz/corpus/$$t \
			$$(ls -d tests/fuzz/regress/$$t 2>/dev/null) || exit 1; \
	done

install: acsdiag man/acsdiag.1
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
	rm -f acsdiag gencodes src/*/*.o src/core/codes_gen.c \
		src/core/codes_gen.c.tmp \
		man/acsdiag.1 man/acsdiag.1.tmp \
		src/*/*.d gencodes.d tests/*.d tests/fuzz/*.d .build-flags \
		$(TEST_PROGS) tests/benchrun $(BENCH_DATA) tests/bench.out \
		tests/acsdiag-portable \
		$(FUZZ_TARGETS:%=tests/fuzz/fuzz_%)

# make dist: acsdiag-VERSION.tar.gz, exactly the committed source of HEAD
# (git archive: no build output, no generated C), and its SHA-256.  The
# same bytes wherever it is made: the files sorted, their mtimes the
# commit's, owner 0, gzip -n.  It warns when the tree has changes that are
# not committed: they are not in it.
DIST = acsdiag-$(VERSION)

dist:
	@git rev-parse --verify -q HEAD >/dev/null || \
		{ echo "make dist: not a git checkout" >&2; exit 1; }
	@[ -z "$$(git status --porcelain)" ] || echo "make dist: warning:" \
		"uncommitted changes are not in $(DIST).tar.gz" >&2
	git -c tar.umask=0022 archive --format=tar --prefix=$(DIST)/ HEAD | \
		gzip -n -9 >$(DIST).tar.gz.tmp
	mv $(DIST).tar.gz.tmp $(DIST).tar.gz
	sha256sum $(DIST).tar.gz >$(DIST).tar.gz.sha256
	@cat $(DIST).tar.gz.sha256

# make distcheck: the tarball, unpacked in a scratch directory, builds
# with the default flags, passes make check, and installs and uninstalls
# (nothing may be left installed).
DISTENV = env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u CFLAGS -u CPPFLAGS \
	-u LDFLAGS

distcheck: dist
	@d=$$(mktemp -d) && trap 'rm -rf "$$d"' EXIT && \
	tar -xzf $(DIST).tar.gz -C "$$d" && \
	cd "$$d/$(DIST)" && \
	$(DISTENV) $(MAKE) && $(DISTENV) $(MAKE) check && \
	$(DISTENV) $(MAKE) install DESTDIR="$$d/root" && \
	$(DISTENV) $(MAKE) uninstall DESTDIR="$$d/root" && \
	left=$$(find "$$d/root" -type f -o -type l) && \
	if [ -n "$$left" ]; then \
		echo "make distcheck: left installed: $$left" >&2; exit 1; \
	fi && \
	echo "make distcheck: $(DIST).tar.gz is ready"
