import Catalog
import Foundation
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

    func apply(_ events: [WatchEvent], to catalog: CatalogTransaction, now: Double) throws -> Summary {
        var summary = Summary()
        for event in events {
            switch event {
            case let .stable(rootID, relativePath, fingerprint):
                guard let root = roots[rootID] else { continue }
                try recordStable(root: root, relativePath: relativePath, fingerprint: fingerprint, catalog: catalog, now: now,
                                 summary: &summary)
            case let .vanished(rootID, relativePath):
                try catalog.recordVanished(root: rootID, relativePath: relativePath, now: now)
            case let .skipped(rootID, relativePath, reason):
                try catalog.recordSkipped(root: rootID, relativePath: relativePath, reason: reason, now: now)
            case let .rootState(rootID, state):
                try recordRootState(root: rootID, state: state, catalog: catalog, now: now)
            case .scanFinished:
                continue
            }
        }
        return summary
    }

    private func recordStable(root: DaemonConfiguration.Root, relativePath: String, fingerprint: FileFingerprint,
                              catalog: CatalogTransaction, now: Double, summary: inout Summary) throws {
        if try catalog.isRecorded(root: root.settings.id, relativePath: relativePath, size: fingerprint.size,
                             modifiedNanoseconds: fingerprint.modificationNanoseconds,
                             changedNanoseconds: fingerprint.changeNanoseconds, inode: Int64(bitPattern: fingerprint.inode)) {
            return
        }
        let existing = try catalog.file(root: root.settings.id, relativePath: relativePath)
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
            try catalog.recordEndMarker(root: root.settings.id, directory: (relativePath as NSString).deletingLastPathComponent)
        } else {
            switch root.layout.classify(relativePath: relativePath) {
            case let .image(key):
                file.role = .image
                try recordImage(&file, key: key, root: root, catalog: catalog, now: now, summary: &summary)
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
            }
        }
        try catalog.recordArrival(file, previousWell: previousWell, now: now)
    }

    private func recordImage(_ file: inout FileRecord, key named: ImageKey, root: DaemonConfiguration.Root, catalog: CatalogTransaction,
                             now: Double, summary: inout Summary) throws {
        let absolute = file.absolutePath(under: root.settings.path)
        let header: ImageHeader
        do {
            header = try ImageHeader.verify(path: absolute)
        } catch {
            file.state = .rejected
            file.reason = "unreadable TIFF: \(error)"
            summary.rejected += 1
            return
        }
        let key = root.layout.placedKey(named, absolutePath: absolute)
        let received = try catalog.receiveImage(plate: key.plate, root: root.settings.id, rootPath: root.settings.path,
                                           storePath: root.settings.output + "/" + key.plate + ".ome.zarr",
                                           path: file.relativePath, now: now)
        if received.reopened { DoneMarker.remove(of: received.plate) }
        let plate = received.plate
        let well = try catalog.receivingWell(plate: plate.id!, at: key.well, now: now)
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

    private func recordRootState(root: String, state: RootState, catalog: CatalogTransaction, now: Double) throws {
        let text: String
        let level: EventLevel
        switch state {
        case .watching: (text, level) = ("watching", .info)
        case let .polling(reason): (text, level) = ("polling: \(reason)", .warning)
        case let .missing(reason): (text, level) = ("missing: \(reason)", .error)
        case let .resyncing(reason): (text, level) = ("resyncing: \(reason)", .info)
        }
        try catalog.setRootState(root, to: text, level: level, path: roots[root]?.settings.path ?? root, now: now)
    }
}
