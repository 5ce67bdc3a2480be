import Foundation
import Zarr

/// The plates one run of PlateDrop wrote: their names, metadata, and the digest of every level-0 plane,
/// so a source plane can be traced to the plate that holds it whatever its place there, and two runs
/// (batch and daemon) can be compared.
public struct RealExportPlates: Sendable {
    /// A plate store that lacks what every written plate has.
    public struct Malformed: Error, CustomStringConvertible {
        public let description: String
    }

    public let outputRoot: String
    /// Plate names (the stores without `.ome.zarr`), sorted.
    public let names: [String]
    private let planeDigests: Set<PlaneDigest>

    public init(outputRoot: String) throws {
        self.outputRoot = outputRoot
        names = try FileManager.default.contentsOfDirectory(atPath: outputRoot)
            .filter { $0.hasSuffix(".ome.zarr") }.map { String($0.dropLast(".ome.zarr".count)) }.sorted()
        var digests = Set<PlaneDigest>()
        for name in names {
            for (_, array) in try Self.levelZeroArrays(root: outputRoot + "/" + name + ".ome.zarr") {
                let planeBytes = array.metadata.shape.suffix(2).reduce(1, *) * array.metadata.dataType.byteSize
                let all = try array.readAll()
                for start in stride(from: 0, to: all.count, by: planeBytes) {
                    digests.insert(PlaneDigest(all[start..<(start + planeBytes)]))
                }
            }
        }
        planeDigests = digests
    }

    /// Whether some written level-0 plane holds exactly these bytes.
    public func holds(_ plane: [UInt8]) -> Bool { planeDigests.contains(PlaneDigest(plane[...])) }

    /// How these plates differ from `other`'s in names, channel labels, pixel size and level-0 shapes;
    /// empty when they agree (batch and daemon runs of one export must).
    public func differences(from other: RealExportPlates) throws -> [String] {
        guard names == other.names else { return ["plates \(names), expected \(other.names)"] }
        var differences: [String] = []
        for name in names {
            let (labels, expectedLabels) = (try channelLabels(plate: name), try other.channelLabels(plate: name))
            if labels != expectedLabels { differences.append("\(name): channels \(labels), expected \(expectedLabels)") }
            let (size, expectedSize) = (try pixelSize(plate: name), try other.pixelSize(plate: name))
            if size != expectedSize { differences.append("\(name): pixel size \(size ?? 0), expected \(expectedSize ?? 0)") }
            if try levelZeroShapes(plate: name) != other.levelZeroShapes(plate: name) {
                differences.append("\(name): level-0 shapes differ")
            }
        }
        return differences
    }

    /// The omero channel labels of the plate's first field.
    public func channelLabels(plate name: String) throws -> [String] {
        try firstFieldAttributes(plate: name)["omero"]?["channels"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
    }

    /// The x scale of level 0 of the plate's first field.
    public func pixelSize(plate name: String) throws -> Double? {
        let multiscale = try firstFieldAttributes(plate: name)["multiscales"]?.arrayValue?.first
        let scale = multiscale?["datasets"]?.arrayValue?.first?["coordinateTransformations"]?.arrayValue?.first?["scale"]
        return scale?.arrayValue?.last?.doubleValue
    }

    /// How many rows and columns the plate metadata lists: the plate format the writer chose.
    public func plateGrid(plate name: String) throws -> (rows: Int, columns: Int) {
        let root = outputRoot + "/" + name + ".ome.zarr"
        let store = FileStore(root: root)
        guard let format = ZarrGroup.detectFormat(store: store, path: "") else { throw Malformed(description: "no Zarr group at \(root)") }
        let plate = try Self.omeAttributes(store: store, path: "", format: format)["plate"]
        return (plate?["rows"]?.arrayValue?.count ?? 0, plate?["columns"]?.arrayValue?.count ?? 0)
    }

    /// Level-0 shape of every field of the plate, by well and field path.
    public func levelZeroShapes(plate name: String) throws -> [String: [Int]] {
        try Self.levelZeroArrays(root: outputRoot + "/" + name + ".ome.zarr").mapValues(\.metadata.shape)
    }

    /// The level-0 array of every field of the plate at `root`, by well and field path.
    private static func levelZeroArrays(root: String) throws -> [String: ZarrArrayReader] {
        let store = FileStore(root: root)
        guard let format = ZarrGroup.detectFormat(store: store, path: "") else { throw Malformed(description: "no Zarr group at \(root)") }
        var arrays: [String: ZarrArrayReader] = [:]
        let wells = try omeAttributes(store: store, path: "", format: format)["plate"]?["wells"]?.arrayValue ?? []
        for well in wells.compactMap({ $0["path"]?.stringValue }) {
            let images = try omeAttributes(store: store, path: well, format: format)["well"]?["images"]?.arrayValue ?? []
            for field in images.compactMap({ $0["path"]?.stringValue }) {
                arrays[well + "/" + field] = try ZarrArrayReader.open(store: store, path: "\(well)/\(field)/0")
            }
        }
        return arrays
    }

    private func firstFieldAttributes(plate name: String) throws -> JSONValue {
        let root = outputRoot + "/" + name + ".ome.zarr"
        guard let field = try Self.levelZeroArrays(root: root).keys.sorted().first else {
            throw Malformed(description: "\(name) lists no field")
        }
        let store = FileStore(root: root)
        guard let format = ZarrGroup.detectFormat(store: store, path: "") else { throw Malformed(description: "no Zarr group at \(root)") }
        return try Self.omeAttributes(store: store, path: field, format: format)
    }

    /// The attributes that carry OME metadata: top level in NGFF 0.4, under "ome" in 0.5.
    private static func omeAttributes(store: FileStore, path: String, format: ZarrFormat) throws -> JSONValue {
        guard let attributes = try ZarrGroup.readAttributes(store: store, path: path, format: format) else {
            throw Malformed(description: "group \(path) has no attributes")
        }
        guard format == .v3 else { return attributes }
        guard let ome = attributes["ome"] else { throw Malformed(description: "group \(path) has no \"ome\" attributes") }
        return ome
    }

    /// Image files of an export that carry planes of the plate: every TIFF except MetaXpress thumbnails
    /// and CellVoyager calibration references, which PlateDrop ignores with their reason.
    public static func sourceImages(under root: String) -> [String] {
        let walker = FileManager.default.enumerator(atPath: root)
        var images: [String] = []
        while let relative = walker?.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard ["tif", "tiff"].contains((name as NSString).pathExtension.lowercased()),
                  !name.contains("_thumb"), !name.hasPrefix("DC_"), !name.hasPrefix("SC_") else { continue }
            images.append(root + "/" + relative)
        }
        return images.sorted()
    }
}

/// A 64-bit FNV-1a digest and the length of a plane: enough to tell planes apart in a test.
private struct PlaneDigest: Hashable, Sendable {
    let length: Int
    let value: UInt64

    init(_ bytes: ArraySlice<UInt8>) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        length = bytes.count
        value = hash
    }
}
