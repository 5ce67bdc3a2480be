import Foundation
import Zarr

/// A written OME-Zarr plate (0.5 or 0.4) read back through the Zarr module.
struct PlateStore {
    let root: String
    let store: FileStore

    init(root: String) {
        self.root = root
        store = FileStore(root: root)
    }

    var format: ZarrFormat? { ZarrGroup.detectFormat(store: store, path: "") }

    /// The plate's OME attributes (top level in 0.4, under "ome" in 0.5).
    var omeAttributes: JSONValue? {
        guard let format, let attributes = try? ZarrGroup.readAttributes(store: store, path: "", format: format) else { return nil }
        return format == .v3 ? attributes["ome"] : attributes
    }

    /// Well paths ("B/3") the plate metadata lists.
    var listedWells: [String] {
        (omeAttributes?["plate"]?["wells"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
    }

    /// The raw bytes of the plate metadata file.
    var plateMetadataBytes: [UInt8]? {
        (try? store.read("zarr.json")) ?? (try? store.read(".zattrs")) ?? nil
    }

    /// Reads every level array of every field of a listed well in full; returns the problems found.
    func unreadableArrays(well: String) -> [String] {
        guard let format else { return ["\(root): no Zarr group"] }
        var problems: [String] = []
        let wellAttributes = try? ZarrGroup.readAttributes(store: store, path: well, format: format)
        let wellOME = format == .v3 ? wellAttributes?["ome"] : wellAttributes
        let fields = (wellOME?["well"]?["images"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
        if fields.isEmpty { problems.append("\(well): lists no field") }
        for field in fields {
            let fieldAttributes = try? ZarrGroup.readAttributes(store: store, path: well + "/" + field, format: format)
            let fieldOME = format == .v3 ? fieldAttributes?["ome"] : fieldAttributes
            let levels = (fieldOME?["multiscales"]?[0]?["datasets"]?.arrayValue ?? []).compactMap { $0["path"]?.stringValue }
            if levels.isEmpty { problems.append("\(well)/\(field): no multiscales datasets") }
            for level in levels {
                do {
                    let array = try ZarrArrayReader.open(store: store, path: "\(well)/\(field)/\(level)")
                    _ = try array.readAll()
                } catch {
                    problems.append("\(well)/\(field)/\(level): \(error)")
                }
            }
        }
        return problems
    }

    /// Every file of the store by relative path with its bytes; the plate metadata's `wells` list is sorted
    /// (its order is publication order, which a restart may change without changing the plate).
    var canonicalContents: [String: [UInt8]] {
        var contents: [String: [UInt8]] = [:]
        for (path, entry) in TreeSnapshot(of: root).entries where entry.kind != "directory" {
            contents[path] = entry.contents
        }
        for name in ["zarr.json", ".zattrs"] {
            guard let bytes = contents[name], var document = try? JSONValue(parsing: bytes) else { continue }
            document = Self.sortingWells(document)
            contents[name] = Array(document.prettySerialized().utf8)
        }
        return contents
    }

    private static func sortingWells(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .object(object):
            return .object(JSONObject(object.map { key, child in
                if key == "wells", let wells = child.arrayValue {
                    return (key, JSONValue.array(wells.sorted { ($0["path"]?.stringValue ?? "") < ($1["path"]?.stringValue ?? "") }))
                }
                return (key, sortingWells(child))
            }))
        default:
            return value
        }
    }

    /// Files and folders under `folder` that an interrupted write leaves behind: FileStore temp files
    /// (`.<name>.tmp-<pid>-<random>`), staging areas (`.<plate>.ome.zarr.staging`) and retired wells.
    static func leftovers(under folder: String) -> [String] {
        TreeSnapshot(of: folder).entries.keys.filter { path in
            let name = path.split(separator: "/").last.map(String.init) ?? path
            return (name.hasPrefix(".") && name.contains(".tmp-")) || name.hasSuffix(".staging") || name.hasPrefix("retired-")
        }.sorted()
    }
}

extension PlateStore {
    /// Level-0 bytes of one plane (t 0) of a field: the arrays are (t,) c, z, y, x.
    func levelZeroPlane(well: String, field: Int = 0, channel: Int, z: Int = 0) throws -> [UInt8] {
        let array = try ZarrArrayReader.open(store: store, path: "\(well)/\(field)/0")
        let shape = array.metadata.shape
        var origin = Array(repeating: 0, count: shape.count)
        var size = shape
        origin[shape.count - 4] = channel
        origin[shape.count - 3] = z
        size[shape.count - 4] = 1
        size[shape.count - 3] = 1
        for index in 0..<(shape.count - 4) { size[index] = 1 }
        return try array.readRegion(origin: origin, shape: size)
    }
}
