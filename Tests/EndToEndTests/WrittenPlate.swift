import Testing
import Zarr

/// An OME-Zarr plate on disk, read through the product's Zarr module: its OME metadata and its arrays.
struct WrittenPlate {
    /// A well as the plate's `wells` list names it.
    struct WellEntry: Hashable {
        let path: String
        let rowIndex: Int
        let columnIndex: Int
    }

    let store: FileStore
    let format: ZarrFormat
    /// The `plate` object.
    let plate: JSONValue

    init(root: String) throws {
        store = FileStore(root: root)
        format = try #require(ZarrGroup.detectFormat(store: store, path: ""), "no Zarr group at \(root)")
        let ome = try Self.omeAttributes(store: store, path: "", format: format)
        plate = try #require(ome["plate"], "no plate metadata at \(root)")
    }

    var rowNames: [String] { names(plate["rows"]) }
    var columnNames: [String] { names(plate["columns"]) }

    var wells: [WellEntry] {
        (plate["wells"]?.arrayValue ?? []).map {
            WellEntry(path: $0["path"]?.stringValue ?? "", rowIndex: Int($0["rowIndex"]?.intValue ?? -1),
                      columnIndex: Int($0["columnIndex"]?.intValue ?? -1))
        }
    }

    /// The image paths the well group lists, in order.
    func fieldPaths(well: String) throws -> [String] {
        let ome = try Self.omeAttributes(store: store, path: well, format: format)
        return (ome["well"]?["images"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
    }

    /// The single multiscale of a field image group.
    func multiscale(well: String, field: String) throws -> JSONValue {
        let ome = try Self.omeAttributes(store: store, path: well + "/" + field, format: format)
        let multiscales = try #require(ome["multiscales"]?.arrayValue, "no multiscales at \(well)/\(field)")
        try #require(multiscales.count == 1, "\(well)/\(field) has \(multiscales.count) multiscales")
        return multiscales[0]
    }

    func axisNames(of multiscale: JSONValue) -> [String] {
        (multiscale["axes"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }

    func levelPaths(of multiscale: JSONValue) -> [String] {
        (multiscale["datasets"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
    }

    func array(well: String, field: String, level: String) throws -> ZarrArrayReader {
        try ZarrArrayReader.open(store: store, path: "\(well)/\(field)/\(level)")
    }

    /// The attributes that carry OME metadata: top level in 0.4, under "ome" in 0.5.
    private static func omeAttributes(store: FileStore, path: String, format: ZarrFormat) throws -> JSONValue {
        let attributes = try #require(try ZarrGroup.readAttributes(store: store, path: path, format: format),
                                      "group \(path) has no attributes")
        guard format == .v3 else { return attributes }
        return try #require(attributes["ome"], "group \(path) has no \"ome\" attributes")
    }

    private func names(_ list: JSONValue?) -> [String] {
        (list?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }
}
