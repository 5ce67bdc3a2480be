import Foundation

/// What MetaXpress (MetaSeries) writes about one plane into the TIFF's ImageDescription.
///
/// The description is XML with a `<MetaData>` root; each value is a `<prop id=… value=…/>` (or a
/// `<custom-prop>` for instrument-specific ones). Every property is optional: a value that is absent,
/// empty or not a number where one is expected reads as nil.
public struct MetaSeriesMetadata: Sendable, Equatable {
    /// Pixel width (prop `spatial-calibration-x`) in `spatialUnit`; nil when `spatial-calibration-state` is off.
    public var pixelSizeX: Double?
    /// Pixel height (prop `spatial-calibration-y`) in `spatialUnit`; nil when `spatial-calibration-state` is off.
    /// MetaXpress thumbnails have non-square pixels, so it may differ from `pixelSizeX`.
    public var pixelSizeY: Double?
    /// Prop `spatial-calibration-units` as written, e.g. "um"; nil when the calibration is off, since
    /// the unit then describes no size. `spatialUnitName(_:)` gives the OME-NGFF name.
    public var spatialUnit: String?
    /// Prop `_IllumSetting_` (the illumination setting, e.g. "DAPI"), else `image-name`.
    public var channelName: String?
    /// Prop `wavelength` in nanometres; nil when 0, which MetaXpress writes for transmitted light.
    public var wavelengthNanometres: Double?
    /// Whether the plane was taken in transmitted light: a `wavelength` of 0.
    public var isTransmittedLight: Bool
    /// Prop `stage-position-x` in µm.
    public var stageX: Double?
    /// Prop `stage-position-y` in µm.
    public var stageY: Double?
    /// Prop `z-position` in µm (the focus drive position of this plane).
    public var zPosition: Double?
    /// Prop `acquisition-time-local`: the acquisition computer's wall clock, which the file stores with no
    /// zone, as seconds since 1970 read as if it were UTC. Differences between planes are right; the
    /// instant needs that computer's zone (`ImageXpressLayout.acquisitionTimeZone`).
    public var localAcquisitionTime: Double?
    /// Custom prop `Z Projection Method`, e.g. "Maximum" or "Best Focus"; nil for a plane that is not a projection.
    public var projectionMethod: String?
    /// Custom prop `Z Projection Step Size` (µm). MetaXpress also writes it on single z-planes of
    /// a stack it projected, so it can be set while `projectionMethod` is nil.
    public var projectionStepSize: Double?

    /// Reads a TIFF ImageDescription; nil when the text is not MetaSeries XML (a `<MetaData>` root).
    public init?(description: String) {
        guard let properties = MetaSeriesProperties(xml: description) else { return nil }
        let prop = { (id: String) in Self.nonEmpty(properties.props[id]) }
        let number = { (id: String) in prop(id).flatMap(Self.number) }

        // Absent state counts as on: older MetaMorph files write the sizes without it.
        let calibrated = prop("spatial-calibration-state").map { $0.lowercased() != "off" } ?? true
        pixelSizeX = calibrated ? number("spatial-calibration-x") : nil
        pixelSizeY = calibrated ? number("spatial-calibration-y") : nil
        spatialUnit = calibrated ? prop("spatial-calibration-units") : nil
        channelName = prop("_IllumSetting_") ?? prop("image-name")
        wavelengthNanometres = number("wavelength").flatMap { $0 > 0 ? $0 : nil }
        isTransmittedLight = number("wavelength") == 0
        stageX = number("stage-position-x")
        stageY = number("stage-position-y")
        zPosition = number("z-position")
        localAcquisitionTime = prop("acquisition-time-local").flatMap(Self.unixSeconds(metaSeriesTime:))
        projectionMethod = Self.nonEmpty(properties.customProps["Z Projection Method"])
        projectionStepSize = Self.nonEmpty(properties.customProps["Z Projection Step Size"]).flatMap(Self.number)
    }

    /// The UDUNITS-2 name OME-NGFF requires for a space axis, for a MetaSeries unit such as "um";
    /// nil for units it does not know (including "pixel"), so the caller can leave the axis unit out.
    public static func spatialUnitName(_ raw: String) -> String? {
        switch raw.trimmingCharacters(in: .whitespaces) {
        // U+00B5 micro sign and U+03BC Greek mu both occur as the "µ" in "µm".
        case "um", "\u{00B5}m", "\u{03BC}m", "micron", "microns", "micrometer", "micrometre":
            return "micrometer"
        case "nm", "nanometer", "nanometre":
            return "nanometer"
        case "mm", "millimeter", "millimetre":
            return "millimeter"
        default:
            return nil
        }
    }
}
