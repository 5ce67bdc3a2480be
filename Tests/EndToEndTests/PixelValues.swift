import TIFF

/// Plane bytes (host byte order) as numbers; Double holds every supported sample type exactly.
enum PixelValues {
    static func decode(_ bytes: [UInt8], as sampleType: TIFFSampleType) -> [Double] {
        bytes.withUnsafeBytes { raw in
            switch sampleType {
            case .uint8: raw.bindMemory(to: UInt8.self).map(Double.init)
            case .int8: raw.bindMemory(to: Int8.self).map(Double.init)
            case .uint16: (0..<raw.count / 2).map { Double(raw.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self)) }
            case .int16: (0..<raw.count / 2).map { Double(raw.loadUnaligned(fromByteOffset: $0 * 2, as: Int16.self)) }
            case .uint32: (0..<raw.count / 4).map { Double(raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)) }
            case .int32: (0..<raw.count / 4).map { Double(raw.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self)) }
            case .float32: (0..<raw.count / 4).map { Double(raw.loadUnaligned(fromByteOffset: $0 * 4, as: Float.self)) }
            }
        }
    }
}
