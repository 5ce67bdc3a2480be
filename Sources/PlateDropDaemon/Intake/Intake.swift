import Catalog
import Foundation
import GRDB
import Ingest
import Layouts
import Watch

/// Turns watcher events into catalogue rows: every file recorded with its fingerprint and what its layout
/// makes of it; images get their plate and well (created on first sight) and their header, read once.
/// A new or changed file for a written well puts that well back to `receiving`, so it is rewritten.
struct Intake {
    let roots: [String: DaemonConfiguration.Root]
    let endMarker: String?

    /// What a batch changed, for the logs.
    struct Summary {
        var rejected = 0
    }

    func apply(_ events: [WatchEvent], to db: Database, now: Double) throws -> Summary {
        var summary = Summary()
        for event in events {
            switch event {
            case let .stable(rootID, relativePath, fingerprint):
                guard let root = roots[rootID] else { continue }
                try recordStable(root: root, relativePath: relativePath, fingerprint: fingerprint, db: db, now: now,
                                 summary: &summary)
            case let .vanished(rootID, relativePath):
                try recordVanished(root: rootID, relativePath: relativePath, db: db, now: now)
            case let .skipped(rootID, relativePath, reason):
                try recordSkipped(root: rootID, relativePath: relativePath, reason: reason, db: db, now: now)
            case let .rootState(rootID, state):
                try recordRootState(root: rootID, state: state, db: db, now: now)
            case .scanFinished:
                continue
            }
        }
        return summary
    }

    private func recordStable(root: DaemonConfiguration.Root, relativePath: String, fingerprint: FileFingerprint,
                              db: Database, now: Double, summary: inout Summary) throws {
        if try FileRecord.isRecorded(db, root: root.settings.id, relativePath: relativePath, size: fingerprint.size,
                                     modifiedNanoseconds: fingerprint.modificationNanoseconds,
                                     changedNanoseconds: fingerprint.changeNanoseconds,
                                     inode: Int64(bitPattern: fingerprint.inode)) {
            return
        }
        let existing = try FileRecord.find(db, root: root.settings.id, relativePath: relativePath)
        var file = existing ?? FileRecord(
            root: root.settings.id, relativePath: relativePath, size: 0, modifiedNanoseconds: 0, changedNanoseconds: 0,
            inode: 0, state: .stable, role: .other, updatedAt: now)
        let previousWell = file.well
        file.size = fingerprint.size
        file.modifiedNanoseconds = fingerprint.modificationNanoseconds
        file.changedNanoseconds = fingerprint.changeNanoseconds
        file.inode = Int64(bitPattern: fingerprint.inode)
        file.updatedAt = now
        file.reason = nil
        file.plate = nil
        file.well = nil
        file.state = .stable
        let name = (relativePath as NSString).lastPathComponent

        if let endMarker, fnmatch(endMarker, name, 0) == 0 {
            file.role = .other
            file.state = .ignored
            file.reason = "end marker: plates in this folder are complete once their wells are written"
            try markPlatesEnded(root: root.settings.id, directory: (relativePath as NSString).deletingLastPathComponent,
                                db: db)
        } else {
            switch root.layout.classify(relativePath: relativePath) {
            case let .image(key):
                file.role = .image
                try recordImage(&file, key: key, root: root, db: db, now: now, summary: &summary)
            case .plan:
                file.role = .plan
            case let .ignored(reason):
                file.role = .other
                file.state = .ignored
                file.reason = reason
            case let .unrecognized(reason):
                file.role = .other
                file.state = .rejected
                file.reason = reason
                summary.rejected += 1
                try EventRecord.log(db, .warning, .fileRejected, path: relativePath, reason)
            }
        }
        try file.save(db)
        if let previousWell, previousWell != file.well, var old = try WellRecord.fetchOne(db, key: previousWell) {
            try reopen(&old, db: db, now: now)
        }
    }

    private func recordImage(_ file: inout FileRecord, key named: ImageKey, root: DaemonConfiguration.Root, db: Database,
                             now: Double, summary: inout Summary) throws {
        let absolute = file.absolutePath(under: root.settings.path)
        let header: ImageHeader
        do {
            header = try ImageHeader.verify(path: absolute)
        } catch {
            file.state = .rejected
            file.reason = "unreadable TIFF: \(error)"
            summary.rejected += 1
            try EventRecord.log(db, .warning, .fileRejected, path: file.relativePath, file.reason!)
            return
        }
        let key = root.layout.placedKey(named, absolutePath: absolute)
        let storePath = root.settings.output + "/" + key.plate + ".ome.zarr"
        var (plate, created) = try PlateRecord.findOrCreate(db, root: root.settings.id, name: key.plate,
                                                             storePath: storePath, now: now)
        if created {
            try EventRecord.log(db, .info, .plateNew, plate: plate.id, "new plate \(key.plate) in \(root.settings.path)")
        }
        if plate.state != .receiving {
            try EventRecord.log(db, .info, .plateReopened, plate: plate.id, path: file.relativePath,
                                "a new or changed file arrived after the plate was \(plate.state.rawValue)")
            plate.state = .receiving
            plate.completedAt = nil
            plate.finalizedAt = nil
            PlateFinalizer.removeDoneMarker(of: plate)
        }
        plate.lastActivityAt = now
        try plate.update(db)
        var well = try WellRecord.findOrCreate(db, plate: plate.id!, row: key.well.row, column: key.well.column, now: now)
        try reopen(&well, db: db, now: now)
        file.plate = plate.id
        file.well = well.id
        file.field = key.field
        file.channel = key.channel
        file.z = key.z
        file.t = key.t
        file.acquisition = key.acquisition
        file.width = header.width
        file.height = header.height
        file.sampleType = header.sampleType.rawValue
        file.pages = header.pages
    }

    /// A well that gains or loses a file starts receiving again; once complete it is (re)written.
    private func reopen(_ well: inout WellRecord, db: Database, now: Double) throws {
        if well.state == .written || well.state == .failed || well.state == .ready {
            well.state = .receiving
        }
        well.lastActivityAt = now
        try well.update(db)
    }

    private func markPlatesEnded(root: String, directory: String, db: Database) throws {
        let prefix = directory.isEmpty ? "" : directory + "/"
        let plateIDs = try Int64.fetchAll(db, sql: """
            SELECT DISTINCT plate FROM file WHERE root = ? AND plate IS NOT NULL AND substr(relativePath, 1, ?) = ?
            """, arguments: [root, prefix.count, prefix])
        for id in plateIDs {
            guard var plate = try PlateRecord.fetchOne(db, key: id), !plate.endMarkerSeen else { continue }
            plate.endMarkerSeen = true
            try plate.update(db)
            try EventRecord.log(db, .info, .plateEndMarker, plate: id, "end marker seen in \(directory.isEmpty ? "/" : directory)")
        }
    }

    private func recordVanished(root: String, relativePath: String, db: Database, now: Double) throws {
        guard var file = try FileRecord.find(db, root: root, relativePath: relativePath), file.state != .vanished else { return }
        file.state = .vanished
        file.updatedAt = now
        try file.update(db)
        if file.role != .other {
            try EventRecord.log(db, .info, .fileVanished, plate: file.plate, well: file.well, path: relativePath,
                                "file left the watched folder; pixels already written are kept")
        }
        // A well that has not been written yet waits for the plane again instead of being written without it.
        if let wellID = file.well, var well = try WellRecord.fetchOne(db, key: wellID),
           [.receiving, .ready, .failed].contains(well.state) {
            well.state = .receiving
            well.lastActivityAt = now
            try well.update(db)
        }
    }

    private func recordSkipped(root: String, relativePath: String, reason: String, db: Database, now: Double) throws {
        var file = try FileRecord.find(db, root: root, relativePath: relativePath) ?? FileRecord(
            root: root, relativePath: relativePath, size: 0, modifiedNanoseconds: 0, changedNanoseconds: 0, inode: 0,
            state: .ignored, role: .other, updatedAt: now)
        file.state = .ignored
        // No longer an image of its plate: only copies of a plane are ignored images (see usableImages).
        file.role = .other
        file.reason = reason
        file.updatedAt = now
        try file.save(db)
    }

    private func recordRootState(root: String, state: RootState, db: Database, now: Double) throws {
        let text: String
        let level: EventLevel
        switch state {
        case .watching: (text, level) = ("watching", .info)
        case let .polling(reason): (text, level) = ("polling: \(reason)", .warning)
        case let .missing(reason): (text, level) = ("missing: \(reason)", .error)
        case let .resyncing(reason): (text, level) = ("resyncing: \(reason)", .info)
        }
        try db.execute(sql: "UPDATE root SET state = ?, updatedAt = ? WHERE id = ?", arguments: [text, now, root])
        try EventRecord.log(db, level, .rootState, path: roots[root]?.settings.path ?? root, text)
    }
}
