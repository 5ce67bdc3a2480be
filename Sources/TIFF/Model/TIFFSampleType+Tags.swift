extension TIFFSampleType {
    /// SampleFormat tag values, TIFF 6.0 §19: 1 = unsigned integer, 2 = signed integer, 3 = IEEE float.
    enum SampleFormatCode {
        static let unsignedInteger: UInt16 = 1
        static let signedInteger: UInt16 = 2
        static let ieeeFloat: UInt16 = 3
    }

    /// The BitsPerSample tag value for this type.
    var bitsPerSample: UInt16 { UInt16(byteCount * 8) }

    /// The SampleFormat tag value for this type.
    var sampleFormat: UInt16 {
        switch self {
        case .uint8, .uint16, .uint32: SampleFormatCode.unsignedInteger
        case .int8, .int16, .int32: SampleFormatCode.signedInteger
        case .float32: SampleFormatCode.ieeeFloat
        }
    }

    /// The type a page with these tag values holds, or nil when PlateDrop does not support the pair.
    init?(bitsPerSample: UInt16, sampleFormat: UInt16) {
        let match = Self.allCases.first { $0.bitsPerSample == bitsPerSample && $0.sampleFormat == sampleFormat }
        guard let match else { return nil }
        self = match
    }
}
