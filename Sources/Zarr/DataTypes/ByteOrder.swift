/// Byte order of multi-byte elements as stored in chunks (the v3 `bytes` codec's `endian`).
public enum ByteOrder: String, Sendable, Hashable {
    case little
    case big
}
