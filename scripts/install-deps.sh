#!/usr/bin/env bash
# Installs the Debian packages PlateDrop builds against, and the browser its web view is tested with, only
# when one is missing.
set -euo pipefail
packages=(libtiff-dev libblosc-dev libzstd-dev libsqlite3-dev libinotifytools0-dev zlib1g-dev pkg-config python3-venv)
# The web view's headless browser test (Tests/Interop/test_web_view.py). Without its recommends (printing,
# avahi, Perl libraries), which a headless browser does not use.
browser=(chromium)
missing() {
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
    done
}
mapfile -t missing_packages < <(missing "${packages[@]}")
mapfile -t missing_browser < <(missing "${browser[@]}")
[ ${#missing_packages[@]} -eq 0 ] && [ ${#missing_browser[@]} -eq 0 ] && exit 0
echo "installing: ${missing_packages[*]} ${missing_browser[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
if [ ${#missing_packages[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing_packages[@]}" >/dev/null
fi
if [ ${#missing_browser[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing_browser[@]}" >/dev/null
fi
