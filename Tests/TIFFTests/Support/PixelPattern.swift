import TIFF

/// Deterministic test pixels that use every byte of each sample: large values, negatives for
/// signed types, fractional and negative finite floats.
enum PixelPattern {
    static func bytes(_ sampleType: TIFFSampleType, width: Int, height: Int, seed: Int = 0) -> [UInt8] {
        let count = width * height
        let indices = (0..<count).map { $0 &+ seed &* 7919 }
        switch sampleType {
        case .uint8: return indices.map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
        case .int8: return indices.map { UInt8(bitPattern: Int8(truncatingIfNeeded: $0 &* 53 &- 128)) }
        case .uint16: return flatten(indices.map { UInt16(truncatingIfNeeded: 0x1234 &+ $0 &* 0x0101 &* 7) })
        case .int16: return flatten(indices.map { Int16(truncatingIfNeeded: -0x1234 &+ $0 &* 0x0301 &* 5) })
        case .uint32: return flatten(indices.map { UInt32(truncatingIfNeeded: 0x1234_5678 &+ $0 &* 0x0101_0103) })
        case .int32: return flatten(indices.map { Int32(truncatingIfNeeded: -0x1234_5678 &+ $0 &* 0x0301_0107) })
        case .float32: return flatten(indices.map { Float($0 % 1000) * -1.625 + 0.1 * Float($0 % 7) + 12345.678 })
        }
    }

    private static func flatten<T>(_ values: [T]) -> [UInt8] {
        values.withUnsafeBytes { Array($0) }
    }
}
