import GRDB

/// The running daemon's heartbeat, read by `platedrop status` (a single row, id 1).
public struct DaemonRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "daemon"
    public var id: Int = 1
    public var pid: Int32
    public var startedAt: Double
    public var heartbeatAt: Double
    public var status: String
    public var currentWork: String?
    public var queueLength: Int
    public var stoppedAt: Double?
    public init(id: Int = 1, pid: Int32, startedAt: Double, heartbeatAt: Double, status: String, currentWork: String? = nil, queueLength: Int, stoppedAt: Double? = nil) {
        self.id = id
        self.pid = pid
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.status = status
        self.currentWork = currentWork
        self.queueLength = queueLength
        self.stoppedAt = stoppedAt
    }
}
