#!/bin/sh
# make install into a temporary DESTDIR puts exactly the five files in
# place, the man page renders with man -l, and make uninstall removes them.
#
# usage: sh tests/install.sh   (from the top directory, after make)

suite=install
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
make=${MAKE:-make}

cat >"$tmp/want" <<'LIST'
/usr/bin/acsdiag
/usr/share/bash-completion/completions/acsdiag
/usr/share/fish/vendor_completions.d/acsdiag.fish
/usr/share/man/man1/acsdiag.1
/usr/share/zsh/site-functions/_acsdiag
LIST

$make -s install DESTDIR="$tmp/root" PREFIX=/usr >"$tmp/log" 2>&1 &&
    r=ok || r=fail
check "make install DESTDIR PREFIX=/usr" "$r"
(cd "$tmp/root" && find . -type f | sed 's/^\.//' | sort) >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" && r=ok || r=fail
check "the five files are installed" "$r"
[ "$r" = ok ] || diff "$tmp/want" "$tmp/got"
[ -x "$tmp/root/usr/bin/acsdiag" ] &&
    "$tmp/root/usr/bin/acsdiag" -q 410 3112 && r=ok || r=fail
check "the installed binary answers" "$r"
if command -v man >/dev/null 2>&1; then
	MANPAGER=cat MANWIDTH=80 man -l "$tmp/root/usr/share/man/man1/acsdiag.1" \
	    2>"$tmp/man.err" >"$tmp/man.out"
	grep -q 'explain Azure Communication Services' "$tmp/man.out" &&
	    [ ! -s "$tmp/man.err" ] && r=ok || r=fail
	check "man -l renders the page" "$r"
else
	echo "install: man not installed, skipped"
fi
$make -s uninstall DESTDIR="$tmp/root" PREFIX=/usr >>"$tmp/log" 2>&1 &&
    r=ok || r=fail
check "make uninstall" "$r"
[ -z "$(find "$tmp/root" -type f)" ] && r=ok || r=fail
check "make uninstall removes them all" "$r"
[ "$failed" = 0 ] || cat "$tmp/log"

summary
