/// Settle deadlines in the order they fall due. Every deadline is "now + the root's quiet period", so appending
/// keeps the queue sorted and no heap is needed. A restarted timer leaves its old entry behind; the table drops
/// such stale entries when they come up, because their deadline no longer matches the file's.
struct SettleQueue {
    private var entries: [(path: String, due: ContinuousClock.Instant)] = []
    private var head = 0

    var nextDue: ContinuousClock.Instant? {
        head < entries.count ? entries[head].due : nil
    }

    mutating func append(_ path: String, due: ContinuousClock.Instant) {
        entries.append((path, due))
    }

    /// Removes and returns the entries due at `now`.
    mutating func popDue(at now: ContinuousClock.Instant) -> [(path: String, due: ContinuousClock.Instant)] {
        var due: [(path: String, due: ContinuousClock.Instant)] = []
        while head < entries.count, entries[head].due <= now {
            due.append(entries[head])
            head += 1
        }
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 4096, head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
        return due
    }
}
