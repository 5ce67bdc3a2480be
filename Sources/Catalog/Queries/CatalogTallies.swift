/// The catalogue's counts behind `/metrics`: what it records is the truth, so the metrics read it instead
/// of keeping counts of their own that a restart would lose.
public struct CatalogTallies: Sendable {
    /// Files by state name (`stable`, `ingested`, `ignored`, `rejected`, `vanished`).
    public let files: [String: Int]
    /// Rejected files by role name: `other` (the layout did not recognise the name), `image`, `plan`.
    public let rejectedByRole: [String: Int]
    public let wells: [String: Int]
    public let plates: [String: Int]
    /// Every well write that succeeded or failed since the catalogue was created (well-written, well-failed events).
    public let wellsWritten: Int
    public let wellsFailed: Int
    /// When a well was last written, nil before the first.
    public let lastWrittenAt: Double?
}
