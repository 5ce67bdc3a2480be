import GRDB

extension WellRecord {
    /// The well at `row`/`column` of a plate, created in state `receiving` when new.
    public static func findOrCreate(_ db: Database, plate: Int64, row: Int, column: Int, now: Double) throws -> WellRecord {
        if let existing = try WellRecord
            .filter(Column("plate") == plate && Column("row") == row && Column("column") == column).fetchOne(db) {
            return existing
        }
        var well = WellRecord(plate: plate, row: row, column: column, state: .receiving, generation: 0, attempts: 0,
                              lastActivityAt: now)
        try well.insert(db)
        return well
    }

    /// Every well of a plate, row-major.
    public static func all(_ db: Database, plate: Int64) throws -> [WellRecord] {
        try WellRecord.filter(Column("plate") == plate).order(Column("row"), Column("column")).fetchAll(db)
    }
}

extension WellRecord {
    /// Failed wells are retried automatically this many times, with a growing pause; after that they
    /// wait for `platedrop retry`.
    public static let automaticRetryLimit = 5
}
