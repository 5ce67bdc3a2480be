/// Harmony's `Images/Index.idx.xml`: plate, wells and one `Image` entry per file, in the
/// HarmonyV5 namespace that Harmony 4.x exports carry (docs/layouts.md §1.4).
enum HarmonyIndex {
    static let fileName = "Images/Index.idx.xml"
    private static let namespace = "http://www.perkinelmer.com/PEHH/HarmonyV5"

    static func text(for spec: ExportSpec, images: [GeneratedImage]) -> String {
        let escape = SampleExportText.xmlEscaped
        let pad = SampleExportText.padded
        func wellID(_ row: Int, _ column: Int) -> String { pad(row + 1, 2) + pad(column + 1, 2) }
        func imageID(_ image: GeneratedImage) -> String {
            "\(wellID(image.row, image.column))K\(image.t + 1)F\(image.field + 1)P\(image.z + 1)R\(image.channel + 1)"
        }

        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<EvaluationInputData xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" Version=\"1\" xmlns=\"\(namespace)\">",
            "  <User>PlateDrop</User>",
            "  <InstrumentType>Phenix</InstrumentType>",
            "  <Plates>",
            "    <Plate>",
            "      <PlateID>\(escape(spec.plateName))</PlateID>",
            "      <MeasurementStartTime>\(SampleExportText.timestamp(secondsAfterStart: 0))</MeasurementStartTime>",
            "      <Name>\(escape(spec.plateName))</Name>",
            "      <PlateTypeName>\(spec.rows * spec.columns)well</PlateTypeName>",
            "      <PlateRows>\(spec.rows)</PlateRows>",
            "      <PlateColumns>\(spec.columns)</PlateColumns>",
        ]
        lines += spec.wells.map { "      <Well id=\"\(wellID($0.row, $0.column))\" />" }
        lines += ["    </Plate>", "  </Plates>", "  <Wells>"]
        for well in spec.wells {
            lines += [
                "    <Well>",
                "      <id>\(wellID(well.row, well.column))</id>",
                "      <Row>\(well.row + 1)</Row>",
                "      <Col>\(well.column + 1)</Col>",
            ]
            lines += images.filter { $0.row == well.row && $0.column == well.column }
                .map { "      <Image id=\"\(imageID($0))\" />" }
            lines.append("    </Well>")
        }
        lines += ["  </Wells>", "  <Images>"]
        let metresPerPixel = spec.pixelSizeMicrons * 1e-6
        for (index, image) in images.enumerated() {
            let offset = spec.fieldOffsetMicrons(image.field)
            let zMetres = spec.zOffsetMicrons(image.z) * 1e-6
            lines += [
                "    <Image Version=\"1\">",
                "      <id>\(imageID(image))</id>",
                "      <State>Ok</State>",
                "      <URL>\(escape(String(image.relativePath.dropFirst("Images/".count))))</URL>",
                "      <Row>\(image.row + 1)</Row>",
                "      <Col>\(image.column + 1)</Col>",
                "      <FieldID>\(image.field + 1)</FieldID>",
                "      <PlaneID>\(image.z + 1)</PlaneID>",
                "      <TimepointID>\(image.t)</TimepointID>",
                "      <FlimID>1</FlimID>",
                "      <ChannelID>\(image.channel + 1)</ChannelID>",
                "      <ChannelName>\(escape(spec.channelName(image.channel)))</ChannelName>",
                "      <ImageResolutionX Unit=\"m\">\(metresPerPixel)</ImageResolutionX>",
                "      <ImageResolutionY Unit=\"m\">\(metresPerPixel)</ImageResolutionY>",
                "      <ImageSizeX>\(spec.width)</ImageSizeX>",
                "      <ImageSizeY>\(spec.height)</ImageSizeY>",
                "      <PositionX Unit=\"m\">\(offset.x * 1e-6)</PositionX>",
                "      <PositionY Unit=\"m\">\(offset.y * 1e-6)</PositionY>",
                "      <PositionZ Unit=\"m\">\(zMetres)</PositionZ>",
                "      <AbsPositionZ Unit=\"m\">\(zMetres)</AbsPositionZ>",
                "      <MeasurementTimeOffset Unit=\"s\">\(index)</MeasurementTimeOffset>",
                "      <AbsTime>\(SampleExportText.timestamp(secondsAfterStart: index))</AbsTime>",
                "    </Image>",
            ]
        }
        lines += ["  </Images>", "</EvaluationInputData>"]
        return lines.joined(separator: "\n") + "\n"
    }
}
