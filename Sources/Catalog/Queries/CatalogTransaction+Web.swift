import GRDB

/// What the web view and `/metrics` read beyond what the CLI shows.
extension CatalogTransaction {
    /// The counts `/metrics` reports.
    public func tallies() throws -> CatalogTallies {
        CatalogTallies(
            files: try stateCounts(sql: "SELECT state, COUNT(*) AS n FROM file GROUP BY state"),
            rejectedByRole: try stateCounts(
                sql: "SELECT role AS state, COUNT(*) AS n FROM file WHERE state = ? GROUP BY role",
                arguments: [FileState.rejected.rawValue]),
            wells: try stateCounts(sql: "SELECT state, COUNT(*) AS n FROM well GROUP BY state"),
            plates: try stateCounts(sql: "SELECT state, COUNT(*) AS n FROM plate GROUP BY state"),
            wellsWritten: try EventRecord.filter(Column("kind") == EventKind.wellWritten.rawValue).fetchCount(db),
            wellsFailed: try EventRecord.filter(Column("kind") == EventKind.wellFailed.rawValue).fetchCount(db),
            lastWrittenAt: try Double.fetchOne(db, sql: "SELECT MAX(writtenAt) FROM well"))
    }

    /// Rejected files of each plate, by plate id.
    public func rejectedFileCounts() throws -> [Int64: Int] {
        let rows = try Row.fetchAll(db, sql: "SELECT plate, COUNT(*) AS n FROM file WHERE state = ? AND plate IS NOT NULL GROUP BY plate",
                                    arguments: [FileState.rejected.rawValue])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["plate"] as Int64, $0["n"] as Int) })
    }

    /// The rejected files of a plate, by path.
    public func rejectedFiles(plate: Int64) throws -> [FileRecord] {
        try FileRecord.filter(Column("plate") == plate && Column("state") == FileState.rejected.rawValue)
            .order(Column("relativePath")).fetchAll(db)
    }
}
