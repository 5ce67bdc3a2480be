/// Reads a Zarr v2 or v3 array (unsharded or `sharding_indexed`) for validation and tests.
public struct ZarrArrayReader: Sendable {
    /// The store holding the array.
    public let store: FileStore
    /// The array's key in the store.
    public let path: String
    /// The array's metadata as read.
    public let metadata: ArrayMetadata
    private let fillElement: [UInt8]

    private init(store: FileStore, path: String, metadata: ArrayMetadata, metadataPath: String) throws(ZarrError) {
        self.store = store
        self.path = path
        self.metadata = metadata
        self.fillElement = try metadata.fillValueBytes(path: metadataPath)
    }

    /// Opens the array at `path`, reading `zarr.json` if present, else `.zarray` (+ `.zattrs`).
    public static func open(store: FileStore, path: String) throws(ZarrError) -> ZarrArrayReader {
        let v3Key = NodeKeys.join(path, NodeKeys.v3Metadata)
        if let bytes = try store.read(v3Key) {
            let location = store.location(of: v3Key)
            let metadata = try ArrayMetadata.parse(try JSONValue(parsing: bytes, source: location), format: .v3, path: location)
            return try ZarrArrayReader(store: store, path: path, metadata: metadata, metadataPath: location)
        }
        let v2Key = NodeKeys.join(path, NodeKeys.v2Array)
        guard let bytes = try store.read(v2Key) else {
            throw ZarrError(path: store.location(of: path), .missingMetadata(expected: "zarr.json (v3) or .zarray (v2)"))
        }
        let location = store.location(of: v2Key)
        var metadata = try ArrayMetadata.parse(try JSONValue(parsing: bytes, source: location), format: .v2, path: location)
        let attributesKey = NodeKeys.join(path, NodeKeys.v2Attributes)
        if let attributeBytes = try store.read(attributesKey) {
            metadata.attributes = try JSONValue(parsing: attributeBytes, source: store.location(of: attributesKey))
        }
        return try ZarrArrayReader(store: store, path: path, metadata: metadata, metadataPath: location)
    }

    /// The whole array as a dense C-order block in host byte order.
    public func readAll() throws(ZarrError) -> [UInt8] {
        try readRegion(origin: Array(repeating: 0, count: metadata.rank), shape: metadata.shape)
    }

    /// A dense C-order block (host byte order) of `shape` elements at `origin`; any alignment is
    /// allowed, and missing chunks read as the fill value.
    public func readRegion(origin: [Int], shape: [Int]) throws(ZarrError) -> [UInt8] {
        let rank = metadata.rank
        guard origin.count == rank, shape.count == rank,
              (0..<rank).allSatisfy({ origin[$0] >= 0 && shape[$0] >= 0 && origin[$0] + shape[$0] <= metadata.shape[$0] })
        else {
            throw ZarrError(path: store.location(of: path), .invalidRegion(
                expected: "inside the array shape \(metadata.shape)", found: "origin \(origin), shape \(shape)"))
        }
        var output = [UInt8](repeating: 0, count: shape.reduce(metadata.dataType.byteSize, *))
        guard !output.isEmpty else { return output }
        output.withUnsafeMutableBytes { StridedCopy.fill($0, with: fillElement) }
        let unitShape = metadata.chunkShape
        let units = GridRange(
            lower: zip(origin, unitShape).map { $0 / $1 },
            counts: (0..<rank).map { (origin[$0] + shape[$0] - 1) / unitShape[$0] - origin[$0] / unitShape[$0] + 1 })
        try units.forEach { (unit: [Int]) throws(ZarrError) in
            let key = NodeKeys.join(path, metadata.chunkKey(for: unit))
            guard let stored = try store.read(key) else { return }
            let location = store.location(of: key)
            let unitOrigin = zip(unit, unitShape).map { $0 * $1 }
            try stored.withBytes { file throws(ZarrError) in
                if let sharding = metadata.sharding {
                    try readShard(file, origin: unitOrigin, sharding: sharding, location: location,
                                  into: &output, regionOrigin: origin, regionShape: shape)
                } else {
                    try placeChunk(file, chunkOrigin: unitOrigin, chain: metadata.chunkCodecs, location: location,
                                   into: &output, regionOrigin: origin, regionShape: shape)
                }
            }
        }
        return output
    }

    private func readShard(
        _ file: UnsafeRawBufferPointer, origin shardOrigin: [Int], sharding: ShardingCodec, location: String,
        into output: inout [UInt8], regionOrigin: [Int], regionShape: [Int]
    ) throws(ZarrError) {
        let innerShape = sharding.innerChunkShape
        let rank = metadata.rank
        let chunksPerShard = metadata.chunksPerShard
        let entries = try sharding.decodeIndex(of: file, chunkCount: chunksPerShard.reduce(1, *), path: location)
        let innerChunks = GridRange(lower: Array(repeating: 0, count: rank), counts: chunksPerShard)
        var position = 0
        try innerChunks.forEach { (inner: [Int]) throws(ZarrError) in
            defer { position += 1 }
            guard let entry = entries[position] else { return }
            let chunkOrigin = (0..<rank).map { shardOrigin[$0] + inner[$0] * innerShape[$0] }
            let overlaps = (0..<rank).allSatisfy {
                chunkOrigin[$0] < regionOrigin[$0] + regionShape[$0] && chunkOrigin[$0] + innerShape[$0] > regionOrigin[$0]
            }
            guard overlaps else { return }
            guard entry.offset <= UInt64(file.count), entry.nbytes <= UInt64(file.count) - entry.offset else {
                throw ZarrError(path: location, .corruptShard(
                    detail: "inner chunk \(inner) at offset \(entry.offset) with \(entry.nbytes) bytes exceeds the \(file.count)-byte file"))
            }
            let start = Int(entry.offset)
            let encoded = UnsafeRawBufferPointer(rebasing: file[start..<(start + Int(entry.nbytes))])
            try placeChunk(encoded, chunkOrigin: chunkOrigin, chain: sharding.inner, location: location,
                           into: &output, regionOrigin: regionOrigin, regionShape: regionShape)
        }
    }

    /// Decodes one chunk and copies its overlap with the region into `output`.
    private func placeChunk(
        _ encoded: UnsafeRawBufferPointer, chunkOrigin: [Int], chain: CodecChain, location: String,
        into output: inout [UInt8], regionOrigin: [Int], regionShape: [Int]
    ) throws(ZarrError) {
        let chunkShape = metadata.codecChunkShape
        let rank = metadata.rank
        let decoded = try chain.decode(encoded, byteCount: chunkShape.reduce(metadata.dataType.byteSize, *), path: location)
        let lower = (0..<rank).map { max(chunkOrigin[$0], regionOrigin[$0]) }
        let upper = (0..<rank).map {
            min(chunkOrigin[$0] + chunkShape[$0], regionOrigin[$0] + regionShape[$0], metadata.shape[$0])
        }
        decoded.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { destination in
                StridedCopy.copy(
                    extent: (0..<rank).map { upper[$0] - lower[$0] }, elementSize: metadata.dataType.byteSize,
                    from: source.baseAddress!, shape: chunkShape, origin: (0..<rank).map { lower[$0] - chunkOrigin[$0] },
                    to: destination.baseAddress!, shape: regionShape, origin: (0..<rank).map { lower[$0] - regionOrigin[$0] })
            }
        }
    }
}
