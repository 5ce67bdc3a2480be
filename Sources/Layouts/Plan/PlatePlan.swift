/// What a vendor plan file says about its plate: shape, channels, pixel size and the planes to expect.
///
/// Scope: a plan applies to the images in `scopeDirectory` and below. That is the plan file's own
/// directory, except for an ImageXpress `.HTD` copied into `TimePoint_N/` or `ZStep_N/`, whose scope is
/// the plate folder above them.
///
/// Plate names: keys in `expected` and `imageKeys` have `plate == ""`. A plan cannot always know the plate
/// name that `InstrumentLayout.classify(relativePath:)` derives from names and folders (the HTD has none;
/// a Harmony PlateID differs from its measurement folder), so the plate always comes from classifying the
/// file and the plan decides only which plane it is. Use `expectedKeys(forPlate:)` and
/// `imageKey(forPathInScope:plate:)` to fill it in.
public struct PlatePlan: Sendable, Equatable {
    /// Path of the plan file this was read from.
    public var source: String
    /// Directory whose subtree the plan describes (absolute when `source` is).
    public var scopeDirectory: String
    /// The vendor's plate name or barcode, for display; not used to name the store.
    public var plateName: String?
    /// Plate grid, when the plan gives it.
    public var format: PlateFormat?
    /// Channels, ordered by index.
    public var channels: [ChannelInfo]
    /// Pixel size in micrometres, when known.
    public var pixelSizeMicrons: Double?
    /// Distance between z planes in micrometres, when known.
    public var zStepMicrons: Double?
    /// Every plane the instrument will write (z never nil), or nil when the plan does not list them.
    public var expected: Set<ImageKey>?
    /// Planes the instrument reports as not acquired, with its reason.
    public var expectedMissing: [MissingImage]
    /// Acquisitions with their names and times, ordered by id.
    public var acquisitions: [AcquisitionInfo]
    /// Keys for files the plan names, by path relative to `scopeDirectory` (always `/`-separated);
    /// these override name parsing.
    public var imageKeys: [String: ImageKey]
    /// Stage positions of the files the plan names, by the same paths as `imageKeys`.
    public var stagePositions: [String: StagePosition]
    /// Whether the instrument declares the acquisition finished (HCS.ai `CollectionComplete`): no more
    /// files will come, so what is there is the plate, as after an end marker.
    public var acquisitionComplete: Bool

    /// A plan from its parts.
    public init(source: String, scopeDirectory: String, plateName: String? = nil, format: PlateFormat? = nil,
                channels: [ChannelInfo] = [], pixelSizeMicrons: Double? = nil, zStepMicrons: Double? = nil,
                expected: Set<ImageKey>? = nil, expectedMissing: [MissingImage] = [],
                acquisitions: [AcquisitionInfo] = [], imageKeys: [String: ImageKey] = [:],
                stagePositions: [String: StagePosition] = [:], acquisitionComplete: Bool = false) {
        self.source = source
        self.scopeDirectory = scopeDirectory
        self.plateName = plateName
        self.format = format
        self.channels = channels
        self.pixelSizeMicrons = pixelSizeMicrons
        self.zStepMicrons = zStepMicrons
        self.expected = expected
        self.expectedMissing = expectedMissing
        self.acquisitions = acquisitions
        self.imageKeys = imageKeys
        self.stagePositions = stagePositions
        self.acquisitionComplete = acquisitionComplete
    }

    /// The expected planes with `plate` filled in, or nil when the plan lists none.
    public func expectedKeys(forPlate plate: String) -> Set<ImageKey>? {
        expected.map { Set($0.map { $0.withPlate(plate) }) }
    }

    /// The key the plan gives the file at `relativePath` (relative to `scopeDirectory`), with `plate` filled in.
    public func imageKey(forPathInScope relativePath: String, plate: String) -> ImageKey? {
        imageKeys[relativePath]?.withPlate(plate)
    }
}
