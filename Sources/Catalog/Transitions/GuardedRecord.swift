import GRDB

/// A catalogue row with a state machine: a transition re-reads the stored row and refuses unless it is in
/// a state the transition may leave (`CatalogTransaction.stored(_:for:from:)`).
protocol GuardedRecord: FetchableRecord, TableRecord {
    associatedtype State: RawRepresentable<String> & Hashable
    var id: Int64? { get }
    var state: State { get }
    /// How a refusal names the row, e.g. "plate P1".
    var guardDescription: String { get }
}

extension PlateRecord: GuardedRecord {
    var guardDescription: String { "plate \(name)" }
}

extension WellRecord: GuardedRecord {
    var guardDescription: String { "well \(position.label) of plate \(plate)" }
}

extension FileRecord: GuardedRecord {
    var guardDescription: String { "file \(root):\(relativePath)" }
}
