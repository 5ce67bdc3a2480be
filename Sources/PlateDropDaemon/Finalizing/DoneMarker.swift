import Catalog
import Foundation
import Zarr

/// The file beside a finalized plate's store that downstream tools wait on: `<plate>.ome.zarr.done`.
/// It goes whenever the catalogue reopens the plate, by intake or by `platedrop retry`, inside the
/// transaction that reopens it: a crash before the commit leaves a finalized plate without its marker (the
/// file arrives again after the restart), never a marker on a plate being rewritten.
public enum DoneMarker {
    static func path(of plate: PlateRecord) -> String { plate.storePath + ".done" }

    /// Writes the marker atomically and durably, naming the plate's written wells; returns its path.
    static func write(of plate: PlateRecord, wells: [String]) throws -> String {
        let marker: JSONValue = [
            "plate": .string(plate.name), "store": .string(plate.storePath),
            "wells": .array(wells.map(JSONValue.string)),
            "finalized": .double(Date().timeIntervalSince1970),
        ]
        let url = URL(fileURLWithPath: path(of: plate))
        try FileStore(root: url.deletingLastPathComponent().path)
            .write(marker.prettyBytes(), to: url.lastPathComponent, durable: true)
        return url.path
    }

    public static func remove(of plate: PlateRecord) {
        try? FileManager.default.removeItem(atPath: path(of: plate))
    }
}
