/// The files a CellVoyager CV7000/CV8000 writes into a measurement besides the images and mlf/mrf, after the
/// measurement folder a CV8000 (software R2.06) writes: the measurement-settings file
/// (`.mes`), a dark-current reference per camera (`DC_<camera>.tif`), a shading-correction reference per
/// channel (`SC_<filter>_<objective>_CH<n>.tif`, with the space of "20x v2") and the trace log.
enum CellVoyagerFiles {
    /// One `<bts:Channel>` of the settings: laser line, emission filter, ARGB display colour, light source.
    struct Channel {
        let target: String
        let acquisition: String
        let color: String
        let lightSource: String
        let kind: String

        /// The name PlateDrop gives a channel from the `.mes`: "<target> <acquisition>", e.g. "405 BP445/45".
        var displayName: String { "\(target) \(acquisition)" }
    }

    /// The CV8000's four laser lines with their usual filters and colours (from the real `.mes`), then the lamp.
    private static let palette = [
        Channel(target: "405", acquisition: "BP445/45", color: "#FF002FFF", lightSource: "405nm", kind: "ConfocalFluorescence"),
        Channel(target: "488", acquisition: "BP525/50", color: "#FF00FFA1", lightSource: "488nm", kind: "ConfocalFluorescence"),
        Channel(target: "561", acquisition: "BP600/37", color: "#FFFF8200", lightSource: "561nm", kind: "ConfocalFluorescence"),
        Channel(target: "640", acquisition: "BP676/29", color: "#FFFF1B00", lightSource: "640nm", kind: "ConfocalFluorescence"),
        Channel(target: "Brightfield", acquisition: "BP525/50", color: "#FFFFFFFF", lightSource: "Lamp", kind: "Brightfield"),
        Channel(target: "405", acquisition: "BP525/50", color: "#FF00C0FF", lightSource: "405nm", kind: "ConfocalFluorescence"),
        Channel(target: "488", acquisition: "BP600/37", color: "#FFA0FF00", lightSource: "488nm", kind: "ConfocalFluorescence"),
        Channel(target: "561", acquisition: "BP676/29", color: "#FFFF00C0", lightSource: "561nm", kind: "ConfocalFluorescence"),
        Channel(target: "640", acquisition: "BP445/45", color: "#FFC000FF", lightSource: "640nm", kind: "ConfocalFluorescence"),
    ]

    private static let lightSources = [("405nm", "Laser", 405), ("488nm", "Laser", 488), ("561nm", "Laser", 561),
                                       ("640nm", "Laser", 640), ("Lamp", "Lamp", 0)]

    static let objective = "20x v2"

    /// The settings of 0-based `channel` (ExportSpec allows at most 9 channels).
    static func channel(_ channel: Int) -> Channel {
        palette[channel % palette.count]
    }

    static func settingsFileName(for spec: ExportSpec) -> String {
        "\(spec.plateName).mes"
    }

    /// `SC_BP445-45_20x v2_M01_CH01.tif`: the filter's "/" becomes "-".
    static func shadingReferenceName(channel index: Int) -> String {
        let filter = channel(index).acquisition.replacingOccurrences(of: "/", with: "-")
        return "SC_\(filter)_\(objective)_M01_CH\(SampleExportText.padded(index + 1, width: 2)).tif"
    }

    /// `DC_DCAM#1_CAM1.tif`: the dark current of camera 1, the one the mrf names for every channel.
    static let darkReferenceName = "DC_DCAM#1_CAM1.tif"

    /// `TRACE2024-03-01.log`, named after the day the run started.
    static func traceLogName(for spec: ExportSpec, run: Int) -> String {
        "TRACE\(SampleExportText.date(secondsAfterStart: spec.runStartSeconds(run))).log"
    }

    /// The measurement-settings file (`<bts:MeasurementSetting>`, UTF-8 with a byte-order mark as the
    /// instrument writes it): plate size, the timeline with wells, field points and one 3D action, the
    /// light sources and one `<bts:Channel>` per channel naming its light source.
    static func settings(for spec: ExportSpec) -> String {
        let text = YokogawaPlan.attributeText
        let root = [("Version", "1.0"), ("ProductID", "PlateDrop"), ("Application", ""), ("Columns", "\(spec.columns)"),
                    ("Rows", "\(spec.rows)")]
        let timeline = [("Name", "Time Line 1"), ("InitialTime", "0"), ("Period", "0"), ("Interval", "0"),
                        ("ExpectedTime", "60"), ("Color", "#ff44ee66"), ("OverrideExpectedTime", "false")]
        var lines = [
            "\u{FEFF}<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<bts:MeasurementSetting \(text(root)) xmlns:bts=\"\(YokogawaPlan.namespace)\">",
            "  <bts:Timelapse>",
            "    <bts:Timeline \(text(timeline))>",
            "      <bts:WellSequence bts:IsSelected=\"true\">",
        ]
        lines += spec.wells.map { well in
            "        <bts:TargetWell \(text([("Column", "\(well.column + 1)"), ("Row", "\(well.row + 1)")]))>true</bts:TargetWell>"
        }
        lines += [
            "      </bts:WellSequence>",
            "      <bts:PointSequence bts:Method=\"FixedPosition\">",
            "        <bts:FixedPosition bts:IsProportional=\"false\">",
        ]
        lines += (0..<spec.fields).map { field in
            let offset = spec.fieldOffsetMicrons(field)
            return "          <bts:Point \(text([("X", "\(offset.x)"), ("Y", "\(offset.y)")])) />"
        }
        let half = spec.zOffsetMicrons(spec.zPlanes - 1) / 2
        let action = [("XOffset", "0"), ("YOffset", "0"), ("AFShiftBase", "5"), ("TopDistance", "\(half)"),
                      ("BottomDistance", "\(-half)"), ("SliceLength", "\(spec.zStepMicrons)"), ("UseSoftFocus", "false")]
        lines += [
            "        </bts:FixedPosition>",
            "      </bts:PointSequence>",
            "      <bts:ActionList bts:RunMode=\"sequential\" bts:AFSearch=\"afparam\">",
            "        <bts:ActionAcquire3D \(text(action))>",
        ]
        lines += (0..<spec.channels).map { "          <bts:Ch>\($0 + 1)</bts:Ch>" }
        lines += [
            "        </bts:ActionAcquire3D>",
            "      </bts:ActionList>",
            "    </bts:Timeline>",
            "  </bts:Timelapse>",
            "  <bts:LightSourceList bts:UseCalibratedLaserPower=\"true\">",
        ]
        lines += lightSources.map { name, type, wavelength in
            let power = type == "Lamp" ? "30" : "50"
            return "    <bts:LightSource \(text([("Name", name), ("Type", type), ("WaveLength", "\(wavelength)"), ("Power", power)])) />"
        }
        lines += ["  </bts:LightSourceList>", "  <bts:ChannelList>"]
        for index in 0..<spec.channels {
            let channel = channel(index)
            let attributes = [
                ("Ch", "\(index + 1)"), ("Target", channel.target), ("ObjectiveID", "20200"), ("Objective", objective),
                ("Magnification", "20"), ("MethodID", "1"), ("Method", "Confocal Fluorescence 405/488/561/640 nm"),
                ("FilterID", "\(index + 1)"), ("Acquisition", channel.acquisition), ("ExposureTime", "100"),
                ("Binning", "1"), ("Color", channel.color), ("MinLevel", "0"), ("MaxLevel", "0.5"), ("CSUID", "2"),
                ("PinholeDiameter", "50"), ("Kind", channel.kind), ("CameraType", "DCAM"), ("InputLevel", "10000"),
                ("Fluorophore", ""),
            ]
            lines += [
                "    <bts:Channel \(text(attributes))>",
                "      <bts:LightSourceName>\(SampleExportText.xmlEscaped(channel.lightSource))</bts:LightSourceName>",
                "    </bts:Channel>",
            ]
        }
        lines += ["  </bts:ChannelList>", "</bts:MeasurementSetting>"]
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The trace log of one run: a focus line and a frame-save line per image, in the CV8000's CSV format
    /// ("2024/03/01,09:00:00,.250,<tick>,Measurement,…,<file name>,None").
    static func traceLog(for spec: ExportSpec, images: [GeneratedImage], run: Int) -> String {
        let folder = spec.imageFolder(run)
        var lines: [String] = []
        for (index, image) in images.enumerated() {
            let milliseconds = (spec.runStartSeconds(run) + index) * 1000 + 250
            let (date, time, fraction) = SampleExportText.traceTime(millisecondsAfterStart: milliseconds)
            let tick = -35_533_750 + index * 16
            lines.append("\(date),\(time),\(fraction),\(tick - 157),Portal,RemoteDevice,ReaderControl,--->,AF_MANU,34,0,OK,"
                         + "\(spec.zOffsetMicrons(image.z)),0")
            lines.append("\(date),\(time),\(fraction),\(tick),Measurement,Measurement.measure_timelapse,_m_Timelapse,"
                         + "_init_frame_save,\(image.relativePath.dropFirst(folder.count)),None")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// uint16 pixels of a reference image, row-major in host byte order: the dark current is a flat offset
    /// of about 100 with fixed-pattern ripple; a shading reference falls off by 30 % towards the corners.
    static func referencePixels(width: Int, height: Int, isDarkCurrent: Bool) -> [UInt8] {
        var values = [UInt16](repeating: 0, count: width * height)
        let centreX = Double(width - 1) / 2, centreY = Double(height - 1) / 2
        let reach = max(1, centreX * centreX + centreY * centreY)
        for y in 0..<height {
            for x in 0..<width {
                if isDarkCurrent {
                    values[y * width + x] = UInt16(100 + (x * 7 + y * 13) % 5)
                } else {
                    let (dx, dy) = (Double(x) - centreX, Double(y) - centreY)
                    let distance = (dx * dx + dy * dy) / reach
                    values[y * width + x] = UInt16((10_000 * (1 - 0.3 * distance)).rounded())
                }
            }
        }
        return values.withUnsafeBytes { [UInt8]($0) }
    }
}
