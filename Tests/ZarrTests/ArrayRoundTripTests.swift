import Testing
import Zarr

/// One storage layout under test.
enum Layout: String, CaseIterable, CustomStringConvertible {
    case v2
    case v3
    case v3Sharded

    var description: String { rawValue }

    func metadata(dataType: ZarrDataType, compressor: ZarrCompressor, fillValue: JSONValue = 0) -> ArrayMetadata {
        // Shape 3×37×50 is divisible by neither chunk nor shard: every grid has edge cells.
        switch self {
        case .v2:
            ArrayMetadata(format: .v2, shape: [3, 37, 50], dataType: dataType, chunkShape: [2, 16, 32],
                          compressor: compressor, fillValue: fillValue)
        case .v3:
            ArrayMetadata(format: .v3, shape: [3, 37, 50], dataType: dataType, chunkShape: [2, 16, 32],
                          compressor: compressor, fillValue: fillValue, dimensionNames: ["z", "y", "x"])
        case .v3Sharded:
            ArrayMetadata(format: .v3, shape: [3, 37, 50], dataType: dataType, chunkShape: [2, 32, 32],
                          innerChunkShape: [1, 16, 16], compressor: compressor, fillValue: fillValue)
        }
    }
}

@Suite("Array write/read round trips")
struct ArrayRoundTripTests {
    static let compressors: [ZarrCompressor] = [
        .none, .blosc(.zstd, clevel: 5, shuffle: .bit), .blosc(.lz4, clevel: 5, shuffle: .byte),
        .blosc(.blosclz, clevel: 3, shuffle: .none), .zstd(level: 3, checksum: false), .zstd(level: 1, checksum: true),
    ]

    @Test("whole-array writes read back identically, whole and by unaligned regions", arguments:
        Layout.allCases, [ZarrDataType.uint8, .uint16, .int16, .float32])
    func roundTrip(layout: Layout, dataType: ZarrDataType) throws {
        for compressor in Self.compressors {
            try withTemporaryStore { store in
                let metadata = layout.metadata(dataType: dataType, compressor: compressor)
                let data = patternBytes(count: metadata.shape.reduce(dataType.byteSize, *), seed: 7)
                let writer = try ZarrArrayWriter(store: store, path: "plate/A/1/0/0", metadata: metadata)
                try writer.writeMetadata()
                try writer.write(origin: [0, 0, 0], shape: metadata.shape, data)

                let reader = try ZarrArrayReader.open(store: store, path: "plate/A/1/0/0")
                #expect(reader.metadata == metadata, "\(compressor)")
                #expect(try reader.readAll() == data, "\(compressor)")
                for (origin, shape) in [([1, 5, 7], [2, 30, 40]), ([0, 36, 49], [3, 1, 1]), ([2, 0, 0], [1, 37, 50])] {
                    let expected = naiveSlice(data, fullShape: metadata.shape, elementSize: dataType.byteSize, origin: origin, shape: shape)
                    #expect(try reader.readRegion(origin: origin, shape: shape) == expected, "\(compressor) \(origin)")
                }
                #expect(try reader.verifyShards().isEmpty)
            }
        }
    }

    @Test("unit-by-unit writes equal one whole write, and unwritten units read as the fill value", arguments: Layout.allCases)
    func partialWrites(layout: Layout) throws {
        try withTemporaryStore { store in
            let metadata = layout.metadata(dataType: .uint16, compressor: .blosc(.zstd, clevel: 1, shuffle: .bit), fillValue: 4660)
            let data = patternBytes(count: metadata.shape.reduce(2, *), seed: 3)
            let writer = try ZarrArrayWriter(store: store, path: "a", metadata: metadata)
            try writer.writeMetadata()
            // Write only the units whose first grid coordinate is 0, one unit at a time.
            let unit = metadata.chunkShape
            let grid = metadata.gridShape
            for y in 0..<grid[1] {
                for x in 0..<grid[2] {
                    let origin = [0, y * unit[1], x * unit[2]]
                    let shape = (0..<3).map { min(unit[$0], metadata.shape[$0] - origin[$0]) }
                    let block = naiveSlice(data, fullShape: metadata.shape, elementSize: 2, origin: origin, shape: shape)
                    try writer.write(origin: origin, shape: shape, block)
                }
            }
            let reader = try ZarrArrayReader.open(store: store, path: "a")
            let written = try reader.readRegion(origin: [0, 0, 0], shape: [unit[0], 37, 50])
            #expect(written == naiveSlice(data, fullShape: metadata.shape, elementSize: 2, origin: [0, 0, 0], shape: [unit[0], 37, 50]))
            let rest = try reader.readRegion(origin: [unit[0], 0, 0], shape: [3 - unit[0], 37, 50])
            #expect(rest == littleEndianBytes([UInt16](repeating: 4660, count: (3 - unit[0]) * 37 * 50)))
        }
    }

    @Test("edge chunks are padded with the fill value to the full chunk shape")
    func edgePadding() throws {
        try withTemporaryStore { store in
            let metadata = ArrayMetadata(format: .v2, shape: [5, 7], dataType: .uint16, chunkShape: [4, 4], fillValue: 9)
            let writer = try ZarrArrayWriter(store: store, path: "a", metadata: metadata)
            try writer.write(origin: [0, 0], shape: [5, 7], littleEndianBytes((0..<35).map { UInt16($0) }))
            #expect(try store.read("a/1/1") == littleEndianBytes([32, 33, 34, 9] + [UInt16](repeating: 9, count: 12)))
            #expect(try store.read("a/0/1") == littleEndianBytes([4, 5, 6, 9, 11, 12, 13, 9, 18, 19, 20, 9, 25, 26, 27, 9] as [UInt16]))
            #expect(allFiles(under: store.location(of: "a")) == ["0/0", "0/1", "1/0", "1/1"])
        }
    }

    @Test("other element types and fill values round-trip", arguments: [
        (ZarrDataType.bool, JSONValue.bool(true)), (.int8, -3), (.int32, 7), (.int64, -9_000_000_000),
        (.uint32, 4_000_000_000), (.uint64, 5), (.float64, "NaN"), (.float32, "0x7fc00001"),
    ])
    func otherTypes(dataType: ZarrDataType, fillValue: JSONValue) throws {
        try withTemporaryStore { store in
            let metadata = ArrayMetadata(format: .v3, shape: [9, 11], dataType: dataType, chunkShape: [8, 8],
                                         compressor: .blosc(.zstd, clevel: 3, shuffle: .bit), fillValue: fillValue)
            var data = patternBytes(count: 9 * 11 * dataType.byteSize, seed: 11)
            if dataType == .bool { data = data.map { $0 & 1 } }
            let writer = try ZarrArrayWriter(store: store, path: "t", metadata: metadata)
            try writer.writeMetadata()
            try writer.write(origin: [0, 0], shape: [8, 8], naiveSlice(data, fullShape: [9, 11], elementSize: dataType.byteSize, origin: [0, 0], shape: [8, 8]))
            let reader = try ZarrArrayReader.open(store: store, path: "t")
            #expect(reader.metadata.fillValue == fillValue)
            let all = try reader.readAll()
            #expect(naiveSlice(all, fullShape: [9, 11], elementSize: dataType.byteSize, origin: [0, 0], shape: [8, 8])
                == naiveSlice(data, fullShape: [9, 11], elementSize: dataType.byteSize, origin: [0, 0], shape: [8, 8]))
            let fillElement = naiveSlice(all, fullShape: [9, 11], elementSize: dataType.byteSize, origin: [8, 10], shape: [1, 1])
            let expectedFill: [UInt8] = switch fillValue {
            case .bool: [1]
            case "NaN": littleEndianBytes([Double.nan.bitPattern])
            case "0x7fc00001": littleEndianBytes([UInt32(0x7FC0_0001)])
            default: Array(littleEndianBytes([fillValue.intValue!]).prefix(dataType.byteSize))
            }
            #expect(fillElement == expectedFill)
        }
    }

    @Test("big-endian chunks, crc32c chunk checksums and a shard index at the start round-trip", arguments: [false, true])
    func unusualCodecs(sharded: Bool) throws {
        try withTemporaryStore { store in
            var metadata = ArrayMetadata(format: .v3, shape: [20, 30], dataType: .int32, chunkShape: sharded ? [16, 16] : [8, 8],
                                         innerChunkShape: sharded ? [8, 8] : nil, compressor: .zstd(level: 2, checksum: false))
            metadata.byteOrder = .big
            metadata.chunkChecksum = true
            if sharded { metadata.shardIndexLocation = .start }
            let data = patternBytes(count: 20 * 30 * 4, seed: 5)
            let writer = try ZarrArrayWriter(store: store, path: "be", metadata: metadata)
            try writer.writeMetadata()
            try writer.write(origin: [0, 0], shape: [20, 30], data)
            let reader = try ZarrArrayReader.open(store: store, path: "be")
            #expect(reader.metadata == metadata)
            #expect(try reader.readAll() == data)
            #expect(try reader.verifyShards().isEmpty)
        }
    }

    @Test("a v2 big-endian uncompressed chunk stores swapped bytes")
    func v2BigEndianBytes() throws {
        try withTemporaryStore { store in
            var metadata = ArrayMetadata(format: .v2, shape: [2], dataType: .uint16, chunkShape: [2])
            metadata.byteOrder = .big
            let writer = try ZarrArrayWriter(store: store, path: "a", metadata: metadata)
            try writer.writeMetadata()
            try writer.write(origin: [0], shape: [2], littleEndianBytes([0x0102, 0x0304] as [UInt16]))
            #expect(try store.read("a/0") == [0x01, 0x02, 0x03, 0x04])
            #expect(try ZarrArrayReader.open(store: store, path: "a").metadata.json()["dtype"] == ">u2")
            #expect(try ZarrArrayReader.open(store: store, path: "a").readAll() == littleEndianBytes([0x0102, 0x0304] as [UInt16]))
        }
    }

    @Test("misaligned or malformed regions are rejected before anything is written", arguments: [
        ([0, 8, 0], [3, 16, 32], 3 * 16 * 32 * 2),      // origin not on a chunk boundary
        ([0, 0, 0], [3, 20, 32], 3 * 20 * 32 * 2),      // shape neither whole chunks nor reaching the edge
        ([0, 32, 32], [3, 16, 32], 3 * 16 * 32 * 2),    // runs past the array edge
        ([0, 0, 0], [3, 16, 32], 10),                   // data size does not match the shape
        ([0, 0], [3, 16], 3 * 16 * 2),                  // wrong rank
        ([0, 0, 0], [0, 16, 32], 0),                    // empty region
    ])
    func misaligned(origin: [Int], shape: [Int], byteCount: Int) throws {
        try withTemporaryStore { store in
            let metadata = ArrayMetadata(format: .v3, shape: [3, 37, 50], dataType: .uint16, chunkShape: [3, 16, 32])
            let writer = try ZarrArrayWriter(store: store, path: "a", metadata: metadata)
            #expect {
                try writer.write(origin: origin, shape: shape, [UInt8](repeating: 0, count: byteCount))
            } throws: { error in
                guard let error = error as? ZarrError else { return false }
                switch error.kind {
                case .invalidRegion, .sizeMismatch: return error.path == store.location(of: "a")
                default: return false
                }
            }
            #expect(allFiles(under: store.root).isEmpty)
        }
    }

    @Test("sharded writes must align to shards, not inner chunks")
    func shardAlignment() throws {
        try withTemporaryStore { store in
            let metadata = Layout.v3Sharded.metadata(dataType: .uint8, compressor: .none)
            let writer = try ZarrArrayWriter(store: store, path: "a", metadata: metadata)
            #expect(throws: ZarrError.self) {
                try writer.write(origin: [0, 16, 0], shape: [2, 16, 16], [UInt8](repeating: 0, count: 2 * 16 * 16))
            }
            try writer.write(origin: [2, 32, 32], shape: [1, 5, 18], [UInt8](repeating: 1, count: 5 * 18))
            #expect(allFiles(under: store.root) == ["a/c/1/1/1"])
        }
    }

    @Test("inconsistent metadata is rejected when the writer is created", arguments: [
        ArrayMetadata(format: .v2, shape: [4, 4], dataType: .uint8, chunkShape: [2, 2], innerChunkShape: [1, 1]),
        ArrayMetadata(format: .v3, shape: [4, 4], dataType: .uint8, chunkShape: [2]),
        ArrayMetadata(format: .v3, shape: [4, 4], dataType: .uint8, chunkShape: [2, 0]),
        ArrayMetadata(format: .v3, shape: [4], dataType: .uint8, chunkShape: [2], compressor: .blosc(.zstd, clevel: 12, shuffle: .bit)),
        ArrayMetadata(format: .v3, shape: [4], dataType: .uint8, chunkShape: [2], fillValue: -1),
        ArrayMetadata(format: .v3, shape: [4], dataType: .float32, chunkShape: [2], fillValue: "nan"),
        ArrayMetadata(format: .v3, shape: [4], dataType: .uint8, chunkShape: [2], dimensionNames: ["a", "b"]),
        ArrayMetadata(format: .v2, shape: [4], dataType: .uint8, chunkShape: [2], dimensionNames: ["a"]),
        ArrayMetadata(format: .v3, shape: [], dataType: .uint8, chunkShape: []),
    ])
    func invalidMetadata(metadata: ArrayMetadata) throws {
        try withTemporaryStore { store in
            #expect(throws: ZarrError.self) { try ZarrArrayWriter(store: store, path: "a", metadata: metadata) }
        }
    }

    @Test("opening a path without array metadata names the path")
    func missingArray() throws {
        try withTemporaryStore { store in
            #expect {
                try ZarrArrayReader.open(store: store, path: "x/y")
            } throws: { error in
                guard let error = error as? ZarrError, case .missingMetadata = error.kind else { return false }
                return error.description.contains(store.location(of: "x/y"))
            }
        }
    }
}
