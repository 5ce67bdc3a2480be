#!/usr/bin/env bash
# bench/compare/run.sh PLATEDROP_BIN [compare.py options, e.g. --only harmony --timeout 300]
# The `make compare-peers` entry point: needs the optional real-export corpus beside the checkout
# (README, "Development"; CORPUS overrides); without it, says so and exits 0. Otherwise installs the venvs
# (once) under .build/ and runs compare.py, which writes .build/compare-peers/ and prints the table.
set -euo pipefail
if [ $# -lt 1 ]; then
    echo "usage: $0 PLATEDROP_BIN [compare.py options]" >&2
    exit 2
fi
platedrop="$1"
shift
root="$(cd "$(dirname "$0")/../.." && pwd)"
corpus="${CORPUS:-$(dirname "$root")/shared/realdata}"
if [ ! -d "$corpus" ]; then
    echo "compare-peers: no corpus at $corpus (the real HCS exports are expected beside the checkout); nothing run."
    exit 0
fi
if [ ! -x "$platedrop" ]; then
    echo "compare-peers: no PlateDrop binary at $platedrop" >&2
    exit 2
fi
build="$root/.build"
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the source tree
out="$build/compare-peers"
"$root/bench/compare/install_venvs.sh" "$build" "$out/logs"
exec "$build/compare-venv/bin/python" "$root/bench/compare/compare.py" \
    --corpus "$corpus" --out "$out" --platedrop "$platedrop" --venvs "$build" "$@"
