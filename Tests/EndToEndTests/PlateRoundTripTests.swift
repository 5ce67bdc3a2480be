import Foundation
import PlateDropTestSupport
import Testing

@Suite("sample-export → ingest → validate: the plate holds exactly the export, pixel for pixel")
struct PlateRoundTripTests {
    static let scenarios: [ExportScenario] = [
        ExportScenario(summary: "ImageXpress 3 fields × 3 channels, sparse 96 (3 wells), 130×90 uint16",
                       layout: .imageXpress, plateName: "IXMultiField", format: 96, wells: ["A1", "B3", "H12"],
                       fields: 3, channels: 3, width: 130, height: 90),
        ExportScenario(summary: "Yokogawa z-stack (3), 384 wells A1…P24, int8, Deflate",
                       layout: .yokogawa, plateName: "CV8000ZStack", format: 384, wells: ["A1", "C7", "P24"],
                       fields: 2, channels: 2, zPlanes: 3, sampleType: .int8, compression: "deflate"),
        ExportScenario(summary: "Harmony time series (3), 130×90 float32",
                       layout: .harmony, plateName: "OperaTimeLapse", format: 96, wells: ["B2", "G11"],
                       fields: 2, channels: 2, timepoints: 3, width: 130, height: 90, sampleType: .float32),
        ExportScenario(summary: "Yokogawa 1536 wells A1 and AF48, uint8, LZW",
                       layout: .yokogawa, plateName: "CV1536", format: 1536, wells: ["A1", "AF48"],
                       sampleType: .uint8, compression: "lzw"),
        ExportScenario(summary: "ImageXpress 1536 wells A1, P24 and AF48, 2 channels",
                       layout: .imageXpress, plateName: "IX1536", format: 1536, wells: ["A1", "P24", "AF48"],
                       channels: 2),
        ExportScenario(summary: "Harmony 1536 wells B2 and AF48, float32",
                       layout: .harmony, plateName: "Opera1536", format: 1536, wells: ["B2", "AF48"],
                       sampleType: .float32),
        ExportScenario(summary: "Harmony 384 wells A1 and P24, z 2, 97×61 int32, Zstd",
                       layout: .harmony, plateName: "Opera384", format: 384, wells: ["A1", "P24"],
                       fields: 2, zPlanes: 2, width: 97, height: 61, sampleType: .int32, compression: "zstd"),
        ExportScenario(summary: "ImageXpress 24 wells, TimePoint and ZStep folders, uint32, PackBits",
                       layout: .imageXpress, plateName: "IXFolders", format: 24, wells: ["A1", "D6"],
                       channels: 2, zPlanes: 2, timepoints: 2, sampleType: .uint32, compression: "packbits"),
        ExportScenario(summary: "ImageXpress 48 wells, 11 fields (s10, s11 sort after s9), 4 channels",
                       layout: .imageXpress, plateName: "IXManyFields", format: 48, wells: ["A1", "F8"],
                       fields: 11, channels: 4, width: 20, height: 12, sampleType: .uint8),
        ExportScenario(summary: "Harmony 12 wells, 10 fields × 10 z-planes (f10, p10)",
                       layout: .harmony, plateName: "OperaDeep", format: 12, wells: ["C4"],
                       fields: 10, zPlanes: 10, width: 20, height: 12),
        ExportScenario(summary: "Yokogawa 10 fields × 10 time points (F010, T0010)",
                       layout: .yokogawa, plateName: "CVLong", format: 96, wells: ["H12"],
                       fields: 10, timepoints: 10, width: 20, height: 12),
        ExportScenario(summary: "ImageXpress 601×403 int16: 3-level pyramid with odd edges",
                       layout: .imageXpress, plateName: "IXPyramid", format: 96, wells: ["C5"],
                       width: 601, height: 403, sampleType: .int16, chunk: 256),
        ExportScenario(summary: "Harmony 6 wells, 301×259 float32: 2-level pyramid with odd edges",
                       layout: .harmony, plateName: "OperaPyramid", format: 6, wells: ["A1", "B3"],
                       width: 301, height: 259, sampleType: .float32, chunk: 128),
    ]

    @Test(arguments: scenarios, StorageVariant.allCases)
    func plateHoldsExactlyTheExport(scenario: ExportScenario, storage: StorageVariant) async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let exportRoot = work.path + "/" + scenario.plateName
        let export = try await binary.run(["sample-export", exportRoot] + scenario.sampleExportArguments)
        try #require(export.exitCode == 0, "\(export.transcript)")
        let images = scenario.images
        let imageFiles = try FileManager.default.subpathsOfDirectory(atPath: exportRoot)
            .filter { $0.lowercased().hasSuffix(".tif") || $0.lowercased().hasSuffix(".tiff") }.sorted()
        try #require(imageFiles == images.map(\.relativePath).sorted(), "sample-export named its files unlike the instrument")

        let outRoot = work.path + "/out"
        let ingest = try await binary.run(
            ["ingest", exportRoot, "--out", outRoot, "--chunk", String(scenario.chunk)] + storage.ingestArguments)
        #expect(ingest.exitCode == 0, "\(ingest.transcript)")
        #expect(ingest.standardOutput.contains("layout \(scenario.layout.rawValue)"), "auto-detection: \(ingest.transcript)")
        let plateRoot = outRoot + "/" + scenario.plateName + ".ome.zarr"
        let validation = try await binary.run(["validate", plateRoot])
        #expect(validation.exitCode == 0, "\(validation.transcript)")

        let plate = try WrittenPlate(root: plateRoot)
        #expect(plate.format == storage.zarrFormat)
        let format = scenario.formatShape
        #expect(plate.rowNames == (0..<format.rows).map(PlateWell.rowName))
        #expect(plate.columnNames == (1...format.columns).map(String.init))
        let expectedWells = scenario.wells.map {
            WrittenPlate.WellEntry(path: $0.path, rowIndex: $0.row, columnIndex: $0.column)
        }
        #expect(plate.wells.sorted { $0.path < $1.path } == expectedWells.sorted { $0.path < $1.path })

        for well in scenario.wells {
            #expect(try plate.fieldPaths(well: well.path) == (0..<scenario.fields).map(String.init), "fields of \(well.path)")
            for field in 0..<scenario.fields {
                let location = "\(well.path)/\(field)"
                let multiscale = try plate.multiscale(well: well.path, field: String(field))
                #expect(plate.axisNames(of: multiscale) == scenario.axisNames, "axes of \(location)")
                let levels = plate.levelPaths(of: multiscale)
                try #require(levels == (0..<scenario.levelCount).map(String.init), "levels of \(location)")
                let levelZero = try plate.array(well: well.path, field: String(field), level: "0")
                #expect(levelZero.metadata.shape == scenario.levelZeroShape, "shape of \(location)/0")
                #expect(levelZero.metadata.isSharded == storage.isSharded, "sharding of \(location)/0")
                if storage.zarrFormat == .v3 {
                    #expect(levelZero.metadata.dimensionNames == scenario.axisNames, "dimension_names of \(location)/0")
                }
                try PlateContents.expectLevelZeroMatchesSources(
                    plate, well: well, field: field,
                    images: images.filter { $0.well == well && $0.field == field }, exportRoot: exportRoot)
                try PlateContents.expectPyramid(plate, well: well, field: field, levels: levels)
            }
        }
    }
}
