import TIFF

/// The smallest and largest value of a plane, for the channel's display window.
struct ValueRange: Sendable, Hashable {
    var min: Double
    var max: Double

    /// The range covering both.
    func union(_ other: ValueRange?) -> ValueRange {
        guard let other else { return self }
        return ValueRange(min: Swift.min(min, other.min), max: Swift.max(max, other.max))
    }

    /// The range of `plane`'s values; NaNs are skipped, nil when nothing is left.
    static func of(_ plane: UnsafeRawBufferPointer, sampleType: TIFFSampleType) -> ValueRange? {
        switch sampleType {
        case .uint8: integerRange(plane, as: UInt8.self)
        case .uint16: integerRange(plane, as: UInt16.self)
        case .uint32: integerRange(plane, as: UInt32.self)
        case .int8: integerRange(plane, as: Int8.self)
        case .int16: integerRange(plane, as: Int16.self)
        case .int32: integerRange(plane, as: Int32.self)
        case .float32: floatRange(plane)
        }
    }

    private static func integerRange<T: FixedWidthInteger>(_ plane: UnsafeRawBufferPointer, as _: T.Type) -> ValueRange? {
        let values = plane.bindMemory(to: T.self)
        guard !values.isEmpty else { return nil }
        var low = T.max, high = T.min
        for value in values {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        return ValueRange(min: Double(low), max: Double(high))
    }

    private static func floatRange(_ plane: UnsafeRawBufferPointer) -> ValueRange? {
        var low = Float.infinity, high = -Float.infinity
        for value in plane.bindMemory(to: Float.self) where !value.isNaN {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        return low <= high ? ValueRange(min: Double(low), max: Double(high)) : nil
    }

    /// The full range a type can hold; floats have none, so their data range stands in.
    static func typeRange(_ sampleType: TIFFSampleType) -> ValueRange? {
        switch sampleType {
        case .uint8: ValueRange(min: 0, max: Double(UInt8.max))
        case .uint16: ValueRange(min: 0, max: Double(UInt16.max))
        case .uint32: ValueRange(min: 0, max: Double(UInt32.max))
        case .int8: ValueRange(min: Double(Int8.min), max: Double(Int8.max))
        case .int16: ValueRange(min: Double(Int16.min), max: Double(Int16.max))
        case .int32: ValueRange(min: Double(Int32.min), max: Double(Int32.max))
        case .float32: nil
        }
    }
}
