import Foundation
import Testing
import Zarr

extension DaemonEndToEndSuite {
    @Suite("catalogue commands while the daemon writes and after it stopped")
    struct CatalogueCommandTests {
        /// Every read-only command, in text and JSON, over and over while wells are being written (the
        /// daemon holds the write lock often), then once more after SIGTERM.
        @Test func everyCommandAnswersDuringIngestionAndAfterStop() async throws {
            let workspace = try DaemonWorkspace()
            let export = try SourceExport(layout: .imageXpress, plate: "Busy", wells: ["A1", "A2", "A3", "B1", "B2", "B3"],
                                          in: workspace.sources)
            let destination = workspace.watched + "/" + export.plateName
            let daemon = try await workspace.startDaemonWithFirstWell(of: export)

            let querying = Task {
                var rounds = 0
                repeat {
                    try await expectEveryCommandAnswers(workspace, plate: export.plateName, daemonRunning: true)
                    rounds += 1
                } while !Task.isCancelled
                return rounds
            }
            for well in export.wellNames.dropFirst() {
                for image in export.images(inWell: well) {
                    try export.deliver(image.relativePath, into: destination)
                }
                try await workspace.awaitWritten(well, plate: export.plateName, daemon: daemon)
            }
            querying.cancel()
            let rounds = try await querying.value
            #expect(rounds >= 1)
            try await workspace.awaitFinalized(plate: export.plateName, daemon: daemon)

            try await workspace.stop(daemon)
            try await expectEveryCommandAnswers(workspace, plate: export.plateName, daemonRunning: false)
            try await expectWellsAgainstThePlan(workspace, plate: export.plateName, written: 6, expected: 6)
        }

        /// `plates` and `plate` count the wells written against the wells the plan (the HTD) selects, in text
        /// as the web view does and in JSON as `expectedWells`.
        private func expectWellsAgainstThePlan(_ workspace: DaemonWorkspace, plate: String, written: Int, expected: Int) async throws {
            let plates = try await workspace.command(["plates"])
            #expect(plates.standardOutput.contains("\(plate)  finalized  wells written \(written) / \(expected)  "), "\(plates.transcript)")
            let map = try await workspace.command(["plate", plate])
            #expect(map.standardOutput.contains("wells written \(written) / \(expected) [\(written) written]"), "\(map.transcript)")
            let listed = try await workspace.command(["plates", "--json"]).json().arrayValue ?? []
            #expect(listed.map { $0["expectedWells"] } == [JSONValue(expected)], "\(listed)")
            #expect(try await workspace.command(["plate", plate, "--json"]).json()["expectedWells"] == JSONValue(expected))
        }

        private func expectEveryCommandAnswers(_ workspace: DaemonWorkspace, plate: String, daemonRunning: Bool) async throws {
            for command in [["status"], ["plates"], ["plate", plate], ["wells"], ["files"]] {
                let text = try await workspace.command(command)
                #expect(text.exitCode == 0 && !text.standardOutput.isEmpty, "\(text.transcript)")
                let json = try await workspace.command(command + ["--json"])
                #expect(json.exitCode == 0, "\(json.transcript)")
                let parsed = try? json.json()
                #expect(parsed != nil, "not JSON: \(json.transcript)")
                if command == ["status"] {
                    #expect(parsed?["daemon"]?["running"]?.boolValue == daemonRunning,
                            "status should say running \(daemonRunning): \(json.standardOutput)")
                }
            }
        }
    }
}
