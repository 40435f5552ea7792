#!/usr/bin/env bash
# tests/e2e/bench.sh - smoke test of `jidx bench` (seconds): a tiny run must
# exit 0, print the report with every query answered the same as the
# brute-force scan, write valid JSON and clean up after itself; and the
# check must FAIL LOUDLY when an answer is deliberately corrupted (test hook
# JX_BENCH_CORRUPT=<query id>), for a row query (rows swapped: same count,
# wrong order), a count, a group-by and a histogram.
set -u
JIDX=${JIDX:?JIDX must name the jidx binary}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jidx-e2e-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# 1. A full run (generate, ingest 1 and 2 threads, queries), kept for reuse.
"$JIDX" bench --entries 20000 --runs 1 --threads 1,2 --dir "$tmp/w" --keep \
    --json "$tmp/b.json" >"$tmp/out.md" 2>"$tmp/err.txt" \
    || { cat "$tmp/out.md" "$tmp/err.txt"; fail "bench exited $?"; }
grep -q '^### Ingest' "$tmp/out.md" || fail "no ingest table"
grep -q '^| query | question' "$tmp/out.md" || fail "no query table"
grep -q '^### Targets' "$tmp/out.md" || fail "no targets table"
grep -q '^- Machine: ' "$tmp/out.md" || fail "no machine line"
grep -q 'MISMATCH' "$tmp/out.md" && fail "unexpected MISMATCH"
nq=$(grep -c '| same as scan |$' "$tmp/out.md")
[ "$nq" -ge 10 ] || { cat "$tmp/out.md"; fail "only $nq queries matched the scan"; }
rows=$(grep -cE '^\| (user-type|pw-qsecofr|chgusrprf-by-user|one-day|generic-object|ifs-prefix|remote-addr|search|count-by-type|per-day|af-count|pw-per-day) \|' "$tmp/out.md")
[ "$rows" -eq "$nq" ] || fail "$rows query rows but $nq matched"
grep -qE '^\| 2 \| [0-9.]+ \|' "$tmp/out.md" || fail "no 2-thread ingest row"
grep -q '"ok": true' "$tmp/b.json" || fail "json does not say ok"
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["queries"])>=10 and all(q["same_as_scan"] for q in d["queries"]) and d["dataset"]["entries"]>=20000' \
        "$tmp/b.json" || fail "json content"
fi
[ -d "$tmp/w/rcv" ] || fail "--keep did not keep the receivers"

# 2. The check works: corrupt one answer of each kind (rows, count, group-by,
# histogram) in one run reusing the receivers: each must be flagged.
bad="user-type,af-count,count-by-type,per-day"
JX_BENCH_CORRUPT=$bad "$JIDX" bench --input "$tmp/w/rcv" --runs 1 --threads 1 \
    --dir "$tmp/c" --quiet >"$tmp/bad.md" 2>&1
rc=$?
[ "$rc" -eq 1 ] || { cat "$tmp/bad.md"; fail "corrupted answers: exit $rc, want 1"; }
for q in ${bad//,/ }; do
    grep -q "^MISMATCH $q " "$tmp/bad.md" || fail "corrupted $q: no MISMATCH line"
    grep -qE "^\| $q \|.*\*\*MISMATCH\*\* \|$" "$tmp/bad.md" || fail "corrupted $q: not flagged in the table"
done
[ "$(grep -c '^MISMATCH ' "$tmp/bad.md")" -eq 4 ] || fail "other queries flagged too"
grep -q '^4 MISMATCH' "$tmp/bad.md" || fail "no closing MISMATCH summary"
[ -e "$tmp/c" ] && fail "work directory $tmp/c not cleaned up"
[ -d "$tmp/w/rcv" ] || fail "--input receivers were removed"

# 3. Never delete what it did not create: a work directory whose rcv/ exists
# is refused (exit 2) and left alone.
"$JIDX" bench --entries 20000 --dir "$tmp/w" --quiet >"$tmp/o.txt" 2>&1
rc=$?
[ "$rc" -eq 2 ] || { cat "$tmp/o.txt"; fail "existing DIR/rcv: exit $rc, want 2"; }
grep -q 'already exists' "$tmp/o.txt" || fail "existing DIR/rcv: no clear error"
[ -n "$(ls "$tmp/w/rcv")" ] || fail "existing DIR/rcv was emptied"

# 4. Bad options are usage errors.
"$JIDX" bench --runs 0 >/dev/null 2>&1; [ $? -eq 2 ] || fail "--runs 0 accepted"
"$JIDX" bench --threads 1,x >/dev/null 2>&1; [ $? -eq 2 ] || fail "--threads 1,x accepted"
echo "bench smoke test passed"
