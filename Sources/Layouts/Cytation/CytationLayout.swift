import Foundation

/// Agilent (BioTek) Cytation / Gen5 TIFF export (docs/layouts.md §1.8), names alone, in the two
/// forms Bio-Formats' BioTek reader accepts:
/// - `<well>_<read step>_<n>_<field>_<channel>_<n>.tif`, e.g. `A1_01_1_1_Phase Contrast_001.tif`;
/// - `<well>_<field>[Z<z>]_<channel>_<n>_<time>_.tif`, e.g. `A1_1Z4_DAPI_1_003_.tif`.
///
/// Wells are unpadded (`A1`, `H10`); field and time count from 1, z is kept as written (only its order
/// matters). The channel is named, not numbered, so channels are ordered and labelled by name. Gen5's
/// stitched montages (`…_Stitched[…]_…`) are made from the fields and are ignored. The plate is the
/// image's folder (Gen5 exports one folder per plate read), else `defaultPlateName`.
public struct CytationLayout: InstrumentLayout {
    /// "cytation".
    public let name = "cytation"
    /// Plate name for images in the export root; the ingest passes the root's folder name.
    public let defaultPlateName: String

    /// A Cytation layout whose root-level images belong to `defaultPlateName`.
    public init(defaultPlateName: String) {
        self.defaultPlateName = defaultPlateName
    }

    static let expectedName = "<well>_<step>_<n>_<field>_<channel>_<n>.tif or <well>_<field>[Z<z>]_<channel>_<n>_<time>_.tif, "
        + "e.g. A1_01_1_1_Phase Contrast_001.tif"

    /// Channel names may hold letters, digits, spaces, commas and brackets.
    private static let channel = #"(?<channel>[A-Za-z0-9 ,\[\]]+)"#

    private static let readStepStem = try! NSRegularExpression(wholeMatching:
        #"(?<well>[A-Z]{1,2}\d{1,2})_\d+_\d+_(?<field>\d+)_"# + channel + #"_\d+"#)

    private static let fieldStem = try! NSRegularExpression(wholeMatching:
        #"(?<well>[A-Z]{1,2}\d{1,2})_(?<field>-?\d+)(?:Z(?<z>\d+))?_"# + channel + #"_\d+_(?<t>-?\d+)_(?:\d+)?"#)

    private static let stitched = try! NSRegularExpression(wholeMatching: #"[A-Z]{1,2}\d{1,2}_.*Stitched\[.*"#)

    public func classify(relativePath: String) -> FileRole {
        let path = RelativePath(relativePath)
        if let reason = CommonFileRules.ignoreReason(for: path) { return .ignored(reason: reason) }
        let isTIFF = ["tif", "tiff"].contains(path.fileExtension)
        if isTIFF, Self.stitched.wholeMatch(path.stem) != nil {
            return .ignored(reason: "Gen5 stitched montage of a well's fields; the fields themselves are the planes")
        }
        guard isTIFF, let parsed = Self.parse(path.stem) else {
            return CommonFileRules.unclaimedRole(for: path, layout: name, expected: Self.expectedName)
        }
        guard parsed.field >= 1, let well = WellPosition(parsing: parsed.well) else {
            return .unrecognized(reason: "\(path.fileName): the field counts from 1 in Gen5 names")
        }
        let plateToken = path.directories.last ?? defaultPlateName
        guard let plate = ImageKey.safePlateName(plateToken) else { return CommonFileRules.rejectedPlate(plateToken) }
        return .image(ImageKey(plate: plate, well: well, field: parsed.field - 1,
                               channel: ChannelNameOrder.number(for: parsed.channel), z: parsed.z, t: parsed.t))
    }

    /// The channel's name from the file name ("Phase Contrast").
    public func channelName(ofImageAt relativePath: String) -> String? {
        Self.parse(RelativePath(relativePath).stem)?.channel
    }

    /// What either form says: the well token, the field as written, z as written (0 without one), time from 0.
    private static func parse(_ stem: String) -> (well: String, field: Int, channel: String, z: Int, t: Int)? {
        if let match = readStepStem.wholeMatch(stem), let well = match["well"], let channel = match["channel"],
           let field = match["field"].flatMap({ Int($0) }) {
            return (well, field, channel, 0, 0)
        }
        if let match = fieldStem.wholeMatch(stem), let well = match["well"], let channel = match["channel"],
           let field = match["field"].flatMap({ Int($0) }), let time = match["t"].flatMap({ Int($0) }) {
            // Gen5 writes a time of -1 (or 0) when the read has no time points.
            return (well, field, channel, match["z"].flatMap { Int($0) } ?? 0, max(0, time - 1))
        }
        return nil
    }

    /// Gen5 exports carry no plan file beside the images.
    public func readPlan(at path: String) throws(LayoutError) -> PlatePlan {
        throw .unsupportedPlan(path: path, layout: name, expected: "no plan file: Cytation / Gen5 TIFF exports are read by name alone")
    }
}
