import Foundation

/// GE / Cytiva IN Cell Analyzer layout (docs/layouts.md §1.7): one folder per plate with its
/// `.xdce` and one TIFF per plane, named in either convention:
/// - classic `[<prefix>_]<row> - <column>(fld <field> wv <excitation> - <emission>[ wix <n>][ z <z>][ - time <t> - <ms> ms]).tif`,
///   e.g. `B - 03(fld 1 wv DAPI - DAPI).tif`;
/// - IN Cell 7.2 `[<prefix>_]<row>_<column>_f<field>_c<channel>_x<excitation>_m<emission>_z<z>_t<t>.tif`.
///
/// Every number in the names counts from 1. A classic name names its channel by filters, not by number
/// (unless `wix` gives it): the `.xdce` lists every file with its well, field, wave, z and time index and
/// its keys win; without it channels are ordered by name. The plate is the name's prefix, else the image's
/// folder, else `defaultPlateName`.
public struct InCellLayout: InstrumentLayout {
    /// "incell".
    public let name = "incell"
    /// Plate name for unprefixed images in the export root; the ingest passes the root's folder name.
    public let defaultPlateName: String

    /// An IN Cell layout whose unprefixed root-level images belong to `defaultPlateName`.
    public init(defaultPlateName: String) {
        self.defaultPlateName = defaultPlateName
    }

    static let expectedName = "<row> - <column>(fld <field> wv <excitation> - <emission>).tif or "
        + "<row>_<column>_f<field>_c<channel>_x<ex>_m<em>_z<z>_t<t>.tif, e.g. B - 03(fld 1 wv DAPI - DAPI).tif"

    private static let classicStem = try! NSRegularExpression(wholeMatching:
        #"(?:(?<prefix>.+)_)?(?<row>[A-Z]{1,2}) - (?<column>\d{1,2})\(fld (?<field>\d+) wv (?<excitation>.+?) - (?<emission>.+?)"#
        + #"(?: wix (?<wix>\d+))?(?: z (?<z>\d+))?(?:\s*- time (?<t>\d+) - \d+ ms)?\)"#)

    private static let version72Stem = try! NSRegularExpression(wholeMatching:
        #"(?:(?<prefix>.+)_)?(?<row>[A-Z]{1,2})_(?<column>\d{1,2})_f(?<field>\d+)_c(?<channel>\d+)_x(?<excitation>[^_]+)"#
        + #"_m(?<emission>[^_]+)_z(?<z>\d+)_t(?<t>\d+)"#)

    /// The `.xdce` as the plan; images named by either IN Cell convention.
    public func classify(relativePath: String) -> FileRole {
        let path = RelativePath(relativePath)
        if let reason = CommonFileRules.ignoreReason(for: path) { return .ignored(reason: reason) }
        if path.fileExtension == "xdce" { return .plan(.inCellXDCE) }
        guard ["tif", "tiff"].contains(path.fileExtension), let parsed = Self.parse(path.stem) else {
            return CommonFileRules.unclaimedRole(for: path, layout: name, expected: Self.expectedName)
        }
        guard [parsed.column, parsed.field, parsed.z, parsed.t].allSatisfy({ $0 >= 1 }), parsed.channel.map({ $0 >= 1 }) ?? true,
              let well = WellPosition(parsing: parsed.row + String(parsed.column)) else {
            return .unrecognized(reason: "\(path.fileName): column, field, channel, z and time count from 1 in IN Cell names")
        }
        let plateToken = parsed.prefix ?? path.directories.last ?? defaultPlateName
        guard let plate = ImageKey.safePlateName(plateToken) else { return CommonFileRules.rejectedPlate(plateToken) }
        return .image(ImageKey(plate: plate, well: well, field: parsed.field - 1,
                               channel: parsed.channel.map { $0 - 1 } ?? ChannelNameOrder.number(for: parsed.channelName),
                               z: parsed.z - 1, t: parsed.t - 1))
    }

    /// The filters a name gives its channel ("DAPI - DAPI").
    public func channelName(ofImageAt relativePath: String) -> String? {
        Self.parse(RelativePath(relativePath).stem)?.channelName
    }

    /// What either naming convention says; numbers as written (from 1), channel nil when only named.
    private static func parse(_ stem: String) -> (prefix: String?, row: String, column: Int, field: Int, channel: Int?,
                                                  channelName: String, z: Int, t: Int)? {
        if let match = classicStem.wholeMatch(stem), let row = match["row"], let excitation = match["excitation"],
           let emission = match["emission"], let column = match["column"].flatMap({ Int($0) }),
           let field = match["field"].flatMap({ Int($0) }) {
            return (match["prefix"], row, column, field, match["wix"].flatMap { Int($0) }, "\(excitation) - \(emission)",
                    match["z"].flatMap { Int($0) } ?? 1, match["t"].flatMap { Int($0) } ?? 1)
        }
        if let match = version72Stem.wholeMatch(stem), let row = match["row"], let excitation = match["excitation"],
           let emission = match["emission"], let column = match["column"].flatMap({ Int($0) }),
           let field = match["field"].flatMap({ Int($0) }), let channel = match["channel"].flatMap({ Int($0) }),
           let z = match["z"].flatMap({ Int($0) }), let t = match["t"].flatMap({ Int($0) }) {
            return (match["prefix"], row, column, field, channel, "\(excitation) - \(emission)", z, t)
        }
        return nil
    }

    /// Reads the `.xdce`.
    public func readPlan(at path: String) throws(LayoutError) -> PlatePlan {
        guard RelativePath(path).fileExtension == "xdce" else {
            throw .unsupportedPlan(path: path, layout: name, expected: "IN Cell Analyzer .xdce files")
        }
        return try InCellXDCEReader.plan(at: path)
    }
}
