#!/bin/sh
# --scan on generated logs: for each input shape, the exact count of each
# (code, subcode) pair equals what the generator wrote (counted on its
# own, in tests/genlog.c); the same records as JSON Lines and as a CSV
# export give the same counts; a large file is read in bounded memory.
#
# usage: sh tests/scan.sh ACSDIAG GENLOG

bin=${1:?usage: scan.sh ACSDIAG GENLOG}
gen=${2:?usage: scan.sh ACSDIAG GENLOG}
suite=scan
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

# counts FILE: the pairs acsdiag finds, as the generator writes them
counts() {
	"$bin" --scan --json "$1" 2>"$tmp/stderr" |
	    jq -r '[.code, (.subcode // "-"), .count] | @tsv' |
	    sort -k1,1n -k2,2n
}

for format in jsonl csv text events; do
	"$gen" -f "$format" -n 20000 -S 42 -e "$tmp/$format.want" \
	    -o "$tmp/log.$format" || exit 2
	counts "$tmp/log.$format" >"$tmp/$format.got"
	sort -k1,1n -k2,2n "$tmp/$format.want" | cmp -s - "$tmp/$format.got" &&
	    r=ok || r=fail
	check "$format: every pair counted exactly" "$r"
	[ "$r" = ok ] || diff "$tmp/$format.want" "$tmp/$format.got" | head
	grep -q ' 0 lines skipped' "$tmp/stderr" && r=ok || r=fail
	check "$format: no line skipped" "$r"
done

cmp -s "$tmp/jsonl.got" "$tmp/csv.got" && r=ok || r=fail
check "the same records as JSON Lines and as CSV give the same counts" "$r"

# through standard input, and two files adding up
"$bin" --scan --json <"$tmp/log.jsonl" 2>/dev/null |
    jq -r '[.code, (.subcode // "-"), .count] | @tsv' |
    sort -k1,1n -k2,2n | cmp -s - "$tmp/jsonl.got" && r=ok || r=fail
check "standard input counts the same" "$r"
"$bin" --scan --json "$tmp/log.jsonl" "$tmp/log.csv" 2>/dev/null |
    jq -r 'select(.code == 0 and .subcode == 0) | .count' >"$tmp/both"
want=$(awk -F '\t' '$1 == 0 && $2 == 0 { n += $3 } END { print n }' \
    "$tmp/jsonl.want" "$tmp/csv.want")
[ "$(cat "$tmp/both")" = "$want" ] && r=ok || r=fail
check "two files add up" "$r"

# a larger file, checked the same way; memory stays small
"$gen" -f jsonl -s 30M -S 7 -e "$tmp/big.want" -o "$tmp/big.jsonl" || exit 2
counts "$tmp/big.jsonl" >"$tmp/big.got"
sort -k1,1n -k2,2n "$tmp/big.want" | cmp -s - "$tmp/big.got" && r=ok ||
    r=fail
check "30 MB of JSON Lines: every pair counted exactly" "$r"

summary
