#!/usr/bin/env bash
# bench/compare/install_venvs.sh VENVS_DIR LOG_DIR
# Creates the four venvs of the comparison under VENVS_DIR, each from PyPI with the system python3
# (PYTHON overrides). A venv whose stamp (hash of its requirement files and the python version) matches
# is left alone, so a second run installs nothing. A peer venv that fails to install is reported and
# left without a stamp (compare.py then reports that peer as failed); the reader venv must install.
set -uo pipefail
venvs="$1"
logs="$2"
here="$(cd "$(dirname "$0")" && pwd)"
req="$here/requirements"
python="${PYTHON:-python3}"
mkdir -p "$venvs" "$logs"

if ! "$python" -c 'import venv, ensurepip' 2>/dev/null; then
    echo "compare-peers: $python cannot create venvs (on Debian: apt-get install python3-venv)" >&2
    exit 1
fi

stamp_of() {  # requirement files..., plus python version
    { "$python" --version; cat "$@"; } | sha256sum | cut -d' ' -f1
}

# make_venv NAME NODEPS_SPEC REQUIREMENT_FILE...   (NODEPS_SPEC "-" when none)
make_venv() {
    local name="$1" nodeps="$2"
    shift 2
    local dir="$venvs/$name" log="$logs/install-$name.log" want
    want="$(stamp_of "$@" <(echo "$nodeps"))"
    if [ -x "$dir/bin/python" ] && [ "$(cat "$dir/.compare-stamp" 2>/dev/null)" = "$want" ]; then
        echo "compare-peers: $name up to date"
        return 0
    fi
    echo "compare-peers: installing $name (log: $log)"
    local started=$SECONDS
    (
        rm -f "$dir/.compare-stamp" &&
            "$python" -m venv --clear "$dir" &&
            if [ "$nodeps" != "-" ]; then
                "$dir/bin/pip" install --disable-pip-version-check --no-deps "$nodeps"
            fi &&
            for r in "$@"; do
                "$dir/bin/pip" install --disable-pip-version-check -r "$r" || exit 1
            done
    ) >"$log" 2>&1
    local rc=$?
    if [ $rc -ne 0 ]; then
        echo "compare-peers: installing $name FAILED (exit $rc); last lines of $log:" >&2
        tail -n 5 "$log" >&2
        return 1
    fi
    echo "$want" >"$dir/.compare-stamp"
    echo "compare-peers: $name installed in $((SECONDS - started)) s"
}

make_venv compare-venv - "$req/compare-venv.txt" || exit 1
make_venv peer-faim-ipa - "$req/peer-faim-ipa.txt"
make_venv peer-fractal-uzh - "$req/peer-fractal-uzh.txt"
make_venv peer-operetta-compose "operetta-compose==0.2.14" "$req/peer-operetta-compose-deps.txt"
exit 0
