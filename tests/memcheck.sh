#!/bin/sh
# Run the CLI cases with acsdiag under valgrind's memcheck: any error or
# leak makes valgrind exit 99, which no case expects.
#
# usage: sh tests/memcheck.sh ACSDIAG FILE...

bin=${1:?usage: memcheck.sh ACSDIAG FILE...}
shift
case $bin in
/*) ;;
*) bin=$PWD/$bin ;;
esac
command -v valgrind >/dev/null 2>&1 || {
	echo "memcheck: valgrind is not installed" >&2
	exit 2
}
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM
cat >"$tmp/acsdiag" <<WRAP
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
    --errors-for-leak-kinds=definite,indirect,possible "$bin" "\$@"
WRAP
chmod +x "$tmp/acsdiag"
sh "$(dirname "$0")/cli.sh" "$tmp/acsdiag" "$@"
