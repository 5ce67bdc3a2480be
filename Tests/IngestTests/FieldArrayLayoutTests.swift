@testable import Ingest
import Layouts
import NGFF
import Testing
import TIFF
import Zarr

@Suite("FieldArrayLayout: array shapes, chunking, pyramid and OME metadata of every field")
struct FieldArrayLayoutTests {
    /// A tall 2000 × 1500 frame: neither side divides by the 1024 chunk.
    static let tall = PlateGeometry.fixture(height: 2000, width: 1500, channels: [0, 1], zPlanes: [0, 1, 2])
    static let plan = PlatePlan(source: "/plan", scopeDirectory: "/", channels: [
        ChannelInfo(index: 0, name: "DAPI", emissionNanometres: 461), ChannelInfo(index: 1, name: "GFP", emissionNanometres: 520),
        ChannelInfo(index: 2, name: "mCherry", emissionNanometres: 610), ChannelInfo(index: 3, name: "Cy5", emissionNanometres: 670),
    ], pixelSizeMicrons: 0.65, zStepMicrons: 2)

    @Test("axes are c, z, y, x; t leads only when there is more than one timepoint")
    func axes() {
        let single = FieldArrayLayout(geometry: .fixture(height: 64, width: 48, channels: [0, 1], zPlanes: [0, 1, 2],
                                                         timepoints: [5]), options: IngestOptions())
        #expect(single.axes.map(\.name) == ["c", "z", "y", "x"])
        #expect(single.levels[0].shape == [2, 3, 64, 48])
        let series = FieldArrayLayout(geometry: .fixture(height: 64, width: 48, channels: [0, 1], zPlanes: [0, 1, 2],
                                                         timepoints: [0, 1, 2, 3]), options: IngestOptions())
        #expect(series.axes.map(\.name) == ["t", "c", "z", "y", "x"])
        #expect(series.axes.map(\.kind) == [.time, .channel, .space, .space, .space])
        #expect(series.levels[0].shape == [4, 2, 3, 64, 48])
        #expect(series.levels[0].chunkShape.prefix(3) == [1, 2, 1])
        #expect(series.levels[0].innerChunkShape?.prefix(3) == [1, 1, 1])
        #expect(series.regionShape(level: 0, channels: 2) == [1, 2, 1, 64, 48])
        #expect(single.regionShape(level: 0, channels: 1) == [1, 1, 64, 48])
        #expect(series.origin(timepoint: 3, firstChannel: 1, zPlane: 2) == [3, 1, 2, 0, 0])
        #expect(single.origin(timepoint: 3, firstChannel: 1, zPlane: 2) == [1, 2, 0, 0])
    }

    struct ChunkingCase: Sendable, CustomTestStringConvertible {
        let version: NGFFVersion
        let sharding: IngestOptions.Sharding
        let format: ZarrFormat
        let chunkShape: [Int]
        let innerChunkShape: [Int]?
        let dimensionNames: [String]?
        var testDescription: String { "NGFF \(version.rawValue), shard \(sharding.rawValue)" }
    }

    @Test("0.5 shards every channel of a plane, rounded up to whole inner chunks; 0.4 and unsharded 0.5 chunk directly",
          arguments: [
        ChunkingCase(version: .v05, sharding: .plane, format: .v3, chunkShape: [2, 1, 2048, 2048],
                     innerChunkShape: [1, 1, 1024, 1024], dimensionNames: ["c", "z", "y", "x"]),
        ChunkingCase(version: .v05, sharding: .none, format: .v3, chunkShape: [1, 1, 1024, 1024],
                     innerChunkShape: nil, dimensionNames: ["c", "z", "y", "x"]),
        ChunkingCase(version: .v04, sharding: .plane, format: .v2, chunkShape: [1, 1, 1024, 1024],
                     innerChunkShape: nil, dimensionNames: nil),
        ChunkingCase(version: .v04, sharding: .none, format: .v2, chunkShape: [1, 1, 1024, 1024],
                     innerChunkShape: nil, dimensionNames: nil),
    ])
    func chunking(_ expected: ChunkingCase) {
        let compressor = ZarrCompressor.zstd(level: 3, checksum: false)
        let layout = FieldArrayLayout(geometry: Self.tall, options: IngestOptions(
            ngffVersion: expected.version, compressor: compressor, chunkSize: 1024, sharding: expected.sharding))
        let level = layout.levels[0]
        #expect(level.format == expected.format)
        #expect(level.shape == [2, 3, 2000, 1500])
        #expect(level.chunkShape == expected.chunkShape)
        #expect(level.innerChunkShape == expected.innerChunkShape)
        #expect(level.dimensionNames == expected.dimensionNames)
        #expect(level.compressor == compressor)
        #expect(level.dataType == .uint16)
        #expect(layout.levels.allSatisfy { $0.format == expected.format && $0.dimensionNames == expected.dimensionNames })
    }

    @Test("chunks are clipped to small levels and shards cover whole inner chunks at every level")
    func chunksPerLevel() {
        let layout = FieldArrayLayout(geometry: Self.tall, options: IngestOptions(chunkSize: 512))
        #expect(layout.levels.map { Array($0.shape.suffix(2)) } == [[2000, 1500], [1000, 750], [500, 375], [250, 188]])
        #expect(layout.levels.map { $0.innerChunkShape.map { Array($0.suffix(2)) } } ==
            [[512, 512], [512, 512], [500, 375], [250, 188]])
        #expect(layout.levels.map { Array($0.chunkShape.suffix(2)) } == [[2048, 1536], [1024, 1024], [500, 375], [250, 188]])
        for level in layout.levels {
            let inner = level.codecChunkShape
            #expect(zip(level.chunkShape, inner).allSatisfy { $0 % $1 == 0 })
            // One shard per plane position: the whole y/x extent, every channel, a single z.
            #expect(zip(level.chunkShape.suffix(2), level.shape.suffix(2)).allSatisfy { $0 >= $1 })
            #expect(level.chunkShape.prefix(2) == [2, 1])
        }
    }

    @Test("a shard holds as many channels as fit the budget, at least one", arguments: [
        (2048, 2048, 3, 3), (2048, 2048, 8, 6), (8192, 8192, 2, 1), (4096, 4096, 2, 1),
    ])
    func channelsPerShard(height: Int, width: Int, channels: Int, expected: Int) {
        let geometry = PlateGeometry.fixture(height: height, width: width, channels: Array(0..<channels))
        let layout = FieldArrayLayout(geometry: geometry, options: IngestOptions())
        #expect(layout.channelsPerShard == expected)
        #expect(layout.levels.allSatisfy { $0.chunkShape[0] == expected })
        let unsharded = FieldArrayLayout(geometry: geometry, options: IngestOptions(sharding: .none))
        #expect(unsharded.channelsPerShard == 1)
    }

    @Test("the Zarr data type stores the TIFF sample type unchanged", arguments: [
        (TIFFSampleType.uint8, ZarrDataType.uint8), (.uint16, .uint16), (.uint32, .uint32),
        (.int8, .int8), (.int16, .int16), (.int32, .int32), (.float32, .float32),
    ])
    func dataType(sampleType: TIFFSampleType, expected: ZarrDataType) {
        let layout = FieldArrayLayout(geometry: .fixture(height: 8, width: 8, sampleType: sampleType), options: IngestOptions())
        #expect(layout.levels.map(\.dataType) == [expected])
    }

    @Test("levels halve down to the smallest side, capped by --pyramid-levels", arguments: [
        (256, nil, 4), (256, 2, 2), (256, 1, 1), (1000, nil, 2), (2000, nil, 1), (1, nil, 12),
    ] as [(Int, Int?, Int)])
    func levelCount(smallestSide: Int, maximumLevels: Int?, expected: Int) {
        let layout = FieldArrayLayout(geometry: Self.tall, options: IngestOptions(
            pyramidSmallestSide: smallestSide, pyramidMaximumLevels: maximumLevels))
        #expect(layout.levels.count == expected)
        let metadata = layout.imageMetadata(name: "f", channelWindows: [nil, nil])
        #expect(metadata.datasets.map(\.path) == (0..<expected).map(String.init))
    }

    @Test("level n is scaled by 2^n and shifted by (2^n − 1)/2 pixels of level 0")
    func scaleAndTranslation() throws {
        let geometry = PlateGeometry.fixture(height: 2000, width: 1500, channels: [0], plan: Self.plan)
        let metadata = FieldArrayLayout(geometry: geometry, options: IngestOptions()).imageMetadata(name: "f", channelWindows: [nil])
        #expect(metadata.datasets.count == 4)
        for (level, dataset) in metadata.datasets.enumerated() {
            let factor = Double(1 << level)
            #expect(dataset.scale.count == 4)
            #expect(Array(dataset.scale.prefix(2)) == [1, 2])
            #expect(dataset.scale.suffix(2).allSatisfy { abs($0 - 0.65 * factor) < 1e-12 })
            if level == 0 {
                #expect(dataset.translation == nil)
            } else {
                let translation = try #require(dataset.translation)
                #expect(Array(translation.prefix(2)) == [0, 0])
                #expect(translation.suffix(2).allSatisfy { abs($0 - (factor - 1) / 2 * 0.65) < 1e-12 })
            }
        }
        #expect(metadata.axes.map(\.unit) == [nil, "micrometer", "micrometer", "micrometer"])
        #expect(metadata.downscalingType == "local_mean")
    }

    @Test("without a plan pixels and planes are one unit apart and axes carry no unit")
    func noPlanScale() {
        let geometry = PlateGeometry.fixture(height: 600, width: 600, timepoints: [0, 1])
        let metadata = FieldArrayLayout(geometry: geometry, options: IngestOptions()).imageMetadata(name: "f", channelWindows: [nil])
        #expect(metadata.datasets.map(\.scale) == [[1, 1, 1, 1, 1], [1, 1, 1, 2, 2], [1, 1, 1, 4, 4]])
        #expect(metadata.datasets.map(\.translation) == [nil, [0, 0, 0, 0.5, 0.5], [0, 0, 0, 1.5, 1.5]])
        #expect(metadata.axes.allSatisfy { $0.unit == nil })
    }

    @Test("channel labels and colours come from the plan, by instrument channel index")
    func planChannels() {
        let geometry = PlateGeometry.fixture(height: 8, width: 8, channels: [0, 1, 2, 3], plan: Self.plan)
        let channels = FieldArrayLayout(geometry: geometry, options: IngestOptions())
            .imageMetadata(name: "f", channelWindows: [nil, nil, nil, nil]).channels
        #expect(channels.map(\.label) == ["DAPI", "GFP", "mCherry", "Cy5"])
        #expect(channels.map(\.color) == ["0000FF", "00FF00", "FF0000", "FF00FF"])

        let subset = PlateGeometry.fixture(height: 8, width: 8, channels: [3], plan: Self.plan)
        let only = FieldArrayLayout(geometry: subset, options: IngestOptions()).imageMetadata(name: "f", channelWindows: [nil])
        #expect(only.channels.map(\.label) == ["Cy5"])
        #expect(only.channels.map(\.color) == ["FF00FF"])
    }

    @Test("a projected channel says how it was projected; a colour the instrument gives wins")
    func projectedAndColouredChannels() {
        let plan = PlatePlan(source: "m.mlf", scopeDirectory: "/", channels: [
            ChannelInfo(index: 0, name: "405 BP445/45", emissionNanometres: 445, colorRGB: "002FFF", projectionMethod: "Maximum"),
            ChannelInfo(index: 1, name: "Brightfield", colorRGB: "FFFFFF"),
        ])
        let geometry = PlateGeometry.fixture(height: 8, width: 8, channels: [0, 1], plan: plan)
        let channels = FieldArrayLayout(geometry: geometry, options: IngestOptions())
            .imageMetadata(name: "f", channelWindows: [nil, nil]).channels
        #expect(channels.map(\.label) == ["405 BP445/45 (Maximum projection)", "Brightfield"])
        #expect(channels.map(\.color) == ["002FFF", "FFFFFF"])
    }

    @Test("without a plan channels are numbered from 1 and coloured blue, green, red…; a lone channel is white")
    func unnamedChannels() {
        let three = FieldArrayLayout(geometry: .fixture(height: 8, width: 8, channels: [0, 1, 4]), options: IngestOptions())
            .imageMetadata(name: "f", channelWindows: [nil, nil, nil]).channels
        #expect(three.map(\.label) == ["Channel 1", "Channel 2", "Channel 5"])
        #expect(three.map(\.color) == ["0000FF", "00FF00", "FF0000"])
        let one = FieldArrayLayout(geometry: .fixture(height: 8, width: 8, channels: [0]), options: IngestOptions())
            .imageMetadata(name: "f", channelWindows: [nil]).channels
        #expect(one.map(\.color) == ["FFFFFF"])
    }

    @Test("window bounds are the type's range; start and end are the data's range, or the bounds without data")
    func integerWindows() {
        let layout = FieldArrayLayout(geometry: .fixture(height: 8, width: 8, channels: [0, 1]), options: IngestOptions())
        let windows = layout.imageMetadata(name: "f", channelWindows: [ValueRange(min: 100, max: 2000), nil]).channels.map(\.window)
        #expect(windows == [OmeroChannel.Window(min: 0, max: 65535, start: 100, end: 2000),
                            OmeroChannel.Window(min: 0, max: 65535, start: 0, end: 65535)])
    }

    @Test("float windows are bounded by the data, or 0…1 when a channel has no data")
    func floatWindows() {
        let layout = FieldArrayLayout(geometry: .fixture(height: 8, width: 8, sampleType: .float32, channels: [0, 1]),
                                      options: IngestOptions())
        let windows = layout.imageMetadata(name: "f", channelWindows: [ValueRange(min: -1.5, max: 3), nil]).channels.map(\.window)
        #expect(windows == [OmeroChannel.Window(min: -1.5, max: 3, start: -1.5, end: 3),
                            OmeroChannel.Window(min: 0, max: 1, start: 0, end: 1)])
    }
}
