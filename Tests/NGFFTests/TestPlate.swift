import Foundation
import NGFF
import Zarr

/// A small valid plate (2×3 format, wells A1, A2, B3, two fields each) written with the NGFF and Zarr
/// modules, for the validator tests to break in one place at a time.
struct TestPlate {
    let root: String
    let version: NGFFVersion

    static let wells = [(row: 0, column: 0), (row: 0, column: 1), (row: 1, column: 2)]
    static let rows = ["A", "B"]
    static let columns = ["1", "2", "3"]
    static let shape = [1, 1, 40, 60]

    /// With `timepoints`, the fields are time-lapse arrays (`t, c, z, y, x`) of that many timepoints.
    init(version: NGFFVersion, sharded: Bool, timepoints: Int? = nil) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("ngff-\(UUID().uuidString)/plate.ome.zarr").path
        self.version = version
        let store = HCSPlateStore(plateRoot: root, version: version)
        let time = timepoints.map { [$0] } ?? []
        let lead = timepoints == nil ? [] : [1]
        let axes = (timepoints == nil ? [] : [Axis(name: "t", kind: .time)])
            + [Axis(name: "c", kind: .channel), Axis(name: "z", kind: .space),
               Axis(name: "y", kind: .space, unit: "micrometer"), Axis(name: "x", kind: .space, unit: "micrometer")]
        let levels = [time + Self.shape, time + [1, 1, 20, 30]]
        for row in Set(Self.wells.map(\.row)).sorted() {
            try store.writeRow(Self.rows[row])
        }
        for well in Self.wells {
            let row = Self.rows[well.row], column = Self.columns[well.column]
            for field in 0..<2 {
                for (level, shape) in levels.enumerated() {
                    let metadata = ArrayMetadata(
                        format: version.zarrFormat, shape: shape, dataType: .uint16,
                        chunkShape: lead + (sharded ? [1, 1, 32, 32] : [1, 1, 16, 16]),
                        innerChunkShape: sharded ? lead + [1, 1, 16, 16] : nil,
                        compressor: .blosc(.zstd, clevel: 5, shuffle: .bit),
                        dimensionNames: version == .v05 ? axes.map(\.name) : nil)
                    let writer = try ZarrArrayWriter(store: store.store, path: HCSPlateStore.levelPath(
                        row: row, column: column, field: field, level: level), metadata: metadata)
                    try writer.writeMetadata()
                    let pixels = (0..<shape.reduce(1, *)).map { UInt16(truncatingIfNeeded: $0 * 7 + field) }
                    try pixels.withUnsafeBytes { bytes in
                        try writer.writeRegion(origin: shape.map { _ in 0 }, shape: shape, data: bytes)
                    }
                }
                try store.writeImage(row: row, column: column, field: field, ImageMetadata(
                    name: "field", axes: axes,
                    datasets: [.init(path: "0", scale: lead.map(Double.init) + [1, 1, 0.5, 0.5]),
                               .init(path: "1", scale: lead.map(Double.init) + [1, 1, 1, 1],
                                     translation: lead.map { _ in 0 } + [0, 0, 0.25, 0.25])],
                    downscalingType: "local_mean", downscalingDetails: [:],
                    channels: [OmeroChannel(label: "DAPI", color: "0000FF", window: .init(min: 0, max: 65535, start: 0, end: 500))]))
            }
            try store.writeWell(row: row, column: column, WellMetadata(images: [.init(path: "0", acquisition: 0),
                                                                               .init(path: "1", acquisition: 0)]))
        }
        try store.writePlate(PlateMetadata(
            name: "test-plate", rows: Self.rows, columns: Self.columns,
            wells: Self.wells.map { .init(rowIndex: $0.row, columnIndex: $0.column) }, fieldCount: 2,
            acquisitions: [.init(id: 0, name: "run", maximumFieldCount: 2)]))
    }

    /// The metadata file of the node at `path` that holds OME attributes.
    func attributesFile(_ path: String) -> String {
        let name = version == .v05 ? "zarr.json" : ".zattrs"
        return path.isEmpty ? "\(root)/\(name)" : "\(root)/\(path)/\(name)"
    }

    /// Reads, edits and rewrites one JSON document of the plate.
    func edit(_ file: String, _ change: (inout JSONValue) -> Void) throws {
        var document = try JSONValue(parsing: [UInt8](Data(contentsOf: URL(fileURLWithPath: file))), source: file)
        change(&document)
        try Data(document.prettySerialized().utf8).write(to: URL(fileURLWithPath: file))
    }

    /// Edits the OME block (`.zattrs` in 0.4, `attributes.ome` in 0.5) of the node at `path`.
    func editOME(_ path: String, _ change: (inout JSONValue) -> Void) throws {
        try edit(attributesFile(path)) { document in
            if version == .v05 {
                var ome = document["attributes"]?["ome"] ?? [:]
                change(&ome)
                document["attributes"]?["ome"] = ome
            } else {
                change(&document)
            }
        }
    }

    func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(atPath: "\(root)/\(relativePath)")
    }
}
