import Zarr

/// Writes the group hierarchy of one HCS plate (plate → row → well → field), each document atomically
/// and durably (temp file, fsync, rename, fsync of the directory), since readers open them at any moment.
public struct HCSPlateStore: Sendable {
    public let store: FileStore
    public let version: NGFFVersion

    /// A plate whose root directory is `plateRoot` (usually `<name>.ome.zarr`).
    public init(plateRoot: String, version: NGFFVersion) {
        self.store = FileStore(root: plateRoot)
        self.version = version
    }

    /// The path of a well group relative to the plate root, `row/column`.
    public static func wellPath(row: String, column: String) -> String { "\(row)/\(column)" }

    /// The path of a field image group relative to the plate root.
    public static func fieldPath(row: String, column: String, field: Int) -> String {
        "\(wellPath(row: row, column: column))/\(field)"
    }

    /// The path of one resolution level array relative to the plate root.
    public static func levelPath(row: String, column: String, field: Int, level: Int) -> String {
        "\(fieldPath(row: row, column: column, field: field))/\(PyramidPlan.levelPath(level))"
    }

    /// Replaces the plate group's metadata; call it after the wells it lists are on disk (P1).
    public func writePlate(_ plate: PlateMetadata) throws(ZarrError) {
        try ZarrGroup.write(store: store, path: "", format: version.zarrFormat,
                            attributes: plate.attributes(version: version), durable: true)
    }

    /// Writes a row group; it carries no OME metadata but must exist (Zarr v3 has no implicit groups, P13).
    public func writeRow(_ row: String) throws(ZarrError) {
        try ZarrGroup.write(store: store, path: row, format: version.zarrFormat, attributes: [:], durable: true)
    }

    /// Writes a well group's metadata.
    public func writeWell(row: String, column: String, _ well: WellMetadata) throws(ZarrError) {
        try ZarrGroup.write(store: store, path: Self.wellPath(row: row, column: column),
                            format: version.zarrFormat, attributes: well.attributes(version: version), durable: true)
    }

    /// Writes a field image group's metadata.
    public func writeImage(row: String, column: String, field: Int, _ image: ImageMetadata) throws(ZarrError) {
        try ZarrGroup.write(store: store, path: Self.fieldPath(row: row, column: column, field: field),
                            format: version.zarrFormat, attributes: image.attributes(version: version), durable: true)
    }

    /// Writes a field image's region tables under its `tables` group, the list of names last so a reader
    /// that finds a name finds its table.
    public func writeTables(row: String, column: String, field: Int, _ tables: [RegionTable]) throws(ZarrError) {
        let tablesPath = Self.fieldPath(row: row, column: column, field: field) + "/tables"
        for table in tables {
            let path = tablesPath + "/" + table.name
            try ZarrGroup.write(store: store, path: path, format: version.zarrFormat, attributes: table.attributes, durable: true)
            try ZarrGroup.write(store: store, path: path + "/table", format: version.zarrFormat, attributes: table.columns,
                                durable: true)
        }
        try ZarrGroup.write(store: store, path: tablesPath, format: version.zarrFormat,
                            attributes: ["tables": .array(tables.map { .string($0.name) })], durable: true)
    }
}
