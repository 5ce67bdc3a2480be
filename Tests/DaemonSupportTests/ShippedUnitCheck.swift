/// `scripts/check-systemd-unit.sh` run once on the shipped unit. The script installs Debian's systemd
/// package when systemd-analyze is missing, so every test that needs systemd's tools reads this first:
/// the package is then in place, and no two tests race for the dpkg lock.
enum ShippedUnitCheck {
    static let run = Result { try ScriptRun("scripts/check-systemd-unit.sh", ["/bin/true"]) }
}
