import GRDB

/// A file seen in a watched folder: its fingerprint, what it is, and what became of it.
public struct FileRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "file"
    public var id: Int64?
    public var root: String
    public var relativePath: String
    public var size: Int64
    public var modifiedNanoseconds: Int64
    public var changedNanoseconds: Int64
    public var inode: Int64
    public var state: FileState
    public var role: FileRole
    public var reason: String?
    public var plate: Int64?
    public var well: Int64?
    /// The plane(s) the file holds, 0-based as the layout normalised them; z nil = pages are z-planes.
    public var field: Int?
    public var channel: Int?
    public var z: Int?
    public var t: Int?
    public var acquisition: Int?
    /// The header, read once when the file became stable.
    public var width: Int?
    public var height: Int?
    public var sampleType: String?
    public var pages: Int?
    public var updatedAt: Double

    public init(id: Int64? = nil, root: String, relativePath: String, size: Int64, modifiedNanoseconds: Int64, changedNanoseconds: Int64, inode: Int64, state: FileState, role: FileRole, reason: String? = nil, plate: Int64? = nil, well: Int64? = nil, field: Int? = nil, channel: Int? = nil, z: Int? = nil, t: Int? = nil, acquisition: Int? = nil, width: Int? = nil, height: Int? = nil, sampleType: String? = nil, pages: Int? = nil, updatedAt: Double) {
        self.id = id
        self.root = root
        self.relativePath = relativePath
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.changedNanoseconds = changedNanoseconds
        self.inode = inode
        self.state = state
        self.role = role
        self.reason = reason
        self.plate = plate
        self.well = well
        self.field = field
        self.channel = channel
        self.z = z
        self.t = t
        self.acquisition = acquisition
        self.width = width
        self.height = height
        self.sampleType = sampleType
        self.pages = pages
        self.updatedAt = updatedAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
