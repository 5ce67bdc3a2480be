import Foundation
import Testing
import TIFF

@Suite("TIFF reader pages, buffers and truncation")
struct TIFFReaderTests {
    @Test("multi-page files read page by page", arguments: [
        TIFFWriteOptions.Layout.strips(rowsPerStrip: 7), .tiles(width: 32, height: 48),
    ])
    func multiPage(layout: TIFFWriteOptions.Layout) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("stack.tif")
        let pages = (0..<3).map { PixelPattern.bytes(.uint16, width: 100, height: 70, seed: $0) }
        try TIFFWriter.write(
            path: path, width: 100, height: 70, sampleType: .uint16, pages: pages,
            options: TIFFWriteOptions(compression: .lzw, layout: layout, predictor: true)
        )

        let file = try TIFFFile(path: path)
        #expect(file.pageCount == 3)
        for (index, expected) in pages.enumerated() {
            #expect(try file.pageInfo(index).width == 100)
            #expect(try file.readPage(index) == expected)
        }
        #expect(pages[0] != pages[1])
        #expect(try file.readPage(0) == pages[0], "going back to an earlier page")
    }

    @Test("reading into a caller's buffer gives the same bytes; a wrong size is refused")
    func readIntoBuffer() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("frame.tif")
        let pixels = PixelPattern.bytes(.int16, width: 512, height: 300)
        try TIFFWriter.write(
            path: path, width: 512, height: 300, sampleType: .int16, pages: [pixels],
            options: TIFFWriteOptions(compression: .zstd, layout: .strips(rowsPerStrip: 300), predictor: true)
        )
        let file = try TIFFFile(path: path)

        var buffer = [UInt8](repeating: 0, count: pixels.count)
        try buffer.withUnsafeMutableBytes { try file.readPage(0, into: $0) }
        #expect(buffer == pixels)

        var short = [UInt8](repeating: 0, count: pixels.count - 2)
        let error = try #require(throws: TIFFError.self) {
            try short.withUnsafeMutableBytes { try file.readPage(0, into: $0) }
        }
        #expect(error.kind == .bufferSize(expected: pixels.count, found: pixels.count - 2))
        #expect(error.description.contains("frame.tif"))
    }

    @Test("asking for a page that does not exist names the page count")
    func pageOutOfRange() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("two.tif")
        let pixels = PixelPattern.bytes(.uint8, width: 8, height: 8)
        try TIFFWriter.write(path: path, width: 8, height: 8, sampleType: .uint8, pages: [pixels, pixels])
        let file = try TIFFFile(path: path)
        for page in [2, -1] {
            let error = try #require(throws: TIFFError.self) { try file.readPage(page) }
            #expect(error.kind == .pageOutOfRange(page: page, count: 2))
        }
    }

    @Test("a cut-off copy reads its complete pages and reports the page and block that is missing", arguments: [
        TIFFWriteOptions.Layout.strips(rowsPerStrip: 8), .tiles(width: 16, height: 16),
    ])
    func truncatedPixelData(layout: TIFFWriteOptions.Layout) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("plate_B02_s1_w1.tif")
        let pages = (0..<2).map { PixelPattern.bytes(.uint16, width: 40, height: 40, seed: $0) }
        try TIFFWriter.write(
            path: path, width: 40, height: 40, sampleType: .uint16, pages: pages,
            options: TIFFWriteOptions(compression: .deflate, layout: layout)
        )
        try TIFFFile(path: path).verifyDataLiesInsideFile()
        try cut(path, removingLast: 50)

        let file = try TIFFFile(path: path)
        // The cheap check, from the directories alone, sees the same cut.
        let extentError = try #require(throws: TIFFError.self) { try file.verifyDataLiesInsideFile() }
        guard case .truncated(1, let extentDetail) = extentError.kind else {
            Issue.record("expected a truncation in page 1, got \(extentError)")
            return
        }
        #expect(extentDetail.contains("past the file's"), "\(extentDetail)")
        #expect(file.pageCount == 2)
        #expect(try file.readPage(0) == pages[0])
        let error = try #require(throws: TIFFError.self) { try file.readPage(1) }
        guard case .truncated(let page, let detail) = error.kind else {
            Issue.record("expected a truncation error, got \(error)")
            return
        }
        #expect(page == 1)
        let lastBlock = if case .strips = layout { "strip 4 of 5" } else { "tile 8 of 9" }
        #expect(detail.hasPrefix(lastBlock))
        #expect(error.description.contains("plate_B02_s1_w1.tif"))
    }

    @Test("a copy cut inside the image directory is reported as truncated at page 0")
    func truncatedDirectory() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("cut.tif")
        let pixels = PixelPattern.bytes(.uint16, width: 40, height: 40)
        try TIFFWriter.write(path: path, width: 40, height: 40, sampleType: .uint16, pages: [pixels])
        let size = try #require(FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        try cut(path, removingLast: size - 60)

        let error = try #require(throws: TIFFError.self) { _ = try TIFFFile(path: path) }
        guard case .truncated(let page, _) = error.kind else {
            Issue.record("expected a truncation error, got \(error)")
            return
        }
        #expect(page == 0)
        #expect(error.description.contains("cut.tif"))
    }

    @Test("a big-endian float page with the floating-point predictor decodes (TIFF Technical Note 3)")
    func bigEndianFloatingPointPredictor() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("float.tif")
        let width = 6
        let height = 3
        let values = (0..<(width * height)).map { Float($0) * -37.25 + 1000.5 }
        let predicted = (0..<height).flatMap { row in
            HandBuiltTIFF.floatingPointPredicted(row: Array(values[(row * width)..<((row + 1) * width)]))
        }
        let compressed = HandBuiltTIFF.zlibStored(predicted)
        let tiff = HandBuiltTIFF(bigEndian: true, entries: [
            .init(tag: 256, type: 3, value: UInt32(width)), .init(tag: 257, type: 3, value: UInt32(height)),
            .init(tag: 258, type: 3, value: 32), .init(tag: 259, type: 3, value: 8), .init(tag: 262, type: 3, value: 1),
            .init(tag: 277, type: 3, value: 1), .init(tag: 278, type: 3, value: UInt32(height)),
            .init(tag: 279, type: 4, value: UInt32(compressed.count)), .init(tag: 317, type: 3, value: 3),
            .init(tag: 339, type: 3, value: 3),
        ], stripData: compressed)
        try Data(tiff.bytes()).write(to: URL(fileURLWithPath: path))

        let file = try TIFFFile(path: path)
        #expect(file.isBigEndian == true)
        #expect(try file.pageInfo(0).sampleType == .float32)
        let bytes = try file.readPage(0)
        let decoded = bytes.withUnsafeBytes { Array($0.bindMemory(to: Float.self)) }
        #expect(decoded == values)
    }

    private func cut(_ path: String, removingLast count: Int) throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let size = try handle.seekToEnd()
        try handle.truncate(atOffset: size - UInt64(count))
        try handle.close()
    }
}
