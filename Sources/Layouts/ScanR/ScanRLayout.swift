import Foundation

/// Evident (Olympus) scanR layout (docs/layouts.md §1.6):
/// `<experiment>/data/<well label>--W00014--P00001--Z00000--T00000--<channel>.tif` beside `data/metadata.ome.xml`.
///
/// W (well index, row by row) and P (position) count from 1, Z and T from 0. The well is the label before
/// the first `--` ("B2"); an unlabelled name is placed by its well index on a 96-well plate, since the name
/// does not say how wide the plate is (metadata.ome.xml does, and its keys win). The channel is named, not
/// numbered: `metadata.ome.xml` gives each file its channel index; without it channels are ordered by name.
/// The plate is the folder that holds `data/` (the image's own folder outside one; `defaultPlateName` at
/// the export root).
public struct ScanRLayout: InstrumentLayout {
    /// "scanr".
    public let name = "scanr"
    /// Plate name for images in the export root or its `data/` folder; the ingest passes the root's folder name.
    public let defaultPlateName: String

    /// A scanR layout whose root-level images belong to `defaultPlateName`.
    public init(defaultPlateName: String) {
        self.defaultPlateName = defaultPlateName
    }

    static let expectedName = "<well label>--W<well>--P<position>--Z<z>--T<t>--<channel>.tif, e.g. B2--W00014--P00001--Z00000--T00000--405 nm #1.tif"

    static let metadataFileName = "metadata.ome.xml"

    /// The plate an unlabelled well index is counted on when nothing says how wide the plate is.
    static let assumedFormat = PlateFormat.wells96

    private static let stem = try! NSRegularExpression(wholeMatching:
        #"(?<label>[^-]*)--W(?<well>\d+)--P(?<position>\d+)--Z(?<z>\d+)--T(?<t>\d+)--(?<channel>.+)"#)

    /// `metadata.ome.xml` as the plan; images by the scanR convention.
    public func classify(relativePath: String) -> FileRole {
        let path = RelativePath(relativePath)
        if let reason = CommonFileRules.ignoreReason(for: path) { return .ignored(reason: reason) }
        if path.fileName.lowercased() == Self.metadataFileName { return .plan(.scanRMetadata) }
        guard ["tif", "tiff"].contains(path.fileExtension), let match = Self.stem.wholeMatch(path.stem),
              let label = match["label"], let channelName = match["channel"],
              let wellIndex = match["well"].flatMap({ Int($0) }), let position = match["position"].flatMap({ Int($0) }),
              let z = match["z"].flatMap({ Int($0) }), let t = match["t"].flatMap({ Int($0) })
        else {
            return CommonFileRules.unclaimedRole(for: path, layout: name, expected: Self.expectedName)
        }
        guard wellIndex >= 1, position >= 1 else {
            return .unrecognized(reason: "\(path.fileName): W and P count from 1 in scanR names")
        }
        guard let well = Self.well(label: label, index: wellIndex, format: Self.assumedFormat) else {
            return .unrecognized(reason: "\(path.fileName): well label \"\(label)\" is not a well such as B2, and well index "
                + "\(wellIndex) lies beyond a 96-well plate; place the export's data/\(Self.metadataFileName) beside it")
        }
        let plateToken = plateFolder(path.directories) ?? defaultPlateName
        guard let plate = ImageKey.safePlateName(plateToken) else { return CommonFileRules.rejectedPlate(plateToken) }
        return .image(ImageKey(plate: plate, well: well, field: position - 1, channel: ChannelNameOrder.number(for: channelName),
                               z: z, t: t))
    }

    /// The well a label names ("B2"), else the 1-based `index` counted row by row over `format`; nil when
    /// the label is no well or the index lies beyond the plate.
    static func well(label: String, index: Int, format: PlateFormat) -> WellPosition? {
        if !label.isEmpty { return WellPosition(parsing: label) }
        guard (1...format.wellCount).contains(index) else { return nil }
        return WellPosition(row: (index - 1) / format.columns, column: (index - 1) % format.columns)
    }

    /// The channel name that ends a scanR name ("405 nm #1").
    public func channelName(ofImageAt relativePath: String) -> String? {
        Self.stem.wholeMatch(RelativePath(relativePath).stem)?["channel"]
    }

    /// The folder holding `data/`, or the image's own folder; nil at the export root.
    private func plateFolder(_ directories: ArraySlice<String>) -> String? {
        guard let innermost = directories.last else { return nil }
        return innermost.lowercased() == "data" ? directories.dropLast().last : innermost
    }

    /// Reads `metadata.ome.xml`.
    public func readPlan(at path: String) throws(LayoutError) -> PlatePlan {
        guard RelativePath(path).fileName.lowercased() == Self.metadataFileName else {
            throw .unsupportedPlan(path: path, layout: name, expected: "scanR data/\(Self.metadataFileName)")
        }
        return try ScanRMetadataReader.plan(at: path)
    }
}
