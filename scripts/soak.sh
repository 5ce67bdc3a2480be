#!/bin/sh
# Soak run of the fault-injection suite (Tests/FaultTests): the default cases plus the heavy variants that
# PLATEDROP_SOAK=1 enables — 100 SIGKILL trials instead of 10, SIGTERM during a plate write of several minutes.
#
#   scripts/soak.sh                      # everything, heavy variants on
#   scripts/soak.sh CrashTests           # one suite (a regular expression on test names)
#   PLATEDROP_CRASH_TRIALS=500 PLATEDROP_CRASH_SEED=42 scripts/soak.sh CrashTests
#
# The kills during a time-lapse append (Tests/DaemonEndToEndTests) take the same seed variable:
#   PLATEDROP_CRASH_SEED=42 swift test --filter sigkillDuringAnAppend
#
# Run as root: disk-full, read-only, permission and user-namespace cases need it (they are skipped
# otherwise). Needs about 4 GB free under /tmp and 20-30 minutes on two cores.
set -eu
cd "$(dirname "$0")/.."

filter="FaultTests"
if [ $# -gt 0 ]; then filter="FaultTests.*($1)"; fi

swift build --build-tests
started=$(date +%s)
# POSIX sh has no pipefail: the test run's own status goes through a file.
{ rc=0; PLATEDROP_SOAK=1 swift test --skip-build --filter "$filter" || rc=$?; echo "$rc" > .build/soak.status; } 2>&1 \
    | tee .build/soak.log
status=$(cat .build/soak.status)
echo "soak: $(( $(date +%s) - started )) s, exit $status; log in .build/soak.log"
# Nothing may outlive the run: mounts, daemons, temporary folders of the suite.
if grep -q platedrop-faults /proc/mounts; then echo "soak: mounts left behind:" >&2; grep platedrop-faults /proc/mounts >&2; status=1; fi
exit $status
