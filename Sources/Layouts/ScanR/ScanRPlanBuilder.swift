import Foundation

/// Collects what a scanR `metadata.ome.xml` says, element by element, into a `PlatePlan`.
struct ScanRPlanBuilder {
    /// One OME Image: a well position and the files of its planes.
    private struct PositionImage {
        let wellIndex: Int
        let position: Int
        let label: String
        let files: [(name: String, channel: Int, z: Int, t: Int)]
        let stagePositions: [[Int]: StagePosition]
        let line: Int
    }

    let planPath: String
    /// The file name of the `<UUID>` inside the `<TiffData>` being read.
    var pendingFileName: String?
    private var files: [(name: String, channel: Int, z: Int, t: Int)] = []
    private var stagePositions: [[Int]: StagePosition] = [:]
    private var channelNames: [String] = []
    private var channels: [Int: ChannelInfo] = [:]
    private var pixelSizeMicrons: Double?
    private var zStepMicrons: Double?
    private var format: PlateFormat?
    private var images: [PositionImage] = []

    init(planPath: String) {
        self.planPath = planPath
    }

    private static let imageID = try! NSRegularExpression(wholeMatching: #"Image:W(?<well>\d+)P(?<position>\d+)"#)
    private static let wellLabel = try! NSRegularExpression(wholeMatching: #".*\((?<label>[A-Za-z]{1,2}\d{1,2})\)\s*"#)

    mutating func addTiffData(_ element: ClosedXMLElement) throws(LayoutError) {
        guard let name = pendingFileName, !name.isEmpty else {
            throw .malformedPlan(path: planPath, expected: "a <UUID FileName=\"…\"> in every <TiffData>",
                                 found: "none in the <TiffData> ending at line \(element.line)")
        }
        pendingFileName = nil
        files.append((PlanFile.relativeImagePath(name), try element.integerAttribute("FirstC", minimum: 0, planPath: planPath) ?? 0,
                      try element.integerAttribute("FirstZ", minimum: 0, planPath: planPath) ?? 0,
                      try element.integerAttribute("FirstT", minimum: 0, planPath: planPath) ?? 0))
    }

    mutating func addPlane(_ element: ClosedXMLElement) throws(LayoutError) {
        guard let x = try element.decimalAttribute("PositionX", planPath: planPath),
              let y = try element.decimalAttribute("PositionY", planPath: planPath) else { return }
        let plane = [try element.integerAttribute("TheC", minimum: 0, planPath: planPath) ?? 0,
                     try element.integerAttribute("TheZ", minimum: 0, planPath: planPath) ?? 0,
                     try element.integerAttribute("TheT", minimum: 0, planPath: planPath) ?? 0]
        stagePositions[plane] = StagePosition(x: try micrometres(x, unit: element.attributes["PositionXUnit"], element),
                                              y: try micrometres(y, unit: element.attributes["PositionYUnit"], element))
    }

    mutating func addChannel(_ element: ClosedXMLElement) {
        channelNames.append(element.attributes["Name"] ?? "")
    }

    mutating func setPixels(_ element: ClosedXMLElement) throws(LayoutError) {
        if pixelSizeMicrons == nil, let size = try element.decimalAttribute("PhysicalSizeX", planPath: planPath) {
            pixelSizeMicrons = try micrometres(size, unit: element.attributes["PhysicalSizeXUnit"], element)
        }
        if zStepMicrons == nil, let step = try element.decimalAttribute("PhysicalSizeZ", planPath: planPath), step > 0 {
            zStepMicrons = try micrometres(step, unit: element.attributes["PhysicalSizeZUnit"], element)
        }
    }

    mutating func setPlate(_ element: ClosedXMLElement) throws(LayoutError) {
        if let rows = try element.integerAttribute("Rows", planPath: planPath),
           let columns = try element.integerAttribute("Columns", planPath: planPath) {
            format = PlateFormat(rows: rows, columns: columns)
        }
    }

    /// Ends one `<Image>`: its well index and position from the ID, its well label from the name.
    mutating func finishImage(_ element: ClosedXMLElement) throws(LayoutError) {
        defer {
            (files, stagePositions, channelNames) = ([], [:], [])
        }
        let id = element.attributes["ID"] ?? ""
        guard let match = Self.imageID.wholeMatch(id), let well = match["well"].flatMap({ Int($0) }),
              let position = match["position"].flatMap({ Int($0) }), well >= 1, position >= 1 else {
            throw .malformedPlan(path: planPath, expected: "Image IDs such as \"Image:W14P1\" (well 14, position 1)",
                                 found: "\"\(id)\" at line \(element.line)")
        }
        let label = Self.wellLabel.wholeMatch(element.attributes["Name"] ?? "")?["label"] ?? ""
        images.append(PositionImage(wellIndex: well, position: position, label: label, files: files,
                                    stagePositions: stagePositions, line: element.line))
        for (index, name) in channelNames.enumerated() where channels[index] == nil && !name.isEmpty {
            channels[index] = ChannelInfo(index: index, name: name)
        }
    }

    /// The plate width the labelled images imply: a label's row and column against its well index.
    private func impliedFormat() -> PlateFormat? {
        for image in images {
            guard let well = WellPosition(parsing: image.label), well.row > 0 else { continue }
            let before = image.wellIndex - 1 - well.column
            guard before > 0, before % well.row == 0 else { continue }
            return PlateFormat.standard.first { $0.columns == before / well.row }
        }
        return nil
    }

    func plan() throws(LayoutError) -> PlatePlan {
        let plateFormat = format ?? impliedFormat()
        var expected = Set<ImageKey>()
        var imageKeys: [String: ImageKey] = [:]
        var positions: [String: StagePosition] = [:]
        for image in images {
            guard let well = ScanRLayout.well(label: image.label, index: image.wellIndex,
                                              format: plateFormat ?? ScanRLayout.assumedFormat) else {
                throw .malformedPlan(path: planPath, expected: "a well label such as (B2), or a well index on the plate",
                                     found: "label \"\(image.label)\", well \(image.wellIndex) in the <Image> ending at line \(image.line)")
            }
            for file in image.files {
                let key = ImageKey(plate: "", well: well, field: image.position - 1, channel: file.channel, z: file.z, t: file.t)
                expected.insert(key)
                imageKeys[file.name] = key
                positions[file.name] = image.stagePositions[[file.channel, file.z, file.t]]
            }
        }
        let used = Set(expected.map(\.channel))
        return PlatePlan(source: planPath, scopeDirectory: PlanFile.directory(of: planPath), format: plateFormat,
                         channels: used.sorted().map { channels[$0] ?? ChannelInfo(index: $0, name: "C\($0)", isNamedByToken: true) },
                         pixelSizeMicrons: pixelSizeMicrons, zStepMicrons: zStepMicrons,
                         expected: expected.isEmpty ? nil : expected, imageKeys: imageKeys, stagePositions: positions)
    }

    /// A length in µm from an OME unit symbol; µm when the attribute is absent (OME 2013-06 has none).
    private func micrometres(_ value: Double, unit: String?, _ element: ClosedXMLElement) throws(LayoutError) -> Double {
        switch unit ?? "µm" {
        case "µm", "um", "reference frame": return value
        case "nm": return value / 1_000
        case "mm": return value * 1_000
        case "m": return value * 1_000_000
        case let other:
            throw .malformedPlan(path: planPath, expected: "a length unit (µm, nm, mm, m) on <\(element.name)>",
                                 found: "\"\(other)\" at line \(element.line)")
        }
    }
}
