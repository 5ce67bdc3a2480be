import Config
import Ingest
import NGFF
import Testing
import Zarr

@Suite("[output]: every option lands in the matching IngestOptions field")
struct OutputOptionsTests {
    @Test("codec, level and shuffle combine into the chunk compressor", arguments: [
        ([], ZarrCompressor.blosc(.zstd, clevel: 5, shuffle: .bit)),
        (["level = 1"], .blosc(.zstd, clevel: 1, shuffle: .bit)),
        (["codec = \"blosc-zstd\"", "level = 0", "shuffle = \"none\""], .blosc(.zstd, clevel: 0, shuffle: .none)),
        (["codec = \"blosc-lz4\""], .blosc(.lz4, clevel: 5, shuffle: .bit)),
        (["codec = \"blosc-lz4\"", "level = 9", "shuffle = \"byte\""], .blosc(.lz4, clevel: 9, shuffle: .byte)),
        (["codec = \"zstd\""], .zstd(level: 3, checksum: false)),
        (["codec = \"zstd\"", "level = -7"], .zstd(level: -7, checksum: false)),
        (["codec = \"zstd\"", "level = 22", "shuffle = \"byte\""], .zstd(level: 22, checksum: false)),
        (["codec = \"none\""], ZarrCompressor.none),
    ] as [([String], ZarrCompressor)])
    func compressor(settings: [String], expected: ZarrCompressor) throws {
        let config = try ConfigText.parse(["[output]"] + settings)
        #expect(config.output.compressor == expected)
    }

    @Test("every other option maps to its field")
    func everyOption() throws {
        let config = try ConfigText.parse([
            "[output]", "ngff = \"0.4\"", "chunk = 512", "shard = \"none\"", "pyramid_smallest_side = 128",
            "pyramid_levels = 3", "workers = 3", "durable = true",
        ])
        var expected = IngestOptions()
        expected.ngffVersion = .v04
        expected.chunkSize = 512
        expected.sharding = .none
        expected.pyramidSmallestSide = 128
        expected.pyramidMaximumLevels = 3
        expected.workers = 3
        expected.durableChunks = true
        #expect(config.output == expected)
    }

    @Test("the zero values mean the defaults: no level cap, one worker per core")
    func zeroMeansDefault() throws {
        let config = try ConfigText.parse(["[output]", "pyramid_levels = 0", "workers = 0"])
        #expect(config.output.pyramidMaximumLevels == nil)
        #expect(config.output.workers == IngestOptions.defaultWorkerCount)
        #expect(config.output == IngestOptions())
    }

    @Test("ngff and shard accept each of their values", arguments: [
        ("ngff = \"0.5\"", IngestOptions(ngffVersion: .v05)), ("ngff = \"0.4\"", IngestOptions(ngffVersion: .v04)),
        ("shard = \"plane\"", IngestOptions(sharding: .plane)), ("shard = \"none\"", IngestOptions(sharding: .none)),
        ("durable = false", IngestOptions(durableChunks: false)),
    ])
    func enumerations(setting: String, expected: IngestOptions) throws {
        #expect(try ConfigText.parse(["[output]", setting]).output == expected)
    }

    @Test("an empty file, or an empty [output], gives the defaults")
    func emptyConfig() throws {
        #expect(try ConfigText.parse([]).output == IngestOptions())
        #expect(try ConfigText.parse(["# nothing set", "[output]"]).output == IngestOptions())
    }
}

@Suite("command-line output flags over the config's [output]")
struct OutputOverridesTests {
    @Test("a level alone changes only the level of the config's codec", arguments: [
        (ZarrCompressor.blosc(.lz4, clevel: 5, shuffle: .byte), 9, ZarrCompressor.blosc(.lz4, clevel: 9, shuffle: .byte)),
        (.blosc(.zstd, clevel: 5, shuffle: .bit), 1, .blosc(.zstd, clevel: 1, shuffle: .bit)),
        (.zstd(level: 3, checksum: false), 19, .zstd(level: 19, checksum: false)),
        (.none, 4, .none),
    ] as [(ZarrCompressor, Int, ZarrCompressor)])
    func levelAlone(base: ZarrCompressor, level: Int, expected: ZarrCompressor) throws {
        var options = IngestOptions()
        options.compressor = base
        #expect(try OutputOverrides(level: level).applied(to: options).compressor == expected)
    }

    @Test("a level outside its codec's range is refused, alone or with a codec")
    func levelOutOfRange() {
        var options = IngestOptions()
        options.compressor = .blosc(.lz4, clevel: 5, shuffle: .bit)
        #expect(throws: ConfigError.self) { try OutputOverrides(level: 12).applied(to: options) }
        #expect(throws: ConfigError.self) { try OutputOverrides(codec: "zstd", level: 30).applied(to: options) }
    }

    @Test("a codec with a level replaces the config's codec; other flags leave it alone")
    func codecAndOtherFlags() throws {
        var options = IngestOptions()
        options.compressor = .blosc(.lz4, clevel: 5, shuffle: .byte)
        #expect(try OutputOverrides(codec: "zstd", level: 7).applied(to: options).compressor == .zstd(level: 7, checksum: false))
        let chunked = try OutputOverrides(chunk: 512).applied(to: options)
        #expect(chunked.compressor == options.compressor)
        #expect(chunked.chunkSize == 512)
    }
}
