@testable import Catalog
import FileIdentity
import GRDB
import Layouts
import Testing

/// The state machine as the catalogue enforces it: each operation leaves only the states it may, and
/// writes its event in the same transaction.
@Suite struct TransitionTests {
    let catalog: Catalog
    let root = RootRecord(id: "root", path: "/watched", layout: "imagexpress", output: "/plates", state: .starting,
                          updatedAt: 0)
    let a1 = WellPosition(row: 0, column: 0)
    static let version1 = FileFingerprint(size: 1, modificationNanoseconds: 1, changeNanoseconds: 1, inode: 1)

    init() throws {
        catalog = try Catalog(path: CatalogTests.temporaryPath())
        try catalog.write { [root] transaction in try transaction.startDaemon(pid: 1, roots: [root], at: 0) }
    }

    private func receive(_ plate: String = "Plate1", now: Double = 1) throws -> ReceivedPlate {
        try catalog.write { transaction in
            try transaction.receiveImage(plate: plate, root: root.id, rootPath: root.path, storePath: "/plates/\(plate).ome.zarr",
                                         path: "\(plate)/image.tif", now: now)
        }
    }

    private func well(of plate: PlateRecord) throws -> WellRecord {
        try catalog.write { [a1] transaction in try transaction.receivingWell(plate: plate.id!, at: a1, now: 1) }
    }

    private func kinds() throws -> [String] {
        try catalog.read { transaction in try String.fetchAll(transaction.db, sql: "SELECT kind FROM event ORDER BY id") }
    }

    private func isRefused(_ error: any Error) -> Bool {
        if case .refused? = error as? CatalogError { true } else { false }
    }

    /// A plate with its one well written and the plate finalized.
    private func finalizedPlate() throws -> (PlateRecord, WellRecord) {
        let plate = try receive().plate
        let well = try well(of: plate)
        try catalog.write { transaction in
            try transaction.markReady(well, timepoints: [0], incompleteBecause: nil)
            _ = try transaction.startWriting(plate: plate.id!)
            try transaction.markWritten(well, timepoints: [0], wholeWell: true, now: 2)
            try transaction.complete(plate, because: "every well of the plan is written", now: 3)
            _ = try transaction.finalize(plate, now: 4) { "finalized" }
        }
        return (plate, well)
    }

    @Test func aRootStateIsStoredWithItsReasonAndLoggedAtItsLevel() throws {
        try catalog.write { transaction in
            try transaction.setRootState("root", to: .polling, reason: "network filesystem (nfs4)", path: "/watched", now: 5)
        }
        var stored = try #require(try catalog.read { transaction in try transaction.overview(problemLimit: 5) }.roots.first)
        #expect(stored.state == .polling && stored.reason == "network filesystem (nfs4)" && stored.updatedAt == 5)
        let problem = try #require(try catalog.read { transaction in try transaction.overview(problemLimit: 5) }.problems.first)
        #expect(problem.kind == EventKind.rootState.rawValue && problem.level == .warning
                && problem.message == "polling: network filesystem (nfs4)" && problem.path == "/watched")

        try catalog.write { transaction in try transaction.setRootState("root", to: .watching, reason: nil, path: "/watched", now: 6) }
        stored = try #require(try catalog.read { transaction in try transaction.overview(problemLimit: 5) }.roots.first)
        #expect(stored.state == .watching && stored.reason == nil && stored.stateSummary == "watching")
        #expect(try kinds().suffix(2) == [EventKind.rootState.rawValue, EventKind.rootState.rawValue])
    }

    @Test func aNewPlateIsReceivingAndAnnounced() throws {
        let first = try receive()
        let again = try receive(now: 5)
        #expect(first.plate.state == .receiving && !first.reopened && !again.reopened)
        #expect(again.plate.lastActivityAt == 5)
        #expect(try kinds() == ["daemon-start", "plate-new"])
    }

    @Test func anImageArrivingForAFinalizedPlateReopensIt() throws {
        _ = try finalizedPlate()
        let received = try receive(now: 9)
        #expect(received.reopened)
        #expect(received.plate.state == .receiving)
        #expect(received.plate.completedAt == nil && received.plate.finalizedAt == nil)
        #expect(try kinds().suffix(2) == ["plate-finalized", "plate-reopened"])
    }

    @Test func retryOfAWrittenWellReopensItsFinalizedPlate() throws {
        let (plate, well) = try finalizedPlate()
        let retried = try catalog.write { [a1] transaction in try transaction.retry(plate: plate.name, well: a1) }
        let outcome = try #require(retried)
        #expect(outcome.reopened && outcome.wells == 1)
        let (storedPlate, storedWell) = try catalog.read { transaction in
            (try transaction.plate(named: plate.name), try transaction.wells(plate: plate.id!).first)
        }
        #expect(storedPlate?.state == .receiving)
        #expect(storedWell?.state == .ready && storedWell?.id == well.id)
        #expect(try kinds().suffix(2) == ["plate-reopened", "retry"])
    }

    @Test func retryWithoutFailedWellsLeavesAFinalizedPlateAlone() throws {
        let (plate, _) = try finalizedPlate()
        let retried = try catalog.write { transaction in try transaction.retry(plate: plate.name, well: nil) }
        let outcome = try #require(retried)
        #expect(!outcome.reopened && outcome.wells == 0)
        let state = try catalog.read { transaction in try transaction.plate(named: plate.name)?.state }
        #expect(state == .finalized)
    }

    @Test func aPlateIsCompletedOnlyWhileReceivingAndFinalizedOnlyOnceComplete() throws {
        let plate = try receive().plate
        var published = false
        #expect {
            try catalog.write { transaction in
                try transaction.finalize(plate, now: 2) {
                    published = true
                    return "early"
                }
            }
        } throws: { isRefused($0) }
        #expect(!published, "a plate that is not complete was published")
        try catalog.write { transaction in try transaction.complete(plate, because: "end marker seen", now: 2) }
        #expect { try catalog.write { transaction in try transaction.complete(plate, because: "again", now: 3) } }
            throws: { isRefused($0) }
        #expect(try kinds() == ["daemon-start", "plate-new", "plate-complete"])
    }

    /// The planner's view of a plate changes with every step its files, wells and timepoints take, and with
    /// its root's plan files; reading it twice with nothing in between gives the same.
    @Test func planningInputsChangeWithEveryTransitionOfThePlatesFilesWellsAndTimepoints() throws {
        let plate = try receive().plate
        func inputs() throws -> PlanningInputs {
            try catalog.read { transaction in
                try transaction.planningInputs(of: try #require(try transaction.plate(named: plate.name)))
            }
        }
        var seen = [try inputs()]
        #expect(try inputs() == seen[0])
        let well = try well(of: plate)
        let image = FileSighting(root: root.id, relativePath: "Plate1/image.tif", fingerprint: Self.version1)
        let placement = ImagePlacement(plate: plate.id!, well: well.id!, key: ImageKey(plate: plate.name, well: a1, field: 0, channel: 0, z: 0),
                                       width: 8, height: 4, sampleType: "uint8", pages: 1)
        let steps: [(CatalogTransaction) throws -> Void] = [
            { try $0.recordArrival(image, as: .image(placement), now: 2) },
            { try $0.markReady(well, timepoints: [0], incompleteBecause: nil) },
            { _ = try $0.startWriting(plate: plate.id!) },
            { try $0.markWritten(well, timepoints: [0], wholeWell: true, now: 3) },
            { try $0.markIngested(try #require(try $0.file(root: self.root.id, relativePath: image.relativePath)), now: 4) },
            { try $0.recordArrival(FileSighting(root: self.root.id, relativePath: "Plate1/plan.HTD", fingerprint: Self.version1),
                                   as: .plan, now: 5) },
        ]
        for step in steps {
            try catalog.write { transaction in try step(transaction) }
            seen.append(try inputs())
        }
        #expect(Set(seen).count == seen.count, "every step changed the inputs")
    }

    @Test func aWellIsWrittenOnlyFromWriting() throws {
        let plate = try receive().plate
        let well = try well(of: plate)
        #expect { try catalog.write { transaction in try transaction.markWritten(well, timepoints: [0], wholeWell: true, now: 2) } } throws: { isRefused($0) }
        let started = try catalog.write { transaction in
            try transaction.markReady(well, timepoints: [0], incompleteBecause: "plate timeout")
            return try transaction.startWriting(plate: plate.id!)
        }
        #expect(started.map(\.id) == [well.id] && started.first?.state == .writing)
        try catalog.write { transaction in try transaction.markWritten(well, timepoints: [0], wholeWell: true, now: 2) }
        let wells = try catalog.read { transaction in try transaction.wells(plate: plate.id!) }
        let written = try #require(wells.first)
        #expect(written.state == .written && written.generation == 1)
        #expect(written.reason == "written incomplete (plate timeout)")
        #expect(try kinds().last == "well-written")
    }

    /// A time-lapse well: written whole with its first timepoint, then a timepoint appended and one retaken in
    /// place; each timepoint counts its own writes, the well only its whole ones, and the plate's progress is
    /// the timepoints every written well holds.
    @Test func timepointsKeepAGenerationEachAndAppendsLeaveTheWellsGeneration() throws {
        let plate = try receive().plate
        let well = try well(of: plate)
        func write(_ timepoints: Set<Int>, whole: Bool, at now: Double) throws {
            try catalog.write { transaction in
                if try transaction.wells(plate: plate.id!).first?.state != .receiving {
                    _ = try transaction.receivingWell(plate: plate.id!, at: a1, now: now)
                }
                try transaction.markReady(well, timepoints: timepoints, incompleteBecause: nil)
                _ = try transaction.startWriting(plate: plate.id!)
                try transaction.markWritten(well, timepoints: timepoints, wholeWell: whole, now: now)
            }
        }
        try write([0], whole: true, at: 2)
        try write([1], whole: false, at: 3)
        try write([1], whole: false, at: 4)
        let written = try self.well(of: plate)
        #expect(written.generation == 1)
        let timepoints = try catalog.read { transaction in try transaction.timepoints(plate: plate.id!)[well.id!] ?? [] }
        #expect(timepoints.map { "t\($0.t) \($0.state.rawValue) g\($0.generation)" } == ["t0 written g1", "t1 written g2"])
        #expect(try kinds().suffix(3) == ["well-written", "timepoints-written", "timepoints-written"])
        let progress = try catalog.read { transaction in try transaction.timepointProgress(of: plate) }
        #expect(progress == TimepointProgress(written: 2, planned: nil))
        try catalog.write { transaction in try transaction.recordPlannedTimepoints(of: plate, 48) }
        #expect(try catalog.read { transaction in try transaction.timepointProgress(of: plate) }.label == "t 2/48")
    }

    /// A written well that received again but has nothing left to write settles back to written, without a
    /// new generation; a well never written cannot settle.
    @Test func aWrittenWellWithNothingToWriteSettles() throws {
        let plate = try receive().plate
        let well = try well(of: plate)
        #expect { try catalog.write { transaction in try transaction.settle(well) } } throws: { isRefused($0) }
        try catalog.write { transaction in
            try transaction.markReady(well, timepoints: [0], incompleteBecause: nil)
            _ = try transaction.startWriting(plate: plate.id!)
            try transaction.markWritten(well, timepoints: [0], wholeWell: true, now: 2)
        }
        let receiving = try self.well(of: plate)
        #expect(receiving.state == .receiving)
        try catalog.write { transaction in try transaction.settle(receiving) }
        let settled = try catalog.read { transaction in try transaction.wells(plate: plate.id!) }.first
        #expect(settled?.state == .written && settled?.generation == 1)
    }

    @Test func aWellBeingWrittenStaysSoWhenAFileArrives() throws {
        let plate = try receive().plate
        let well = try well(of: plate)
        try catalog.write { transaction in
            try transaction.markReady(well, timepoints: [0], incompleteBecause: nil)
            _ = try transaction.startWriting(plate: plate.id!)
        }
        #expect(try self.well(of: plate).state == .writing)
        try catalog.write { transaction in try transaction.markWritten(well, timepoints: [0], wholeWell: true, now: 2) }
        #expect(try self.well(of: plate).state == .receiving)
    }

    @Test func automaticRetriesStopAtTheLimit() throws {
        let plate = try receive().plate
        let well = try well(of: plate)
        try catalog.write { transaction in try transaction.markReady(well, timepoints: [0], incompleteBecause: nil) }
        for attempt in 1...WellRecord.automaticRetryLimit {
            try catalog.write { transaction in
                _ = try transaction.startWriting(plate: plate.id!)
                try transaction.markFailed(well, reason: "disk full", now: Double(attempt))
                if attempt < WellRecord.automaticRetryLimit { try transaction.retryAutomatically(well) }
            }
        }
        let wells = try catalog.read { transaction in try transaction.wells(plate: plate.id!) }
        let failed = try #require(wells.first)
        #expect(failed.failedForGood && failed.attempts == WellRecord.automaticRetryLimit)
        #expect { try catalog.write { transaction in try transaction.retryAutomatically(well) } } throws: { isRefused($0) }
    }

    @Test func aFileArrivesInTheStateItsArrivalSaysAndVanishesOnce() throws {
        let plan = FileSighting(root: root.id, relativePath: "Plate1/plan.HTD", fingerprint: Self.version1)
        try catalog.write { transaction in try transaction.recordArrival(plan, as: .plan, now: 1) }
        for now in [2.0, 3.0] {
            try catalog.write { transaction in try transaction.recordVanished(root: root.id, relativePath: plan.relativePath, now: now) }
        }
        let vanished = try catalog.read { transaction in try transaction.file(root: root.id, relativePath: plan.relativePath) }
        #expect(vanished?.state == .vanished)
        #expect { try catalog.write { transaction in try transaction.reject(vanished!, reason: "gone", plate: nil, now: 4) } }
            throws: { isRefused($0) }

        try catalog.write { transaction in
            try transaction.recordArrival(plan, as: .rejected(role: .plan, reason: "unreadable plan"), now: 5)
        }
        let rejected = try catalog.read { transaction in try transaction.file(root: root.id, relativePath: plan.relativePath) }
        #expect(rejected?.state == .rejected && rejected?.reason == "unreadable plan" && rejected?.id == vanished?.id)
        #expect(try kinds() == ["daemon-start", "file-vanished", "file-rejected"])
    }

    @Test func anImageMovedToAnotherWellLetsItsOldWellReceiveAgain() throws {
        let plate = try receive().plate
        let old = try well(of: plate)
        try catalog.write { transaction in
            try transaction.markReady(old, timepoints: [0], incompleteBecause: nil)
            _ = try transaction.startWriting(plate: plate.id!)
            try transaction.markWritten(old, timepoints: [0], wholeWell: true, now: 2)
        }
        let image = FileSighting(root: root.id, relativePath: "Plate1/image.tif", fingerprint: Self.version1)
        let key = ImageKey(plate: plate.name, well: a1, field: 0, channel: 0, z: 0)
        try catalog.write { transaction in
            try transaction.recordArrival(image, as: .image(ImagePlacement(plate: plate.id!, well: old.id!, key: key, width: 8,
                                                                           height: 4, sampleType: "uint8", pages: 1)), now: 3)
        }
        let b2 = try catalog.write { transaction in
            try transaction.receivingWell(plate: plate.id!, at: WellPosition(row: 1, column: 1), now: 4)
        }
        let before = try catalog.read { transaction in try transaction.wells(plate: plate.id!) }
        #expect(before.map(\.state) == [.written, .receiving])
        try catalog.write { transaction in
            try transaction.recordArrival(image, as: .image(ImagePlacement(plate: plate.id!, well: b2.id!, key: key, width: 8,
                                                                           height: 4, sampleType: "uint8", pages: 1)), now: 5)
        }
        let wells = try catalog.read { transaction in try transaction.wells(plate: plate.id!) }
        #expect(wells.map(\.state) == [.receiving, .receiving])
    }
}
