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
            try Intake(roots: bench.roots, endMarker: nil, plans: PlanCache()).apply([bench.stable(image)], to: transaction, now: 1)
        }
        #expect(summary.rejected == 0)
        let plate = try #require(try bench.plate("P"))
        #expect(plate.state == .receiving)
        #expect(try bench.wells(of: plate).map(\.position.label) == ["A1"])
        let file = try bench.catalog.read { transaction in try transaction.file(root: "lab", relativePath: image) }
        #expect(file?.state == .stable && file?.plate == plate.id)
    }

    /// A CQ3000 image numbers its well: it waits, in no plate, until a plan of its root places it.
    @Test func aWellIndexedImageWaitsForThePlanThatPlacesIt() throws {
        let bench = try DaemonBench(layout: "yokogawa")
        let indexed = "Run/Projection/W0029F0001T0001Z000C1.tif"
        try bench.deliverImage(indexed)
        let intake = Intake(roots: bench.roots, endMarker: nil, plans: PlanCache())
        try bench.catalog.write { transaction in _ = try intake.apply([bench.stable(indexed)], to: transaction, now: 1) }
        let waiting = try bench.catalog.read { transaction in try transaction.file(root: "lab", relativePath: indexed) }
        #expect(waiting?.state == .stable && waiting?.role == .image && waiting?.plate == nil && waiting?.well == nil)
        #expect(waiting?.reason?.contains("waiting for a plan") == true, "\(String(describing: waiting?.reason))")
        #expect(try bench.plate("Run_projection") == nil)

        let detail = "Run/MeasurementDetail.mrf"
        try #"<bts:MeasurementDetail xmlns:bts="http://www.yokogawa.co.jp/BTS/BTSSchema/1.0" bts:RowCount="8" bts:ColumnCount="12"/>"#
            .write(toFile: bench.root.settings.path + "/" + detail, atomically: true, encoding: .utf8)
        try bench.catalog.write { transaction in _ = try intake.apply([bench.stable(detail)], to: transaction, now: 2) }
        let plate = try #require(try bench.plate("Run_projection"))
        #expect(try bench.wells(of: plate).map(\.position.label) == ["C5"])
        let placed = try bench.catalog.read { transaction in try transaction.file(root: "lab", relativePath: indexed) }
        #expect(placed?.state == .stable && placed?.plate == plate.id && placed?.reason == nil)
    }

    @Test func theWellIsReadyOnceQuietAndNotBefore() throws {
        let bench = try DaemonBench(quietPeriod: .seconds(30))
        try bench.deliverImage(image)
        try bench.catalog.write { transaction in
            _ = try Intake(roots: bench.roots, endMarker: nil, plans: PlanCache()).apply([bench.stable(image)], to: transaction, now: 100)
        }
        let planner = Planner(roots: bench.roots, settings: DaemonSettings(), plans: PlanCache())
        let plate = try #require(try bench.plate("P"))
        try bench.catalog.write { transaction in try planner.plan(transaction, now: 110) }
        #expect(try bench.wells(of: plate).map(\.state) == [.receiving])
        try bench.catalog.write { transaction in try planner.plan(transaction, now: 130) }
        #expect(try bench.wells(of: plate).map(\.state) == [.ready])
    }

    /// The planner stores how many wells the plate's plan expects: none without a plan, every well of the
    /// plate from an HTD that selects none, the selected ones once the plan is rewritten to select three.
    @Test func thePlanExpectedWellCountIsStoredAndFollowsThePlan() throws {
        let bench = try DaemonBench()
        try bench.deliverImage(image)
        let intake = Intake(roots: bench.roots, endMarker: nil, plans: PlanCache())
        let planner = Planner(roots: bench.roots, settings: DaemonSettings(), plans: PlanCache())
        try bench.catalog.write { transaction in _ = try intake.apply([bench.stable(image)], to: transaction, now: 1) }
        try bench.catalog.write { transaction in try planner.plan(transaction, now: 2) }
        #expect(try bench.plate("P")?.expectedWells == nil)

        let plan = "P.HTD"
        func deliverPlan(selecting rows: [String], version: Int64, now: Double) throws {
            let lines = ["\"HTSInfoFile\", Version 1.0", "\"XWells\", 12", "\"YWells\", 8"]
                + rows.enumerated().map { "\"WellsSelection\($0.offset + 1)\", \($0.element)" }
                + ["\"Sites\", FALSE", "\"Waves\", FALSE", "\"EndFile\""]
            try (lines.joined(separator: "\n") + "\n").write(toFile: bench.root.settings.path + "/" + plan, atomically: true, encoding: .utf8)
            try bench.catalog.write { transaction in _ = try intake.apply([bench.stable(plan, version: version)], to: transaction, now: now) }
            try bench.catalog.write { transaction in try planner.plan(transaction, now: now + 1) }
        }
        try deliverPlan(selecting: [], version: 1, now: 3)
        #expect(try bench.plate("P")?.expectedWells == 96)

        func row(selecting columns: Set<Int>) -> String {
            (0..<12).map { columns.contains($0) ? "TRUE" : "FALSE" }.joined(separator: ", ")
        }
        try deliverPlan(selecting: [row(selecting: [0, 1]), row(selecting: [2])], version: 2, now: 5)
        #expect(try bench.plate("P")?.expectedWells == 3)
        let progress = try bench.catalog.read { transaction in try transaction.plateProgress() }.first?.wellProgress
        #expect(progress == WellProgress(written: 0, expected: 3, seen: 1))
    }

    /// A write reports the plan gaps of the wells and timepoints it wrote: a plane its plan expects there
    /// that no file provides, but nothing of the timepoints still to come.
    @Test func aWriteReportsThePlanGapsOfWhatItWroteAndNotOfTimepointsStillComing() throws {
        let bench = try DaemonBench()
        let plan = "P.HTD"
        let lines = ["\"HTSInfoFile\", Version 1.0", "\"TimePoints\", 3", "\"XWells\", 12", "\"YWells\", 8",
                     "\"WellsSelection1\", TRUE" + String(repeating: ", FALSE", count: 11),
                     "\"Sites\", FALSE", "\"Waves\", TRUE", "\"NWavelengths\", 2", "\"EndFile\""]
        try (lines.joined(separator: "\n") + "\n").write(toFile: bench.root.settings.path + "/" + plan, atomically: true, encoding: .utf8)
        // The first timepoint's first wavelength only.
        let image = "TimePoint_1/P_A01_w1.tif"
        try bench.deliverImage(image)
        let intake = Intake(roots: bench.roots, endMarker: nil, plans: PlanCache())
        try bench.catalog.write { transaction in
            _ = try intake.apply([bench.stable(plan), bench.actuallyStable(image)], to: transaction, now: 1)
        }
        let plate = try #require(try bench.plate("P"))
        let well = try #require(try bench.wells(of: plate).first)
        try bench.catalog.write { transaction in
            try transaction.markReady(well, timepoints: [0], incompleteBecause: "written with what is there")
        }
        let writing = WellWriting(roots: bench.roots, plans: PlanCache(), logger: Logger(label: "test"))
        let report = try writing.write(plate, catalog: bench.catalog, progress: { _ in }, shouldStop: { false })
        #expect(!report.failed, "\(report.line)")
        let gaps = try bench.catalog.read { transaction in try transaction.overview(problemLimit: 100) }.problems
            .filter { $0.kind == EventKind.planGap.rawValue }.map(\.message)
        #expect(gaps == ["P.HTD expects well A1 field 1 channel 2 z 1 t 1, but no usable file provides it"])
    }

    @Test func aChangedImageReopensAFinalizedPlateAndRemovesItsDoneMarker() throws {
        let bench = try DaemonBench()
        try bench.deliverImage(image)
        let intake = Intake(roots: bench.roots, endMarker: nil, plans: PlanCache())
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
        var hooks = HookRunner(settings: DaemonSettings())
        try PlateFinalizer(logger: Logger(label: "test")).finalizeComplete(bench.catalog, hooks: &hooks)
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
