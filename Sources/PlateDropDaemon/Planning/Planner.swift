import Catalog
import Config
import Foundation
import Ingest
import Layouts

/// Decides which wells are ready to write and which plates are complete (docs/operations.md §2), in order of
/// trust: the vendor plan when there is one, else configured expectations, else the plate's own shape so far
/// plus the quiet period. An end marker, the instrument's "acquisition complete" or the plate timeout writes
/// what is there.
struct Planner {
    let roots: [String: DaemonConfiguration.Root]
    let settings: DaemonSettings
    let plans: PlanCache

    func plan(_ catalog: CatalogTransaction, now: Double) throws {
        for plate in try catalog.plates(in: .receiving) {
            guard let root = roots[plate.root] else { continue }
            try plan(plate, root: root, catalog: catalog, now: now)
        }
    }

    private func plan(_ plate: PlateRecord, root: DaemonConfiguration.Root, catalog: CatalogTransaction, now: Double) throws {
        let wells = try catalog.wells(plate: plate.id!)
        let files = try catalog.usableImages(plate: plate.id!)
        let planFiles = try catalog.planFiles(root: root.settings.id)
        let imagePaths = files.map { $0.absolutePath(under: root.settings.path) }
        let plan = plans.plan(for: planFiles, root: root, plate: plate.name, imagePaths: imagePaths)
        if let conflict = plans.newConflict(for: planFiles, root: root, imagePaths: imagePaths) {
            try catalog.log(.warning, .planConflict, plate: plate.id, conflict)
        }
        for planFile in planFiles {
            guard let reason = plans.failures[planFile.relativePath], planFile.state != .rejected else { continue }
            // A broken plan is reported, and completeness falls back to the plate's own shape.
            try catalog.reject(planFile, reason: reason, plate: plate.id, now: now)
        }
        let positions = Dictionary(uniqueKeysWithValues: wells.map { ($0.id!, $0.position) })
        let slotsByWell = Dictionary(grouping: files, by: { $0.well ?? -1 }).mapValues { wellFiles in
            Set(wellFiles.flatMap { file in
                Self.slots(file, plate: plate.name, well: file.well.flatMap { positions[$0] }, plan: plan,
                           rootPath: root.settings.path)
            })
        }
        // Every plane some well has, as if in one well: the shape a well without a plan is complete in.
        let origin = WellPosition(row: 0, column: 0)
        let plateShape = slotsByWell.values.reduce(into: Set<PlaneKey>()) { $0.formUnion($1.map { $0.moved(to: origin) }) }
        let coverage = plan.map { plan in
            PlanCoverage(plan: plan, plate: plate.name, presentChannels: Set(plateShape.map(\.channel)))
        }
        let timedOut = now - plate.lastActivityAt >= settings.plateTimeout / .seconds(1)
        let quiet = root.settings.quietPeriod / .seconds(1)
        // The instrument declares its run finished (HCS.ai CollectionComplete); once no file has come for the
        // quiet period, the files still in flight have landed and what is there is the plate.
        let acquisitionEnded = plan?.acquisitionComplete == true && now - plate.lastActivityAt >= quiet
        let writeWhatIsThere = plate.endMarkerSeen || acquisitionEnded || timedOut

        for well in wells {
            let present = slotsByWell[well.id!] ?? []
            switch well.state {
            case .receiving:
                let complete: Bool
                if let coverage, let byPlan = coverage.isComplete(well.position, present: present) {
                    complete = byPlan && (coverage.knowsChannels || now - well.lastActivityAt >= quiet)
                } else if let expectations = root.settings.expectations {
                    complete = present.count >= expectations.planesPerWell
                } else {
                    complete = Set(plateShape.map { $0.moved(to: well.position) }).isSubset(of: present)
                        && now - well.lastActivityAt >= quiet
                }
                guard complete || writeWhatIsThere else { continue }
                if present.isEmpty {
                    try catalog.markUnwritable(
                        well, reason: "no usable image: every file of this well was rejected (see platedrop files --state rejected)")
                } else {
                    let cause = plate.endMarkerSeen ? "end marker" : acquisitionEnded ? "acquisition complete" : "plate timeout"
                    try catalog.markReady(well, incompleteBecause: complete ? nil : cause)
                }
            case .failed where well.retriesAutomatically:
                let pause = min(30 * pow(2, Double(well.attempts - 1)), 3600)
                if now - well.lastActivityAt >= pause {
                    try catalog.retryAutomatically(well)
                }
            default:
                continue
            }
        }

        let current = try catalog.wells(plate: plate.id!)
        let busy = current.contains { well in [.receiving, .ready, .writing].contains(well.state) || well.retriesAutomatically }
        guard !busy, current.contains(where: { $0.state == .written }) else { return }
        let written = Set(current.filter { $0.state == .written }.map(\.position))
        let planSatisfied = coverage?.isSatisfied(written: written) ?? false
        guard planSatisfied || writeWhatIsThere else { return }
        let why = planSatisfied ? "every well of the plan is written" : plate.endMarkerSeen ? "end marker seen"
            : acquisitionEnded ? "the instrument reports the acquisition complete"
            : "no new file for \(Int(settings.plateTimeout / .seconds(1))) s"
        let missing = (coverage?.expectedWells ?? []).subtracting(written).sorted().map(\.label)
        try catalog.complete(plate, because: why, missingWells: missing, now: now)
    }

    /// The planes a file holds, placed as the writer places them (`PlatePlan.placedKey`): one, or one per
    /// page when its pages are the z-planes.
    static func slots(_ file: FileRecord, plate: String, well: WellPosition?, plan: PlatePlan?, rootPath: String) -> [PlaneKey] {
        guard let well else { return [] }
        let named = file.imageKey(plate: plate, well: well)
        let key = plan?.placedKey(named, absolutePath: file.absolutePath(under: rootPath)) ?? named
        return key.planes(pageCount: file.pages ?? 1)
    }
}
