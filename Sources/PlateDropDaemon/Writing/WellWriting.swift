import Catalog
import Foundation
import Ingest
import Layouts
import Logging
import TIFF

/// Writes the ready wells of one plate: marks them `writing`, writes them through the Ingest module
/// (staged, then swapped into the plate), and records the outcome: wells `written` (a new generation)
/// or `failed` with the reason, files `ingested` or `rejected`.
struct WellWriting {
    let roots: [String: DaemonConfiguration.Root]
    let plans: PlanCache
    let logger: Logger
    let metrics = WriteMetrics()

    /// The plate with the oldest ready well, if any, of the roots not in `paused` (the disk guard's).
    func nextPlate(_ catalog: Catalog, skipping paused: Set<String>) throws -> PlateRecord? {
        try catalog.read { transaction in try transaction.nextPlateToWrite(skipping: paused) }
    }

    /// A one-line account of a write for the log, and the wells that failed, as the catalogue now stores them.
    struct Report {
        let line: String
        var failures: [WellRecord] = []
        var failed: Bool { !failures.isEmpty }
    }

    /// Writes every ready well of `plate`.
    func write(_ plate: PlateRecord, catalog: Catalog, progress: @escaping @Sendable (IngestProgress) -> Void,
               shouldStop: @escaping @Sendable () -> Bool) throws -> Report {
        guard let root = roots[plate.root], let plateID = plate.id else {
            return Report(line: "plate \(plate.name): root not configured")
        }
        let (ready, wells, files, planFiles, timepoints) = try catalog.write { transaction in
            (try transaction.startWriting(plate: plateID), try transaction.wells(plate: plateID),
             try transaction.usableImages(plate: plateID), try transaction.planFiles(root: plate.root),
             try transaction.timepoints(plate: plateID))
        }
        let listed = wells.filter { $0.writtenAt != nil }
        let positions = Dictionary(uniqueKeysWithValues: wells.map { ($0.id!, $0.position) })
        let named = files.compactMap { file in
            file.well.flatMap { positions[$0] }.flatMap { Self.sourceImage(file, plate: plate.name, well: $0, rootPath: root.settings.path) }
        }
        let plan = plans.plan(for: planFiles, root: root, plate: plate.name, imagePaths: named.map(\.absolutePath))
        let images = named.map { $0.placed(by: plan) }
        let requests = ready.map { well in
            let records = timepoints[well.id!] ?? []
            let asked = Set(records.filter { $0.state == .ready }.map(\.t))
            // A well retried or rewritten for a new plate shape before any timepoint was recorded: all of it.
            let present = Set(images.filter { $0.key.well == well.position }.map(\.key.t))
            // On disk: every timepoint written before, a retaken one included (whether the well can grow in
            // place or must be written whole is the writer's call, from what is on disk).
            return WellRequest(well: well.position, timepoints: asked.isEmpty ? present : asked,
                               onDisk: Set(records.filter { $0.writtenAt != nil }.map(\.t)))
        }
        let started = Date()
        let outcome: IncrementalIngest.Outcome
        do {
            outcome = try IncrementalIngest.write(
                wells: requests, of: PlateSources(name: plate.name, images: images, plan: plan, layout: root.layout),
                plateRoot: plate.storePath, listed: listed.map(\.position),
                options: root.output, progress: progress, shouldStop: shouldStop)
        } catch {
            let failures = try record(failure: "\(error)", for: ready, catalog: catalog)
            return Report(line: "plate \(plate.name): writing failed: \(error)", failures: failures)
        }
        let placedTimepoints = Dictionary(images.map { ($0.relativePath, $0.key.t) }, uniquingKeysWith: { first, _ in first })
        let (failures, listedAt) = try record(outcome, ready: ready, files: files, timepoints: placedTimepoints, plate: plate,
                                              catalog: catalog)
        metrics.record(written: ready.filter { outcome.result.wellsWritten.contains($0.position) }, listedAt: listedAt,
                       started: started, sourceBytes: outcome.result.bytesRead, writtenBytes: outcome.result.bytesWritten)
        let seconds = Date().timeIntervalSince(started)
        let line = "plate \(plate.name): wrote \(outcome.result.wellsWritten.map(\.label).joined(separator: " ")) in "
            + String(format: "%.2f s", seconds)
            + (outcome.result.wellsFailed.isEmpty ? "" : "; failed \(outcome.result.wellsFailed.map(\.well.label))")
        return Report(line: line, failures: failures)
    }

    /// Records the outcome of a write, `timepoints` being the files' timepoints as placed (by relative path);
    /// returns the wells that failed and when the written ones were marked written.
    private func record(_ outcome: IncrementalIngest.Outcome, ready: [WellRecord], files: [FileRecord],
                        timepoints: [String: Int], plate: PlateRecord, catalog: Catalog)
        throws -> (failures: [WellRecord], listedAt: Double) {
        let now = Date().timeIntervalSince1970
        let written = Set(outcome.result.wellsWritten)
        let failures = Dictionary(outcome.result.wellsFailed.map { ($0.well, $0.reason) }, uniquingKeysWith: { first, _ in first })
        let rejected = Dictionary(outcome.rejected.map { ($0.path, $0.reason) }, uniquingKeysWith: { first, _ in first })
        let ignored = Dictionary(outcome.ignored.map { ($0.path, $0.reason) }, uniquingKeysWith: { first, _ in first })
        let failed = try catalog.write { transaction in
            var failed: [WellRecord] = []
            for well in ready {
                if let timepoints = outcome.timepoints[well.position] {
                    try transaction.markWritten(well, timepoints: timepoints.timepoints, wholeWell: timepoints.wholeWell, now: now)
                } else if let failure = failures[well.position] {
                    failed.append(try transaction.markFailed(well, reason: failure, now: now))
                } else {
                    // Stopped before its planes were all written: nothing was published, it is written next time.
                    try transaction.stopWriting(well, now: now)
                }
            }
            let writtenIDs = Set(ready.filter { written.contains($0.position) }.compactMap(\.id))
            let writtenTimepoints = Dictionary(uniqueKeysWithValues: ready.compactMap { well in
                outcome.timepoints[well.position].map { (well.id!, $0.timepoints) }
            })
            for file in files {
                if let reason = ignored[file.relativePath] {
                    try transaction.markCopy(file, reason: reason, now: now)
                } else if let reason = rejected[file.relativePath] {
                    try transaction.reject(file, reason: reason, plate: plate.id, now: now)
                } else if let well = file.well, let t = timepoints[file.relativePath],
                          writtenTimepoints[well]?.contains(t) == true {
                    // Only the timepoints written: the files of a timepoint still coming wait for their write.
                    try transaction.markIngested(file, now: now)
                }
            }
            if !outcome.result.planGaps.isEmpty {
                // What the plan promised and the folder lacks, so a person can chase the instrument's log.
                try transaction.log(.warning, .planGap, plate: plate.id, outcome.result.planGaps.joined(separator: "; "))
            }
            try transaction.recordWrite(of: plate, shapeSignature: outcome.shapeSignature,
                                        format: outcome.format, justWritten: writtenIDs)
            return failed
        }
        return (failed, now)
    }

    private func record(failure: String, for wells: [WellRecord], catalog: Catalog) throws -> [WellRecord] {
        let now = Date().timeIntervalSince1970
        return try catalog.write { transaction in
            try wells.map { well in try transaction.markFailed(well, reason: failure, now: now) }
        }
    }

    /// The Ingest module's view of a catalogued image (header included, so it is not read again).
    static func sourceImage(_ file: FileRecord, plate: String, well: WellPosition, rootPath: String) -> SourceImage? {
        guard let sampleName = file.sampleType, let sampleType = TIFFSampleType(rawValue: sampleName),
              let width = file.width, let height = file.height, let pages = file.pages else { return nil }
        return SourceImage(relativePath: file.relativePath, absolutePath: file.absolutePath(under: rootPath),
                           key: file.imageKey(plate: plate, well: well),
                           header: ImageHeader(width: width, height: height, sampleType: sampleType, pages: pages),
                           fingerprint: file.fingerprint)
    }
}

