import Foundation
@testable import Ingest
import Layouts
import SampleExports
import Testing

@Suite("ExportSurvey: files classified, links not followed, plan keys applied")
struct ExportSurveyTests {
    static let layout = ImageXpressLayout()

    /// One well, one field, two channels, small planes: every file name the export holds is predictable.
    static func imageXpressSpec(wells: [WellIndex] = [WellIndex(row: 0, column: 0)]) -> ExportSpec {
        ExportSpec(layout: .imageXpress, plateName: "Survey", wells: wells, fields: 1, channels: 2, width: 16, height: 8)
    }

    static func allPaths(_ survey: ExportSurvey) -> [String] {
        survey.plates.flatMap { $0.images.map(\.relativePath) } + survey.ignored.map(\.path) + survey.rejected.map(\.path)
    }

    @Test("symbolic links to files and folders are listed as ignored and never followed")
    func symbolicLinks() throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.imageXpressSpec(), into: directory.file("export"))
        let elsewhere = try SampleExportGenerator.generate(
            Self.imageXpressSpec(wells: [WellIndex(row: 2, column: 2)]), into: directory.file("elsewhere"))
        let files = FileManager.default
        try files.createSymbolicLink(atPath: export.root + "/Survey_B02_s1_w1.TIF",
                                     withDestinationPath: export.root + "/" + export.images[0].relativePath)
        try files.createSymbolicLink(atPath: export.root + "/linked", withDestinationPath: elsewhere.root)

        let survey = try ExportSurvey.survey(exportRoot: export.root, layout: Self.layout)
        let reason = "symbolic link; links are not followed"
        #expect(survey.ignored.contains(FileIssue(path: "Survey_B02_s1_w1.TIF", reason: reason)))
        #expect(survey.ignored.contains(FileIssue(path: "linked", reason: reason)))
        #expect(!Self.allPaths(survey).contains { $0.hasPrefix("linked/") })
        let images = survey.plates.flatMap(\.images)
        #expect(Set(images.map(\.key.well)) == [WellPosition(row: 0, column: 0)])
        #expect(images.map(\.relativePath).sorted() == export.images.map(\.relativePath).sorted())
    }

    @Test("thumbnails, system files and temporary copies are ignored; unknown image names and broken plans rejected")
    func ignoredAndRejected() throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.imageXpressSpec(), into: directory.path)
        for name in ["Thumbs.db", "notes.txt", "Survey_A01_s1_w1_thumb.TIF", "Survey_A01_s1_w3.TIF.part", ".hidden.TIF",
                     "mystery.TIF", "Broken.HTD"] {
            try Data("x".utf8).write(to: URL(fileURLWithPath: directory.file(name)))
        }
        let survey = try ExportSurvey.survey(exportRoot: export.root, layout: Self.layout)
        #expect(survey.ignored.map(\.path) == [".hidden.TIF", "Survey_A01_s1_w1_thumb.TIF", "Survey_A01_s1_w3.TIF.part",
                                               "Thumbs.db", "notes.txt"])
        #expect(survey.ignored.allSatisfy { !$0.reason.isEmpty })
        #expect(survey.rejected.map(\.path) == ["Broken.HTD", "mystery.TIF"])
        #expect(survey.rejected.first?.reason.hasPrefix("plan file unreadable: ") == true)
        #expect(survey.rejected.last?.reason.contains("matches no imagexpress image name") == true)
        let plate = try #require(survey.plates.first)
        #expect(survey.plates.map(\.name) == ["Survey"])
        #expect(plate.images.count == 2)
        #expect(plate.plan?.format == .wells96)
    }

    @Test("a key from the Harmony index overrides the one parsed from the file name")
    func planKeysWin() throws {
        let directory = try TemporaryDirectory()
        let spec = ExportSpec(layout: .harmony, plateName: "Indexed", wells: [WellIndex(row: 1, column: 2)], fields: 2,
                              channels: 1, width: 16, height: 8)
        let export = try SampleExportGenerator.generate(spec, into: directory.path)
        let indexPath = directory.file("Images/Index.idx.xml")
        try Self.setFieldID(3, forURL: "r02c03f01p01-ch1sk1fk1fl1.tiff", inIndexAt: indexPath)

        let survey = try ExportSurvey.survey(exportRoot: export.root, layout: HarmonyLayout(defaultPlateName: "Indexed"))
        let plate = try #require(survey.plates.first)
        #expect(plate.plan != nil)
        let fields = Dictionary(uniqueKeysWithValues: plate.images.map { ($0.relativePath, $0.key.field) })
        #expect(fields == ["Images/r02c03f01p01-ch1sk1fk1fl1.tiff": 2, "Images/r02c03f02p01-ch1sk1fk1fl1.tiff": 1])
        #expect(plate.images.allSatisfy { $0.key.plate == "Indexed" })
    }

    @Test("an export root written with a trailing slash still attaches its plan and plan keys")
    func trailingSlash() throws {
        let directory = try TemporaryDirectory()
        let spec = ExportSpec(layout: .harmony, plateName: "Indexed", wells: [WellIndex(row: 0, column: 0)], fields: 1,
                              channels: 1, width: 16, height: 8)
        _ = try SampleExportGenerator.generate(spec, into: directory.path)
        try Self.setFieldID(3, forURL: "r01c01f01p01-ch1sk1fk1fl1.tiff", inIndexAt: directory.file("Images/Index.idx.xml"))

        let survey = try ExportSurvey.survey(exportRoot: directory.path + "/", layout: HarmonyLayout(defaultPlateName: "Indexed"))
        let plate = try #require(survey.plates.first)
        #expect(plate.plan?.format == .wells96)
        #expect(plate.images.map(\.key.field) == [2])
    }

    @Test("a missing export folder, or a file in its place, is exportNotFound")
    func exportNotFound() throws {
        let directory = try TemporaryDirectory()
        let missing = directory.file("missing")
        #expect(throws: IngestError.exportNotFound(path: missing)) {
            try ExportSurvey.survey(exportRoot: missing, layout: Self.layout)
        }
        let file = directory.file("file.txt")
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: IngestError.exportNotFound(path: file)) {
            try ExportSurvey.survey(exportRoot: file, layout: Self.layout)
        }
    }

    /// Rewrites the `<FieldID>` of the index entry whose `<URL>` is `url` (entries list URL before FieldID).
    private static func setFieldID(_ fieldID: Int, forURL url: String, inIndexAt path: String) throws {
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let urlLine = try #require(lines.firstIndex { $0.contains("<URL>\(url)</URL>") })
        let fieldLine = try #require(lines[urlLine...].firstIndex { $0.contains("<FieldID>") })
        lines[fieldLine] = "      <FieldID>\(fieldID)</FieldID>"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("a plan none of whose images is in the export is rejected, naming what it promised")
    func planWithoutImages() throws {
        let directory = try TemporaryDirectory()
        let export = try SampleExportGenerator.generate(Self.imageXpressSpec(), into: directory.file("export"))
        let plan = try #require(export.planFiles.first { $0.lowercased().hasSuffix(".htd") })
        let orphan = export.root + "/Survey_Plate_9/" + (plan as NSString).lastPathComponent
        try FileManager.default.createDirectory(atPath: export.root + "/Survey_Plate_9", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: export.root + "/" + plan, toPath: orphan)

        let survey = try ExportSurvey.survey(exportRoot: export.root, layout: Self.layout)
        let rejection = try #require(survey.rejected.first { $0.path.hasPrefix("Survey_Plate_9/") }, "\(survey.rejected)")
        #expect(rejection.reason.contains("describes 2 planes"), "\(rejection.reason)")
        #expect(rejection.reason.contains("none of its images is in the export"), "\(rejection.reason)")
        #expect(survey.rejected.count == 1, "the plan with images is not rejected: \(survey.rejected)")
    }
}
