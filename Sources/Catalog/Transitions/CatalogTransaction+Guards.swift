import GRDB

extension CatalogTransaction {
    /// The stored row of `record`, refusing `transition` unless it is in one of `states`.
    func stored<Record: GuardedRecord>(_ record: Record, for transition: String, from states: Set<Record.State>) throws -> Record {
        let current = try record.id.flatMap { try Record.fetchOne(db, key: $0) }
        guard let current, states.contains(current.state) else {
            throw TransitionRefused(transition: transition, record: record.guardDescription,
                                    state: current?.state.rawValue ?? "absent")
        }
        return current
    }
}
