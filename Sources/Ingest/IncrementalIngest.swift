import Foundation
import Layouts

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
    }

    /// Writes `wells` of the plate `sources` describes into `plateRoot`; `listed` wells are already on disk.
    /// When `shouldStop` turns true the run ends after the planes in hand; wells it did not finish are
    /// neither written nor failed in the result.
    public static func write(
        wells: [WellPosition], of sources: PlateSources, plateRoot: String, listed: [WellPosition],
        options: IngestOptions, progress: @escaping @Sendable (IngestProgress) -> Void = { _ in },
        shouldStop: @escaping @Sendable () -> Bool = { false }
    ) throws(IngestError) -> Outcome {
        let sized = PlateGeometry.survey(sources)
        guard let geometry = sized.geometry else {
            let result = PlateResult(name: sources.name, path: plateRoot, wellsWritten: [],
                                     wellsFailed: wells.map { WellFailure(well: $0, reason: "no usable image") },
                                     planesWritten: 0, missingPlanes: 0, bytesRead: 0)
            return Outcome(result: result, rejected: sized.rejected, ignored: sized.ignored, shapeSignature: nil,
                           format: nil)
        }
        let writable = wells.filter { geometry.planesByWell[$0] != nil }
        let assembler = PlateAssembler(geometry: geometry, options: options, plateRoot: plateRoot, wells: writable,
                                       listed: listed, progress: progress, shouldStop: shouldStop)
        do {
            var (result, rejected) = try assembler.run()
            result.planGaps = sized.planGaps
            let unusable = wells.filter { !writable.contains($0) }.map {
                WellFailure(well: $0, reason: "no usable image for this well")
            }
            result = result.adding(failures: unusable)
            return Outcome(result: result, rejected: sized.rejected + rejected, ignored: sized.ignored, shapeSignature: geometry.shapeSignature,
                           format: geometry.format)
        } catch {
            throw .outputUnwritable(path: plateRoot, detail: "\(error)")
        }
    }
}
