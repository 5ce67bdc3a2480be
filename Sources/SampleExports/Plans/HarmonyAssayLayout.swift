/// Harmony's `Assaylayout/<name>.xml`: the plate map of per-well values an export can carry beside
/// `Images/` (Operetta CLS exports with associated files have one), in the HarmonyV5 namespace.
enum HarmonyAssayLayout {
    static func fileName(for spec: ExportSpec) -> String {
        "Assaylayout/\(spec.plateName).xml"
    }

    /// One "Compound" layer naming the imaged wells "treated" and the others empty.
    static func text(for spec: ExportSpec) -> String {
        let imaged = Set(spec.wells)
        var lines = [
            "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<AssayLayout xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://www.perkinelmer.com/PEHH/HarmonyV5\">",
            "  <PlateCols>\(spec.columns)</PlateCols>",
            "  <PlateRows>\(spec.rows)</PlateRows>",
            "  <Layer>",
            "    <Name>Compound</Name>",
            "    <ValueType>string</ValueType>",
        ]
        for row in 0..<spec.rows {
            for column in 0..<spec.columns {
                let value = imaged.contains(WellIndex(row: row, column: column)) ? "<Value>treated</Value>" : "<Value />"
                lines += ["    <Well>", "      <Row>\(row + 1)</Row>", "      <Col>\(column + 1)</Col>",
                          "      \(value)", "      <Color>4294967295</Color>", "    </Well>"]
            }
        }
        lines += ["  </Layer>", "</AssayLayout>"]
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
