@testable import Ingest
import Testing
import TIFF

@Suite("Downsampler: 2×2 mean, integers rounded half up, odd edges averaged over the pixels present")
struct DownsamplerTests {
    static let sizes = [
        PlaneSize(height: 1, width: 1), PlaneSize(height: 1, width: 6), PlaneSize(height: 7, width: 1),
        PlaneSize(height: 3, width: 5), PlaneSize(height: 4, width: 4), PlaneSize(height: 5, width: 7),
        // Wide enough for the 16-pixel vector path, with scalar tails and an odd last row.
        PlaneSize(height: 2, width: 16), PlaneSize(height: 6, width: 48), PlaneSize(height: 5, width: 37),
    ]

    /// Runs the product's downsampler on `values` and returns the output values.
    static func halved(_ values: [Double], height: Int, width: Int, as sampleType: TIFFSampleType) -> [Double] {
        let source = SampleValues.bytes(values, as: sampleType)
        let outputCount = Downsampler.halvedExtent(height) * Downsampler.halvedExtent(width)
        var output = [UInt8](repeating: 0xA5, count: outputCount * sampleType.byteCount)
        source.withUnsafeBytes { sourceBytes in
            output.withUnsafeMutableBytes { outputBytes in
                Downsampler.halve(sourceBytes, height: height, width: width, into: outputBytes, sampleType: sampleType)
            }
        }
        return SampleValues.values(output, as: sampleType)
    }

    @Test("halved extents round up so no edge pixel is dropped", arguments: [
        (1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (2047, 1024), (2048, 1024),
    ])
    func halvedExtent(input: Int, expected: Int) {
        #expect(Downsampler.halvedExtent(input) == expected)
    }

    @Test("every sample type and plane shape matches the mean computed independently",
          arguments: TIFFSampleType.allCases, sizes)
    func matchesReference(sampleType: TIFFSampleType, size: PlaneSize) {
        let values = SampleValues.scattered(count: size.count, as: sampleType, seed: UInt64(size.count))
        let expected = ReferenceHalving.halve(values, height: size.height, width: size.width,
                                              integers: SampleValues.isInteger(sampleType))
        #expect(Self.halved(values, height: size.height, width: size.width, as: sampleType) == expected)
    }

    /// Hand-worked cases: 2×2 blocks, a lone edge pair and a corner, with negative sums for signed types.
    @Test("rounding is floor(mean + ½), also for negative means", arguments: [
        // 2×2: (1+2+2+2)/4 = 1.75 → 2; (1+1+2+2)/4 = 1.5 → 2; (1+1+1+2)/4 = 1.25 → 1.
        ([1, 2, 2, 2], 2, 2, [2]), ([1, 1, 2, 2], 2, 2, [2]), ([1, 1, 1, 2], 2, 2, [1]),
        // −1.75 → −2; −1.5 → −1 (half up, not away from zero); −1.25 → −1.
        ([-1, -2, -2, -2], 2, 2, [-2]), ([-1, -1, -2, -2], 2, 2, [-1]), ([-1, -1, -1, -2], 2, 2, [-1]),
        // Odd width: the last column pairs two rows, −1.5 → −1 and 2.5 → 3; odd height likewise.
        ([-1, -2], 2, 1, [-1]), ([2, 3], 2, 1, [3]), ([-1, -2], 1, 2, [-1]), ([2, 3], 1, 2, [3]),
        // 3×3: four blocks of 4, 2, 2 and 1 pixels.
        ([0, 1, -3, 1, 1, -4, -5, -6, 7], 3, 3, [1, -3, -5, 7]),
    ] as [([Double], Int, Int, [Double])])
    func roundingHalfUp(values: [Double], height: Int, width: Int, expected: [Double]) {
        for sampleType in [TIFFSampleType.int8, .int16, .int32] {
            #expect(Self.halved(values, height: height, width: width, as: sampleType) == expected, "\(sampleType)")
        }
    }

    @Test("extreme integer values do not overflow", arguments: [
        (TIFFSampleType.uint32, Double(UInt32.max)), (.uint32, 0), (.int32, Double(Int32.min)), (.int32, Double(Int32.max)),
        (.uint16, Double(UInt16.max)), (.int16, Double(Int16.min)), (.uint8, Double(UInt8.max)), (.int8, Double(Int8.min)),
    ])
    func uniformExtremes(sampleType: TIFFSampleType, value: Double) {
        for size in [PlaneSize(height: 5, width: 7), PlaneSize(height: 3, width: 33)] {
            let output = Self.halved(Array(repeating: value, count: size.count), height: size.height, width: size.width,
                                     as: sampleType)
            let outputCount = Downsampler.halvedExtent(size.height) * Downsampler.halvedExtent(size.width)
            #expect(output == Array(repeating: value, count: outputCount), "\(size)")
        }
    }

    @Test("means next to the type limits round to the limit")
    func nearLimits() {
        let top = Double(UInt32.max), bottom = Double(Int32.min)
        // (4·max − 1)/4 rounds up to max; (4·min + 3)/4 = min + 0.75 rounds to min + 1; (4·min + 1)/4 to min.
        #expect(Self.halved([top, top, top, top - 1], height: 2, width: 2, as: .uint32) == [top])
        #expect(Self.halved([bottom, bottom + 1, bottom + 1, bottom + 1], height: 2, width: 2, as: .int32) == [bottom + 1])
        #expect(Self.halved([bottom, bottom, bottom, bottom + 1], height: 2, width: 2, as: .int32) == [bottom])
        #expect(Self.halved([top, top - 1], height: 1, width: 2, as: .uint32) == [top])
    }

    @Test("float means of the largest finite values stay finite", arguments: [Float.greatestFiniteMagnitude, -Float.greatestFiniteMagnitude])
    func floatExtremes(value: Float) {
        let size = PlaneSize(height: 3, width: 3)
        let output = Self.halved(Array(repeating: Double(value), count: size.count), height: size.height,
                                 width: size.width, as: .float32)
        #expect(output == Array(repeating: Double(value), count: 4))
    }
}
