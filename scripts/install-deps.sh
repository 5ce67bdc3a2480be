#!/usr/bin/env bash
# Installs the Debian packages PlateDrop builds against, only when one is missing.
set -euo pipefail
# chromium: the web view's headless browser test (Tests/Interop/test_web_view.py).
packages=(libtiff-dev libblosc-dev libzstd-dev libsqlite3-dev libinotifytools0-dev zlib1g-dev pkg-config python3-venv chromium)
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
