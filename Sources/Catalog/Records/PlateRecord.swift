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
    /// The field shape the written wells share; a different one means they must be rewritten.
    public var shapeSignature: String?
    /// The plate format, once a well has been written: every physical row and column.
    public var formatRows: Int?
    public var formatColumns: Int?
    /// The instrument's end marker was seen: the plate is complete once its wells are written.
    public var endMarkerSeen: Bool
    /// Why the plate is complete (the plate-complete event says the same); nil while it receives.
    public var reason: String?
    public var createdAt: Double
    /// The last time a file of the plate became stable: the plate timeout counts from here.
    public var lastActivityAt: Double
    public var completedAt: Double?
    public var finalizedAt: Double?
    /// Wells the plan expected that the plate completed without (end marker, acquisition end or timeout),
    /// comma-separated labels; nil when it completed whole or has no plan.
    public var missingWells: String?
    /// When the plate was last reported stalled (plate-stalled); it stalls again only after a new file.
    public var stalledAt: Double?
    /// Timepoints the plate's plan declares, when it declares more than one: the plate's progress is told
    /// against it (`t 7/48`).
    public var plannedTimepoints: Int?
    /// Wells the plate's plan expects images of; nil without a plan that lists wells. The plate's progress is
    /// told against it (`3 / 96`), else against the wells seen so far.
    public var expectedWells: Int?

    public init(id: Int64? = nil, root: String, name: String, state: PlateState, storePath: String, shapeSignature: String? = nil, formatRows: Int? = nil, formatColumns: Int? = nil, endMarkerSeen: Bool = false, reason: String? = nil, createdAt: Double, lastActivityAt: Double, completedAt: Double? = nil, finalizedAt: Double? = nil, missingWells: String? = nil, stalledAt: Double? = nil, plannedTimepoints: Int? = nil, expectedWells: Int? = nil) {
        self.id = id
        self.root = root
        self.name = name
        self.state = state
        self.storePath = storePath
        self.shapeSignature = shapeSignature
        self.formatRows = formatRows
        self.formatColumns = formatColumns
        self.endMarkerSeen = endMarkerSeen
        self.reason = reason
        self.createdAt = createdAt
        self.lastActivityAt = lastActivityAt
        self.completedAt = completedAt
        self.finalizedAt = finalizedAt
        self.missingWells = missingWells
        self.stalledAt = stalledAt
        self.plannedTimepoints = plannedTimepoints
        self.expectedWells = expectedWells
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
