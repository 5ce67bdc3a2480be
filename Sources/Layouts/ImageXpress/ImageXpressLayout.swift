import Foundation

/// Molecular Devices ImageXpress / MetaXpress classic layout (docs/layouts.md §1.1):
/// `{plate}_{well}[_s{site}][_w{wave}][GUID].tif` in optional `TimePoint_N/` and `ZStep_N/` folders,
/// with an `.HTD` plate plan.
///
/// Site and wavelength tokens are absent when the HTD turns sites or waves off; then field or channel is 0.
/// t comes from `TimePoint_N/` (or a `_t<N>` token, which Bio-Formats also accepts), z from `ZStep_N/`;
/// without those folders both are 0. The plate token is the name before the well, taken greedily, so it
/// may contain `_` and `-`.
///
/// Runs never mix: a file inside an acquisition run folder (`<plate>_Plate_<id>/` as exported, or
/// `<plate>/<date>/<id>/` as stored in the MetaXpress database) belongs to the plate `<plate>_Plate_<id>`,
/// one plate per run. Projections are data, not z-planes: `ZStep_0` files, and stored-layout files whose
/// MetaSeries header names a `Z Projection Method`, go to the run's projection plate
/// (`ImageKey.projectionPlateName(of:)`).
public struct ImageXpressLayout: InstrumentLayout {
    /// "imagexpress".
    public let name = "imagexpress"
    /// The zone of the acquisition computer's clock: MetaSeries headers record local time without one.
    public let acquisitionTimeZone: TimeZone

    /// The classic ImageXpress layout. Acquisition times are read in this machine's zone (`TZ`) unless
    /// `acquisitionTimeZone` names the instrument's.
    public init(acquisitionTimeZone: TimeZone = .current) {
        self.acquisitionTimeZone = acquisitionTimeZone
    }

    static let expectedName = "<plate>_<well>[_s<site>][_w<wave>][GUID].tif, e.g. Plate1_C05_s1_w1.TIF"

    /// Classic file stem. Current MetaXpress glues the GUID to the wave token; MetaMorph-era versions put
    /// `_` before it or wrap it in `_[…]` (MetaMorph 6.1 in 2007, MetaMorph 2.0 in 2010).
    private static let classicStem = try! NSRegularExpression(wholeMatching:
        #"(?<plate>.+)_(?<well>[A-Z]{1,2}\d{2})(?:_s(?<site>\d+))?(?:_w(?<wave>\d+))?(?:_t(?<time>\d+))?"#
        + #"(?:_?\#(guid)|_\[\#(guid)\])?"#)

    private static let guid = #"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"#

    /// HCS.ai stems are `<project>_t<T>_<well>_s<S>_w<C>_z<Z>`, all 0-based (docs/layouts.md §1.2).
    private static let hcsAIStem = try! NSRegularExpression(
        wholeMatching: #"(?<prefix>.+)_t\d+_[A-Z]\d{2}_s\d+_w\d+_z\d+"#, options: [.caseInsensitive])

    /// The `.HTD` plan, thumbnails (ignored), HCS.ai files (pointed to their own layout), and classic images; projections
    /// (`ZStep_0`) go to the run's projection plate.
    public func classify(relativePath: String) -> FileRole {
        let path = RelativePath(relativePath)
        if let reason = CommonFileRules.ignoreReason(for: path) { return .ignored(reason: reason) }
        if path.fileExtension == "htd" { return .plan(.imageXpressHTD) }
        if let hcsAI = Self.hcsAIRole(path) { return hcsAI }
        guard path.fileExtension == "tif" else {
            return CommonFileRules.unclaimedRole(for: path, layout: name, expected: Self.expectedName)
        }
        // MetaXpress writes a preview next to each image; it carries no plane of the plate.
        if path.stem.lowercased().contains("_thumb") {
            return .ignored(reason: "MetaXpress preview thumbnail (_thumb)")
        }
        let folders: FolderIndices
        do {
            folders = try Self.folderIndices(path.directories)
        } catch {
            return error.role
        }
        guard let match = Self.classicStem.wholeMatch(path.stem), let plateToken = match["plate"],
              let wellToken = match["well"], let well = WellPosition(parsing: wellToken)
        else {
            return CommonFileRules.unclaimedRole(for: path, layout: name, expected: Self.expectedName)
        }
        let runToken = Self.runName(path.directories, plateToken: plateToken) ?? plateToken
        guard let run = ImageKey.safePlateName(runToken) else { return CommonFileRules.rejectedPlate(runToken) }
        let plate = folders.isProjection ? ImageKey.projectionPlateName(of: run) : run
        let site = match["site"].flatMap { Int($0) }
        let wave = match["wave"].flatMap { Int($0) }
        let timeToken = match["time"].flatMap { Int($0) }
        if site == 0 || wave == 0 || timeToken == 0 {
            return .unrecognized(reason: "\(path.fileName): site, wave and time tokens count from 1 in ImageXpress names")
        }
        if let timeToken, let folderTime = folders.t, timeToken - 1 != folderTime {
            return .unrecognized(
                reason: "\(path.fileName): token _t\(timeToken) contradicts its folder TimePoint_\(folderTime + 1)")
        }
        return .image(ImageKey(plate: plate, well: well, field: (site ?? 1) - 1, channel: (wave ?? 1) - 1,
                               z: folders.z ?? 0, t: timeToken.map { $0 - 1 } ?? folders.t ?? 0))
    }

    /// Reads an `.HTD` plate plan.
    public func readPlan(at path: String) throws(LayoutError) -> PlatePlan {
        guard RelativePath(path).fileExtension == "htd" else {
            throw .unsupportedPlan(path: path, layout: name, expected: "ImageXpress .HTD plate plans")
        }
        return try Self.plan(fromHTDAt: path)
    }

    private static func hcsAIRole(_ path: RelativePath) -> FileRole? {
        let hcsAIFile = ["jdce", "mxprotocol"].contains(path.fileExtension)
            || (path.fileName.lowercased().hasPrefix("image_metadata_") && path.fileExtension == "csv")
        let hcsAIImage = ["tif", "tiff"].contains(path.fileExtension) && hcsAIStem.wholeMatch(path.stem) != nil
        guard hcsAIFile || hcsAIImage else { return nil }
        return .unrecognized(reason: "\(path.fileName) belongs to the ImageXpress HCS.ai (.jdce) layout "
            + "(<project>_t<T>_<well>_s<S>_w<C>_z<Z>.tif): choose --layout imagexpress-hcsai or auto; the imagexpress "
            + "layout reads classic MetaXpress exports: .HTD plus \(expectedName)")
    }
}

extension ImageXpressLayout {
    /// MetaXpress writes MetaSeries XML into every TIFF: calibration, channel, stage and focus position,
    /// time, and whether the plane is a projection (the database layout says so nowhere else).
    public var describesPlanesInImageHeader: Bool { true }

    /// The MetaSeries header of a plane, lengths converted to micrometres.
    public func planeMetadata(imageDescription: String) -> PlaneMetadata? {
        guard let header = MetaSeriesMetadata(description: imageDescription) else { return nil }
        let toMicrons = header.spatialUnit.flatMap(MetaSeriesMetadata.spatialUnitName).flatMap(Self.micronsPerUnit)
        return PlaneMetadata(
            pixelSizeMicrons: toMicrons.flatMap { factor in header.pixelSizeX.map { $0 * factor } },
            channelName: header.channelName, emissionNanometres: header.wavelengthNanometres,
            isTransmittedLight: header.isTransmittedLight,
            stageXMicrons: header.stageX, stageYMicrons: header.stageY, zMicrons: header.zPosition,
            projectionMethod: header.projectionMethod,
            acquisitionTime: header.localAcquisitionTime.map(instant(ofWallClock:)))
    }

    /// Seconds since 1970 of a wall-clock time in `acquisitionTimeZone` (given as if it were UTC): the
    /// zone's offset at that instant, found in two steps so that a time just after a daylight-saving change
    /// takes the new offset. The hour that a change repeats stays ambiguous.
    private func instant(ofWallClock wallClock: Double) -> Double {
        let guess = wallClock - Double(acquisitionTimeZone.secondsFromGMT(for: Date(timeIntervalSince1970: wallClock)))
        return wallClock - Double(acquisitionTimeZone.secondsFromGMT(for: Date(timeIntervalSince1970: guess)))
    }

    private static func micronsPerUnit(_ unit: String) -> Double? {
        ["micrometer": 1, "nanometer": 0.001, "millimeter": 1000][unit]
    }
}
