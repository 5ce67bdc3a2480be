/// Writes TIFF files through libtiff, for tests, benchmarks and synthetic instrument exports.
///
/// Files are written under a hidden temporary name in the destination folder and renamed into
/// place, so a reader never sees a half-written file. Image directories come before the pixel
/// data, as instrument software writes them, so a partial copy lacks pixels rather than structure.
public enum TIFFWriter {
    /// Writes `pages` (each width × height samples, row-major, host byte order) as one grey image per page.
    public static func write(
        path: String,
        width: Int,
        height: Int,
        sampleType: TIFFSampleType,
        pages: [[UInt8]],
        options: TIFFWriteOptions = .init()
    ) throws(TIFFError) {
        let fields = TIFFImageFields(
            width: width, height: height, samplesPerPixel: 1,
            bitsPerSample: Int(sampleType.bitsPerSample), sampleFormat: Int(sampleType.sampleFormat),
            photometric: TIFFImageFields.minIsBlack, colormap: nil
        )
        try encode(path: path, fields: fields, pages: pages, options: options)
    }

    /// Writes one page with arbitrary tag values, including ones the reader rejects (RGB, palette, 1-bit, …).
    ///
    /// `data` holds rows of width × samplesPerPixel samples, interleaved, in host byte order; rows of
    /// sub-byte samples are padded to whole bytes. `sampleFormat` and `photometric` are the raw tag
    /// values of TIFF 6.0 §19 and §8. `colormap` holds the red, green and blue tables of
    /// 2^bitsPerSample entries each, required for palette images.
    public static func writeRaw(
        path: String,
        width: Int,
        height: Int,
        samplesPerPixel: Int,
        bitsPerSample: Int,
        sampleFormat: Int,
        photometric: Int,
        data: [UInt8],
        colormap: [UInt16]? = nil,
        options: TIFFWriteOptions = .init()
    ) throws(TIFFError) {
        let fields = TIFFImageFields(
            width: width, height: height, samplesPerPixel: samplesPerPixel,
            bitsPerSample: bitsPerSample, sampleFormat: sampleFormat,
            photometric: photometric, colormap: colormap
        )
        try encode(path: path, fields: fields, pages: [data], options: options)
    }
}
