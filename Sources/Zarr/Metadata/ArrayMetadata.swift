/// Everything needed to lay out and encode a Zarr array: the content of `.zarray` or an array `zarr.json`.
public struct ArrayMetadata: Sendable, Hashable {
    /// Zarr v2 (`.zarray`) or v3 (`zarr.json`).
    public var format: ZarrFormat
    /// Array extent per dimension.
    public var shape: [Int]
    /// Element type.
    public var dataType: ZarrDataType
    /// The regular grid's cell shape: the chunk shape, or the SHARD shape when `innerChunkShape` is set.
    public var chunkShape: [Int]
    /// Inner chunk shape; non-nil means `sharding_indexed` (v3 only, §5.4).
    public var innerChunkShape: [Int]?
    /// Compression of each (inner) chunk.
    public var compressor: ZarrCompressor
    /// Value of elements never written; a JSON number, bool, null (v2) or "NaN"/"Infinity"/"-Infinity"/"0x…".
    public var fillValue: JSONValue
    /// Names of the dimensions (v3 `dimension_names`).
    public var dimensionNames: [String]?
    /// User attributes (a JSON object): v3 `attributes`, v2 `.zattrs`.
    public var attributes: JSONValue?
    /// How chunk coordinates map to keys.
    public var chunkKeyEncoding: ChunkKeyEncoding
    /// Byte order of elements inside stored chunks.
    public var byteOrder: ByteOrder
    /// Whether a `crc32c` codec follows the compressor on each (inner) chunk (v3 only).
    public var chunkChecksum: Bool
    /// Where shard files keep their index (sharded arrays only).
    public var shardIndexLocation: ShardIndexLocation
    /// Whether the shard index is followed by its crc32c (sharded arrays only; recommended, §5.4).
    public var shardIndexChecksum: Bool

    /// Metadata with the layout this module writes by default: little-endian elements, "/" chunk keys,
    /// and for sharded arrays an index at the end protected by crc32c (§5.4).
    public init(
        format: ZarrFormat,
        shape: [Int],
        dataType: ZarrDataType,
        chunkShape: [Int],
        innerChunkShape: [Int]? = nil,
        compressor: ZarrCompressor = .none,
        fillValue: JSONValue = 0,
        dimensionNames: [String]? = nil,
        attributes: JSONValue? = nil
    ) {
        self.format = format
        self.shape = shape
        self.dataType = dataType
        self.chunkShape = chunkShape
        self.innerChunkShape = innerChunkShape
        self.compressor = compressor
        self.fillValue = fillValue
        self.dimensionNames = dimensionNames
        self.attributes = attributes
        self.chunkKeyEncoding = format == .v2 ? .v2(separator: .slash) : .default(separator: .slash)
        self.byteOrder = .little
        self.chunkChecksum = false
        self.shardIndexLocation = .end
        self.shardIndexChecksum = true
    }

    /// Number of dimensions.
    public var rank: Int { shape.count }

    /// Whether chunks are stored inside shard files.
    public var isSharded: Bool { innerChunkShape != nil }

    /// Shape of the chunks that are encoded individually: the inner chunk when sharded.
    public var codecChunkShape: [Int] { innerChunkShape ?? chunkShape }

    /// Number of grid cells (chunks, or shards when sharded) along each dimension.
    public var gridShape: [Int] {
        zip(shape, chunkShape).map { extent, cell in (extent + cell - 1) / cell }
    }

    /// Number of inner chunks along each dimension of one shard (all ones when unsharded).
    public var chunksPerShard: [Int] {
        guard let innerChunkShape else { return Array(repeating: 1, count: rank) }
        return zip(chunkShape, innerChunkShape).map { $0 / $1 }
    }

    /// Key of the chunk or shard at grid `coordinates`, relative to the array's path.
    public func chunkKey(for coordinates: [Int]) -> String {
        chunkKeyEncoding.key(for: coordinates)
    }

    /// The codecs applied to each individually encoded chunk.
    var chunkCodecs: CodecChain {
        CodecChain(bytes: BytesCodec(dataType: dataType, byteOrder: byteOrder), compressor: compressor, checksum: chunkChecksum)
    }

    /// The sharding codec, when sharded.
    var sharding: ShardingCodec? {
        innerChunkShape.map {
            ShardingCodec(innerChunkShape: $0, inner: chunkCodecs, indexLocation: shardIndexLocation, indexChecksum: shardIndexChecksum)
        }
    }
}
