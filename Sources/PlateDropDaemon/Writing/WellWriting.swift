import Catalog
import Foundation
import GRDB
import Ingest
import Layouts
import Logging
import TIFF

/// Writes the ready wells of one plate: marks them `writing`, writes them through the Ingest module
/// (staged, then swapped into the plate), and records the outcome: wells `written` (a new generation)
/// or `failed` with the reason, files `ingested` or `rejected`.
struct WellWriting {
    let roots: [String: DaemonConfiguration.Root]
    let options: IngestOptions
    let plans: PlanCache
    let logger: Logger

    /// The plate with the oldest ready well, if any.
    func nextPlate(_ catalog: Catalog) throws -> PlateRecord? {
        try catalog.read { db in
            try PlateRecord.fetchOne(db, sql: """
                SELECT plate.* FROM plate JOIN well ON well.plate = plate.id
                WHERE well.state = 'ready' ORDER BY well.lastActivityAt LIMIT 1
                """)
        }
    }

    /// A one-line account of a write for the log, and whether any well failed.
    struct Report {
        let line: String
        let failed: Bool
    }

    /// Writes every ready well of `plate`.
    func write(_ plate: PlateRecord, catalog: Catalog, progress: @escaping @Sendable (IngestProgress) -> Void,
               shouldStop: @escaping @Sendable () -> Bool) throws -> Report {
        guard let root = roots[plate.root], let plateID = plate.id else {
            return Report(line: "plate \(plate.name): root not configured", failed: true)
        }
        let (wells, files, planFiles) = try catalog.write { db in
            let wells = try WellRecord.all(db, plate: plateID)
            for var well in wells where well.state == .ready {
                well.state = .writing
                try well.update(db)
            }
            return (wells, try FileRecord.usableImages(db, plate: plateID), try FileRecord.plans(db, root: plate.root))
        }
        let ready = wells.filter { $0.state == .ready }
        let listed = wells.filter { $0.writtenAt != nil }
        let positions = Dictionary(uniqueKeysWithValues: wells.map { ($0.id!, $0.position) })
        let named = files.compactMap { file in
            file.well.flatMap { positions[$0] }.flatMap { Self.sourceImage(file, plate: plate.name, well: $0, rootPath: root.settings.path) }
        }
        let plan = plans.plan(for: planFiles, root: root, plate: plate.name, imagePaths: named.map(\.absolutePath))
        let images = named.map { $0.placed(by: plan) }
        let started = Date()
        let outcome: IncrementalIngest.Outcome
        do {
            outcome = try IncrementalIngest.write(
                wells: ready.map(\.position), of: PlateSources(name: plate.name, images: images, plan: plan, layout: root.layout),
                plateRoot: plate.storePath, listed: listed.map(\.position),
                options: options, progress: progress, shouldStop: shouldStop)
        } catch {
            try record(failure: "\(error)", for: ready, plate: plate, catalog: catalog)
            return Report(line: "plate \(plate.name): writing failed: \(error)", failed: true)
        }
        try record(outcome, ready: ready, files: files, plate: plate, catalog: catalog)
        let seconds = Date().timeIntervalSince(started)
        let line = "plate \(plate.name): wrote \(outcome.result.wellsWritten.map(\.label).joined(separator: " ")) in "
            + String(format: "%.2f s", seconds)
            + (outcome.result.wellsFailed.isEmpty ? "" : "; failed \(outcome.result.wellsFailed.map(\.well.label))")
        return Report(line: line, failed: !outcome.result.wellsFailed.isEmpty)
    }

    private func record(_ outcome: IncrementalIngest.Outcome, ready: [WellRecord], files: [FileRecord],
                        plate: PlateRecord, catalog: Catalog) throws {
        let now = Date().timeIntervalSince1970
        let written = Set(outcome.result.wellsWritten)
        let failures = Dictionary(outcome.result.wellsFailed.map { ($0.well, $0.reason) }, uniquingKeysWith: { first, _ in first })
        let rejected = Dictionary(outcome.rejected.map { ($0.path, $0.reason) }, uniquingKeysWith: { first, _ in first })
        let ignored = Dictionary(outcome.ignored.map { ($0.path, $0.reason) }, uniquingKeysWith: { first, _ in first })
        try catalog.write { db in
            var plate = try PlateRecord.fetchOne(db, key: plate.id!) ?? plate
            let shapeChanged = plate.shapeSignature != nil && outcome.shapeSignature != nil
                && plate.shapeSignature != outcome.shapeSignature
            for var well in ready {
                let label = well.position.label
                if written.contains(well.position) {
                    well.state = .written
                    well.generation += 1
                    well.writtenAt = now
                    well.attempts = 0
                    well.reason = well.reason?.hasPrefix("written incomplete") == true ? well.reason : nil
                    try EventRecord.log(db, .info, .wellWritten, plate: plate.id, well: well.id,
                                        "well \(label) written (generation \(well.generation))")
                } else if let failure = failures[well.position] {
                    well.state = .failed
                    well.attempts += 1
                    well.reason = failure
                    try EventRecord.log(db, .error, .wellFailed, plate: plate.id, well: well.id, failure)
                } else {
                    // Stopped before its planes were all written: nothing was published, it is written next time.
                    well.state = .ready
                }
                well.lastActivityAt = now
                try well.update(db)
            }
            let writtenIDs = Set(ready.filter { written.contains($0.position) }.compactMap(\.id))
            for var file in files
            where file.well.map(writtenIDs.contains) ?? false || rejected[file.relativePath] != nil || ignored[file.relativePath] != nil {
                if let reason = ignored[file.relativePath] {
                    file.state = .ignored
                    file.reason = reason
                } else if let reason = rejected[file.relativePath] {
                    file.state = .rejected
                    file.reason = reason
                    try EventRecord.log(db, .warning, .fileRejected, plate: plate.id, well: file.well,
                                        path: file.relativePath, reason)
                } else {
                    file.state = .ingested
                }
                file.updatedAt = now
                try file.update(db)
            }
            if shapeChanged {
                // Every field of a plate must share one shape (P9): earlier wells are rewritten in the new one.
                for var earlier in try WellRecord.all(db, plate: plate.id!)
                where earlier.state == .written && !writtenIDs.contains(earlier.id!) {
                    earlier.state = .ready
                    try earlier.update(db)
                }
                try EventRecord.log(db, .info, .plateShapeChanged, plate: plate.id,
                                    "plate shape is now \(outcome.shapeSignature!); earlier wells are rewritten to match")
            }
            if !outcome.result.planGaps.isEmpty {
                // What the plan promised and the folder lacks, so a person can chase the instrument's log.
                try EventRecord.log(db, .warning, .planGap, plate: plate.id,
                                    outcome.result.planGaps.joined(separator: "; "))
            }
            if let signature = outcome.shapeSignature { plate.shapeSignature = signature }
            if let format = outcome.format {
                plate.formatRows = format.rows
                plate.formatColumns = format.columns
            }
            try plate.update(db)
        }
    }

    private func record(failure: String, for wells: [WellRecord], plate: PlateRecord, catalog: Catalog) throws {
        let now = Date().timeIntervalSince1970
        try catalog.write { db in
            for var well in wells {
                well.state = .failed
                well.attempts += 1
                well.reason = failure
                well.lastActivityAt = now
                try well.update(db)
                try EventRecord.log(db, .error, .wellFailed, plate: plate.id, well: well.id, failure)
            }
        }
    }

    /// The Ingest module's view of a catalogued image (header included, so it is not read again).
    static func sourceImage(_ file: FileRecord, plate: String, well: WellPosition, rootPath: String) -> SourceImage? {
        guard let sampleName = file.sampleType, let sampleType = TIFFSampleType(rawValue: sampleName),
              let width = file.width, let height = file.height, let pages = file.pages else { return nil }
        return SourceImage(relativePath: file.relativePath, absolutePath: file.absolutePath(under: rootPath),
                           key: file.imageKey(plate: plate, well: well),
                           header: ImageHeader(width: width, height: height, sampleType: sampleType, pages: pages),
                           fingerprint: file.sourceFingerprint)
    }
}

extension WellRecord {
    var position: WellPosition { WellPosition(row: row, column: column) }
}

