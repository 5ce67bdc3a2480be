import Catalog
import Config
@testable import PlateDropDaemon
import Testing

/// A planner pass skips a plate only while its inputs are unchanged and none of its deadlines has come.
@Suite struct PlannerMemoryTests {
    @Test func aPlateIsPlannedAgainWhenItsInputsChangeOrItsDeadlineComesAndAtTheLatestAfterTheLongestSkip() throws {
        let bench = try DaemonBench()
        try bench.deliverImage("P_A01_s1_w1.tif")
        let intake = Intake(roots: bench.roots, endMarker: nil, plans: PlanCache())
        try bench.catalog.write { transaction in _ = try intake.apply([bench.stable("P_A01_s1_w1.tif")], to: transaction, now: 1) }
        let plate = try #require(try bench.plate("P"))
        func inputs() throws -> PlanningInputs {
            let current = try #require(try bench.plate("P"))
            return try bench.catalog.read { transaction in try transaction.planningInputs(of: current) }
        }
        let memory = PlannerMemory()
        let before = try inputs()
        #expect(memory.needsPlanning(plate.id!, inputs: before, now: 2), "a plate never planned is planned")
        memory.remember(plate.id!, inputs: before, now: 2, nextDue: 31)
        #expect(!memory.needsPlanning(plate.id!, inputs: before, now: 30))
        #expect(memory.needsPlanning(plate.id!, inputs: before, now: 31), "its deadline came")

        memory.remember(plate.id!, inputs: before, now: 2, nextDue: nil)
        #expect(!memory.needsPlanning(plate.id!, inputs: before, now: 2 + PlannerMemory.longestSkip - 1))
        #expect(memory.needsPlanning(plate.id!, inputs: before, now: 2 + PlannerMemory.longestSkip))

        try bench.deliverImage("P_A01_s1_w2.tif")
        try bench.catalog.write { transaction in _ = try intake.apply([bench.stable("P_A01_s1_w2.tif")], to: transaction, now: 3) }
        #expect(memory.needsPlanning(plate.id!, inputs: try inputs(), now: 3), "a file arrived")
    }

    /// Through the planner: a pass before the quiet period ends changes nothing, and the pass at its end,
    /// with nothing new in the catalogue, finds the well ready.
    @Test func thePassAtTheEndOfTheQuietPeriodFindsTheWellReadyWithNothingNewInTheCatalogue() throws {
        let bench = try DaemonBench(quietPeriod: .seconds(30))
        try bench.deliverImage("P_A01_s1_w1.tif")
        try bench.catalog.write { transaction in
            _ = try Intake(roots: bench.roots, endMarker: nil, plans: PlanCache()).apply([bench.stable("P_A01_s1_w1.tif")], to: transaction,
                                                                                        now: 100)
        }
        let planner = Planner(roots: bench.roots, settings: DaemonSettings(), plans: PlanCache())
        let plate = try #require(try bench.plate("P"))
        for now in stride(from: 101.0, through: 129, by: 4) {
            try bench.catalog.write { transaction in try planner.plan(transaction, now: now) }
            #expect(try bench.wells(of: plate).map(\.state) == [.receiving])
        }
        try bench.catalog.write { transaction in try planner.plan(transaction, now: 130) }
        #expect(try bench.wells(of: plate).map(\.state) == [.ready])
    }
}
