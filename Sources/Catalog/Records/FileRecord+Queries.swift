import GRDB

extension FileRecord {
    /// The row for a file of a root.
    public static func find(_ db: Database, root: String, relativePath: String) throws -> FileRecord? {
        try FileRecord.filter(Column("root") == root && Column("relativePath") == relativePath).fetchOne(db)
    }

    /// Whether a present (not vanished) row for the file has exactly this fingerprint. Every file the watcher
    /// reports goes through this first, 200,000 of them when a daemon restarts on a big catalogue, so it is one
    /// cached statement that reads no record.
    public static func isRecorded(_ db: Database, root: String, relativePath: String, size: Int64,
                                  modifiedNanoseconds: Int64, changedNanoseconds: Int64, inode: Int64) throws -> Bool {
        let statement = try db.cachedStatement(sql: """
            SELECT 1 FROM file WHERE root = ? AND relativePath = ? AND state != ?
            AND size = ? AND modifiedNanoseconds = ? AND changedNanoseconds = ? AND inode = ?
            """)
        let arguments: StatementArguments = [root, relativePath, FileState.vanished.rawValue, size, modifiedNanoseconds,
                                             changedNanoseconds, inode]
        return try Bool.fetchOne(statement, arguments: arguments) != nil
    }

    /// Image files of a plate that can be written: stable, already ingested, or ignored as the copy of a
    /// plane another file holds. Copies stay in: the plane they repeat is there, so a well that is written
    /// again is still complete, and the writer tells them apart again each time.
    public static func usableImages(_ db: Database, plate: Int64) throws -> [FileRecord] {
        try FileRecord
            .filter(Column("plate") == plate && Column("role") == FileRole.image.rawValue
                    && [FileState.stable.rawValue, FileState.ingested.rawValue, FileState.ignored.rawValue]
                        .contains(Column("state")))
            .order(Column("relativePath"))
            .fetchAll(db)
    }

    /// Plan files of a root that are present.
    public static func plans(_ db: Database, root: String) throws -> [FileRecord] {
        try FileRecord
            .filter(Column("root") == root && Column("role") == FileRole.plan.rawValue
                    && Column("state") != FileState.vanished.rawValue)
            .order(Column("relativePath"))
            .fetchAll(db)
    }
}
