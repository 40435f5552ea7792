#!/usr/bin/env bash
# tests/e2e/formats.sh - this jidx reads indexes written in older format
# versions (doc/format.md §9) and appends to them. tests/golden/v1-index holds
# an index written by the format-1 jidx (git 5a7c1f0 lineage, session 1),
# tests/golden/v2-index one written by the format-2 jidx (git e7bc567,
# session 3), tests/golden/v3-index by the format-3 jidx and
# tests/golden/v4-index by the format-4 jidx (git 8cbc859, session 9), all
# from
#   jidx gen -n 5000 --receiver-entries 5000 --seed 7 --plant all
# (one receiver, one 5000-row segment of three row groups; v1: whole LZ4 row
# blocks, one dictionary block per column; v2: framed row blocks, ~1 KB
# dictionary blocks, one directory read whole). The generator is
# deterministic, so the same receivers are generated here and indexed again
# in the current format: every query must give the same bytes on all the
# indexes, and on indexes that hold segments of several versions.
set -u
JIDX=${JIDX:?JIDX must name the jidx binary}
GOLD=${JX_TESTS:-$(dirname "$0")/..}/golden
DATA=${JX_TESTS:-$(dirname "$0")/..}/shared/data/ccsid37-fixed
CUR=5
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jidx-e2e-formats.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$JIDX" gen -q -o "$tmp/rcv" -n 5000 --receiver-entries 5000 --seed 7 --plant all 2>/dev/null \
    || fail "gen"
"$JIDX" ingest --quiet -o "$tmp/cur" "$tmp/rcv" || fail "ingest"
"$JIDX" info "$tmp/cur" | head -1 | grep -q "(format $CUR," || fail "info does not say format $CUR"
"$JIDX" verify --quiet "$tmp/cur" || fail "verify of the format $CUR index"
"$JIDX" ingest --quiet -o "$tmp/fresh" "$tmp/rcv" "$DATA/SYSA" "$DATA/SYSB" || fail "fresh ingest"

ALL=timestamp,seq,system,receiver,receiver_lib,code,type,subtype,user,qualified_job,job,job_user,job_number,program,program_lib,object,object_name,object_lib,object_type,target_user,path,remote_addr,remote_port,esd_length,truncated,thread,sysseq,detail,esd_hex
same() { # same output of `jidx query INDEX "$@"` on both indexes, and not empty
    local a=$1 b=$2
    shift 2
    "$JIDX" query "$a" "$@" >"$tmp/a.out" 2>&1 || { cat "$tmp/a.out"; fail "query $a $*"; }
    "$JIDX" query "$b" "$@" >"$tmp/b.out" 2>&1 || { cat "$tmp/b.out"; fail "query $b $*"; }
    cmp -s "$tmp/a.out" "$tmp/b.out" || fail "$a and $b differ for: $*"
    [ -s "$tmp/a.out" ] || fail "empty output for: $*"
}
for v in 1 2 3 4; do
    old=$tmp/v$v
    mkdir -m 700 "$old" && cp "$GOLD/v$v-index"/MANIFEST "$GOLD/v$v-index"/S*.jxs "$old/" \
        || fail "copy fixture v$v"
    chmod 600 "$old"/*
    "$JIDX" verify "$old" >"$tmp/v.txt" || { cat "$tmp/v.txt"; fail "verify of the format $v index"; }
    "$JIDX" info "$old" | head -1 | grep -q "(format $v," || fail "info does not say format $v"
    same "$old" "$tmp/cur" --format csv --fields "$ALL"
    same "$old" "$tmp/cur" --format json --reverse
    same "$old" "$tmp/cur" --type PW --target-user QSECOFR
    same "$old" "$tmp/cur" --type CD --object CHGUSRPRF --fields "$ALL"
    same "$old" "$tmp/cur" --user 'Q*' --not-type ZC --format csv
    same "$old" "$tmp/cur" --from 2023-05-08 --to 2023-05-09 --fields "$ALL"
    same "$old" "$tmp/cur" --path '/home/*' --fields "$ALL"
    same "$old" "$tmp/cur" --group-by type,user --top 20
    same "$old" "$tmp/cur" --histogram month --type ZR
    same "$old" "$tmp/cur" --count --remote-addr 10.0.0.0/8
    n=$("$JIDX" query "$old" --count | tail -1) && [ "$n" = 5000 ] || fail "v$v count $n"

    # appending in the current format to an older index: a mixed index that
    # answers like a fresh one
    cp -r "$old" "$tmp/mix$v"
    "$JIDX" ingest --quiet -o "$tmp/mix$v" "$DATA/SYSA" "$DATA/SYSB" || fail "append to format $v"
    "$JIDX" verify --quiet "$tmp/mix$v" || fail "verify of the mixed index (v$v)"
    "$JIDX" info "$tmp/mix$v" | head -1 | grep -q "(format $CUR," \
        || fail "mixed index (v$v) MANIFEST not format $CUR"
    same "$tmp/mix$v" "$tmp/fresh" --format csv --fields "$ALL"
    same "$tmp/mix$v" "$tmp/fresh" --group-by system,type
    same "$tmp/mix$v" "$tmp/fresh" --user 'Q*' --format json
done

# format 4: a segment holds up to 2^19 rows (2^18 before): a receiver of
# 270,000 entries is one segment, which verify and queries accept
"$JIDX" gen -q -o "$tmp/big" -n 270000 --receiver-entries 270000 --entdtalen calc --seed 3 \
    2>/dev/null || fail "gen of the big receiver"
rm -rf "$tmp/rcv" "$tmp/cur" "$tmp/fresh" "$tmp"/v? "$tmp"/mix? # disk: keep one copy at a time
"$JIDX" ingest --quiet -o "$tmp/bigx" "$tmp/big" || fail "ingest of the big receiver"
"$JIDX" info "$tmp/bigx" | grep -q "270000 entries in 1 receiver(s) on 1 system(s), 1 chain(s), 1 segment(s)" \
    || { "$JIDX" info "$tmp/bigx" | head -2; fail "270000 entries are not one segment"; }
"$JIDX" verify --quiet "$tmp/bigx" || fail "verify of the 270000-row segment"
n=$("$JIDX" query "$tmp/bigx" --count --type ZC,PS | tail -1)
m=$("$JIDX" query "$tmp/bigx" --group-by type | awk '$1 == "ZC" || $1 == "PS" {s += $2} END {print s}')
[ "$n" = "$m" ] && [ "$n" -gt 135000 ] || fail "270000-row segment: count $n, groups $m"
echo "formats: ok"
