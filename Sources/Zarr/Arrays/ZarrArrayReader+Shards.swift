extension ZarrArrayReader {
    /// The decoded index of the shard at `shardCoordinates`: (offset, nbytes) per inner chunk in C
    /// order, nil for empty ones. A missing shard file reads as all empty.
    public func shardIndex(shardCoordinates: [Int]) throws(ZarrError) -> [(offset: UInt64, nbytes: UInt64)?] {
        guard let sharding = metadata.sharding else {
            throw ZarrError(path: store.location(of: path), .unsupported(
                feature: "shard index", found: "an unsharded array", supported: "arrays with sharding_indexed"))
        }
        let grid = metadata.gridShape
        guard shardCoordinates.count == metadata.rank, zip(shardCoordinates, grid).allSatisfy({ $0 >= 0 && $0 < $1 }) else {
            throw ZarrError(path: store.location(of: path), .invalidRegion(
                expected: "shard coordinates inside the grid \(grid)", found: "\(shardCoordinates)"))
        }
        let chunkCount = metadata.chunksPerShard.reduce(1, *)
        let key = NodeKeys.join(path, metadata.chunkKey(for: shardCoordinates))
        guard let file = try store.read(key) else { return Array(repeating: nil, count: chunkCount) }
        return try file.withBytes { bytes throws(ZarrError) in
            try sharding.decodeIndex(of: bytes, chunkCount: chunkCount, path: store.location(of: key))
        }
    }

    /// Checks every shard file's structure (§5.4): size against the index, index crc32c, each entry
    /// inside the chunk data area, no overlaps, and no empty entries for inner chunks inside the array.
    /// Missing shard files are not problems (they read as fill). Throws only on I/O errors.
    public func verifyShards() throws(ZarrError) -> [ShardProblem] {
        guard let sharding = metadata.sharding else { return [] }
        var problems: [ShardProblem] = []
        try GridRange(lower: Array(repeating: 0, count: metadata.rank), counts: metadata.gridShape).forEach {
            (shard: [Int]) throws(ZarrError) in
            let key = NodeKeys.join(path, metadata.chunkKey(for: shard))
            guard let file = try store.read(key) else { return }
            let location = store.location(of: key)
            let report = { (kind: ShardProblem.Kind) in
                problems.append(ShardProblem(path: location, shardCoordinates: shard, kind: kind))
            }
            file.withUnsafeBytes { bytes in
                verify(shard: shard, file: bytes, sharding: sharding, report: report)
            }
        }
        return problems
    }

    private func verify(
        shard: [Int], file: UnsafeRawBufferPointer, sharding: ShardingCodec, report: (ShardProblem.Kind) -> Void
    ) {
        let innerChunks = GridRange(lower: Array(repeating: 0, count: metadata.rank), counts: metadata.chunksPerShard)
        let indexSize = sharding.indexByteCount(chunkCount: innerChunks.count)
        guard file.count >= indexSize else {
            report(.fileTooSmall(size: file.count, indexSize: indexSize))
            return
        }
        let tableSize = innerChunks.count * ShardingCodec.entrySize
        let indexStart = sharding.indexLocation == .end ? file.count - indexSize : 0
        let table = UnsafeRawBufferPointer(rebasing: file[indexStart..<(indexStart + tableSize)])
        if sharding.indexChecksum {
            let stored = UInt32(littleEndian: file.loadUnaligned(fromByteOffset: indexStart + tableSize, as: UInt32.self))
            let computed = CRC32C.checksum(table)
            if stored != computed {
                report(.indexChecksumMismatch(stored: stored, computed: computed))
            }
        }
        let dataArea: Range<UInt64> = sharding.indexLocation == .end
            ? 0..<UInt64(file.count - indexSize) : UInt64(indexSize)..<UInt64(file.count)
        var placed: [(range: Range<UInt64>, chunk: [Int])] = []
        var missing = 0
        var position = 0
        innerChunks.forEach { inner in
            defer { position += 1 }
            let offset = UInt64(littleEndian: table.loadUnaligned(fromByteOffset: position * ShardingCodec.entrySize, as: UInt64.self))
            let nbytes = UInt64(littleEndian: table.loadUnaligned(fromByteOffset: position * ShardingCodec.entrySize + 8, as: UInt64.self))
            let emptyHalves = (offset == ShardingCodec.emptyMarker ? 1 : 0) + (nbytes == ShardingCodec.emptyMarker ? 1 : 0)
            switch emptyHalves {
            case 2:
                let origin = (0..<metadata.rank).map {
                    shard[$0] * metadata.chunkShape[$0] + inner[$0] * sharding.innerChunkShape[$0]
                }
                if zip(origin, metadata.shape).allSatisfy({ $0 < $1 }) { missing += 1 }
            case 1:
                report(.malformedEntry(innerChunk: inner, offset: offset, nbytes: nbytes))
            default:
                guard offset >= dataArea.lowerBound, offset <= dataArea.upperBound, nbytes <= dataArea.upperBound - offset else {
                    report(.entryOutOfBounds(innerChunk: inner, offset: offset, nbytes: nbytes, fileSize: file.count))
                    return
                }
                placed.append((offset..<(offset + nbytes), inner))
            }
        }
        placed.sort { $0.range.lowerBound < $1.range.lowerBound }
        for (previous, next) in zip(placed, placed.dropFirst()) where next.range.lowerBound < previous.range.upperBound {
            report(.overlappingEntries(first: previous.chunk, second: next.chunk))
        }
        if missing > 0 {
            report(.missingInnerChunks(count: missing))
        }
    }
}
