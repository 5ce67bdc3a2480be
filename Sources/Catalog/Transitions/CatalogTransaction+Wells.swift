import GRDB
import Layouts

/// Well life cycle: receiving → ready → writing → written, or failed (retried automatically a few times,
/// then by `platedrop retry`). A well that gains or loses a file receives again and is rewritten.
extension CatalogTransaction {
    /// The well at `position` of `plate` that an arriving image goes to: created `receiving` when new, else
    /// receiving again (see `receiveAgain`).
    public func receivingWell(plate: Int64, at position: WellPosition, now: Double) throws -> WellRecord {
        if var existing = try WellRecord
            .filter(Column("plate") == plate && Column("row") == position.row && Column("column") == position.column)
            .fetchOne(db) {
            try receiveAgain(&existing, now: now)
            return existing
        }
        var well = WellRecord(plate: plate, row: position.row, column: position.column, state: .receiving,
                              generation: 0, attempts: 0, lastActivityAt: now)
        try well.insert(db)
        return well
    }

    /// A well that gained or lost a file: ready, written or failed → receiving, so it is (re)written once
    /// complete. A well being written stays so; its quiet period restarts either way.
    func receiveAgain(_ well: inout WellRecord, now: Double) throws {
        if [.ready, .written, .failed].contains(well.state) {
            well.state = .receiving
        }
        well.lastActivityAt = now
        try well.update(db)
    }

    /// receiving → ready, with the timepoints to write (each ready): complete, or written with what is there
    /// (`incompleteBecause` says why).
    public func markReady(_ well: WellRecord, timepoints: Set<Int>, incompleteBecause reason: String?) throws {
        var well = try stored(well, for: "mark ready", from: [.receiving])
        well.state = .ready
        well.reason = reason.map { "\(WellRecord.incompletePrefix) (\($0))" }
        try well.update(db)
        try markTimepointsReady(of: well, timepoints)
    }

    /// receiving → written: a well already written that has nothing left to write (the file that made it
    /// receive again went elsewhere, or vanished); no new generation.
    public func settle(_ well: WellRecord) throws {
        var well = try stored(well, for: "settle", from: [.receiving])
        guard well.writtenAt != nil else {
            throw TransitionRefused(transition: "settle", record: well.guardDescription, state: "never written")
        }
        well.state = .written
        try well.update(db)
    }

    /// receiving → failed for good: none of its files can be written.
    public func markUnwritable(_ well: WellRecord, reason: String) throws {
        var well = try stored(well, for: "mark unwritable", from: [.receiving])
        well.state = .failed
        well.attempts = WellRecord.automaticRetryLimit
        well.reason = reason
        try well.update(db)
    }

    /// failed → ready, while automatic retries remain (well-retry).
    public func retryAutomatically(_ well: WellRecord) throws {
        var well = try stored(well, for: "retry automatically", from: [.failed])
        guard well.retriesAutomatically else {
            throw TransitionRefused(transition: "retry automatically", record: "well \(well.position.label)",
                                    state: "failed \(well.attempts) times")
        }
        well.state = .ready
        try well.update(db)
        try EventRecord.log(db, .info, .wellRetry, plate: well.plate, well: well.id,
                            "retrying well \(well.position) (attempt \(well.attempts + 1))")
    }

    /// ready → writing, for every ready well of the plate; returns them.
    public func startWriting(plate: Int64) throws -> [WellRecord] {
        var started: [WellRecord] = []
        for var well in try WellRecord.all(db, plate: plate) where well.state == .ready {
            well.state = .writing
            try well.update(db)
            started.append(well)
        }
        return started
    }

    /// writing → written, with `timepoints` written (each a new generation of its timepoint). Written whole
    /// (`wholeWell`), the well is a new generation too (well-written); with timepoints only appended or
    /// retaken in place, it keeps its generation (timepoints-written). A well written incomplete keeps
    /// saying so.
    public func markWritten(_ well: WellRecord, timepoints: Set<Int>, wholeWell: Bool, now: Double) throws {
        var well = try stored(well, for: "mark written", from: [.writing])
        well.state = .written
        if wholeWell { well.generation += 1 }
        well.writtenAt = now
        well.attempts = 0
        well.reason = well.isIncomplete ? well.reason : nil
        well.lastActivityAt = now
        try well.update(db)
        var written: [String] = []
        for var timepoint in try TimepointRecord.all(db, well: well.id!) where timepoints.contains(timepoint.t) {
            timepoint.state = .written
            timepoint.generation += 1
            timepoint.writtenAt = now
            try timepoint.update(db)
            written.append("t \(timepoint.t + 1) (generation \(timepoint.generation))")
        }
        if wholeWell {
            try EventRecord.log(db, .info, .wellWritten, plate: well.plate, well: well.id,
                                "well \(well.position.label) written (generation \(well.generation))")
        } else {
            try EventRecord.log(db, .info, .timepointsWritten, plate: well.plate, well: well.id,
                                "well \(well.position.label): \(written.joined(separator: ", ")) written in place")
        }
    }

    /// writing → failed, one more failed attempt (well-failed); returns the well as stored now.
    @discardableResult
    public func markFailed(_ well: WellRecord, reason: String, now: Double) throws -> WellRecord {
        var well = try stored(well, for: "mark failed", from: [.writing])
        well.state = .failed
        well.attempts += 1
        well.reason = reason
        well.lastActivityAt = now
        try well.update(db)
        try EventRecord.log(db, .error, .wellFailed, plate: well.plate, well: well.id, reason)
        return well
    }

    /// writing → ready: the write stopped before the well's planes were all written, so nothing of it was
    /// published; it is written next time.
    public func stopWriting(_ well: WellRecord, now: Double) throws {
        var well = try stored(well, for: "stop writing", from: [.writing])
        well.state = .ready
        well.lastActivityAt = now
        try well.update(db)
    }

    /// writing → ready for every well a stopped daemon was writing (well-interrupted); their staging is
    /// cleared before the next write.
    func requeueInterruptedWrites() throws {
        for var well in try WellRecord.filter(Column("state") == WellState.writing.rawValue).fetchAll(db) {
            well.state = .ready
            try well.update(db)
            try EventRecord.log(db, .warning, .wellInterrupted, plate: well.plate, well: well.id,
                                "well \(well.position.label) was being written when the daemon stopped; rewriting it")
        }
    }

    /// `platedrop retry`: the failed wells of the plate `name` (or the one well at `position`, whatever its
    /// state but writing) go back to `ready` with a fresh count of attempts (retry); the plate receives
    /// again if any did. Nil when there is no such plate.
    public func retry(plate name: String, well position: WellPosition?) throws -> RetryOutcome? {
        guard var plate = try PlateRecord.named(db, name) else { return nil }
        var changed = 0
        for var well in try WellRecord.all(db, plate: plate.id!) {
            let selected = position.map { $0 == well.position } ?? (well.state == .failed)
            guard selected, well.state != .writing else { continue }
            well.state = .ready
            well.attempts = 0
            well.reason = nil
            try well.update(db)
            // Every timepoint again: a retried well is written whole.
            try markTimepointsReady(of: well, Set(try TimepointRecord.all(db, well: well.id!).map(\.t)))
            changed += 1
        }
        let reopened = changed > 0 ? try reopen(&plate, because: "retry requested", path: nil) : false
        try EventRecord.log(db, .info, .retry, plate: plate.id, "retry requested for \(changed) well(s) of \(plate.name)")
        return RetryOutcome(plate: plate, wells: changed, reopened: reopened)
    }
}

extension CatalogTransaction {
    /// Timepoints of `well` → ready (created when new): they are what its next write writes.
    func markTimepointsReady(of well: WellRecord, _ timepoints: Set<Int>) throws {
        let existing = Dictionary(uniqueKeysWithValues: try TimepointRecord.all(db, well: well.id!).map { ($0.t, $0) })
        for t in timepoints.sorted() {
            var timepoint = existing[t] ?? TimepointRecord(well: well.id!, t: t, state: .ready, generation: 0)
            timepoint.state = .ready
            try timepoint.save(db)
        }
    }
}
