import Catalog
import Foundation
import Logging

/// Finalizes complete plates: a done marker beside the store that downstream tools can wait on, then the
/// configured `on_complete` command with the plate path as its one extra argument, run without a shell.
struct PlateFinalizer {
    let onComplete: [String]
    let logger: Logger

    func finalizeComplete(_ catalog: Catalog, children: inout [pid_t]) throws {
        let plates = try catalog.read { transaction in try transaction.plates(in: .complete) }
        for plate in plates {
            let wells = try catalog.read { transaction in try transaction.wells(plate: plate.id!) }
            let written = wells.filter { $0.state == .written }.map(\.position.label)
            let marker = try DoneMarker.write(of: plate, wells: written)
            var message = "plate \(plate.name) finalized with \(written.count) well(s); done marker \(marker)"
            if !onComplete.isEmpty {
                do {
                    let pid = try ProcessSpawner.start(onComplete + [plate.storePath])
                    children.append(pid)
                    message += "; on_complete started (pid \(pid))"
                } catch {
                    message += "; on_complete could not start: \(error)"
                }
            }
            try catalog.write { transaction in
                try transaction.finalize(plate, message: message, now: Date().timeIntervalSince1970)
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
            _ = try? catalog.write { transaction in
                try transaction.log(level, .onCompleteExit, "on_complete (pid \(pid)) exited with status \(code)")
            }
            return true
        }
    }
}
