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
    private var zstdContext: OpaquePointer?

    public init() {}

    deinit {
        if let zstdContext { ZSTD_freeCCtx(zstdContext) }
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
