import GRDB

/// One line of the audit log: what happened, to what, when.
public struct EventRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "event"
    public var id: Int64?
    public var at: Double
    public var level: EventLevel
    /// A stable short name, e.g. `file-rejected`, `well-written`.
    public var kind: String
    public var plate: Int64?
    public var well: Int64?
    public var path: String?
    public var message: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
