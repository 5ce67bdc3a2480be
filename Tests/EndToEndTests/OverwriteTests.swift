import Foundation
import PlateDropTestSupport
import Testing

@Suite("ingest into an --out that already holds the plate")
struct OverwriteTests {
    static let firstRun = ExportScenario(
        summary: "two wells, seed 1", layout: .imageXpress, plateName: "IXRerun", format: 96, wells: ["A1", "B3"],
        fields: 2, channels: 2, seed: 1)
    /// The same plate re-exported with other pixels and one well fewer, so a merge would show.
    static let secondRun = ExportScenario(
        summary: "one well, seed 2", layout: .imageXpress, plateName: "IXRerun", format: 96, wells: ["A1"],
        fields: 2, channels: 2, seed: 2)

    @Test func existingStoreIsKeptUnlessOverwriteIsGivenThenReplacedWhole() async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let firstExport = work.path + "/first/" + Self.firstRun.plateName
        let secondExport = work.path + "/second/" + Self.secondRun.plateName
        for (root, scenario) in [(firstExport, Self.firstRun), (secondExport, Self.secondRun)] {
            let export = try await binary.run(["sample-export", root] + scenario.sampleExportArguments)
            try #require(export.exitCode == 0, "\(export.transcript)")
        }
        let samePlane = Self.firstRun.images[0].relativePath
        try #require(FileManager.default.contents(atPath: firstExport + "/" + samePlane)
                     != FileManager.default.contents(atPath: secondExport + "/" + samePlane), "the seeds gave equal pixels")

        let outRoot = work.path + "/out"
        let storeName = Self.firstRun.plateName + ".ome.zarr"
        let plateRoot = outRoot + "/" + storeName
        let first = try await binary.run(["ingest", firstExport, "--out", outRoot])
        try #require(first.exitCode == 0, "\(first.transcript)")
        let stored = try FolderSnapshot(of: plateRoot)

        let refused = try await binary.run(["ingest", secondExport, "--out", outRoot])
        #expect(refused.exitCode != 0, "\(refused.transcript)")
        #expect(refused.output.contains(storeName), "the refusal does not name the store:\n\(refused.transcript)")
        let untouched = try FolderSnapshot(of: plateRoot)
        #expect(stored.differences(to: untouched).isEmpty, "refused ingest changed \(stored.differences(to: untouched))")

        // Another NGFF version too: a replaced store must not keep a single file of the old one (no mixed versions).
        let replaced = try await binary.run(["ingest", secondExport, "--out", outRoot, "--overwrite", "--ngff", "0.4"])
        #expect(replaced.exitCode == 0, "\(replaced.transcript)")
        let validation = try await binary.run(["validate", plateRoot])
        #expect(validation.exitCode == 0, "\(validation.transcript)")
        let plate = try WrittenPlate(root: plateRoot)
        #expect(plate.format == .v2)
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: plateRoot).filter { $0.hasSuffix("zarr.json") }
        #expect(leftovers.isEmpty, "Zarr v3 metadata left from the replaced store: \(leftovers)")
        #expect(plate.wells.map(\.path) == ["A/1"])
        #expect(!FileManager.default.fileExists(atPath: plateRoot + "/B/3"), "well B/3 of the replaced plate is still on disk")
        for field in 0..<Self.secondRun.fields {
            try PlateContents.expectLevelZeroMatchesSources(
                plate, well: "A1", field: field, images: Self.secondRun.images.filter { $0.field == field },
                exportRoot: secondExport)
        }
    }
}
