import Foundation
@testable import Ingest
import Synchronization
import Testing

@Suite("BoundedChannel: the handover between pipeline stages")
struct BoundedChannelTests {
    @Test("Elements come out in the order they went in; a closed channel is drained, then ends")
    func orderAndClose() {
        let channel = BoundedChannel<Int>(capacity: 3)
        for value in [4, 8, 15] { channel.send(value) }
        channel.close()
        #expect(channel.receive() == 4)
        #expect(channel.receive() == 8)
        #expect(channel.receive() == 15)
        #expect(channel.receive() == nil)
        #expect(channel.receive() == nil)
    }

    @Test("A pool starts full and gives its elements out in order")
    func pool() {
        let pool = BoundedChannel(filledWith: ["a", "b"])
        #expect(pool.capacity == 2)
        #expect(pool.receive() == "a")
        pool.send("c")
        #expect(pool.receive() == "b")
        #expect(pool.receive() == "c")
    }

    @Test("A fast sender never gets more than the capacity ahead of a slow receiver; every element arrives")
    func bounded() {
        let capacity = 2, count = 300
        let channel = BoundedChannel<Int>(capacity: capacity)
        let sent = Atomic<Int>(0)
        let sender = Thread {
            for value in 0..<count {
                channel.send(value)
                sent.add(1, ordering: .sequentiallyConsistent)
            }
            channel.close()
        }
        sender.start()
        var received: [Int] = []
        var mostAhead = 0
        while let value = channel.receive() {
            received.append(value)
            // Work between receives so that an unbounded channel would let the sender run far ahead.
            for _ in 0..<2_000 { sched_yield() }
            mostAhead = max(mostAhead, sent.load(ordering: .sequentiallyConsistent) - received.count)
        }
        #expect(received == Array(0..<count))
        #expect(mostAhead <= capacity)
        #expect(mostAhead >= 1, "the sender never got ahead: the receiver was not slow enough to test the bound")
    }
}
