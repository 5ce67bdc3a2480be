#!/usr/bin/env bash
# bench/run_peers.sh VENV_DIR PLATEDROP_BIN WORKDIR [run_peers.py options]
# Creates or reuses the peers' venv (pip runs only when requirements.txt changed), then runs the driver.
set -euo pipefail
if [ $# -lt 3 ]; then
    echo "usage: $0 VENV_DIR PLATEDROP_BIN WORKDIR [run_peers.py options]" >&2
    exit 2
fi
venv="$1"
platedrop="$2"
workdir="$3"
shift 3
bench="$(cd "$(dirname "$0")" && pwd)"
"$bench/../scripts/make-venv.sh" "$venv" "$bench/peers/requirements.txt"
exec "$venv/bin/python" "$bench/peers/run_peers.py" --platedrop "$platedrop" --workdir "$workdir" "$@"
