/// Geometry, sample type and storage of one page (image file directory) of a TIFF file.
public struct TIFFPageInfo: Sendable, Hashable {
    /// Pixels per row.
    public let width: Int
    /// Rows of pixels.
    public let height: Int
    /// Type of the single grey sample of each pixel.
    public let sampleType: TIFFSampleType
    /// Human name of the compression scheme: "none", "LZW", "Deflate", "PackBits" or "Zstd".
    public let compression: String
    /// Whether the pixels are stored in tiles rather than strips.
    public let isTiled: Bool

    /// Creates a page description.
    public init(width: Int, height: Int, sampleType: TIFFSampleType, compression: String, isTiled: Bool) {
        self.width = width
        self.height = height
        self.sampleType = sampleType
        self.compression = compression
        self.isTiled = isTiled
    }

    /// Bytes of the whole page in memory: width × height × bytes per sample.
    public var byteCount: Int { width * height * sampleType.byteCount }
}
