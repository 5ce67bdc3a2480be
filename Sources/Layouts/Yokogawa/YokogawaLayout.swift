import Foundation

/// Yokogawa CellVoyager CV7000 / CV8000 layout (docs/layouts.md §1.3):
/// `{plate}_{well}_T0001F001L01A01Z01C01.tif` beside `MeasurementData.mlf` and `MeasurementDetail.mrf`.
///
/// All tokens are 1-based and zero-padded. T → t, F → field, Z → z, C → channel, and L (TimelineIndex)
/// → acquisition, since a timeline is an independent schedule with its own time points. A (ActionIndex)
/// is not part of the key: on the CV8000 sample it only mirrors C. When the same C is taken by several
/// actions, only `MeasurementData.mlf` can tell the channels apart (see `readPlan(at:)`), and its keys
/// override these names. The plate title is everything before the well and may contain `_`; inside a
/// measurement folder `<title>_<yyyymmdd>_<hhmmss>/` the plate is named after that folder, one plate per run.
///
/// The CQ3000 names images by well index, `Projection/W0029F0001T0001Z000C1.tif`: W counts wells row by row
/// from 1, F and T from 1, Z from 1 with 000 for a projection, C from 1. The name carries no plate, so the
/// plate is the measurement folder (the one holding `Projection/`); projections (Z000) go to its projection
/// plate, as MetaXpress projections do. The well index is placed once a plan covers the image.
public struct YokogawaLayout: InstrumentLayout {
    /// "yokogawa".
    public let name = "yokogawa"
    /// Plate name for CQ3000 images whose measurement folder is the export root itself.
    public let defaultPlateName: String

    /// The CellVoyager layout; CQ3000 images at the export root belong to `defaultPlateName`.
    public init(defaultPlateName: String = "plate") {
        self.defaultPlateName = defaultPlateName
    }

    static let expectedName = "<plate>_<well>_T0001F001L01A01Z01C01.tif"

    private static let stem = try! NSRegularExpression(wholeMatching:
        #"(?<plate>.+)_(?<well>[A-Z]{1,2}\d{2})(?<subwell>\.[a-d][1-4])?_T(?<t>\d{4})F(?<field>\d{3})L(?<timeline>\d{2})"#
        + #"A(?<action>\d{2})Z(?<z>\d{2})C(?<channel>\d{2})"#)

    /// CQ3000 names its images by well index (`W0029F0001T0001Z000C1`), not by plate and well (docs/layouts.md §1.3).
    private static let cq3000Stem = try! NSRegularExpression(wholeMatching:
        #"W(?<well>\d{4})F(?<field>\d{4})T(?<t>\d{4})Z(?<z>\d{3})C(?<channel>\d+)"#)

    /// The CQ3000's folder of projections inside a measurement folder.
    private static let cq3000ProjectionFolder = "projection"

    /// Settings files written beside the images: plate and plate-product definitions.
    private static let sidecarExtensions: Set<String> = ["wpi", "wpp"]

    /// Plans (.mlf, .mrf), settings sidecars (ignored), and images named by the CellVoyager convention.
    public func classify(relativePath: String) -> FileRole {
        let path = RelativePath(relativePath)
        if let reason = CommonFileRules.ignoreReason(for: path) { return .ignored(reason: reason) }
        switch path.fileExtension {
        case "mlf": return .plan(.yokogawaMeasurementData)
        case "mrf": return .plan(.yokogawaMeasurementDetail)
        case "mes": return .plan(.yokogawaMeasurementSetting)
        case let sidecar where Self.sidecarExtensions.contains(sidecar):
            return .ignored(reason: "CellVoyager settings file (.\(sidecar)), not an image")
        case "png":
            return .unrecognized(reason: "\(path.fileName): PNG output is not supported; "
                + "set the CellVoyager to save TIFF (\(Self.expectedName))")
        case "tif":
            return imageRole(path)
        case "log" where path.fileName.lowercased().hasPrefix("trace"):
            return .ignored(reason: "CellVoyager trace log (the instrument's event log), not an image")
        case "xml" where path.stem.lowercased().hasSuffix("_parameter"):
            return .ignored(reason: "CellVoyager correction parameters (\(path.fileName)), not an image")
        default:
            return CommonFileRules.unclaimedRole(for: path, layout: name, expected: Self.expectedName)
        }
    }

    private func imageRole(_ path: RelativePath) -> FileRole {
        if let match = Self.cq3000Stem.wholeMatch(path.stem) {
            return cq3000ImageRole(path, match)
        }
        guard let match = Self.stem.wholeMatch(path.stem), let plateToken = match["plate"],
              let wellToken = match["well"], let well = WellPosition(parsing: wellToken)
        else {
            if let reference = Self.referenceKind(path.fileName) {
                return .ignored(reason: "CellVoyager \(reference) reference image, written once per measurement "
                    + "for correction; not a plane of the plate")
            }
            return CommonFileRules.unclaimedRole(for: path, layout: name, expected: Self.expectedName)
        }
        if let subwell = match["subwell"] {
            return .unrecognized(reason: "\(path.fileName): 1536-well sub-well names (\(wellToken)\(subwell)) are not "
                + "supported by name, because how a sub-well maps to a plate row and column is not documented; "
                + "MeasurementData.mlf gives their Row and Column")
        }
        let runToken = Self.runFolder(path.directories, title: plateToken) ?? plateToken
        guard let plate = ImageKey.safePlateName(runToken) else { return CommonFileRules.rejectedPlate(runToken) }
        let numbers = ["t", "field", "timeline", "z", "channel"].compactMap { match[$0].flatMap { Int($0) } }
        guard numbers.count == 5, numbers.allSatisfy({ $0 >= 1 }) else {
            return .unrecognized(reason: "\(path.fileName): T, F, L, Z and C count from 1 in CellVoyager names")
        }
        let (t, field, timeline, z, channel) = (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4])
        return .image(ImageKey(plate: plate, well: well, field: field - 1, channel: channel - 1, z: z - 1,
                               t: t - 1, acquisition: timeline - 1))
    }

    private func cq3000ImageRole(_ path: RelativePath, _ match: NamedCaptures) -> FileRole {
        let numbers = ["well", "field", "t", "z", "channel"].compactMap { match[$0].flatMap { Int($0) } }
        guard numbers.count == 5, numbers[0] >= 1, numbers[1] >= 1, numbers[2] >= 1, numbers[4] >= 1 else {
            return .unrecognized(reason: "\(path.fileName): W, F, T and C count from 1 in CellVoyager CQ3000 names")
        }
        let (wellIndex, field, t, z, channel) = (numbers[0], numbers[1], numbers[2], numbers[3], numbers[4])
        var folders = path.directories
        if folders.last?.lowercased() == Self.cq3000ProjectionFolder { folders = folders.dropLast() }
        let runToken = folders.last ?? defaultPlateName
        guard let run = ImageKey.safePlateName(runToken) else { return CommonFileRules.rejectedPlate(runToken) }
        // Z000 is the projection of the stack: it goes to its own plate and is that plate's only plane.
        let plate = z == 0 ? ImageKey.projectionPlateName(of: run) : run
        return .wellIndexedImage(WellIndexedImage(plate: plate, wellIndex: wellIndex, field: field - 1,
                                                  channel: channel - 1, z: max(z - 1, 0), t: t - 1))
    }

    /// The CellVoyager saves each measurement in `<title>_<yyyymmdd>_<hhmmss>/`; that folder names the
    /// plate, so two runs of one plate title never share a plate. Nil when no enclosing folder has that form.
    private static func runFolder(_ folders: ArraySlice<String>, title: String) -> String? {
        folders.last { folder in
            guard folder.hasPrefix(title + "_") else { return false }
            return runStamp.wholeMatch(String(folder.dropFirst(title.count + 1))) != nil
        }
    }

    private static let runStamp = try! NSRegularExpression(wholeMatching: #"\d{8}_\d{6}"#)

    /// Every CV7000/CV8000 measurement folder holds a dark-current image per camera (`DC_<camera>.tif`)
    /// and a shading-correction image per channel and objective (`SC_<filter>_<objective>_CH<n>.tif`).
    private static func referenceKind(_ fileName: String) -> String? {
        if fileName.hasPrefix("DC_") { return "dark-current" }
        if fileName.hasPrefix("SC_") { return "shading-correction" }
        return nil
    }

    /// The channels of a `.mes` by their real names ("405 BP445/45") and colours, and its plate size.
    private static func plan(fromSettings settings: MeasurementSettings, at path: String) -> PlatePlan {
        let format = settings.rows.flatMap { rows in settings.columns.map { PlateFormat(rows: rows, columns: $0) } }
        return PlatePlan(source: path, scopeDirectory: PlanFile.directory(of: path), format: format,
                         channels: settings.channels.map { channel in
                             ChannelInfo(index: channel.index, name: channel.name,
                                         excitationNanometres: channel.excitationNanometres,
                                         emissionNanometres: channel.emissionNanometres, colorRGB: channel.colorRGB)
                         })
    }

    /// Reads `MeasurementData.mlf` (the images and ERR records) or `MeasurementDetail.mrf` (plate size,
    /// pixel size, run times); combine the two with `PlatePlan.merged(with:)`.
    public func readPlan(at path: String) throws(LayoutError) -> PlatePlan {
        switch RelativePath(path).fileExtension {
        case "mlf": return try MeasurementDataReader.plan(at: path)
        case "mrf": return try MeasurementDetailReader.plan(at: path)
        case "mes": return try Self.plan(fromSettings: MeasurementSettingsReader.read(at: path), at: path)
        default:
            throw .unsupportedPlan(path: path, layout: name,
                                   expected: "CellVoyager MeasurementData.mlf, MeasurementDetail.mrf and .mes settings")
        }
    }
}
