import Foundation

/// A first-in first-out handover between pipeline stages holding at most `capacity` elements: `send`
/// waits while it is full, `receive` while it is empty and returns nil once the channel is closed and
/// drained.
///
/// `@unchecked Sendable`: all mutable state is guarded by `condition`.
final class BoundedChannel<Element>: @unchecked Sendable {
    let capacity: Int
    private let condition = NSCondition()
    private var elements: [Element] = []
    private var closed = false

    init(capacity: Int) {
        precondition(capacity >= 1, "a channel holds at least one element")
        self.capacity = capacity
        elements.reserveCapacity(capacity)
    }

    /// A channel already holding `elements`: a pool whose receivers take a free element and give it back.
    convenience init(filledWith elements: [Element]) {
        self.init(capacity: max(1, elements.count))
        self.elements = elements
    }

    func send(_ element: Element) {
        condition.lock()
        defer { condition.unlock() }
        precondition(!closed, "an element was sent on a closed channel")
        while elements.count >= capacity { condition.wait() }
        elements.append(element)
        condition.broadcast()
    }

    /// The oldest element, waiting for one; nil once the channel is closed and empty.
    func receive() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while elements.isEmpty {
            if closed { return nil }
            condition.wait()
        }
        condition.broadcast()
        return elements.removeFirst()
    }

    /// No more elements will be sent; receivers drain what is there, then get nil.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
