#!/bin/sh
# Run the black-box CLI cases of FILE... against the acsdiag binary ACSDIAG.
#
# usage: sh tests/cli.sh ACSDIAG FILE...
#
# A case is a block of lines:
#   ### name            starts a case
#   $ acsdiag ARGS      the command; ARGS are shell words, redirections allowed
#   % COMMAND           or a shell command, with the binary in $ACSDIAG,
#                       this directory (tests/) in $TESTDIR and a name for
#                       a scratch file in $TMPDIR_CASE
#   ? STATUS            the expected exit status
#   > TEXT              a line of expected stdout (">" alone: an empty line)
#   ! TEXT              a line of expected stderr
# Stdout and stderr must match exactly; no ">" lines means no output at all.
# Lines starting with "#" (but not "###") and empty lines are ignored.

bin=${1:?usage: cli.sh ACSDIAG FILE...}
shift
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
ACSDIAG=$bin
TESTDIR=$(cd "$(dirname "$0")" && pwd) || exit 2
LC_ALL=C
export LC_ALL TESTDIR
export ACSDIAG
suite=cli
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

awk -v dir="$tmp" '
function file(ext) { return dir "/" n "." ext }
function done_case() {
	if (n == 0) return
	if (!cmd) { printf "%s:%d: case without a command\n", src, start > "/dev/stderr"; bad = 1 }
	if (!st) { printf "%s:%d: case without a status\n", src, start > "/dev/stderr"; bad = 1 }
	close(file("name")); close(file("cmd")); close(file("status"))
	close(file("out")); close(file("err"))
}
/^### / {
	done_case()
	n++; cmd = st = 0; src = FILENAME; start = FNR
	print substr($0, 5) > file("name")
	printf "" > file("out"); printf "" > file("err")
	next
}
/^#/ || /^$/ { next }
n == 0 { printf "%s:%d: line outside a case\n", FILENAME, FNR > "/dev/stderr"; bad = 1; next }
/^\$ acsdiag( |$)/ { print "\"$ACSDIAG\"" substr($0, 10) > file("cmd"); cmd = 1; next }
/^% / { print substr($0, 3) > file("cmd"); cmd = 1; next }
/^\? [0-9]+$/ { print substr($0, 3) > file("status"); st = 1; next }
/^>( |$)/ { print substr($0, 3) > file("out"); next }
/^!( |$)/ { print substr($0, 3) > file("err"); next }
{ printf "%s:%d: unknown line: %s\n", FILENAME, FNR, $0 > "/dev/stderr"; bad = 1 }
END { done_case(); print n + 0 > (dir "/count"); exit bad ? 2 : 0 }
' "$@" || exit 2

count=$(cat "$tmp/count")
i=1
while [ "$i" -le "$count" ]; do
	name=$(cat "$tmp/$i.name")
	cmd=$(cat "$tmp/$i.cmd")
	want=$(cat "$tmp/$i.status")
	(
		cd "$tmp" || exit 2
		TMPDIR_CASE=$tmp/$i.scratch
		eval "$cmd" >"$tmp/$i.gotout" 2>"$tmp/$i.goterr" </dev/null
	)
	got=$?
	ok=1
	if [ "$got" != "$want" ]; then
		echo "FAIL $name: exit status $got, expected $want"
		ok=0
	fi
	if ! cmp -s "$tmp/$i.out" "$tmp/$i.gotout"; then
		echo "FAIL $name: stdout differs:"
		diff -u "$tmp/$i.out" "$tmp/$i.gotout" | sed 1,2d
		ok=0
	fi
	if ! cmp -s "$tmp/$i.err" "$tmp/$i.goterr"; then
		echo "FAIL $name: stderr differs:"
		diff -u "$tmp/$i.err" "$tmp/$i.goterr" | sed 1,2d
		ok=0
	fi
	if [ "$ok" = 1 ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
	fi
	i=$((i + 1))
done
summary
