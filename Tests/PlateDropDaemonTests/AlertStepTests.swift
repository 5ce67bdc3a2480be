import Catalog
import Config
import Foundation
@testable import PlateDropDaemon
import Testing

/// Stall detection and the disk guard against a real catalogue and the real file systems.
@Suite struct AlertStepTests {
    let image = "P_A01_s1_w1.tif"

    @Test func aQuietPlateStallsOnceAndItsNextFileRearmsIt() throws {
        let bench = try DaemonBench()
        let intake = Intake(roots: bench.roots, endMarker: nil, plans: PlanCache())
        try bench.deliverImage(image)
        try bench.catalog.write { transaction in _ = try intake.apply([bench.stable(image)], to: transaction, now: 1000) }
        let watch = StallWatch(stallAfter: .seconds(60))
        var hooks = HookRunner(settings: DaemonSettings())

        #expect(try watch.check(bench.catalog, hooks: &hooks, now: 1059).isEmpty)
        let first = try watch.check(bench.catalog, hooks: &hooks, now: 1060)
        #expect(first == ["plate P stalled: no new file for 60 s"])
        #expect(try bench.plate("P")?.stalledAt == 1060)
        #expect(try watch.check(bench.catalog, hooks: &hooks, now: 5000).isEmpty, "raised twice for one quiet spell")

        try bench.catalog.write { transaction in _ = try intake.apply([bench.stable(image, version: 2)], to: transaction, now: 6000) }
        #expect(try watch.check(bench.catalog, hooks: &hooks, now: 6030).isEmpty)
        #expect(try watch.check(bench.catalog, hooks: &hooks, now: 6090).count == 1, "not re-armed by a new file")
        let problems = try bench.catalog.read { transaction in try transaction.overview(problemLimit: 10).problems }
        #expect(problems.filter { $0.kind == EventKind.plateStalled.rawValue }.count == 2)
    }

    @Test func stallsAreNotLookedForWhenStallAfterIsZero() throws {
        let bench = try DaemonBench()
        try bench.deliverImage(image)
        try bench.catalog.write { transaction in
            _ = try Intake(roots: bench.roots, endMarker: nil, plans: PlanCache()).apply([bench.stable(image)], to: transaction, now: 1)
        }
        var hooks = HookRunner(settings: DaemonSettings())
        #expect(try StallWatch(stallAfter: .zero).check(bench.catalog, hooks: &hooks, now: 1_000_000).isEmpty)
    }

    @Test func oneFileSystemHoldingOutputsAndCatalogueIsOnePauseOfEveryRoot() throws {
        let bench = try DaemonBench()
        let outputs = [(root: "a", path: bench.directory + "/a-out"), (root: "b", path: bench.directory + "/b-out/not/yet/made")]
        // Free space is always below 100 % of the size: paused; never below 0 bytes: not.
        var full = DiskGuard(minFree: .percent(100), outputs: outputs, catalogPath: bench.directory + "/catalog.sqlite")
        let changes = full.check(now: 5)
        let pause = try #require(changes.paused.first)
        #expect(changes.paused.count == 1 && changes.resumed.isEmpty)
        #expect(pause.path == bench.directory + "/a-out" && pause.roots == ["a", "b"] && pause.holdsCatalogue && pause.since == 5)
        #expect(pause.freeBytes < pause.minFreeBytes)
        #expect(full.pausedRoots == ["a", "b"])
        #expect(full.check(now: 6).paused.isEmpty, "a pause begins once")
        #expect(full.pauses.map(\.since) == [5])

        var roomy = DiskGuard(minFree: .bytes(0), outputs: outputs, catalogPath: bench.directory + "/catalog.sqlite")
        #expect(roomy.check(now: 5).paused.isEmpty && roomy.pausedRoots.isEmpty)
        var unguarded = DiskGuard(minFree: nil, outputs: outputs, catalogPath: bench.directory + "/catalog.sqlite")
        #expect(unguarded.check(now: 5).paused.isEmpty)
    }

    @Test func pausesAndResumptionsAreRecordedOnTheDaemonRow() throws {
        let bench = try DaemonBench()
        let pause = WritePause(path: "/out", freeBytes: 10, minFreeBytes: 100, roots: ["lab"], holdsCatalogue: false, since: 3)
        try bench.catalog.write { transaction in try transaction.pauseWrites(pause) }
        #expect(try bench.catalog.read { transaction in try transaction.overview(problemLimit: 1).daemon?.writePauses } == [pause])
        #expect(throws: CatalogError.self) { try bench.catalog.write { transaction in try transaction.pauseWrites(pause) } }
        try bench.catalog.write { transaction in try transaction.resumeWrites(on: "/out", freeBytes: 500) }
        #expect(try bench.catalog.read { transaction in try transaction.overview(problemLimit: 1).daemon?.writePauses } == [])
        #expect(throws: CatalogError.self) {
            try bench.catalog.write { transaction in try transaction.resumeWrites(on: "/out", freeBytes: 500) }
        }
    }
}
