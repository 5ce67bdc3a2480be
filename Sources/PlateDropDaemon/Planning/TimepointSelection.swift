/// Which timepoints of a well its next write takes. A plate's unit of completeness is the timepoint of a
/// well: one is written once complete, so a time-lapse well is listed with its first timepoint and grows
/// one timepoint at a time. New timepoints go in the plate's t order, each only after every earlier one
/// of the well, so the well's t extent only ever covers timepoints on disk; a changed timepoint already
/// written is retaken once complete again.
struct TimepointSelection {
    /// The plate's timepoints in t order (`PlateTimepoints.values`).
    let order: [Int]
    /// Write what is there, complete or not, gaps and all: end marker, acquisition end or plate timeout.
    let writeWhatIsThere: Bool

    /// The timepoints to write and whether any is incomplete, given the well's timepoints `due` (chosen
    /// before and not written since: a write that failed or stopped, a new plate shape), those `onDisk`, and
    /// those `changed` (with a file not yet in the plate). A due or changed timepoint is taken only while it is
    /// complete: a plane that vanished meanwhile is waited for again.
    func select(due: Set<Int>, onDisk: Set<Int>, changed: Set<Int>,
                isComplete: (Int) -> Bool) -> (timepoints: Set<Int>, incomplete: Bool) {
        var chosen = Set<Int>()
        var incomplete = false
        func take(_ t: Int) -> Bool {
            if isComplete(t) {
                chosen.insert(t)
            } else if writeWhatIsThere {
                chosen.insert(t)
                incomplete = true
            } else {
                return false
            }
            return true
        }
        let pending = due.union(changed)
        for t in pending.intersection(onDisk).sorted() {
            _ = take(t)
        }
        for t in order where !onDisk.contains(t) {
            guard pending.contains(t) else {
                if writeWhatIsThere { continue } else { break }
            }
            guard take(t) else { break }
        }
        return (chosen, incomplete)
    }
}
