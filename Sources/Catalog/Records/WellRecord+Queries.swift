import GRDB

extension WellRecord {
    /// Every well of a plate, row-major.
    static func all(_ db: Database, plate: Int64) throws -> [WellRecord] {
        try WellRecord.filter(Column("plate") == plate).order(Column("row"), Column("column")).fetchAll(db)
    }
}

extension WellRecord {
    /// Failed wells are retried automatically this many times, with a growing pause; after that they
    /// wait for `platedrop retry`.
    public static let automaticRetryLimit = 5
}
