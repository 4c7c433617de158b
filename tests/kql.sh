#!/bin/sh
# --kql and --export, checked offline with real parts: every query acsdiag
# generates is parsed and bound by the Kusto language service (the pinned
# npm package @kusto/language-service-next, run by Node) against the
# tables' columns as acs-log-shapes.md lists them (tests/kql/schema.json),
# with zero errors, and a wrong column or type makes it fail; the
# query's datatable, read back by the Kusto parser, is the catalogue of
# --export jsonl; --export csv, read back with libcsv, says what
# --export jsonl says, field by field.
#
# usage: sh tests/kql.sh ACSDIAG CSVREAD

bin=${1:?usage: kql.sh ACSDIAG CSVREAD}
csvread=${2:?usage: kql.sh ACSDIAG CSVREAD}
suite=kql
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/lib.sh"
dir=$(cd "$(dirname "$0")/kql" && pwd) || exit 2

if ! command -v node >/dev/null 2>&1 ||
    ! node "$dir/kqlcheck.js" "$dir/schema.json" </dev/null 2>&1 |
    grep -q 'no result expression'; then
	echo "kql: node or @kusto/language-service-next missing; install them" \
	    "as README.md says (npm install -g" \
	    "@kusto/language-service-next@12.4.1)"
	exit 1
fi

# binds OPTIONS...: the query of acsdiag --kql OPTIONS binds with no error
binds() {
	"$bin" --kql "$@" >"$tmp/q.kql" 2>"$tmp/err" &&
	    node "$dir/kqlcheck.js" "$dir/schema.json" <"$tmp/q.kql" \
	    >/dev/null 2>"$tmp/diag"
}

for opts in "" "--by day --since 2025-07-01" "--by sdkversion" \
    "--kql-table ACSCallAutomationMediaSummary" \
    "--by hour --by EndpointType --since 2025-07-01T10:30+02:00 --until 2025-07-08" \
    "--by Category --by participanttype" \
    "--kql-table acscallautomationmediasummary --by day --by resultType --until 2025-07-08"; do
	# shellcheck disable=SC2086
	binds $opts && r=ok || r=fail
	check "--kql $opts: binds with no error" "$r"
	[ "$r" = ok ] || head -5 "$tmp/diag" "$tmp/err"
	[ "$(wc -c <"$tmp/q.kql")" -le 131071 ] && r=ok || r=fail
	check "--kql $opts: fits in one command-line argument" "$r"
done

# the checker is no rubber stamp: a wrong column, or a wrong type, fails
"$bin" --kql | sed 's/ParticipantEndSubCode/ParticipantEndSubcode/' |
    node "$dir/kqlcheck.js" "$dir/schema.json" 2>"$tmp/diag" >/dev/null
[ $? -eq 1 ] && grep -q 'KS142' "$tmp/diag" && r=ok || r=fail
check "a wrong column name fails the check" "$r"
"$bin" --kql | sed 's/toint(ParticipantEndReason)/ParticipantEndReason/' |
    node "$dir/kqlcheck.js" "$dir/schema.json" 2>"$tmp/diag" >/dev/null
[ $? -eq 1 ] && r=ok || r=fail
check "a column of the wrong type fails the check" "$r"

# the datatable is the catalogue, read back by the Kusto parser
"$bin" --kql | node "$dir/kqldata.js" >"$tmp/rows" 2>"$tmp/err" &&
    r=ok || r=fail
check "the datatable reads back" "$r"
"$bin" --export jsonl | jq -c '{Table: .table, Codes: .codes,
    Subcode: .subcode, Category: (.category // ""), Message: .message,
    Advice: (.advice // ""), Link: (.links[0] // ""), Source: .source}' \
    >"$tmp/catalogue"
[ "$(wc -l <"$tmp/rows")" -eq "$(wc -l <"$tmp/catalogue")" ] &&
    [ "$(wc -l <"$tmp/rows")" -eq "$("$bin" --list | wc -l)" ] && r=ok ||
    r=fail
check "the datatable has a row per catalogue entry" "$r"
jq -c . "$tmp/rows" | cmp -s - "$tmp/catalogue" && r=ok || r=fail
check "every row, message and advice of the datatable as --json has it" \
    "$r"
grep -q 'Call ended.*\\n- ' "$tmp/q.kql" && r=ok || r=fail
check "the messages' newlines are escaped in the query" "$r"

# --export csv, read back with libcsv, is --export jsonl
"$bin" --export csv | "$csvread" >"$tmp/csv.jsonl" && r=ok || r=fail
check "--export csv reads back with libcsv" "$r"
"$bin" --export jsonl | jq -c 'with_entries(.value |= (if . == null then
    null elif type == "string" then . elif type == "number" then tostring
    else tojson end))' >"$tmp/jsonl.jsonl"
cmp -s "$tmp/csv.jsonl" "$tmp/jsonl.jsonl" && r=ok || r=fail
check "--export csv says what --export jsonl says, field by field" "$r"
[ "$(wc -l <"$tmp/csv.jsonl")" -eq "$("$bin" --list | wc -l)" ] && r=ok ||
    r=fail
check "--export csv has a row per catalogue entry" "$r"

summary
