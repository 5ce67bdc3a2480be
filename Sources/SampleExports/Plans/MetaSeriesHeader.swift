/// The MetaSeries XML that MetaXpress writes into every TIFF's ImageDescription (the structure MetaXpress
/// 6.5 to 6.7 writes): `<MetaData>` with `<prop>`s, a `<PlaneInfo>`
/// of per-plane props and custom props, and a `<SetInfo>`.
///
/// A header records the plane's own focus position, acquisition time and plane GUID, so no two planes
/// the instrument acquired share one; a repeated copy of a single-plane channel repeats its original's
/// header together with its bytes. A projection names its `Z Projection Method`.
enum MetaSeriesHeader {
    /// Focus-drive position of the stack's first plane, in µm (MetaXpress reports about 9 000–10 000).
    static let baseFocusMicrons = 9000.0
    /// MetaXpress's emission wavelengths for the default dye names, by channel (0 for transmitted light).
    private static let wavelengths = [452, 520, 576, 670, 0, 480, 550, 620, 710]

    /// Time between consecutive files of a run, in milliseconds.
    static let millisecondsPerImage = 250

    /// The header of `image`, the `sequence`-th file (0-based, copies not counted) its run acquired.
    static func text(for spec: ExportSpec, image: GeneratedImage, sequence: Int) -> String {
        let isProjection = image.kind == .maximumProjection
        let isSinglePlane = spec.singlePlaneChannels.contains(image.channel) && spec.zPlanes > 1
        let name = spec.channelName(image.channel)
        let well = WellIndex(row: image.row, column: image.column)
        let field = spec.fieldOffsetMicrons(image.field)
        let stageX = 14_380 + Double(image.column) * (108_000 / Double(spec.columns)) + field.x
        let stageY = 11_240 + Double(image.row) * (72_000 / Double(spec.rows)) + field.y
        let middle = spec.zOffsetMicrons(spec.zPlanes - 1) / 2
        // A single plane and a projection are taken at (or centred on) the middle of the stack.
        let focus = baseFocusMicrons + (isProjection || isSinglePlane ? middle : spec.zOffsetMicrons(image.z))
        let acquired = (spec.runStartSeconds(image.run) * 1000) + sequence * millisecondsPerImage + 100
        let guid = SampleExportText.guid(mixing: [Int(truncatingIfNeeded: spec.seed), 6, image.run, image.t, image.row,
                                                  image.column, image.field, image.channel, isProjection ? -1 : image.z])
        let fieldColumns = spec.fieldGrid.columns
        let description = [
            "Plate Name: \(spec.plateName)", "Exposure: 100 ms", "Binning: 1 x 1",
            "Region: \(spec.width) x \(spec.height), offset at (0, 0)", "Acquired from PlateDrop synthetic camera",
            "Software Version: MetaXpress 6.7.0.211",
        ].joined(separator: "\r\n")

        var lines = [
            "<MetaData>",
            prop("Description", "string", description),
            prop("MetaDataVersion", "float", "1"),
            prop("ApplicationName", "string", "MetaMorph"),
            prop("ApplicationVersion", "string", "6.7.0.211"),
            "<PlaneInfo>",
            prop("plane-type", "string", "plane"),
            prop("pixel-size-x", "int", "\(spec.width)"),
            prop("pixel-size-y", "int", "\(spec.height)"),
            prop("bits-per-pixel", "int", "\(spec.sampleType.byteCount * 8)"),
            prop("spatial-calibration-state", "bool", "on"),
            prop("spatial-calibration-x", "float", "\(spec.pixelSizeMicrons)"),
            prop("spatial-calibration-y", "float", "\(spec.pixelSizeMicrons)"),
            prop("spatial-calibration-units", "string", "um"),
            prop("image-name", "string", name),
            prop("plane-guid", "guid", "{\(guid)}"),
            prop("acquisition-time-local", "time", SampleExportText.metaSeriesTime(millisecondsAfterStart: acquired)),
            prop("modification-time-local", "time", SampleExportText.metaSeriesTime(millisecondsAfterStart: acquired + 120)),
            prop("stage-position-x", "float", "\(stageX)"),
            prop("stage-position-y", "float", "\(stageY)"),
            prop("stage-label", "string", "\(well.name) : Site \(image.field + 1)"),
            prop("z-position", "float", "\(focus)"),
            prop("wavelength", "float", "\(wavelengths[image.channel % wavelengths.count])"),
            prop("camera-binning-x", "int", "1"),
            prop("camera-binning-y", "int", "1"),
            prop("_IllumSetting_", "string", name),
            prop("_MagNA_", "float", "0.75"),
            prop("_MagSetting_", "string", "20X Plan Apo Lambda"),
            customProp("Exposure Time", "string", "100 ms"),
            customProp("ImageXpress Micro X", "float", "\(stageX)"),
            customProp("ImageXpress Micro Y", "float", "\(stageY)"),
            customProp("ImageXpress Micro Z", "float", "\(baseFocusMicrons)"),
            customProp("SiteX", "float", "\(image.field % fieldColumns + 1)"),
            customProp("SiteY", "float", "\(image.field / fieldColumns + 1)"),
        ]
        if isProjection {
            lines += [
                customProp("Z Projection Method", "string", "Maximum"),
                customProp("Z Projection Step Size", "float", "\(spec.zStepMicrons)"),
                customProp("Z Thickness", "float", "\(spec.zOffsetMicrons(spec.zPlanes - 1))"),
            ]
        } else {
            lines.append(customProp("Z Step", "float", "\(isSinglePlane ? 1 : image.z + 1)"))
        }
        lines += ["</PlaneInfo>", "<SetInfo>", prop("number-of-planes", "int", "1"), "</SetInfo>", "</MetaData>"]
        return lines.joined(separator: "\n") + "\n"
    }

    private static func prop(_ id: String, _ type: String, _ value: String) -> String {
        "<prop id=\"\(id)\" type=\"\(type)\" value=\"\(escaped(value))\"/>"
    }

    private static func customProp(_ id: String, _ type: String, _ value: String) -> String {
        "<custom-prop id=\"\(id)\" type=\"\(type)\" value=\"\(escaped(value))\"/>"
    }

    /// Attribute text as MetaXpress writes it: markup characters escaped, line breaks as `&#13;&#10;`.
    private static func escaped(_ value: String) -> String {
        var text = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": text += "&#38;"
            case "<": text += "&lt;"
            case ">": text += "&gt;"
            case "\"": text += "&quot;"
            case "\r": text += "&#13;"
            case "\n": text += "&#10;"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }
}
