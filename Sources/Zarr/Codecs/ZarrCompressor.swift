/// The compression applied to each chunk after its elements are serialised: none, or one bytes→bytes codec
/// from `CompressorRegistry`.
public struct ZarrCompressor: Hashable, Sendable {
    let codec: (any BytesToBytesCodec)?

    init(_ codec: (any BytesToBytesCodec)?) {
        self.codec = codec
    }

    /// Chunks are stored uncompressed.
    public static let none = ZarrCompressor(nil)

    /// c-blosc 1.x with the given inner compressor, level 0–9 and shuffle filter.
    public static func blosc(_ compressor: BloscCompressor, clevel: Int, shuffle: BloscShuffle) -> ZarrCompressor {
        ZarrCompressor(BloscCodec(compressor: compressor, clevel: clevel, shuffle: shuffle))
    }

    /// A zstd frame per chunk; `checksum` adds zstd's own content checksum.
    public static func zstd(level: Int, checksum: Bool) -> ZarrCompressor {
        ZarrCompressor(ZstdCodec(level: level, checksum: checksum))
    }

    /// The codec's name ("blosc", "zstd"), nil when chunks are stored uncompressed.
    public var name: String? { codec.map { type(of: $0).name } }

    /// The compression level, nil when chunks are stored uncompressed.
    public var level: Int? { codec?.level }

    /// The same compressor at `level`; uncompressed stays uncompressed.
    public func withLevel(_ level: Int) -> ZarrCompressor {
        ZarrCompressor(codec?.withLevel(level))
    }

    /// Two compressors are the same when they write the same codec entry.
    public static func == (lhs: ZarrCompressor, rhs: ZarrCompressor) -> Bool {
        lhs.identity == rhs.identity
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(identity)
    }

    private var identity: String {
        codec.map { $0.v3JSON(elementSize: 1).serialized() } ?? "none"
    }
}
