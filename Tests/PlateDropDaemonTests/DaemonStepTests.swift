import Catalog
import Config
import Foundation
import Logging
@testable import PlateDropDaemon
import Testing

/// The daemon's steps against a real catalogue: what intake records, when the planner finds a well ready,
/// and that a plate reopened by a changed file loses its done marker.
@Suite struct DaemonStepTests {
    let image = "P_A01_s1_w1.tif"

    @Test func intakeRecordsAnImageWithItsPlateAndWell() throws {
        let bench = try DaemonBench()
        try bench.deliverImage(image)
        let summary = try bench.catalog.write { transaction in
            try Intake(roots: bench.roots, endMarker: nil).apply([bench.stable(image)], to: transaction, now: 1)
        }
        #expect(summary.rejected == 0)
        let plate = try #require(try bench.plate("P"))
        #expect(plate.state == .receiving)
        #expect(try bench.wells(of: plate).map(\.position.label) == ["A1"])
        let file = try bench.catalog.read { transaction in try transaction.file(root: "lab", relativePath: image) }
        #expect(file?.state == .stable && file?.plate == plate.id)
    }

    @Test func theWellIsReadyOnceQuietAndNotBefore() throws {
        let bench = try DaemonBench(quietPeriod: .seconds(30))
        try bench.deliverImage(image)
        try bench.catalog.write { transaction in
            _ = try Intake(roots: bench.roots, endMarker: nil).apply([bench.stable(image)], to: transaction, now: 100)
        }
        let planner = Planner(roots: bench.roots, settings: DaemonSettings(), plans: PlanCache())
        let plate = try #require(try bench.plate("P"))
        try bench.catalog.write { transaction in try planner.plan(transaction, now: 110) }
        #expect(try bench.wells(of: plate).map(\.state) == [.receiving])
        try bench.catalog.write { transaction in try planner.plan(transaction, now: 130) }
        #expect(try bench.wells(of: plate).map(\.state) == [.ready])
    }

    @Test func aChangedImageReopensAFinalizedPlateAndRemovesItsDoneMarker() throws {
        let bench = try DaemonBench()
        try bench.deliverImage(image)
        let intake = Intake(roots: bench.roots, endMarker: nil)
        try bench.catalog.write { transaction in _ = try intake.apply([bench.stable(image)], to: transaction, now: 1) }
        let plate = try #require(try bench.plate("P"))
        let well = try #require(try bench.wells(of: plate).first)
        try bench.catalog.write { transaction in
            try transaction.markReady(well, timepoints: [0], incompleteBecause: nil)
            _ = try transaction.startWriting(plate: plate.id!)
            try transaction.markWritten(well, timepoints: [0], wholeWell: true, now: 2)
            try transaction.complete(plate, because: "test", now: 3)
        }
        try FileManager.default.createDirectory(atPath: bench.root.settings.output, withIntermediateDirectories: true)
        var children: [pid_t] = []
        try PlateFinalizer(onComplete: [], logger: Logger(label: "test")).finalizeComplete(bench.catalog, children: &children)
        let marker = DoneMarker.path(of: plate)
        try #require(FileManager.default.fileExists(atPath: marker))

        try bench.catalog.write { transaction in
            _ = try intake.apply([bench.stable(image, version: 2)], to: transaction, now: 10)
        }
        #expect(try bench.plate("P")?.state == .receiving)
        #expect(try bench.wells(of: plate).map(\.state) == [.receiving])
        #expect(!FileManager.default.fileExists(atPath: marker))
    }
}
