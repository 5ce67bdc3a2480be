/// Compression schemes the writer can produce (the reader accepts all but JPEG).
public enum TIFFCompression: String, Sendable, CaseIterable {
    case none
    case lzw
    /// Deflate under its registered tag value 8.
    case deflate
    /// Deflate under the obsolete tag value 32946 that older software still writes.
    case legacyDeflate
    case packBits
    case zstd
    /// Lossy; written only so tests can check that the reader rejects it.
    case jpeg

    /// The Compression tag value (TIFF 6.0 §3 and the libtiff registry).
    var tagValue: UInt16 {
        switch self {
        case .none: 1
        case .lzw: 5
        case .deflate: 8
        case .legacyDeflate: 32946
        case .packBits: 32773
        case .zstd: 50000
        case .jpeg: 7
        }
    }

    /// Whether the scheme can be combined with a TIFF Predictor (TIFF 6.0 §14, libtiff's predictor support).
    var acceptsPredictor: Bool {
        switch self {
        case .lzw, .deflate, .legacyDeflate, .zstd: true
        case .none, .packBits, .jpeg: false
        }
    }
}
