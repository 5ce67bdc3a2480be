/// An element type of a Zarr array; the raw value is the Zarr v3 `data_type` name.
public enum ZarrDataType: String, Sendable, Hashable, CaseIterable {
    case bool
    case int8
    case int16
    case int32
    case int64
    case uint8
    case uint16
    case uint32
    case uint64
    case float32
    case float64

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .bool, .int8, .uint8: 1
        case .int16, .uint16: 2
        case .int32, .uint32, .float32: 4
        case .int64, .uint64, .float64: 8
        }
    }

    /// The Zarr v3 `data_type` name (§5.2).
    public var v3Name: String { rawValue }

    /// The NumPy kind character and size used in v2 `dtype` strings.
    private var typeCode: String {
        switch self {
        case .bool: "b1"
        case .int8: "i1"
        case .int16: "i2"
        case .int32: "i4"
        case .int64: "i8"
        case .uint8: "u1"
        case .uint16: "u2"
        case .uint32: "u4"
        case .uint64: "u8"
        case .float32: "f4"
        case .float64: "f8"
        }
    }

    /// The Zarr v2 `dtype` typestr, e.g. "|u1", "<u2", ">f4" (§5.1); single bytes have no order.
    public func v2TypeString(byteOrder: ByteOrder = .little) -> String {
        guard byteSize > 1 else { return "|" + typeCode }
        return (byteOrder == .little ? "<" : ">") + typeCode
    }

    /// The data type named by a Zarr v3 `data_type`, or nil if unknown.
    public init?(v3Name: String) {
        self.init(rawValue: v3Name)
    }

    /// The data type and byte order of a Zarr v2 `dtype` typestr, or nil if unknown.
    public static func parseV2(_ typeString: String) -> (dataType: ZarrDataType, byteOrder: ByteOrder)? {
        guard let orderMark = typeString.first else { return nil }
        let code = String(typeString.dropFirst())
        guard let dataType = allCases.first(where: { $0.typeCode == code }) else { return nil }
        switch orderMark {
        case "<", "|": return (dataType, .little)
        case ">": return (dataType, dataType.byteSize == 1 ? .little : .big)
        default: return nil
        }
    }
}
