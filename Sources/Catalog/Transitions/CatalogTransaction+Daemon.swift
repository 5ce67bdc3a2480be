import GRDB

/// The daemon's own rows: who runs, the watched folders and how each is watched.
extension CatalogTransaction {
    /// A daemon starts: wells a stopped one was writing go back to `ready` (well-interrupted), the watched
    /// folders are registered as starting, and the daemon row says who runs now (daemon-start).
    public func startDaemon(pid: Int32, roots: [RootRecord], at started: Double) throws {
        try requeueInterruptedWrites()
        for root in roots {
            try root.save(db)
        }
        try DaemonRecord(pid: pid, startedAt: started, heartbeatAt: started, status: "starting", queueLength: 0).save(db)
        try EventRecord.log(db, .info, .daemonStart, "platedrop started (pid \(pid))")
    }

    /// How a watched folder is being watched now (root-state at `level`); `path` names it in the event.
    public func setRootState(_ root: String, to state: String, level: EventLevel, path: String, now: Double) throws {
        try db.execute(sql: "UPDATE root SET state = ?, updatedAt = ? WHERE id = ?", arguments: [state, now, root])
        try EventRecord.log(db, level, .rootState, path: path, state)
    }

    /// The daemon's heartbeat, read by `platedrop status`.
    public func saveHeartbeat(_ daemon: DaemonRecord) throws {
        try daemon.save(db)
    }
}
