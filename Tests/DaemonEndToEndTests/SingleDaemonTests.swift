import Foundation
import Testing

extension DaemonEndToEndSuite {
    @Suite("one daemon per catalogue")
    struct SingleDaemonTests {
        /// A second daemon on the same catalogue (watching another folder) exits non-zero, naming the
        /// catalogue and the daemon already using it; the first keeps running.
        @Test func secondDaemonOnTheSameCatalogueRefusesToStart() async throws {
            let workspace = try DaemonWorkspace()
            let first = try workspace.startDaemon()
            try await workspace.awaitWatching(first)

            let otherFolder = workspace.path + "/other-watched"
            try FileManager.default.createDirectory(atPath: otherFolder, withIntermediateDirectories: true)
            let second = try workspace.startDaemon(["serve", "--watch", otherFolder, "--out", workspace.path + "/other-plates",
                                                    "--catalog", workspace.catalogue, "--quiet-period", "1s"])
            let status = try await second.exitStatus()
            #expect(status != 0, "the second daemon exited with 0:\n\(second.log)")
            #expect(second.log.contains(workspace.catalogue), "the message does not name the catalogue:\n\(second.log)")
            #expect(second.log.contains("another platedrop daemon"), "the message does not say why:\n\(second.log)")

            #expect(first.isRunning, "the first daemon stopped:\n\(first.log)")
            let report = try await workspace.command(["status", "--json"]).json()
            #expect(report["daemon"]?["running"]?.boolValue == true)
            #expect(report["daemon"]?["pid"]?.intValue == Int64(first.pid), "status names another pid: \(report.serialized())")
            try await workspace.stop(first)
        }
    }
}
