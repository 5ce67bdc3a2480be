import Foundation
import PlateDropTestSupport
import Testing
import TIFF

extension DaemonEndToEndSuite {
    /// A copy of each real instrument export moved into a watched folder: the daemon writes the same plates
    /// as `platedrop ingest` (names, channels, shapes), and every source plane is in one of them.
    @Suite("real instrument exports through the daemon")
    struct RealExportDaemonTests {
        @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote),
              arguments: RealExportCorpus.exportsWithPixels.keys.sorted())
        func daemonWritesWhatIngestWrites(export: String) async throws {
            let workspace = try DaemonWorkspace()
            let original = RealExportCorpus.path(export)
            let batch = try await workspace.executable.run(["ingest", original, "--out", workspace.path + "/batch"])
            let rejectedByBatch = RealExportCorpus.exportsWithPixels[export, default: []]
            #expect(batch.exitCode == (rejectedByBatch.isEmpty ? 0 : 1), "\(batch.transcript)")
            let expected = try RealExportPlates(outputRoot: workspace.path + "/batch")

            let copy = workspace.sources + "/" + (export as NSString).lastPathComponent
            try FileManager.default.copyItem(atPath: original, toPath: copy)
            // Plates without a plan complete once no file has come for the plate timeout.
            let arguments = workspace.serveArguments().map { $0 == "30m" ? "5s" : $0 }
            let daemon = try workspace.startDaemon(arguments)
            try await workspace.awaitWatching(daemon)
            try FileManager.default.moveItem(atPath: copy, toPath: workspace.watched + "/" + (copy as NSString).lastPathComponent)

            try await workspace.awaitFinalized(plates: expected.names, daemon: daemon)
            let served = try RealExportPlates(outputRoot: workspace.output)
            let differences = try served.differences(from: expected)
            #expect(differences.isEmpty, "the daemon's plates differ from ingest's: \(differences)")
            for source in RealExportPlates.sourceImages(under: original) {
                let file = try TIFFFile(path: source)
                for page in 0..<file.pageCount {
                    #expect(served.holds(try file.readPage(page)), "\(source) page \(page + 1) is in no plate the daemon wrote")
                }
            }
            let rejected = try await workspace.command(["files", "--state", "rejected", "--json"])
            #expect((try rejected.json().arrayValue ?? []).isEmpty, "\(rejected.transcript)")
            try await workspace.stop(daemon)
        }
    }
}
