import Foundation
import Testing
import Zarr

/// The plates one ingest wrote: their names, metadata, and the digest of every level-0 plane, so a
/// source plane can be traced to the plate that holds it whatever its place there.
struct RealExportPlates {
    let outputRoot: String
    /// Plate names (the stores without `.ome.zarr`), sorted.
    let names: [String]
    private let planeDigests: Set<PlaneDigest>

    init(outputRoot: String) throws {
        self.outputRoot = outputRoot
        names = try FileManager.default.contentsOfDirectory(atPath: outputRoot)
            .filter { $0.hasSuffix(".ome.zarr") }.map { String($0.dropLast(".ome.zarr".count)) }.sorted()
        var digests = Set<PlaneDigest>()
        for name in names {
            let plate = try WrittenPlate(root: outputRoot + "/" + name + ".ome.zarr")
            for well in plate.wells {
                for field in try plate.fieldPaths(well: well.path) {
                    let array = try plate.array(well: well.path, field: field, level: "0")
                    let shape = array.metadata.shape
                    let planeBytes = shape.suffix(2).reduce(1, *) * array.metadata.dataType.byteSize
                    let all = try array.readAll()
                    for start in stride(from: 0, to: all.count, by: planeBytes) {
                        digests.insert(PlaneDigest(all[start..<(start + planeBytes)]))
                    }
                }
            }
        }
        planeDigests = digests
    }

    /// Whether some written level-0 plane holds exactly these bytes.
    func holds(_ plane: [UInt8]) -> Bool { planeDigests.contains(PlaneDigest(plane[...])) }

    /// The omero channel labels of the plate's first field.
    func channelLabels(plate name: String) throws -> [String] {
        try firstFieldAttributes(plate: name)["omero"]?["channels"]?.arrayValue?.compactMap { $0["label"]?.stringValue } ?? []
    }

    /// The x scale of level 0 of the plate's first field.
    func pixelSize(plate name: String) throws -> Double? {
        let multiscale = try firstFieldAttributes(plate: name)["multiscales"]?.arrayValue?.first
        let scale = multiscale?["datasets"]?.arrayValue?.first?["coordinateTransformations"]?.arrayValue?.first?["scale"]
        return scale?.arrayValue?.last?.doubleValue
    }

    /// Level-0 shape of every field of the plate, by well and field path.
    func levelZeroShapes(plate name: String) throws -> [String: [Int]] {
        let plate = try WrittenPlate(root: outputRoot + "/" + name + ".ome.zarr")
        var shapes: [String: [Int]] = [:]
        for well in plate.wells {
            for field in try plate.fieldPaths(well: well.path) {
                shapes[well.path + "/" + field] = try plate.array(well: well.path, field: field, level: "0").metadata.shape
            }
        }
        return shapes
    }

    private func firstFieldAttributes(plate name: String) throws -> JSONValue {
        let plate = try WrittenPlate(root: outputRoot + "/" + name + ".ome.zarr")
        let well = try #require(plate.wells.first, "\(name) lists no well")
        let field = try #require(try plate.fieldPaths(well: well.path).first, "\(name)/\(well.path) lists no field")
        return try plate.omeAttributes(path: well.path + "/" + field)
    }

    /// Image files of an export that carry planes of the plate: every TIFF except MetaXpress thumbnails
    /// and CellVoyager calibration references, which ingest ignores with their reason.
    static func sourceImages(under root: String) -> [String] {
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
private struct PlaneDigest: Hashable {
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
