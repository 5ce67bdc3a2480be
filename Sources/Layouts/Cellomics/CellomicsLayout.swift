import Foundation

/// Thermo Fisher Cellomics ArrayScan / CellInsight (HCS Studio) TIFF export (docs/layouts.md §1.5):
/// `<plate>_<well>f<field>d<channel>.tif`, e.g. `AS_09125_050116030001_D03f00d0.tif`.
///
/// Field (`f00`) and channel (`d0`) count from 0; the names carry no z or time, so both are 0. The plate
/// is everything before the well, taken greedily: the plate label and the 12-digit scan id that HCS
/// Studio appends (`AS_09125_050116030001`), so two scans of one plate never share a plate. The export
/// has no plan file: completeness, channel names and pixel size come from the images alone.
public struct CellomicsLayout: InstrumentLayout {
    /// "cellomics".
    public let name = "cellomics"

    /// The Cellomics layout; it needs no settings.
    public init() {}

    static let expectedName = "<plate>_<well>f<field>d<channel>.tif, e.g. AS_09125_050116030001_D03f00d0.tif"

    private static let stem = try! NSRegularExpression(
        wholeMatching: #"(?<plate>.+)_(?<well>[A-Z]{1,2}\d{1,2})f(?<field>\d{1,3})d(?<channel>\d{1,2})"#,
        options: [.caseInsensitive])

    /// The instrument's own image formats, which HCS Studio converts to TIFF on export.
    private static let nativeExtensions: Set<String> = ["c01", "dib"]

    /// Images named by the Cellomics convention; native `.C01`/`.DIB` images are flagged, since they are not TIFF.
    public func classify(relativePath: String) -> FileRole {
        let path = RelativePath(relativePath)
        if let reason = CommonFileRules.ignoreReason(for: path) { return .ignored(reason: reason) }
        if Self.nativeExtensions.contains(path.fileExtension) {
            return .unrecognized(reason: "\(path.fileName) is a native Cellomics image (.\(path.fileExtension)), which "
                + "PlateDrop does not read; export the scan as TIFF from HCS Studio (\(Self.expectedName))")
        }
        guard ["tif", "tiff"].contains(path.fileExtension), let match = Self.stem.wholeMatch(path.stem),
              let plateToken = match["plate"], let wellToken = match["well"], let well = WellPosition(parsing: wellToken),
              let field = match["field"].flatMap({ Int($0) }), let channel = match["channel"].flatMap({ Int($0) })
        else {
            return CommonFileRules.unclaimedRole(for: path, layout: name, expected: Self.expectedName)
        }
        guard let plate = ImageKey.safePlateName(plateToken) else { return CommonFileRules.rejectedPlate(plateToken) }
        return .image(ImageKey(plate: plate, well: well, field: field, channel: channel, z: 0))
    }

    /// Cellomics exports carry no plan file; the protocol database (`.mdb`) stays with HCS Studio.
    public func readPlan(at path: String) throws(LayoutError) -> PlatePlan {
        throw .unsupportedPlan(path: path, layout: name, expected: "no plan file: Cellomics TIFF exports are read by name alone")
    }
}
