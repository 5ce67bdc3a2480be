/// One image file the generator wrote, with its plate coordinates (all 0-based).
public struct GeneratedImage: Sendable, Hashable {
    /// What the file holds.
    public enum Kind: Sendable, Hashable {
        /// A plane the instrument acquired; a channel in `ExportSpec.singlePlaneChannels` has one, at z 0.
        case plane
        /// The maximum-intensity projection of the field's z-stack of this channel (pixel-wise maximum of
        /// its planes), with a MetaSeries header naming `Z Projection Method` "Maximum".
        case maximumProjection
        /// A byte-for-byte copy of the file at `original` (relative to the export root), as MetaXpress
        /// writes a single-plane channel into every `ZStep_N` folder; it holds no plane of its own.
        case repeatedPlane(original: String)
    }

    /// Path of the file relative to the export root, with "/" separators.
    public let relativePath: String
    /// 0-based plate row.
    public let row: Int
    /// 0-based plate column.
    public let column: Int
    /// 0-based field (site) within the well.
    public let field: Int
    /// 0-based channel (wavelength).
    public let channel: Int
    /// 0-based Z plane. For a projection 0; for a repeated plane the index of its folder's plane
    /// (`ZStep_N` → N − 1, `ZStep_0` → 0), not of the plane it holds.
    public let z: Int
    /// 0-based time point.
    public let t: Int
    /// 0-based acquisition run (`ExportSpec.runs`).
    public let run: Int
    /// Plane, projection or copy.
    public let kind: Kind

    /// Creates an image record.
    public init(relativePath: String, row: Int, column: Int, field: Int, channel: Int, z: Int, t: Int,
                run: Int = 0, kind: Kind = .plane) {
        self.relativePath = relativePath
        self.row = row
        self.column = column
        self.field = field
        self.channel = channel
        self.z = z
        self.t = t
        self.run = run
        self.kind = kind
    }

    /// Whether the file holds a plane the instrument acquired (neither a projection nor a copy).
    public var isPlane: Bool { kind == .plane }
}
