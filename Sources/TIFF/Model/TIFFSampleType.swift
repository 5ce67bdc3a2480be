/// The pixel sample types PlateDrop reads and writes: one grey sample per pixel.
public enum TIFFSampleType: String, Sendable, CaseIterable {
    case uint8, uint16, uint32, int8, int16, int32, float32

    /// Bytes one sample occupies in memory and, uncompressed, in the file.
    public var byteCount: Int {
        switch self {
        case .uint8, .int8: 1
        case .uint16, .int16: 2
        case .uint32, .int32, .float32: 4
        }
    }
}
