import Foundation
import PlateDropTestSupport
import Testing

extension DaemonEndToEndSuite {
    @Suite("a source TIFF of a written well changes")
    struct ChangedSourceTests {
        /// The instrument re-exports one plane of a written well in place, same name and size, new pixels:
        /// that well alone is rewritten as a new generation and the plate is finalized again.
        @Test func changedPlaneIsRewrittenAndOtherWellsAreUntouched() async throws {
            let workspace = try DaemonWorkspace()
            let export = try SourceExport(layout: .imageXpress, plate: "Changed", wells: ["A1", "A2", "B1"], in: workspace.sources)
            let destination = workspace.watched + "/" + export.plateName
            try FileManager.default.copyItem(atPath: export.root, toPath: destination)
            let daemon = try workspace.startDaemon()
            try await workspace.awaitFinalized(plate: export.plateName, daemon: daemon)
            let before = try #require(try await workspace.wells(plate: export.plateName))
            #expect(before.values.map(\.generation) == [1, 1, 1], "\(before)")
            let store = StoreOnDisk(root: workspace.storePath(plate: export.plateName))
            let otherWells = ["A2", "B1"]
            let untouched = try otherWells.map { try FolderSnapshot(of: store.root + "/" + SourceExport.wellPath(of: $0)) }

            let changed = try #require(export.images(inWell: "A1").first { $0.field == 1 && $0.channel == 1 })
            try RampOverwrite.apply(to: destination + "/" + changed.relativePath, size: export.spec.width, scratch: workspace.path)

            let rewritten = try await workspace.awaitWritten("A1", plate: export.plateName, generation: 2, daemon: daemon)
            #expect(rewritten.generation == 2, "A1 after one change: \(rewritten)")
            try await workspace.awaitFinalized(plate: export.plateName, daemon: daemon)
            let after = try #require(try await workspace.wells(plate: export.plateName))
            for well in otherWells {
                #expect(after[well]?.generation == 1, "\(well) was rewritten: \(String(describing: after[well]))")
            }
            for (well, contents) in zip(otherWells, untouched) {
                #expect(try FolderSnapshot(of: store.root + "/" + SourceExport.wellPath(of: well)) == contents,
                        "files of well \(well) changed")
            }
            try LevelZeroCheck.expectMatches(store, images: export.images, folder: destination)
            let validation = try await workspace.validate(plate: export.plateName)
            #expect(validation.exitCode == 0, "\(validation.transcript)")
            try await workspace.stop(daemon)
        }
    }
}
