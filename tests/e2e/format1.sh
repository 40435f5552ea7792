#!/usr/bin/env bash
# tests/e2e/format1.sh - this jidx reads indexes written in format version 1
# (doc/format.md §9) and appends to them. tests/golden/v1-index holds an
# index written by the format-1 jidx (git 5a7c1f0 lineage, session 1) from
#   jidx gen -n 5000 --receiver-entries 5000 --seed 7 --plant all
# (one receiver, one 5000-row segment: three row groups, whole LZ4 row blocks,
# one dictionary block per column). The generator is deterministic, so the
# same receivers are generated here and indexed again in the current format:
# every query must give the same bytes on both indexes, and on an index
# that holds segments of both versions.
set -u
JIDX=${JIDX:?JIDX must name the jidx binary}
GOLD=${JX_TESTS:-$(dirname "$0")/..}/golden/v1-index
DATA=${JX_TESTS:-$(dirname "$0")/..}/shared/data/ccsid37-fixed
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jidx-e2e-format1.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

mkdir -m 700 "$tmp/v1" && cp "$GOLD"/MANIFEST "$GOLD"/S*.jxs "$tmp/v1/" || fail "copy fixture"
chmod 600 "$tmp/v1"/*
"$JIDX" verify "$tmp/v1" >"$tmp/v.txt" || { cat "$tmp/v.txt"; fail "verify of the format 1 index"; }
"$JIDX" info "$tmp/v1" | head -1 | grep -q '(format 1,' || fail "info does not say format 1"

"$JIDX" gen -q -o "$tmp/rcv" -n 5000 --receiver-entries 5000 --seed 7 --plant all 2>/dev/null \
    || fail "gen"
"$JIDX" ingest --quiet -o "$tmp/v2" "$tmp/rcv" || fail "ingest"
"$JIDX" info "$tmp/v2" | head -1 | grep -q '(format 2,' || fail "info does not say format 2"
"$JIDX" verify --quiet "$tmp/v2" || fail "verify of the format 2 index"

ALL=timestamp,seq,system,receiver,receiver_lib,code,type,subtype,user,qualified_job,job,job_user,job_number,program,program_lib,object,object_name,object_lib,object_type,target_user,path,remote_addr,remote_port,esd_length,truncated,thread,sysseq,detail,esd_hex
same() { # same output of `jidx query INDEX "$@"` on both indexes, and not empty
    local a=$1 b=$2
    shift 2
    "$JIDX" query "$a" "$@" >"$tmp/a.out" 2>&1 || { cat "$tmp/a.out"; fail "query $a $*"; }
    "$JIDX" query "$b" "$@" >"$tmp/b.out" 2>&1 || { cat "$tmp/b.out"; fail "query $b $*"; }
    cmp -s "$tmp/a.out" "$tmp/b.out" || fail "$a and $b differ for: $*"
    [ -s "$tmp/a.out" ] || fail "empty output for: $*"
}
same "$tmp/v1" "$tmp/v2" --format csv --fields "$ALL"
same "$tmp/v1" "$tmp/v2" --format json --reverse
same "$tmp/v1" "$tmp/v2" --type PW --target-user QSECOFR
same "$tmp/v1" "$tmp/v2" --type CD --object CHGUSRPRF --fields "$ALL"
same "$tmp/v1" "$tmp/v2" --user 'Q*' --not-type ZC --format csv
same "$tmp/v1" "$tmp/v2" --from 2023-05-08 --to 2023-05-09 --fields "$ALL"
same "$tmp/v1" "$tmp/v2" --path '/home/*' --fields "$ALL"
same "$tmp/v1" "$tmp/v2" --group-by type,user --top 20
same "$tmp/v1" "$tmp/v2" --histogram month --type ZR
same "$tmp/v1" "$tmp/v2" --count --remote-addr 10.0.0.0/8
n=$("$JIDX" query "$tmp/v1" --count | tail -1) && [ "$n" = 5000 ] || fail "count $n"

# appending in the current format to a format 1 index: a mixed index that
# answers like a fresh one
cp -r "$tmp/v1" "$tmp/mix"
"$JIDX" ingest --quiet -o "$tmp/mix" "$DATA/SYSA" "$DATA/SYSB" || fail "append to format 1"
"$JIDX" ingest --quiet -o "$tmp/fresh" "$tmp/rcv" "$DATA/SYSA" "$DATA/SYSB" || fail "fresh ingest"
"$JIDX" verify --quiet "$tmp/mix" || fail "verify of the mixed index"
"$JIDX" info "$tmp/mix" | head -1 | grep -q '(format 2,' || fail "mixed index MANIFEST not format 2"
same "$tmp/mix" "$tmp/fresh" --format csv --fields "$ALL"
same "$tmp/mix" "$tmp/fresh" --group-by system,type
same "$tmp/mix" "$tmp/fresh" --user 'Q*' --format json
echo "format1: ok"
