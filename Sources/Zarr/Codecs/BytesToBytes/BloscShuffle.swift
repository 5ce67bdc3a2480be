/// The shuffle filter c-blosc applies before compressing.
public enum BloscShuffle: Sendable, Hashable, CaseIterable {
    case none
    case byte
    case bit

    /// The numcodecs integer used in v2 `compressor` objects (§5.1).
    public var v2Code: Int {
        switch self {
        case .none: 0
        case .byte: 1
        case .bit: 2
        }
    }

    /// The string used in the v3 `blosc` codec configuration (§5.3).
    public var v3Name: String {
        switch self {
        case .none: "noshuffle"
        case .byte: "shuffle"
        case .bit: "bitshuffle"
        }
    }
}
