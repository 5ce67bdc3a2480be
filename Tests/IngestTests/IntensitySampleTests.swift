@testable import Ingest
import Testing
import TIFF

@Suite("IntensitySample: display windows from robust percentiles, and the ranges of sample types")
struct IntensitySampleTests {
    static func range(_ values: [Double], as sampleType: TIFFSampleType) -> ValueRange? {
        SampleValues.bytes(values, as: sampleType).withUnsafeBytes { IntensitySample.of($0, sampleType: sampleType).window }
    }

    @Test("the window of a small plane (every value sampled) spans its smallest and largest value",
          arguments: TIFFSampleType.allCases)
    func scatteredPlane(sampleType: TIFFSampleType) throws {
        let values = SampleValues.scattered(count: 97, as: sampleType, seed: 7)
        let lowest = try #require(values.min()), highest = try #require(values.max())
        #expect(lowest < highest)
        #expect(Self.range(values, as: sampleType) == ValueRange(min: lowest, max: highest))
    }

    @Test("type limits are reported exactly", arguments: [
        (TIFFSampleType.uint8, 0.0, Double(UInt8.max)), (.uint16, 0, Double(UInt16.max)), (.uint32, 0, Double(UInt32.max)),
        (.int8, Double(Int8.min), Double(Int8.max)), (.int16, Double(Int16.min), Double(Int16.max)),
        (.int32, Double(Int32.min), Double(Int32.max)),
        (.float32, -Double(Float.greatestFiniteMagnitude), Double(Float.greatestFiniteMagnitude)),
    ])
    func limits(sampleType: TIFFSampleType, lowest: Double, highest: Double) {
        #expect(Self.range([highest, lowest, 0], as: sampleType) == ValueRange(min: lowest, max: highest))
    }

    @Test("a single value is both ends of the range", arguments: TIFFSampleType.allCases)
    func constantPlane(sampleType: TIFFSampleType) {
        #expect(Self.range([5, 5, 5], as: sampleType) == ValueRange(min: 5, max: 5))
    }

    @Test("an empty plane has no range", arguments: TIFFSampleType.allCases)
    func emptyPlane(sampleType: TIFFSampleType) {
        #expect(Self.range([], as: sampleType) == nil)
    }

    @Test("NaNs are skipped; a plane of NaNs only has no range")
    func floatNaNs() {
        #expect(Self.range([.nan, .nan, .nan], as: .float32) == nil)
        #expect(Self.range([.nan, 2.5, -3, .nan], as: .float32) == ValueRange(min: -3, max: 2.5))
        #expect(Self.range([-.infinity, .nan, .infinity], as: .float32) == ValueRange(min: -.infinity, max: .infinity))
    }

    @Test("typeRange is the full range of integer types and nil for floats", arguments: [
        (TIFFSampleType.uint8, ValueRange(min: 0, max: 255)), (.uint16, ValueRange(min: 0, max: 65535)),
        (.uint32, ValueRange(min: 0, max: 4_294_967_295)), (.int8, ValueRange(min: -128, max: 127)),
        (.int16, ValueRange(min: -32768, max: 32767)), (.int32, ValueRange(min: -2_147_483_648, max: 2_147_483_647)),
        (.float32, nil),
    ] as [(TIFFSampleType, ValueRange?)])
    func typeRange(sampleType: TIFFSampleType, expected: ValueRange?) {
        #expect(ValueRange.typeRange(sampleType) == expected)
    }

    @Test("a few hot pixels do not set the window, and every field of a well shares it")
    func hotPixelsAndMergedFields() {
        var plane = [Double](repeating: 100, count: 100_000)
        for index in stride(from: 0, to: plane.count, by: 20_000) { plane[index] = 65535 }
        let dim = [Double](repeating: 20, count: 100_000)
        var well = IntensitySample()
        for field in [plane, dim] {
            well.merge(SampleValues.bytes(field, as: .uint16).withUnsafeBytes { IntensitySample.of($0, sampleType: .uint16) })
        }
        #expect(well.window == ValueRange(min: 20, max: 100))
    }

    @Test("a merged sample stays within its capacity")
    func bounded() {
        let plane = SampleValues.bytes((0..<1_000_000).map { Double($0 % 4000) }, as: .uint16)
        var well = IntensitySample()
        for _ in 0..<40 {
            well.merge(plane.withUnsafeBytes { IntensitySample.of($0, sampleType: .uint16) })
        }
        #expect(well.values.count <= IntensitySample.capacity)
        #expect(well.values.count > IntensitySample.capacity / 2)
    }
}
