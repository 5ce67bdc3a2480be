import GRDB

/// What the CLI reads to report.
extension CatalogTransaction {
    /// The daemon, the watched folders, counts by state and the newest `problemLimit` warnings and errors.
    public func overview(problemLimit: Int) throws -> CatalogOverview {
        CatalogOverview(
            daemon: try DaemonRecord.fetchOne(db),
            roots: try RootRecord.order(Column("id")).fetchAll(db),
            plates: try stateCounts(sql: "SELECT state, COUNT(*) AS n FROM plate GROUP BY state"),
            wells: try stateCounts(sql: "SELECT state, COUNT(*) AS n FROM well GROUP BY state"),
            files: try stateCounts(sql: "SELECT state, COUNT(*) AS n FROM file GROUP BY state"),
            readyWells: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM well WHERE state = 'ready'") ?? 0,
            timeLapses: try PlateRecord.filter(Column("state") != PlateState.finalized.rawValue).order(Column("id")).fetchAll(db)
                .compactMap { plate in
                    let progress = try timepointProgress(of: plate)
                    return progress.label == nil ? nil : (plate.name, progress)
                },
            problems: try EventRecord.order(Column("id").desc).limit(problemLimit)
                .filter(Column("level") != EventLevel.info.rawValue).fetchAll(db))
    }

    /// Every plate, oldest first.
    public func allPlates() throws -> [PlateRecord] {
        try PlateRecord.order(Column("id")).fetchAll(db)
    }

    /// Every plate with its wells counted by state, oldest first.
    public func plateProgress() throws -> [PlateProgress] {
        try allPlates().map { plate in
            PlateProgress(plate: plate, wells: try stateCounts(
                sql: "SELECT state, COUNT(*) AS n FROM well WHERE plate = ? GROUP BY state", arguments: [plate.id]),
                          timepoints: try timepointProgress(of: plate))
        }
    }

    /// How far `plate` is along t: the timepoints every written well holds, against its plan's count.
    public func timepointProgress(of plate: PlateRecord) throws -> TimepointProgress {
        let fewest = try Int.fetchOne(db, sql: """
            SELECT MIN(n) FROM (SELECT COUNT(timepoint.id) AS n FROM well
            LEFT JOIN timepoint ON timepoint.well = well.id AND timepoint.state = ?
            WHERE well.plate = ? AND well.writtenAt IS NOT NULL GROUP BY well.id)
            """, arguments: [TimepointState.written.rawValue, plate.id])
        let planned = try Int.fetchOne(db, sql: "SELECT plannedTimepoints FROM plate WHERE id = ?", arguments: [plate.id])
        return TimepointProgress(written: fewest ?? 0, planned: planned)
    }

    /// A plate by its name (first match across roots) or by `root/name`.
    public func plate(named name: String) throws -> PlateRecord? {
        try PlateRecord.named(db, name)
    }

    /// The files of a plate counted by state.
    public func fileCounts(plate: Int64) throws -> [String: Int] {
        try stateCounts(sql: "SELECT state, COUNT(*) AS n FROM file WHERE plate = ? GROUP BY state", arguments: [plate])
    }

    /// The most recently updated files first, optionally only those in `state`.
    public func recentFiles(in state: FileState?, limit: Int) throws -> [FileRecord] {
        var request = FileRecord.order(Column("updatedAt").desc).limit(limit)
        if let state { request = request.filter(Column("state") == state.rawValue) }
        return try request.fetchAll(db)
    }

    /// How many files the catalogue holds, whatever their state.
    public func fileCount() throws -> Int {
        try FileRecord.fetchCount(db)
    }

    func stateCounts(sql: String, arguments: StatementArguments = []) throws -> [String: Int] {
        let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0["state"] as String, $0["n"] as Int) })
    }
}
