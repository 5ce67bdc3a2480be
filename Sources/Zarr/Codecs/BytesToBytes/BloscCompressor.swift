/// The compressor c-blosc runs inside each block; the raw value is the `cname`.
public enum BloscCompressor: String, Sendable, Hashable, CaseIterable {
    case zstd
    case lz4
    case lz4hc
    case blosclz
    case zlib
}
