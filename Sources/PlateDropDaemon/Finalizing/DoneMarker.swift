import Catalog
import Foundation

/// The file beside a finalized plate's store that downstream tools wait on: `<plate>.ome.zarr.done`.
/// It goes whenever the catalogue reopens the plate, by intake or by `platedrop retry`, inside the
/// transaction that reopens it: a crash before the commit leaves a finalized plate without its marker (the
/// file arrives again after the restart), never a marker on a plate being rewritten.
public enum DoneMarker {
    static func path(of plate: PlateRecord) -> String { plate.storePath + ".done" }

    public static func remove(of plate: PlateRecord) {
        try? FileManager.default.removeItem(atPath: path(of: plate))
    }
}
