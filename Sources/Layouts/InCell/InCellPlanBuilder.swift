/// Collects what an IN Cell `.xdce` says, element by element, into a `PlatePlan`.
struct InCellPlanBuilder {
    let planPath: String
    private var format: PlateFormat?
    private var pixelSizeMicrons: Double?
    private var channels: [ChannelInfo] = []
    private var pendingExcitation: (name: String?, nanometres: Double?)?
    private var pendingEmission: (name: String?, nanometres: Double?)?
    private var fieldOffsets: [Int: StagePosition] = [:]
    private var imageRow: Int?
    private var imageColumn: Int?
    private var imageIdentifier: (field: Int, z: Int, channel: Int, t: Int)?
    private var imageFocus: Double?
    private var expected = Set<ImageKey>()
    private var imageKeys: [String: ImageKey] = [:]
    private var stagePositions: [String: StagePosition] = [:]
    private var focusByPlane: [ImageKey: Double] = [:]
    private var times: [Double] = []

    init(planPath: String) {
        self.planPath = planPath
    }

    mutating func add(_ element: ClosedXMLElement) throws(LayoutError) {
        let inImage = element.ancestors.contains("Image") && element.ancestors.contains("Images")
        switch element.name {
        case "Plate" where format == nil:
            if let rows = try element.integerAttribute("rows", planPath: planPath),
               let columns = try element.integerAttribute("columns", planPath: planPath) {
                format = PlateFormat(rows: rows, columns: columns)
            }
        case "ObjectiveCalibration" where pixelSizeMicrons == nil:
            pixelSizeMicrons = try element.decimalAttribute("pixel_width", planPath: planPath)
        case "ExcitationFilter" where element.parent == "Wavelength":
            pendingExcitation = (element.attributes["name"], try element.decimalAttribute("wavelength", planPath: planPath))
        case "EmissionFilter" where element.parent == "Wavelength":
            pendingEmission = (element.attributes["name"], try element.decimalAttribute("wavelength", planPath: planPath))
        case "Wavelength" where element.attributes["fusion_wave"] != "true":
            addChannel()
        case "offset_point":
            let index = try element.integerAttribute("index", minimum: 0, planPath: planPath) ?? fieldOffsets.count
            if let x = try element.decimalAttribute("x", planPath: planPath),
               let y = try element.decimalAttribute("y", planPath: planPath) {
                fieldOffsets[index] = StagePosition(x: x, y: y)
            }
        case "Row" where inImage:
            imageRow = try element.requiredIntegerAttribute("number", planPath: planPath)
        case "Column" where inImage:
            imageColumn = try element.requiredIntegerAttribute("number", planPath: planPath)
        case "Identifier" where inImage:
            imageIdentifier = (try element.requiredIntegerAttribute("field_index", minimum: 0, planPath: planPath),
                               try element.requiredIntegerAttribute("z_index", minimum: 0, planPath: planPath),
                               try element.requiredIntegerAttribute("wave_index", minimum: 0, planPath: planPath),
                               try element.requiredIntegerAttribute("time_index", minimum: 0, planPath: planPath))
        case "FocusPosition" where inImage:
            imageFocus = try element.decimalAttribute("z", planPath: planPath)
        case "Image" where element.parent == "Images":
            try finishImage(element)
        default:
            break
        }
    }

    private mutating func addChannel() {
        let index = channels.count
        let names = [pendingEmission?.name, pendingExcitation?.name].compactMap { $0 }.filter { !$0.isEmpty }
        channels.append(ChannelInfo(index: index, name: names.first ?? "wv\(index + 1)",
                                    excitationNanometres: pendingExcitation?.nanometres,
                                    emissionNanometres: pendingEmission?.nanometres, isNamedByToken: names.isEmpty))
        (pendingExcitation, pendingEmission) = (nil, nil)
    }

    private mutating func finishImage(_ element: ClosedXMLElement) throws(LayoutError) {
        defer { (imageRow, imageColumn, imageIdentifier, imageFocus) = (nil, nil, nil, nil) }
        guard let file = element.attributes["filename"].map(PlanFile.relativeImagePath), !file.isEmpty else {
            throw .malformedPlan(path: planPath, expected: "a filename attribute on every <Image>",
                                 found: "none on the <Image> ending at line \(element.line)")
        }
        guard let row = imageRow, let column = imageColumn, let identifier = imageIdentifier else {
            throw .malformedPlan(path: planPath, expected: "<Row>, <Column> and <Identifier> in every <Image>",
                                 found: "an <Image> for \(file) without them ending at line \(element.line)")
        }
        let key = ImageKey(plate: "", well: WellPosition(row: row - 1, column: column - 1), field: identifier.field,
                           channel: identifier.channel, z: identifier.z, t: identifier.t)
        expected.insert(key)
        imageKeys[file] = key
        stagePositions[file] = fieldOffsets[identifier.field]
        if let focus = imageFocus { focusByPlane[key] = focus }
        if let time = try element.decimalAttribute("acquisition_time_ms", planPath: planPath) { times.append(time / 1000) }
    }

    /// The focus distance between planes 0 and 1 of the first stack that has both.
    private var zStepMicrons: Double? {
        let firsts = focusByPlane.keys.filter { $0.z == 0 }.sorted { ($0.well, $0.field, $0.channel, $0.t) < ($1.well, $1.field, $1.channel, $1.t) }
        for first in firsts {
            var second = first
            second.z = 1
            if let top = focusByPlane[first], let next = focusByPlane[second], next != top { return abs(next - top) }
        }
        return nil
    }

    func plan() throws(LayoutError) -> PlatePlan {
        let used = Set(expected.map(\.channel))
        return PlatePlan(source: planPath, scopeDirectory: PlanFile.directory(of: planPath), format: format,
                         channels: channels.filter { used.isEmpty || used.contains($0.index) },
                         pixelSizeMicrons: pixelSizeMicrons, zStepMicrons: zStepMicrons,
                         expected: expected.isEmpty ? nil : expected, imageKeys: imageKeys, stagePositions: stagePositions)
    }
}
