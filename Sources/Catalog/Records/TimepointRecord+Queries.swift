import GRDB

extension TimepointRecord {
    /// The timepoints of one well, in t order.
    static func all(_ db: Database, well: Int64) throws -> [TimepointRecord] {
        try TimepointRecord.filter(Column("well") == well).order(Column("t")).fetchAll(db)
    }

    /// The timepoints of every well of a plate, by well id.
    static func byWell(_ db: Database, plate: Int64) throws -> [Int64: [TimepointRecord]] {
        let records = try TimepointRecord.fetchAll(db, sql: """
            SELECT timepoint.* FROM timepoint JOIN well ON well.id = timepoint.well WHERE well.plate = ? ORDER BY timepoint.t
            """, arguments: [plate])
        return Dictionary(grouping: records, by: \.well)
    }
}
