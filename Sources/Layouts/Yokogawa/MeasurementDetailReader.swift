/// Reads a CellVoyager `MeasurementDetail.mrf`: Title, BeginTime/EndTime, RowCount/ColumnCount on the root,
/// one `<bts:MeasurementChannel>` per camera channel with its HorizontalPixelDimension in µm (docs/layouts.md §1.3).
enum MeasurementDetailReader {
    /// Plate name, format, channels, pixel size and run times; the mrf lists no images.
    ///
    /// The pixel size is that of the lowest-numbered channel: the CellVoyager cameras share one pixel
    /// size unless their binning differs, and one plate image has one pixel size.
    static func plan(at path: String) throws(LayoutError) -> PlatePlan {
        var detail: ClosedXMLElement?
        var sampleName: String?
        var channels: [(ch: Int, pixelSize: Double?)] = []
        let rootName = try XMLElementStream.read(path: path) { element throws(LayoutError) in
            switch (element.name, element.ancestors) {
            case ("MeasurementDetail", []):
                detail = element
            case ("MeasurementSamplePlate", ["MeasurementDetail"]):
                sampleName = element.attributes["Name"]
            case ("MeasurementChannel", ["MeasurementDetail"]):
                channels.append((try element.requiredIntegerAttribute("Ch", planPath: path),
                                 try element.decimalAttribute("HorizontalPixelDimension", planPath: path)))
            default:
                break
            }
        }
        guard let root = detail else {
            throw .malformedPlan(path: path, expected: "a <bts:MeasurementDetail> document", found: "root element <\(rootName)>")
        }
        let rows = try root.integerAttribute("RowCount", planPath: path)
        let columns = try root.integerAttribute("ColumnCount", planPath: path)
        let format = rows.flatMap { rows in columns.map { PlateFormat(rows: rows, columns: $0) } }
        let title = root.attributes["Title"].flatMap { $0.isEmpty ? nil : $0 }
        channels.sort { $0.ch < $1.ch }
        return PlatePlan(
            source: path, scopeDirectory: PlanFile.directory(of: path), plateName: title ?? sampleName, format: format,
            channels: channels.map { ChannelInfo(index: $0.ch - 1, name: MeasurementDataReader.channelName($0.ch), isNamedByToken: true) },
            pixelSizeMicrons: channels.first?.pixelSize,
            acquisitions: [AcquisitionInfo(
                id: 0, name: title,
                start: root.attributes["BeginTime"].flatMap(PlanFile.unixSeconds(iso8601:)),
                end: root.attributes["EndTime"].flatMap(PlanFile.unixSeconds(iso8601:)))])
    }
}
