/// The `sharding_indexed` array→bytes codec (ZEP0002, §5.4): a shard file holds many inner chunks
/// and an index of n × (offset, nbytes) uint64 pairs, optionally followed by a crc32c.
struct ShardingCodec: Hashable, Sendable {
    static let name = "sharding_indexed"
    /// Marks an absent inner chunk; both offset and nbytes carry it (§5.4).
    static let emptyMarker = UInt64.max
    /// Bytes of one index entry: offset and nbytes, uint64 each.
    static let entrySize = 16

    let innerChunkShape: [Int]
    let inner: CodecChain
    let indexLocation: ShardIndexLocation
    let indexChecksum: Bool

    /// The v3 codec entry.
    var v3JSON: JSONValue {
        var indexCodecs: [JSONValue] = [["name": .string(BytesCodec.name), "configuration": ["endian": "little"]]]
        if indexChecksum { indexCodecs.append(CRC32CCodec.v3JSON) }
        return [
            "name": .string(Self.name),
            "configuration": [
                "chunk_shape": JSONValue(integers: innerChunkShape),
                "codecs": inner.v3JSON,
                "index_codecs": .array(indexCodecs),
                "index_location": .string(indexLocation.rawValue),
            ],
        ]
    }

    /// Reads a `sharding_indexed` entry; the index must be little-endian `bytes`, optionally with crc32c.
    static func parse(_ entry: MetadataFields, dataType: ZarrDataType) throws(ZarrError) -> ShardingCodec {
        let configuration = try entry.nested("configuration")
        let innerChunkShape = try configuration.intArray("chunk_shape")
        let inner = try CodecChain.parseV3(
            try configuration.array("codecs"), dataType: dataType, path: entry.path, field: configuration.fieldName("codecs"))
        let indexField = configuration.fieldName("index_codecs")
        let index = try CodecChain.parseV3(
            try configuration.array("index_codecs"), dataType: .uint64, path: entry.path, field: indexField)
        guard index.compressor == .none, index.bytes.byteOrder == .little else {
            throw ZarrError(path: entry.path, .unsupported(
                feature: "shard index codecs", found: try configuration.value("index_codecs").serialized(),
                supported: "bytes (little endian), optionally followed by crc32c"))
        }
        let locationName = try configuration.optionalString("index_location") ?? ShardIndexLocation.end.rawValue
        guard let indexLocation = ShardIndexLocation(rawValue: locationName) else {
            throw configuration.invalid("index_location", expected: "\"start\" or \"end\"", found: .string(locationName))
        }
        return ShardingCodec(
            innerChunkShape: innerChunkShape, inner: inner, indexLocation: indexLocation, indexChecksum: index.checksum)
    }

    /// Size of the encoded index for `chunkCount` inner chunks: 16·n (+ 4 with crc32c).
    func indexByteCount(chunkCount: Int) -> Int {
        chunkCount * Self.entrySize + (indexChecksum ? CRC32CCodec.checksumSize : 0)
    }

    /// Writes the encoded index of `entries` (C order of inner chunks) into `destination`.
    func encodeIndex(_ entries: [(offset: UInt64, nbytes: UInt64)?], into destination: UnsafeMutableRawBufferPointer) {
        for (position, entry) in entries.enumerated() {
            let offset = entry?.offset ?? Self.emptyMarker
            let nbytes = entry?.nbytes ?? Self.emptyMarker
            destination.storeBytes(of: offset.littleEndian, toByteOffset: position * Self.entrySize, as: UInt64.self)
            destination.storeBytes(of: nbytes.littleEndian, toByteOffset: position * Self.entrySize + 8, as: UInt64.self)
        }
        if indexChecksum {
            let tableSize = entries.count * Self.entrySize
            let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: destination[..<tableSize]))
            destination.storeBytes(of: crc.littleEndian, toByteOffset: tableSize, as: UInt32.self)
        }
    }

    /// The encoded index inside a whole shard file, located per `indexLocation`.
    func indexBytes(in shard: UnsafeRawBufferPointer, chunkCount: Int, path: String) throws(ZarrError) -> UnsafeRawBufferPointer {
        let size = indexByteCount(chunkCount: chunkCount)
        guard shard.count >= size else {
            throw ZarrError(path: path, .sizeMismatch(what: "shard file (its index alone)", expected: size, found: shard.count))
        }
        let range = indexLocation == .end ? (shard.count - size)..<shard.count : 0..<size
        return UnsafeRawBufferPointer(rebasing: shard[range])
    }

    /// Decodes (and checksum-verifies) the index of a whole shard file.
    func decodeIndex(
        of shard: UnsafeRawBufferPointer, chunkCount: Int, path: String
    ) throws(ZarrError) -> [(offset: UInt64, nbytes: UInt64)?] {
        var table = try indexBytes(in: shard, chunkCount: chunkCount, path: path)
        if indexChecksum {
            table = try CRC32CCodec.verified(table, path: path)
        }
        var entries: [(offset: UInt64, nbytes: UInt64)?] = []
        entries.reserveCapacity(chunkCount)
        for position in 0..<chunkCount {
            let offset = UInt64(littleEndian: table.loadUnaligned(fromByteOffset: position * Self.entrySize, as: UInt64.self))
            let nbytes = UInt64(littleEndian: table.loadUnaligned(fromByteOffset: position * Self.entrySize + 8, as: UInt64.self))
            if offset == Self.emptyMarker && nbytes == Self.emptyMarker {
                entries.append(nil)
            } else {
                entries.append((offset, nbytes))
            }
        }
        return entries
    }
}
