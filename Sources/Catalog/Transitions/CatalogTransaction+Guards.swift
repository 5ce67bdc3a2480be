import GRDB

extension CatalogTransaction {
    /// The stored row of `plate`, refusing `transition` unless it is in one of `states`.
    func stored(_ plate: PlateRecord, for transition: String, from states: Set<PlateState>) throws -> PlateRecord {
        let current = try plate.id.flatMap { try PlateRecord.fetchOne(db, key: $0) }
        guard let current, states.contains(current.state) else {
            throw TransitionRefused(transition: transition, record: "plate \(plate.name)",
                                    state: current?.state.rawValue ?? "absent")
        }
        return current
    }

    /// The stored row of `well`, refusing `transition` unless it is in one of `states`.
    func stored(_ well: WellRecord, for transition: String, from states: Set<WellState>) throws -> WellRecord {
        let current = try well.id.flatMap { try WellRecord.fetchOne(db, key: $0) }
        guard let current, states.contains(current.state) else {
            throw TransitionRefused(transition: transition, record: "well \(well.position.label) of plate \(well.plate)",
                                    state: current?.state.rawValue ?? "absent")
        }
        return current
    }

    /// The stored row of `file`, refusing `transition` unless it is in one of `states`.
    func stored(_ file: FileRecord, for transition: String, from states: Set<FileState>) throws -> FileRecord {
        let current = try file.id.flatMap { try FileRecord.fetchOne(db, key: $0) }
        guard let current, states.contains(current.state) else {
            throw TransitionRefused(transition: transition, record: "file \(file.root):\(file.relativePath)",
                                    state: current?.state.rawValue ?? "absent")
        }
        return current
    }
}
