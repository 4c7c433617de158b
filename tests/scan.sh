#!/bin/sh
# --scan on generated logs: for each input shape, the exact count of each
# (code, subcode) pair equals what the generator wrote (counted on its
# own, in tests/genlog.c); every shape of the same records (CSV dialects,
# summarized exports, the query API, resource log archives, mixed logs,
# gzip, UTF-16, a directory tree) gives the JSON Lines counts; pair counts
# add up to the summary's records; -j gives what -j 1 gives; a large file
# is counted exactly.
#
# usage: sh tests/scan.sh ACSDIAG GENLOG

bin=${1:?usage: scan.sh ACSDIAG GENLOG}
gen=${2:?usage: scan.sh ACSDIAG GENLOG}
suite=scan
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"

# pairs: the pair objects of --scan --json on stdin, as the generator
# writes its counts
pairs() {
	jq -r 'select(.summary | not) | [.code, (.subcode // "-"), .count] |
	    @tsv' | sort -k1,1n -k2,2n
}

# counts ARG...: the pairs acsdiag finds in the files, the summary to
# $tmp/summary, the messages to $tmp/stderr
counts() {
	"$bin" --scan --json "$@" 2>"$tmp/stderr" >"$tmp/json"
	jq -c 'select(.summary)' "$tmp/json" >"$tmp/summary"
	pairs <"$tmp/json"
}

# adds_up: the pair counts of $tmp/json add up to the summary's records
adds_up() {
	[ "$(jq -s '[.[] | select(.summary | not) | .count] | add // 0' \
	    "$tmp/json")" = "$(jq '.records' "$tmp/summary")" ]
}

# skipped: the number of records the summary says were skipped
skipped() {
	jq '.skipped' "$tmp/summary"
}

shapes="jsonl csv excel tsv ps summary api storage hubs mixed text events"
for format in $shapes; do
	"$gen" -f "$format" -n 20000 -S 42 -e "$tmp/$format.want" \
	    -o "$tmp/log.$format" || exit 2
	counts "$tmp/log.$format" >"$tmp/$format.got"
	sort -k1,1n -k2,2n "$tmp/$format.want" | cmp -s - "$tmp/$format.got" &&
	    r=ok || r=fail
	check "$format: every pair counted exactly" "$r"
	[ "$r" = ok ] || diff "$tmp/$format.want" "$tmp/$format.got" | head
	adds_up && r=ok || r=fail
	check "$format: the pair counts add up to the records" "$r"
	case $format in
	text) ;;	# lines without a pair: not records of the generator's
	mixed)
		# the heartbeat lines, and nothing else
		[ "$(skipped)" = "$(grep -c Heartbeat "$tmp/log.mixed")" ] &&
		    [ "$(jq .skips.no_pair "$tmp/summary")" = "$(skipped)" ] &&
		    r=ok || r=fail
		check "mixed: the lines without a pair, and only they, skipped" \
		    "$r" ;;
	*)
		[ "$(skipped)" = 0 ] && grep -q ', 0 skipped$' "$tmp/stderr" &&
		    r=ok || r=fail
		check "$format: nothing skipped" "$r" ;;
	esac
	[ "$format" = text ] && continue
	cmp -s "$tmp/jsonl.got" "$tmp/$format.got" && r=ok || r=fail
	check "$format: the counts of the same records as JSON Lines" "$r"
done

# what Windows, gzip and storage accounts make of the same records
enc() {
	counts "$@" >"$tmp/enc.got"
	cmp -s "$tmp/jsonl.got" "$tmp/enc.got"
}
gzip -c "$tmp/log.jsonl" >"$tmp/log.jsonl.gz" || exit 2
cp "$tmp/log.jsonl.gz" "$tmp/no-suffix" || exit 2
enc "$tmp/log.jsonl.gz" && r=ok || r=fail
check "gzip: the counts of the same records" "$r"
enc "$tmp/no-suffix" && r=ok || r=fail
check "gzip is told by its bytes, not its name" "$r"
enc <"$tmp/log.jsonl.gz" && r=ok || r=fail
check "gzip on standard input" "$r"
{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$tmp/log.excel"; } \
    >"$tmp/log.utf16le" || exit 2
enc "$tmp/log.utf16le" && r=ok || r=fail
check "UTF-16LE (PowerShell 5.1 >) of the Excel CSV: the same counts" "$r"
{ printf '\376\377'; iconv -f UTF-8 -t UTF-16BE "$tmp/log.tsv"; } \
    >"$tmp/log.utf16be" || exit 2
enc "$tmp/log.utf16be" && r=ok || r=fail
check "UTF-16BE of the tab CSV: the same counts" "$r"
gzip -c "$tmp/log.utf16le" >"$tmp/log.utf16le.gz" || exit 2
enc "$tmp/log.utf16le.gz" && r=ok || r=fail
check "gzip of UTF-16LE: the same counts" "$r"

# two gzip members (cat a.gz b.gz) count twice
cat "$tmp/log.jsonl.gz" "$tmp/log.jsonl.gz" >"$tmp/twice.gz"
counts "$tmp/twice.gz" | awk -F '\t' '{ print $1 "\t" $2 "\t" $3 / 2 }' |
    cmp -s - "$tmp/jsonl.got" && r=ok || r=fail
check "two gzip members: both read" "$r"

# a storage account's tree, read with -r in name order
"$gen" -f storage -n 20000 -S 42 -D "$tmp/tree" || exit 2
[ "$(find "$tmp/tree" -name PT1H.json | wc -l)" -gt 2 ] && r=ok || r=fail
check "the storage tree has several hourly files" "$r"
enc -r "$tmp/tree" && adds_up && r=ok || r=fail
check "-r: the tree gives the same counts" "$r"
"$bin" --scan "$tmp/tree" >/dev/null 2>"$tmp/stderr"
[ $? -eq 2 ] && grep -q 'tree: Is a directory' "$tmp/stderr" && r=ok || r=fail
check "a directory without -r is an error" "$r"

# -j: the same output as one worker, whatever the order files finish in
set -- "$tmp/log.jsonl" "$tmp/log.csv" "$tmp/log.jsonl.gz" \
    "$tmp/log.utf16le" "$tmp/log.mixed" "$tmp/log.events"
"$bin" --scan --json -j 1 "$@" >"$tmp/j1" 2>"$tmp/j1.err"
"$bin" --scan --json -j 4 "$@" >"$tmp/j4" 2>"$tmp/j4.err"
cmp -s "$tmp/j1" "$tmp/j4" && cmp -s "$tmp/j1.err" "$tmp/j4.err" && r=ok ||
    r=fail
check "-j 4 prints what -j 1 prints" "$r"

# a file it cannot read is named and skipped; the others still count
printf '\3757zXZ\0\0\4\346\326\264F' >"$tmp/log.xz"
"$bin" --scan --json "$tmp/log.jsonl" "$tmp/log.xz" >"$tmp/json" \
    2>"$tmp/stderr"
status=$?
jq -c 'select(.summary)' "$tmp/json" >"$tmp/summary"
pairs <"$tmp/json" | cmp -s - "$tmp/jsonl.got" &&
    [ "$(jq .skips.unreadable_format "$tmp/summary")" = 1 ] &&
    grep -q 'log.xz: xz-compressed; read it with: xz -dc .*log.xz | acsdiag --scan' "$tmp/stderr" &&
    [ $status -eq 2 ] && r=ok || r=fail
check "an xz file: named, skipped, exit 2, the others counted" "$r"

# --- by time and field, in a window

# byjson DIMS...: "BUCKET...<TAB>CODE<TAB>SUBCODE<TAB>COUNT" of --json
# on stdin, for the --by names given
byjson() {
	f=$(printf '.by["%s"] // "-", ' "$@")
	jq -r "select(.count and .code) | [${f} .code, (.subcode // \"-\"),
	    .count] | @tsv" | LC_ALL=C sort
}

# expect COLUMNS [FILTER]: the counts of the records genlog wrote
# (-R), by the awk expressions COLUMNS, of the records FILTER keeps
expect() {
	awk -F '\t' -v OFS='\t' "${2:-1} { n[$1] += 1 }
	    END { for (k in n) print k, n[k] }" "$tmp/rec.tsv" | LC_ALL=C sort
}

# three days of records, in the shapes that carry time and fields
for format in jsonl csv storage hubs; do
	"$gen" -f "$format" -n 20000 -S 5 -i 20000 -R "$tmp/rec.tsv" \
	    -o "$tmp/days.$format" || exit 2
done
[ "$(cut -c1-10 "$tmp/rec.tsv" | sort -u | wc -l)" -ge 3 ] && r=ok ||
    r=fail
check "the generated records span three days" "$r"
expect 'substr($1, 1, 10) "\t" $2 "\t" $3' >"$tmp/day.want"
for format in jsonl csv storage hubs; do
	"$bin" --scan --json --by day "$tmp/days.$format" 2>/dev/null |
	    byjson day >"$tmp/day.got"
	cmp -s "$tmp/day.want" "$tmp/day.got" && r=ok || r=fail
	check "--by day, $format: every (day, pair) counted exactly" "$r"
	[ "$r" = ok ] || diff "$tmp/day.want" "$tmp/day.got" | head -5
done
"$bin" --scan --json --by hour "$tmp/days.jsonl" 2>/dev/null |
    byjson hour >"$tmp/hour.got"
expect 'substr($1, 1, 13) ":00:00Z\t" $2 "\t" $3' >"$tmp/hour.want"
cmp -s "$tmp/hour.want" "$tmp/hour.got" && r=ok || r=fail
check "--by hour: every (hour, pair) counted exactly" "$r"

# fields: the SDK version, none for PSTN; camelCase in storage archives
expect '($4 == "" ? "-" : $4) "\t" $2 "\t" $3' >"$tmp/sdk.want"
for format in jsonl csv; do
	"$bin" --scan --json --by SdkVersion "$tmp/days.$format" 2>/dev/null |
	    byjson SdkVersion >"$tmp/sdk.got"
	cmp -s "$tmp/sdk.want" "$tmp/sdk.got" && r=ok || r=fail
	check "--by SdkVersion, $format: exact counts per version" "$r"
done
expect '$6 "\t" $2 "\t" $3' >"$tmp/ep.want"
for format in storage hubs; do
	"$bin" --scan --json --by EndpointType "$tmp/days.$format" \
	    2>/dev/null | byjson EndpointType >"$tmp/ep.got"
	cmp -s "$tmp/ep.want" "$tmp/ep.got" && r=ok || r=fail
	check "--by EndpointType, $format (nested properties)" "$r"
done
expect 'substr($1, 1, 10) "\t" ($4 == "" ? "-" : $4) "\t" $2 "\t" $3' \
    >"$tmp/two.want"
"$bin" --scan --json --by day --by SdkVersion "$tmp/days.csv" 2>/dev/null |
    byjson day SdkVersion >"$tmp/two.got"
cmp -s "$tmp/two.want" "$tmp/two.got" && r=ok || r=fail
check "--by day --by SdkVersion: exact counts per (day, version, pair)" "$r"

# a window [since, until), given with a zone and a fraction
since=2026-11-27T06:30:00.000Z
until=2026-11-28T12:00:00.500Z
expect '$2 "\t" $3' "\$1 >= \"$since\" && \$1 < \"$until\"" >"$tmp/win.want"
for format in jsonl csv; do
	"$bin" --scan --json --since 2026-11-27T07:30+01:00 \
	    --until 2026-11-28T13:00:00.5+01:00 "$tmp/days.$format" \
	    2>/dev/null >"$tmp/json"
	pairs <"$tmp/json" | LC_ALL=C sort >"$tmp/win.got"
	cmp -s "$tmp/win.want" "$tmp/win.got" && r=ok || r=fail
	check "--since/--until, $format: exactly the records in the window" \
	    "$r"
	jq -c 'select(.summary)' "$tmp/json" >"$tmp/summary"
	[ "$(jq '.left_out.outside_window + .records' "$tmp/summary")" = \
	    20000 ] && r=ok || r=fail
	check "--since/--until, $format: the others are counted as left out" \
	    "$r"
done

# through standard input, and two files adding up
enc <"$tmp/log.jsonl" && r=ok || r=fail
check "standard input counts the same" "$r"
"$bin" --scan --json "$tmp/log.jsonl" "$tmp/log.csv" 2>/dev/null |
    jq -r 'select(.code == 0 and .subcode == 0) | .count' >"$tmp/both"
want=$(awk -F '\t' '$1 == 0 && $2 == 0 { n += $3 } END { print n }' \
    "$tmp/jsonl.want" "$tmp/csv.want")
[ "$(cat "$tmp/both")" = "$want" ] && r=ok || r=fail
check "two files add up" "$r"

# a larger file, checked the same way
"$gen" -f jsonl -s 30M -S 7 -e "$tmp/big.want" -o "$tmp/big.jsonl" || exit 2
counts "$tmp/big.jsonl" >"$tmp/big.got"
sort -k1,1n -k2,2n "$tmp/big.want" | cmp -s - "$tmp/big.got" && r=ok ||
    r=fail
check "30 MB of JSON Lines: every pair counted exactly" "$r"

summary
