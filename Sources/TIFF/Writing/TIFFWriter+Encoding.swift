internal import CTIFF
import Foundation

extension TIFFWriter {
    /// Validates, writes to a temporary sibling file and renames it over `path`.
    static func encode(path: String, fields: TIFFImageFields, pages: [[UInt8]], options: TIFFWriteOptions) throws(TIFFError) {
        if let problem = problem(with: fields, pages: pages, options: options) {
            throw TIFFError(path: path, kind: .invalidInput(detail: problem))
        }
        let temporaryPath = temporarySibling(of: path)
        do throws(TIFFError) {
            try encodeFile(at: temporaryPath, reportedAs: path, fields: fields, pages: pages, options: options)
        } catch {
            unlink(temporaryPath)
            throw error
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw TIFFError(path: path, kind: .writeFailed(detail: "cannot move the finished file into place: \(reason)"))
        }
    }

    /// A hidden name in the destination folder, so the final rename stays on one file system.
    private static func temporarySibling(of path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        return "\(folder).\(name).\(String(UInt64.random(in: 0...UInt64.max), radix: 16)).partial"
    }

    private static func encodeFile(
        at temporaryPath: String, reportedAs path: String,
        fields: TIFFImageFields, pages: [[UInt8]], options: TIFFWriteOptions
    ) throws(TIFFError) {
        var failureMessage: String?
        let mode = "w" + (options.bigEndian ? "b" : "l") + (options.bigTIFF ? "8" : "")
        guard let libtiff = LibTIFFHandle(path: temporaryPath, mode: mode, failureMessage: &failureMessage) else {
            throw TIFFError(path: path, kind: .writeFailed(detail: "cannot create the file: \(failureMessage ?? "libtiff gave no reason")"))
        }
        let handle = libtiff.raw
        func failure(_ step: String) -> TIFFError {
            TIFFError(path: path, kind: .writeFailed(detail: "\(step): \(libtiff.firstError ?? "libtiff gave no reason")"))
        }

        // Every directory is written first with placeholder strip/tile offsets (libtiff's deferred
        // strile arrays); the pixel data and the offset arrays follow.
        let isTiled: Int32 = if case .tiles = options.layout { 1 } else { 0 }
        for _ in pages.indices {
            guard setTags(on: handle, fields: fields, options: options) else { throw failure("cannot set the image tags") }
            guard TIFFDeferStrileArrayWriting(handle) != 0, TIFFWriteCheck(handle, isTiled, "TIFFWriter") != 0,
                  TIFFWriteDirectory(handle) != 0
            else { throw failure("cannot write the image directory") }
        }
        for (index, pixels) in pages.enumerated() {
            guard TIFFSetDirectory(handle, tdir_t(index)) != 0 else { throw failure("cannot return to directory \(index)") }
            // JPEG tables inside every strip: a shared JPEGTables tag would change the directory already
            // written. It is a codec setting, not stored in the file, so it is set after re-reading the directory.
            if options.compression == .jpeg, ctiff_set_u32(handle, UInt32(TIFFTAG_JPEGTABLESMODE), 0) == 0 {
                throw failure("cannot configure the JPEG tables")
            }
            switch options.layout {
            case .strips(let rowsPerStrip):
                guard writeStrips(pixels, rowsPerStrip: min(rowsPerStrip, fields.height), fields: fields, to: handle) else {
                    throw failure("cannot write the strips of page \(index)")
                }
            case .tiles(let tileWidth, let tileHeight):
                guard writeTiles(pixels, tileWidth: tileWidth, tileHeight: tileHeight, fields: fields, to: handle) else {
                    throw failure("cannot write the tiles of page \(index)")
                }
            }
            guard TIFFForceStrileArrayWriting(handle) != 0 else { throw failure("cannot write the offsets of page \(index)") }
        }
        // Flushing here surfaces write errors; closing the flushed handle has nothing left to fail on.
        guard TIFFFlush(handle) != 0, libtiff.errorCount == 0 else { throw failure("cannot finish the file") }
    }

    private static func setTags(on handle: OpaquePointer, fields: TIFFImageFields, options: TIFFWriteOptions) -> Bool {
        var accepted = [
            ctiff_set_u32(handle, UInt32(TIFFTAG_IMAGEWIDTH), UInt32(fields.width)),
            ctiff_set_u32(handle, UInt32(TIFFTAG_IMAGELENGTH), UInt32(fields.height)),
            ctiff_set_u16(handle, UInt32(TIFFTAG_SAMPLESPERPIXEL), UInt16(fields.samplesPerPixel)),
            ctiff_set_u16(handle, UInt32(TIFFTAG_BITSPERSAMPLE), UInt16(fields.bitsPerSample)),
            ctiff_set_u16(handle, UInt32(TIFFTAG_SAMPLEFORMAT), UInt16(fields.sampleFormat)),
            ctiff_set_u16(handle, UInt32(TIFFTAG_PHOTOMETRIC), UInt16(fields.photometric)),
            ctiff_set_u16(handle, UInt32(TIFFTAG_PLANARCONFIG), UInt16(PLANARCONFIG_CONTIG)),
            ctiff_set_u16(handle, UInt32(TIFFTAG_COMPRESSION), options.compression.tagValue),
        ]
        switch options.layout {
        case .strips(let rowsPerStrip):
            accepted.append(ctiff_set_u32(handle, UInt32(TIFFTAG_ROWSPERSTRIP), UInt32(min(rowsPerStrip, fields.height))))
        case .tiles(let width, let height):
            accepted.append(ctiff_set_u32(handle, UInt32(TIFFTAG_TILEWIDTH), UInt32(width)))
            accepted.append(ctiff_set_u32(handle, UInt32(TIFFTAG_TILELENGTH), UInt32(height)))
        }
        if options.predictor {
            // TIFF Technical Note 3: predictor 3 suits IEEE floats; predictor 2 (TIFF 6.0 §14) suits integers.
            let isFloat = fields.sampleFormat == Int(TIFFSampleType.SampleFormatCode.ieeeFloat)
            let predictor = isFloat ? PREDICTOR_FLOATINGPOINT : PREDICTOR_HORIZONTAL
            accepted.append(ctiff_set_u16(handle, UInt32(TIFFTAG_PREDICTOR), UInt16(predictor)))
        }
        if let description = options.imageDescription {
            accepted.append(ctiff_set_string(handle, UInt32(TIFFTAG_IMAGEDESCRIPTION), description))
        }
        if let colormap = fields.colormap {
            let entries = colormap.count / 3
            accepted.append(colormap.withUnsafeBufferPointer { table in
                ctiff_set_colormap(handle, table.baseAddress, table.baseAddress! + entries, table.baseAddress! + 2 * entries)
            })
        }
        return accepted.allSatisfy { $0 != 0 }
    }

    /// Copies each strip into a scratch buffer first: libtiff byte-swaps and predicts in place.
    private static func writeStrips(_ pixels: [UInt8], rowsPerStrip: Int, fields: TIFFImageFields, to handle: OpaquePointer) -> Bool {
        let stripBytes = rowsPerStrip * fields.rowBytes
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: stripBytes, alignment: 16)
        defer { scratch.deallocate() }
        for (strip, firstRow) in stride(from: 0, to: fields.height, by: rowsPerStrip).enumerated() {
            let byteCount = min(rowsPerStrip, fields.height - firstRow) * fields.rowBytes
            pixels.withUnsafeBytes { source in
                scratch.copyMemory(from: source.baseAddress! + firstRow * fields.rowBytes, byteCount: byteCount)
            }
            guard TIFFWriteEncodedStrip(handle, UInt32(strip), scratch, tmsize_t(byteCount)) == byteCount else { return false }
        }
        return true
    }

    /// Fills a scratch tile per tile, zero-padding tiles that overhang the image edge.
    private static func writeTiles(_ pixels: [UInt8], tileWidth: Int, tileHeight: Int, fields: TIFFImageFields, to handle: OpaquePointer) -> Bool {
        let pixelBytes = fields.samplesPerPixel * fields.bitsPerSample / 8
        let tileRowBytes = tileWidth * pixelBytes
        let tileBytes = tileRowBytes * tileHeight
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: tileBytes, alignment: 16)
        defer { scratch.deallocate() }
        for top in stride(from: 0, to: fields.height, by: tileHeight) {
            let rows = min(tileHeight, fields.height - top)
            for left in stride(from: 0, to: fields.width, by: tileWidth) {
                let copiedBytes = min(tileWidth, fields.width - left) * pixelBytes
                if rows < tileHeight || copiedBytes < tileRowBytes {
                    scratch.initializeMemory(as: UInt8.self, repeating: 0, count: tileBytes)
                }
                pixels.withUnsafeBytes { source in
                    for row in 0..<rows {
                        let start = (top + row) * fields.rowBytes + left * pixelBytes
                        (scratch + row * tileRowBytes).copyMemory(from: source.baseAddress! + start, byteCount: copiedBytes)
                    }
                }
                let tile = TIFFComputeTile(handle, UInt32(left), UInt32(top), 0, 0)
                guard TIFFWriteEncodedTile(handle, tile, scratch, tmsize_t(tileBytes)) == tileBytes else { return false }
            }
        }
        return true
    }
}
