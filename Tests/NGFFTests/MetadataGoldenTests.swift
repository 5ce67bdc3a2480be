import Foundation
import NGFF
import Testing
import Zarr

/// Plate, well and image metadata serialise exactly to the reviewed golden documents (docs/ngff-choices.md §3, §4, §6).
@Suite struct MetadataGoldenTests {
    static let plate = PlateMetadata(
        name: "test-plate", rows: ["A", "B"], columns: ["1", "2", "3"],
        wells: [.init(rowIndex: 1, columnIndex: 2), .init(rowIndex: 0, columnIndex: 0)],
        fieldCount: 2,
        acquisitions: [.init(id: 0, name: "Meas_01", maximumFieldCount: 2, startTime: 1_343_731_272, endTime: 1_343_735_801)])

    static let well = WellMetadata(images: [.init(path: "0", acquisition: 0), .init(path: "1", acquisition: 0)])

    static let image = ImageMetadata(
        name: "A1 field 0",
        axes: [Axis(name: "c", kind: .channel), Axis(name: "z", kind: .space, unit: "micrometer"),
               Axis(name: "y", kind: .space, unit: "micrometer"), Axis(name: "x", kind: .space, unit: "micrometer")],
        datasets: [.init(path: "0", scale: [1, 2, 0.325, 0.325]),
                   .init(path: "1", scale: [1, 2, 0.65, 0.65], translation: [0, 0, 0.1625, 0.1625])],
        downscalingType: "local_mean", downscalingDetails: ["method": "2x2 mean"],
        channels: [OmeroChannel(label: "DAPI", color: "0000FF",
                                window: .init(min: 0, max: 65535, start: 100, end: 4000))])

    static func golden(_ name: String) throws -> JSONValue {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Golden"))
        return try JSONValue(parsing: [UInt8](Data(contentsOf: url)), source: url.path)
    }

    @Test(arguments: NGFFVersion.allCases)
    func plateMatchesGolden(version: NGFFVersion) throws {
        let expected = try Self.golden("plate-\(version.rawValue)")
        #expect(Self.plate.attributes(version: version) == expected)
    }

    @Test(arguments: NGFFVersion.allCases)
    func wellMatchesGolden(version: NGFFVersion) throws {
        let expected = try Self.golden("well-\(version.rawValue)")
        #expect(Self.well.attributes(version: version) == expected)
    }

    @Test(arguments: NGFFVersion.allCases)
    func imageMatchesGolden(version: NGFFVersion) throws {
        let expected = try Self.golden("image-\(version.rawValue)")
        #expect(Self.image.attributes(version: version) == expected)
    }

    @Test func wellsAreListedRowMajorWithIndicesMatchingPaths() throws {
        let wells = try #require(Self.plate.attributes(version: .v04)["plate"]?["wells"]?.arrayValue)
        #expect(wells.map { $0["path"]?.stringValue } == ["A/1", "B/3"])
        #expect(wells.map { $0["rowIndex"]?.intValue } == [0, 1])
        #expect(wells.map { $0["columnIndex"]?.intValue } == [0, 2])
    }

    @Test func pyramidHalvesDownToTheSmallestSide() {
        let plan = PyramidPlan(height: 2048, width: 1500)
        #expect(plan.levels.map(\.height) == [2048, 1024, 512, 256])
        #expect(plan.levels.map(\.width) == [1500, 750, 375, 188])
        #expect(PyramidPlan(height: 2048, width: 2048, maximumLevels: 3).levels.count == 3)
        #expect(PyramidPlan(height: 200, width: 300).levels.count == 2)
        #expect(PyramidPlan(height: 100, width: 100).levels.count == 1)
    }
}
