#!/usr/bin/env bash
# tests/e2e/ingest.sh - end-to-end checks of `jidx ingest`, `info` and
# `verify` through the binary (seconds): byte-identical indexes for 1 and 2
# threads, append and re-ingest, the abort-before-MANIFEST hook, a corrupted
# byte caught by verify (segment and block named), a second writer refused
# (JX_E_LOCKED), no file readable by others, info/json output. The
# field-for-field oracle comparison lives in tests/test_index.c. With a
# working `jidx gen`, the same checks run on a generated chain too.
set -u
JIDX=${JIDX:?JIDX must name the jidx binary}
DATA=${JX_TESTS:-$(dirname "$0")/..}/shared/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/jidx-e2e-ingest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
umask 022

S=$DATA/ccsid37-fixed
# 1. one and two threads give the same bytes; verify is clean
"$JIDX" ingest --quiet -j 1 -o "$tmp/i1" "$S/SYSA" "$S/SYSB" || fail "ingest -j1"
"$JIDX" ingest --quiet -j 2 -o "$tmp/i2" "$S/SYSA" "$S/SYSB" || fail "ingest -j2"
diff -r "$tmp/i1" "$tmp/i2" >/dev/null || fail "-j1 and -j2 indexes differ"
# ... and so does planning from a scan of every record first (the summary
# says which way it went)
"$JIDX" ingest -j 2 --two-pass -o "$tmp/i3" "$S/SYSA" "$S/SYSB" 2>"$tmp/s3.txt" ||
    fail "ingest --two-pass"
diff -r "$tmp/i1" "$tmp/i3" >/dev/null || fail "one-pass and --two-pass indexes differ"
grep -q '(plan [0-9.]* s)' "$tmp/s3.txt" || { cat "$tmp/s3.txt"; fail "--two-pass summary"; }
rm -rf "$tmp/i3"
"$JIDX" ingest -j 2 -o "$tmp/i3" "$S/SYSA" "$S/SYSB" 2>"$tmp/s3.txt" || fail "ingest"
grep -q '(one pass)' "$tmp/s3.txt" || { cat "$tmp/s3.txt"; fail "one-pass summary"; }
"$JIDX" verify "$tmp/i1" >"$tmp/v.txt" || fail "verify of a fresh index failed"
grep -q ': ok: 10 segment(s)' "$tmp/v.txt" || { cat "$tmp/v.txt"; fail "verify summary"; }

# 2. permissions: nothing readable by group or others, even with umask 022
[ "$(stat -c %a "$tmp/i1")" = 700 ] || fail "index dir mode $(stat -c %a "$tmp/i1")"
for f in "$tmp/i1"/*; do
    [ "$(stat -c %a "$f")" = 600 ] || fail "$f mode $(stat -c %a "$f")"
done

# 3. info: receivers, chains, counts
"$JIDX" info "$tmp/i1" >"$tmp/info.txt" || fail "info"
grep -q '600 entries in 10 receiver(s) on 2 system(s), 3 chain(s)' "$tmp/info.txt" \
    || { cat "$tmp/info.txt"; fail "info totals"; }
grep -q 'sequence reset: new chain' "$tmp/info.txt" || fail "info: no reset shown"
grep -q 'gaps: 2' "$tmp/info.txt" || fail "info: gaps"
"$JIDX" info --format json "$tmp/i1" >"$tmp/info.json" || fail "info json"
if command -v python3 >/dev/null; then
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["entries"]==600 and len(d["receiver_list"])==10 and sum(d["types"].values())==600 and d["resets"]==1' "$tmp/info.json" \
        || fail "info json content"
fi

# 4. append a second batch; re-ingest adds nothing and says so
"$JIDX" ingest --quiet -o "$tmp/a" "$S/SYSB" || fail "ingest SYSB"
"$JIDX" ingest -o "$tmp/a" "$S/SYSA" 2>"$tmp/e.txt" || fail "ingest SYSA"
grep -q 'ingested 400 entries from 5 new receiver' "$tmp/e.txt" || { cat "$tmp/e.txt"; fail "append summary"; }
grep -q 'index now holds 600 entries' "$tmp/e.txt" || fail "append total"
cp "$tmp/a/MANIFEST" "$tmp/m.before"
"$JIDX" ingest -o "$tmp/a" "$S/SYSA" "$S/SYSB" 2>"$tmp/e.txt" || fail "re-ingest"
grep -q 'already indexed' "$tmp/e.txt" || fail "re-ingest did not report skipped receivers"
grep -q '10 receiver(s) already indexed, skipped' "$tmp/e.txt" || { cat "$tmp/e.txt"; fail "re-ingest summary"; }
cmp -s "$tmp/m.before" "$tmp/a/MANIFEST" || fail "re-ingest changed the MANIFEST"
# same receivers in a different order of arrival: same segments content
"$JIDX" verify --quiet "$tmp/a" || fail "verify after append"

# 5. abort between segment writes and the MANIFEST rename
"$JIDX" ingest --quiet -o "$tmp/b" "$S/SYSA" || fail "ingest before abort"
cp "$tmp/b/MANIFEST" "$tmp/m.before"
JX_TEST_ABORT_BEFORE_MANIFEST=1 bash -c '"$0" ingest --quiet -o "$1" "$2" 2>/dev/null' \
    "$JIDX" "$tmp/b" "$S/SYSB" 2>/dev/null && fail "abort hook did not abort"
cmp -s "$tmp/m.before" "$tmp/b/MANIFEST" || fail "aborted ingest changed the MANIFEST"
"$JIDX" verify "$tmp/b" >/dev/null 2>"$tmp/e.txt" || fail "index invalid after abort"
grep -q 'not in the MANIFEST' "$tmp/e.txt" || fail "verify did not note the orphan segments"
"$JIDX" info "$tmp/b" | grep -q '400 entries in 5 receiver' || fail "previous index not intact"
"$JIDX" ingest --quiet -o "$tmp/b" "$S/SYSB" || fail "ingest after abort"
[ "$(ls "$tmp/b" | grep -c '\.jxs$')" = 10 ] || fail "orphans not cleaned up"
"$JIDX" verify --quiet "$tmp/b" || fail "verify after recovery"

# 6. a flipped byte in a segment: verify exits 1 naming file and block
cp -r "$tmp/i1" "$tmp/c"
seg=$(ls "$tmp/c" | grep '\.jxs$' | head -1)
printf '\x5a' | dd of="$tmp/c/$seg" bs=1 seek=300 conv=notrunc status=none
"$JIDX" verify "$tmp/c" >/dev/null 2>"$tmp/e.txt"
rc=$?
[ $rc = 1 ] || { cat "$tmp/e.txt"; fail "verify exit $rc on a damaged segment"; }
grep -q "$seg" "$tmp/e.txt" || fail "verify did not name the segment file"
grep -q 'block [0-9]' "$tmp/e.txt" || fail "verify did not name the block"
grep -q 'checksum mismatch' "$tmp/e.txt" || fail "verify did not say checksum"

# 7. a second writer is refused at once
flock -n "$tmp/i1/LOCK" -c "\"$JIDX\" ingest --quiet -o \"$tmp/i1\" \"$S/SYSA\"" 2>"$tmp/e.txt"
rc=$?
[ $rc = 2 ] || fail "second writer exit $rc"
grep -q 'locked by another writer' "$tmp/e.txt" || { cat "$tmp/e.txt"; fail "no lock message"; }

# 8. a bad record: stop names it (and writes nothing); skip indexes the rest
mkdir -p "$tmp/bad"
cp "$S/SYSA/AUDRCV0001.type5" "$tmp/bad/"
printf '\x00' | dd of="$tmp/bad/AUDRCV0001.type5" bs=1 seek=$((2 * 1309 + 10)) conv=notrunc status=none
"$JIDX" ingest --quiet -o "$tmp/d" "$tmp/bad" 2>"$tmp/e.txt" && fail "bad record accepted"
grep -q 'record 3' "$tmp/e.txt" || { cat "$tmp/e.txt"; fail "bad record not named"; }
"$JIDX" ingest --on-error skip -o "$tmp/d" "$tmp/bad" 2>"$tmp/e.txt" || fail "--on-error skip"
grep -q 'records skipped as invalid: 1,' "$tmp/e.txt" || { cat "$tmp/e.txt"; fail "skip not counted"; }
grep -q 'ingested 79 entries' "$tmp/e.txt" || fail "skip: wrong entry count"
"$JIDX" verify --quiet "$tmp/d" || fail "verify after skip"

# 8b. more input files than descriptors: one clear error that says what to do;
# an index of more segments than descriptors still answers and verifies
"$JIDX" gen -q -o "$tmp/many" -n 6000 --receiver-entries 100 --seed 4 2>/dev/null || fail "gen many"
( ulimit -n 40; "$JIDX" ingest --quiet -o "$tmp/m" "$tmp/many" ) 2>"$tmp/e.txt" \
    && fail "ingest of 60 files with 40 descriptors succeeded"
grep -q 'Too many open files (60 input files, each kept open: raise ulimit -n, or give them in batches' \
    "$tmp/e.txt" || { cat "$tmp/e.txt"; fail "many inputs: message"; }
"$JIDX" ingest --quiet -o "$tmp/m" "$tmp/many" || fail "ingest of 60 files"
want=$("$JIDX" query "$tmp/m" --group-by type,user | cksum)
got=$( ulimit -n 24; "$JIDX" query "$tmp/m" --group-by type,user | cksum ) || fail "query, 24 descriptors"
[ "$want" = "$got" ] || fail "60 segments with 24 descriptors: another answer"
( ulimit -n 24; "$JIDX" verify --quiet "$tmp/m" ) || fail "verify of 60 segments with 24 descriptors"
rm -rf "$tmp/many" "$tmp/m"

# 9. usage errors
"$JIDX" ingest "$S/SYSA" 2>/dev/null && fail "ingest without -o accepted"
"$JIDX" verify "$tmp/nonexistent" 2>/dev/null; [ $? = 2 ] || fail "verify of a missing index"

# 10. a generated chain (when the generator is built): -j1/-j2 identical, verify
if "$JIDX" gen --help >/dev/null 2>&1; then
    if "$JIDX" gen --entries 30000 --systems 2 --receiver-entries 7000 -o "$tmp/g" \
        >/dev/null 2>&1; then
        "$JIDX" ingest --quiet -j 1 -o "$tmp/g1" "$tmp/g" || fail "ingest gen -j1"
        "$JIDX" ingest --quiet -j 2 --memory 64 -o "$tmp/g2" "$tmp/g" || fail "ingest gen -j2"
        diff -r "$tmp/g1" "$tmp/g2" >/dev/null || fail "generated: -j1 and -j2 differ"
        "$JIDX" verify --quiet "$tmp/g1" || fail "verify generated"
    else
        echo "note: jidx gen failed; generated-data checks skipped"
    fi
fi
echo "ingest e2e: ok"
