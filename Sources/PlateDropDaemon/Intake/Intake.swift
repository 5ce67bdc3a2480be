import Catalog
import Foundation
import Ingest
import Layouts
import Watch

/// Turns watcher events into catalogue rows: every file recorded with its fingerprint and what its layout
/// makes of it; images get their plate and well (created on first sight) and their header, read once.
/// A new or changed file for a written well puts that well back to `receiving`, so it is rewritten.
/// An image only a plan can place waits, in no plate, until a plan of its root arrives.
struct Intake {
    let roots: [String: DaemonConfiguration.Root]
    let endMarker: String?
    let plans: PlanCache

    /// What a batch changed, for the logs.
    struct Summary {
        var rejected = 0
    }

    func apply(_ events: [WatchEvent], to catalog: CatalogTransaction, now: Double) throws -> Summary {
        var summary = Summary()
        var rootsWithNewPlans: Set<String> = []
        for event in events {
            switch event {
            case let .stable(rootID, relativePath, fingerprint):
                guard let root = roots[rootID] else { continue }
                let sighting = FileSighting(root: rootID, relativePath: relativePath, fingerprint: fingerprint)
                if try catalog.isRecorded(sighting) { continue }
                let arrival = try record(sighting, root: root, catalog: catalog, now: now)
                if case .plan = arrival { rootsWithNewPlans.insert(rootID) }
                if case .rejected = arrival { summary.rejected += 1 }
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
        for rootID in rootsWithNewPlans.sorted() {
            guard let root = roots[rootID] else { continue }
            for waiting in try catalog.imagesAwaitingPlan(root: rootID) {
                try record(FileSighting(waiting), root: root, catalog: catalog, now: now)
            }
        }
        return summary
    }

    /// Records the file as its layout classifies it, and returns how it arrived.
    @discardableResult
    private func record(_ sighting: FileSighting, root: DaemonConfiguration.Root, catalog: CatalogTransaction,
                        now: Double) throws -> FileArrival {
        let relativePath = sighting.relativePath
        let arrival: FileArrival
        if let endMarker, fnmatch(endMarker, (relativePath as NSString).lastPathComponent, 0) == 0 {
            try catalog.recordEndMarker(root: root.settings.id, directory: (relativePath as NSString).deletingLastPathComponent)
            arrival = .ignored(reason: "end marker: plates in this folder are complete once their wells are written")
        } else {
            switch root.layout.classify(relativePath: relativePath) {
            case let .image(key):
                arrival = try receiveImage(sighting, root: root, catalog: catalog, now: now) { absolute in
                    root.layout.placedKey(key, absolutePath: absolute)
                }
            case let .wellIndexedImage(image):
                let plans = plans.plans(try catalog.planFiles(root: root.settings.id), root: root)
                if let key = PlatePlan.placing(image, absolutePath: sighting.absolutePath(under: root.settings.path),
                                               plans: plans) {
                    arrival = try receiveImage(sighting, root: root, catalog: catalog, now: now) { _ in key }
                } else {
                    arrival = .awaitingPlan(reason: "waiting for a plan: " + PlatePlan.unplacedReason(image))
                }
            case .plan:
                arrival = .plan
            case let .ignored(reason):
                arrival = .ignored(reason: reason)
            case let .unrecognized(reason):
                arrival = .rejected(role: .other, reason: reason)
            }
        }
        try catalog.recordArrival(sighting, as: arrival, now: now)
        return arrival
    }

    /// An image whose header is sound goes to the plate and well `place` gives it, both receiving from now
    /// on; a plate this reopens loses its done marker.
    private func receiveImage(_ sighting: FileSighting, root: DaemonConfiguration.Root, catalog: CatalogTransaction,
                              now: Double, place: (_ absolutePath: String) -> ImageKey) throws -> FileArrival {
        let absolute = sighting.absolutePath(under: root.settings.path)
        let header: ImageHeader
        do {
            header = try ImageHeader.verify(path: absolute)
        } catch {
            return .rejected(role: .image, reason: "unreadable TIFF: \(error)")
        }
        let key = place(absolute)
        let received = try catalog.receiveImage(plate: key.plate, root: root.settings.id, rootPath: root.settings.path,
                                                storePath: root.settings.output + "/" + key.plate + ".ome.zarr",
                                                path: sighting.relativePath, now: now)
        if received.reopened { DoneMarker.remove(of: received.plate) }
        let well = try catalog.receivingWell(plate: received.plate.id!, at: key.well, now: now)
        return .image(ImagePlacement(plate: received.plate.id!, well: well.id!, key: key, width: header.width,
                                     height: header.height, sampleType: header.sampleType.rawValue, pages: header.pages))
    }

    private func recordRootState(root: String, state: RootState, catalog: CatalogTransaction, now: Double) throws {
        let (recorded, reason): (RootWatchState, String?) = switch state {
        case .watching: (.watching, nil)
        case let .polling(reason): (.polling, reason)
        case let .missing(reason): (.missing, reason)
        case let .resyncing(reason): (.resyncing, reason)
        }
        try catalog.setRootState(root, to: recorded, reason: reason, path: roots[root]?.settings.path ?? root, now: now)
    }
}
