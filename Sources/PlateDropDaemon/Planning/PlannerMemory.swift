import Catalog
import Synchronization

/// What the planner last saw of each receiving plate, so that a pass skips a plate nothing happened to: a
/// pass reads every file of the plate, and a time-lapse plate holds tens of thousands while the daemon plans
/// every second. A plate is planned again once its `PlanningInputs` differ, once a time its decisions wait
/// for has come (a quiet period ending, the plate timeout, a retry), and at the latest after `longestSkip`.
final class PlannerMemory: Sendable {
    /// Seconds a plate goes unplanned at most, whatever its inputs say.
    static let longestSkip = 60.0

    private struct Entry {
        let inputs: PlanningInputs
        let dueAt: Double
    }

    private let entries = Mutex<[Int64: Entry]>([:])

    /// Whether `plate` must be planned at `now`, given what the catalogue now holds of it.
    func needsPlanning(_ plate: Int64, inputs: PlanningInputs, now: Double) -> Bool {
        guard let entry = entries.withLock({ $0[plate] }) else { return true }
        return entry.inputs != inputs || now >= entry.dueAt
    }

    /// `plate` was planned from `inputs` at `now`; `nextDue` is the first later time its decisions may change
    /// by time alone (nil when none does).
    func remember(_ plate: Int64, inputs: PlanningInputs, now: Double, nextDue: Double?) {
        let dueAt = min(nextDue ?? .infinity, now + Self.longestSkip)
        entries.withLock { $0[plate] = Entry(inputs: inputs, dueAt: dueAt) }
    }
}
