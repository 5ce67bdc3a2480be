import GRDB

/// A plate as the catalogue knows it.
public struct PlateRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "plate"
    public var id: Int64?
    public var root: String
    public var name: String
    public var state: PlateState
    /// Where its OME-Zarr store is (or will be) written.
    public var storePath: String
    public var reason: String?
    public var createdAt: Double
    /// The last time a file of the plate became stable: the plate timeout counts from here.
    public var lastActivityAt: Double
    public var completedAt: Double?
    public var finalizedAt: Double?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
