import Dispatch
import Synchronization

/// An unbounded queue between the watcher's two threads; the receiver sleeps until something arrives or its
/// next deadline passes.
final class Mailbox<Message: Sendable>: Sendable {
    private let pending = Mutex<[Message]>([])
    private let arrival = DispatchSemaphore(value: 0)

    func post(_ message: Message) {
        let wasEmpty = pending.withLock { queue in
            defer { queue.append(message) }
            return queue.isEmpty
        }
        // One signal per empty → non-empty transition: a burst of 30,000 hints wakes the receiver once, not 30,000 times.
        if wasEmpty {
            arrival.signal()
        }
    }

    /// Wakes a receiver blocked in `receive(waitingUntil:)` without posting anything (used by stop).
    func wake() {
        arrival.signal()
    }

    /// Everything posted so far, without waiting.
    func takeAll() -> [Message] {
        pending.withLock { queue in
            defer { queue.removeAll(keepingCapacity: false) }
            return queue
        }
    }

    /// Everything posted so far; if nothing is waiting, sleeps until a post, a wake or `deadline`.
    func receive(waitingUntil deadline: DispatchTime) -> [Message] {
        let ready = takeAll()
        if !ready.isEmpty {
            return ready
        }
        _ = arrival.wait(timeout: deadline)
        return takeAll()
    }
}
