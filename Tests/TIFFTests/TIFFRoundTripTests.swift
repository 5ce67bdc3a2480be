import Foundation
import Testing
import TIFF

/// One combination of sample type and write options for the round-trip matrix.
struct RoundTripCase: CustomTestStringConvertible, Sendable {
    let sampleType: TIFFSampleType
    let options: TIFFWriteOptions

    var testDescription: String {
        let layout = switch options.layout {
        case .strips(let rows): "strips(\(rows))"
        case .tiles(let width, let height): "tiles(\(width)x\(height))"
        }
        return [
            sampleType.rawValue, layout, options.compression.rawValue,
            options.predictor ? "predictor" : nil, options.bigTIFF ? "BigTIFF" : "classic",
            options.bigEndian ? "MM" : "II",
        ].compactMap { $0 }.joined(separator: " ")
    }

    static let all: [RoundTripCase] = {
        let layouts: [TIFFWriteOptions.Layout] = [.strips(rowsPerStrip: 5), .tiles(width: 16, height: 16)]
        let compressions = TIFFCompression.allCases.filter { $0 != .jpeg }
        var cases: [RoundTripCase] = []
        for sampleType in TIFFSampleType.allCases {
            for layout in layouts {
                for compression in compressions {
                    for predictor in compression.acceptsPredictorForTests ? [false, true] : [false] {
                        for bigTIFF in [false, true] {
                            for bigEndian in [false, true] where !(predictor && bigEndian && sampleType == .float32) {
                                let options = TIFFWriteOptions(
                                    compression: compression, layout: layout,
                                    bigTIFF: bigTIFF, bigEndian: bigEndian, predictor: predictor
                                )
                                cases.append(RoundTripCase(sampleType: sampleType, options: options))
                            }
                        }
                    }
                }
            }
        }
        return cases
    }()
}

extension TIFFCompression {
    fileprivate var acceptsPredictorForTests: Bool {
        [.lzw, .deflate, .legacyDeflate, .zstd].contains(self)
    }
}

@Suite("TIFF write and read round trip")
struct TIFFRoundTripTests {
    // 37 × 23 leaves partial strips and partial 16 × 16 tiles on both edges.
    static let width = 37
    static let height = 23

    @Test("pixels and page info survive a round trip", arguments: RoundTripCase.all)
    func roundTrip(_ testCase: RoundTripCase) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("image.tif")
        let pixels = PixelPattern.bytes(testCase.sampleType, width: Self.width, height: Self.height)
        try TIFFWriter.write(
            path: path, width: Self.width, height: Self.height,
            sampleType: testCase.sampleType, pages: [pixels], options: testCase.options
        )

        let file = try TIFFFile(path: path)
        #expect(file.pageCount == 1)
        #expect(file.isBigTIFF == testCase.options.bigTIFF)
        #expect(file.isBigEndian == testCase.options.bigEndian)
        let info = try file.pageInfo(0)
        #expect(info.width == Self.width)
        #expect(info.height == Self.height)
        #expect(info.sampleType == testCase.sampleType)
        #expect(info.isTiled == (testCase.options.layout != .strips(rowsPerStrip: 5)))
        #expect(info.compression == Self.expectedName(testCase.options.compression))
        #expect(try file.readPage(0) == pixels)
    }

    private static func expectedName(_ compression: TIFFCompression) -> String {
        switch compression {
        case .none: "none"
        case .lzw: "LZW"
        case .deflate, .legacyDeflate: "Deflate"
        case .packBits: "PackBits"
        case .zstd: "Zstd"
        case .jpeg: "JPEG"
        }
    }
}
