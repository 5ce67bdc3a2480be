/// CellVoyager `MeasurementData.mlf` (one record per image) and `MeasurementDetail.mrf` (plate and
/// channel settings), in the bts namespace (reference/instrument-layouts.md §1.3).
enum YokogawaPlan {
    static let dataFileName = "MeasurementData.mlf"
    static let detailFileName = "MeasurementDetail.mrf"
    private static let namespace = "http://www.yokogawa.co.jp/BTS/BTSSchema/1.0"

    static func measurementData(for spec: ExportSpec, images: [GeneratedImage]) -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<bts:MeasurementData xmlns:bts=\"\(namespace)\" bts:Version=\"1.0\">",
        ]
        for (index, image) in images.enumerated() {
            let offset = spec.fieldOffsetMicrons(image.field)
            let attributes = [
                ("Type", "IMG"), ("Time", SampleExportText.timestamp(secondsAfterStart: index)),
                ("Column", "\(image.column + 1)"), ("Row", "\(image.row + 1)"), ("TimePoint", "\(image.t + 1)"),
                ("FieldIndex", "\(image.field + 1)"), ("ZIndex", "\(image.z + 1)"), ("TimelineIndex", "1"),
                ("ActionIndex", "1"), ("Action", "3D"), ("X", "\(offset.x)"), ("Y", "\(offset.y)"),
                ("Z", "\(spec.zOffsetMicrons(image.z))"), ("Ch", "\(image.channel + 1)"),
            ]
            let fileName = SampleExportText.xmlEscaped(image.relativePath)
            lines.append("  <bts:MeasurementRecord \(attributeText(attributes))>\(fileName)</bts:MeasurementRecord>")
        }
        lines.append("</bts:MeasurementData>")
        return lines.joined(separator: "\n") + "\n"
    }

    static func measurementDetail(for spec: ExportSpec, imageCount: Int) -> String {
        let plate = [
            ("Version", "1.0"), ("OperatorName", "PlateDrop"), ("Title", spec.plateName),
            ("BeginTime", SampleExportText.timestamp(secondsAfterStart: 0)),
            ("EndTime", SampleExportText.timestamp(secondsAfterStart: imageCount)),
            ("ColumnCount", "\(spec.columns)"), ("RowCount", "\(spec.rows)"), ("TimePointCount", "\(spec.timepoints)"),
            ("FieldCount", "\(spec.fields)"), ("ZCount", "\(spec.zPlanes)"), ("TargetSystem", "CV8000"),
        ]
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<bts:MeasurementDetail xmlns:bts=\"\(namespace)\" \(attributeText(plate))>",
        ]
        for channel in 0..<spec.channels {
            let settings = [
                ("Ch", "\(channel + 1)"), ("HorizontalPixelDimension", "\(spec.pixelSizeMicrons)"),
                ("VerticalPixelDimension", "\(spec.pixelSizeMicrons)"), ("CameraNumber", "1"),
                ("InputBitDepth", "\(spec.sampleType.byteCount * 8)"),
                ("HorizontalPixels", "\(spec.width)"), ("VerticalPixels", "\(spec.height)"),
            ]
            lines.append("  <bts:MeasurementChannel \(attributeText(settings)) />")
        }
        lines.append("</bts:MeasurementDetail>")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func attributeText(_ attributes: [(String, String)]) -> String {
        attributes.map { "bts:\($0.0)=\"\(SampleExportText.xmlEscaped($0.1))\"" }.joined(separator: " ")
    }
}
