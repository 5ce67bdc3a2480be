/// The whole catalogue at a glance, as `platedrop status` shows it. Counts are by state name.
public struct CatalogOverview: Sendable {
    public let daemon: DaemonRecord?
    public let roots: [RootRecord]
    public let plates: [String: Int]
    public let wells: [String: Int]
    public let files: [String: Int]
    public let readyWells: Int
    /// Time-lapse plates not finalized yet, oldest first, with how far each is along t.
    public let timeLapses: [(plate: String, progress: TimepointProgress)]
    /// The newest warnings and errors first.
    public let problems: [EventRecord]
}
