import GRDB
import Layouts

/// Plate life cycle: receiving → complete → finalized; complete or finalized → receiving again (reopened)
/// when a file arrives or a well is retried.
extension CatalogTransaction {
    /// The plate `name` of `root` that an arriving image goes to: created `receiving` when new (plate-new),
    /// reopened when complete or finalized (plate-reopened), and its timeout restarted.
    public func receiveImage(plate name: String, root: String, rootPath: String, storePath: String, path: String,
                             now: Double) throws -> ReceivedPlate {
        var plate: PlateRecord
        if let existing = try PlateRecord.filter(Column("root") == root && Column("name") == name).fetchOne(db) {
            plate = existing
        } else {
            plate = PlateRecord(root: root, name: name, state: .receiving, storePath: storePath, createdAt: now,
                                lastActivityAt: now)
            try plate.insert(db)
            try EventRecord.log(db, .info, .plateNew, plate: plate.id, "new plate \(name) in \(rootPath)")
        }
        let reopened = try reopen(&plate, because: "a new or changed file arrived", path: path)
        plate.lastActivityAt = now
        try plate.update(db)
        return ReceivedPlate(plate: plate, reopened: reopened)
    }

    /// complete or finalized → receiving (plate-reopened); false, and nothing changed, when it is receiving.
    /// Internal: every reopening goes through an operation that tells its caller (the done marker).
    func reopen(_ plate: inout PlateRecord, because cause: String, path: String?) throws -> Bool {
        guard plate.state != .receiving else { return false }
        try EventRecord.log(db, .info, .plateReopened, plate: plate.id, path: path,
                            "\(cause) after the plate was \(plate.state.rawValue)")
        plate.state = .receiving
        plate.completedAt = nil
        plate.finalizedAt = nil
        plate.reason = nil
        plate.missingWells = nil
        try plate.update(db)
        return true
    }

    /// The instrument's end marker appeared in `directory` of `root`: each plate with files there is complete
    /// once its wells are written (plate-end-marker, once per plate).
    public func recordEndMarker(root: String, directory: String) throws {
        let prefix = directory.isEmpty ? "" : directory + "/"
        let plateIDs = try Int64.fetchAll(db, sql: """
            SELECT DISTINCT plate FROM file WHERE root = ? AND plate IS NOT NULL AND substr(relativePath, 1, ?) = ?
            """, arguments: [root, prefix.count, prefix])
        for id in plateIDs {
            guard var plate = try PlateRecord.fetchOne(db, key: id), !plate.endMarkerSeen else { continue }
            plate.endMarkerSeen = true
            try plate.update(db)
            try EventRecord.log(db, .info, .plateEndMarker, plate: id,
                                "end marker seen in \(directory.isEmpty ? "/" : directory)")
        }
    }

    /// What a write learnt about the plate: the field shape its wells share and its format. A new shape sends
    /// the wells written earlier (all but `justWritten`) back to `ready` to be rewritten in it
    /// (plate-shape-changed), since every field of a plate must share one shape (P9).
    public func recordWrite(of plate: PlateRecord, shapeSignature: String?, format: PlateFormat?,
                            justWritten: Set<Int64>) throws {
        guard var plate = try plate.id.flatMap({ try PlateRecord.fetchOne(db, key: $0) }) else { return }
        if let old = plate.shapeSignature, let shapeSignature, old != shapeSignature {
            for var earlier in try WellRecord.all(db, plate: plate.id!)
            where earlier.writtenAt != nil && [.written, .receiving].contains(earlier.state) && !justWritten.contains(earlier.id!) {
                // A receiving well keeps receiving; its timepoints, ready, go with its next write.
                if earlier.state == .written {
                    earlier.state = .ready
                    try earlier.update(db)
                }
                try markTimepointsReady(of: earlier, Set(try TimepointRecord.all(db, well: earlier.id!).map(\.t)))
            }
            try EventRecord.log(db, .info, .plateShapeChanged, plate: plate.id,
                                "plate shape is now \(shapeSignature); earlier wells are rewritten to match")
        }
        if let shapeSignature { plate.shapeSignature = shapeSignature }
        if let format {
            plate.formatRows = format.rows
            plate.formatColumns = format.columns
        }
        try plate.update(db)
    }

    /// The number of timepoints the plate's plan declares (nil: none, or just one), kept for progress reports.
    public func recordPlannedTimepoints(of plate: PlateRecord, _ count: Int?) throws {
        guard var plate = try plate.id.flatMap({ try PlateRecord.fetchOne(db, key: $0) }),
              plate.plannedTimepoints != count else { return }
        plate.plannedTimepoints = count
        try plate.update(db)
    }

    /// The number of wells the plate's plan expects (nil: no plan lists any), kept for progress reports. No
    /// event: a plan that changes is reported by what it changes (completeness), not by this count.
    public func recordExpectedWells(of plate: PlateRecord, _ count: Int?) throws {
        guard var plate = try plate.id.flatMap({ try PlateRecord.fetchOne(db, key: $0) }),
              plate.expectedWells != count else { return }
        plate.expectedWells = count
        try plate.update(db)
    }

    /// receiving → complete (plate-complete), `why` saying what made it so; `missingWells` are the wells its
    /// plan expected that it completes without.
    public func complete(_ plate: PlateRecord, because why: String, missingWells: [String] = [], now: Double) throws {
        var plate = try stored(plate, for: "complete", from: [.receiving])
        plate.state = .complete
        plate.completedAt = now
        plate.reason = why
        plate.missingWells = missingWells.isEmpty ? nil : missingWells.joined(separator: ",")
        try plate.update(db)
        let without = missingWells.isEmpty ? "" : " (without \(missingWells.count) planned well(s): \(missingWells.joined(separator: " ")))"
        try EventRecord.log(db, .info, .plateComplete, plate: plate.id, "plate \(plate.name) complete: \(why)\(without)")
    }

    /// A receiving plate has had no new file for `quietSeconds` (plate-stalled). Refused when it is not
    /// receiving, or was reported stalled already since its last file.
    public func recordStall(_ plate: PlateRecord, quietSeconds: Double, now: Double) throws {
        var plate = try stored(plate, for: "record a stall of", from: [.receiving])
        if let stalledAt = plate.stalledAt, stalledAt >= plate.lastActivityAt {
            throw TransitionRefused(transition: "record a stall of", record: plate.guardDescription, state: "stalled already")
        }
        plate.stalledAt = now
        try plate.update(db)
        try EventRecord.log(db, .warning, .plateStalled, plate: plate.id,
                            "plate \(plate.name) stalled: no new file for \(Int(quietSeconds)) s and not complete")
    }

    /// complete → finalized (plate-finalized). `publish` makes the plate final outside the catalogue (the
    /// done marker) once the guard has passed, inside this transaction so that nothing reopens the plate
    /// meanwhile; it returns the event's message, which is returned too.
    public func finalize(_ plate: PlateRecord, now: Double, publishing publish: () throws -> String) throws -> String {
        var plate = try stored(plate, for: "finalize", from: [.complete])
        let message = try publish()
        plate.state = .finalized
        plate.finalizedAt = now
        try plate.update(db)
        try EventRecord.log(db, .info, .plateFinalized, plate: plate.id, message)
        return message
    }
}
