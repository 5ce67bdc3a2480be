import TIFF

/// The pixel-wise maximum of planes of one sample type, as a maximum-intensity projection takes it.
enum PlaneMaximum {
    /// Raises every sample of `maximum` to the matching sample of `plane` where that is larger; both hold
    /// the same number of `sampleType` samples in host byte order.
    static func accumulate(_ plane: [UInt8], into maximum: inout [UInt8], sampleType: TIFFSampleType) {
        precondition(plane.count == maximum.count, "planes of different sizes")
        switch sampleType {
        case .uint8: combine(plane, into: &maximum, as: UInt8.self)
        case .int8: combine(plane, into: &maximum, as: Int8.self)
        case .uint16: combine(plane, into: &maximum, as: UInt16.self)
        case .int16: combine(plane, into: &maximum, as: Int16.self)
        case .uint32: combine(plane, into: &maximum, as: UInt32.self)
        case .int32: combine(plane, into: &maximum, as: Int32.self)
        case .float32: combine(plane, into: &maximum, as: Float.self)
        }
    }

    private static func combine<Sample: Comparable & BitwiseCopyable>(_ plane: [UInt8], into maximum: inout [UInt8], as type: Sample.Type) {
        let size = MemoryLayout<Sample>.size
        plane.withUnsafeBytes { source in
            maximum.withUnsafeMutableBytes { target in
                for offset in stride(from: 0, to: source.count, by: size) {
                    let candidate = source.loadUnaligned(fromByteOffset: offset, as: Sample.self)
                    if candidate > target.loadUnaligned(fromByteOffset: offset, as: Sample.self) {
                        target.storeBytes(of: candidate, toByteOffset: offset, as: Sample.self)
                    }
                }
            }
        }
    }
}
