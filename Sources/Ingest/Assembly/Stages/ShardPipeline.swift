import Zarr

/// The stages a plate's shards pass through, each on its own threads and joined by bounded channels, in
/// the order of the tasks: the plane reader decodes a shard's TIFFs into level 0, the downsampler halves
/// it into the other levels, and the compressors (`workers` threads, the only stage with real work)
/// encode every level through the pyramid's array writers, which hand the encoded shards to the writer
/// stage. A fixed pool of shard buffers bounds memory: the reader takes a free set for each shard and a
/// compressor gives it back once the shard is encoded, so at most `workers + 1` shards are in flight,
/// one read and halved ahead while every compressor works. Reading ahead keeps the compressors busy while
/// the reader waits for a slow disk or a network share. At the end, compressors that find no shard left
/// help encode the last ones (`IdleCompressors`), so the run does not wait on one thread.
struct ShardPipeline: Sendable {
    let tasks: [ShardTask]
    let reader: PlaneReader
    let pyramid: PyramidWriter
    let workers: Int
    /// Bytes of a shard at each level.
    let levelByteCounts: [Int]
    /// Asked before each shard is read and encoded: true stops the run; shards not encoded by then are
    /// dropped unreported, so their wells stay unfinished.
    let shouldStop: @Sendable () -> Bool
    /// Whether a well has failed already: its remaining shards pass through unread.
    let hasFailed: @Sendable (_ wellIndex: Int) -> Bool

    /// Runs every task through the stages and returns when all are through; `encoded` receives each
    /// shard on its compressor's thread once it is encoded (or failed), before its buffers are reused.
    func run(encoded: @escaping @Sendable (ShardInFlight) -> Void) {
        let free = BoundedChannel(filledWith: (0...workers).map { _ in ShardBuffers(levelByteCounts: levelByteCounts) })
        let read = BoundedChannel<ShardInFlight>(capacity: workers + 1)
        let halved = BoundedChannel<ShardInFlight>(capacity: workers + 1)
        let threads = StageThreads()
        let idle = IdleCompressors()
        threads.start("platedrop.read") { readShards(into: read, buffers: free) }
        threads.start("platedrop.downsample") { halveShards(from: read, into: halved) }
        for index in 0..<workers {
            threads.start("platedrop.compress.\(index)") {
                compressShards(from: halved, buffers: free, idle: idle, encoded: encoded)
            }
        }
        threads.wait()
    }

    private func readShards(into read: BoundedChannel<ShardInFlight>, buffers: BoundedChannel<ShardBuffers>) {
        defer { read.close() }
        for task in tasks {
            guard !shouldStop(), let shardBuffers = buffers.receive() else { return }
            var shard = ShardInFlight(task: task, buffers: shardBuffers,
                                      outcomes: Array(repeating: nil, count: task.planes.count), failure: nil)
            if !hasFailed(task.wellIndex) {
                (shard.outcomes, shard.failure) = reader.read(task, into: shardBuffers.levels[0])
            }
            read.send(shard)
        }
    }

    private func halveShards(from read: BoundedChannel<ShardInFlight>, into halved: BoundedChannel<ShardInFlight>) {
        defer { halved.close() }
        while let shard = read.receive() {
            if shard.carriesPixels { pyramid.halve(shard.task, buffers: shard.buffers) }
            halved.send(shard)
        }
    }

    private func compressShards(from halved: BoundedChannel<ShardInFlight>, buffers: BoundedChannel<ShardBuffers>,
                                idle: IdleCompressors, encoded: @Sendable (ShardInFlight) -> Void) {
        let workspace = ZarrWriteWorkspace()
        workspace.spareThreads = { idle.current }
        defer { idle.add() }
        while var shard = halved.receive() {
            defer { buffers.send(shard.buffers) }
            guard !shouldStop() else { continue }
            if shard.carriesPixels {
                do {
                    try pyramid.write(shard.task, buffers: shard.buffers, workspace: workspace)
                } catch {
                    let files = shard.task.planes.compactMap { $0?.relativePath }.joined(separator: ", ")
                    shard.failure = "writing \(files) failed: \(error)"
                }
            }
            encoded(shard)
        }
    }
}
