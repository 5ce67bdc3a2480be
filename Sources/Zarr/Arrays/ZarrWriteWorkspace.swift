internal import CZstd

/// Scratch memory for `ZarrArrayWriter.writeRegion`, kept by one writing thread across calls so that
/// encoding a plane allocates nothing: the gathered chunk, its byte-swapped copy, the encoded chunk
/// or shard, and a zstd context.
///
/// Not thread-safe: each thread that writes keeps its own.
public final class ZarrWriteWorkspace {
    /// A chunk that is not one contiguous run of the caller's region, gathered and padded.
    var gathered = ReusableBytes()
    /// A chunk in big-endian order when the bytes codec asks for it.
    var swapped = ReusableBytes()
    /// The encoded chunk or shard being assembled for one file.
    var encoded = ReusableBytes()
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
