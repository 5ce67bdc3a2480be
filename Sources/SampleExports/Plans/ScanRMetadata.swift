/// The OME-XML scanR writes beside its images, `data/metadata.ome.xml`, in the structure of the scanR 3.3
/// file described in docs/layouts.md §1.6: one `Image` per well position (`Image:W<well>P<position>`,
/// named with the well's label), its channels, one `TiffData` per file and one `Plane` per file.
enum ScanRMetadata {
    static let fileName = "data/metadata.ome.xml"

    /// scanR's 1-based well index: wells counted row by row over the plate.
    static func wellIndex(_ well: WellIndex, spec: ExportSpec) -> Int {
        well.row * spec.columns + well.column + 1
    }

    static func text(for spec: ExportSpec, images: [GeneratedImage]) -> String {
        let escape = SampleExportText.xmlEscaped
        let type = spec.sampleType == .float32 ? "float" : spec.sampleType.rawValue
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\" ?>",
            "<OME Creator=\"PlateDrop synthetic scanR\" xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2013-06\">",
        ]
        for well in spec.wells {
            let index = wellIndex(well, spec: spec)
            let label = well.rowLetters + String(well.column + 1)
            for field in 0..<spec.fields {
                let id = "W\(index)P\(field + 1)"
                let offset = spec.fieldOffsetMicrons(field)
                lines += [
                    "  <Image ID=\"Image:\(id)\" Name=\"Well \(index), Position \(field + 1) (\(label))\">",
                    "    <Pixels DimensionOrder=\"XYCTZ\" ID=\"Pixels:\(id)\" PhysicalSizeX=\"\(spec.pixelSizeMicrons)\" "
                        + "PhysicalSizeY=\"\(spec.pixelSizeMicrons)\" PhysicalSizeZ=\"\(spec.zStepMicrons)\" SizeC=\"\(spec.channels)\" "
                        + "SizeT=\"\(spec.timepoints)\" SizeX=\"\(spec.width)\" SizeY=\"\(spec.height)\" SizeZ=\"\(spec.zPlanes)\" "
                        + "Type=\"\(type)\">",
                ]
                lines += (0..<spec.channels).map { channel in
                    "      <Channel ID=\"Channel:\(id):\(channel)\" Name=\"\(escape(spec.channelName(channel)))\"/>"
                }
                let here = images.filter { $0.row == well.row && $0.column == well.column && $0.field == field }
                for image in here {
                    let name = String(image.relativePath.dropFirst("data/".count))
                    let uuid = SampleExportText.guid(mixing: [Int(truncatingIfNeeded: spec.seed), 9, image.row, image.column,
                                                              image.field, image.channel, image.z, image.t]).lowercased()
                    lines.append("      <TiffData FirstC=\"\(image.channel)\" FirstT=\"\(image.t)\" FirstZ=\"\(image.z)\">"
                        + "<UUID FileName=\"\(escape(name))\">urn:uuid:\(uuid)</UUID></TiffData>")
                }
                lines += here.map { image in
                    "      <Plane TheC=\"\(image.channel)\" TheT=\"\(image.t)\" TheZ=\"\(image.z)\" "
                        + "PositionX=\"\(50_000 + Double(well.column) * 9_000 + offset.x)\" "
                        + "PositionY=\"\(30_000 + Double(well.row) * 9_000 + offset.y)\" "
                        + "PositionZ=\"\(6_000 + spec.zOffsetMicrons(image.z))\"/>"
                }
                lines += ["    </Pixels>", "  </Image>"]
            }
        }
        lines.append("</OME>")
        return lines.joined(separator: "\n") + "\n"
    }
}
