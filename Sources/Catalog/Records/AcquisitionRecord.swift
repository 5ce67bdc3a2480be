import GRDB

/// An acquisition of a plate with its vendor name and times.
public struct AcquisitionRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "acquisition"
    public var plate: Int64
    public var acquisition: Int
    public var name: String?
    public var startTime: Double?
    public var endTime: Double?
    public init(plate: Int64, acquisition: Int, name: String? = nil, startTime: Double? = nil, endTime: Double? = nil) {
        self.plate = plate
        self.acquisition = acquisition
        self.name = name
        self.startTime = startTime
        self.endTime = endTime
    }
}
