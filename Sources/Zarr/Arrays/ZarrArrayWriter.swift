/// Writes one Zarr array: its metadata, and blocks of pixels split into chunks or shards.
///
/// Sendable and stateless between calls, so callers may write different regions from several
/// tasks at once; each call encodes its chunks sequentially with its own scratch buffers.
public struct ZarrArrayWriter: Sendable {
    /// The store holding the array.
    public let store: FileStore
    /// The array's key in the store ("" is the root).
    public let path: String
    /// The array's layout and codecs.
    public let metadata: ArrayMetadata
    /// Whether every file is fsynced (with its directory) before the write returns.
    public let durable: Bool
    private let fillElement: [UInt8]

    /// A writer for the array at `path`; throws if `metadata` is inconsistent.
    public init(store: FileStore, path: String, metadata: ArrayMetadata, durable: Bool = false) throws(ZarrError) {
        let location = store.location(of: NodeKeys.join(path, metadata.format == .v2 ? NodeKeys.v2Array : NodeKeys.v3Metadata))
        try metadata.validate(path: location)
        self.store = store
        self.path = path
        self.metadata = metadata
        self.durable = durable
        self.fillElement = try metadata.fillValueBytes(path: location)
    }

    /// Writes `.zarray` (and `.zattrs` when attributes are set) for v2, or `zarr.json` for v3.
    public func writeMetadata() throws(ZarrError) {
        switch metadata.format {
        case .v2:
            try store.write(metadata.json().prettyBytes(), to: NodeKeys.join(path, NodeKeys.v2Array), durable: durable)
            if let attributes = metadata.attributes {
                try store.write(attributes.prettyBytes(), to: NodeKeys.join(path, NodeKeys.v2Attributes), durable: durable)
            }
        case .v3:
            try store.write(metadata.json().prettyBytes(), to: NodeKeys.join(path, NodeKeys.v3Metadata), durable: durable)
        }
    }

    /// Writes a dense C-order block of `shape` elements (host byte order) whose corner is `origin`.
    ///
    /// The block must start on a storage-unit boundary (shard when sharded, else chunk) and cover
    /// whole units, except that it may stop at the array's edge. Every chunk or shard it covers is
    /// rewritten atomically; edge chunks are padded with the fill value.
    public func writeRegion(origin: [Int], shape: [Int], data: UnsafeRawBufferPointer) throws(ZarrError) {
        try checkRegion(origin: origin, shape: shape, byteCount: data.count)
        let unitShape = metadata.chunkShape
        let units = GridRange(
            lower: zip(origin, unitShape).map { $0 / $1 },
            counts: zip(shape, unitShape).map { ($0 + $1 - 1) / $1 })
        var encoder = try ChunkEncoder(chain: metadata.chunkCodecs, path: store.location(of: path))
        var staging = RegionStaging(
            metadata: metadata, fillElement: fillElement, regionOrigin: origin, regionShape: shape, data: data)
        var output: [UInt8] = []
        try units.forEach { (unit: [Int]) throws(ZarrError) in
            let key = NodeKeys.join(path, metadata.chunkKey(for: unit))
            output.removeAll(keepingCapacity: true)
            if let sharding = metadata.sharding {
                try encodeShard(unit, sharding: sharding, staging: &staging, encoder: &encoder, into: &output, key: key)
            } else {
                let chunkOrigin = zip(unit, unitShape).map { $0 * $1 }
                try staging.withChunk(at: chunkOrigin) { chunk throws(ZarrError) in
                    try encoder.encode(chunk, appendingTo: &output, path: store.location(of: key))
                }
            }
            try store.write(output, to: key, durable: durable)
        }
    }

    /// Encodes the inner chunks of one shard in C order, then its index (§5.4).
    private func encodeShard(
        _ shard: [Int], sharding: ShardingCodec, staging: inout RegionStaging, encoder: inout ChunkEncoder,
        into output: inout [UInt8], key: String
    ) throws(ZarrError) {
        let innerShape = sharding.innerChunkShape
        let innerChunks = GridRange(lower: Array(repeating: 0, count: metadata.rank), counts: metadata.chunksPerShard)
        var index = [UInt8](repeating: 0, count: sharding.indexByteCount(chunkCount: innerChunks.count))
        if sharding.indexLocation == .start {
            output.append(contentsOf: index)
        }
        var entries: [(offset: UInt64, nbytes: UInt64)?] = []
        entries.reserveCapacity(innerChunks.count)
        try innerChunks.forEach { (inner: [Int]) throws(ZarrError) in
            let chunkOrigin = (0..<metadata.rank).map { shard[$0] * metadata.chunkShape[$0] + inner[$0] * innerShape[$0] }
            // Only inner chunks wholly outside the array are left empty (§5.4).
            guard zip(chunkOrigin, metadata.shape).allSatisfy({ $0 < $1 }) else {
                entries.append(nil)
                return
            }
            let start = output.count
            try staging.withChunk(at: chunkOrigin) { chunk throws(ZarrError) in
                try encoder.encode(chunk, appendingTo: &output, path: store.location(of: key))
            }
            entries.append((UInt64(start), UInt64(output.count - start)))
        }
        index.withUnsafeMutableBytes { sharding.encodeIndex(entries, into: $0) }
        switch sharding.indexLocation {
        case .end:
            output.append(contentsOf: index)
        case .start:
            output.withUnsafeMutableBytes { buffer in
                index.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
            }
        }
    }

    private func checkRegion(origin: [Int], shape: [Int], byteCount: Int) throws(ZarrError) {
        let location = store.location(of: path)
        let unit = metadata.chunkShape
        let unitName = metadata.isSharded ? "shard" : "chunk"
        let rank = metadata.rank
        guard origin.count == rank, shape.count == rank else {
            throw ZarrError(path: location, .invalidRegion(
                expected: "\(rank)-dimensional like the array", found: "origin \(origin), shape \(shape)"))
        }
        for dimension in 0..<rank {
            let end = origin[dimension] + shape[dimension]
            let aligned = origin[dimension] >= 0 && origin[dimension] % unit[dimension] == 0
            let whole = shape[dimension] > 0 && end <= metadata.shape[dimension]
                && (shape[dimension] % unit[dimension] == 0 || end == metadata.shape[dimension])
            guard aligned && whole else {
                throw ZarrError(path: location, .invalidRegion(
                    expected: "aligned to the \(unitName) shape \(unit) (origin multiples of it, shape whole \(unitName)s "
                        + "or reaching the array edge \(metadata.shape))",
                    found: "origin \(origin), shape \(shape) (dimension \(dimension))"))
            }
        }
        let expected = ArrayMetadata.byteCount(shape, elementSize: metadata.dataType.byteSize) ?? Int.max
        guard byteCount == expected else {
            throw ZarrError(path: location, .sizeMismatch(what: "region data for shape \(shape)", expected: expected, found: byteCount))
        }
    }
}
