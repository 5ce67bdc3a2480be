import GRDB

/// A field of view of a plate and the field group path it is written to in every well.
public struct FieldRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "field"
    public var plate: Int64
    public var acquisition: Int
    public var field: Int
    public var path: String
    public init(plate: Int64, acquisition: Int, field: Int, path: String) {
        self.plate = plate
        self.acquisition = acquisition
        self.field = field
        self.path = path
    }
}
