import Foundation

/// Revvity (PerkinElmer) Harmony export of Opera Phenix / Operetta CLS (docs/layouts.md §1.4):
/// `<measurement>/Images/r01c01f01p01-ch1sk1fk1fl1.tiff` with `Index.idx.xml` (or `Index.ref.xml`, `Index.xml`);
/// a flat-field corrected export in `Images/flex/` with its own `Index.flex.xml`.
///
/// r/c/f/p/ch are 1-based numbers (f may have 3 digits). t is sk − 1 when the name has sk, else 0: the
/// sk/fk/fl keys are undocumented, converters read time from the index instead, and the index keys
/// override these names. fk and fl are ignored.
///
/// Harmony names carry no plate, so the plate is the folder that holds `Images/`, kept whole (made safe by
/// `ImageKey.safePlateName(_:)`): its `__<date>T<time>-Measurement N` suffix is what keeps two measurements
/// of one plate apart. Flat-field corrected copies in `Images/flex/` are other pixels of the same planes, so
/// they form the plate `<measurement>_flatfield`. An image outside any `Images/` folder takes the name of its
/// own folder; one at the export root or in a root `Images/` takes `defaultPlateName`.
public struct HarmonyLayout: InstrumentLayout {
    /// "harmony".
    public let name = "harmony"
    /// Plate name for images in the export root or its `Images/` folder; the ingest passes the root's folder name.
    public let defaultPlateName: String

    /// A Harmony layout whose root-level images belong to `defaultPlateName`.
    public init(defaultPlateName: String) {
        self.defaultPlateName = defaultPlateName
    }

    static let expectedName =
        "r<row>c<column>f<field>p<plane>-ch<channel>[sk<n>fk<n>fl<n>].tiff, e.g. r03c11f01p01-ch1sk1fk1fl1.tiff"

    /// Index file names Bio-Formats' OperettaReader accepts, and Harmony 5's index of flat-field corrected images.
    static let indexNames: Set<String> = ["index.idx.xml", "index.ref.xml", "index.xml", "index.flex.xml"]

    /// Folders that a Harmony export with associated files holds beside `Images/`.
    private static let companionFolders = [
        "assaylayout": "assay layout (the plate map of samples and conditions)",
        "ffc_profile": "flat-field correction profile",
    ]

    private static let imageName = try! NSRegularExpression(
        wholeMatching: #"r(?<row>\d{1,2})c(?<column>\d{1,2})f(?<field>\d+)p(?<plane>\d+)-ch(?<channel>\d+)"#
            + #"(?:sk(?<sk>\d+))?(?:fk\d+)?(?:fl\d+)?\.tiff?"#,
        options: [.caseInsensitive])

    /// Index files as plans, and images named by the Harmony convention.
    public func classify(relativePath: String) -> FileRole {
        let path = RelativePath(relativePath)
        if let reason = CommonFileRules.ignoreReason(for: path) { return .ignored(reason: reason) }
        if Self.indexNames.contains(path.fileName.lowercased()) { return .plan(.harmonyIndex) }
        if let folder = path.directories.first(where: { Self.companionFolders[$0.lowercased()] != nil }) {
            return .ignored(reason: "Harmony \(Self.companionFolders[folder.lowercased()]!) (\(folder)/), not an image")
        }
        guard let match = Self.imageName.wholeMatch(path.fileName) else {
            return CommonFileRules.unclaimedRole(for: path, layout: name, expected: Self.expectedName)
        }
        let numbers = ["row", "column", "field", "plane", "channel"].compactMap { match[$0].flatMap { Int($0) } }
        let sk = match["sk"].flatMap { Int($0) }
        guard numbers.count == 5, numbers.allSatisfy({ $0 >= 1 }), sk.map({ $0 >= 1 }) ?? true else {
            return .unrecognized(reason: "\(path.fileName): r, c, f, p, ch and sk count from 1 in Harmony names")
        }
        let plateToken = plateFolder(path.directories) ?? defaultPlateName
        guard let plate = ImageKey.safePlateName(plateToken) else { return CommonFileRules.rejectedPlate(plateToken) }
        return .image(ImageKey(plate: plate, well: WellPosition(row: numbers[0] - 1, column: numbers[1] - 1),
                               field: numbers[2] - 1, channel: numbers[4] - 1, z: numbers[3] - 1, t: (sk ?? 1) - 1))
    }

    /// The folder holding `Images/` (suffixed `_flatfield` for `Images/flex/`), or the image's own folder;
    /// nil at the export root.
    private func plateFolder(_ directories: ArraySlice<String>) -> String? {
        guard let innermost = directories.last else { return nil }
        let outer = directories.dropLast()
        if innermost.lowercased() == "flex", let images = outer.last, images.lowercased() == "images" {
            return (outer.dropLast().last ?? defaultPlateName) + "_flatfield"
        }
        return innermost.lowercased() == "images" ? outer.last : innermost
    }

    /// Reads `Index.idx.xml`, `Index.ref.xml`, `Index.xml` or `Index.flex.xml`.
    public func readPlan(at path: String) throws(LayoutError) -> PlatePlan {
        guard Self.indexNames.contains(RelativePath(path).fileName.lowercased()) else {
            throw .unsupportedPlan(path: path, layout: name, expected: "Harmony Index.idx.xml, Index.ref.xml, Index.xml or Index.flex.xml")
        }
        return try HarmonyIndexReader.plan(at: path)
    }
}
