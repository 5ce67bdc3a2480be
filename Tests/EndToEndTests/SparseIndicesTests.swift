import Foundation
import PlateDropTestSupport
import Testing

@Suite("instrument indices that do not start at 1 map to array positions in sorted order")
struct SparseIndicesTests {
    static func scenario(_ layout: ExportScenario.Layout) -> ExportScenario {
        ExportScenario(summary: layout.rawValue, layout: layout, plateName: "Sparse", format: 96, wells: ["D4"],
                       fields: 3, channels: 3, zPlanes: 3, timepoints: 3, width: 20, height: 12, writesPlan: false)
    }

    /// Without a plan to say otherwise, deleting every first field, channel, z-plane and time point leaves
    /// instrument numbers 2 and 3 of each, which must become fields "0", "1" and array indices 0, 1.
    @Test(arguments: [ExportScenario.Layout.imageXpress, .yokogawa, .harmony])
    func firstIndexOfEveryDimensionMissing(layout: ExportScenario.Layout) async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let scenario = Self.scenario(layout)
        let exportRoot = work.path + "/" + scenario.plateName
        let export = try await binary.run(["sample-export", exportRoot] + scenario.sampleExportArguments)
        try #require(export.exitCode == 0, "\(export.transcript)")
        var kept: [ExportedImage] = []
        for image in scenario.images {
            if min(image.field, image.channel, image.z, image.t) == 0 {
                try FileManager.default.removeItem(atPath: exportRoot + "/" + image.relativePath)
            } else {
                kept.append(ExportedImage(relativePath: image.relativePath, well: image.well, field: image.field - 1,
                                          channel: image.channel - 1, z: image.z - 1, t: image.t - 1))
            }
        }

        let outRoot = work.path + "/out"
        let ingest = try await binary.run(["ingest", exportRoot, "--out", outRoot])
        #expect(ingest.exitCode == 0, "\(ingest.transcript)")
        let plateRoot = outRoot + "/" + scenario.plateName + ".ome.zarr"
        let validation = try await binary.run(["validate", plateRoot])
        #expect(validation.exitCode == 0, "\(validation.transcript)")
        let plate = try WrittenPlate(root: plateRoot)
        let well: PlateWell = "D4"
        try #require(try plate.fieldPaths(well: well.path) == ["0", "1"], "fields of \(well.path)")
        for field in 0..<2 {
            let levelZero = try plate.array(well: well.path, field: String(field), level: "0")
            #expect(levelZero.metadata.shape == [2, 2, 2, scenario.height, scenario.width], "shape of \(well.path)/\(field)/0")
            try PlateContents.expectLevelZeroMatchesSources(
                plate, well: well, field: field, images: kept.filter { $0.field == field }, exportRoot: exportRoot)
        }
    }
}
