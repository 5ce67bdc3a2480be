import Foundation
import Layouts
import Zarr

/// The daemon's way into the writer: some wells of a plate written (or rewritten) into its store while the
/// wells already published stay listed.
public enum IncrementalIngest {
    /// What a write produced, plus the plate shape it used: when the shape changes (a new channel, field,
    /// plane or timepoint appears), wells written with the old shape must be rewritten (P9).
    public struct Outcome: Sendable {
        public let result: PlateResult
        /// Files that could not be used, with the reason.
        public let rejected: [FileIssue]
        /// Files left out for a reason that is no fault (copies of a plane another file holds).
        public let ignored: [FileIssue]
        /// A stable description of the plate-wide field shape and plate format.
        public let shapeSignature: String?
        /// The plate format the plate metadata declares.
        public let format: PlateFormat?
        /// What was written of each well in `result.wellsWritten`.
        public let timepoints: [WellPosition: WrittenTimepoints]
    }

    /// Writes the timepoints `wells` ask for, of the plate `sources` describes, into `plateRoot`; `listed`
    /// wells are already on disk. A time-lapse well gets its new timepoints appended in place: only their
    /// chunks or shards are written, then its arrays grow along t; every file of its other timepoints is
    /// left as it is. When `shouldStop` turns true the run ends after the planes in hand; wells it did not
    /// finish are neither written nor failed in the result.
    public static func write(
        wells requests: [WellRequest], of sources: PlateSources, plateRoot: String, listed: [WellPosition],
        options: IngestOptions, progress: @escaping @Sendable (IngestProgress) -> Void = { _ in },
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) throws(IngestError) -> Outcome {
        try PlateWriteLock.holding(plateRoot) { () throws(IngestError) in
            try writeHoldingLock(wells: requests, of: sources, plateRoot: plateRoot, listed: listed, options: options,
                                 progress: progress, shouldStop: shouldStop)
        }
    }

    private static func writeHoldingLock(
        wells requests: [WellRequest], of sources: PlateSources, plateRoot: String, listed: [WellPosition],
        options: IngestOptions, progress: @escaping @Sendable (IngestProgress) -> Void,
        shouldStop: @escaping @Sendable () -> Bool
    ) throws(IngestError) -> Outcome {
        // The plan gaps of the wells and timepoints written: those of timepoints still coming are no gaps yet.
        let sized = PlateGeometry.survey(sources, gapScope: Dictionary(requests.map { ($0.well, $0.timepoints) },
                                                                       uniquingKeysWith: { $0.union($1) }))
        guard let geometry = sized.geometry else {
            let result = PlateResult(name: sources.name, path: plateRoot, wellsWritten: [],
                                     wellsFailed: requests.map { WellFailure(well: $0.well, reason: "no usable image") },
                                     planesWritten: 0, missingPlanes: 0, bytesRead: 0)
            return Outcome(result: result, rejected: sized.rejected, ignored: sized.ignored, shapeSignature: nil,
                           format: nil, timepoints: [:])
        }
        let layout = FieldArrayLayout(geometry: geometry, options: options)
        let plateStore = FileStore(root: plateRoot)
        let plans = requests.filter { geometry.planesByWell[$0.well] != nil }.compactMap {
            WellWritePlan.plan(for: $0, geometry: geometry, layout: layout, listed: listed.contains($0.well), plate: plateStore)
        }
        let assembler = PlateAssembler(geometry: geometry, options: options, plateRoot: plateRoot, wells: plans,
                                       listed: listed, progress: progress, shouldStop: shouldStop)
        do {
            var (result, rejected) = try assembler.run()
            result.planGaps = sized.planGaps
            let planned = Set(plans.map(\.well))
            let unusable = requests.filter { !planned.contains($0.well) }.map {
                WellFailure(well: $0.well, reason: "no usable image for this well")
            }
            result = result.adding(failures: unusable)
            let written = Set(result.wellsWritten)
            let timepoints = Dictionary(uniqueKeysWithValues: plans.filter { written.contains($0.well) }.map { plan in
                (plan.well, WrittenTimepoints(timepoints: Set(plan.timepoints.map { geometry.timepoints[$0] }),
                                              wholeWell: !plan.inPlace))
            })
            return Outcome(result: result, rejected: sized.rejected + rejected, ignored: sized.ignored,
                           shapeSignature: geometry.shapeSignature, format: geometry.format, timepoints: timepoints)
        } catch {
            throw .outputUnwritable(path: plateRoot, detail: "\(error)")
        }
    }
}
