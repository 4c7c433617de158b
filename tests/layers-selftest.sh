#!/bin/sh
# tests/layers-selftest.sh: tests/layers.sh fails on each thing it is
# there to catch, in a small tree made for it; and passes the same tree
# without them.
#
#   sh tests/layers-selftest.sh [CC]
set -u
cc=${1:-cc}
pass=0 failed=0
t=$(mktemp -d) || exit 2
trap 'rm -rf "$t"' EXIT

# A good tree: cli calls core.
mk() {
	rm -rf "$t/src"
	mkdir -p "$t/src/core" "$t/src/cli"
	printf 'int f(void);\n' >"$t/src/core/f.h"
	printf '#include "f.h"\nint\nf(void)\n{\n\treturn 1;\n}\n' \
	    >"$t/src/core/f.c"
	printf '#include "core/f.h"\nint\ng(void)\n{\n\treturn f();\n}\n' \
	    >"$t/src/cli/g.c"
}

build() {
	for c in "$t"/src/*/*.c; do
		"$cc" -I"$t/src" -c -o "${c%.c}.o" "$c" || exit 2
	done
}

expect() {	# expect STATUS WHAT-STDERR-SAYS NAME
	sh tests/layers.sh "$t/src" >/dev/null 2>"$t/err"
	rc=$?
	if [ "$rc" -eq "$1" ] && { [ -z "$2" ] || grep -q -- "$2" "$t/err"; }; then
		pass=$((pass + 1))
	else
		failed=$((failed + 1))
		echo "FAIL: $3 (status $rc)"
		cat "$t/err"
	fi
}

mk; build; expect 0 '' "a good tree"

mk; printf '#include "cli/g.h"\n' >>"$t/src/core/f.h"
printf 'int g(void);\n' >"$t/src/cli/g.h"; build
expect 1 'a layer above core' "an include that climbs"

mk; printf '#include "nothere.h"\n' >>"$t/src/cli/g.c"
printf 'int g(void);\n' >"$t/src/cli/nothere.h"; build
rm "$t/src/cli/nothere.h"
expect 1 'which is no file' "an include of no file"

mk; printf '#include "b.h"\n' >"$t/src/cli/a.h"
printf '#include "a.h"\n' >"$t/src/cli/b.h"; build
expect 1 'include cycle' "an include cycle"

mk; printf 'int g(void);\nint\nh(void)\n{\n\treturn g();\n}\n' \
    >"$t/src/core/h.c"; build
expect 1 'uses g from' "a call up a layer"

mk; printf 'int k(void);\nint\nj(void)\n{\n\treturn k();\n}\n' \
    >"$t/src/cli/j.c"
printf 'int j(void);\nint\nk(void)\n{\n\treturn j();\n}\n' \
    >"$t/src/cli/k.c"; build
expect 1 'a cycle' "two files that call each other"

mk; { printf 'int\nlong_one(void)\n{\n'
	i=0; while [ $i -lt 121 ]; do printf '\t;\n'; i=$((i + 1)); done
	printf '\treturn 0;\n}\n'; } >"$t/src/core/long.c"; build
expect 1 'long_one is 122 lines' "a function over 120 lines"

mk; mkdir "$t/src/misc"; build
expect 1 'a folder that is no layer' "a folder that is no layer"

echo "layers-selftest: $pass passed, $failed failed"
[ "$failed" -eq 0 ]
