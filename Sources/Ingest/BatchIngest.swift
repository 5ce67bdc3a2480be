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
            try prepare(plateRoot: plateRoot, overwrite: options.overwrite)
            let assembler = PlateAssembler(geometry: geometry, options: options, plateRoot: plateRoot, progress: progress)
            var (result, readRejections): (PlateResult, [FileIssue])
            do {
                (result, readRejections) = try assembler.run()
            } catch {
                throw .outputUnwritable(path: plateRoot, detail: "\(error)")
            }
            result.planGaps = sized.planGaps
            rejected += readRejections
            plates.append(result)
        }
        return IngestReport(plates: plates, ignored: ignored.sorted(), rejected: rejected.sorted(),
                            seconds: (ContinuousClock.now - started) / .seconds(1))
    }

    private static func createDirectory(_ path: String) throws(IngestError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw .outputUnwritable(path: path, detail: error.localizedDescription)
        }
    }

    private static func prepare(plateRoot: String, overwrite: Bool) throws(IngestError) {
        guard FileManager.default.fileExists(atPath: plateRoot) else { return }
        guard overwrite else { throw .outputExists(path: plateRoot) }
        do {
            try FileManager.default.removeItem(atPath: plateRoot)
        } catch {
            throw .outputUnwritable(path: plateRoot, detail: error.localizedDescription)
        }
    }
}
