#!/bin/sh
# tests/layers.sh: src/ keeps the shape src/README.md draws.
#
#   sh tests/layers.sh [SRC]
#
# Each folder of SRC (default src) is a layer; a file may include, and
# call or read, only what its own folder and the layers below it define:
#
#	core			the tables, lookup, search, queries: no I/O
#	scan  -> core		the log scanner, its report, the KQL
#	cli   -> scan, core	main, the commands, the printers
#	gen   -> core		the build-time generator
#
# It fails on an #include that climbs a layer or names no file, on an
# include cycle, on a call or a variable that one object file takes from
# a layer above it (read with nm from the built objects), on a cycle of
# such uses between files, and on a function longer than 120 lines.
set -u
src=${1:-src}
fail=0
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# The layers a folder may use, its own first.
uses() {
	case $1 in
	core) echo core ;;
	scan) echo scan core ;;
	cli) echo cli scan core ;;
	gen) echo gen core ;;
	*) echo "" ;;
	esac
}

may_use() {	# may_use FROM TO
	for l in $(uses "$1"); do
		[ "$l" = "$2" ] && return 0
	done
	return 1
}

bad() {
	echo "layers: $*" >&2
	fail=1
}

for d in "$src"/*/; do
	d=${d%/}
	[ -n "$(uses "${d##*/}")" ] || bad "$d: a folder that is no layer"
done

# Includes: "x.h" is the file's own folder's, "layer/x.h" a layer's.
: >"$tmp/includes"
for f in "$src"/*/*.[ch]; do
	layer=$(basename "$(dirname "$f")")
	sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' \
	    "$f" >"$tmp/inc"
	while read -r h; do
		case $h in
		*/*) to=${h%%/*}; path=$src/$h ;;
		*) to=$layer; path=$(dirname "$f")/$h ;;
		esac
		[ -f "$path" ] || case $h in
		core/codes_gen.c|codes_gen.c) ;;	# generated
		*) bad "$f: includes \"$h\", which is no file"; continue ;;
		esac
		may_use "$layer" "$to" ||
		    bad "$f: includes \"$h\" from $to, a layer above $layer"
		echo "$f $path" >>"$tmp/includes"
	done <"$tmp/inc"
done
if ! tsort "$tmp/includes" >/dev/null 2>"$tmp/loop"; then
	bad "an include cycle:"
	sed 's/^/	/' "$tmp/loop" >&2
fi

# Symbols: which object defines what each object uses.
objs=$(ls "$src"/*/*.o 2>/dev/null)
if [ -z "$objs" ]; then
	bad "no object files in $src/*/: build first (make)"
else
	for o in $objs; do
		nm -P "$o" | awk -v o="$o" '
		$2 ~ /^[TDBRCV]$/ { print "def", o, $1 }
		$2 == "U" { print "use", o, $1 }'
	done >"$tmp/syms"
	awk '
	$1 == "def" { owner[$3] = $2; next }
	{ use[++n] = $2; sym[n] = $3 }
	END {
		for (i = 1; i <= n; i++)
			if ((sym[i] in owner) && owner[sym[i]] != use[i])
				print use[i], owner[sym[i]], sym[i]
	}' "$tmp/syms" | sort -u >"$tmp/edges"
	while read -r from to sym; do
		lf=$(basename "$(dirname "$from")")
		lt=$(basename "$(dirname "$to")")
		may_use "$lf" "$lt" ||
		    bad "$from uses $sym from $to, a layer above $lf"
	done <"$tmp/edges"
	cut -d' ' -f1,2 "$tmp/edges" | sort -u >"$tmp/pairs"
	if ! tsort "$tmp/pairs" >/dev/null 2>"$tmp/loop"; then
		bad "files that use each other (a cycle):"
		sed 's/^/	/' "$tmp/loop" >&2
	fi
fi

# Function length, in style(9)'s layout: the body from a "{" in the
# first column to the "}" there.
for f in "$src"/*/*.c; do
	case $f in */codes_gen.c) continue ;; esac
	awk -v f="$f" -v max=120 '
	/^[A-Za-z_][A-Za-z0-9_]*\(/ { name = $0; sub(/\(.*/, "", name) }
	/^\{/ { start = NR }
	/^\}/ && start {
		if (NR - start - 1 > max)
			printf "%s: %s is %d lines, more than %d\n", f, name,
			    NR - start - 1, max
		start = 0
	}' "$f"
done >"$tmp/long"
if [ -s "$tmp/long" ]; then
	bad "functions too long:"
	sed 's/^/	/' "$tmp/long" >&2
fi

if [ $fail -ne 0 ]; then
	echo "layers: 0 passed, 1 failed"
	exit 1
fi
echo "layers: 1 passed, 0 failed"
