#!/usr/bin/env bash
# tests/e2e/report.sh - `jidx report` and the "decoded" output field through
# the binary (seconds): a small generated chain with every planted pattern,
# ingested; every report in table/csv/json (json checked with jq or python3
# when present); each report finds its planted pattern; --section, --top,
# --list; usage errors exit 2. The row-by-row comparison with a brute-force
# scan of the receivers lives in tests/test_report.c.
set -u
JIDX=${JIDX:?JIDX must name the jidx binary}
DATA=${JX_TESTS:-$(dirname "$0")/..}/shared/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jidx-e2e-report.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

json_ok() { # every line of $1 is a JSON object (python3 is the stricter judge)
    if command -v python3 >/dev/null; then
        python3 -c 'import json,sys
for l in open(sys.argv[1]): assert isinstance(json.loads(l), dict)' "$1" 2>/dev/null
    elif command -v jq >/dev/null; then
        jq -e -s 'all(type == "object")' "$1" >/dev/null 2>&1
    else
        true
    fi
}

"$JIDX" gen -o "$tmp/rcv" --entries 12000 --days 8 \
    --plant qsecofr-pw-burst,allobj-grant,sysval-change,audit-change >/dev/null 2>&1 \
    || fail "gen with --plant"
"$JIDX" ingest --quiet -o "$tmp/idx" "$tmp/rcv" || fail "ingest"

# --list names every report, in every format
"$JIDX" report --list >"$tmp/list.txt" || fail "--list"
names=$("$JIDX" report --list --format csv | tail -n +2 | cut -d, -f1)
[ "$(echo "$names" | wc -l)" -eq 14 ] || fail "--list: $(echo "$names" | wc -l) reports"
"$JIDX" report --list --format json >"$tmp/list.json" || fail "--list json"
json_ok "$tmp/list.json" || fail "--list json is not JSON lines"
grep -q 'unconfirmed:' "$tmp/list.txt" || fail "--list does not say what is unconfirmed"

# every report, every format
for r in $names; do
    for f in table csv json; do
        "$JIDX" report "$r" "$tmp/idx" --format $f --threads 2 >"$tmp/$r.$f" 2>"$tmp/err" \
            || { cat "$tmp/err"; fail "report $r --format $f"; }
    done
    json_ok "$tmp/$r.json" || fail "report $r: json output is not JSON lines"
    head -1 "$tmp/$r.csv" | grep -q '^section,' || fail "report $r: csv header"
    grep -q '^== ' "$tmp/$r.table" || fail "report $r: table has no section title"
done

# the planted patterns are found
grep -E '^bursts,SYSA,QSECOFR,2[0-9],' "$tmp/signon-failures.csv" | grep -q '203.0.113.66' \
    || { cat "$tmp/signon-failures.csv"; fail "signon-failures: planted QSECOFR burst not flagged"; }
grep -q '^grants,.*,SECADMIN,APPDEV07,\*ALLOBJ,CP,' "$tmp/special-authority.csv" \
    || fail "special-authority: planted CP grant missing"
grep -q '^grants,.*,SECADMIN,APPDEV07,\*ALLOBJ,CD,' "$tmp/special-authority.csv" \
    || fail "special-authority: planted CD command missing"
grep -q ',QSECURITY,40,30,' "$tmp/sysval-changes.csv" || fail "sysval-changes: QSECURITY 40 -> 30"
grep -q '^entries,.*,SECADMIN,U user auditing changed,' "$tmp/audit-changes.csv" \
    || fail "audit-changes: planted CHGUSRAUD"
grep -q '^top-failed-signons,QSECOFR,' "$tmp/summary.csv" || fail "summary: top failed sign-on"

# --section gives plain CSV of one section; --top caps count sections
"$JIDX" report signon-failures "$tmp/idx" --format csv --section bursts >"$tmp/b.csv" \
    || fail "--section"
[ "$(cut -d, -f1 "$tmp/b.csv" | sort -u | tr -d '\r' | tr '\n' ' ')" = "bursts section " ] \
    || fail "--section kept other sections"
"$JIDX" report summary "$tmp/idx" --format csv --top 3 --section top-users >"$tmp/t.csv"
[ "$(wc -l <"$tmp/t.csv")" -le 4 ] || fail "--top 3 printed $(wc -l <"$tmp/t.csv") lines"
"$JIDX" report command-usage "$tmp/idx" --command CHGUSRPRF --format csv --section entries \
    | grep -q 'SPCAUT(\*ALLOBJ)' || fail "command-usage --command CHGUSRPRF"

# scope: from the day after the burst on, the burst is gone
day=$(grep -E '^bursts,SYSA,QSECOFR,' "$tmp/signon-failures.csv" | head -1 | cut -d, -f5 | cut -c1-10)
next=$(date -d "$day + 1 day" +%F 2>/dev/null) || fail "date arithmetic on '$day'"
"$JIDX" report signon-failures "$tmp/idx" --format csv --section bursts --from "$next" \
    >"$tmp/b2.csv" || fail "scope --from"
grep -q QSECOFR "$tmp/b2.csv" && fail "scope --from $next still shows the burst"
"$JIDX" report signon-failures "$tmp/idx" --format csv --section bursts --to "$day" \
    >"$tmp/b3.csv" || fail "scope --to"
grep -q QSECOFR "$tmp/b3.csv" || fail "scope --to $day lost the burst"

# usage errors: exit 2 and a message
"$JIDX" report no-such "$tmp/idx" 2>"$tmp/e" >/dev/null; [ $? -eq 2 ] || fail "unknown report exit"
grep -q "unknown report 'no-such'" "$tmp/e" || fail "unknown report message"
"$JIDX" report summary 2>/dev/null >/dev/null; [ $? -eq 2 ] || fail "missing INDEX exit"
"$JIDX" report summary "$tmp/idx" --from yesterday 2>/dev/null >/dev/null; [ $? -eq 2 ] \
    || fail "bad --from exit"
"$JIDX" report signon-failures "$tmp/idx" --burst-count 1 2>/dev/null >/dev/null; [ $? -eq 2 ] \
    || fail "bad --burst-count exit"
"$JIDX" report summary "$tmp/nothing" 2>/dev/null >/dev/null; [ $? -eq 2 ] || fail "no index exit"

# the "decoded" field in dump and query
S=$DATA/ccsid37-fixed
"$JIDX" dump --fields type,decoded --format csv "$S/SYSA" >"$tmp/d.csv" || fail "dump decoded"
grep -q '^SV,entry_type=A (system value changed); system_value=' "$tmp/d.csv" \
    || fail "dump decoded SV"
"$JIDX" dump --fields type,decoded --format json --limit 50 "$S/SYSA" >"$tmp/d.json" \
    || fail "dump decoded json"
json_ok "$tmp/d.json" || fail "dump decoded json is not JSON"
if command -v jq >/dev/null; then
    jq -e -s 'map(select(.type == "PW")) | length > 0 and
        all(.decoded | (type == "object" and has("user_name")))' \
        "$tmp/d.json" >/dev/null || fail "dump json: decoded is not a nested object"
fi
"$JIDX" query "$tmp/idx" --type SV --fields seq,decoded --format json >"$tmp/q.json" \
    || fail "query decoded"
json_ok "$tmp/q.json" || fail "query decoded json"
grep -q '"system_value": "QSECURITY"' "$tmp/q.json" || fail "query decoded SV value"
echo "report e2e ok"
