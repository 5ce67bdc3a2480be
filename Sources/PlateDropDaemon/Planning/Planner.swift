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
    let memory = PlannerMemory()

    /// Plans every receiving plate whose inputs changed or whose next deadline came (`PlannerMemory`).
    func plan(_ catalog: CatalogTransaction, now: Double) throws {
        for plate in try catalog.plates(in: .receiving) {
            guard let root = roots[plate.root], let id = plate.id else { continue }
            let inputs = try catalog.planningInputs(of: plate)
            guard memory.needsPlanning(id, inputs: inputs, now: now) else { continue }
            let nextDue = try plan(plate, root: root, catalog: catalog, now: now)
            memory.remember(id, inputs: inputs, now: now, nextDue: nextDue)
        }
    }

    /// Plans one plate; returns the first later time a decision may change by time alone: a timepoint's
    /// quiet period ending, the plate timeout, a failed well's next automatic retry.
    private func plan(_ plate: PlateRecord, root: DaemonConfiguration.Root, catalog: CatalogTransaction, now: Double) throws -> Double? {
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
        let placed = files.map { file in
            (file: file, slots: Self.slots(file, plate: plate.name, well: file.well.flatMap { positions[$0] }, plan: plan,
                                           rootPath: root.settings.path))
        }
        let slotsByWell = Dictionary(grouping: placed, by: { $0.file.well ?? -1 }).mapValues { Set($0.flatMap(\.slots)) }
        // Every plane some well has at some timepoint, as if in one well at one timepoint: the shape a
        // timepoint of a well without a plan is complete in.
        let timepointShape = slotsByWell.values.reduce(into: Set<PlaneKey>()) { shape, slots in
            shape.formUnion(slots.map { Self.atOrigin($0) })
        }
        let coverage = plan.map { plan in
            PlanCoverage(plan: plan, plate: plate.name, presentChannels: Set(timepointShape.map(\.channel)))
        }
        let time = PlateTimepoints(present: Set(slotsByWell.values.flatMap { $0.map(\.t) }), plan: plan)
        let planned = plan.map { $0.plannedTimepoints.count } ?? root.settings.expectations?.timepoints
        try catalog.recordPlannedTimepoints(of: plate, planned.flatMap { $0 > 1 ? $0 : nil })
        try catalog.recordExpectedWells(of: plate, coverage.map(\.expectedWells.count).flatMap { $0 > 0 ? $0 : nil })
        let timedOut = now - plate.lastActivityAt >= settings.plateTimeout / .seconds(1)
        let quiet = root.settings.quietPeriod / .seconds(1)
        // The instrument declares its run finished (HCS.ai CollectionComplete); once no file has come for the
        // quiet period, the files still in flight have landed and what is there is the plate.
        let acquisitionEnded = plan?.acquisitionComplete == true && now - plate.lastActivityAt >= quiet
        let writeWhatIsThere = plate.endMarkerSeen || acquisitionEnded || timedOut
        let selection = TimepointSelection(order: time.values, writeWhatIsThere: writeWhatIsThere)
        let timepoints = try catalog.timepoints(plate: plate.id!)
        // A timepoint is quiet once none of the well's files of it has changed for the quiet period.
        var lastActivity: [Int64: [Int: Double]] = [:]
        var changed: [Int64: Set<Int>] = [:]
        for (file, slots) in placed {
            guard let well = file.well else { continue }
            for t in Set(slots.map(\.t)) {
                lastActivity[well, default: [:]][t] = max(lastActivity[well]?[t] ?? 0, file.updatedAt)
                if file.state == .stable { changed[well, default: []].insert(t) }
            }
        }
        let deadlines = [plate.lastActivityAt + settings.plateTimeout / .seconds(1), plate.lastActivityAt + quiet]
            + lastActivity.values.flatMap(\.values).map { $0 + quiet }
            + wells.filter(\.retriesAutomatically).map { $0.lastActivityAt + Self.retryPause(after: $0.attempts) }
        let nextDue = deadlines.filter { $0 > now }.min()

        for well in wells {
            let present = slotsByWell[well.id!] ?? []
            switch well.state {
            case .receiving:
                let records = timepoints[well.id!] ?? []
                func isComplete(_ t: Int) -> Bool {
                    let planes = present.filter { $0.t == t }
                    let isQuiet = now - (lastActivity[well.id!]?[t] ?? 0) >= quiet
                    if let coverage, let byPlan = coverage.isComplete(well.position, timepoint: t, present: planes) {
                        return byPlan && (coverage.knowsChannels || isQuiet)
                    } else if let expectations = root.settings.expectations {
                        return planes.count >= expectations.planesPerTimepoint
                    } else {
                        return timepointShape.isSubset(of: Set(planes.map { Self.atOrigin($0) })) && isQuiet
                    }
                }
                let chosen = selection.select(
                    due: Set(records.filter { $0.state == .ready }.map(\.t)),
                    onDisk: Set(records.filter { $0.writtenAt != nil }.map(\.t)),
                    changed: changed[well.id!] ?? [], isComplete: isComplete)
                if !chosen.timepoints.isEmpty {
                    let cause = plate.endMarkerSeen ? "end marker" : acquisitionEnded ? "acquisition complete" : "plate timeout"
                    try catalog.markReady(well, timepoints: chosen.timepoints, incompleteBecause: chosen.incomplete ? cause : nil)
                } else if well.writtenAt != nil {
                    if (changed[well.id!] ?? []).isEmpty { try catalog.settle(well) }
                } else if present.isEmpty && writeWhatIsThere {
                    try catalog.markUnwritable(
                        well, reason: "no usable image: every file of this well was rejected (see platedrop files --state rejected)")
                }
            case .failed where well.retriesAutomatically:
                if now - well.lastActivityAt >= Self.retryPause(after: well.attempts) {
                    try catalog.retryAutomatically(well)
                }
            default:
                continue
            }
        }

        let current = try catalog.wells(plate: plate.id!)
        let busy = current.contains { well in [.receiving, .ready, .writing].contains(well.state) || well.retriesAutomatically }
        guard !busy, current.contains(where: { $0.state == .written }) else { return nextDue }
        let writtenWells = current.filter { $0.state == .written }
        let written = Set(writtenWells.map(\.position))
        let onDisk = try catalog.timepoints(plate: plate.id!)
        let writtenTimepoints = Dictionary(uniqueKeysWithValues: writtenWells.map { well in
            (well.position, Set((onDisk[well.id!] ?? []).filter { $0.state == .written }.map(\.t)))
        })
        let planSatisfied = coverage?.isSatisfied(written: writtenTimepoints) ?? false
        guard planSatisfied || writeWhatIsThere else { return nextDue }
        let why = planSatisfied ? "every well of the plan is written" : plate.endMarkerSeen ? "end marker seen"
            : acquisitionEnded ? "the instrument reports the acquisition complete"
            : "no new file for \(Int(settings.plateTimeout / .seconds(1))) s"
        let missing = (coverage?.expectedWells ?? []).subtracting(written).sorted().map(\.label)
        try catalog.complete(plate, because: why, missingWells: missing, now: now)
        return nil
    }

    /// Seconds a failed well waits before its automatic retry: doubling from 30 s, at most an hour.
    private static func retryPause(after attempts: Int) -> Double {
        min(30 * pow(2, Double(attempts - 1)), 3600)
    }

    /// A plane moved to well A1 and the first timepoint: its place in a well's timepoint, to compare the
    /// timepoints of wells with one another.
    private static func atOrigin(_ plane: PlaneKey) -> PlaneKey {
        var moved = plane.moved(to: WellPosition(row: 0, column: 0))
        moved.t = 0
        return moved
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
