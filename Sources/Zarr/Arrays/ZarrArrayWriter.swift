/// Writes one Zarr array: its metadata, and blocks of pixels split into chunks or shards.
///
/// Sendable and stateless between calls, so callers may write different regions from several
/// tasks at once, each with its own `ZarrWriteWorkspace`.
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
    /// rewritten atomically; edge chunks are padded with the fill value. A thread writing many
    /// regions passes the same `workspace` each time so their buffers are reused. With `workspace.batch`
    /// set, the units are queued for its writer and are in their files once the batch says so.
    public func writeRegion(
        origin: [Int], shape: [Int], data: UnsafeRawBufferPointer, workspace: ZarrWriteWorkspace = ZarrWriteWorkspace()
    ) throws(ZarrError) {
        try checkRegion(origin: origin, shape: shape, byteCount: data.count)
        let unitShape = metadata.chunkShape
        let units = GridRange(
            lower: zip(origin, unitShape).map { $0 / $1 },
            counts: zip(shape, unitShape).map { ($0 + $1 - 1) / $1 })
        let encoder = ChunkEncoder(chain: metadata.chunkCodecs, workspace: workspace)
        let staging = RegionStaging(
            metadata: metadata, fillElement: fillElement, regionOrigin: origin, regionShape: shape, data: data,
            workspace: workspace)
        try units.forEach { (unit: [Int]) throws(ZarrError) in
            let key = NodeKeys.join(path, metadata.chunkKey(for: unit))
            workspace.encoded.removeAll()
            if let sharding = metadata.sharding {
                try encodeShard(unit, sharding: sharding, staging: staging, encoder: encoder, key: key)
            } else {
                _ = try staging.encodeChunk(at: zip(unit, unitShape).map { $0 * $1 }, with: encoder,
                                            path: store.location(of: key))
            }
            if let batch = workspace.batch {
                workspace.unit = batch.enqueue(workspace.unit, key: key, store: store, durable: durable)
            } else {
                try store.write(workspace.encoded.alignedPayload(), to: key, durable: durable)
            }
        }
    }

    /// Encodes the inner chunks of one shard in C order, then its index (§5.4), into `workspace.encoded`.
    /// Once the workspace reports spare threads, the chunks still to encode are spread over them.
    private func encodeShard(
        _ shard: [Int], sharding: ShardingCodec, staging: RegionStaging, encoder: ChunkEncoder, key: String
    ) throws(ZarrError) {
        let workspace = encoder.workspace
        let innerShape = sharding.innerChunkShape
        var origins: [[Int]?] = []
        GridRange(lower: Array(repeating: 0, count: metadata.rank), counts: metadata.chunksPerShard).forEach { inner in
            let chunkOrigin = (0..<metadata.rank).map { shard[$0] * metadata.chunkShape[$0] + inner[$0] * innerShape[$0] }
            // Only inner chunks wholly outside the array are left empty (§5.4).
            origins.append(zip(chunkOrigin, metadata.shape).allSatisfy { $0 < $1 } ? chunkOrigin : nil)
        }
        let indexByteCount = sharding.indexByteCount(chunkCount: origins.count)
        if sharding.indexLocation == .start {
            workspace.encoded.appendZeros(indexByteCount)
        }
        let location = store.location(of: key)
        var entries: [(offset: UInt64, nbytes: UInt64)?] = []
        entries.reserveCapacity(origins.count)
        while entries.count < origins.count {
            let spare = min(workspace.spareThreads(), origins.count - entries.count - 1)
            if spare > 0 {
                entries += try encodeSpread(origins[entries.count...], lanes: spare + 1, staging: staging,
                                            encoder: encoder, path: location)
                break
            }
            guard let chunkOrigin = origins[entries.count] else {
                entries.append(nil)
                continue
            }
            let bytes = try staging.encodeChunk(at: chunkOrigin, with: encoder, path: location)
            entries.append((UInt64(bytes.lowerBound), UInt64(bytes.count)))
        }
        var index = [UInt8](repeating: 0, count: indexByteCount)
        index.withUnsafeMutableBytes { sharding.encodeIndex(entries, into: $0) }
        index.withUnsafeBytes { bytes in
            switch sharding.indexLocation {
            case .end: workspace.encoded.append(bytes)
            case .start: workspace.encoded.replace(at: 0, with: bytes)
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
