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
            do {
                let message = try catalog.write { transaction in
                    let wells = try transaction.wells(plate: plate.id!)
                    return try transaction.finalize(plate, now: Date().timeIntervalSince1970) {
                        try publish(plate, wells: wells, children: &children)
                    }
                }
                logger.notice("\(message)")
            } catch let .refused(_, refusal) {
                // Reopened since it was read (platedrop retry): it completes again later.
                logger.info("\(refusal)")
            }
        }
    }

    /// The plate made final outside the catalogue: its done marker, then the `on_complete` command. Returns
    /// what happened, for the plate-finalized event.
    private func publish(_ plate: PlateRecord, wells: [WellRecord], children: inout [pid_t]) throws -> String {
        let marker = try DoneMarker.write(of: plate, wells: wells)
        let written = wells.filter { $0.state == .written }.count
        var message = "plate \(plate.name) finalized with \(written) well(s); done marker \(marker)"
        if !onComplete.isEmpty {
            do {
                let pid = try ProcessSpawner.start(onComplete + [plate.storePath])
                children.append(pid)
                message += "; on_complete started (pid \(pid))"
            } catch {
                message += "; on_complete could not start: \(error)"
            }
        }
        return message
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
