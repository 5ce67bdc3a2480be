#!/usr/bin/env bash
# Installs PlateDrop as a systemd service. Used by `make install`.
#
# Usage: [PREFIX=/usr/local] [DESTDIR=] scripts/install.sh BINARY
#
# Where the files go (DESTDIR is prepended to every path):
#   PREFIX/bin/platedrop                       the BINARY given
#   PREFIX/share/doc/platedrop/README.md       the unit's Documentation=
#   UNITDIR/platedrop.service                  ExecStart= and Documentation= rewritten for PREFIX
#   CONFDIR/sysusers.d/platedrop.conf
#   CONFDIR/tmpfiles.d/platedrop.conf
#   CONFDIR/sysctl.d/60-platedrop.conf
#   /etc/platedrop/platedrop.toml              only if absent; otherwise platedrop.toml.sample beside it
#
# With PREFIX=/usr/local (or /usr), UNITDIR is PREFIX/lib/systemd/system and CONFDIR is PREFIX/lib:
# systemd, systemd-sysusers, systemd-tmpfiles and `sysctl --system` all search /usr/local/lib and /usr/lib
# (systemd.unit(5), sysusers.d(5), tmpfiles.d(5), sysctl(8)). That leaves /etc to the administrator, whose
# files there override ours, e.g. the drop-in `systemctl edit platedrop` writes. No other PREFIX is
# searched, so for any other PREFIX the files go to /etc/systemd/system and /etc instead.
#
# With DESTDIR empty on a machine booted with systemd, the script then creates the user and the
# directories, applies the sysctl settings and reloads systemd; otherwise it prints those commands.
set -euo pipefail
# Directories that install -D creates take their mode from the umask; they must be world-readable.
umask 022

if [ $# -ne 1 ]; then
    echo "usage: [PREFIX=/usr/local] [DESTDIR=] $0 BINARY" >&2
    exit 2
fi
binary=$1
[ -f "$binary" ] && [ -x "$binary" ] || { echo "install.sh: not an executable file: $binary" >&2; exit 2; }

PREFIX=${PREFIX:-/usr/local}
PREFIX=${PREFIX%/}
DESTDIR=${DESTDIR:-}
DESTDIR=${DESTDIR%/}
case "$PREFIX" in
    /usr|/usr/local) unitdir=$PREFIX/lib/systemd/system; confdir=$PREFIX/lib ;;
    /*)              unitdir=/etc/systemd/system;        confdir=/etc ;;
    *) echo "install.sh: PREFIX must be an absolute path, not '$PREFIX'" >&2; exit 2 ;;
esac

source_root=$(cd "$(dirname "$0")/.." && pwd)
docdir=$PREFIX/share/doc/platedrop
unit=$unitdir/platedrop.service
sysusers=$confdir/sysusers.d/platedrop.conf
tmpfiles=$confdir/tmpfiles.d/platedrop.conf
sysctl=$confdir/sysctl.d/60-platedrop.conf
config=/etc/platedrop/platedrop.toml

install -D -m 0755 "$binary" "$DESTDIR$PREFIX/bin/platedrop"
install -D -m 0644 "$source_root/README.md" "$DESTDIR$docdir/README.md"
install -d -m 0755 "$DESTDIR$unitdir"
sed -e "s#^ExecStart=/usr/local/bin/platedrop #ExecStart=$PREFIX/bin/platedrop #" \
    -e "s#^Documentation=file:/usr/local/share/doc/platedrop/#Documentation=file:$docdir/#" \
    "$source_root/systemd/platedrop.service" > "$DESTDIR$unit.tmp"
chmod 0644 "$DESTDIR$unit.tmp"
mv "$DESTDIR$unit.tmp" "$DESTDIR$unit"
install -D -m 0644 "$source_root/etc/sysusers.d/platedrop.conf" "$DESTDIR$sysusers"
install -D -m 0644 "$source_root/etc/tmpfiles.d/platedrop.conf" "$DESTDIR$tmpfiles"
install -D -m 0644 "$source_root/etc/sysctl.d/60-platedrop.conf" "$DESTDIR$sysctl"

# The configuration is the administrator's: never replace it, offer the new sample beside it.
if [ -e "$DESTDIR$config" ] || [ -L "$DESTDIR$config" ]; then
    install -D -m 0644 "$source_root/etc/platedrop.toml" "$DESTDIR$config.sample"
    echo "install.sh: kept $config; the current sample is $config.sample"
else
    install -D -m 0644 "$source_root/etc/platedrop.toml" "$DESTDIR$config"
fi

activate=(
    "systemd-sysusers $sysusers"
    "systemd-tmpfiles --create $tmpfiles"
    "sysctl --system"
    "systemctl daemon-reload"
)
# /run/systemd/system exists only when systemd is PID 1 (sd_booted(3)).
if [ -z "$DESTDIR" ] && [ -d /run/systemd/system ]; then
    for command in "${activate[@]}"; do
        echo "+ $command"
        $command
    done
    echo "install.sh: installed; start with: systemctl enable --now platedrop"
else
    echo "install.sh: installed under ${DESTDIR:-/}; on the target system, as root, run:"
    printf '  %s\n' "${activate[@]}" "systemctl enable --now platedrop"
fi
