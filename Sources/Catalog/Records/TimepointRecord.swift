import GRDB

/// One timepoint of a well of a time-lapse plate (every well has at least its one timepoint): whether it
/// waits to be written or is on disk, and how often it has been written.
public struct TimepointRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "timepoint"
    public var id: Int64?
    public var well: Int64
    /// The instrument's timepoint, 0-based as the layout normalised it (a file's `t`, 0 when it has none).
    public var t: Int
    public var state: TimepointState
    /// Incremented each time the timepoint is written: appended, retaken after a changed file, or written
    /// again with its whole well.
    public var generation: Int
    public var writtenAt: Double?

    public init(id: Int64? = nil, well: Int64, t: Int, state: TimepointState, generation: Int, writtenAt: Double? = nil) {
        self.id = id
        self.well = well
        self.t = t
        self.state = state
        self.generation = generation
        self.writtenAt = writtenAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
