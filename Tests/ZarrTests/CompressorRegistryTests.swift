import Testing
@testable import Zarr

@Suite("CompressorRegistry: every registered codec reads back what it writes")
struct CompressorRegistryTests {
    /// One configuration per registered codec, at a level inside its range.
    static let compressors: [ZarrCompressor] = [.blosc(.lz4, clevel: 7, shuffle: .byte), .zstd(level: 11, checksum: true)]

    @Test func theExamplesCoverEveryRegisteredCodec() {
        #expect(Set(Self.compressors.compactMap(\.name)) == Set(CompressorRegistry.names))
    }

    @Test(arguments: compressors, [ZarrFormat.v2, .v3])
    func metadataRoundTrips(compressor: ZarrCompressor, format: ZarrFormat) throws {
        let metadata = ArrayMetadata(format: format, shape: [3, 40], dataType: .uint16, chunkShape: [1, 40], compressor: compressor)
        let parsed = try ArrayMetadata.parse(metadata.json(), format: format, path: "a/zarr.json")
        #expect(parsed.compressor == compressor)
        #expect(parsed.compressor != compressor.withLevel(compressor.level! - 1))
    }

    @Test(arguments: compressors)
    func levelsOutsideTheCodecsRangeAreRefused(compressor: ZarrCompressor) throws {
        let levels = try #require(compressor.codec.map { type(of: $0).levels })
        let tooHigh = ArrayMetadata(format: .v3, shape: [4], dataType: .uint8, chunkShape: [4],
                                    compressor: compressor.withLevel(levels.upperBound + 1))
        let error = try #require(throws: ZarrError.self) { try tooHigh.validate(path: "a/zarr.json") }
        #expect("\(error)".contains("\(compressor.name!) level"), "\(error)")
        let highest = ArrayMetadata(format: .v3, shape: [4], dataType: .uint8, chunkShape: [4],
                                    compressor: compressor.withLevel(levels.upperBound))
        try highest.validate(path: "a/zarr.json")
    }
}
