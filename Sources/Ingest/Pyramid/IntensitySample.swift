import TIFF

/// A regular subsample of the values of a channel's planes, from which its display window is taken as
/// robust percentiles: one hot pixel or one dim field does not set the window, and every field of a
/// well shows a channel with the same window.
struct IntensitySample: Sendable {
    /// Values taken from one plane at a regular stride.
    static let perPlane = 4096
    /// Values kept at most; beyond it every second value is dropped, which keeps the sample regular.
    static let capacity = 1 << 16
    /// The window covers the values between these percentiles.
    static let windowPercentiles = (low: 0.1, high: 99.9)

    private(set) var values: [Double] = []

    /// A sample of `plane`'s values (NaNs skipped).
    static func of(_ plane: UnsafeRawBufferPointer, sampleType: TIFFSampleType) -> IntensitySample {
        switch sampleType {
        case .uint8: sample(plane, as: UInt8.self)
        case .uint16: sample(plane, as: UInt16.self)
        case .uint32: sample(plane, as: UInt32.self)
        case .int8: sample(plane, as: Int8.self)
        case .int16: sample(plane, as: Int16.self)
        case .int32: sample(plane, as: Int32.self)
        case .float32: IntensitySample(values: sampled(plane.bindMemory(to: Float.self)).filter { !$0.isNaN }.map(Double.init))
        }
    }

    /// Both samples in one, thinned to `capacity`.
    mutating func merge(_ other: IntensitySample) {
        values += other.values
        while values.count > Self.capacity {
            values = stride(from: 0, to: values.count, by: 2).map { values[$0] }
        }
    }

    /// The values between the window percentiles, nil for an empty sample.
    var window: ValueRange? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        func percentile(_ percent: Double) -> Double {
            sorted[Int((percent / 100 * Double(sorted.count - 1)).rounded())]
        }
        return ValueRange(min: percentile(Self.windowPercentiles.low), max: percentile(Self.windowPercentiles.high))
    }

    private static func sample<T: FixedWidthInteger>(_ plane: UnsafeRawBufferPointer, as _: T.Type) -> IntensitySample {
        IntensitySample(values: sampled(plane.bindMemory(to: T.self)).map { Double($0) })
    }

    private static func sampled<T>(_ values: UnsafeBufferPointer<T>) -> [T] {
        let step = max(1, values.count / perPlane)
        return stride(from: 0, to: values.count, by: step).map { values[$0] }
    }
}
