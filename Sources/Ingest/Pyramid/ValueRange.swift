import TIFF

/// A range of values: a channel's display window, or the range its sample type can hold.
struct ValueRange: Sendable, Hashable {
    var min: Double
    var max: Double

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
