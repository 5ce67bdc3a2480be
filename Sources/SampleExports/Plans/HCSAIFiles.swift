import Foundation
import Zarr

/// The files MetaXpress Acquire (ImageXpress HCS.ai) writes for one acquisition unit, in the structure of
/// the real run described in docs/layouts.md §1.2: the `.jdce` descriptor (JSON), the
/// `image_metadata_1.csv` manifest, and beside them the protocol, autofocus logs and per-image statistics.
enum HCSAIFiles {
    static let manifestFileName = "image_metadata_1.csv"
    static let autofocusReportName = "autofocus/focus_report.txt"

    static func descriptorFileName(for spec: ExportSpec) -> String {
        "\(spec.plateName).jdce"
    }

    static func protocolFileName(for spec: ExportSpec) -> String {
        "\(spec.plateName).mxprotocol"
    }

    /// The descriptor of `run`: plate size, pixel size, one wavelength per channel named by its emission
    /// filter, the z step, and `CollectionComplete` true, as a finished run leaves it.
    static func descriptor(for spec: ExportSpec, run: Int) -> String {
        let zStep = spec.zPlanes > 1 ? spec.zStepMicrons : 0
        let wavelengths: [JSONValue] = (0..<spec.channels).map { channel in
            ["Index": JSONValue(channel), "ImagingMode": JSONValue(spec.zPlanes > 1 ? "3-D" : "2-D"),
             "ZSlice": JSONValue(spec.zPlanes), "ZStep": JSONValue(zStep),
             "EmissionFilter": ["Name": JSONValue(spec.channelName(channel))]]
        }
        let plateID = "\(spec.plateName) \(SampleExportText.timestamp(secondsAfterStart: spec.runStartSeconds(run)))"
        let settings: JSONValue = [
            "Camera": ["Size": ["Width": JSONValue(spec.width), "Height": JSONValue(spec.height)], "Binning": "1 X 1"],
            "ObjectiveCalibration": ["Unit": "µm", "PixelWidth": JSONValue(spec.pixelSizeMicrons),
                                     "PixelHeight": JSONValue(spec.pixelSizeMicrons)],
            "Plate": ["Name": JSONValue("\(spec.rows * spec.columns) well plate"), "Rows": JSONValue(spec.rows),
                      "Columns": JSONValue(spec.columns)],
            "Wavelengths": .array(wavelengths),
            "PlateMap": [
                "ZDimensionParameters": ["Enabled": .bool(spec.zPlanes > 1), "Step": JSONValue(zStep),
                                         "NumberOfSlices": JSONValue(spec.zPlanes)],
                "TimeSchedule": ["Enabled": .bool(spec.timepoints > 1), "NumberOfTimepoints": JSONValue(spec.timepoints)],
            ],
            "CollectionComplete": true,
        ]
        let document: JSONValue = [
            "Version": "1.1",
            "ImageStack": [
                "PlateId": JSONValue(plateID),
                "Application": ["Name": "MetaXpress Acquire", "SoftwareLabel": "PlateDrop synthetic"],
                "ImageFormat": "TIFF",
                "AutoLeadAcquisitionProtocol": settings,
                "SpecimenHolder": ["Type": "plate", "Barcode": ""],
                "ImageMetadataFiles": JSONValue(strings: [manifestFileName]),
            ],
        ]
        return document.prettySerialized() + "\n"
    }

    /// One row per image of the run, columns as MetaXpress Acquire writes them: the well as "B - 7" and as
    /// 1-based Row and Column, every other index 0-based, stage position in µm, time in seconds since 1970.
    static func manifest(for spec: ExportSpec, images: [GeneratedImage]) -> String {
        var lines = ["FovUuid,Well,Row,Column,Field,Wavelength,Timepoint,ZIndex,ImageSizeXPx,ImageSizeYPx,ImageSubFolderPath,"
            + "ImageFileName,TimeStampSec,ExcitationEmissionFilter,PositionXUm,PositionYUm,PositionZUm,Annotations"]
        for (sequence, image) in images.enumerated() {
            let well = WellIndex(row: image.row, column: image.column)
            let offset = spec.fieldOffsetMicrons(image.field)
            let stageX = 14_380 + Double(image.column) * 9_000 + offset.x
            let stageY = 11_240 + Double(image.row) * 9_000 + offset.y
            let time = SampleExportText.startSeconds + spec.runStartSeconds(image.run) + sequence
            let parts = image.relativePath.split(separator: "/")
            let uuid = SampleExportText.guid(mixing: [Int(truncatingIfNeeded: spec.seed), 8, image.run, image.row, image.column,
                                                      image.field]).lowercased()
            lines.append([
                uuid, "\(well.rowLetters) - \(image.column + 1)", "\(image.row + 1)", "\(image.column + 1)", "\(image.field)",
                "\(image.channel)", "\(image.t)", "\(image.z)", "\(spec.width)", "\(spec.height)", String(parts[parts.count - 2]),
                String(parts[parts.count - 1]), "\(time)", csvField(spec.channelName(image.channel)), "\(stageX)", "\(stageY)",
                "\(MetaSeriesHeader.baseFocusMicrons + spec.zOffsetMicrons(image.z))", "",
            ].joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A stand-in for the run's protocol, which the layout ignores.
    static func protocolText(for spec: ExportSpec) -> String {
        JSONValue.object(["acquisitionEngineProtocol": ["name": JSONValue(spec.plateName)]]).prettySerialized() + "\n"
    }

    /// The laser-autofocus summary MetaXpress Acquire writes beside the unit.
    static func autofocusReport() -> String {
        "Total number of times user workflows were called to run, 1\r\n"
            + "Total number of times short searches failed to find the surface, 0\r\n"
    }

    /// The statistics sidecar of one image (`<image>.statistics.json`).
    static func statistics(for spec: ExportSpec) -> String {
        JSONValue.object(["channels": 1, "bitsPerSample": JSONValue(spec.sampleType.byteCount * 8)]).serialized() + "\n"
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
