import Foundation
import Testing
import TIFF

/// A page written with tag values the reader must refuse, and the property it should name.
struct RejectedPage: CustomTestStringConvertible, Sendable {
    let name: String
    let samplesPerPixel: Int
    let bitsPerSample: Int
    let sampleFormat: Int
    let photometric: Int
    let property: String
    let found: String

    var testDescription: String { name }

    static let all: [RejectedPage] = [
        RejectedPage(name: "RGB", samplesPerPixel: 3, bitsPerSample: 8, sampleFormat: 1, photometric: 2,
                     property: "photometric interpretation", found: "RGB"),
        RejectedPage(name: "colour palette", samplesPerPixel: 1, bitsPerSample: 8, sampleFormat: 1, photometric: 3,
                     property: "photometric interpretation", found: "palette whose colour map is not a linear grey ramp"),
        RejectedPage(name: "MinIsWhite", samplesPerPixel: 1, bitsPerSample: 16, sampleFormat: 1, photometric: 0,
                     property: "photometric interpretation", found: "MinIsWhite"),
        RejectedPage(name: "two grey samples", samplesPerPixel: 2, bitsPerSample: 8, sampleFormat: 1, photometric: 1,
                     property: "samples per pixel", found: "2"),
        RejectedPage(name: "1-bit", samplesPerPixel: 1, bitsPerSample: 1, sampleFormat: 1, photometric: 1,
                     property: "bits per sample", found: "1 (unsigned integer samples)"),
        RejectedPage(name: "12-bit", samplesPerPixel: 1, bitsPerSample: 12, sampleFormat: 1, photometric: 1,
                     property: "bits per sample", found: "12 (unsigned integer samples)"),
        RejectedPage(name: "64-bit integer", samplesPerPixel: 1, bitsPerSample: 64, sampleFormat: 2, photometric: 1,
                     property: "bits per sample", found: "64 (signed integer samples)"),
        RejectedPage(name: "64-bit float", samplesPerPixel: 1, bitsPerSample: 64, sampleFormat: 3, photometric: 1,
                     property: "bits per sample", found: "64 (IEEE float samples)"),
        RejectedPage(name: "16-bit float", samplesPerPixel: 1, bitsPerSample: 16, sampleFormat: 3, photometric: 1,
                     property: "bits per sample", found: "16 (IEEE float samples)"),
        RejectedPage(name: "complex integer", samplesPerPixel: 1, bitsPerSample: 32, sampleFormat: 5, photometric: 1,
                     property: "sample format", found: "complex integer"),
        RejectedPage(name: "complex float", samplesPerPixel: 1, bitsPerSample: 64, sampleFormat: 6, photometric: 1,
                     property: "sample format", found: "complex IEEE float"),
        RejectedPage(name: "void samples", samplesPerPixel: 1, bitsPerSample: 16, sampleFormat: 4, photometric: 1,
                     property: "sample format", found: "void"),
    ]
}

@Suite("TIFF reader rejections")
struct TIFFRejectionTests {
    static let fileName = "plate_A01_s1_w1.tif"

    @Test("unsupported pixel formats name the property and the value found", arguments: RejectedPage.all)
    func rejectsPixelFormat(_ page: RejectedPage) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file(Self.fileName)
        let width = 20
        let height = 10
        let rowBytes = (width * page.samplesPerPixel * page.bitsPerSample + 7) / 8
        let data = (0..<(rowBytes * height)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        // A red ramp: the palette maps indices to colours, not to greys.
        let entries = 1 << page.bitsPerSample
        let colormap = page.photometric == 3 ? (0..<(3 * entries)).map { $0 < entries ? UInt16($0) * 257 : 0 } : nil
        try TIFFWriter.writeRaw(
            path: path, width: width, height: height, samplesPerPixel: page.samplesPerPixel,
            bitsPerSample: page.bitsPerSample, sampleFormat: page.sampleFormat, photometric: page.photometric,
            data: data, colormap: colormap
        )

        let file = try TIFFFile(path: path)
        let infoError = try #require(throws: TIFFError.self) { try file.pageInfo(0) }
        expectUnsupported(infoError, property: page.property, found: page.found)
        let readError = try #require(throws: TIFFError.self) { try file.readPage(0) }
        #expect(readError == infoError)
    }

    @Test("JPEG compression is refused")
    func rejectsJPEG() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file(Self.fileName)
        let pixels = PixelPattern.bytes(.uint8, width: 32, height: 32)
        try TIFFWriter.write(
            path: path, width: 32, height: 32, sampleType: .uint8, pages: [pixels],
            options: TIFFWriteOptions(compression: .jpeg, layout: .strips(rowsPerStrip: 16))
        )
        let file = try TIFFFile(path: path)
        let error = try #require(throws: TIFFError.self) { try file.readPage(0) }
        expectUnsupported(error, property: "compression", found: "JPEG")
        #expect(error.description.contains("none, LZW, Deflate, PackBits or Zstd"))
    }

    @Test("a directory without ImageWidth is reported as missing that tag")
    func rejectsMissingImageWidth() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file(Self.fileName)
        let tiff = HandBuiltTIFF(bigEndian: false, entries: [
            .init(tag: 257, type: 3, value: 4), .init(tag: 258, type: 3, value: 8), .init(tag: 259, type: 3, value: 1),
            .init(tag: 262, type: 3, value: 1), .init(tag: 277, type: 3, value: 1), .init(tag: 278, type: 3, value: 4),
            .init(tag: 279, type: 4, value: 16),
        ], stripData: Array(0..<16))
        try Data(tiff.bytes()).write(to: URL(fileURLWithPath: path))

        let error = try #require(throws: TIFFError.self) { _ = try TIFFFile(path: path) }
        #expect(error.kind == .missingTag(page: 0, tag: "ImageWidth"))
        #expect(error.path == path)
        #expect(error.description.contains(Self.fileName))
    }

    @Test("a zero-byte file is reported as empty")
    func rejectsEmptyFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file(Self.fileName)
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let error = try #require(throws: TIFFError.self) { _ = try TIFFFile(path: path) }
        #expect(error.kind == .emptyFile)
        #expect(error.description.contains(Self.fileName))
    }

    @Test("a text file named .tif is not a TIFF file")
    func rejectsTextFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file(Self.fileName)
        try "hello, this is not an image\n".write(toFile: path, atomically: false, encoding: .utf8)
        let error = try #require(throws: TIFFError.self) { _ = try TIFFFile(path: path) }
        #expect(error.kind == .notTIFF(signature: "68 65 6C 6C"))
        #expect(error.description.contains(Self.fileName))
        #expect(error.description.contains("not a TIFF file"))
    }

    @Test("a missing file or a folder cannot be opened")
    func rejectsMissingFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file(Self.fileName)
        let error = try #require(throws: TIFFError.self) { _ = try TIFFFile(path: path) }
        #expect(error.kind == .cannotOpen(reason: "No such file or directory"))
        #expect(error.description.contains(Self.fileName))

        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        let folderError = try #require(throws: TIFFError.self) { _ = try TIFFFile(path: path) }
        #expect(folderError.kind == .cannotOpen(reason: "it is a directory"))
    }

    @Test("undecodable pixel data inside the file is reported as corrupt, naming page and strip")
    func reportsCorruptStrip() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file(Self.fileName)
        let garbage = [UInt8](repeating: 0xFF, count: 64)
        let tiff = HandBuiltTIFF(bigEndian: false, entries: [
            .init(tag: 256, type: 3, value: 8), .init(tag: 257, type: 3, value: 4), .init(tag: 258, type: 3, value: 16),
            .init(tag: 259, type: 3, value: 8), .init(tag: 262, type: 3, value: 1), .init(tag: 277, type: 3, value: 1),
            .init(tag: 278, type: 3, value: 4), .init(tag: 279, type: 4, value: UInt32(garbage.count)),
        ], stripData: garbage)
        try Data(tiff.bytes()).write(to: URL(fileURLWithPath: path))

        let file = try TIFFFile(path: path)
        let error = try #require(throws: TIFFError.self) { try file.readPage(0) }
        guard case .corrupt(let page, let detail) = error.kind else {
            Issue.record("expected a corrupt-data error, got \(error)")
            return
        }
        #expect(page == 0)
        #expect(detail.hasPrefix("strip 0 of 1"))
    }

    private func expectUnsupported(_ error: TIFFError, property: String, found: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard case .unsupported(let page, let actualProperty, let actualFound, _) = error.kind else {
            Issue.record("expected an unsupported-property error, got \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(page == 0, sourceLocation: sourceLocation)
        #expect(actualProperty == property, sourceLocation: sourceLocation)
        #expect(actualFound == found, sourceLocation: sourceLocation)
        #expect(error.description.contains(Self.fileName), sourceLocation: sourceLocation)
        #expect(error.description.contains("unsupported \(property) \(found) (expected "), sourceLocation: sourceLocation)
    }
}
