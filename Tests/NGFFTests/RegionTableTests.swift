import Foundation
import NGFF
import Testing
import Zarr

/// Region tables as Fractal and ngio read them: a `tables` group listing the names, each table's group saying
/// its type and backend, and the rows as column lists in its `table` subgroup.
@Suite struct RegionTableTests {
    static let field = RegionTable(name: "FOV_ROI_table", regions: [
        RegionTable.Region(name: "FOV_1", x: 0, y: 0, z: 0, lengthX: 700, lengthY: 350, lengthZ: 3,
                           stageX: 79813.4, stageY: 41385.4),
    ])

    @Test(arguments: NGFFVersion.allCases)
    func writesTheTablesOfAFieldImage(version: NGFFVersion) throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("region-tables-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = HCSPlateStore(plateRoot: root, version: version)
        let whole = RegionTable(name: "well_ROI_table", regions: [
            RegionTable.Region(name: "well_1", x: 0, y: 0, z: 0, lengthX: 700, lengthY: 350, lengthZ: 3),
        ])
        try store.writeTables(row: "B", column: "3", field: 0, [Self.field, whole])

        let format = version.zarrFormat
        let list = try #require(try ZarrGroup.readAttributes(store: store.store, path: "B/3/0/tables", format: format))
        #expect(list["tables"] == ["FOV_ROI_table", "well_ROI_table"])
        let meta = try #require(try ZarrGroup.readAttributes(store: store.store, path: "B/3/0/tables/FOV_ROI_table", format: format))
        #expect(meta["type"] == "roi_table")
        #expect(meta["table_version"] == "1")
        #expect(meta["backend"] == "json")
        #expect(meta["index_key"] == "FieldIndex")
        let rows = try #require(try ZarrGroup.readAttributes(store: store.store, path: "B/3/0/tables/FOV_ROI_table/table",
                                                             format: format))
        #expect(rows["FieldIndex"] == ["FOV_1"])
        #expect(rows["len_x_micrometer"]?.arrayValue?.first?.doubleValue == 700)
        #expect(rows["x_micrometer_original"]?.arrayValue?.first?.doubleValue == 79813.4)
        let wholeRows = try #require(try ZarrGroup.readAttributes(store: store.store, path: "B/3/0/tables/well_ROI_table/table",
                                                                  format: format))
        // No stage position known: the `_original` columns are left out rather than filled with guesses.
        #expect(wholeRows["x_micrometer_original"] == nil)
        #expect(wholeRows["FieldIndex"] == ["well_1"])
    }
}
