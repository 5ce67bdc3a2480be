internal import CZstd

/// Scratch memory for `ZarrArrayWriter.writeRegion`, kept by one writing thread across calls so that
/// encoding a plane allocates nothing: the gathered chunk, its byte-swapped copy, the encoded chunk
/// or shard, and a zstd context. With a `batch` the encoded units go to its queued writer instead of
/// being written by the encoding thread.
///
/// Not thread-safe: each thread that writes keeps its own.
public final class ZarrWriteWorkspace {
    /// Where encoded units go: nil writes each one before `writeRegion` returns; a batch queues them on
    /// its writer, and the batch's `waitUntilWritten()` tells when they are in their files.
    public var batch: StoreWriteBatch?
    /// A chunk that is not one contiguous run of the caller's region, gathered and padded.
    var gathered = ReusableBytes()
    /// A chunk in big-endian order when the bytes codec asks for it.
    var swapped = ReusableBytes()
    /// The unit the encoded chunk or shard for one file is assembled in.
    var unit = EncodedUnit()
    /// The encoded chunk or shard being assembled for one file.
    var encoded: ReusableBytes {
        _read { yield unit.bytes }
        _modify { yield &unit.bytes }
    }
    /// How many threads have nothing to do right now, as the caller's pipeline counts them: while some do,
    /// the rest of a shard being encoded is spread over them too, so the last shards of a run do not leave
    /// them idle. Zero keeps every shard on the calling thread.
    public var spareThreads: @Sendable () -> Int = { 0 }
    /// The workspaces of the threads a shard is spread over, made on first use.
    private var helpers: [ZarrWriteWorkspace] = []
    private var zstdContext: OpaquePointer?

    public init() {}

    deinit {
        if let zstdContext { ZSTD_freeCCtx(zstdContext) }
    }

    /// One workspace for each of `count` threads helping with a shard, each emptied of its last shard.
    func helpers(_ count: Int) -> [ZarrWriteWorkspace] {
        while helpers.count < count { helpers.append(ZarrWriteWorkspace()) }
        for helper in helpers.prefix(count) { helper.encoded.removeAll() }
        return Array(helpers.prefix(count))
    }

    /// The zstd compression context, created on first use.
    func zstd(path: String) throws(ZarrError) -> OpaquePointer {
        if let zstdContext { return zstdContext }
        guard let context = ZSTD_createCCtx() else {
            throw ZarrError(path: path, .codecFailure(codec: "zstd", detail: "ZSTD_createCCtx failed (out of memory)"))
        }
        zstdContext = context
        return context
    }
}
