import Foundation
import PlateDropTestSupport
import Testing
import TIFF

/// Palette pages whose colour map is a linear grey ramp read as greyscale (the index is the grey value);
/// any other colour map stays refused, naming why.
@Suite("TIFF palette pages")
struct TIFFPaletteTests {
    /// A grey ramp whose entry `i` is `i × step` in all three tables, or a map built by `entry(table, index)`.
    static func colormap(bitsPerSample: Int, entry: (_ table: Int, _ index: Int) -> UInt16) -> [UInt16] {
        let entries = 1 << bitsPerSample
        return (0..<(3 * entries)).map { entry($0 / entries, $0 % entries) }
    }

    static func writePalette(_ path: String, bitsPerSample: Int, data: [UInt8], colormap: [UInt16]) throws {
        try TIFFWriter.writeRaw(path: path, width: 16, height: 8, samplesPerPixel: 1, bitsPerSample: bitsPerSample,
                                sampleFormat: 1, photometric: 3, data: data, colormap: colormap)
    }

    /// Photoshop-style ramps step by 256 (the Cellomics conversions of the corpus), libtiff-style ones by 257.
    @Test("an 8-bit grey ramp reads as uint8, pixels equal to the indices", arguments: [256, 257])
    func eightBitGreyRamp(step: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ramp.tif")
        let indices = (0..<128).map { UInt8(($0 * 37) % 256) }
        try Self.writePalette(path, bitsPerSample: 8, data: indices,
                              colormap: Self.colormap(bitsPerSample: 8) { _, index in UInt16(index * step) })
        let file = try TIFFFile(path: path)
        let info = try file.pageInfo(0)
        #expect(info.sampleType == .uint8)
        #expect(info.width == 16 && info.height == 8)
        #expect(try file.readPage(0) == indices)
    }

    @Test("a 16-bit grey ramp reads as uint16")
    func sixteenBitGreyRamp() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("ramp16.tif")
        let values = (0..<128).map { UInt16($0 * 511) }
        let data = values.withUnsafeBytes { Array($0) }
        try Self.writePalette(path, bitsPerSample: 16, data: data,
                              colormap: Self.colormap(bitsPerSample: 16) { _, index in UInt16(index) })
        let file = try TIFFFile(path: path)
        #expect(try file.pageInfo(0).sampleType == .uint16)
        #expect(try file.readPage(0) == data)
    }

    /// Palettes that are not a grey ramp: a colour in one table, a curve instead of a line, a ramp that
    /// does not start at black.
    @Test("other palettes are refused, naming the colour map", arguments: ["one table differs", "gamma curve", "offset"])
    func otherPalettesAreRefused(kind: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("colour.tif")
        let map = Self.colormap(bitsPerSample: 8) { table, index in
            switch kind {
            case "one table differs": table == 1 && index == 200 ? 0 : UInt16(index * 257)
            case "gamma curve": UInt16((pow(Double(index) / 255, 2.2) * 65535).rounded())
            default: UInt16(1000 + index * 200)
            }
        }
        try Self.writePalette(path, bitsPerSample: 8, data: [UInt8](repeating: 4, count: 128), colormap: map)
        let file = try TIFFFile(path: path)
        let error = try #require(throws: TIFFError.self) { try file.readPage(0) }
        guard case .unsupported(_, let property, let found, let expected) = error.kind else {
            Issue.record("expected an unsupported-property error, got \(error)")
            return
        }
        #expect(property == "photometric interpretation")
        #expect(found == "palette whose colour map is not a linear grey ramp")
        #expect(expected.contains("grey ramp"))
        #expect(error.description.contains("colour.tif"))
    }

    /// The Cellomics illumination-correction images of the corpus are 8-bit palette TIFFs with a grey ramp.
    @Test(.enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
    func corpusCellomicsPaletteImagesReadAsGrey() throws {
        let files = RealExportCorpus.files(under: "cellomics/cellprofiler-examples/ExampleIlluminationCorrection",
                                           extensions: ["tif"])
        #expect(files.count == 72)
        let file = try TIFFFile(path: RealExportCorpus.path(try #require(files.first)))
        let info = try file.pageInfo(0)
        #expect(info.sampleType == .uint8 && info.width == 512 && info.height == 512)
        let pixels = try file.readPage(0)
        #expect(Set(pixels).count > 10, "a real image has more than a handful of grey levels")
    }
}
