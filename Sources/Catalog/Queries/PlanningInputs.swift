import GRDB

/// What the planner reads of a plate, condensed into a value cheap to compute and compare: the plate row,
/// and counts and sums over its files, its wells, their timepoints and its root's plan files. Every
/// transition of a file, well or timepoint moves a state count, a time, a placement or a generation, so
/// while this value stays the same, so do the planner's decisions, until a time passes.
public struct PlanningInputs: Hashable, Sendable {
    let plate: PlateRecord
    let aggregates: [Double]

    static func read(_ db: Database, plate: PlateRecord) throws -> PlanningInputs {
        let queries: [(sql: String, argument: DatabaseValueConvertible)] = [
            ("""
             SELECT COUNT(*), TOTAL(updatedAt), MAX(updatedAt), TOTAL(COALESCE(well, 0)), TOTAL(COALESCE(t, 0)),
                    TOTAL(state = 'stable'), TOTAL(state = 'ingested'), TOTAL(state = 'ignored'), TOTAL(state = 'rejected'),
                    TOTAL(role = 'image')
             FROM file WHERE plate = ?
             """, plate.id),
            ("""
             SELECT COUNT(*), TOTAL(lastActivityAt), TOTAL(COALESCE(writtenAt, 0)), TOTAL(generation), TOTAL(attempts),
                    TOTAL(state = 'receiving'), TOTAL(state = 'ready'), TOTAL(state = 'writing'), TOTAL(state = 'written')
             FROM well WHERE plate = ?
             """, plate.id),
            ("""
             SELECT COUNT(*), TOTAL(timepoint.t), TOTAL(timepoint.state = 'written'), TOTAL(timepoint.generation),
                    TOTAL(COALESCE(timepoint.writtenAt, 0))
             FROM timepoint JOIN well ON timepoint.well = well.id WHERE well.plate = ?
             """, plate.id),
            ("""
             SELECT COUNT(*), TOTAL(updatedAt), MAX(updatedAt), TOTAL(state = 'rejected'), TOTAL(state = 'vanished')
             FROM file WHERE root = ? AND role = 'plan'
             """, plate.root),
        ]
        var aggregates: [Double] = []
        for query in queries {
            guard let row = try Row.fetchOne(db, sql: query.sql, arguments: [query.argument]) else { continue }
            aggregates += (0..<row.count).map { (row[$0] as Double?) ?? -1 }
        }
        return PlanningInputs(plate: plate, aggregates: aggregates)
    }
}

extension CatalogTransaction {
    /// What the planner's decisions about `plate` depend on in the catalogue (`PlanningInputs`).
    public func planningInputs(of plate: PlateRecord) throws -> PlanningInputs {
        try PlanningInputs.read(db, plate: plate)
    }
}
