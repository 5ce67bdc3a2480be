/// An IN Cell Analyzer `.xdce` in the structure docs/layouts.md §1.7 describes: the acquisition
/// protocol (objective calibration, wavelengths with their filters, plate, field offsets) and one `Image`
/// per file with its well, field, wave, z and time index.
enum InCellXDCE {
    static func fileName(for spec: ExportSpec) -> String {
        "\(spec.plateName).xdce"
    }

    /// The classic name's channel: the same filter name for excitation and emission ("DAPI - DAPI").
    static func filterName(_ spec: ExportSpec, channel: Int) -> String {
        spec.channelName(channel)
    }

    static func text(for spec: ExportSpec, images: [GeneratedImage]) -> String {
        let escape = SampleExportText.xmlEscaped
        let grid = spec.fieldGrid
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<ImageStack>",
            "  <Application name=\"IN Cell Analyzer 2000\" software_version=\"PlateDrop synthetic\"/>",
            "  <Creation date=\"\(SampleExportText.date(secondsAfterStart: 0))\" time=\"09:00:00\"/>",
            "  <AutoLeadAcquisitionProtocol>",
            "    <Camera name=\"PlateDrop synthetic camera\"><Size width=\"\(spec.width)\" height=\"\(spec.height)\"/>"
                + "<Binning value=\"1 X 1\"/></Camera>",
            "    <ObjectiveCalibration magnification=\"20\" numerical_aperture=\"0.45\" objective_name=\"Nikon_20X_PlanFluor\" "
                + "pixel_width=\"\(spec.pixelSizeMicrons)\" pixel_height=\"\(spec.pixelSizeMicrons)\" refractive_index=\"1\"/>",
            "    <Wavelengths number=\"\(spec.channels)\">",
        ]
        for channel in 0..<spec.channels {
            let name = escape(filterName(spec, channel: channel))
            lines += [
                "      <Wavelength fusion_wave=\"false\" imaging_mode=\"\(spec.zPlanes > 1 ? "3-D" : "2-D")\" index=\"\(channel)\">",
                "        <ExcitationFilter name=\"\(name)\"/>",
                "        <EmissionFilter name=\"\(name)\"/>",
                "      </Wavelength>",
            ]
        }
        lines += [
            "    </Wavelengths>",
            "    <Plate columns=\"\(spec.columns)\" rows=\"\(spec.rows)\" name=\"\(spec.rows * spec.columns) well plate\"/>",
            "    <ZDimensionParameters number_of_slices=\"\(spec.zPlanes)\"/>",
            "    <PlateMap>",
            "      <NamingRows begin=\"A\"/><NamingColumns begin=\"1\"/>",
            "      <Wells number=\"\(spec.wells.count)\">",
        ]
        lines += spec.wells.map { "        <Well><Row number=\"\($0.row + 1)\"/><Column number=\"\($0.column + 1)\"/></Well>" }
        lines += ["      </Wells>", "      <TimeSchedule enabled=\"\(spec.timepoints > 1)\"/>", "    </PlateMap>",
                  "    <Fields number=\"\(spec.fields)\" columns=\"\(grid.columns)\" rows=\"\(grid.rows)\">"]
        lines += (0..<spec.fields).map { field in
            let offset = spec.fieldOffsetMicrons(field)
            return "      <offset_point index=\"\(field)\" x=\"\(offset.x)\" y=\"\(offset.y)\"/>"
        }
        lines += ["    </Fields>", "  </AutoLeadAcquisitionProtocol>", "  <Images number=\"\(images.count)\">"]
        for (sequence, image) in images.enumerated() {
            let well = WellIndex(row: image.row, column: image.column)
            lines += [
                "    <Image filename=\"\(escape(image.relativePath))\" version=\"1.0\" acquisition_time_ms=\"\(sequence * 250)\">",
                "      <Identifier field_index=\"\(image.field)\" z_index=\"\(image.z)\" wave_index=\"\(image.channel)\" "
                    + "time_index=\"\(image.t)\"/>",
                "      <Well label=\"\(well.rowLetters) - \(image.column + 1)\"><Row number=\"\(image.row + 1)\"/>"
                    + "<Column number=\"\(image.column + 1)\"/></Well>",
                "      <FocusPosition z=\"\(MetaSeriesHeader.baseFocusMicrons + spec.zOffsetMicrons(image.z))\"/>",
                "    </Image>",
            ]
        }
        lines += ["  </Images>", "</ImageStack>"]
        return lines.joined(separator: "\n") + "\n"
    }
}
