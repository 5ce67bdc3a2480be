/// How chunk grid coordinates become store keys (v3 `chunk_key_encoding`, v2 `dimension_separator`).
public enum ChunkKeyEncoding: Hashable, Sendable {
    /// v3 "default": `c` followed by the coordinates, e.g. `c/0/1/2` (§5.2).
    case `default`(separator: ChunkKeySeparator)
    /// v2 style: the bare coordinates, e.g. `0/1/2` or `0.1.2` (§5.1).
    case v2(separator: ChunkKeySeparator)

    /// The separator between key components.
    public var separator: ChunkKeySeparator {
        switch self {
        case let .default(separator), let .v2(separator): separator
        }
    }

    /// The key of the chunk (or shard) at `coordinates`, relative to the array.
    public func key(for coordinates: [Int]) -> String {
        let joined = coordinates.map(String.init).joined(separator: separator.rawValue)
        switch self {
        case .default: return "c" + separator.rawValue + joined
        case .v2: return joined
        }
    }
}
