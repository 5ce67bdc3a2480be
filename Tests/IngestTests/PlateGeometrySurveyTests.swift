import Foundation
@testable import Ingest
import Layouts
import Testing
import TIFF

@Suite("PlateGeometry.survey: one frame per plate, one file per plane, every refusal explained")
struct PlateGeometrySurveyTests {
    static func reason(for path: String, in result: PlateGeometry.SurveyResult) -> String? {
        result.rejected.first { $0.path == path }?.reason
    }

    @Test("the most common frame wins; other sizes and sample types are rejected naming both shapes")
    func mostCommonFrame() throws {
        let folder = try SurveyFolder()
        var images = try (0..<3).map { try folder.tiff("c\($0).tif", key: ImageKey.onTestPlate("A01", channel: $0)) }
        images.append(try folder.tiff("wide.tif", key: ImageKey.onTestPlate("A01", channel: 3), width: 10))
        images.append(try folder.tiff("bytes.tif", key: ImageKey.onTestPlate("A01", channel: 4), sampleType: .uint8))

        let result = PlateGeometry.survey(folder.sources(images))
        let geometry = try #require(result.geometry)
        #expect((geometry.width, geometry.height, geometry.sampleType) == (8, 6, .uint16))
        #expect(geometry.channels == [0, 1, 2])
        #expect(result.rejected.map(\.path) == ["bytes.tif", "wide.tif"])
        let wide = try #require(Self.reason(for: "wide.tif", in: result))
        #expect(wide.contains("10×6 uint16") && wide.contains("8×6 uint16"))
        let bytes = try #require(Self.reason(for: "bytes.tif", in: result))
        #expect(bytes.contains("8×6 uint8") && bytes.contains("8×6 uint16"))
    }

    @Test("two files with the same plane: the later path is rejected as a duplicate of the first")
    func duplicatePlane() throws {
        let folder = try SurveyFolder()
        let images = [
            try folder.tiff("b_second.tif", key: ImageKey.onTestPlate("A01")),
            try folder.tiff("a_first.tif", key: ImageKey.onTestPlate("A01")),
        ]
        let result = PlateGeometry.survey(folder.sources(images))
        let geometry = try #require(result.geometry)
        #expect(result.rejected.map(\.path) == ["b_second.tif"])
        let reason = try #require(Self.reason(for: "b_second.tif", in: result))
        #expect(reason.contains("duplicate") && reason.contains("a_first.tif"))
        #expect(geometry.planesByWell.values.flatMap { $0 }.map(\.relativePath) == ["a_first.tif"])
    }

    @Test("a stack that duplicates another stack is rejected once, not once per page")
    func duplicateStack() throws {
        let folder = try SurveyFolder()
        let images = [
            try folder.tiff("a_stack.tif", key: ImageKey.onTestPlate("A01", z: nil), pages: 3),
            try folder.tiff("b_stack.tif", key: ImageKey.onTestPlate("A01", z: nil), pages: 3),
        ]
        let result = PlateGeometry.survey(folder.sources(images))
        #expect(result.geometry?.zPlanes == [0, 1, 2])
        #expect(result.rejected.map(\.path) == ["b_stack.tif"])
    }

    @Test("a well outside the plan's plate format is rejected")
    func wellOutsidePlanFormat() throws {
        let folder = try SurveyFolder()
        let images = [try folder.tiff("inside.tif", key: ImageKey.onTestPlate("H12")), try folder.tiff("outside.tif", key: ImageKey.onTestPlate("I01"))]
        let result = PlateGeometry.survey(folder.sources(images, plan: folder.plan(format: .wells96)))
        let geometry = try #require(result.geometry)
        #expect(geometry.format == .wells96)
        #expect(geometry.wells == [WellPosition(parsing: "H12")!])
        #expect(result.rejected.map(\.path) == ["outside.tif"])
        #expect(Self.reason(for: "outside.tif", in: result)?.contains("outside the 8×12 plate format") == true)
    }

    @Test("a multi-page file whose name gives a z-plane is rejected")
    func multiPageWithZ() throws {
        let folder = try SurveyFolder()
        let images = [try folder.tiff("single.tif", key: ImageKey.onTestPlate("A01")),
                      try folder.tiff("stack.tif", key: ImageKey.onTestPlate("A01", channel: 1, z: 1), pages: 3)]
        let result = PlateGeometry.survey(folder.sources(images))
        #expect(result.geometry?.channels == [0])
        #expect(result.rejected.map(\.path) == ["stack.tif"])
        #expect(Self.reason(for: "stack.tif", in: result)?.contains("3 pages") == true)
    }

    @Test("a multi-page file without a z in its key expands to one plane per page")
    func multiPageStack() throws {
        let folder = try SurveyFolder()
        let images = [try folder.tiff("stack.tif", key: ImageKey.onTestPlate("B02", z: nil), pages: 3)]
        let result = PlateGeometry.survey(folder.sources(images))
        let geometry = try #require(result.geometry)
        #expect(result.rejected.isEmpty)
        #expect(geometry.zPlanes == [0, 1, 2])
        let planes = geometry.planesByWell[WellPosition(parsing: "B02")!, default: []].sorted { $0.page < $1.page }
        #expect(planes.map(\.page) == [0, 1, 2])
        #expect(planes.map(\.zPlane) == [0, 1, 2])
        #expect(planes.allSatisfy { $0.relativePath == "stack.tif" })
        #expect(geometry.fieldShape() == [1, 3, 6, 8])
    }

    @Test("unreadable, truncated and empty files are rejected with the TIFF reader's reason")
    func unreadableFiles() throws {
        let folder = try SurveyFolder()
        let good = try folder.tiff("good.tif", key: ImageKey.onTestPlate("A01"))
        let header = try Data(contentsOf: URL(fileURLWithPath: good.absolutePath)).prefix(5)
        let images = [
            good,
            try folder.file("empty.tif", bytes: [], key: ImageKey.onTestPlate("A01", channel: 1)),
            try folder.file("text.tif", bytes: Array("not an image at all".utf8), key: ImageKey.onTestPlate("A01", channel: 2)),
            try folder.file("cut.tif", bytes: Array(header), key: ImageKey.onTestPlate("A01", channel: 3)),
        ]
        let result = PlateGeometry.survey(folder.sources(images))
        #expect(result.geometry?.channels == [0])
        #expect(result.rejected.map(\.path) == ["cut.tif", "empty.tif", "text.tif"])
        for issue in result.rejected {
            let readerMessage = try #require(Self.readerError(folder.directory.file(issue.path)))
            #expect(issue.reason == "unreadable TIFF: \(readerMessage)")
        }
        #expect(Self.reason(for: "empty.tif", in: result)?.contains("the file is empty") == true)
        #expect(Self.reason(for: "text.tif", in: result)?.contains("not a TIFF file") == true)
        #expect(Self.reason(for: "cut.tif", in: result)?.contains("truncated") == true)
    }

    @Test("a plate with no usable file has no geometry")
    func nothingUsable() throws {
        let folder = try SurveyFolder()
        let result = PlateGeometry.survey(folder.sources([try folder.file("empty.tif", bytes: [], key: ImageKey.onTestPlate("A01"))]))
        #expect(result.geometry == nil)
        #expect(result.rejected.map(\.path) == ["empty.tif"])
    }

    @Test("field, channel, z and time lists are the sorted instrument indices; planes index into them")
    func positionLists() throws {
        let folder = try SurveyFolder()
        let images = [
            try folder.tiff("p1.tif", key: ImageKey.onTestPlate("A01", field: 4, channel: 3, z: 5, t: 7)),
            try folder.tiff("p2.tif", key: ImageKey.onTestPlate("A01", field: 1, channel: 0, z: 2, t: 2)),
            try folder.tiff("p3.tif", key: ImageKey.onTestPlate("A01", field: 0, channel: 3, z: 2, t: 7, acquisition: 1)),
        ]
        let geometry = try #require(PlateGeometry.survey(folder.sources(images)).geometry)
        #expect(geometry.fields == [FieldSlot(acquisition: 0, field: 1), FieldSlot(acquisition: 0, field: 4),
                                    FieldSlot(acquisition: 1, field: 0)])
        #expect(geometry.channels == [0, 3])
        #expect(geometry.zPlanes == [2, 5])
        #expect(geometry.timepoints == [2, 7])
        #expect(geometry.hasTimeAxis)
        #expect(geometry.fieldShape() == [2, 2, 2, 6, 8])
        let planes = Dictionary(uniqueKeysWithValues: geometry.planesByWell.values.flatMap { $0 }.map { ($0.relativePath, $0) })
        let first = try #require(planes["p1.tif"])
        #expect(Self.positions(first) == [1, 1, 1, 1])
        let second = try #require(planes["p2.tif"])
        #expect(Self.positions(second) == [0, 0, 0, 0])
        let third = try #require(planes["p3.tif"])
        #expect(Self.positions(third) == [2, 1, 0, 1])
    }

    @Test("the plan's plate format beats the one inferred from the wells")
    func planFormatWins() throws {
        let folder = try SurveyFolder()
        let images = [try folder.tiff("a.tif", key: ImageKey.onTestPlate("A01"))]
        #expect(PlateGeometry.survey(folder.sources(images)).geometry?.format == .wells6)
        #expect(PlateGeometry.survey(folder.sources(images, plan: folder.plan(format: .wells384))).geometry?.format == .wells384)
    }

    @Test("without a plan, the smallest standard format holding every well is inferred", arguments: [
        ("B03", PlateFormat.wells6), ("C04", .wells12), ("D06", .wells24), ("F08", .wells48), ("H12", .wells96),
        ("P24", .wells384), ("Q01", .wells1536), ("A25", .wells1536), ("AF48", .wells1536),
        ("AH02", PlateFormat(rows: 34, columns: 2)),
    ])
    func inferredFormat(well: String, expected: PlateFormat) throws {
        let folder = try SurveyFolder()
        let images = [try folder.tiff("a.tif", key: ImageKey.onTestPlate("A01")), try folder.tiff("b.tif", key: ImageKey.onTestPlate(well))]
        #expect(PlateGeometry.survey(folder.sources(images)).geometry?.format == expected)
    }

    @Test("a tie between equally common frames of the same width is settled the same way every time")
    func tiedFramesAreDeterministic() throws {
        let folder = try SurveyFolder()
        let images = [
            try folder.tiff("bytes.tif", key: ImageKey.onTestPlate("A01", channel: 0), sampleType: .uint8),
            try folder.tiff("short.tif", key: ImageKey.onTestPlate("A01", channel: 1), height: 4),
            try folder.tiff("words.tif", key: ImageKey.onTestPlate("A01", channel: 2)),
        ]
        let sources = folder.sources(images)
        // Swift seeds each dictionary's hashing from its storage's address. Keeping blocks of every small size
        // alive after each round stops the allocator handing the next survey the same address, so an
        // order-dependent choice shows up as more than one winner.
        var heapPerturbation: [[UInt8]] = []
        var winners = Set<String>()
        for _ in 0..<100 {
            heapPerturbation += (1...64).map { [UInt8](repeating: 0, count: 16 * $0) }
            if let geometry = PlateGeometry.survey(sources).geometry {
                winners.insert("\(geometry.height) \(geometry.sampleType)")
            }
        }
        #expect(heapPerturbation.count == 100 * 64)
        #expect(winners.count == 1, "winners: \(winners.sorted())")
    }

    /// A plane's field, channel, z and time positions, in that order.
    private static func positions(_ plane: PlaneSource) -> [Int] {
        [plane.field, plane.channel, plane.zPlane, plane.timepoint]
    }

    /// The message the TIFF reader gives for `path`, or nil when it opens the file.
    private static func readerError(_ path: String) -> String? {
        do {
            let file = try TIFFFile(path: path)
            _ = try file.pageInfo(0)
            return nil
        } catch {
            return "\(error)"
        }
    }
}
