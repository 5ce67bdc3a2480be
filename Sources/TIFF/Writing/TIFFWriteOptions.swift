/// How `TIFFWriter` lays out and encodes a file; the default is uncompressed 64-row strips, classic little-endian TIFF.
public struct TIFFWriteOptions: Sendable, Hashable {
    /// Organisation of the pixel data in the file.
    public enum Layout: Sendable, Hashable {
        /// Horizontal bands of `rowsPerStrip` rows (the last one may be shorter).
        case strips(rowsPerStrip: Int)
        /// Rectangular tiles; both sides must be multiples of 16 (TIFF 6.0 §15).
        case tiles(width: Int, height: Int)
    }

    /// Compression scheme of every page.
    public var compression: TIFFCompression
    /// Strip or tile layout of every page.
    public var layout: Layout
    /// Whether to write a BigTIFF (64-bit offsets) instead of a classic TIFF.
    public var bigTIFF: Bool
    /// Whether to write big-endian ("MM") instead of little-endian ("II") byte order.
    public var bigEndian: Bool
    /// Whether to apply the horizontal (integers) or floating-point predictor; needs LZW, Deflate or Zstd.
    public var predictor: Bool
    /// Text for the ImageDescription tag of every page, if any.
    public var imageDescription: String?

    /// Creates write options; every argument has the default described on the type.
    public init(
        compression: TIFFCompression = .none,
        layout: Layout = .strips(rowsPerStrip: 64),
        bigTIFF: Bool = false,
        bigEndian: Bool = false,
        predictor: Bool = false,
        imageDescription: String? = nil
    ) {
        self.compression = compression
        self.layout = layout
        self.bigTIFF = bigTIFF
        self.bigEndian = bigEndian
        self.predictor = predictor
        self.imageDescription = imageDescription
    }
}
