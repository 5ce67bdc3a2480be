import GRDB

/// A watched folder and how it is being watched.
public struct RootRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "root"
    public var id: String
    public var path: String
    public var layout: String
    public var output: String
    /// e.g. "watching", "polling: network filesystem", "missing".
    public var state: String
    public var updatedAt: Double
    public init(id: String, path: String, layout: String, output: String, state: String, updatedAt: Double) {
        self.id = id
        self.path = path
        self.layout = layout
        self.output = output
        self.state = state
        self.updatedAt = updatedAt
    }
}
