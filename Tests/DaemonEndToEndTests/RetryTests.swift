import Foundation
import Testing

extension DaemonEndToEndSuite {
    @Suite("platedrop retry")
    struct RetryTests {
        /// After A1 is written, a regular file named like row B's folder sits in the plate store, so
        /// publishing B3 fails (root ignores permissions, not file types). Once the file is gone,
        /// `platedrop retry` has B3 written, well before the first automatic retry (30 s after the failure).
        @Test func failedWellIsWrittenAfterTheCauseIsFixedAndRetryIsAsked() async throws {
            let workspace = try DaemonWorkspace()
            let export = try SourceExport(layout: .imageXpress, plate: "Retried", wells: ["A1", "B3"], in: workspace.sources)
            let destination = workspace.watched + "/" + export.plateName
            let daemon = try await workspace.startDaemonWithFirstWell(of: export)

            let blocker = workspace.storePath(plate: export.plateName) + "/B"
            try Data("not a row group\n".utf8).write(to: URL(fileURLWithPath: blocker))
            for image in export.images(inWell: "B3") {
                try export.deliver(image.relativePath, into: destination)
            }
            let failed = try await Deadline.poll(for: "well B3 to fail", daemon: daemon) { () -> WellStatus? in
                guard let status = try await workspace.wells(plate: export.plateName)?["B3"] else { return nil }
                return status.state == "failed" ? status : nil
            }
            #expect(failed.reason?.isEmpty == false, "no reason given for the failure: \(failed)")

            try FileManager.default.removeItem(atPath: blocker)
            let retry = try await workspace.command(["retry", export.plateName])
            #expect(retry.exitCode == 0, "\(retry.transcript)")
            #expect(retry.standardOutput.contains("1 well(s)"), "\(retry.transcript)")
            try await workspace.awaitWritten("B3", plate: export.plateName, daemon: daemon)
            let automaticRetries = try CatalogueInspector(path: workspace.catalogue).events(kind: .wellRetry)
            #expect(automaticRetries.isEmpty,
                    "B3 was written by an automatic retry, not by platedrop retry: \(automaticRetries.map(\.message))")

            try await workspace.awaitFinalized(plate: export.plateName, daemon: daemon)
            let store = StoreOnDisk(root: workspace.storePath(plate: export.plateName))
            #expect(try store.listedWells().sorted() == ["A/1", "B/3"])
            try LevelZeroCheck.expectMatches(store, images: export.images, folder: destination)
            let validation = try await workspace.validate(plate: export.plateName)
            #expect(validation.exitCode == 0, "\(validation.transcript)")
            try await workspace.stop(daemon)
        }

        /// Retrying a well of a finalized plate reopens the plate, as a file arriving for it does: its done
        /// marker goes at once, so nothing downstream takes the plate for final while the well is rewritten.
        @Test func retryOnAFinalizedPlateRemovesItsDoneMarker() async throws {
            let workspace = try DaemonWorkspace()
            let export = try SourceExport(layout: .imageXpress, plate: "Redone", wells: ["A1"], in: workspace.sources)
            let daemon = try await workspace.startDaemonWithFirstWell(of: export)
            try await workspace.awaitFinalized(plate: export.plateName, daemon: daemon)
            try await workspace.stop(daemon)
            let marker = workspace.storePath(plate: export.plateName) + ".done"
            try #require(FileManager.default.fileExists(atPath: marker), "no done marker at \(marker) once finalized")

            let retry = try await workspace.command(["retry", export.plateName + "/A1"])
            #expect(retry.exitCode == 0, "\(retry.transcript)")
            #expect(retry.standardOutput.contains("1 well(s)"), "\(retry.transcript)")
            #expect(!FileManager.default.fileExists(atPath: marker), "the done marker outlived the plate's reopening")
            let reopened = try CatalogueInspector(path: workspace.catalogue).events(kind: .plateReopened)
            #expect(reopened.map(\.message) == ["retry requested after the plate was finalized"])
        }
    }
}
