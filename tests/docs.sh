#!/bin/sh
# The documentation in step with the program: the man page lints clean,
# its SYNOPSIS is the usage of --help, and --help, the man page and the
# three completions know the same options.
#
# usage: sh tests/docs.sh ACSDIAG

bin=${1:?usage: docs.sh ACSDIAG}
top=$(cd "$(dirname "$0")/.." && pwd) || exit 2
suite=docs
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

# same NAME FILE1 FILE2: the two sorted lists are equal
same() {
	if cmp -s "$2" "$3"; then
		check "$1" ok
	else
		check "$1" fail
		diff "$2" "$3" | sed -n 's/^[<>]/  &/p'
	fi
}

man=$top/man/acsdiag.1
if command -v mandoc >/dev/null 2>&1; then
	mandoc -Tlint -Wwarning "$man" >"$tmp/lint" 2>&1
	[ $? -eq 0 ] && [ ! -s "$tmp/lint" ] && r=ok || r=fail
	check "mandoc -Tlint -Wwarning is silent" "$r"
	cat "$tmp/lint"
	mandoc -Tascii "$man" | col -b >"$tmp/man.txt"
	sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' "$tmp/man.txt" | sed '1d;$d' |
	    tr -s ' \t\n' '   ' >"$tmp/synopsis"
	"$bin" --help | sed -n '/^usage:/,/^$/p' | sed 's/^usage://' |
	    tr -s ' \t\n' '   ' >"$tmp/usage"
	same "the usage of --help is the man page's SYNOPSIS" "$tmp/usage" \
	    "$tmp/synopsis"
	sed -n '/^OPTIONS/,/^[A-Z][A-Z ]*$/p' "$tmp/man.txt" |
	    grep -oE -- '(^| )--?[A-Za-z][a-z-]*' | tr -d ' ' | sort -u \
	    >"$tmp/man.opts"
else
	echo "docs: mandoc not installed, man page checks skipped"
fi

# the version, set once in the Makefile, in -V and the man page
version=$(sed -n 's/^VERSION = //p' "$top/Makefile")
date=$(sed -n 's/^RELEASE_DATE = //p' "$top/Makefile")
[ -n "$version" ] && [ "$("$bin" -V | head -1)" = "acsdiag $version" ] &&
    r=ok || r=fail
check "-V says the Makefile's version" "$r"
grep -q "^\.Os acsdiag $version\$" "$man" && r=ok || r=fail
check "the man page's footer has the version" "$r"
if command -v mandoc >/dev/null 2>&1; then
	[ "$(mandoc -Tascii "$man" | tail -1 | awk '{ print $3, $4, $5 }')" = \
	    "$(LC_ALL=C date -d "$date" '+%B %-d, %Y')" ] && r=ok || r=fail
	check "the man page's date is the release date" "$r"
fi
grep -q "^## $version ($date)\$" "$top/NEWS.md" && r=ok || r=fail
check "NEWS.md has the release" "$r"

"$bin" --help | grep -E '^ +-' | grep -oE -- '(^| )--?[A-Za-z][a-z-]*' |
    tr -d ' ' | sort -u >"$tmp/help.opts"
[ -s "$tmp/help.opts" ] && r=ok || r=fail
check "--help lists options" "$r"
[ -f "$tmp/man.opts" ] && same "--help and the man page's OPTIONS" \
    "$tmp/help.opts" "$tmp/man.opts"

sed -n "/^_acsdiag_options='/,/'/p" "$top/completions/acsdiag.bash" |
    grep -oE -- '--?[A-Za-z][a-z-]*' | sort -u >"$tmp/bash.opts"
same "--help and the bash completion" "$tmp/help.opts" "$tmp/bash.opts"

grep -E "^ +'" "$top/completions/_acsdiag" |
    grep -oE -- "(\{|,|'\*?|\))--?[A-Za-z][a-z-]*" | tr -d "{,')*" |
    sort -u >"$tmp/zsh.opts"
same "--help and the zsh completion" "$tmp/help.opts" "$tmp/zsh.opts"

grep '^complete -c acsdiag' "$top/completions/acsdiag.fish" |
    grep -oE -- ' -(s [A-Za-z]|l [a-z-]+)' |
    sed 's/^ -s /-/; s/^ -l /--/' | sort -u >"$tmp/fish.opts"
same "--help and the fish completion" "$tmp/help.opts" "$tmp/fish.opts"

summary
