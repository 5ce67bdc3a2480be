import Zarr

/// The `plate` block of an HCS plate group (NGFF 0.4/0.5 "plate" section).
public struct PlateMetadata: Sendable, Hashable {
    /// One well listed in the plate; indices are 0-based positions in `rows` and `columns`.
    public struct Well: Sendable, Hashable {
        public var rowIndex: Int
        public var columnIndex: Int

        public init(rowIndex: Int, columnIndex: Int) {
            self.rowIndex = rowIndex
            self.columnIndex = columnIndex
        }
    }

    /// One acquisition (imaging run) of the plate.
    public struct Acquisition: Sendable, Hashable {
        public var id: Int
        public var name: String
        public var maximumFieldCount: Int
        public var description: String?
        /// Seconds since the Unix epoch, as the 0.4/0.5 schemas describe `starttime`/`endtime`.
        public var startTime: Int64?
        public var endTime: Int64?

        public init(id: Int, name: String, maximumFieldCount: Int, description: String? = nil,
                    startTime: Int64? = nil, endTime: Int64? = nil) {
            self.id = id
            self.name = name
            self.maximumFieldCount = maximumFieldCount
            self.description = description
            self.startTime = startTime
            self.endTime = endTime
        }
    }

    public var name: String
    /// Every physical row of the plate format, in order, even rows without images (spec: "MUST be defined").
    public var rows: [String]
    /// Every physical column of the plate format, in order.
    public var columns: [String]
    /// The wells that exist on disk, row-major.
    public var wells: [Well]
    public var fieldCount: Int
    public var acquisitions: [Acquisition]

    public init(name: String, rows: [String], columns: [String], wells: [Well], fieldCount: Int,
                acquisitions: [Acquisition]) {
        self.name = name
        self.rows = rows
        self.columns = columns
        self.wells = wells
        self.fieldCount = fieldCount
        self.acquisitions = acquisitions
    }

    /// The well's path `row/column`, as the spec requires it.
    public func path(of well: Well) -> String {
        "\(rows[well.rowIndex])/\(columns[well.columnIndex])"
    }

    /// The plate group's attributes for `version`.
    public func attributes(version: NGFFVersion) -> JSONValue {
        let sortedWells = wells.sorted { ($0.rowIndex, $0.columnIndex) < ($1.rowIndex, $1.columnIndex) }
        var plate: JSONObject = [
            "columns": .array(columns.map { ["name": .string($0)] }),
            "rows": .array(rows.map { ["name": .string($0)] }),
            "wells": .array(sortedWells.map { well in
                ["path": .string(path(of: well)), "rowIndex": JSONValue(well.rowIndex),
                 "columnIndex": JSONValue(well.columnIndex)]
            }),
            "name": .string(name),
            "field_count": JSONValue(fieldCount),
            "acquisitions": .array(acquisitions.map(\.json)),
        ]
        // 0.5 text says plate.version MUST be present while its schema omits it; ome-zarr-models
        // rejects a 0.5 plate without it and yaozarrs needs it to detect 0.4 (docs/ngff-choices.md P5).
        plate["version"] = .string(version.rawValue)
        return version.groupAttributes(["plate": .object(plate)])
    }
}

extension PlateMetadata.Acquisition {
    var json: JSONValue {
        var object: JSONObject = [
            "id": JSONValue(id), "name": .string(name), "maximumfieldcount": JSONValue(maximumFieldCount),
        ]
        if let description { object["description"] = .string(description) }
        if let startTime { object["starttime"] = .int(startTime) }
        if let endTime { object["endtime"] = .int(endTime) }
        return .object(object)
    }
}
