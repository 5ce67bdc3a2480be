import GRDB

extension PlateRecord {
    /// A plate by its name (first match across roots) or by `root/name`.
    static func named(_ db: Database, _ name: String) throws -> PlateRecord? {
        if let plate = try PlateRecord.filter(Column("name") == name).order(Column("id")).fetchOne(db) { return plate }
        guard let slash = name.lastIndex(of: "/") else { return nil }
        return try PlateRecord
            .filter(Column("root") == String(name[..<slash]) && Column("name") == String(name[name.index(after: slash)...]))
            .fetchOne(db)
    }
}
