import Foundation
import GRDB
import PlateDropTestSupport
import SampleExports
import Testing
import Zarr

extension DaemonEndToEndSuite {
    @Suite("a time-lapse plate delivered one timepoint at a time")
    struct TimeLapseTests {
        struct Variant: CustomStringConvertible, Sendable {
            let layout: ExportLayout
            /// Whether the export has its plan file (which declares the timepoints).
            let plan: Bool

            var description: String { "\(layout)\(plan ? " with its plan" : " without a plan")" }
        }

        static let variants = [ExportLayout.imageXpress, .yokogawa, .harmony].flatMap { layout in
            [true, false].map { Variant(layout: layout, plan: $0) }
        }

        /// Three timepoints of two wells dropped one after the other: after each the plate validates, every
        /// well is listed with exactly the timepoints delivered, and every chunk or shard file already there
        /// is untouched (inode, size, mtime, bytes). With a plan the wells have their t axis from the first
        /// timepoint and the plate is finalized with the last; without one the second timepoint moves each
        /// well once into the t form and the plate keeps growing. The plate in the end holds the same arrays,
        /// in the same files, as `platedrop ingest` of the whole export.
        @Test(arguments: variants)
        func eachTimepointIsAppendedAndThePlateEndsAsABatchIngest(_ variant: Variant) async throws {
            let workspace = try DaemonWorkspace()
            let export = try SourceExport(layout: variant.layout, plate: "Lapse", wells: ["A1", "B2"], fields: 1, channels: 2,
                                          timepoints: 3, size: 64, plan: variant.plan, in: workspace.sources)
            let batchRoot = workspace.path + "/batch"
            let batch = try await workspace.executable.run(["ingest", export.root, "--out", batchRoot])
            #expect(batch.exitCode == 0, "\(batch.transcript)")
            let names = try RealExportPlates(outputRoot: batchRoot).names
            try #require(names.count == 1, "ingest wrote \(names): \(batch.transcript)")
            let plate = names[0]

            let daemon = try workspace.startDaemon()
            try await workspace.awaitWatching(daemon)
            let destination = workspace.watched + "/" + export.plateName
            for file in export.planFiles { try export.deliver(file, into: destination) }
            let store = StoreOnDisk(root: workspace.storePath(plate: plate))
            var earlier: DataFileSnapshot?
            for t in 0..<3 {
                for image in export.images(atTimepoint: t) { try export.deliver(image.relativePath, into: destination) }
                try await workspace.awaitTimepoints(t + 1, plate: plate, wells: export.wellNames, daemon: daemon)

                let validation = try await workspace.validate(plate: plate)
                #expect(validation.exitCode == 0, "t \(t + 1): \(validation.transcript)")
                #expect(try store.listedWells().sorted() == ["A/1", "B/2"], "t \(t + 1)")
                for well in ["A/1", "B/2"] {
                    let shape = try store.array(well + "/0/0").metadata.shape
                    #expect(shape == (variant.plan || t > 0 ? [t + 1] : []) + [2, 1, 64, 64], "t \(t + 1) \(well)")
                }
                let files = try DataFileSnapshot(of: store.root)
                // Without a plan the wells get their t axis with the second timepoint: moved once, then appended.
                if let earlier, variant.plan || t > 1 {
                    #expect(earlier.changed(in: files) == [], "t \(t + 1) touched the files of earlier timepoints")
                }
                earlier = files
                let wells = try #require(try await workspace.wells(plate: plate))
                let moved = !variant.plan && t > 0
                for name in export.wellNames {
                    #expect(wells[name]?.generation == (moved ? 2 : 1), "t \(t + 1) \(name): \(String(describing: wells[name]))")
                }
            }
            let plates = try await workspace.command(["plates", "--json"])
            let entry = try plates.json().arrayValue?.first { $0["name"]?.stringValue == plate }
            if variant.plan {
                try await workspace.awaitFinalized(plate: plate, daemon: daemon)
                #expect(entry?["timepoints"]?["progress"]?.stringValue == "t 3/3", "\(plates.transcript)")
            } else {
                #expect(entry?["state"]?.stringValue == "receiving", "a plate without a plan keeps growing: \(plates.transcript)")
                #expect(entry?["timepoints"]?["progress"]?.stringValue == "t 3", "\(plates.transcript)")
                let status = try await workspace.command(["status", "--json"])
                let growing = try status.json()["timeLapses"]?.arrayValue?.first { $0["plate"]?.stringValue == plate }
                #expect(growing?["progress"]?.stringValue == "t 3", "\(status.transcript)")
            }
            let map = try await workspace.command(["plate", plate, "--json"])
            #expect(try map.json()["timepoints"]?["written"]?.intValue == 3, "\(map.transcript)")
            try Self.expectSameArrays(store, as: StoreOnDisk(root: batchRoot + "/" + plate + ".ome.zarr"))
            try await workspace.stop(daemon)
        }

        /// A file of timepoint 2 of well A1 changes after the plate is finalized: only that timepoint of that
        /// well is written again (its files replaced, its generation 2), every other file stays as it was,
        /// and the plate is finalized again with the new pixels in place.
        @Test func aChangedFileRewritesOnlyItsTimepointOfItsWell() async throws {
            let workspace = try DaemonWorkspace()
            let export = try SourceExport(layout: .imageXpress, plate: "Retake", wells: ["A1", "A2", "B1"], fields: 1,
                                          channels: 2, timepoints: 3, in: workspace.sources)
            let destination = workspace.watched + "/" + export.plateName
            try FileManager.default.copyItem(atPath: export.root, toPath: destination)
            let daemon = try workspace.startDaemon()
            try await workspace.awaitFinalized(plate: export.plateName, daemon: daemon)
            let store = StoreOnDisk(root: workspace.storePath(plate: export.plateName))
            let before = try DataFileSnapshot(of: store.root)

            let changed = try #require(export.images(inWell: "A1").first { $0.t == 1 && $0.channel == 1 })
            try RampOverwrite.apply(to: destination + "/" + changed.relativePath, size: export.spec.width, scratch: workspace.path)
            try await Deadline.poll(for: "timepoint 2 of A1 written again", daemon: daemon) { () -> Bool? in
                try await workspace.wells(plate: export.plateName)?["A1"]?.timepoints[1] == 2 ? true : nil
            }
            try await workspace.awaitFinalized(plate: export.plateName, daemon: daemon)

            let rewritten = before.changed(in: try DataFileSnapshot(of: store.root))
            #expect(!rewritten.isEmpty && rewritten.allSatisfy { $0.hasPrefix("A/1/0/") && $0.contains("/c/1/") },
                    "files rewritten: \(rewritten)")
            let wells = try #require(try await workspace.wells(plate: export.plateName))
            #expect(wells["A1"]?.generation == 1 && wells["A1"]?.timepoints == [0: 1, 1: 2, 2: 1], "\(wells)")
            for name in ["A2", "B1"] {
                #expect(wells[name]?.generation == 1 && wells[name]?.timepoints == [0: 1, 1: 1, 2: 1], "\(wells)")
            }
            let size = export.spec.width
            let plane = try store.array("A/1/0/0").readRegion(origin: [1, 1, 0, 0, 0], shape: [1, 1, 1, size, size])
            let isRamp = plane == RampOverwrite.ramp(size: size).withUnsafeBytes { [UInt8]($0) }
            #expect(isRamp, "A1 t 2 c 2 is not the new plane")
            let validation = try await workspace.validate(plate: export.plateName)
            #expect(validation.exitCode == 0, "\(validation.transcript)")
            try await workspace.stop(daemon)
        }

        /// A plate two timepoints in, its catalogue taken back to the schema before timepoints (v3: no timepoint
        /// table, no planned count): the restarted daemon migrates it, and the third timepoint is appended in
        /// place to the wells the old catalogue knew as written, as if the daemon had never stopped.
        @Test func aPlateUnderWayIsAppendedToAfterTheCatalogueMigration() async throws {
            let workspace = try DaemonWorkspace()
            let export = try SourceExport(layout: .imageXpress, plate: "Migrated", wells: ["A1", "B2"], fields: 1, channels: 2,
                                          timepoints: 3, size: 64, in: workspace.sources)
            let destination = workspace.watched + "/" + export.plateName
            let first = try workspace.startDaemon()
            try await workspace.awaitWatching(first)
            for file in export.planFiles + export.images.filter({ $0.t < 2 }).map(\.relativePath) {
                try export.deliver(file, into: destination)
            }
            try await workspace.awaitTimepoints(2, plate: export.plateName, wells: export.wellNames, daemon: first)
            try await workspace.stop(first)
            try Self.downgradeToSchemaBeforeTimepoints(workspace.catalogue)
            let store = StoreOnDisk(root: workspace.storePath(plate: export.plateName))
            let earlier = try DataFileSnapshot(of: store.root)

            let second = try workspace.startDaemon()
            try await workspace.awaitTimepoints(2, plate: export.plateName, wells: export.wellNames, daemon: second)
            for image in export.images(atTimepoint: 2) { try export.deliver(image.relativePath, into: destination) }
            try await workspace.awaitTimepoints(3, plate: export.plateName, wells: export.wellNames, daemon: second)
            try await workspace.awaitFinalized(plate: export.plateName, daemon: second)
            #expect(earlier.changed(in: try DataFileSnapshot(of: store.root)) == [], "the migrated plate's timepoints were rewritten")
            let wells = try #require(try await workspace.wells(plate: export.plateName))
            for name in export.wellNames {
                #expect(wells[name]?.generation == 1 && wells[name]?.timepoints == [0: 1, 1: 1, 2: 1], "\(name): \(wells)")
            }
            let plates = try await workspace.command(["plates", "--json"])
            let entry = try plates.json().arrayValue?.first { $0["name"]?.stringValue == export.plateName }
            #expect(entry?["timepoints"]?["progress"]?.stringValue == "t 3/3", "\(plates.transcript)")
            try await workspace.stop(second)
        }

        /// Undoes the timepoints migration (the timepoint table and the plan's timepoint count) in a catalogue.
        static func downgradeToSchemaBeforeTimepoints(_ path: String) throws {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            try queue.write { db in
                try db.execute(sql: "DROP TABLE timepoint")
                try db.execute(sql: "ALTER TABLE plate DROP COLUMN plannedTimepoints")
                try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier LIKE '%timepoints of each well%'")
            }
        }

        /// PLATEDROP_CRASH_SEED, as for the fault suite's crash trials, moves the kills to other moments.
        static let crashSeed = ProcessInfo.processInfo.environment["PLATEDROP_CRASH_SEED"].flatMap(UInt64.init) ?? 0x7115_2026
        /// From the moment an append starts: a debug build appends a timepoint of these six wells in a few
        /// tenths of a second, so the kills fall anywhere from the first shard to after the catalogue records it.
        static let killOffsetSeconds = 0.0...0.3

        /// Each timepoint after the first is delivered to a daemon that is killed with SIGKILL at a seeded
        /// random moment of the append; the plate the kill leaves is valid with the earlier timepoints'
        /// files untouched, and the restarted daemon finishes the append. The plate in the end is the one an
        /// uninterrupted daemon writes from the same deliveries: same documents, same files, same pixels.
        @Test func sigkillDuringAnAppendThenRestartEqualsAnUninterruptedRun() async throws {
            let reference = try DaemonWorkspace()
            let export = try SourceExport(layout: .imageXpress, plate: "Killed", wells: Self.crashWells, fields: 1, channels: 2,
                                          timepoints: 4, size: 512, in: reference.sources)
            var noKills: SeededRandom?
            _ = try await grow(export, in: reference, killing: &noKills)
            let crashed = try DaemonWorkspace()
            var kills: SeededRandom? = SeededRandom(seed: Self.crashSeed)
            let interrupted = try await grow(export, in: crashed, killing: &kills)
            #expect(interrupted > 0, "no kill fell inside an append")

            let expected = StoreOnDisk(root: reference.storePath(plate: export.plateName))
            let store = StoreOnDisk(root: crashed.storePath(plate: export.plateName))
            let expectedDocuments = try expected.metadataDocuments(), foundDocuments = try store.metadataDocuments()
            #expect(foundDocuments.keys.sorted() == expectedDocuments.keys.sorted(), "metadata documents differ")
            for (path, document) in expectedDocuments.sorted(by: { $0.key < $1.key }) where foundDocuments[path] != document {
                let afterKills = foundDocuments[path]?.serialized() ?? "missing"
                Issue.record("metadata of node \"\(path)\" differs:\nuninterrupted: \(document.serialized())\nafter kills:   \(afterKills)")
            }
            #expect(try store.relativePaths() == expected.relativePaths(), "the stores hold different files")
            try Self.expectSameArrays(store, as: expected)
            let validation = try await crashed.validate(plate: export.plateName)
            #expect(validation.exitCode == 0, "\(validation.transcript)")
        }

        static let crashWells = ["A1", "A2", "A3", "B1", "B2", "B3"]

        /// Delivers `export` into `workspace` one timepoint at a time, each once the one before is in every
        /// well, until the plate is finalized. With `random`, each append after the first is killed at a random
        /// moment and the daemon restarted; the kill must leave the plate valid and the earlier timepoints'
        /// files as they were. Returns how many kills interrupted a write.
        private func grow(_ export: SourceExport, in workspace: DaemonWorkspace, killing random: inout SeededRandom?) async throws -> Int {
            var interrupted = 0
            let destination = workspace.watched + "/" + export.plateName
            let store = StoreOnDisk(root: workspace.storePath(plate: export.plateName))
            var daemon = try workspace.startDaemon()
            for file in export.planFiles + export.images(atTimepoint: 0).map(\.relativePath) {
                try export.deliver(file, into: destination)
            }
            try await workspace.awaitTimepoints(1, plate: export.plateName, wells: Self.crashWells, daemon: daemon)
            for t in 1..<export.spec.timepoints {
                let earlier = try DataFileSnapshot(of: store.root)
                for image in export.images(atTimepoint: t) { try export.deliver(image.relativePath, into: destination) }
                if random != nil {
                    try await Deadline.poll(for: "the append of timepoint \(t + 1) to start", daemon: daemon, every: .milliseconds(5)) {
                        () -> Bool? in
                        if try CatalogueInspector(path: workspace.catalogue).wellStates().values.contains(.writing) { return true }
                        // An append that fell between two polls.
                        return try await workspace.wells(plate: export.plateName)?["B3"]?.timepoints[t] != nil ? true : nil
                    }
                    try await Task.sleep(for: .seconds(Double.random(in: Self.killOffsetSeconds, using: &random!)))
                    #expect(daemon.isRunning, "the daemon ended before it was killed:\n\(daemon.log)")
                    try await daemon.crash()
                    if try CatalogueInspector(path: workspace.catalogue).wellStates().values.contains(.writing) { interrupted += 1 }
                    #expect(earlier.changed(in: try DataFileSnapshot(of: store.root)) == [],
                            "the kill during timepoint \(t + 1) (seed \(Self.crashSeed)) left earlier timepoints changed")
                    let afterKill = try await workspace.validate(plate: export.plateName)
                    #expect(afterKill.exitCode == 0, "after the kill during timepoint \(t + 1) (seed \(Self.crashSeed)): \(afterKill.transcript)")
                    daemon = try workspace.startDaemon()
                }
                try await workspace.awaitTimepoints(t + 1, plate: export.plateName, wells: Self.crashWells, daemon: daemon)
            }
            try await workspace.awaitFinalized(plate: export.plateName, daemon: daemon)
            try await workspace.stop(daemon)
            return interrupted
        }

        /// The same arrays (metadata) in the same chunk and shard files (bytes) as `expected`.
        static func expectSameArrays(_ found: StoreOnDisk, as expected: StoreOnDisk) throws {
            for path in try expected.arrayPaths() {
                #expect(try found.array(path).metadata == expected.array(path).metadata, "array \(path) differs")
            }
            let expectedFiles = try DataFileSnapshot(of: expected.root), foundFiles = try DataFileSnapshot(of: found.root)
            #expect(foundFiles.entries.keys.sorted() == expectedFiles.entries.keys.sorted(), "different chunk or shard files")
            // Compared outside #expect: a failed comparison of large byte arrays would have it diff them.
            let differing = expectedFiles.entries.filter { foundFiles.entries[$0.key]?.contents != $0.value.contents }.keys.sorted()
            #expect(differing.isEmpty, "files holding other bytes: \(differing)")
        }
    }
}
