import Foundation

/// Molecular Devices ImageXpress HCS.ai (MetaXpress Acquire 2025 and later) layout (docs/layouts.md §1.2):
/// `<run>/<unit>/timepoint<T>/<project>_t<T>_<well>_s<site>_w<channel>_z<z>.tif` with the unit's `.jdce`
/// descriptor and `image_metadata_<n>.csv` manifests beside `timepoint<T>/`.
///
/// Every index counts from 0, in the names and in `timepoint<T>`, which must agree. An acquisition unit
/// is the folder that holds the `.jdce` and the `timepoint<T>/` folders; a run folder
/// (`<protocol>_<yyyymmdd>_<hhmmss>`) may hold several (`experiment/`, `experiment_z_stack/`,
/// `experiment_montage/`). Each unit is its own plate, named after the run: `experiment/` gives the run's
/// name, another unit adds its own suffix (`<run>_z_stack`), so stacks, montages and their run never mix.
/// A run folder that is the export root is named `defaultPlateName`; an image outside any unit folder
/// takes its project prefix.
///
/// MetaXpress Acquire still writes MetaSeries XML into every TIFF, which is read as the classic
/// ImageXpress layout reads it; the descriptor and manifest win where they say something.
public struct ImageXpressHCSAILayout: InstrumentLayout {
    /// "imagexpress-hcsai".
    public let name = "imagexpress-hcsai"
    /// Plate name of a unit whose run folder is the export root; the ingest passes the root's folder name.
    public let defaultPlateName: String

    /// An HCS.ai layout whose units directly under the export root belong to the run `defaultPlateName`.
    public init(defaultPlateName: String) {
        self.defaultPlateName = defaultPlateName
    }

    static let expectedName = "<project>_t<T>_<well>_s<site>_w<channel>_z<z>.tif, all 0-based, e.g. test_data_t0_C05_s0_w0_z0.tif"

    /// The unit folder MetaXpress Acquire writes for the acquisition itself; other units add their suffix.
    private static let primaryUnit = "experiment"

    private static let stem = try! NSRegularExpression(
        wholeMatching: #"(?<prefix>.+)_t(?<t>\d+)_(?<well>[A-Z]{1,2}\d{2})_s(?<site>\d+)_w(?<channel>\d+)_z(?<z>\d+)"#,
        options: [.caseInsensitive])

    private static let timepointFolder = try! NSRegularExpression(wholeMatching: #"timepoint(?<t>\d+)"#, options: [.caseInsensitive])

    /// The descriptor and manifests as plans; protocol and autofocus files ignored; images by the HCS.ai convention.
    public func classify(relativePath: String) -> FileRole {
        let path = RelativePath(relativePath)
        if let reason = CommonFileRules.ignoreReason(for: path) { return .ignored(reason: reason) }
        let lowered = path.fileName.lowercased()
        if path.fileExtension == "jdce" { return .plan(.hcsAIDescriptor) }
        if lowered.hasPrefix("image_metadata_"), path.fileExtension == "csv" { return .plan(.hcsAIManifest) }
        if path.fileExtension == "mxprotocol" {
            return .ignored(reason: "MetaXpress Acquire protocol (\(path.fileName)); the .jdce describes what was acquired")
        }
        if path.directories.last?.lowercased() == "autofocus" {
            return .ignored(reason: "MetaXpress Acquire laser-autofocus log (autofocus/\(path.fileName)), not an image")
        }
        guard ["tif", "tiff"].contains(path.fileExtension), let match = Self.stem.wholeMatch(path.stem),
              let prefix = match["prefix"], let wellToken = match["well"], let well = WellPosition(parsing: wellToken),
              let t = match["t"].flatMap({ Int($0) }), let site = match["site"].flatMap({ Int($0) }),
              let channel = match["channel"].flatMap({ Int($0) }), let z = match["z"].flatMap({ Int($0) })
        else {
            return CommonFileRules.unclaimedRole(for: path, layout: name, expected: Self.expectedName)
        }
        var folders = path.directories
        if let folder = folders.last, let folderMatch = Self.timepointFolder.wholeMatch(folder) {
            let folderTime = folderMatch["t"].flatMap { Int($0) }
            guard folderTime == t else {
                return .unrecognized(reason: "\(path.fileName): token _t\(t) contradicts its folder \(folder)")
            }
            folders = folders.dropLast()
        }
        let plateToken = plateName(unitFolders: folders, prefix: prefix)
        guard let plate = ImageKey.safePlateName(plateToken) else { return CommonFileRules.rejectedPlate(plateToken) }
        return .image(ImageKey(plate: plate, well: well, field: site, channel: channel, z: z, t: t))
    }

    /// The run's name, with the unit's suffix unless the unit is `experiment/`. `unitFolders` ends with the
    /// folder that holds `timepoint<T>/`.
    private func plateName(unitFolders: ArraySlice<String>, prefix: String) -> String {
        guard let unit = unitFolders.last else { return prefix }
        let run = unitFolders.dropLast().last ?? defaultPlateName
        if unit.lowercased() == Self.primaryUnit { return run }
        let suffix = unit.lowercased().hasPrefix(Self.primaryUnit + "_") ? String(unit.dropFirst(Self.primaryUnit.count)) : "_" + unit
        return run + suffix
    }

    /// Reads the `.jdce` descriptor or an `image_metadata_<n>.csv` manifest; `PlatePlan.merged(with:)` combines them.
    public func readPlan(at path: String) throws(LayoutError) -> PlatePlan {
        let file = RelativePath(path)
        if file.fileExtension == "jdce" { return try HCSAIDescriptorReader.plan(at: path) }
        if file.fileName.lowercased().hasPrefix("image_metadata_"), file.fileExtension == "csv" {
            return try HCSAIManifestReader.plan(at: path)
        }
        throw .unsupportedPlan(path: path, layout: name, expected: "ImageXpress HCS.ai .jdce descriptors and image_metadata_<n>.csv manifests")
    }

    public var describesPlanesInImageHeader: Bool { true }

    /// The MetaSeries header MetaXpress Acquire writes, read as the classic layout reads it.
    public func planeMetadata(imageDescription: String) -> PlaneMetadata? {
        ImageXpressLayout().planeMetadata(imageDescription: imageDescription)
    }
}
