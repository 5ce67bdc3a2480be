#!/usr/bin/env bash
# Runs the Swift suites and, when any test fails, repeats every failure at the end of the output: the
# suites run in parallel, so a failure is otherwise buried hundreds of lines above the summary a CI log
# keeps. The full log stays in .build/swift-test.log.
set -uo pipefail
cd "$(dirname "$0")/.."
log=.build/swift-test.log
mkdir -p .build
"${SWIFT:-swift}" test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
    echo
    echo "==== failures (full log in $log) ===="
    grep -E -A3 "✘|error:|Fatal error|Crashed|exited with signal" "$log" | grep -v "^--$" | head -200
fi
exit "$status"
