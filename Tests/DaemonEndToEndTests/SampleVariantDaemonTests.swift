import Foundation
import PlateDropTestSupport
import SampleExports
import Testing
import Zarr

extension DaemonEndToEndSuite {
    /// A synthetic MetaXpress export with two runs, maximum projections and single-plane channels repeated in
    /// every ZStep folder, delivered to the daemon file by file in the order the instrument writes them (plans
    /// first; a stack's projections and the ZStep_0 copies after it): the daemon writes the same plates, with
    /// the same channels and the same level-0 pixels, as `platedrop ingest` writes from the same export.
    @Suite("synthetic export variants through the daemon")
    struct SampleVariantDaemonTests {
        static let spec = ExportSpec(
            layout: .imageXpress, plateName: "IXServed", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 1, column: 1)],
            fields: 2, channels: 4, zPlanes: 3, width: 64, height: 64, runs: 2, runFolders: .exported,
            maximumProjection: true, singlePlaneChannels: [2, 3])

        @Test func runsProjectionsAndSinglePlanesMatchIngest() async throws {
            let workspace = try DaemonWorkspace()
            let export = try SampleExportGenerator.generate(Self.spec, into: workspace.sources + "/IXServed")
            let batchRoot = workspace.path + "/batch"
            let batch = try await workspace.executable.run(["ingest", export.root, "--out", batchRoot])
            #expect(batch.exitCode == 0, "\(batch.transcript)")
            let expected = try RealExportPlates(outputRoot: batchRoot)
            let runs = ["IXServed_Plate_3420", "IXServed_Plate_3421"]
            try #require(expected.names == runs.flatMap { [$0, $0 + "_projection"] }, "ingest wrote \(expected.names)")

            // The plate timeout is far beyond the test: every plate, the projection plates too (which hold
            // only the channels their run projected), must complete by its HTD.
            let daemon = try workspace.startDaemon()
            try await workspace.awaitWatching(daemon)
            let destination = workspace.watched + "/IXServed"
            for file in export.planFiles + export.images.map(\.relativePath) {
                try deliver(file, from: export.root, into: destination)
            }

            try await workspace.awaitFinalized(plates: expected.names, daemon: daemon)
            let served = try RealExportPlates(outputRoot: workspace.output)
            let differences = try served.differences(from: expected)
            #expect(differences.isEmpty, "the daemon's plates differ from ingest's: \(differences)")
            for name in expected.names {
                #expect(try served.pixelSize(plate: name) == Self.spec.pixelSizeMicrons, "\(name)")
                try expectSameLevelZero(StoreOnDisk(root: workspace.storePath(plate: name)),
                                        StoreOnDisk(root: batchRoot + "/" + name + ".ome.zarr"), plate: name)
                let validation = try await workspace.validate(plate: name)
                #expect(validation.exitCode == 0, "\(validation.transcript)")
            }
            for name in runs {
                #expect(try served.channelLabels(plate: name + "_projection").allSatisfy { $0.contains("Maximum projection") })
            }
            let rejected = try await workspace.command(["files", "--state", "rejected", "--json"])
            #expect((try rejected.json().arrayValue ?? []).isEmpty, "\(rejected.transcript)")
            try await workspace.stop(daemon)
        }

        /// Copies one file to the same relative path under `destination`, through a hidden temporary name
        /// and a rename, as MetaXpress and the generator write files.
        func deliver(_ relativePath: String, from root: String, into destination: String) throws {
            let target = destination + "/" + relativePath
            let folder = (target as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let temporary = folder + "/." + (target as NSString).lastPathComponent + ".partial"
            try FileManager.default.copyItem(atPath: root + "/" + relativePath, toPath: temporary)
            try FileManager.default.moveItem(atPath: temporary, toPath: target)
        }

        /// Every field's level 0 in `served` holds the same bytes as in `batch`.
        func expectSameLevelZero(_ served: StoreOnDisk, _ batch: StoreOnDisk, plate: String) throws {
            let levelZero = { (store: StoreOnDisk) in
                try store.arrayPaths().filter { $0.split(separator: "/").count == 4 && $0.hasSuffix("/0") }
            }
            let paths = try levelZero(served)
            #expect(paths == (try levelZero(batch)), "\(plate): fields differ")
            #expect(!paths.isEmpty, "\(plate): no field")
            for path in paths {
                let servedBytes = try served.array(path).readAll()
                let batchBytes = try batch.array(path).readAll()
                #expect(servedBytes == batchBytes, "\(plate)/\(path): level 0 differs between the daemon and ingest")
            }
        }
    }
}
