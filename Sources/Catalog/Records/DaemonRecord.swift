import GRDB

/// The running daemon's heartbeat, read by `platedrop status` (a single row, id 1).
public struct DaemonRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "daemon"
    public var id: Int = 1
    public var pid: Int32
    public var startedAt: Double
    public var heartbeatAt: Double
    public var status: DaemonStatus
    public var currentWork: String?
    public var queueLength: Int
    public var stoppedAt: Double?
    /// The file systems below `min_free`, whose roots start no new well write; empty while writing runs.
    public var writePauses: [WritePause]
    public init(id: Int = 1, pid: Int32, startedAt: Double, heartbeatAt: Double, status: DaemonStatus, currentWork: String? = nil, queueLength: Int, stoppedAt: Double? = nil, writePauses: [WritePause] = []) {
        self.id = id
        self.pid = pid
        self.startedAt = startedAt
        self.heartbeatAt = heartbeatAt
        self.status = status
        self.currentWork = currentWork
        self.queueLength = queueLength
        self.stoppedAt = stoppedAt
        self.writePauses = writePauses
    }
}
