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

    /// Host-byte-order bytes of `values`, each of which must be representable in `sampleType`.
    static func encode(_ values: [Double], as sampleType: TIFFSampleType) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * sampleType.byteCount)
        for value in values {
            switch sampleType {
            case .uint8: bytes.append(UInt8(value))
            case .int8: bytes.append(UInt8(bitPattern: Int8(value)))
            case .uint16: withUnsafeBytes(of: UInt16(value)) { bytes += $0 }
            case .int16: withUnsafeBytes(of: Int16(value)) { bytes += $0 }
            case .uint32: withUnsafeBytes(of: UInt32(value)) { bytes += $0 }
            case .int32: withUnsafeBytes(of: Int32(value)) { bytes += $0 }
            case .float32: withUnsafeBytes(of: Float(value)) { bytes += $0 }
            }
        }
        return bytes
    }
}
