#!/usr/bin/env bash
# tests/e2e/dump.sh - `jidx dump` end to end.
#  1. every golden input in tests/golden (see its README.md): NAME.type5 is
#     dumped as JSON with the options in NAME.args (if any);
#       good inputs: exit 0, stdout = NAME.json, stderr = NAME.err or empty;
#       NAME.bad.type5: exit 2, no stdout, stderr = NAME.bad.err (one line
#       naming the file, record and byte offset);
#  2. the three shared sample chains ($JX_SHARED/data): JSON dump in file
#     order compared with expected.jsonl, which lists a field only when the
#     entry has it (empty fields are dropped from our output to compare).
# Needs $JIDX and $JX_TESTS (set by tests/run-tests.sh). Only diff/sed/grep.
set -u
: "${JIDX:?JIDX must name the jidx binary}" "${JX_TESTS:?JX_TESTS must name the tests dir}"
tmp=$(mktemp -d /tmp/jidx-test-dump-XXXXXX) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
ng=0

# every field the decoder fills (not `detail`, whose wording belongs to audit.c)
FIELDS=system,receiver_lib,receiver,seq,code,type,subtype,timestamp,job,job_user,job_number,user,program,program_lib,object_name,object_lib,object_type,target_user,remote_addr,remote_port,thread,sysseq,esd_length,truncated

bad() { echo "FAIL: $*"; fail=1; }

cd "$JX_TESTS/golden" || exit 1
for f in *.type5; do
    base=${f%.type5}
    args=()
    [ -f "$base.args" ] && read -r -a args <"$base.args"
    "$JIDX" dump --format json --fields "$FIELDS" "${args[@]}" "$f" >"$tmp/out" 2>"$tmp/err"
    rc=$?
    ng=$((ng + 1))
    case $f in
    *.bad.type5)
        [ "$rc" -eq 2 ] || bad "$f: exit status $rc, want 2"
        [ -s "$tmp/out" ] && bad "$f: wrote to stdout"
        diff -u "$base.err" "$tmp/err" || bad "$f: error message differs"
        ;;
    *)
        [ "$rc" -eq 0 ] || bad "$f: exit status $rc, want 0"
        diff -u "$base.json" "$tmp/out" || bad "$f: output differs"
        if [ -f "$base.err" ]; then
            diff -u "$base.err" "$tmp/err" || bad "$f: stderr differs"
        else
            [ -s "$tmp/err" ] && bad "$f: unexpected stderr: $(head -3 "$tmp/err")"
        fi
        ;;
    esac
done
[ "$ng" -ge 10 ] || bad "only $ng golden inputs found"

# the shared chains: folder and CCSID from the README table
data=${JX_SHARED:-$JX_TESTS/shared}/data
[ -d "$data" ] || data=$JX_TESTS/shared/data
nc=0
while read -r folder ccsid; do
    nc=$((nc + 1))
    d=$data/$folder
    "$JIDX" dump --format json --file-order --ccsid "$ccsid" \
        --fields system,receiver,seq,code,type,timestamp,job,job_user,job_number,user,esd_length,truncated,subtype,object_name,object_lib,object_type,target_user \
        "$d/SYSA" "$d/SYSB" >"$tmp/$folder.json" 2>"$tmp/err" || bad "$folder: dump failed: $(cat "$tmp/err")"
    sed -e 's/, "[a-z_]*": ""//g' -e 's/"object_name":/"object":/' "$tmp/$folder.json" >"$tmp/$folder.cmp"
    diff "$d/expected.jsonl" "$tmp/$folder.cmp" >"$tmp/diff" || bad "$folder: differs from expected.jsonl: $(head -4 "$tmp/diff")"
    [ "$(grep -c . "$tmp/$folder.cmp")" -eq "$(grep -c . "$d/expected.jsonl")" ] || bad "$folder: entry count"
    # canonical order has the same entries (sorted lines agree)
    "$JIDX" dump --format json --ccsid "$ccsid" \
        --fields system,receiver,seq,code,type,timestamp,job,job_user,job_number,user,esd_length,truncated,subtype,object_name,object_lib,object_type,target_user \
        "$d/SYSA" "$d/SYSB" >"$tmp/$folder.canon" 2>"$tmp/err" || bad "$folder: canonical dump failed"
    sed -e 's/, "[a-z_]*": ""//g' -e 's/"object_name":/"object":/' "$tmp/$folder.canon" | sort >"$tmp/a"
    sort "$d/expected.jsonl" >"$tmp/b"
    diff -q "$tmp/a" "$tmp/b" >/dev/null || bad "$folder: canonical order loses or changes entries"
    # --info reports the detected record length and shape of every file
    "$JIDX" dump --info --ccsid "$ccsid" "$d/SYSA" "$d/SYSB" >"$tmp/info" 2>&1 || bad "$folder: --info failed"
    [ "$(grep -c "records of .* bytes, JOESD" "$tmp/info")" -eq 10 ] || bad "$folder: --info lists $(grep -c JOESD "$tmp/info") files"
done < <(sed -n 's/^| *\(ccsid[^ |]*\) *| *\([0-9][0-9]*\) *|.*/\1 \2/p' "$data/README.md")
[ "$nc" -eq 3 ] || bad "found $nc shared chains in $data/README.md, want 3"

# usage errors: exit 2 with a message
"$JIDX" dump --ccsid 1047 "$data" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "unsupported --ccsid" "$tmp/err" || bad "--ccsid 1047: status $rc"
"$JIDX" dump --esd sideways "$data" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "bad --esd" "$tmp/err" || bad "--esd sideways: status $rc"
"$JIDX" dump --reclen 0 "$data" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "bad --reclen" "$tmp/err" || bad "--reclen 0: status $rc"
"$JIDX" dump "$tmp/no-such-file" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "no-such-file" "$tmp/err" || bad "missing file: status $rc"

# a directory may hold other files beside the receivers (expected.jsonl
# here): they are passed over with a note; the same file named explicitly
# is an error
d="$data/ccsid37-fixed"
"$JIDX" dump --info "$d" >"$tmp/info" 2>"$tmp/err" || bad "dump of a directory holding expected.jsonl failed: $(cat "$tmp/err")"
grep -q "expected.jsonl': not a \*TYPE5 receiver export" "$tmp/err" || bad "no note about the passed-over expected.jsonl"
grep -q "^10 receiver(s) on 2 system(s), 600 entries" "$tmp/info" || bad "directory dump lost receivers: $(grep receiver "$tmp/info")"
"$JIDX" dump "$d/expected.jsonl" >/dev/null 2>"$tmp/err"; rc=$?
[ "$rc" -eq 2 ] && grep -q "expected.jsonl': record 1: byte offset 0: not a DSPJRN \*TYPE5 record" "$tmp/err" || bad "named text file: status $rc: $(cat "$tmp/err")"

[ "$fail" -eq 0 ] && echo "dump.sh: $ng golden files and $nc shared chains OK"
exit "$fail"
