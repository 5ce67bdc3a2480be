import Foundation
import Testing

extension DaemonEndToEndSuite {
    @Suite("a copy that stalls for longer than the quiet period")
    struct StalledCopyTests {
        /// How long the plate must stay open while a planned plane is half there: ten quiet periods.
        static let stallSeconds = 10

        /// A network copy stops halfway through a TIFF for longer than the quiet period, so the half file
        /// settles. The plan still expects that plane, so the plate is not complete (DESIGN: complete means
        /// the plan is satisfied): no done marker for downstream tools yet. Once the copy finishes, the well
        /// is written from the whole file and the plate is finalized.
        @Test func halfCopiedPlaneKeepsThePlateOpenUntilTheCopyCompletes() async throws {
            let workspace = try DaemonWorkspace()
            let export = try SourceExport(layout: .imageXpress, plate: "Stalled", wells: ["A1", "B2"], in: workspace.sources)
            let destination = workspace.watched + "/" + export.plateName
            let stalled = try #require(export.images(inWell: "A1").last)
            let daemon = try workspace.startDaemon()
            try await workspace.awaitWatching(daemon)
            for file in export.planFiles + export.images.map(\.relativePath) where file != stalled.relativePath {
                try export.deliver(file, into: destination)
            }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: export.root + "/" + stalled.relativePath))
            let target = URL(fileURLWithPath: destination + "/" + stalled.relativePath)
            try bytes.prefix(bytes.count / 2).write(to: target)
            try await workspace.awaitWritten("B2", plate: export.plateName, daemon: daemon)

            let early = try await workspace.command(["wait", export.plateName, "--timeout", String(Self.stallSeconds)])
            let wells = try await workspace.command(["wells", "--plate", export.plateName]).standardOutput
            #expect(early.exitCode == 2,
                    "the plate was finalized while \(stalled.relativePath) held half its bytes:\n\(wells)\(daemon.log)")
            #expect(!FileManager.default.fileExists(atPath: workspace.storePath(plate: export.plateName) + ".done"),
                    "done marker written for a plate missing a planned plane")

            let handle = try FileHandle(forWritingTo: target)
            try handle.seekToEnd()
            try handle.write(contentsOf: bytes.suffix(from: bytes.count / 2))
            try handle.close()
            try await Deadline.poll(for: "the completed file to be written into A1", daemon: daemon) { () -> Bool? in
                let files = try await workspace.command(["files", "--json"])
                let entry = (try? files.json())?.arrayValue?.first { $0["path"]?.stringValue == export.plateName + "/" + stalled.relativePath }
                return entry?["state"]?.stringValue == "ingested" ? true : nil
            }
            try await workspace.awaitFinalized(plate: export.plateName, daemon: daemon)
            try LevelZeroCheck.expectMatches(StoreOnDisk(root: workspace.storePath(plate: export.plateName)),
                                             images: export.images, folder: destination)
            try await workspace.stop(daemon)
        }
    }
}
