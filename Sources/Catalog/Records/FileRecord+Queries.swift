import GRDB

extension FileRecord {
    /// The row for a file of a root.
    static func find(_ db: Database, root: String, relativePath: String) throws -> FileRecord? {
        try FileRecord.filter(Column("root") == root && Column("relativePath") == relativePath).fetchOne(db)
    }
}
