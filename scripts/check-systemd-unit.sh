#!/usr/bin/env bash
# Checks the systemd unit offline, without systemd as PID 1 (docs/operations.md §4,
# plus systemd-analyze(1)):
#   1. `systemd-analyze verify` must print nothing. Unknown keys and unparsable values only warn and
#      still exit 0, so any output is a failure.
#   2. `systemd-analyze security --offline=true` must score the sandbox at most MAX_EXPOSURE.
# verify needs ExecStart to name an existing executable, so the unit is checked as a copy whose
# ExecStart runs BINARY (same arguments).
#
# Usage: scripts/check-systemd-unit.sh BINARY [UNIT]     UNIT defaults to systemd/platedrop.service
set -euo pipefail

MAX_EXPOSURE=2.0

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 BINARY [UNIT]" >&2
    exit 2
fi
binary=$(realpath -e -- "$1") || { echo "check-systemd-unit: no such binary: $1" >&2; exit 2; }
[ -f "$binary" ] && [ -x "$binary" ] || { echo "check-systemd-unit: not an executable file: $binary" >&2; exit 2; }
unit=${2:-$(dirname "$0")/../systemd/platedrop.service}
[ -f "$unit" ] || { echo "check-systemd-unit: no such unit: $unit" >&2; exit 2; }

if ! command -v systemd-analyze >/dev/null; then
    echo "check-systemd-unit: installing systemd for systemd-analyze"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    if ! { $sudo apt-get update -qq &&
           DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq systemd >/dev/null; } ||
       ! command -v systemd-analyze >/dev/null; then
        echo "check-systemd-unit: systemd-analyze is missing and 'apt-get install systemd' failed;" \
             "install the Debian package systemd and run again" >&2
        exit 1
    fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The copy keeps the unit's file name: systemd-analyze names the unit after it.
copy="$work/$(basename "$unit")"
sed "s#^ExecStart=[^[:space:]]*#ExecStart=$binary#" "$unit" > "$copy"

verify_output=$(systemd-analyze verify --man=no "$copy" 2>&1) || true
if [ -n "$verify_output" ]; then
    echo "check-systemd-unit: systemd-analyze verify $unit reported:" >&2
    # The copy has the unit's line numbers, so the messages can name the unit itself.
    echo "${verify_output//"$copy"/"$unit"}" >&2
    exit 1
fi

security_output=$(systemd-analyze security --offline=true --no-pager "$copy" 2>&1) || true
score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9][0-9.]*\) .*/\1/p' <<<"$security_output")
if [ -z "$score" ]; then
    echo "check-systemd-unit: systemd-analyze security printed no exposure level:" >&2
    echo "$security_output" >&2
    exit 1
fi
if ! awk -v s="$score" -v max="$MAX_EXPOSURE" 'BEGIN { exit !(s <= max) }'; then
    echo "check-systemd-unit: exposure level $score exceeds $MAX_EXPOSURE; the weak settings:" >&2
    grep '^✗' <<<"$security_output" >&2 || true
    exit 1
fi
echo "check-systemd-unit: $(basename "$unit"): verify clean, exposure level $score (max $MAX_EXPOSURE)"
