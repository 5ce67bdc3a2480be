import Catalog
import Foundation
import GRDB
import Logging
import Zarr

/// Finalizes complete plates: a done marker beside the store that downstream tools can wait on, then the
/// configured `on_complete` command with the plate path as its one extra argument, run without a shell.
struct PlateFinalizer {
    let onComplete: [String]
    let logger: Logger

    /// The marker file of a plate: `<plate>.ome.zarr.done`, written atomically once the plate is final.
    static func doneMarkerPath(of plate: PlateRecord) -> String { plate.storePath + ".done" }

    static func removeDoneMarker(of plate: PlateRecord) {
        try? FileManager.default.removeItem(atPath: doneMarkerPath(of: plate))
    }

    func finalizeComplete(_ catalog: Catalog, children: inout [pid_t]) throws {
        let plates = try catalog.read { db in
            try PlateRecord.filter(Column("state") == PlateState.complete.rawValue).fetchAll(db)
        }
        for var plate in plates {
            let wells = try catalog.read { db in try WellRecord.all(db, plate: plate.id!) }
            let written = wells.filter { $0.state == .written }.map(\.position.label)
            let marker: JSONValue = [
                "plate": .string(plate.name), "store": .string(plate.storePath),
                "wells": .array(written.map(JSONValue.string)),
                "finalized": .double(Date().timeIntervalSince1970),
            ]
            let url = URL(fileURLWithPath: Self.doneMarkerPath(of: plate))
            try FileStore(root: url.deletingLastPathComponent().path)
                .write(marker.prettyBytes(), to: url.lastPathComponent, durable: true)
            var message = "plate \(plate.name) finalized with \(written.count) well(s); done marker \(url.path)"
            if !onComplete.isEmpty {
                do {
                    let pid = try ProcessSpawner.start(onComplete + [plate.storePath])
                    children.append(pid)
                    message += "; on_complete started (pid \(pid))"
                } catch {
                    message += "; on_complete could not start: \(error)"
                }
            }
            plate.state = .finalized
            plate.finalizedAt = Date().timeIntervalSince1970
            let finalized = plate
            try catalog.write { db in
                try finalized.update(db)
                try EventRecord.log(db, .info, .plateFinalized, plate: finalized.id, message)
            }
            logger.notice("\(message)")
        }
    }

    /// Reaps finished `on_complete` commands and logs their exit status.
    func reap(_ children: inout [pid_t], catalog: Catalog) {
        children.removeAll { pid in
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == pid else { return false }
            let code = (status >> 8) & 0xFF
            let level: EventLevel = code == 0 ? .info : .warning
            _ = try? catalog.write { db in
                try EventRecord.log(db, level, .onCompleteExit, "on_complete (pid \(pid)) exited with status \(code)")
            }
            return true
        }
    }
}
