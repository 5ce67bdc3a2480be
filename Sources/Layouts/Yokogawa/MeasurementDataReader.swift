/// Reads a CellVoyager `MeasurementData.mlf`: one `<bts:MeasurementRecord>` per image (Type `IMG`) or
/// per failure (Type `ERR`), 1-based Row, Column, TimePoint, FieldIndex, ZIndex, TimelineIndex,
/// ActionIndex and Ch, the image path as text (docs/layouts.md §1.3).
enum MeasurementDataReader {
    /// One IMG record, 1-based as written.
    private struct ImageRecord {
        let well: WellPosition
        let timePoint, field, zIndex, timeline, action, ch: Int
        let path: String
        let time: Double?
        let zMicrons: Double?
        let stage: StagePosition?
        /// `ZImageProcessing`: the record is a projection of a stack the instrument did not keep.
        let projection: String?
    }

    /// The images the mlf lists as expected planes and image keys, its ERR records as expected-missing.
    ///
    /// Channels are identified by Ch (channel = Ch − 1, named "C01"…). When one Ch is taken by several
    /// actions within a timeline, each (ActionIndex, Ch) pair is a channel of its own, numbered in order
    /// and named "A01_C01" like the fractal "wavelength id", so no two planes share a key.
    static func plan(at path: String) throws(LayoutError) -> PlatePlan {
        var images: [ImageRecord] = []
        var errors: [ClosedXMLElement] = []
        let root = try XMLElementStream.read(path: path) { element throws(LayoutError) in
            switch (element.name, element.ancestors) {
            case ("MeasurementRecord", ["MeasurementData"]) where element.attributes["Type"] == "IMG":
                images.append(try imageRecord(element, planPath: path))
            case ("MeasurementRecord", ["MeasurementData"]) where element.attributes["Type"] == "ERR":
                errors.append(element)
            default:
                break
            }
        }
        guard root == "MeasurementData" else {
            throw .malformedPlan(path: path, expected: "a <bts:MeasurementData> document", found: "root element <\(root)>")
        }
        let channelOf = channelNumbering(images)
        var expected = Set<ImageKey>(minimumCapacity: images.count)
        var imageKeys: [String: ImageKey] = [:]
        var stagePositions: [String: StagePosition] = [:]
        for record in images {
            let key = ImageKey(plate: "", well: record.well, field: record.field - 1,
                               channel: channelOf.index(action: record.action, ch: record.ch), z: record.zIndex - 1,
                               t: record.timePoint - 1, acquisition: record.timeline - 1)
            expected.insert(key)
            imageKeys[record.path] = key
            stagePositions[record.path] = record.stage
        }
        return PlatePlan(
            source: path, scopeDirectory: PlanFile.directory(of: path), channels: projected(channelOf, images),
            zStepMicrons: zStep(images), expected: expected,
            expectedMissing: try errors.map { element throws(LayoutError) in
                try missingImage(element, channelOf, planPath: path)
            },
            acquisitions: acquisitions(images), imageKeys: imageKeys, stagePositions: stagePositions)
    }

    private static func imageRecord(_ element: ClosedXMLElement, planPath: String) throws(LayoutError) -> ImageRecord {
        func required(_ attribute: String) throws(LayoutError) -> Int {
            try element.requiredIntegerAttribute(attribute, planPath: planPath)
        }
        guard !element.text.isEmpty else {
            throw .malformedPlan(path: planPath, expected: "the image file name as the text of each IMG record",
                                 found: "an empty record at line \(element.line)")
        }
        return ImageRecord(
            well: WellPosition(row: try required("Row") - 1, column: try required("Column") - 1),
            timePoint: try required("TimePoint"), field: try required("FieldIndex"), zIndex: try required("ZIndex"),
            timeline: try element.integerAttribute("TimelineIndex", planPath: planPath) ?? 1,
            action: try element.integerAttribute("ActionIndex", planPath: planPath) ?? 1,
            ch: try required("Ch"), path: PlanFile.relativeImagePath(element.text),
            time: element.attributes["Time"].flatMap(PlanFile.unixSeconds(iso8601:)),
            zMicrons: try element.decimalAttribute("Z", planPath: planPath),
            stage: try stagePosition(element, planPath: planPath),
            projection: element.attributes["ZImageProcessing"].flatMap { $0.isEmpty ? nil : $0 })
    }

    /// The record's X and Y (µm), when it has both.
    private static func stagePosition(_ element: ClosedXMLElement, planPath: String) throws(LayoutError) -> StagePosition? {
        guard let x = try element.decimalAttribute("X", planPath: planPath),
              let y = try element.decimalAttribute("Y", planPath: planPath) else { return nil }
        return StagePosition(x: x, y: y)
    }

    /// Channel indices and descriptions for the (ActionIndex, Ch) pairs in use.
    private struct ChannelNumbering {
        let byPair: [Pair: Int]?
        let channels: [ChannelInfo]

        struct Pair: Hashable, Comparable {
            let action, ch: Int
            static func < (lhs: Pair, rhs: Pair) -> Bool { (lhs.action, lhs.ch) < (rhs.action, rhs.ch) }
        }

        /// The 0-based channel of a 1-based action and Ch.
        func index(action: Int, ch: Int) -> Int {
            byPair.map { $0[Pair(action: action, ch: ch)] ?? ch - 1 } ?? ch - 1
        }
    }

    private static func channelNumbering(_ images: [ImageRecord]) -> ChannelNumbering {
        var actionsByTimelineAndCh: [[Int]: Set<Int>] = [:]
        for record in images { actionsByTimelineAndCh[[record.timeline, record.ch], default: []].insert(record.action) }
        let pairs = Set(images.map { ChannelNumbering.Pair(action: $0.action, ch: $0.ch) }).sorted()
        guard actionsByTimelineAndCh.values.contains(where: { $0.count > 1 }) else {
            let chs = Set(pairs.map(\.ch)).sorted()
            return ChannelNumbering(byPair: nil, channels: chs.map { ChannelInfo(index: $0 - 1, name: channelName($0), isNamedByToken: true) })
        }
        let byPair = Dictionary(uniqueKeysWithValues: pairs.enumerated().map { ($0.element, $0.offset) })
        return ChannelNumbering(byPair: byPair, channels: pairs.enumerated().map { offset, pair in
            ChannelInfo(index: offset, name: "A\(twoDigits(pair.action))_\(channelName(pair.ch))")
        })
    }

    /// The channels, each marked with its projection method when every record of it is a projection
    /// made the same way (a CV7000 or CQ3000 run that kept only maximum projections).
    private static func projected(_ numbering: ChannelNumbering, _ images: [ImageRecord]) -> [ChannelInfo] {
        let methods = Dictionary(grouping: images) { numbering.index(action: $0.action, ch: $0.ch) }
            .mapValues { Set($0.map(\.projection)) }
        return numbering.channels.map { channel in
            var marked = channel
            if let only = methods[channel.index], only.count == 1, let method = only.first { marked.projectionMethod = method }
            return marked
        }
    }

    /// "C01" for Ch 1, as the file names write it.
    static func channelName(_ ch: Int) -> String { "C\(twoDigits(ch))" }

    private static func twoDigits(_ number: Int) -> String { number < 10 ? "0\(number)" : String(number) }

    /// Spacing of ZIndex 1 and 2 of the first stack that has both, from the records' Z (µm).
    private static func zStep(_ images: [ImageRecord]) -> Double? {
        var firstPlanes: [[Int]: [Int: Double]] = [:]
        for record in images where record.zIndex <= 2 {
            guard let z = record.zMicrons else { continue }
            let stack = [record.well.row, record.well.column, record.timePoint, record.field, record.timeline,
                         record.action, record.ch]
            firstPlanes[stack, default: [:]][record.zIndex] = z
            if let first = firstPlanes[stack]?[1], let second = firstPlanes[stack]?[2] { return abs(second - first) }
        }
        return nil
    }

    /// One acquisition per timeline, spanning its first to last image time.
    private static func acquisitions(_ images: [ImageRecord]) -> [AcquisitionInfo] {
        Dictionary(grouping: images, by: \.timeline).map { timeline, records in
            let times = records.compactMap(\.time)
            return AcquisitionInfo(id: timeline - 1, name: "Timeline \(timeline)", start: times.min(), end: times.max())
        }.sorted { $0.id < $1.id }
    }

    /// An ERR record as a missing image; parts the record leaves out (often FieldIndex) match any value.
    private static func missingImage(_ element: ClosedXMLElement, _ channelOf: ChannelNumbering,
                                     planPath: String) throws(LayoutError) -> MissingImage {
        func value(_ attribute: String) throws(LayoutError) -> Int? {
            try element.integerAttribute(attribute, planPath: planPath)
        }
        let row = try value("Row"), column = try value("Column")
        let well = row.flatMap { row in column.map { WellPosition(row: row - 1, column: $0 - 1) } }
        let action = try value("ActionIndex") ?? 1
        return MissingImage(
            well: well, field: try value("FieldIndex").map { $0 - 1 },
            channel: try value("Ch").map { channelOf.index(action: action, ch: $0) },
            z: try value("ZIndex").map { $0 - 1 }, t: try value("TimePoint").map { $0 - 1 },
            acquisition: try value("TimelineIndex").map { $0 - 1 },
            reason: element.text.isEmpty ? "ERR record without a message at line \(element.line)" : element.text)
    }
}
