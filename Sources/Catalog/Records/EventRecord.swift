import GRDB

/// One line of the audit log: what happened, to what, when.
public struct EventRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "event"
    public var id: Int64?
    public var at: Double
    public var level: EventLevel
    /// An `EventKind` raw value, e.g. `file-rejected`. Kept as text so that every stored event reads, whatever its kind.
    public var kind: String
    public var plate: Int64?
    public var well: Int64?
    public var path: String?
    public var message: String

    public init(id: Int64? = nil, at: Double, level: EventLevel, kind: String, plate: Int64? = nil, well: Int64? = nil, path: String? = nil, message: String) {
        self.id = id
        self.at = at
        self.level = level
        self.kind = kind
        self.plate = plate
        self.well = well
        self.path = path
        self.message = message
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
