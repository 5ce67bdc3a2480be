import GRDB

/// A well of a plate: its state, and how often it has been (re)written.
public struct WellRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "well"
    public var id: Int64?
    public var plate: Int64
    /// 0-based row and column.
    public var row: Int
    public var column: Int
    public var state: WellState
    /// Incremented each time the well is written, so a rewrite is a new generation.
    public var generation: Int
    /// Failed attempts since the last success.
    public var attempts: Int
    public var reason: String?
    public var lastActivityAt: Double
    public var writtenAt: Double?

    public init(id: Int64? = nil, plate: Int64, row: Int, column: Int, state: WellState, generation: Int, attempts: Int, reason: String? = nil, lastActivityAt: Double, writtenAt: Double? = nil) {
        self.id = id
        self.plate = plate
        self.row = row
        self.column = column
        self.state = state
        self.generation = generation
        self.attempts = attempts
        self.reason = reason
        self.lastActivityAt = lastActivityAt
        self.writtenAt = writtenAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
