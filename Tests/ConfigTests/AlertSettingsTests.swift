import Config
import Testing

@Suite("[daemon] hooks, stall_after and min_free")
struct AlertSettingsTests {
    @Test func hooksStallAfterAndMinFreeAreRead() throws {
        let config = try ConfigText.parse([
            "[daemon]",
            "on_complete = [\"/usr/local/bin/lims\", \"--plate\"]",
            "on_failure = [\"/usr/local/bin/page\", \"--team\", \"imaging\"]",
            "on_stall = [\"/usr/local/bin/page\"]",
            "on_incomplete = [\"/usr/local/bin/mail-admin\"]",
            "stall_after = \"30m\"",
            "min_free = \"2GiB\"",
        ])
        #expect(config.daemon.onComplete == ["/usr/local/bin/lims", "--plate"])
        #expect(config.daemon.onFailure == ["/usr/local/bin/page", "--team", "imaging"])
        #expect(config.daemon.onStall == ["/usr/local/bin/page"])
        #expect(config.daemon.onIncomplete == ["/usr/local/bin/mail-admin"])
        #expect(config.daemon.stallAfter == .seconds(1800))
        #expect(config.daemon.minFree == .bytes(2 * 1024 * 1024 * 1024))
    }

    @Test func defaultsAreNoHooksAnHourToStallAndNoGuard() throws {
        let daemon = try ConfigText.parse(["[daemon]"]).daemon
        #expect(daemon.onFailure.isEmpty && daemon.onStall.isEmpty && daemon.onIncomplete.isEmpty)
        #expect(daemon.stallAfter == .seconds(3600))
        #expect(daemon.minFree == nil)
    }

    @Test("min_free as a size, a share or a number of bytes", arguments: [
        ("\"500MB\"", FreeSpaceThreshold.bytes(500_000_000)),
        ("\"1.5 GiB\"", .bytes(1_610_612_736)),
        ("\"64kib\"", .bytes(65536)),
        ("\"4096\"", .bytes(4096)),
        ("4096", .bytes(4096)),
        ("\"5%\"", .percent(5)),
        ("\"0.5 %\"", .percent(0.5)),
    ])
    func minFreeForms(_ text: String, _ expected: FreeSpaceThreshold) throws {
        #expect(try ConfigText.parse(["[daemon]", "min_free = \(text)"]).daemon.minFree == expected)
    }

    @Test func aShareIsTakenOfTheFileSystemSize() {
        #expect(FreeSpaceThreshold.percent(5).bytes(ofFileSystemSize: 1000) == 50)
        #expect(FreeSpaceThreshold.percent(0.5).bytes(ofFileSystemSize: 1001) == 6)
        #expect(FreeSpaceThreshold.bytes(7).bytes(ofFileSystemSize: 1000) == 7)
    }

    @Test("bad values point at their line", arguments: [
        (["[daemon]", "min_free = \"lots\""], 2, "min_free is a size"),
        (["[daemon]", "", "min_free = \"120%\""], 3, "min_free is a size"),
        (["[daemon]", "min_free = -1"], 2, "min_free is a size"),
        (["[daemon]", "stall_after = \"soon\""], 2, "stall_after must be a duration"),
        (["[daemon]", "on_failure = \"/bin/page\""], 2, "on_failure is a list of words"),
        (["[daemon]", "on_stall = []"], 2, "on_stall is a list of words"),
        (["[daemon]", "on_alert = [\"x\"]"], 2, "unknown key \"on_alert\" in [daemon]"),
    ])
    func problems(_ lines: [String], _ line: Int, _ message: String) throws {
        let problem = try ConfigText.problem(lines)
        #expect(problem.line == line)
        #expect(problem.message.contains(message), "\(problem.message)")
    }
}
