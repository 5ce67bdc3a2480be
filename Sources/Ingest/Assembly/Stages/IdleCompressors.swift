import Synchronization

/// How many of a pipeline's compressors have run out of shards: from then on the ones still encoding
/// spread their shards over that many more threads (`ZarrWriteWorkspace.spareThreads`).
final class IdleCompressors: Sendable {
    private let count = Atomic(0)

    /// A compressor found no shard left.
    func add() {
        count.add(1, ordering: .relaxed)
    }

    var current: Int { count.load(ordering: .relaxed) }
}
