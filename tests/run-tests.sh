#!/usr/bin/env bash
# Runs the test suite. Usage: run-tests.sh unit|all TEST_BIN...
#   unit: the cmocka unit binaries (fast, seconds)
#   all:  unit + every tests/e2e/*.sh script (end-to-end with the jidx binary)
# Prints a closing line "N passed, N failed" and exits non-zero on failure.
set -u
mode=$1; shift
here=$(cd "$(dirname "$0")" && pwd)
export JX_TESTS="$here"
export JX_SHARED="${JX_SHARED:-$(cd "$here/../.." && pwd)/shared}"
[ -d "$JX_SHARED/data" ] || JX_SHARED="$here/shared"
# test_pool forks a process whose parent has pool threads and starts
# threads in the child (what common/pool.c's fork handler is for); a
# ThreadSanitizer build refuses that unless told to go on.
export TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}die_after_fork=0"
pass=0; fail=0; failed=()
for t in "$@"; do
    name=$(basename "$t")
    if out=$("$t" 2>&1); then
        pass=$((pass + 1)); echo "PASS $name"
    else
        fail=$((fail + 1)); failed+=("$name"); echo "FAIL $name"; echo "$out" | tail -40
    fi
done
if [ "$mode" = all ]; then
    for s in "$here"/e2e/*.sh; do
        [ -e "$s" ] || continue
        name=e2e/$(basename "$s")
        if out=$(bash "$s" 2>&1); then
            pass=$((pass + 1)); echo "PASS $name"
        else
            fail=$((fail + 1)); failed+=("$name"); echo "FAIL $name"; echo "$out" | tail -40
        fi
    done
fi
[ "$fail" -gt 0 ] && echo "failed: ${failed[*]}"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
