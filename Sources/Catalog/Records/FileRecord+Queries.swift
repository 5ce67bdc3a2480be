import GRDB

extension FileRecord {
    /// The row for a file of a root.
    public static func find(_ db: Database, root: String, relativePath: String) throws -> FileRecord? {
        try FileRecord.filter(Column("root") == root && Column("relativePath") == relativePath).fetchOne(db)
    }

    /// Image files of a plate that can be written (stable or already ingested).
    public static func usableImages(_ db: Database, plate: Int64) throws -> [FileRecord] {
        try FileRecord
            .filter(Column("plate") == plate && Column("role") == FileRole.image.rawValue
                    && [FileState.stable.rawValue, FileState.ingested.rawValue].contains(Column("state")))
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
