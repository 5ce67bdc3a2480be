/// One acquisition (run, timeline or cycle) of a plate.
public struct AcquisitionInfo: Hashable, Sendable {
    /// 0-based id, the same as `ImageKey.acquisition`.
    public var id: Int
    /// Vendor name of the acquisition, when known.
    public var name: String?
    /// Start, in seconds since 1970-01-01 UTC, when known.
    public var start: Double?
    /// End, in seconds since 1970-01-01 UTC, when known.
    public var end: Double?

    /// An acquisition from its parts.
    public init(id: Int, name: String? = nil, start: Double? = nil, end: Double? = nil) {
        self.id = id
        self.name = name
        self.start = start
        self.end = end
    }
}
