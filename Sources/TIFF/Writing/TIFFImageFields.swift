/// The image-describing tags the writer puts in every directory of one file.
struct TIFFImageFields {
    /// PhotometricInterpretation value for grey images where 0 is black (TIFF 6.0 §8).
    static let minIsBlack = 1

    let width: Int
    let height: Int
    let samplesPerPixel: Int
    let bitsPerSample: Int
    /// SampleFormat tag value (TIFF 6.0 §19).
    let sampleFormat: Int
    /// PhotometricInterpretation tag value (TIFF 6.0 §8).
    let photometric: Int
    /// Red, green and blue tables of 2^bitsPerSample entries each, in that order (TIFF 6.0 §5).
    let colormap: [UInt16]?

    /// Bytes of one row; rows of sub-byte samples are padded to whole bytes (TIFF 6.0 §8, BitsPerSample).
    var rowBytes: Int { (width * samplesPerPixel * bitsPerSample + 7) / 8 }

    /// Bytes of one page of pixels as the caller supplies them.
    var pageBytes: Int { rowBytes * height }
}
