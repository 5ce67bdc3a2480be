import Foundation
import PlateDropTestSupport
import Testing

extension DaemonEndToEndSuite {
    @Suite("SIGKILL at random moments of an ingestion")
    struct CrashSafetyTests {
        static let seed: UInt64 = 0x5EED_2026
        /// One well delivered per daemon life, ten lives, so every life has a write to be killed in.
        static let wells = ["A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3", "B4", "B5"]
        /// When to kill, counted from the moment a well write starts: a debug build writes one of these
        /// wells in about 0.1–0.3 s, so the moments fall anywhere from the first chunk to after the
        /// catalogue has recorded the well.
        static let killOffsetSeconds = 0.0...0.4

        /// Each of ten daemon lives gets one more well of the export and is killed with SIGKILL at a seeded
        /// random moment of a well write; a last daemon finishes. The plate must come out exactly as an
        /// uninterrupted daemon writes the same export.
        @Test func plateAfterTenKillsEqualsAnUninterruptedRun() async throws {
            let reference = try DaemonWorkspace()
            let export = try SourceExport(layout: .imageXpress, plate: "Crash", wells: Self.wells, size: 512,
                                          in: reference.sources)
            try FileManager.default.copyItem(atPath: export.root, toPath: reference.watched + "/" + export.plateName)
            let uninterrupted = try reference.startDaemon()
            try await reference.awaitFinalized(plate: export.plateName, daemon: uninterrupted)
            try await reference.stop(uninterrupted)

            let crashed = try DaemonWorkspace()
            let destination = crashed.watched + "/" + export.plateName
            var random = SeededRandom(seed: Self.seed)
            for (life, well) in export.wellNames.enumerated() {
                let daemon = try crashed.startDaemon()
                for file in (life == 0 ? export.planFiles : []) + export.images(inWell: well).map(\.relativePath) {
                    try export.deliver(file, into: destination)
                }
                try await awaitWriteStart(of: well, in: crashed, daemon: daemon)
                try await Task.sleep(for: .seconds(Double.random(in: Self.killOffsetSeconds, using: &random)))
                #expect(daemon.isRunning, "daemon life \(life + 1) ended before it was killed:\n\(daemon.log)")
                try await daemon.crash()
            }
            let survivor = try crashed.startDaemon()
            try await crashed.awaitFinalized(plate: export.plateName, daemon: survivor)
            try await crashed.stop(survivor)

            let expected = StoreOnDisk(root: reference.storePath(plate: export.plateName))
            let found = StoreOnDisk(root: crashed.storePath(plate: export.plateName))
            let expectedDocuments = try expected.metadataDocuments(), foundDocuments = try found.metadataDocuments()
            #expect(foundDocuments.keys.sorted() == expectedDocuments.keys.sorted(), "metadata documents differ")
            for (path, document) in expectedDocuments.sorted(by: { $0.key < $1.key }) where foundDocuments[path] != document {
                let afterKills = foundDocuments[path]?.serialized() ?? "missing"
                Issue.record("metadata of node \"\(path)\" differs:\nuninterrupted: \(document.serialized())\nafter kills:   \(afterKills)")
            }
            for path in try expected.arrayPaths() {
                #expect(try found.array(path).readAll() == expected.array(path).readAll(), "pixels of \(path) differ")
            }
            let listed = try found.listedWells()
            #expect(Set(listed).count == listed.count, "a well is listed twice: \(listed)")
            #expect(try found.relativePaths() == expected.relativePaths(), "the stores hold different files")
            let outputs = try FileManager.default.contentsOfDirectory(atPath: crashed.output).sorted()
            #expect(outputs == [export.plateName + ".ome.zarr", export.plateName + ".ome.zarr.done"],
                    "leftovers beside the plate (staging, temporary files): \(outputs)")
            let validation = try await crashed.validate(plate: export.plateName)
            #expect(validation.exitCode == 0, "\(validation.transcript)")
        }

        /// Polls the catalogue closely until some well is being written, or `well` is already written (a
        /// write that fell between two polls).
        private func awaitWriteStart(of well: String, in workspace: DaemonWorkspace, daemon: DaemonProcess) async throws {
            try await Deadline.poll(for: "a well write to start (well \(well) delivered)", daemon: daemon, every: .milliseconds(5)) { () -> Bool? in
                // Until the first daemon has created the catalogue's tables there is nothing to read.
                guard let states = try? CatalogueInspector(path: workspace.catalogue).wellStates() else { return nil }
                return states.values.contains(.writing) || states[well] == .written ? true : nil
            }
        }
    }
}
