import GRDB

/// A channel of a plate and its name.
public struct ChannelRecord: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "channel"
    public var plate: Int64
    public var channel: Int
    public var name: String
    public init(plate: Int64, channel: Int, name: String) {
        self.plate = plate
        self.channel = channel
        self.name = name
    }
}
