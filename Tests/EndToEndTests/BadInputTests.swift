import Foundation
import PlateDropTestSupport
import Testing
import TIFF

@Suite("ingest with damaged and stray files among good ones")
struct BadInputTests {
    /// A file planted in the export and the words one of which its rejection reason must contain.
    struct PlantedFile {
        let relativePath: String
        let reasonWords: [String]

        var name: String { String(relativePath.split(separator: "/").last ?? "") }
    }

    /// Four planes damaged in four different ways, and a TIFF beside them whose name no layout knows.
    struct Damage {
        let truncated: PlantedFile
        let empty: PlantedFile
        let text: PlantedFile
        let narrow: PlantedFile
        let unknownName: PlantedFile

        init(_ scenario: ExportScenario) {
            let plane = { (well: PlateWell, field: Int, channel: Int) in
                scenario.relativePath(well: well, field: field, channel: channel, z: 0, t: 0)
            }
            let imageFolder = plane("A1", 0, 0).split(separator: "/").dropLast().map { $0 + "/" }.joined()
            truncated = PlantedFile(relativePath: plane("A1", 0, 0), reasonWords: ["truncated"])
            empty = PlantedFile(relativePath: plane("A1", 1, 1), reasonWords: ["empty", "0 bytes"])
            text = PlantedFile(relativePath: plane("B3", 0, 1), reasonWords: ["not a TIFF"])
            narrow = PlantedFile(relativePath: plane("C5", 1, 0), reasonWords: ["100×90", "100x90", "width"])
            unknownName = PlantedFile(relativePath: imageFolder + "notes_for_lab.tif",
                                      reasonWords: ["matches no", "unrecognized", "unknown"])
        }

        var all: [PlantedFile] { [truncated, empty, text, narrow, unknownName] }
    }

    static func scenario(_ layout: ExportScenario.Layout) -> ExportScenario {
        ExportScenario(summary: "\(layout.rawValue), 3 wells × 2 fields × 2 channels", layout: layout,
                       plateName: "Damaged", format: 96, wells: ["A1", "B3", "C5"], fields: 2, channels: 2,
                       width: 130, height: 90)
    }

    @Test(arguments: [ExportScenario.Layout.imageXpress, .yokogawa, .harmony])
    func badFilesAreNamedWithTheirReasonAndEverythingElseIsWritten(layout: ExportScenario.Layout) async throws {
        let binary = try PlateDropBinary.located()
        let work = try TemporaryFolder()
        let scenario = Self.scenario(layout)
        let exportRoot = work.path + "/" + scenario.plateName
        let export = try await binary.run(["sample-export", exportRoot] + scenario.sampleExportArguments)
        try #require(export.exitCode == 0, "\(export.transcript)")
        let damage = Damage(scenario)
        try plant(damage, in: exportRoot, scenario: scenario)
        let goodImages = scenario.images.filter { image in !damage.all.contains { $0.relativePath == image.relativePath } }
        let before = try FolderSnapshot(of: exportRoot)

        let outRoot = work.path + "/out"
        let ingest = try await binary.run(["ingest", exportRoot, "--out", outRoot, "--chunk", "64"])
        #expect(ingest.exitCode == 1, "\(ingest.transcript)")
        for file in damage.all {
            #expect(ingest.lines(mentioning: file.name).contains { line in file.reasonWords.contains { line.contains($0) } },
                    "no reason (\(file.reasonWords.joined(separator: " / "))) given for \(file.name):\n\(ingest.transcript)")
        }
        for image in goodImages {
            let name = String(image.relativePath.split(separator: "/").last ?? "")
            #expect(ingest.lines(mentioning: name).isEmpty, "good file \(image.relativePath) reported:\n\(ingest.transcript)")
        }
        let after = try FolderSnapshot(of: exportRoot)
        #expect(before.differences(to: after).isEmpty, "the export folder changed: \(before.differences(to: after))")

        let plateRoot = outRoot + "/" + scenario.plateName + ".ome.zarr"
        let validation = try await binary.run(["validate", plateRoot])
        #expect(validation.exitCode == 0, "\(validation.transcript)")
        let plate = try WrittenPlate(root: plateRoot)
        #expect(plate.wells.map(\.path).sorted() == scenario.wells.map(\.path).sorted())
        for well in scenario.wells {
            try #require(try plate.fieldPaths(well: well.path) == ["0", "1"], "fields of \(well.path)")
            for field in 0..<scenario.fields {
                try PlateContents.expectLevelZeroMatchesSources(
                    plate, well: well, field: field,
                    images: goodImages.filter { $0.well == well && $0.field == field }, exportRoot: exportRoot)
            }
        }
    }

    private func plant(_ damage: Damage, in exportRoot: String, scenario: ExportScenario) throws {
        let url = { (file: PlantedFile) in URL(fileURLWithPath: exportRoot + "/" + file.relativePath) }
        let whole = try Data(contentsOf: url(damage.truncated))
        try whole.prefix(whole.count / 2).write(to: url(damage.truncated))
        try Data().write(to: url(damage.empty))
        try Data("Plate Damaged, B03: lamp flickered, re-image\n".utf8).write(to: url(damage.text))
        let width = 100, height = scenario.height
        try TIFFWriter.write(path: url(damage.narrow).path, width: width, height: height, sampleType: scenario.sampleType,
                             pages: [[UInt8](repeating: 7, count: width * height * scenario.sampleType.byteCount)])
        let goodPlane = scenario.relativePath(well: "B3", field: 1, channel: 0, z: 0, t: 0)
        try FileManager.default.copyItem(atPath: exportRoot + "/" + goodPlane, toPath: url(damage.unknownName).path)
    }
}
