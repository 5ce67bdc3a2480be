import Layouts
import TIFF

extension PlateGeometry {
    /// The outcome of sizing a plate: its geometry (nil when no file is usable) and the files left out.
    struct SurveyResult: Sendable {
        let geometry: PlateGeometry?
        let rejected: [FileIssue]
        /// Files left out with a reason that is no fault: copies of a plane another file holds.
        var ignored: [FileIssue] = []
        /// Planes the vendor plan lists that no usable file provides, and what the instrument said about them.
        var planGaps: [String] = []
    }

    private struct ProbedImage {
        let image: SourceImage
        let pageCount: Int
        let frame: Frame
    }

    private struct Frame: Hashable {
        let width: Int
        let height: Int
        let sampleType: TIFFSampleType

        var summary: String { "\(width)×\(height) \(sampleType.rawValue)" }
    }

    /// Reads every image's header, settles the plate-wide plane shape (the most common one), and
    /// rejects files that do not fit: unreadable, another shape or type, outside the plate, duplicates.
    /// `gapScope` limits the plan gaps reported to those wells and instrument timepoints (all when nil).
    static func survey(_ sources: PlateSources, gapScope: [WellPosition: Set<Int>]? = nil) -> SurveyResult {
        var rejected: [FileIssue] = []
        var probed: [ProbedImage] = []
        for image in sources.images {
            do {
                let header = try image.header ?? ImageHeader.read(path: image.absolutePath)
                let frame = Frame(width: header.width, height: header.height, sampleType: header.sampleType)
                probed.append(ProbedImage(image: image, pageCount: header.pages, frame: frame))
            } catch let error as ImageHeader.PageMismatch {
                rejected.append(FileIssue(path: image.relativePath, reason: error.description))
            } catch {
                rejected.append(FileIssue(path: image.relativePath, reason: "unreadable TIFF: \(error)"))
            }
        }

        let frameCounts = Dictionary(probed.map { ($0.frame, 1) }, uniquingKeysWith: +)
        // The most common frame; ties go to the smallest description so the choice never depends on hashing.
        guard let frame = frameCounts.min(by: { ($1.value, $0.key.summary) < ($0.value, $1.key.summary) })?.key else {
            return SurveyResult(geometry: nil, rejected: rejected)
        }
        let plan = sources.plan
        let wellsSeen = probed.map(\.image.key.well)
        let format = plan?.format ?? PlateFormat.smallestStandard(containing: wellsSeen)
            ?? PlateFormat(rows: (wellsSeen.map(\.row).max() ?? 0) + 1, columns: (wellsSeen.map(\.column).max() ?? 0) + 1)

        let copies = RepeatedPlanes.find(in: probed.filter { $0.frame == frame }.map(\.image), layout: sources.layout)
        var ignored: [FileIssue] = []
        var repeated = Set<PlaneKey>()
        var planes: [(PlaneKey, SourceImage, page: Int)] = []
        var claimed: [PlaneKey: String] = [:]
        for item in probed {
            let key = item.image.key
            let path = item.image.relativePath
            guard item.frame == frame else {
                rejected.append(FileIssue(path: path, reason: "plane is \(item.frame.summary), but the plate's planes are "
                                          + "\(frame.summary) (\(frameCounts[frame] ?? 0) files)"))
                continue
            }
            guard format.contains(key.well) else {
                rejected.append(FileIssue(path: path, reason: "well \(key.well.label) lies outside "
                                          + "the \(format.rows)×\(format.columns) plate format"))
                continue
            }
            if let original = copies[path] {
                // The plane the copy stands at is there (in the original), so the plan gets no gap for it.
                repeated.insert(key.plane(z: 0))
                ignored.append(FileIssue(path: path, reason: "the same plane as \(original) (identical instrument header): "
                                         + "MetaXpress repeats a channel that has a single plane in every ZStep folder"))
                continue
            }
            if let z = key.z, item.pageCount != 1 {
                rejected.append(FileIssue(path: path, reason: "file holds \(item.pageCount) pages but its name gives "
                                          + "a single z-plane (z \(z + 1))"))
                continue
            }
            let identities = key.planes(pageCount: item.pageCount).enumerated().map { page, plane in (plane, page) }
            if let first = identities.lazy.compactMap({ claimed[$0.0] }).first {
                rejected.append(FileIssue(path: path, reason: "duplicate: holds the same plane as \(first)"))
                continue
            }
            for (identity, page) in identities {
                claimed[identity] = path
                planes.append((identity, item.image, page))
            }
        }
        guard !planes.isEmpty else { return SurveyResult(geometry: nil, rejected: rejected) }

        let fields = Set(planes.map { FieldSlot(acquisition: $0.0.acquisition, field: $0.0.field) }).sorted()
        let channels = Set(planes.map(\.0.channel)).sorted()
        let zValues = Set(planes.map(\.0.z)).sorted()
        let time = PlateTimepoints(present: Set(planes.map(\.0.t)), plan: plan)
        let fieldPosition = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1, $0) })
        let channelPosition = Dictionary(uniqueKeysWithValues: channels.enumerated().map { ($1, $0) })
        let zPosition = Dictionary(uniqueKeysWithValues: zValues.enumerated().map { ($1, $0) })
        let timePosition = Dictionary(uniqueKeysWithValues: time.values.enumerated().map { ($1, $0) })

        var planesByWell: [WellPosition: [PlaneSource]] = [:]
        for (identity, image, page) in planes {
            planesByWell[identity.well, default: []].append(PlaneSource(
                relativePath: image.relativePath, absolutePath: image.absolutePath, page: page,
                field: fieldPosition[FieldSlot(acquisition: identity.acquisition, field: identity.field)]!,
                timepoint: timePosition[identity.t]!, channel: channelPosition[identity.channel]!, zPlane: zPosition[identity.z]!,
                fingerprint: image.fingerprint))
        }
        let planGaps = plan.map {
            PlanCoverage(plan: $0, plate: sources.name, presentChannels: Set(channels)).gaps(present: Set(claimed.keys).union(repeated), scope: gapScope)
        } ?? []
        let geometry = PlateGeometry(
            name: sources.name, format: format, height: frame.height, width: frame.width, sampleType: frame.sampleType,
            fields: fields, channels: channels, zPlanes: zValues, time: time,
            wells: planesByWell.keys.sorted(), planesByWell: planesByWell,
            plan: namingChannels(completedPlan(plan, plate: sources.name, planesByWell: planesByWell, fields: fields,
                                               channels: channels, layout: sources.layout),
                                 planesByWell: planesByWell, channels: channels, layout: sources.layout),
            layout: sources.layout)
        return SurveyResult(geometry: geometry, rejected: rejected, ignored: ignored, planGaps: planGaps)
    }
}
