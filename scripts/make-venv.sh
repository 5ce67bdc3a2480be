#!/usr/bin/env bash
# Creates the interop venv (external OME-Zarr readers and validators) under the build folder.
set -euo pipefail
venv="$1"
requirements="$2"
stamp="$venv/.requirements"
if [ -x "$venv/bin/python" ] && cmp -s "$requirements" "$stamp"; then exit 0; fi
python="${PYTHON:-python3}"
"$python" -m venv --clear "$venv"
"$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
cp "$requirements" "$stamp"
