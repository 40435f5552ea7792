#!/usr/bin/env bash
# tests/e2e/gen.sh - `jidx gen` end to end: generate a small chain with
# resets, a missing receiver and the planted patterns, then check with
# `jidx dump --info` that the files, receivers, counts, resets and the gap
# are what was asked for, and that the plants are reported and findable.
set -uo pipefail
JIDX=${JIDX:?JIDX must name the jidx binary}
tmp=$(mktemp -d /tmp/jidx-e2e-gen-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 2 systems x 4000 entries, receivers of 1000: 4 receivers each, SYSA's
# AUDRCV0003 (index 4/2) not written
"$JIDX" gen -o "$tmp/rcv" --entries 8000 --systems 2 --receiver-entries 1000 \
    --days 20 --seed 7 --ccsid 273 --esd varlen --resets --missing-receiver \
    --plant all 2>"$tmp/gen.err" || { cat "$tmp/gen.err"; fail "gen failed"; }
nfiles=$(find "$tmp/rcv" -type f | wc -l)
[ "$nfiles" -eq 7 ] || fail "expected 7 files, found $nfiles"
[ -e "$tmp/rcv/SYSA/AUDRCV0003" ] && fail "missing receiver was written"
[ -s "$tmp/rcv/SYSB/AUDRCV0004" ] || fail "SYSB/AUDRCV0004 not written"
for p in qsecofr-pw-burst allobj-grant sysval-change audit-change; do
    grep -q "^planted $p: system SYSA receiver AUDRCV0001 seq " "$tmp/gen.err" ||
        fail "plant $p not reported"
done
grep -q "7000 entries in 7 files" "$tmp/gen.err" || fail "summary: $(tail -1 "$tmp/gen.err")"

"$JIDX" dump --info --ccsid 273 "$tmp/rcv" >"$tmp/info" 2>&1 || { cat "$tmp/info"; fail "dump --info"; }
grep -q "7 receiver(s) on 2 system(s), 7000 entries" "$tmp/info" || { cat "$tmp/info"; fail "receiver summary"; }
[ "$(grep -c 'records of 1635 bytes, JOESD varlen, CCSID 273' "$tmp/info")" -eq 7 ] ||
    { cat "$tmp/info"; fail "record length / shape not detected"; }
grep -q "sequence reset" "$tmp/info" || { cat "$tmp/info"; fail "no reset reported"; }
grep -E "^SYSA +AUDRCVLIB +AUDRCV0004 .*gap" "$tmp/info" >/dev/null ||
    { cat "$tmp/info"; fail "gap before SYSA/AUDRCV0004 not reported"; }

# the QSECOFR burst is where gen said: 20 PW entries at those sequence numbers
range=$(sed -n 's/^planted qsecofr-pw-burst: .* seq \([0-9]*\)\.\.\([0-9]*\) .*/\1 \2/p' "$tmp/gen.err")
set -- $range
"$JIDX" dump --format csv --fields seq,type,subtype,target_user,remote_addr --file-order \
    --ccsid 273 "$tmp/rcv/SYSA/AUDRCV0001" | tr -d "\r" >"$tmp/a.csv" || fail "dump SYSA/AUDRCV0001"
n=$(awk -F, -v a="$1" -v b="$2" 'NR > 1 && $1 >= a && $1 <= b && $2 == "PW" && $3 == "P" &&
        $4 == "QSECOFR" && $5 == "203.0.113.66"' "$tmp/a.csv" | wc -l)
[ "$n" -eq 20 ] || fail "expected 20 planted PW entries in $1..$2, found $n"

# same seed, more threads: the same bytes
"$JIDX" gen -o "$tmp/rcv2" --entries 8000 --systems 2 --receiver-entries 1000 \
    --days 20 --seed 7 --ccsid 273 --esd varlen --resets --missing-receiver \
    --plant all --threads 3 -q 2>/dev/null || fail "gen --threads 3"
diff -r "$tmp/rcv" "$tmp/rcv2" >/dev/null || fail "--threads changed the bytes"

# bad usage is refused with status 2
"$JIDX" gen -o "$tmp/rcv" --entries 10 2>/dev/null; [ $? -eq 2 ] || fail "non-empty dir accepted"
"$JIDX" gen -o "$tmp/x" --entries 10 --esd bogus 2>/dev/null; [ $? -eq 2 ] || fail "bad --esd accepted"
"$JIDX" gen --help | grep -q -- "--entdtalen" || fail "--help"
echo "gen e2e ok"
