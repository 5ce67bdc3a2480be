import Foundation
import Testing

@Suite("check-systemd-unit.sh")
struct SystemdUnitCheckTests {
    private static let script = "scripts/check-systemd-unit.sh"

    /// The shipped unit with `edit` applied, written as `platedrop.service` in `directory`.
    private func editedUnit(in directory: TemporaryDirectory, _ edit: (String) -> String) throws -> String {
        let shipped = try String(contentsOfFile: ScriptRun.repositoryRoot + "/systemd/platedrop.service", encoding: .utf8)
        let edited = edit(shipped)
        try #require(edited != shipped, "the edit must change the unit")
        let path = directory.file("platedrop.service")
        try edited.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    @Test("passes the shipped unit: verify prints nothing and the exposure level is at most 2.0")
    func shippedUnit() throws {
        let run = try ShippedUnitCheck.run.get()
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stderr.isEmpty, "\(run.output)")
        let score = try #require(
            run.stdout.firstMatch(of: #/verify clean, exposure level ([0-9.]+) /#).flatMap { Double($0.1) },
            "no exposure level in: \(run.output)")
        #expect(score <= 2.0)
    }

    @Test("fails a unit with an unknown key, which systemd-analyze only warns about")
    func unknownKey() throws {
        _ = try ShippedUnitCheck.run.get()
        let directory = try TemporaryDirectory()
        let unit = try editedUnit(in: directory) {
            $0.replacingOccurrences(of: "\nProtectSystem=strict\n", with: "\nProtectSytem=strict\n")
        }
        let run = try ScriptRun(Self.script, ["/bin/true", unit])
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stderr.contains("\(unit):"), "messages name the unit, not the script's copy")
        #expect(run.stderr.contains("Unknown key 'ProtectSytem' in section [Service]"), "\(run.output)")
    }

    @Test("fails a unit with a value systemd cannot parse")
    func badValue() throws {
        _ = try ShippedUnitCheck.run.get()
        let directory = try TemporaryDirectory()
        let unit = try editedUnit(in: directory) {
            $0.replacingOccurrences(of: "\nWatchdogSec=60s\n", with: "\nWatchdogSec=sixty\n")
        }
        let run = try ScriptRun(Self.script, ["/bin/true", unit])
        #expect(run.status == 1, "\(run.output)")
        let line = try #require(
            String(contentsOfFile: unit, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0 == "WatchdogSec=sixty" }) + 1
        #expect(run.stderr.contains("\(unit):\(line): Failed to parse sec value, ignoring: sixty"), "\(run.output)")
    }

    @Test("fails a unit whose sandbox exposure is above 2.0")
    func weakSandbox() throws {
        _ = try ShippedUnitCheck.run.get()
        let directory = try TemporaryDirectory()
        let dropped = ["ProtectSystem=", "ProtectHome=", "PrivateDevices=", "CapabilityBoundingSet=", "SystemCallFilter="]
        let unit = try editedUnit(in: directory) { unit in
            unit.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { line in !dropped.contains { line.hasPrefix($0) } }
                .joined(separator: "\n")
        }
        let run = try ScriptRun(Self.script, ["/bin/true", unit])
        #expect(run.status == 1, "\(run.output)")
        #expect(run.stderr.contains("exceeds 2.0"), "\(run.output)")
    }

    @Test("refuses a binary that does not exist")
    func missingBinary() throws {
        let directory = try TemporaryDirectory()
        let run = try ScriptRun(Self.script, [directory.file("platedrop")])
        #expect(run.status == 2, "\(run.output)")
        #expect(run.stderr.contains("no such binary"), "\(run.output)")
    }
}
