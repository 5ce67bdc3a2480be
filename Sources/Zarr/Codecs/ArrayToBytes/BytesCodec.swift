/// The `bytes` array→bytes codec: elements in C order with a fixed byte order (§5.3).
struct BytesCodec: Hashable, Sendable {
    static let name = "bytes"

    let dataType: ZarrDataType
    let byteOrder: ByteOrder

    /// The v3 codec entry; 1-byte types carry no `endian`, as zarr-python writes them (§5.2).
    var v3JSON: JSONValue {
        guard dataType.byteSize > 1 else { return ["name": .string(Self.name)] }
        return ["name": .string(Self.name), "configuration": ["endian": .string(byteOrder.rawValue)]]
    }

    /// Reads a `bytes` codec entry; `endian` is required only where byte order matters.
    static func parse(_ entry: MetadataFields, dataType: ZarrDataType) throws(ZarrError) -> BytesCodec {
        guard let configuration = entry.optional("configuration") else {
            guard dataType.byteSize == 1 else { throw ZarrError(path: entry.path, .missingField(field: entry.fieldName("configuration.endian"))) }
            return BytesCodec(dataType: dataType, byteOrder: .little)
        }
        let fields = try MetadataFields(configuration, path: entry.path, context: entry.fieldName("configuration"))
        guard let endian = try fields.optionalString("endian") else {
            guard dataType.byteSize == 1 else { throw ZarrError(path: entry.path, .missingField(field: fields.fieldName("endian"))) }
            return BytesCodec(dataType: dataType, byteOrder: .little)
        }
        guard let byteOrder = ByteOrder(rawValue: endian) else {
            throw fields.invalid("endian", expected: "\"little\" or \"big\"", found: .string(endian))
        }
        return BytesCodec(dataType: dataType, byteOrder: byteOrder)
    }

    /// Whether stored bytes differ from host (little-endian) order and must be swapped.
    var needsSwap: Bool { byteOrder == .big && dataType.byteSize > 1 }

    /// Reverses the bytes of every element in place (converts between host and big-endian order).
    func swapBytes(_ buffer: UnsafeMutableRawBufferPointer) {
        switch dataType.byteSize {
        case 2: Self.swap(buffer, as: UInt16.self)
        case 4: Self.swap(buffer, as: UInt32.self)
        case 8: Self.swap(buffer, as: UInt64.self)
        default: break
        }
    }

    private static func swap<Element: FixedWidthInteger>(_ buffer: UnsafeMutableRawBufferPointer, as type: Element.Type) {
        let count = buffer.count / MemoryLayout<Element>.size
        for index in 0..<count {
            let offset = index * MemoryLayout<Element>.size
            let value = buffer.loadUnaligned(fromByteOffset: offset, as: Element.self)
            buffer.storeBytes(of: value.byteSwapped, toByteOffset: offset, as: Element.self)
        }
    }
}
