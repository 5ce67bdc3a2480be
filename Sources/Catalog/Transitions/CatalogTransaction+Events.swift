extension CatalogTransaction {
    /// Appends an audit event that goes with no transition: plan conflicts and gaps, `on_complete` exits.
    public func log(_ level: EventLevel, _ kind: EventKind, plate: Int64? = nil, well: Int64? = nil,
                    path: String? = nil, _ message: String) throws {
        try EventRecord.log(db, level, kind, plate: plate, well: well, path: path, message)
    }
}
