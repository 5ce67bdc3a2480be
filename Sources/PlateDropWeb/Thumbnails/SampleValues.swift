import Zarr

/// Array elements (host byte order, as `ZarrArrayReader` returns them) as numbers.
enum SampleValues {
    static func decode(_ bytes: [UInt8], as type: ZarrDataType) -> [Double] {
        bytes.withUnsafeBytes { raw in
            switch type {
            case .bool, .uint8: raw.map { Double($0) }
            case .int8: raw.bindMemory(to: Int8.self).map { Double($0) }
            case .int16: raw.bindMemory(to: Int16.self).map { Double($0) }
            case .uint16: raw.bindMemory(to: UInt16.self).map { Double($0) }
            case .int32: raw.bindMemory(to: Int32.self).map { Double($0) }
            case .uint32: raw.bindMemory(to: UInt32.self).map { Double($0) }
            case .int64: raw.bindMemory(to: Int64.self).map { Double($0) }
            case .uint64: raw.bindMemory(to: UInt64.self).map { Double($0) }
            case .float32: raw.bindMemory(to: Float.self).map { Double($0) }
            case .float64: raw.bindMemory(to: Double.self).map { $0 }
            }
        }
    }

    /// The top of a window when the metadata gives none: the integer type's maximum, 1 for floats.
    static func typicalMaximum(_ type: ZarrDataType) -> Double {
        switch type {
        case .bool: 1
        case .int8: Double(Int8.max)
        case .uint8: Double(UInt8.max)
        case .int16: Double(Int16.max)
        case .uint16: Double(UInt16.max)
        case .int32: Double(Int32.max)
        case .uint32: Double(UInt32.max)
        case .int64: Double(Int64.max)
        case .uint64: Double(UInt64.max)
        case .float32, .float64: 1
        }
    }
}
