import GRDB

extension PlateRecord {
    /// The plate named `name` of `root`, created in state `receiving` when new (second value true).
    public static func findOrCreate(_ db: Database, root: String, name: String, storePath: String, now: Double)
        throws -> (PlateRecord, Bool) {
        if let existing = try PlateRecord.filter(Column("root") == root && Column("name") == name).fetchOne(db) {
            return (existing, false)
        }
        var plate = PlateRecord(root: root, name: name, state: .receiving, storePath: storePath, createdAt: now,
                                lastActivityAt: now)
        try plate.insert(db)
        return (plate, true)
    }

    /// A plate by its name (first match across roots) or by `root/name`.
    public static func named(_ db: Database, _ name: String) throws -> PlateRecord? {
        if let plate = try PlateRecord.filter(Column("name") == name).order(Column("id")).fetchOne(db) { return plate }
        guard let slash = name.lastIndex(of: "/") else { return nil }
        return try PlateRecord
            .filter(Column("root") == String(name[..<slash]) && Column("name") == String(name[name.index(after: slash)...]))
            .fetchOne(db)
    }
}
