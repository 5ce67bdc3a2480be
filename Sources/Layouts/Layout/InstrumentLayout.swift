/// An instrument's naming convention: which files are images (and which plane each is) and which are plans.
public protocol InstrumentLayout: Sendable {
    /// Short name used by `--layout`, e.g. "imagexpress".
    var name: String { get }
    /// The role of the file at `relativePath` (relative to the export root, `/`-separated).
    func classify(relativePath: String) -> FileRole
    /// Reads the plan file at `path`, one that `classify` reported as `.plan`.
    func readPlan(at path: String) throws(LayoutError) -> PlatePlan
    /// Whether the instrument describes each plane in its TIFF ImageDescription (see `planeMetadata`).
    var describesPlanesInImageHeader: Bool { get }
    /// What an image's TIFF ImageDescription says of its plane, or nil when it is not the instrument's.
    func planeMetadata(imageDescription: String) -> PlaneMetadata?
    /// The channel's name when the instrument names channels in file names instead of numbering them
    /// (scanR `--405 nm #1.tif`), for plates whose plan does not name them; nil when the name holds none.
    func channelName(ofImageAt relativePath: String) -> String?
}

extension InstrumentLayout {
    /// Most instruments keep plane metadata in their plan files only.
    public var describesPlanesInImageHeader: Bool { false }

    /// Nothing.
    public func planeMetadata(imageDescription: String) -> PlaneMetadata? { nil }

    /// Most instruments number their channels.
    public func channelName(ofImageAt relativePath: String) -> String? { nil }
}
