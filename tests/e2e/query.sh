#!/usr/bin/env bash
# tests/e2e/query.sh - end-to-end checks of `jidx query` through the binary
# (seconds): with no filter it prints exactly what `jidx dump` prints
# (canonical order, every entry, every format), --reverse is the exact
# reverse, filters agree with a filter applied to the dump output, count /
# group-by / histogram agree with the dump too, --help lists every filter
# and field, and every error (unknown field, bad date, bad CIDR, missing or
# damaged index, bad option) is one line on stderr with exit status 2, a
# damaged segment being named. Differential tests with random filters are
# in tests/test_query.c.
set -u
JIDX=${JIDX:?JIDX must name the jidx binary}
DATA=${JX_TESTS:-$(dirname "$0")/..}/shared/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jidx-e2e-query.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

S=$DATA/ccsid37-fixed
I=$tmp/idx
"$JIDX" ingest --quiet -o "$I" "$S/SYSA" "$S/SYSB" >/dev/null || fail "ingest"

# 1. no filter = dump, in every format (dump reads the receivers)
F=system,receiver,seq,code,type,subtype,timestamp,qualified_job,user,program,object,target_user,path,remote_addr,remote_port,esd_length,truncated,detail
for fmt in csv json table; do
    "$JIDX" dump --format $fmt --fields $F "$S/SYSA" "$S/SYSB" >"$tmp/dump.$fmt" || fail "dump $fmt"
    "$JIDX" query "$I" --format $fmt --fields $F >"$tmp/q.$fmt" || fail "query $fmt"
    cmp -s "$tmp/dump.$fmt" "$tmp/q.$fmt" || { diff "$tmp/dump.$fmt" "$tmp/q.$fmt" | head; fail "query and dump differ ($fmt)"; }
done
[ "$(wc -l <"$tmp/q.csv")" -eq 601 ] || fail "expected 600 csv rows"

# 2. --reverse is the exact reverse; --limit cuts
"$JIDX" query "$I" --reverse --format csv --fields $F >"$tmp/r.csv" || fail "reverse"
diff <(tail -n +2 "$tmp/q.csv" | tac) <(tail -n +2 "$tmp/r.csv") >/dev/null || fail "--reverse is not the reverse"
"$JIDX" query "$I" --limit 7 --format csv --fields $F >"$tmp/l.csv" || fail "limit"
diff <(head -8 "$tmp/q.csv") "$tmp/l.csv" >/dev/null || fail "--limit 7 is not the first 7"

# 3. filters against the dump (columns: 5 type, 6 subtype, 9 user)
"$JIDX" dump --format csv --fields seq,type,subtype,user,system "$S/SYSA" "$S/SYSB" | tail -n +2 | tr -d '\r' >"$tmp/d.csv"
"$JIDX" query "$I" --type pw,CP --not-user 'QSYS*' --format csv --fields seq,type,subtype,user,system \
    | tail -n +2 | tr -d '\r' >"$tmp/f.csv" || fail "filter query"
awk -F, '($2=="PW"||$2=="CP") && $4 !~ /^QSYS/' "$tmp/d.csv" >"$tmp/f.want"
[ -s "$tmp/f.want" ] || fail "test data has no PW/CP entries"
cmp -s "$tmp/f.want" "$tmp/f.csv" || { diff "$tmp/f.want" "$tmp/f.csv" | head; fail "--type/--not-user differ from the dump"; }

# 4. count, group-by, histogram
[ "$("$JIDX" query "$I" --count --format csv | tail -1 | tr -d '\r')" = 600 ] || fail "--count"
n=$(awk -F, '$2=="ZR"' "$tmp/d.csv" | wc -l)
[ "$("$JIDX" query "$I" --count --type ZR --format csv | tail -1 | tr -d '\r')" = "$n" ] || fail "--count --type ZR"
"$JIDX" query "$I" --group-by type --format csv | tail -n +2 | tr -d '\r' | sort >"$tmp/g.csv" || fail "group-by"
cut -d, -f2 "$tmp/d.csv" | sort | uniq -c | awk '{print $2","$1}' | sort >"$tmp/g.want"
cmp -s "$tmp/g.want" "$tmp/g.csv" || { diff "$tmp/g.want" "$tmp/g.csv"; fail "--group-by type differs"; }
"$JIDX" query "$I" --group-by user --top 3 --format csv | tail -n +2 >"$tmp/top.csv" || fail "top"
[ "$(wc -l <"$tmp/top.csv")" -eq 3 ] || fail "--top 3"
"$JIDX" query "$I" --histogram day --format csv | tail -n +2 | tr -d '\r' >"$tmp/h.csv" || fail "histogram"
[ "$(awk -F, '{s+=$2} END {print s}' "$tmp/h.csv")" = 600 ] || fail "histogram total"
if command -v python3 >/dev/null; then
    "$JIDX" query "$I" --type PW --format json >"$tmp/j.json" || fail "json"
    python3 -c 'import json,sys; rows=[json.loads(l) for l in open(sys.argv[1])]; assert rows and all(r["type"]=="PW" and isinstance(r["seq"],int) for r in rows)' "$tmp/j.json" \
        || fail "json output"
fi
"$JIDX" query "$I" --user NOSUCH --stats >"$tmp/none.txt" 2>"$tmp/stats.txt" || fail "empty result must exit 0"
grep -q '^stats: segments 10 total, .* 10 skipped by dictionary' "$tmp/stats.txt" || { cat "$tmp/stats.txt"; fail "--stats"; }

# 5. --help lists every filter and every field
"$JIDX" query --help >"$tmp/help.txt" || fail "--help"
for o in type code subtype audlvl user job-user target-user job program program-lib object \
         object-lib object-type path from to seq-from seq-to receiver system remote-addr \
         search search-offset format fields limit reverse count group-by top histogram stats; do
    grep -q -- "--$o " "$tmp/help.txt" || fail "--help lacks --$o"
done
for f in timestamp seq system receiver type subtype user qualified_job job_user program \
         object object_lib object_type target_user path remote_addr detail; do
    grep -qw "$f" "$tmp/help.txt" || fail "--help lacks field $f"
done

# 6. errors: one line on stderr, exit 2
err() {   # err NEEDLE ARGS...: the command must fail with 2 and say NEEDLE
    local needle=$1; shift
    "$JIDX" query "$@" >"$tmp/o.txt" 2>"$tmp/e.txt"; rc=$?
    [ $rc -eq 2 ] || fail "'$*' exited $rc, want 2"
    [ "$(wc -l <"$tmp/e.txt")" -eq 1 ] || { cat "$tmp/e.txt"; fail "'$*': not one line"; }
    grep -q -- "$needle" "$tmp/e.txt" || { cat "$tmp/e.txt"; fail "'$*': no '$needle'"; }
}
err "unknown field 'bogus'" "$I" --fields seq,bogus
err "unknown field 'nope'" "$I" --group-by nope
err "no such day" "$I" --from 2023-02-30
err "bad time" "$I" --to 2023-01-23T99
err "time zones" "$I" --to 2023-01-23T10:00Z
err "CIDR" "$I" --remote-addr 10.0.0.0/40
err "not an IPv4/IPv6" "$I" --remote-addr 10.0.0.300
err "'\*' may only" "$I" --user 'Q*X'
err "unknown auditing value" "$I" --audlvl '*NOPE'
err "needs --search" "$I" --search-offset 611
err "after --to" "$I" --from 2024-01-04 --to 2024-01-03
err "exclude each other" "$I" --count --histogram day
err "missing INDEX" --type PW
err "$tmp/nosuch" "$tmp/nosuch"
"$JIDX" query "$I" --bogus-option >/dev/null 2>"$tmp/e.txt"; [ $? -eq 2 ] || fail "unknown option must exit 2"

# 7. a damaged segment is named, never skipped
cp -r "$I" "$tmp/bad"
seg=$(ls "$tmp/bad" | grep -v -e MANIFEST -e LOCK | sort | sed -n 3p)
[ -n "$seg" ] || fail "no segment file found"
python3 - "$tmp/bad/$seg" <<'EOF' || fail "cannot corrupt"
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
for i in range(300, len(b), 256):
    b[i] ^= 0x5A
open(p, 'wb').write(bytes(b))
EOF
err "$seg" "$tmp/bad"
err "$seg" "$tmp/bad" --type ZR --fields seq,type,user
echo "query e2e: ok"
