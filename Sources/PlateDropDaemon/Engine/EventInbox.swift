import Foundation
import Synchronization
import Watch

/// Hands watcher events to the engine thread: the watcher's stream is drained by a task into this
/// buffer, and the engine takes whole batches (one catalogue transaction each) or waits with a timeout.
final class EventInbox: Sendable {
    private let buffer = Mutex<[WatchEvent]>([])
    private let signal = DispatchSemaphore(value: 0)

    func append(_ event: WatchEvent) {
        buffer.withLock { $0.append(event) }
        signal.signal()
    }

    /// Wakes the engine without an event (stop requested, retry asked for).
    func wake() { signal.signal() }

    /// Up to `limit` events, oldest first.
    func take(limit: Int) -> [WatchEvent] {
        buffer.withLock { events in
            let batch = Array(events.prefix(limit))
            events.removeFirst(batch.count)
            return batch
        }
    }

    /// Returns a batch that could not be recorded to the front, so nothing the watcher reported is lost.
    func putBack(_ events: [WatchEvent]) {
        buffer.withLock { $0.insert(contentsOf: events, at: 0) }
    }

    var count: Int { buffer.withLock { $0.count } }

    /// Waits until something arrives or `timeout` passes.
    func wait(timeout: Duration) {
        let milliseconds = Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        _ = signal.wait(timeout: .now() + .milliseconds(milliseconds))
    }
}
