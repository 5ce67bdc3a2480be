internal import CTIFF

/// An open TIFF file, read through libtiff; the handle is closed when the value goes away.
///
/// Not `Sendable`: a libtiff handle must not be shared between threads, so each task opens its own.
/// Supported pages hold one grey sample per pixel (MinIsBlack, or a palette that is a linear grey ramp,
/// whose indices are the grey values), 8/16/32-bit integers or 32-bit floats,
/// in strips or tiles, uncompressed or LZW / Deflate / PackBits / Zstd, in classic TIFF or BigTIFF of
/// either byte order. MinIsWhite is rejected rather than inverted, so measured intensities are never
/// silently changed. PlanarConfiguration does not matter with one sample per pixel and is not checked.
public struct TIFFFile: ~Copyable {
    /// The path the file was opened with.
    public let path: String
    /// Number of pages (image file directories) in the file.
    public let pageCount: Int
    /// Whether the file uses the BigTIFF header with 64-bit offsets.
    public let isBigTIFF: Bool
    /// Whether the file stores multi-byte values big-endian ("MM").
    public let isBigEndian: Bool

    let libtiff: LibTIFFHandle

    /// Opens the file and counts its pages; fails with a `TIFFError` naming the file and the problem.
    public init(path: String) throws(TIFFError) {
        var failureMessage: String?
        // "m" disables memory mapping: a mapped file that another process shortens raises SIGBUS,
        // whereas read(2) reports a clean error. Uncompressed strips still go straight into the caller's buffer.
        guard let libtiff = LibTIFFHandle(path: path, mode: "rm", failureMessage: &failureMessage) else {
            throw TIFFFileDiagnosis.diagnose(path: path, libtiffMessage: failureMessage)
        }
        libtiff.resetErrors()
        let pageCount = Int(TIFFNumberOfDirectories(libtiff.raw))
        // libtiff stops counting at a broken directory link and only reports it.
        guard libtiff.errorCount == 0 else {
            throw TIFFFileDiagnosis.diagnose(path: path, libtiffMessage: libtiff.firstError)
        }
        self.path = path
        self.pageCount = pageCount
        self.isBigTIFF = TIFFIsBigTIFF(libtiff.raw) != 0
        self.isBigEndian = TIFFIsBigEndian(libtiff.raw) != 0
        self.libtiff = libtiff
    }
}
