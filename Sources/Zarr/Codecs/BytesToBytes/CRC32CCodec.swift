/// The `crc32c` bytes→bytes codec: appends the CRC-32C of its input as uint32 little-endian (§5.3).
enum CRC32CCodec {
    static let name = "crc32c"

    /// The v3 codec entry (the codec has no configuration).
    static var v3JSON: JSONValue { ["name": .string(name)] }

    static let checksumSize = 4

    /// Verifies the trailing checksum of `input` and returns the bytes before it.
    static func verified(_ input: UnsafeRawBufferPointer, path: String) throws(ZarrError) -> UnsafeRawBufferPointer {
        guard input.count >= checksumSize else {
            throw ZarrError(path: path, .sizeMismatch(what: "crc32c-checked data", expected: checksumSize, found: input.count))
        }
        let payload = UnsafeRawBufferPointer(rebasing: input[..<(input.count - checksumSize)])
        let stored = UInt32(littleEndian: input.loadUnaligned(fromByteOffset: payload.count, as: UInt32.self))
        let computed = CRC32C.checksum(payload)
        guard stored == computed else {
            throw ZarrError(path: path, .checksumMismatch(what: "crc32c codec", expected: stored, found: computed))
        }
        return payload
    }
}
