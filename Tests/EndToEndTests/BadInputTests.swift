import Foundation
import Testing
import TIFF

@Suite("ingest with damaged and stray files among good ones")
struct BadInputTests {
    /// A file planted in the export and the words one of which its rejection reason must contain.
    struct PlantedFile {
        let name: String
        let reasonWords: [String]
    }

    static let scenario = ExportScenario(
        summary: "ImageXpress 3 wells × 2 fields × 2 channels", layout: .imageXpress, plateName: "IXDamaged",
        format: 96, wells: ["A1", "B3", "C5"], fields: 2, channels: 2, width: 130, height: 90)

    static let truncated = PlantedFile(name: "IXDamaged_A01_s1_w1.TIF", reasonWords: ["truncated"])
    static let empty = PlantedFile(name: "IXDamaged_A01_s2_w2.TIF", reasonWords: ["empty", "0 bytes"])
    static let text = PlantedFile(name: "IXDamaged_B03_s1_w2.TIF", reasonWords: ["not a TIFF"])
    static let narrow = PlantedFile(name: "IXDamaged_C05_s2_w1.TIF", reasonWords: ["100×90", "100x90", "width"])
    static let unknownName = PlantedFile(name: "notes_for_lab.tif", reasonWords: ["matches no", "unrecognized", "unknown"])

    @Test func badFilesAreNamedWithTheirReasonAndEverythingElseIsWritten() async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let exportRoot = work.path + "/" + Self.scenario.plateName
        let export = try await binary.run(["sample-export", exportRoot] + Self.scenario.sampleExportArguments)
        try #require(export.exitCode == 0, "\(export.transcript)")
        try plantBadFiles(in: exportRoot)
        let planted = [Self.truncated, Self.empty, Self.text, Self.narrow, Self.unknownName]
        let goodImages = Self.scenario.images.filter { image in !planted.contains { $0.name == image.relativePath } }
        let before = try FolderSnapshot(of: exportRoot)

        let outRoot = work.path + "/out"
        let ingest = try await binary.run(["ingest", exportRoot, "--out", outRoot, "--chunk", "64"])
        #expect(ingest.exitCode == 1, "\(ingest.transcript)")
        for file in planted {
            let lines = ingest.lines(mentioning: file.name)
            #expect(lines.contains { line in file.reasonWords.contains { line.contains($0) } },
                    "no reason (\(file.reasonWords.joined(separator: " / "))) given for \(file.name):\n\(ingest.transcript)")
        }
        for image in goodImages {
            #expect(ingest.lines(mentioning: image.relativePath).isEmpty, "good file \(image.relativePath) reported")
        }
        let after = try FolderSnapshot(of: exportRoot)
        #expect(before.differences(to: after).isEmpty, "the export folder changed: \(before.differences(to: after))")

        let plateRoot = outRoot + "/" + Self.scenario.plateName + ".ome.zarr"
        let validation = try await binary.run(["validate", plateRoot])
        #expect(validation.exitCode == 0, "\(validation.transcript)")
        let plate = try WrittenPlate(root: plateRoot)
        #expect(plate.wells.map(\.path).sorted() == Self.scenario.wells.map(\.path).sorted())
        for well in Self.scenario.wells {
            try #require(try plate.fieldPaths(well: well.path) == ["0", "1"], "fields of \(well.path)")
            for field in 0..<Self.scenario.fields {
                try PlateContents.expectLevelZeroMatchesSources(
                    plate, well: well, field: field,
                    images: goodImages.filter { $0.well == well && $0.field == field }, exportRoot: exportRoot)
            }
        }
    }

    /// Damages four planes in four different ways and adds a TIFF whose name no layout knows.
    private func plantBadFiles(in exportRoot: String) throws {
        let path = { (file: PlantedFile) in URL(fileURLWithPath: exportRoot + "/" + file.name) }
        let whole = try Data(contentsOf: path(Self.truncated))
        try whole.prefix(whole.count / 2).write(to: path(Self.truncated))
        try Data().write(to: path(Self.empty))
        try Data("Plate IXDamaged, B03 site 1 w2: lamp flickered, re-image\n".utf8).write(to: path(Self.text))
        let width = 100, height = Self.scenario.height
        try TIFFWriter.write(path: path(Self.narrow).path, width: width, height: height, sampleType: Self.scenario.sampleType,
                             pages: [[UInt8](repeating: 7, count: width * height * Self.scenario.sampleType.byteCount)])
        try FileManager.default.copyItem(atPath: exportRoot + "/IXDamaged_B03_s2_w1.TIF",
                                         toPath: path(Self.unknownName).path)
    }
}
