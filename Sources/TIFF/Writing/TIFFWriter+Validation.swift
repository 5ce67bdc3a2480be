extension TIFFWriter {
    /// Rejects inconsistent input before any file is created; returns nil when everything fits.
    static func problem(with fields: TIFFImageFields, pages: [[UInt8]], options: TIFFWriteOptions) -> String? {
        guard (1...Int(UInt32.max)).contains(fields.width), (1...Int(UInt32.max)).contains(fields.height) else {
            return "image size \(fields.width)×\(fields.height) (expected both sides between 1 and 2^32 − 1)"
        }
        for (name, value) in [
            ("samples per pixel", fields.samplesPerPixel), ("bits per sample", fields.bitsPerSample),
            ("sample format", fields.sampleFormat), ("photometric interpretation", fields.photometric),
        ] where UInt16(exactly: value) == nil {
            return "\(name) \(value) (expected a 16-bit tag value)"
        }
        guard !pages.isEmpty else { return "no pages (expected at least one)" }
        for (index, page) in pages.enumerated() where page.count != fields.pageBytes {
            return "page \(index) has \(page.count) bytes (expected \(fields.pageBytes) for \(fields.width)×\(fields.height) pixels)"
        }
        if let colormap = fields.colormap, colormap.count != 3 << fields.bitsPerSample {
            return "colormap has \(colormap.count) entries (expected 3 × 2^\(fields.bitsPerSample))"
        }
        let wholeBytes = fields.bitsPerSample % 8 == 0
        switch options.layout {
        case .strips(let rowsPerStrip) where rowsPerStrip < 1:
            return "\(rowsPerStrip) rows per strip (expected at least 1)"
        case .tiles(let width, let height) where width < 16 || height < 16 || width % 16 != 0 || height % 16 != 0:
            return "tile size \(width)×\(height) (expected multiples of 16, TIFF 6.0 §15)"
        case .tiles where !wholeBytes:
            return "tiles of \(fields.bitsPerSample)-bit samples (expected whole-byte samples for tiled output)"
        default:
            break
        }
        if options.predictor {
            guard options.compression.acceptsPredictor else {
                return "a predictor with \(options.compression) compression (expected LZW, Deflate or Zstd)"
            }
            guard wholeBytes else { return "a predictor on \(fields.bitsPerSample)-bit samples (expected whole-byte samples)" }
            // libtiff 4.5 byte-swaps big-endian floats before the floating-point predictor on writing only,
            // so such files would read back wrong; its reader decodes correct files fine.
            let isFloat = fields.sampleFormat == Int(TIFFSampleType.SampleFormatCode.ieeeFloat)
            guard !(isFloat && options.bigEndian) else {
                return "the floating-point predictor with big-endian byte order (expected little-endian: libtiff writes this combination wrongly)"
            }
        }
        return nil
    }
}
