/// A `[[layout]]` entry: a regex with named groups for an instrument PlateDrop does not know.
public struct CustomLayoutConfig: Sendable, Hashable {
    public let name: String
    public let pattern: String
    /// Whether the instrument counts wells' fields, channels, planes and timepoints from 1 (the default) or 0.
    public let oneBased: Bool
    /// The plate name when the pattern has no `plate` group.
    public let plateName: String?
}
