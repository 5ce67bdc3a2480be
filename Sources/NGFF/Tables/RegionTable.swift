import Zarr

/// A region-of-interest table in the table convention of Fractal and ngio (not part of NGFF itself):
/// type `roi_table` version 1, stored with the JSON backend, one row per region with its top-left corner
/// and extent in micrometres in the image's physical space. `FOV_ROI_table` (one row per field of view)
/// and `well_ROI_table` (the whole well) are the two tables Fractal's tasks look for in every image.
public struct RegionTable: Sendable, Equatable {
    /// One region: an axis-aligned box.
    public struct Region: Sendable, Equatable {
        /// The row's index value, e.g. "FOV_1".
        public var name: String
        public var x: Double
        public var y: Double
        public var z: Double
        public var lengthX: Double
        public var lengthY: Double
        public var lengthZ: Double
        /// Where the region was on the instrument's stage, when the instrument says.
        public var stageX: Double?
        public var stageY: Double?

        public init(name: String, x: Double, y: Double, z: Double, lengthX: Double, lengthY: Double, lengthZ: Double,
                    stageX: Double? = nil, stageY: Double? = nil) {
            self.name = name
            self.x = x
            self.y = y
            self.z = z
            self.lengthX = lengthX
            self.lengthY = lengthY
            self.lengthZ = lengthZ
            self.stageX = stageX
            self.stageY = stageY
        }
    }

    /// The table's name, its group under the image's `tables` group.
    public let name: String
    public let regions: [Region]

    public init(name: String, regions: [Region]) {
        self.name = name
        self.regions = regions
    }

    /// The index column.
    static let indexKey = "FieldIndex"

    /// The table group's attributes: what the table is and how its rows are stored.
    var attributes: JSONValue {
        ["type": "roi_table", "table_version": "1", "backend": "json", "index_key": .string(Self.indexKey),
         "index_type": "str"]
    }

    /// The rows as the JSON backend stores them in its `table` subgroup's attributes: column name → values.
    var columns: JSONValue {
        var columns: [(String, JSONValue)] = [
            (Self.indexKey, .array(regions.map { .string($0.name) })),
            ("x_micrometer", .array(regions.map { JSONValue($0.x) })),
            ("y_micrometer", .array(regions.map { JSONValue($0.y) })),
            ("z_micrometer", .array(regions.map { JSONValue($0.z) })),
            ("len_x_micrometer", .array(regions.map { JSONValue($0.lengthX) })),
            ("len_y_micrometer", .array(regions.map { JSONValue($0.lengthY) })),
            ("len_z_micrometer", .array(regions.map { JSONValue($0.lengthZ) })),
        ]
        // The stage position goes in the `_original` columns, which the convention keeps for where a
        // region was before conversion; only when every region has one, since a column has no gaps.
        let stageXs = regions.compactMap(\.stageX)
        let stageYs = regions.compactMap(\.stageY)
        if stageXs.count == regions.count, stageYs.count == regions.count {
            columns.append(("x_micrometer_original", .array(stageXs.map { JSONValue($0) })))
            columns.append(("y_micrometer_original", .array(stageYs.map { JSONValue($0) })))
        }
        return .object(JSONObject(columns))
    }
}
