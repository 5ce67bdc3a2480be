/// Collects what a Harmony index says, element by element, into a `PlatePlan`.
struct HarmonyPlanBuilder {
    let planPath: String
    /// Text of the children of `<Plate>`, by element name.
    var plate: [String: String] = [:]
    private var expected = Set<ImageKey>()
    private var imageKeys: [String: ImageKey] = [:]
    private var stagePositions: [String: StagePosition] = [:]
    private var missing: [MissingImage] = []
    private var channels: [Int: ChannelInfo] = [:]
    private var usedChannels = Set<Int>()
    private var pixelSizeByChannel: [Int: Double] = [:]
    private var times: [Double] = []
    private var firstPlanes: [[Int]: [Int: Double]] = [:]
    private var zStepMicrons: Double?

    init(planPath: String) {
        self.planPath = planPath
    }

    /// Adds one `Images/Image` from its child elements.
    mutating func addImage(_ children: [String: ClosedXMLElement], line: Int) throws(LayoutError) {
        func number(_ name: String, minimum: Int = 1) throws(LayoutError) -> Int {
            guard let element = children[name] else {
                throw .malformedPlan(path: planPath, expected: "<\(name)> in every <Image>",
                                     found: "an <Image> without it ending at line \(line)")
            }
            return try element.integerText(minimum: minimum, planPath: planPath)
        }
        let channel = try number("ChannelID") - 1
        let key = ImageKey(plate: "", well: WellPosition(row: try number("Row") - 1, column: try number("Col") - 1),
                           field: try number("FieldID") - 1, channel: channel, z: try number("PlaneID") - 1,
                           t: try children["TimepointID"].map { element throws(LayoutError) in
                               try element.integerText(minimum: 0, planPath: planPath)
                           } ?? 0)
        try describeChannel(channel, children)
        usedChannels.insert(channel)
        let url = children["URL"].map { PlanFile.relativeImagePath($0.text) } ?? ""
        let state = children["State"]?.text ?? "Ok"
        guard !url.isEmpty, state.lowercased() == "ok" else {
            let id = children["id"]?.text ?? "ending at line \(line)"
            missing.append(MissingImage(well: key.well, field: key.field, channel: key.channel, z: key.z, t: key.t,
                                        acquisition: 0, reason: "Harmony index lists image \(id) with State \"\(state)\""
                                            + (url.isEmpty ? " and no file" : "")))
            return
        }
        expected.insert(key)
        imageKeys[url] = key
        if let x = children["PositionX"], let y = children["PositionY"] {
            stagePositions[url] = StagePosition(x: try micrometres(x), y: try micrometres(y))
        }
        if let time = children["AbsTime"].flatMap({ PlanFile.unixSeconds(iso8601: $0.text) }) { times.append(time) }
        try noteZPosition(key, children["PositionZ"])
    }

    /// Adds one `Maps/Map/Entry` channel description (name, wavelengths, resolution), which may be the only
    /// place an index names its channels.
    mutating func addChannelEntry(_ entry: ClosedXMLElement, _ children: [String: ClosedXMLElement]) throws(LayoutError) {
        guard let id = try entry.integerAttribute("ChannelID", planPath: planPath) else { return }
        try describeChannel(id - 1, children)
    }

    private mutating func describeChannel(_ index: Int, _ children: [String: ClosedXMLElement]) throws(LayoutError) {
        var channel = channels[index] ?? ChannelInfo(index: index, name: "ch\(index + 1)")
        if let name = children["ChannelName"]?.text, !name.isEmpty { channel.name = name }
        if let excitation = children["MainExcitationWavelength"] {
            channel.excitationNanometres = try excitation.decimalText(planPath: planPath)
        }
        if let emission = children["MainEmissionWavelength"] {
            channel.emissionNanometres = try emission.decimalText(planPath: planPath)
        }
        // Transmitted light has no emission colour; viewers show it grey.
        if children["ChannelType"]?.text.lowercased() == "brightfield"
            || children["IlluminationType"]?.text.lowercased() == "transmitted" {
            channel.colorRGB = "FFFFFF"
        }
        channels[index] = channel
        if pixelSizeByChannel[index] == nil, let resolution = children["ImageResolutionX"] {
            pixelSizeByChannel[index] = try micrometres(resolution)
        }
    }

    /// Spacing of planes 1 and 2 of the first stack that has both.
    private mutating func noteZPosition(_ key: ImageKey, _ position: ClosedXMLElement?) throws(LayoutError) {
        guard zStepMicrons == nil, let position, let z = key.z, z <= 1 else { return }
        let stack = [key.well.row, key.well.column, key.field, key.channel, key.t]
        firstPlanes[stack, default: [:]][z] = try micrometres(position)
        if let first = firstPlanes[stack]?[0], let second = firstPlanes[stack]?[1] { zStepMicrons = abs(second - first) }
    }

    /// A length element in µm, from the unit in its `Unit` attribute (metres when absent).
    private func micrometres(_ element: ClosedXMLElement) throws(LayoutError) -> Double {
        let value = try element.decimalText(planPath: planPath)
        switch element.attributes["Unit"]?.lowercased() ?? "m" {
        case "m": return value * 1_000_000
        case "mm": return value * 1_000
        case "µm", "um": return value
        case "nm": return value / 1_000
        case let unit:
            throw .malformedPlan(path: planPath, expected: "a length unit (m, mm, µm, nm) on <\(element.name)>",
                                 found: "\"\(unit)\" at line \(element.line)")
        }
    }

    /// The finished plan; channels are those the images use, or every described channel if none are listed.
    func plan() throws(LayoutError) -> PlatePlan {
        var format: PlateFormat?
        if let rows = plate["PlateRows"], let columns = plate["PlateColumns"] {
            guard let rowCount = Int(rows), let columnCount = Int(columns), rowCount > 0, columnCount > 0 else {
                throw .malformedPlan(path: planPath, expected: "whole numbers in <PlateRows> and <PlateColumns>",
                                     found: "\"\(rows)\" and \"\(columns)\"")
            }
            format = PlateFormat(rows: rowCount, columns: columnCount)
        }
        let listed = usedChannels.isEmpty ? Set(channels.keys) : usedChannels
        let plateName = [plate["Name"], plate["PlateID"]].compactMap { $0 }.first { !$0.isEmpty }
        return PlatePlan(
            source: planPath, scopeDirectory: PlanFile.directory(of: planPath), plateName: plateName, format: format,
            channels: listed.sorted().compactMap { channels[$0] },
            pixelSizeMicrons: pixelSizeByChannel.min { $0.key < $1.key }?.value, zStepMicrons: zStepMicrons,
            expected: expected, expectedMissing: missing,
            acquisitions: [AcquisitionInfo(id: 0, name: plate["MeasurementID"], start: times.min(), end: times.max())],
            imageKeys: imageKeys, stagePositions: stagePositions)
    }
}
