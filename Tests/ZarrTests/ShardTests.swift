import Foundation
import Testing
import Zarr

@Suite("Sharding")
struct ShardTests {
    /// The §5.4 example: a 1×1×200×300 uint16 array, shards 128×128, inner chunks 64×64.
    static let exampleMetadata = ArrayMetadata(
        format: .v3, shape: [1, 1, 200, 300], dataType: .uint16, chunkShape: [1, 1, 128, 128],
        innerChunkShape: [1, 1, 64, 64], compressor: .blosc(.zstd, clevel: 5, shuffle: .bit))

    /// A smooth ramp, so blosc has something to compress.
    static let exampleData: [UInt8] = littleEndianBytes((0..<(200 * 300)).map { (index: Int) -> UInt16 in
        UInt16((index / 300 + index % 300) % 4096)
    })

    static func writeExample(to store: FileStore) throws -> ZarrArrayReader {
        let writer = try ZarrArrayWriter(store: store, path: "img/0", metadata: exampleMetadata)
        try writer.writeMetadata()
        try writer.write(origin: [0, 0, 0, 0], shape: [1, 1, 200, 300], exampleData)
        return try ZarrArrayReader.open(store: store, path: "img/0")
    }

    @Test("shard c/0/0/1/2 of §5.4: inner chunks 0 and 2 stored back to back, 1 and 3 EMPTY, crc32c after the index")
    func exampleLayout() throws {
        try withTemporaryStore { store in
            let reader = try Self.writeExample(to: store)
            #expect(allFiles(under: store.location(of: "img/0/c")) == [
                "0/0/0/0", "0/0/0/1", "0/0/0/2", "0/0/1/0", "0/0/1/1", "0/0/1/2",
            ])
            let file = try #require(try store.read("img/0/c/0/0/1/2"))
            let index = try reader.shardIndex(shardCoordinates: [0, 0, 1, 2])
            #expect(index.count == 4)
            let first = try #require(index[0])
            let third = try #require(index[2])
            #expect(index[1] == nil && index[3] == nil)
            #expect(first.offset == 0)
            #expect(third.offset == first.nbytes)
            #expect(file.count == Int(first.nbytes + third.nbytes) + 68)
            let tail = Array(file.suffix(68))
            let empty = [UInt8](repeating: 0xFF, count: 16)
            #expect(Array(tail[0..<16]) == littleEndianBytes([0, first.nbytes]))
            #expect(Array(tail[16..<32]) == empty)
            #expect(Array(tail[32..<48]) == littleEndianBytes([third.offset, third.nbytes]))
            #expect(Array(tail[48..<64]) == empty)
            #expect(Array(tail[64...]) == littleEndianBytes([CRC32C.checksum(Array(tail[0..<64]))]))
            #expect(try reader.readAll() == Self.exampleData)
            #expect(try reader.verifyShards().isEmpty)
        }
    }

    @Test("a shard spread over spare threads holds the bytes one thread writes, empty and padded chunks included",
          arguments: [(1, ShardIndexLocation.end), (2, .end), (3, .start)])
    func spreadShardsAreByteIdentical(spareThreads: Int, indexLocation: ShardIndexLocation) throws {
        var metadata = Self.exampleMetadata
        metadata.shardIndexLocation = indexLocation
        metadata.chunkChecksum = true
        var stores: [[String: Data]] = []
        for spare in [0, spareThreads] {
            try withTemporaryStore { store in
                let writer = try ZarrArrayWriter(store: store, path: "img/0", metadata: metadata)
                let workspace = ZarrWriteWorkspace()
                workspace.spareThreads = { spare }
                try Self.exampleData.withUnsafeBytes { data in
                    try writer.writeRegion(origin: [0, 0, 0, 0], shape: [1, 1, 200, 300], data: data, workspace: workspace)
                }
                try writer.writeMetadata()
                let root = store.location(of: "img/0")
                stores.append(Dictionary(uniqueKeysWithValues: allFiles(under: root).map {
                    ($0, FileManager.default.contents(atPath: root + "/" + $0) ?? Data())
                }))
                let reader = try ZarrArrayReader.open(store: store, path: "img/0")
                #expect(try reader.readAll() == Self.exampleData)
                #expect(try reader.verifyShards().isEmpty)
            }
        }
        #expect(stores[0].count == 7)
        #expect(stores[0] == stores[1])
    }

    @Test("verifyShards reports a corrupted index checksum")
    func corruptIndex() throws {
        try withTemporaryStore { store in
            let reader = try Self.writeExample(to: store)
            var file = try #require(try store.read("img/0/c/0/0/0/0"))
            file[file.count - 68 + 3] ^= 0x40
            try store.write(file, to: "img/0/c/0/0/0/0")
            let problems = try reader.verifyShards()
            #expect(problems.count >= 1)
            #expect(problems.first?.shardCoordinates == [0, 0, 0, 0])
            guard case .indexChecksumMismatch = problems.first?.kind else {
                Issue.record("expected a checksum problem, got \(problems)")
                return
            }
            #expect(problems[0].description.contains(store.location(of: "img/0/c/0/0/0/0")))
            #expect(throws: ZarrError.self) { try reader.readAll() }
        }
    }

    @Test("verifyShards reports truncated shards: below the index size, and with chunk data cut away")
    func truncatedShards() throws {
        try withTemporaryStore { store in
            let reader = try Self.writeExample(to: store)
            try store.write([1, 2, 3, 4, 5], to: "img/0/c/0/0/0/1")
            let whole = try #require(try store.read("img/0/c/0/0/1/0"))
            try store.write(Array(whole.suffix(68 + 100)), to: "img/0/c/0/0/1/0")
            let problems = try reader.verifyShards()
            #expect(problems.contains {
                $0.shardCoordinates == [0, 0, 0, 1] && $0.kind == .fileTooSmall(size: 5, indexSize: 68)
                    && $0.path == store.location(of: "img/0/c/0/0/0/1")
            })
            let cut = problems.filter { $0.shardCoordinates == [0, 0, 1, 0] }
            #expect(!cut.isEmpty)
            #expect(cut.allSatisfy { if case .entryOutOfBounds = $0.kind { true } else { false } })
        }
    }

    @Test("verifyShards reports overlapping, half-empty and missing entries")
    func indexDefects() throws {
        try withTemporaryStore { store in
            let reader = try Self.writeExample(to: store)
            let key = "img/0/c/0/0/0/0"
            let file = try #require(try store.read(key))
            let data = Array(file.prefix(file.count - 68))
            let entries: [UInt64] = [0, 10, 5, 10, 7, UInt64.max, UInt64.max, UInt64.max]
            let table = littleEndianBytes(entries)
            try store.write(data + table + littleEndianBytes([CRC32C.checksum(table)]), to: key)
            let kinds = try reader.verifyShards().filter { $0.shardCoordinates == [0, 0, 0, 0] }.map(\.kind)
            #expect(kinds == [
                .malformedEntry(innerChunk: [0, 0, 1, 0], offset: 7, nbytes: UInt64.max),
                .overlappingEntries(first: [0, 0, 0, 0], second: [0, 0, 0, 1]),
                .missingInnerChunks(count: 1),
            ])
        }
    }
}
