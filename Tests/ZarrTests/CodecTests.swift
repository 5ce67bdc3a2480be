import CZstd
import Testing
import Zarr

@Suite("Codec bytes")
struct CodecTests {
    @Test("blosc chunks carry the c-blosc header of §5.5: zstd + bitshuffle, typesize 2")
    func bloscHeader() throws {
        try withTemporaryStore { store in
            let metadata = ArrayMetadata(format: .v3, shape: [64, 64], dataType: .uint16, chunkShape: [64, 64],
                                         compressor: .blosc(.zstd, clevel: 5, shuffle: .bit))
            let writer = try ZarrArrayWriter(store: store, path: "a", metadata: metadata)
            try writer.write(origin: [0, 0], shape: [64, 64], littleEndianBytes((0..<4096).map { UInt16($0 % 64 + $0 / 64) }))
            let chunk = try #require(try store.read("a/c/0/0"))
            #expect(chunk[0] == 2, "blosc format version")
            #expect(chunk[2] == 0x94, "flags: bitshuffle 0x04 | no split 0x10 | zstd 4<<5; got \(hex(chunk.prefix(16)))")
            #expect(chunk[3] == 2, "typesize")
            #expect(Array(chunk[4..<8]) == littleEndianBytes([UInt32(8192)]), "nbytes")
            #expect(Array(chunk[12..<16]) == littleEndianBytes([UInt32(chunk.count)]), "ctbytes")
            #expect(chunk.count < 8192 / 4)
        }
    }

    @Test("blosc byte shuffle with lz4 sets flag 0x01 and compressor code 1")
    func bloscShuffleFlags() throws {
        try withTemporaryStore { store in
            let metadata = ArrayMetadata(format: .v2, shape: [4096], dataType: .uint32, chunkShape: [4096],
                                         compressor: .blosc(.lz4, clevel: 5, shuffle: .byte))
            let writer = try ZarrArrayWriter(store: store, path: "a", metadata: metadata)
            try writer.write(origin: [0], shape: [4096], littleEndianBytes((0..<4096).map { UInt32($0) }))
            let chunk = try #require(try store.read("a/0"))
            #expect(chunk[2] & 0x07 == 0x01)
            #expect(chunk[2] >> 5 == 1)
            #expect(chunk[3] == 4)
        }
    }

    @Test("zstd frames record the decompressed size in their header", arguments: [false, true])
    func zstdContentSize(checksum: Bool) throws {
        try withTemporaryStore { store in
            let metadata = ArrayMetadata(format: .v3, shape: [100, 70], dataType: .uint16, chunkShape: [64, 64],
                                         innerChunkShape: [32, 32], compressor: .zstd(level: 3, checksum: checksum))
            let writer = try ZarrArrayWriter(store: store, path: "z", metadata: metadata)
            try writer.writeMetadata()
            try writer.write(origin: [0, 0], shape: [100, 70], patternBytes(count: 100 * 70 * 2, seed: 1))
            let shard = try #require(try store.read("z/c/1/1"))
            let reader = try ZarrArrayReader.open(store: store, path: "z")
            for entry in try reader.shardIndex(shardCoordinates: [1, 1]).compactMap({ $0 }) {
                let frame = Array(shard[Int(entry.offset)..<Int(entry.offset + entry.nbytes)])
                #expect(frame.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) } == 32 * 32 * 2)
                #expect((frame[4] & 0x04 != 0) == checksum, "frame header checksum flag")
            }
        }
    }

    @Test("zstd frames without a content size (streamed by other writers) decode")
    func zstdWithoutContentSize() throws {
        try withTemporaryStore { store in
            let metadata = ArrayMetadata(format: .v2, shape: [1000], dataType: .uint8, chunkShape: [1000],
                                         compressor: .zstd(level: 1, checksum: false))
            try ZarrArrayWriter(store: store, path: "s", metadata: metadata).writeMetadata()
            let payload = patternBytes(count: 1000, seed: 9).map { $0 & 0x0F }
            let context = try #require(ZSTD_createCCtx())
            defer { ZSTD_freeCCtx(context) }
            var frame = [UInt8](repeating: 0, count: ZSTD_compressBound(1000))
            var written = 0
            payload.withUnsafeBytes { input in
                frame.withUnsafeMutableBytes { output in
                    var source = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
                    var target = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
                    _ = ZSTD_compressStream2(context, &target, &source, ZSTD_e_continue)
                    _ = ZSTD_compressStream2(context, &target, &source, ZSTD_e_end)
                    written = target.pos
                }
            }
            frame.removeLast(frame.count - written)
            #expect(frame.withUnsafeBytes { ZSTD_getFrameContentSize($0.baseAddress, $0.count) } == czstd_contentsize_unknown())
            try store.write(frame, to: "s/0")
            #expect(try ZarrArrayReader.open(store: store, path: "s").readAll() == payload)
        }
    }

    @Test("corrupt or mis-sized chunks raise errors naming the chunk file", arguments: [
        ZarrCompressor.none, .blosc(.zstd, clevel: 3, shuffle: .bit), .zstd(level: 3, checksum: false),
    ])
    func corruptChunk(compressor: ZarrCompressor) throws {
        try withTemporaryStore { store in
            let metadata = ArrayMetadata(format: .v3, shape: [16], dataType: .uint16, chunkShape: [16], compressor: compressor)
            let writer = try ZarrArrayWriter(store: store, path: "a", metadata: metadata)
            try writer.writeMetadata()
            try store.write([0x28, 0xB5, 0x2F, 0xFD, 1, 2, 3], to: "a/c/0")
            #expect {
                try ZarrArrayReader.open(store: store, path: "a").readAll()
            } throws: { error in
                (error as? ZarrError)?.path == store.location(of: "a/c/0")
            }
        }
    }

    @Test("a crc32c chunk checksum mismatch is detected")
    func chunkChecksum() throws {
        try withTemporaryStore { store in
            var metadata = ArrayMetadata(format: .v3, shape: [8], dataType: .uint8, chunkShape: [8])
            metadata.chunkChecksum = true
            let writer = try ZarrArrayWriter(store: store, path: "a", metadata: metadata)
            try writer.writeMetadata()
            try writer.write(origin: [0], shape: [8], Array(1...8))
            var chunk = try #require(try store.read("a/c/0"))
            #expect(chunk.count == 12)
            #expect(Array(chunk.suffix(4)) == littleEndianBytes([CRC32C.checksum(Array(1...8))]))
            chunk[0] = 99
            try store.write(chunk, to: "a/c/0")
            #expect {
                try ZarrArrayReader.open(store: store, path: "a").readAll()
            } throws: { error in
                guard case .checksumMismatch = (error as? ZarrError)?.kind else { return false }
                return true
            }
        }
    }
}
