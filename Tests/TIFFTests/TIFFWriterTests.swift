import Foundation
import Testing
import TIFF

@Suite("TIFF writer options and safety")
struct TIFFWriterTests {
    @Test("inconsistent input is refused before any file appears", arguments: [
        ("tile side not a multiple of 16", 8, TIFFWriteOptions(layout: .tiles(width: 24, height: 16))),
        ("predictor without a predicting codec", 8, TIFFWriteOptions(compression: .packBits, predictor: true)),
        ("zero rows per strip", 8, TIFFWriteOptions(layout: .strips(rowsPerStrip: 0))),
        ("page of the wrong size", 7, TIFFWriteOptions()),
    ])
    func refusesInconsistentInput(reason: String, rows: Int, options: TIFFWriteOptions) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("refused.tif")
        let error = try #require(throws: TIFFError.self, "\(reason)") {
            try TIFFWriter.write(
                path: path, width: 8, height: 8, sampleType: .uint16,
                pages: [PixelPattern.bytes(.uint16, width: 8, height: rows)], options: options
            )
        }
        guard case .invalidInput = error.kind else {
            Issue.record("expected invalid input for \(reason), got \(error)")
            return
        }
        #expect(try directory.entries().isEmpty)
    }

    @Test("a finished write leaves only the final file, replacing an older one")
    func atomicReplace() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("frame.tif")
        let first = PixelPattern.bytes(.uint16, width: 16, height: 16, seed: 1)
        let second = PixelPattern.bytes(.uint16, width: 16, height: 16, seed: 2)
        try TIFFWriter.write(path: path, width: 16, height: 16, sampleType: .uint16, pages: [first])
        try TIFFWriter.write(path: path, width: 16, height: 16, sampleType: .uint16, pages: [second])
        #expect(try directory.entries() == ["frame.tif"])
        let file = try TIFFFile(path: path)
        #expect(try file.readPage(0) == second)
    }

    @Test("a failed write leaves no temporary file behind")
    func failedWriteCleansUp() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("frame.tif")
        let error = try #require(throws: TIFFError.self) {
            try TIFFWriter.writeRaw(
                path: path, width: 16, height: 16, samplesPerPixel: 1, bitsPerSample: 16, sampleFormat: 1,
                photometric: 1, data: PixelPattern.bytes(.uint16, width: 16, height: 16),
                options: TIFFWriteOptions(compression: .jpeg)
            )
        }
        guard case .writeFailed = error.kind else {
            Issue.record("expected a write failure for 16-bit JPEG, got \(error)")
            return
        }
        #expect(error.path == path)
        #expect(try directory.entries().isEmpty)
    }

    @Test("the image description is stored in the file")
    func imageDescription() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("described.tif")
        let description = "<MetaData><prop id=\"wavelength\" value=\"488\"/></MetaData>"
        try TIFFWriter.write(
            path: path, width: 4, height: 4, sampleType: .uint8, pages: [PixelPattern.bytes(.uint8, width: 4, height: 4)],
            options: TIFFWriteOptions(imageDescription: description)
        )
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.range(of: Data(description.utf8)) != nil)
    }
}
