import Foundation
import PlateDropTestSupport
import Testing
import TIFF

@Suite("TIFF ImageDescription tag")
struct TIFFDescriptionTests {
    private static let pixels = PixelPattern.bytes(.uint16, width: 16, height: 8)

    private func write(_ name: String, in directory: borrowing TemporaryDirectory, description: String?,
                       pages: Int = 1, options: TIFFWriteOptions = .init()) throws -> String {
        let path = directory.file(name)
        var options = options
        options.imageDescription = description
        try TIFFWriter.write(path: path, width: 16, height: 8, sampleType: .uint16,
                             pages: Array(repeating: Self.pixels, count: pages), options: options)
        return path
    }

    @Test("the description written is the description read, on every page and in every byte order", arguments: [
        TIFFWriteOptions(), TIFFWriteOptions(bigTIFF: true), TIFFWriteOptions(bigEndian: true),
    ])
    func roundTrip(options: TIFFWriteOptions) throws {
        let directory = try TemporaryDirectory()
        let description = "<MetaData>\n<prop id=\"spatial-calibration-units\" type=\"string\" value=\"µm\"/>\n</MetaData>"
        let path = try write("described.tif", in: directory, description: description, pages: 3, options: options)
        let file = try TIFFFile(path: path)
        #expect(try file.imageDescription() == description)
        #expect(try file.imageDescription(page: 2) == description)
        #expect(try file.readPage(1) == Self.pixels, "reading the description leaves pixel reading working")
        #expect(try file.imageDescription(page: 0) == description, "going back to the first page")
    }

    @Test("a file without the tag has no description")
    func absent() throws {
        let directory = try TemporaryDirectory()
        let file = try TIFFFile(path: try write("plain.tif", in: directory, description: nil))
        #expect(try file.imageDescription() == nil)
    }

    @Test("bytes that are not UTF-8 are read as Latin-1")
    func latin1() throws {
        let directory = try TemporaryDirectory()
        let path = try write("latin1.tif", in: directory, description: "pixel 0.65 #m, 20#C")
        // Replace each '#' (one byte) with the Latin-1 byte of µ and °, which alone are not valid UTF-8.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let marker = Array("pixel 0.65 #m, 20#C".utf8)
        let start = try #require((0...(bytes.count - marker.count)).first { Array(bytes[$0..<($0 + marker.count)]) == marker })
        bytes[start + 11] = 0xB5
        bytes[start + 17] = 0xB0
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let file = try TIFFFile(path: path)
        #expect(try file.imageDescription() == "pixel 0.65 \u{00B5}m, 20\u{00B0}C")
    }

    @Test("the description of a page that does not exist is an error naming the file")
    func pageOutOfRange() throws {
        let directory = try TemporaryDirectory()
        let path = try write("two.tif", in: directory, description: "x", pages: 2)
        let file = try TIFFFile(path: path)
        for page in [2, -1] {
            let error = try #require(throws: TIFFError.self) { try file.imageDescription(page: page) }
            #expect(error.kind == .pageOutOfRange(page: page, count: 2))
            #expect(error.path == path)
        }
    }

    @Test("pages whose pixels PlateDrop rejects still give their description")
    func rejectedPixels() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("rgb.tif")
        try TIFFWriter.writeRaw(path: path, width: 4, height: 4, samplesPerPixel: 3, bitsPerSample: 8, sampleFormat: 1,
                                photometric: 2, data: [UInt8](repeating: 7, count: 48),
                                options: TIFFWriteOptions(imageDescription: "colour camera"))
        let file = try TIFFFile(path: path)
        #expect(throws: TIFFError.self) { try file.pageInfo(0) }
        #expect(try file.imageDescription() == "colour camera")
    }
}

/// Descriptions of real instrument TIFFs from the corpus.
@Suite("TIFF ImageDescription of real files", .enabled(if: RealExportCorpus.isPresent, RealExportCorpus.absenceNote))
struct TIFFRealDescriptionTests {
    @Test("a MetaXpress TIFF carries MetaSeries XML")
    func metaXpress() throws {
        let file = try TIFFFile(path: RealExportCorpus.path(
            "imagexpress/faim-ipa-metaxpress-stored/Projection-Mix/2023-02-21/1334/"
                + "Projection-Mix_E07_s1_w1E94C24BD-45E4-450A-9919-257C714278F7.tif"))
        let description = try #require(try file.imageDescription())
        #expect(description.hasPrefix("<MetaData>"))
        #expect(description.hasSuffix("</MetaData>"))
        #expect(description.contains("<prop id=\"spatial-calibration-x\" type=\"float\" value=\"1.3668\"/>"))
        #expect(description.contains("<custom-prop id=\"Z Projection Method\" type=\"string\" value=\"Maximum\"/>"))
        #expect(description.contains("Gain: 16-bit (low noise &#38; high well capacity)"), "escapes are left to the XML reader")
    }

    @Test("an older MetaMorph TIFF carries plain text; a Phenix TIFF none")
    func otherInstruments() throws {
        let metaMorph = try TIFFFile(path: RealExportCorpus.path(
            "imagexpress/cellprofiler-examples/ExampleUntangleWorms/images/"
                + "1649_1109_0003_Amp5-1_B_20070424_C01_w1_10E01AFB-34C4-416E-A9D3-51B90AB53728.tif"))
        #expect(try metaMorph.imageDescription()?.hasPrefix("Exposure: 25 ms\r\nBinning: 2 x 2") == true)
        let phenix = try TIFFFile(path: RealExportCorpus.path(
            "harmony/pe2loaddata-phenix/Version5/images/r01c01f01p01-ch1sk1fk1fl1.tiff"))
        #expect(try phenix.imageDescription() == nil)
    }
}
