import GRDB

/// What the daemon reads to plan and write.
extension CatalogTransaction {
    /// Whether a present (not vanished) row for the file has exactly this fingerprint. Every file the watcher
    /// reports goes through this first, 200,000 of them when a daemon restarts on a big catalogue, so it is one
    /// cached statement that reads no record.
    public func isRecorded(_ sighting: FileSighting) throws -> Bool {
        let statement = try db.cachedStatement(sql: """
            SELECT 1 FROM file WHERE root = ? AND relativePath = ? AND state != ?
            AND size = ? AND modifiedNanoseconds = ? AND changedNanoseconds = ? AND inode = ?
            """)
        let fingerprint = sighting.fingerprint
        let arguments: StatementArguments = [sighting.root, sighting.relativePath, FileState.vanished.rawValue, fingerprint.size,
                                             fingerprint.modificationNanoseconds, fingerprint.changeNanoseconds,
                                             Int64(bitPattern: fingerprint.inode)]
        return try Bool.fetchOne(statement, arguments: arguments) != nil
    }

    /// The row for a file of a root.
    public func file(root: String, relativePath: String) throws -> FileRecord? {
        try FileRecord.find(db, root: root, relativePath: relativePath)
    }

    /// Image files of a plate that can be written: stable, already ingested, or ignored as the copy of a
    /// plane another file holds. Copies stay in: the plane they repeat is there, so a well that is written
    /// again is still complete, and the writer tells them apart again each time.
    public func usableImages(plate: Int64) throws -> [FileRecord] {
        try FileRecord
            .filter(Column("plate") == plate && Column("role") == FileRole.image.rawValue
                    && [FileState.stable.rawValue, FileState.ingested.rawValue, FileState.ignored.rawValue]
                        .contains(Column("state")))
            .order(Column("relativePath"))
            .fetchAll(db)
    }

    /// Plan files of a root that are present.
    public func planFiles(root: String) throws -> [FileRecord] {
        try FileRecord
            .filter(Column("root") == root && Column("role") == FileRole.plan.rawValue
                    && Column("state") != FileState.vanished.rawValue)
            .order(Column("relativePath"))
            .fetchAll(db)
    }

    /// Images of a root that arrived before any plan could place them (`FileArrival.awaitingPlan`).
    public func imagesAwaitingPlan(root: String) throws -> [FileRecord] {
        try FileRecord
            .filter(Column("root") == root && Column("role") == FileRole.image.rawValue
                    && Column("state") == FileState.stable.rawValue && Column("well") == nil)
            .order(Column("relativePath"))
            .fetchAll(db)
    }

    /// Plates in one state, oldest first.
    public func plates(in state: PlateState) throws -> [PlateRecord] {
        try PlateRecord.filter(Column("state") == state.rawValue).order(Column("id")).fetchAll(db)
    }

    /// Every well of a plate, row-major.
    public func wells(plate: Int64) throws -> [WellRecord] {
        try WellRecord.all(db, plate: plate)
    }

    /// The timepoints of every well of a plate that has any, by well id, in t order.
    public func timepoints(plate: Int64) throws -> [Int64: [TimepointRecord]] {
        try TimepointRecord.byWell(db, plate: plate)
    }

    /// The plate with the oldest ready well, if any, of the roots not in `paused`: the one written next.
    public func nextPlateToWrite(skipping paused: Set<String> = []) throws -> PlateRecord? {
        let skipped = paused.sorted()
        let filter = skipped.isEmpty ? "" : "AND plate.root NOT IN (\(skipped.map { _ in "?" }.joined(separator: ", ")))"
        return try PlateRecord.fetchOne(db, sql: """
            SELECT plate.* FROM plate JOIN well ON well.plate = plate.id
            WHERE well.state = 'ready' \(filter) ORDER BY well.lastActivityAt LIMIT 1
            """, arguments: StatementArguments(skipped))
    }

    /// Receiving plates with no new file since `cutoff` that were not reported stalled since their last file.
    public func stalledPlates(quietSince cutoff: Double) throws -> [PlateRecord] {
        try PlateRecord
            .filter(Column("state") == PlateState.receiving.rawValue && Column("lastActivityAt") <= cutoff
                    && (Column("stalledAt") == nil || Column("stalledAt") < Column("lastActivityAt")))
            .order(Column("id"))
            .fetchAll(db)
    }
}
