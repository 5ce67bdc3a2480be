/// A plane the instrument reports it did not acquire (e.g. a Yokogawa `ERR` record); not waited for.
public struct MissingImage: Hashable, Sendable {
    /// The well, when the record names one.
    public var well: WellPosition?
    /// 0-based field, when the record names one (Yokogawa ERR records may not).
    public var field: Int?
    /// 0-based channel, when known.
    public var channel: Int?
    /// 0-based z plane, when known.
    public var z: Int?
    /// 0-based time point, when known.
    public var t: Int?
    /// 0-based acquisition, when known.
    public var acquisition: Int?
    /// The vendor's own words, e.g. "AF Error at A06 No. 3".
    public var reason: String

    /// A missing image from its parts.
    public init(well: WellPosition?, field: Int? = nil, channel: Int? = nil, z: Int? = nil, t: Int? = nil,
                acquisition: Int? = nil, reason: String) {
        self.well = well
        self.field = field
        self.channel = channel
        self.z = z
        self.t = t
        self.acquisition = acquisition
        self.reason = reason
    }

    /// Whether `key` is one of the planes this record excuses (unknown parts match anything).
    public func covers(_ key: ImageKey) -> Bool {
        func matches(_ part: Int?, _ value: Int?) -> Bool { part == nil || part == value }
        return (well == nil || well == key.well) && matches(field, key.field) && matches(channel, key.channel)
            && matches(z, key.z) && matches(t, key.t) && matches(acquisition, key.acquisition)
    }
}
