/// One image file the generator wrote, with its plate coordinates (all 0-based).
public struct GeneratedImage: Sendable, Hashable {
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
    /// 0-based Z plane.
    public let z: Int
    /// 0-based time point.
    public let t: Int

    /// Creates an image record.
    public init(relativePath: String, row: Int, column: Int, field: Int, channel: Int, z: Int, t: Int) {
        self.relativePath = relativePath
        self.row = row
        self.column = column
        self.field = field
        self.channel = channel
        self.z = z
        self.t = t
    }
}
