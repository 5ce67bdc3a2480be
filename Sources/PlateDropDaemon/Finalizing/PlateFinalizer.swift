import Catalog
import Foundation
import Logging

/// Finalizes complete plates: a done marker beside the store that downstream tools can wait on, then the
/// configured `on_complete` command with the plate path as its one extra argument, and `on_incomplete` when the
/// plate was closed without every planned image; both run without a shell and read the marker's summary.
struct PlateFinalizer {
    let logger: Logger

    func finalizeComplete(_ catalog: Catalog, hooks: inout HookRunner) throws {
        let plates = try catalog.read { transaction in try transaction.plates(in: .complete) }
        for plate in plates {
            do {
                let message = try catalog.write { transaction in
                    let wells = try transaction.wells(plate: plate.id!)
                    return try transaction.finalize(plate, now: Date().timeIntervalSince1970) {
                        try publish(plate, wells: wells, hooks: &hooks, in: transaction)
                    }
                }
                logger.notice("\(message)")
            } catch let .refused(_, refusal) {
                // Reopened since it was read (platedrop retry): it completes again later.
                logger.info("\(refusal)")
            }
        }
    }

    /// The plate made final outside the catalogue: its done marker, then the hooks. Returns what happened, for
    /// the plate-finalized event.
    private func publish(_ plate: PlateRecord, wells: [WellRecord], hooks: inout HookRunner,
                         in transaction: CatalogTransaction) throws -> String {
        let now = Date().timeIntervalSince1970
        let contents = DoneMarker.contents(of: plate, wells: wells, finalized: now)
        let marker = try DoneMarker.write(contents, of: plate)
        let written = wells.filter { $0.state == .written }.count
        let complete = contents["complete"]?.boolValue != false
        var message = "plate \(plate.name) finalized \(complete ? "complete" : "incomplete") with \(written) well(s); "
            + "done marker \(marker)"
        let finalized = AlertSummary.finalized(plate, marker: contents, event: "finalized", now: now)
        if let started = try hooks.run(.onComplete, summary: finalized, appending: [plate.storePath], plate: plate.id,
                                       in: transaction) {
            message += "; \(started)"
        }
        let incomplete = AlertSummary.finalized(plate, marker: contents, event: "incomplete", now: now)
        if !complete, let started = try hooks.run(.onIncomplete, summary: incomplete, plate: plate.id, in: transaction) {
            message += "; \(started)"
        }
        return message
    }
}
