/// CellVoyager `MeasurementData.mlf` (one record per image) and `MeasurementDetail.mrf` (plate and
/// channel settings), in the bts namespace (docs/layouts.md §1.3).
enum YokogawaPlan {
    static let dataFileName = "MeasurementData.mlf"
    static let detailFileName = "MeasurementDetail.mrf"
    static let namespace = "http://www.yokogawa.co.jp/BTS/BTSSchema/1.0"

    /// The records of one run's `images`, each naming its file relative to the run's image folder (where the mlf is).
    static func measurementData(for spec: ExportSpec, images: [GeneratedImage], run: Int = 0) -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<bts:MeasurementData xmlns:bts=\"\(namespace)\" bts:Version=\"1.0\">",
        ]
        let start = spec.runStartSeconds(run)
        let folder = spec.imageFolder(run)
        for (index, image) in images.enumerated() {
            let offset = spec.fieldOffsetMicrons(image.field)
            var attributes = [
                ("Type", "IMG"), ("Time", SampleExportText.timestamp(secondsAfterStart: start + index)),
                ("Column", "\(image.column + 1)"), ("Row", "\(image.row + 1)"), ("TimePoint", "\(image.t + 1)"),
                ("FieldIndex", "\(image.field + 1)"), ("ZIndex", "\(image.z + 1)"), ("TimelineIndex", "1"),
                ("ActionIndex", "1"), ("Action", "3D"), ("X", "\(offset.x)"), ("Y", "\(offset.y)"),
                ("Z", "\(spec.zOffsetMicrons(image.z))"), ("Ch", "\(image.channel + 1)"),
            ]
            if image.kind == .maximumProjection {
                // The stack's extent, from the first plane to the last.
                attributes.insert(contentsOf: [("ZImageProcessing", "Maximum"), ("ZTop", "\(spec.zOffsetMicrons(spec.zPlanes - 1))"),
                                               ("ZBottom", "\(spec.zOffsetMicrons(0))")], at: 13)
            }
            let fileName = SampleExportText.xmlEscaped(String(image.relativePath.dropFirst(folder.count)))
            lines.append("  <bts:MeasurementRecord \(attributeText(attributes))>\(fileName)</bts:MeasurementRecord>")
        }
        lines.append("</bts:MeasurementData>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The plate and channel settings of one run; with instrument files it names the `.mes` and each
    /// channel's shading-correction reference, as the CV8000 writes them.
    static func measurementDetail(for spec: ExportSpec, imageCount: Int, run: Int = 0) -> String {
        let start = spec.runStartSeconds(run)
        var plate = [
            ("Version", "1.0"), ("OperatorName", "PlateDrop"), ("Title", spec.plateName),
            ("BeginTime", SampleExportText.timestamp(secondsAfterStart: start)),
            ("EndTime", SampleExportText.timestamp(secondsAfterStart: start + imageCount)),
            ("ColumnCount", "\(spec.columns)"), ("RowCount", "\(spec.rows)"), ("TimePointCount", "\(spec.timepoints)"),
            ("FieldCount", "\(spec.fields)"), ("ZCount", "\(spec.zPlanes)"),
            ("TargetSystem", spec.layout == .cq3000 ? "CQ3000" : "CV8000"),
        ]
        if spec.instrumentFiles && spec.writePlan {
            plate.insert(("MeasurementSettingFileName", CellVoyagerFiles.settingsFileName(for: spec)), at: 5)
        }
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<bts:MeasurementDetail xmlns:bts=\"\(namespace)\" \(attributeText(plate))>",
        ]
        for channel in 0..<spec.channels {
            var settings = [
                ("Ch", "\(channel + 1)"), ("HorizontalPixelDimension", "\(spec.pixelSizeMicrons)"),
                ("VerticalPixelDimension", "\(spec.pixelSizeMicrons)"), ("CameraNumber", "1"),
                ("InputBitDepth", "\(spec.sampleType.byteCount * 8)"),
                ("HorizontalPixels", "\(spec.width)"), ("VerticalPixels", "\(spec.height)"),
            ]
            if spec.instrumentFiles {
                settings.append(("ShadingCorrectionSource", CellVoyagerFiles.shadingReferenceName(channel: channel)))
            }
            lines.append("  <bts:MeasurementChannel \(attributeText(settings)) />")
        }
        lines.append("</bts:MeasurementDetail>")
        return lines.joined(separator: "\n") + "\n"
    }

    static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { "bts:\($0.0)=\"\(SampleExportText.xmlEscaped($0.1))\"" }.joined(separator: " ")
    }
}
