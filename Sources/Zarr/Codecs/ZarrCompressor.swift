/// The compression applied to each chunk after its elements are serialised.
public enum ZarrCompressor: Hashable, Sendable {
    /// Chunks are stored uncompressed.
    case none
    /// c-blosc 1.x with the given inner compressor, level 0–9 and shuffle filter.
    case blosc(BloscCompressor, clevel: Int, shuffle: BloscShuffle)
    /// A zstd frame per chunk; `checksum` adds zstd's own content checksum.
    case zstd(level: Int, checksum: Bool)
}
