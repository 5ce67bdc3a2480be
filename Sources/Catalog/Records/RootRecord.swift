import GRDB

/// A watched folder and how it is being watched.
public struct RootRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "root"
    public var id: String
    public var path: String
    public var layout: String
    public var output: String
    public var state: RootWatchState
    /// Why the folder is watched the way it is, e.g. "network filesystem (nfs4)"; nil while watching.
    public var reason: String?
    public var updatedAt: Double
    public init(id: String, path: String, layout: String, output: String, state: RootWatchState, reason: String? = nil,
                updatedAt: Double) {
        self.id = id
        self.path = path
        self.layout = layout
        self.output = output
        self.state = state
        self.reason = reason
        self.updatedAt = updatedAt
    }

    /// The state in words, with its reason: "watching", "polling: network filesystem (nfs4)".
    public var stateSummary: String {
        reason.map { "\(state.rawValue): \($0)" } ?? state.rawValue
    }
}
