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
        let sighting = FileSighting(root: root.settings.id, relativePath: relativePath, size: fingerprint.size,
                                    modifiedNanoseconds: fingerprint.modificationNanoseconds,
                                    changedNanoseconds: fingerprint.changeNanoseconds,
                                    inode: Int64(bitPattern: fingerprint.inode))
        if try catalog.isRecorded(sighting) { return }
        let arrival: FileArrival
        if let endMarker, fnmatch(endMarker, (relativePath as NSString).lastPathComponent, 0) == 0 {
            try catalog.recordEndMarker(root: root.settings.id, directory: (relativePath as NSString).deletingLastPathComponent)
            arrival = .ignored(reason: "end marker: plates in this folder are complete once their wells are written")
        } else {
            switch root.layout.classify(relativePath: relativePath) {
            case let .image(key):
                arrival = try receiveImage(sighting, key: key, root: root, catalog: catalog, now: now)
            case .plan:
                arrival = .plan
            case let .ignored(reason):
                arrival = .ignored(reason: reason)
            case let .unrecognized(reason):
                arrival = .rejected(role: .other, reason: reason)
            }
        }
        if case .rejected = arrival { summary.rejected += 1 }
        try catalog.recordArrival(sighting, as: arrival, now: now)
    }

    /// An image whose header is sound goes to its plate and well, both receiving from now on; a plate this
    /// reopens loses its done marker.
    private func receiveImage(_ sighting: FileSighting, key named: ImageKey, root: DaemonConfiguration.Root,
                              catalog: CatalogTransaction, now: Double) throws -> FileArrival {
        let absolute = sighting.absolutePath(under: root.settings.path)
        let header: ImageHeader
        do {
            header = try ImageHeader.verify(path: absolute)
        } catch {
            return .rejected(role: .image, reason: "unreadable TIFF: \(error)")
        }
        let key = root.layout.placedKey(named, absolutePath: absolute)
        let received = try catalog.receiveImage(plate: key.plate, root: root.settings.id, rootPath: root.settings.path,
                                                storePath: root.settings.output + "/" + key.plate + ".ome.zarr",
                                                path: sighting.relativePath, now: now)
        if received.reopened { DoneMarker.remove(of: received.plate) }
        let well = try catalog.receivingWell(plate: received.plate.id!, at: key.well, now: now)
        return .image(ImagePlacement(plate: received.plate.id!, well: well.id!, key: key, width: header.width,
                                     height: header.height, sampleType: header.sampleType.rawValue, pages: header.pages))
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
