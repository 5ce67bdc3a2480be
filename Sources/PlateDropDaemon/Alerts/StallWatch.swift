import Catalog
import Foundation

/// Finds plates that stopped getting files before they were complete: a plate still receiving with no new file
/// for `stall_after` is reported once (plate-stalled, `on_stall`); its next file re-arms it.
struct StallWatch {
    /// Zero: stalls are not looked for.
    let stallAfter: Duration

    /// Records and raises the plates that stalled since the last check; returns a log line for each.
    func check(_ catalog: Catalog, hooks: inout HookRunner, now: Double) throws -> [String] {
        let seconds = stallAfter / .seconds(1)
        // Read first: a write transaction every second for nothing would cost a commit each time.
        guard seconds > 0, try catalog.read({ transaction in try !transaction.stalledPlates(quietSince: now - seconds).isEmpty })
        else { return [] }
        return try catalog.write { transaction in
            try transaction.stalledPlates(quietSince: now - seconds).map { plate in
                let quiet = now - plate.lastActivityAt
                try transaction.recordStall(plate, quietSeconds: quiet, now: now)
                let summary = AlertSummary.stalled(plate, wells: try transaction.wells(plate: plate.id!), stallAfter: seconds, now: now)
                let hook = try hooks.run(.onStall, summary: summary, plate: plate.id, in: transaction)
                return "plate \(plate.name) stalled: no new file for \(Int(quiet)) s" + (hook.map { "; \($0)" } ?? "")
            }
        }
    }
}
