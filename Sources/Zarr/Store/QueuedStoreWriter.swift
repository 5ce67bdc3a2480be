import Foundation

/// The writer stage of a write pipeline: the chunks and shards `ZarrArrayWriter` encodes are written to
/// their store by this writer's own threads while the encoding threads go on with the next. The queue is
/// bounded by its buffers: an encoding thread that hands over a unit takes an empty buffer back, and waits
/// when none is free, so memory stays at (encoding threads + `buffers`) encoded units.
///
/// Writes are grouped in batches (`batch()`), one per unit of publication such as a well: a batch's
/// `waitUntilWritten()` returns once every unit sent through it is in its file, or throws its first failure;
/// units of a batch that failed are not written.
///
/// `@unchecked Sendable`: all mutable state is guarded by `condition`.
public final class QueuedStoreWriter: @unchecked Sendable {
    private struct Job {
        let unit: EncodedUnit
        let key: String
        let store: FileStore
        let durable: Bool
        let batch: StoreWriteBatch
    }

    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var freeUnits: [EncodedUnit]
    private var closing = false
    private var runningThreads = 0

    /// A writer with `buffers` spare encoded units and `threads` writing threads.
    public init(buffers: Int, threads: Int = 1) {
        precondition(buffers >= 1 && threads >= 1, "a queued writer needs a buffer and a thread")
        freeUnits = (0..<buffers).map { _ in EncodedUnit() }
        runningThreads = threads
        for index in 0..<threads {
            let thread = Thread { [self] in writeJobs() }
            thread.name = "platedrop.zarr-writer.\(index)"
            thread.start()
        }
    }

    /// A new, empty group of writes.
    public func batch() -> StoreWriteBatch {
        StoreWriteBatch(writer: self)
    }

    /// Writes what is queued, then stops the threads; the writer takes no units after it.
    public func close() {
        condition.lock()
        closing = true
        condition.broadcast()
        while runningThreads > 0 { condition.wait() }
        condition.unlock()
    }

    /// Queues `unit` for `key` and returns an empty unit, waiting while every spare one is in the queue.
    func enqueue(_ unit: EncodedUnit, key: String, store: FileStore, durable: Bool,
                 batch: StoreWriteBatch) -> EncodedUnit {
        condition.lock()
        defer { condition.unlock() }
        precondition(!closing, "a unit was queued on a closed writer")
        batch.pending += 1
        jobs.append(Job(unit: unit, key: key, store: store, durable: durable, batch: batch))
        condition.broadcast()
        while freeUnits.isEmpty { condition.wait() }
        let empty = freeUnits.removeLast()
        empty.bytes.removeAll()
        return empty
    }

    /// Blocks until `batch` has no unit queued or being written; its bytes written, or its first failure.
    func wait(for batch: StoreWriteBatch) -> Result<Int, ZarrError> {
        condition.lock()
        defer { condition.unlock() }
        while batch.pending > 0 { condition.wait() }
        return batch.failure.map { .failure($0) } ?? .success(batch.bytesWritten)
    }

    private func writeJobs() {
        condition.lock()
        while true {
            guard !jobs.isEmpty else {
                if closing { break }
                condition.wait()
                continue
            }
            let job = jobs.removeFirst()
            let skip = job.batch.failure != nil
            condition.unlock()
            var failure: ZarrError?
            if !skip {
                do {
                    try job.store.write(job.unit.bytes.alignedPayload(), to: job.key, durable: job.durable)
                } catch {
                    failure = error
                }
            }
            condition.lock()
            if let failure, job.batch.failure == nil { job.batch.failure = failure }
            if failure == nil, !skip { job.batch.bytesWritten += job.unit.bytes.count }
            job.batch.pending -= 1
            freeUnits.append(job.unit)
            condition.broadcast()
        }
        runningThreads -= 1
        condition.broadcast()
        condition.unlock()
    }
}

/// A group of writes through a `QueuedStoreWriter` that can be waited for together.
///
/// `@unchecked Sendable`: `pending` and `failure` are only touched under the writer's lock.
public final class StoreWriteBatch: @unchecked Sendable {
    private let writer: QueuedStoreWriter
    fileprivate(set) var pending = 0
    fileprivate(set) var failure: ZarrError?
    /// Bytes of the units written so far.
    fileprivate(set) var bytesWritten = 0

    fileprivate init(writer: QueuedStoreWriter) {
        self.writer = writer
    }

    /// Hands `unit` to the writer for `key`; returns the empty unit to encode the next one into.
    func enqueue(_ unit: EncodedUnit, key: String, store: FileStore, durable: Bool) -> EncodedUnit {
        writer.enqueue(unit, key: key, store: store, durable: durable, batch: self)
    }

    /// Returns once every unit sent through this batch is in its file, with their bytes; throws the first
    /// write that failed.
    @discardableResult
    public func waitUntilWritten() throws(ZarrError) -> Int {
        try writer.wait(for: self).get()
    }
}
