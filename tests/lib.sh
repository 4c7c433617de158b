# shellcheck shell=sh
# Sourced by the test scripts, after they set "suite": a scratch
# directory $tmp removed on exit, the pass and fail counts, and the
# summary line.  A script that cannot start exits 2.

: "${suite:?lib.sh: set suite before sourcing}"

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
passed=0
failed=0

# check NAME RESULT: the test NAME passed if RESULT is "ok"
check() {
	if [ "$2" = ok ]; then
		passed=$((passed + 1))
	else
		echo "FAIL $1"
		failed=$((failed + 1))
	fi
}

# summary: the counts, and a status that is 0 only if nothing failed
summary() {
	echo "$suite: $passed passed, $failed failed"
	[ "$failed" = 0 ]
}
