import Catalog
import Foundation
import Zarr

/// The file beside a finalized plate's store that downstream tools wait on: `<plate>.ome.zarr.done`.
/// It goes whenever the catalogue reopens the plate, by intake or by `platedrop retry`, inside the
/// transaction that reopens it: a crash before the commit leaves a finalized plate without its marker (the
/// file arrives again after the restart), never a marker on a plate being rewritten.
public enum DoneMarker {
    static func path(of plate: PlateRecord) -> String { plate.storePath + ".done" }

    /// Writes `marker` (made by `contents`) atomically and durably; returns its path.
    static func write(_ marker: JSONValue, of plate: PlateRecord) throws -> String {
        let url = URL(fileURLWithPath: path(of: plate))
        try FileStore(root: url.deletingLastPathComponent().path)
            .write(marker.prettyBytes(), to: url.lastPathComponent, durable: true)
        return url.path
    }

    /// What the marker of `plate` says, finalized `now`: the written wells, and whether the plate is complete. A
    /// plate closed by its end marker or timeout may lack wells its plan expected (`missingWells`) or hold wells
    /// written without every plane (`incompleteWells`), and a pipeline waiting on the marker must be able to
    /// tell. The `on_complete` and `on_incomplete` summaries carry the same fields.
    static func contents(of plate: PlateRecord, wells: [WellRecord], finalized now: Double) -> JSONValue {
        let written = wells.filter { $0.state == .written }
        let incomplete = written.filter(\.isIncomplete).map(\.position.label)
        let missing = plate.missingWells?.split(separator: ",").map(String.init) ?? []
        return [
            "plate": .string(plate.name), "store": .string(plate.storePath),
            "complete": .bool(missing.isEmpty && incomplete.isEmpty),
            "wells": .array(written.map { .string($0.position.label) }),
            "missingWells": .array(missing.map(JSONValue.string)),
            "incompleteWells": .array(incomplete.map(JSONValue.string)),
            "finalized": .double(now),
        ]
    }

    public static func remove(of plate: PlateRecord) {
        try? FileManager.default.removeItem(atPath: path(of: plate))
    }
}
