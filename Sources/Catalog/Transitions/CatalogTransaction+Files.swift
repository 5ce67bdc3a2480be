import GRDB

/// File life cycle: a new or changed file arrives stable (or ignored, or rejected with a reason); stable →
/// ingested once its well is written, or ignored / rejected by the writer; vanished when it leaves the
/// watched folder.
extension CatalogTransaction {
    /// Records a new or changed file in the state `arrival` decides: stable, ignored or rejected (file-rejected),
    /// whatever it was before. The well it was in before, if another, receives again.
    public func recordArrival(_ sighting: FileSighting, as arrival: FileArrival, now: Double) throws {
        var file = try FileRecord.find(db, root: sighting.root, relativePath: sighting.relativePath) ?? FileRecord(
            root: sighting.root, relativePath: sighting.relativePath, size: 0, modifiedNanoseconds: 0,
            changedNanoseconds: 0, inode: 0, state: .stable, role: .other, updatedAt: now)
        let previousWell = file.well
        file.fingerprint = sighting.fingerprint
        file.updatedAt = now
        file.state = .stable
        file.reason = nil
        file.plate = nil
        file.well = nil
        switch arrival {
        case let .image(placement):
            file.role = .image
            file.place(placement)
        case let .awaitingPlan(reason):
            file.role = .image
            file.reason = reason
        case .plan:
            file.role = .plan
        case let .ignored(reason):
            file.role = .other
            file.state = .ignored
            file.reason = reason
        case let .rejected(role, reason):
            file.role = role
            file.state = .rejected
            file.reason = reason
            try EventRecord.log(db, .warning, .fileRejected, path: file.relativePath, reason)
        }
        try file.save(db)
        if let previousWell, previousWell != file.well, var old = try WellRecord.fetchOne(db, key: previousWell) {
            try receiveAgain(&old, now: now)
        }
    }

    /// A file the watcher skips (a name it refuses, say) is ignored, and no longer an image of its plate:
    /// only copies of a plane are ignored images (see `usableImages`).
    public func recordSkipped(root: String, relativePath: String, reason: String, now: Double) throws {
        var file = try FileRecord.find(db, root: root, relativePath: relativePath) ?? FileRecord(
            root: root, relativePath: relativePath, size: 0, modifiedNanoseconds: 0, changedNanoseconds: 0, inode: 0,
            state: .ignored, role: .other, updatedAt: now)
        file.state = .ignored
        file.role = .other
        file.reason = reason
        file.updatedAt = now
        try file.save(db)
    }

    /// Any state but vanished → vanished (file-vanished for images and plans). A well not written yet waits
    /// for the plane again instead of being written without it; pixels already written are kept.
    public func recordVanished(root: String, relativePath: String, now: Double) throws {
        guard var file = try FileRecord.find(db, root: root, relativePath: relativePath), file.state != .vanished else {
            return
        }
        file.state = .vanished
        file.updatedAt = now
        try file.update(db)
        if file.role != .other {
            try EventRecord.log(db, .info, .fileVanished, plate: file.plate, well: file.well, path: relativePath,
                                "file left the watched folder; pixels already written are kept")
        }
        if let wellID = file.well, var well = try WellRecord.fetchOne(db, key: wellID),
           [.receiving, .ready, .failed].contains(well.state) {
            well.state = .receiving
            well.lastActivityAt = now
            try well.update(db)
        }
    }

    /// After the first walk of a root since the daemon started: its files not seen (`seen`, relative paths)
    /// vanished while the daemon was down.
    public func recordVanishedWhileStopped(root: String, seen: Set<String>) throws {
        // Paths only: decoding 200,000 whole records to find the few missing ones took seconds.
        let present = try Row.fetchAll(db, sql: "SELECT id, relativePath FROM file WHERE root = ? AND state != ?",
                                       arguments: [root, FileState.vanished.rawValue])
        for row in present where !seen.contains(row["relativePath"]) {
            try db.execute(sql: "UPDATE file SET state = ? WHERE id = ?",
                           arguments: [FileState.vanished.rawValue, row["id"] as Int64])
        }
    }

    /// stable, ingested or ignored → ingested: its pixels are in the plate.
    public func markIngested(_ file: FileRecord, now: Double) throws {
        var file = try stored(file, for: "mark ingested", from: Self.usableStates)
        file.state = .ingested
        file.updatedAt = now
        try file.update(db)
    }

    /// stable, ingested or ignored → ignored: the writer found it repeats a plane another file holds.
    public func markCopy(_ file: FileRecord, reason: String, now: Double) throws {
        var file = try stored(file, for: "mark as a copy", from: Self.usableStates)
        file.state = .ignored
        file.reason = reason
        file.updatedAt = now
        try file.update(db)
    }

    /// stable, ingested or ignored → rejected (file-rejected), e.g. an unreadable plan or image.
    public func reject(_ file: FileRecord, reason: String, plate: Int64?, now: Double) throws {
        var file = try stored(file, for: "reject", from: Self.usableStates)
        file.state = .rejected
        file.reason = reason
        file.updatedAt = now
        try file.update(db)
        try EventRecord.log(db, .warning, .fileRejected, plate: plate, well: file.well, path: file.relativePath, reason)
    }

    private static let usableStates: Set<FileState> = [.stable, .ingested, .ignored]
}
