import Foundation
import Layouts

/// `platedrop ingest`: every plate of an export folder written as `<out>/<plate>.ome.zarr`.
public enum BatchIngest {
    /// Ingests `exportRoot` with `layout`; per-file problems land in the report, never abort the run.
    public static func run(
        exportRoot: String, outputRoot: String, layout: any InstrumentLayout, options: IngestOptions,
        progress: @escaping @Sendable (IngestProgress) -> Void = { _ in }
    ) throws(IngestError) -> IngestReport {
        let started = ContinuousClock.now
        let survey = try ExportSurvey.survey(exportRoot: exportRoot, layout: layout)
        var rejected = survey.rejected
        var ignored = survey.ignored
        var plates: [PlateResult] = []
        try createDirectory(outputRoot)
        for sources in survey.plates {
            let sized = PlateGeometry.survey(sources)
            rejected += sized.rejected
            ignored += sized.ignored
            guard let geometry = sized.geometry else { continue }
            let plateRoot = outputRoot + "/" + geometry.name + ".ome.zarr"
            var (result, readRejections) = try PlateWriteLock.holding(plateRoot) { () throws(IngestError) in
                try write(geometry, options: options, plateRoot: plateRoot, progress: progress)
            }
            result.planGaps = sized.planGaps
            rejected += readRejections
            plates.append(result)
        }
        return IngestReport(plates: plates, ignored: ignored.sorted(), rejected: rejected.sorted(),
                            seconds: (ContinuousClock.now - started) / .seconds(1))
    }

    /// Writes one plate's store, replacing an existing one when `options` allow.
    private static func write(_ geometry: PlateGeometry, options: IngestOptions, plateRoot: String,
                              progress: @escaping @Sendable (IngestProgress) -> Void) throws(IngestError)
        -> (PlateResult, [FileIssue]) {
        let replaced = try prepare(plateRoot: plateRoot, overwrite: options.overwrite)
        let assembler = PlateAssembler(geometry: geometry, options: options, plateRoot: plateRoot, progress: progress)
        let written: (PlateResult, [FileIssue])
        do {
            written = try assembler.run()
        } catch {
            // The failed write is the error to report; the replaced store only has to be gone before exit.
            try? replaced.waitUntilRemoved()
            throw .outputUnwritable(path: plateRoot, detail: "\(error)")
        }
        try replaced.waitUntilRemoved()
        return written
    }

    private static func createDirectory(_ path: String) throws(IngestError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .outputUnwritable(path: path, detail: error.localizedDescription)
        }
    }

    /// Refuses an existing store without `overwrite`; otherwise starts removing what the new store replaces.
    private static func prepare(plateRoot: String, overwrite: Bool) throws(IngestError) -> ReplacedPlateStore {
        if !overwrite && FileManager.default.fileExists(atPath: plateRoot) { throw .outputExists(path: plateRoot) }
        return try ReplacedPlateStore(plateRoot: plateRoot)
    }
}
