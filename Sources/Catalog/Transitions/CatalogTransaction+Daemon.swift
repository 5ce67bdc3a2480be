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
        try DaemonRecord(pid: pid, startedAt: started, heartbeatAt: started, status: .starting, queueLength: 0).save(db)
        try EventRecord.log(db, .info, .daemonStart, "platedrop started (pid \(pid))")
    }

    /// How a watched folder is being watched now, and why (root-state, at the state's level); `path` names
    /// it in the event.
    public func setRootState(_ root: String, to state: RootWatchState, reason: String?, path: String, now: Double) throws {
        guard var record = try RootRecord.fetchOne(db, key: root) else { return }
        record.state = state
        record.reason = reason
        record.updatedAt = now
        try record.update(db)
        try EventRecord.log(db, state.eventLevel, .rootState, path: path, record.stateSummary)
    }

    /// The daemon's heartbeat, read by `platedrop status`.
    public func saveHeartbeat(_ daemon: DaemonRecord) throws {
        try daemon.save(db)
    }

    /// The disk guard found `pause.path`'s file system below `min_free`: its roots start no new well write
    /// (writes-paused). Refused while that folder is already paused.
    public func pauseWrites(_ pause: WritePause) throws {
        guard var daemon = try DaemonRecord.fetchOne(db, key: 1) else {
            throw TransitionRefused(transition: "pause writes", record: "daemon", state: "absent")
        }
        guard !daemon.writePauses.contains(where: { $0.path == pause.path }) else {
            throw TransitionRefused(transition: "pause writes", record: "on \(pause.path)", state: "paused already")
        }
        daemon.writePauses.append(pause)
        try daemon.update(db)
        let roots = pause.holdsCatalogue ? "every root (the catalogue is there)" : "root(s) \(pause.roots.joined(separator: ", "))"
        try EventRecord.log(db, .error, .writesPaused, path: pause.path,
                            "writing paused for \(roots): \(pause.freeBytes) bytes free, below min_free (\(pause.minFreeBytes) bytes)")
    }

    /// `path`'s file system has `freeBytes` free again, at least `min_free`: its roots write again
    /// (writes-resumed). Refused when it was not paused.
    public func resumeWrites(on path: String, freeBytes: Int64) throws {
        guard var daemon = try DaemonRecord.fetchOne(db, key: 1), daemon.writePauses.contains(where: { $0.path == path }) else {
            throw TransitionRefused(transition: "resume writes", record: "on \(path)", state: "not paused")
        }
        daemon.writePauses.removeAll { $0.path == path }
        try daemon.update(db)
        try EventRecord.log(db, .info, .writesResumed, path: path, "writing resumed: \(freeBytes) bytes free")
    }
}
