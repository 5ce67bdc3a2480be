extension ArrayMetadata {
    /// One element holding the fill value, in host (little-endian) byte order.
    ///
    /// Accepts the JSON forms of §5.1/§5.2: numbers in range for the type, booleans, v2 `null`
    /// (meaning "undefined"; zeros are used), and for floats "NaN", "Infinity", "-Infinity" or a
    /// "0x…" hex bit pattern of the element's width.
    func fillValueBytes(path: String) throws(ZarrError) -> [UInt8] {
        let invalid = ZarrError(path: path, .invalidField(
            field: "fill_value", expected: "a \(dataType.rawValue) value", found: MetadataFields.describe(fillValue)))
        if fillValue == .null {
            guard format == .v2 else {
                throw ZarrError(path: path, .invalidField(
                    field: "fill_value", expected: "a \(dataType.rawValue) value (null is allowed only in Zarr v2)", found: "null"))
            }
            return Array(repeating: 0, count: dataType.byteSize)
        }
        switch dataType {
        case .bool:
            guard let value = fillValue.boolValue else { throw invalid }
            return [value ? 1 : 0]
        case .int8: return try Self.integerBytes(fillValue, as: Int8.self, invalid: invalid)
        case .int16: return try Self.integerBytes(fillValue, as: Int16.self, invalid: invalid)
        case .int32: return try Self.integerBytes(fillValue, as: Int32.self, invalid: invalid)
        case .int64: return try Self.integerBytes(fillValue, as: Int64.self, invalid: invalid)
        case .uint8: return try Self.integerBytes(fillValue, as: UInt8.self, invalid: invalid)
        case .uint16: return try Self.integerBytes(fillValue, as: UInt16.self, invalid: invalid)
        case .uint32: return try Self.integerBytes(fillValue, as: UInt32.self, invalid: invalid)
        case .uint64: return try Self.integerBytes(fillValue, as: UInt64.self, invalid: invalid)
        case .float32:
            if let bits = try Self.hexBits(fillValue, digits: 8, invalid: invalid) {
                return Self.littleEndianBytes(UInt32(bits))
            }
            guard let value = Self.floatValue(fillValue) else { throw invalid }
            return Self.littleEndianBytes(Float(value).bitPattern)
        case .float64:
            if let bits = try Self.hexBits(fillValue, digits: 16, invalid: invalid) {
                return Self.littleEndianBytes(bits)
            }
            guard let value = Self.floatValue(fillValue) else { throw invalid }
            return Self.littleEndianBytes(value.bitPattern)
        }
    }

    private static func integerBytes<Element: FixedWidthInteger>(
        _ value: JSONValue, as type: Element.Type, invalid: ZarrError
    ) throws(ZarrError) -> [UInt8] {
        let element: Element? = switch value {
        case let .int(integer): Element(exactly: integer)
        case let .double(double): Element(exactly: double)
        default: nil
        }
        guard let element else { throw invalid }
        return littleEndianBytes(element)
    }

    private static func floatValue(_ value: JSONValue) -> Double? {
        switch value {
        case let .string(name):
            switch name {
            case "NaN": .nan
            case "Infinity": .infinity
            case "-Infinity": -.infinity
            default: nil
            }
        default: value.doubleValue
        }
    }

    private static func hexBits(_ value: JSONValue, digits: Int, invalid: ZarrError) throws(ZarrError) -> UInt64? {
        guard let text = value.stringValue, text.hasPrefix("0x") else { return nil }
        let hex = text.dropFirst(2)
        guard hex.count == digits, let bits = UInt64(hex, radix: 16) else { throw invalid }
        return bits
    }

    private static func littleEndianBytes<Element: FixedWidthInteger>(_ value: Element) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}
