import TIFF

/// Pixel values held as exact `Double`s, converted to and from a sample type's host-order bytes.
enum SampleValues {
    /// Host-order bytes of `values`, each of which must be representable in `sampleType`.
    static func bytes(_ values: [Double], as sampleType: TIFFSampleType) -> [UInt8] {
        switch sampleType {
        case .uint8: packed(values.map { UInt8($0) })
        case .uint16: packed(values.map { UInt16($0) })
        case .uint32: packed(values.map { UInt32($0) })
        case .int8: packed(values.map { Int8($0) })
        case .int16: packed(values.map { Int16($0) })
        case .int32: packed(values.map { Int32($0) })
        case .float32: packed(values.map { Float($0) })
        }
    }

    /// The values stored in host-order `bytes` of `sampleType`.
    static func values(_ bytes: [UInt8], as sampleType: TIFFSampleType) -> [Double] {
        switch sampleType {
        case .uint8: unpacked(bytes, as: UInt8.self).map(Double.init)
        case .uint16: unpacked(bytes, as: UInt16.self).map(Double.init)
        case .uint32: unpacked(bytes, as: UInt32.self).map(Double.init)
        case .int8: unpacked(bytes, as: Int8.self).map(Double.init)
        case .int16: unpacked(bytes, as: Int16.self).map(Double.init)
        case .int32: unpacked(bytes, as: Int32.self).map(Double.init)
        case .float32: unpacked(bytes, as: Float.self).map(Double.init)
        }
    }

    /// `count` values scattered over the whole range of an integer type, or over quarter steps in
    /// -1000…1000 for floats (so every mean of up to four of them is exact in `Float`).
    static func scattered(count: Int, as sampleType: TIFFSampleType, seed: UInt64 = 1) -> [Double] {
        let (lower, span, step): (Double, UInt64, Double) = switch sampleType {
        case .uint8: (0, 1 << 8, 1)
        case .uint16: (0, 1 << 16, 1)
        case .uint32: (0, 1 << 32, 1)
        case .int8: (-128, 1 << 8, 1)
        case .int16: (-32768, 1 << 16, 1)
        case .int32: (-2_147_483_648, 1 << 32, 1)
        case .float32: (-1000, 8001, 0.25)
        }
        return (0..<count).map { index in lower + Double(mixed(UInt64(index), seed: seed) % span) * step }
    }

    /// Whether the type stores whole numbers (rounded means) rather than floats.
    static func isInteger(_ sampleType: TIFFSampleType) -> Bool { sampleType != .float32 }

    /// SplitMix64's finaliser: well-spread bits from a counter.
    private static func mixed(_ index: UInt64, seed: UInt64) -> UInt64 {
        var z = index &+ seed &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func packed<T>(_ values: [T]) -> [UInt8] {
        values.withUnsafeBytes { Array($0) }
    }

    private static func unpacked<T>(_ bytes: [UInt8], as _: T.Type) -> [T] {
        precondition(bytes.count % MemoryLayout<T>.size == 0, "byte count must be a whole number of samples")
        return [T](unsafeUninitializedCapacity: bytes.count / MemoryLayout<T>.size) { buffer, count in
            bytes.withUnsafeBytes { source in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
            }
            count = buffer.count
        }
    }
}
