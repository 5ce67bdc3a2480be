import Foundation
import SampleExports
import Testing
import Zarr

/// The hooks under a running daemon: exact arguments and the JSON summary each reads on standard input.
@Suite("alerts: on_stall, on_incomplete, on_complete and on_failure")
struct AlertTests {
    /// A plan for A1 and D7 (2 channels each); D7 never comes. The plate stalls once while it waits for D7 (a new
    /// file would re-arm it: AlertStepTests), then the plate timeout closes it without D7, so on_incomplete and
    /// on_complete both run.
    @Test func aStalledPlateClosedWithoutAPlannedWellRaisesStallOnceThenIncompleteAndComplete() async throws {
        let bench = try FaultBench(prefix: "alerts")
        let hooks = try HookRecorder(in: bench.work)
        bench.config.plateTimeout = "12s"
        bench.config.stallAfter = "2s"
        bench.config.onStall = hooks.command("stall")
        bench.config.onIncomplete = hooks.command("incomplete")
        bench.config.onComplete = hooks.command("complete")
        bench.config.onFailure = hooks.command("failure")
        let spec = ExportSpec(layout: .imageXpress, plateName: "Gap", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 3, column: 6)],
                              fields: 1, channels: 2, width: 64, height: 48, seed: 3)
        let export = try await generateExport(spec, into: try bench.work.folder("src/Gap"))
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        let store = bench.output + "/Gap.ome.zarr"
        let delivered = Date().timeIntervalSince1970
        try Delivery.copy(Delivery.paths(of: export, wells: ["A1"], plans: true), from: export.root, to: bench.faultyRoot)

        var stalls: [HookRecorder.Run] = []
        let stalled = try await eventually(seconds: 30) {
            stalls = try hooks.runs("stall", plate: "Gap")
            return !stalls.isEmpty
        }
        try #require(stalled, "no on_stall run:\n\(daemon.log)")
        let stall = stalls[0].summary
        #expect(stalls[0].arguments == ["stall"], "on_stall gets its words only: \(stalls[0].arguments)")
        #expect(stall["event"] == "stall" && stall["root"] == "faulty" && stall["store"]?.stringValue == store, "\(stall)")
        #expect(stall["stallAfterSeconds"]?.doubleValue == 2 && (stall["secondsSinceLastFile"]?.doubleValue ?? 0) >= 2, "\(stall)")
        let wells = (stall["wellsWritten"]?.arrayValue ?? []) + (stall["wellsWaiting"]?.arrayValue ?? [])
        #expect(wells == ["A1"], "\(stall)")
        let lastFile = stall["lastFileAt"]?.doubleValue ?? 0, at = stall["at"]?.doubleValue ?? 0
        #expect(lastFile >= delivered && at - lastFile >= 2, "\(stall)")
        #expect(stall["time"]?.stringValue?.hasSuffix("Z") == true, "\(stall)")

        #expect(try await bench.waitForPlate("Gap", seconds: 60), "Gap not finalized by the timeout:\n\(daemon.log)")
        var incomplete: [HookRecorder.Run] = [], complete: [HookRecorder.Run] = []
        _ = try await eventually(seconds: 20) {
            incomplete = try hooks.runs("incomplete", plate: "Gap")
            complete = try hooks.runs("complete", plate: "Gap")
            return !incomplete.isEmpty && !complete.isEmpty
        }
        try #require(incomplete.count == 1 && complete.count == 1, "incomplete \(incomplete.count), complete \(complete.count) runs")
        #expect(incomplete[0].arguments == ["incomplete"])
        #expect(complete[0].arguments == ["complete", store], "on_complete keeps the plate path as its last argument")
        let summary = incomplete[0].summary
        #expect(summary["event"] == "incomplete" && summary["plate"] == "Gap" && summary["root"] == "faulty"
                && summary["store"]?.stringValue == store, "\(summary)")
        #expect(summary["complete"] == false && summary["wells"] == ["A1"] && summary["missingWells"] == ["D7"]
                && summary["incompleteWells"] == [], "\(summary)")
        #expect(summary["reason"]?.stringValue?.contains("no new file for 12 s") == true, "\(summary)")
        #expect(summary["finalized"]?.doubleValue != nil && summary["at"]?.doubleValue != nil, "\(summary)")
        let finalized = complete[0].summary
        #expect(finalized["event"] == "finalized" && finalized["missingWells"] == ["D7"] && finalized["complete"] == false,
                "\(finalized)")
        // The marker a pipeline waits on says the same.
        let marker = try FaultBench.doneMarker(ofStore: store)
        #expect(marker?["missingWells"] == summary["missingWells"] && marker?["complete"] == false)

        #expect(try hooks.runs("stall", plate: "Gap").count == 1, "stalled more than once in one quiet spell")
        #expect(try hooks.runs("failure").isEmpty)
        let stallEvents = try InotifyTests.events(bench.catalog, kind: "plate-stalled").filter { $0.contains("Gap") }
        #expect(stallEvents.count == 1, "\(stallEvents)")
        let exited = try await eventually(seconds: 20) {
            try InotifyTests.events(bench.catalog, kind: "hook-exit").filter { $0.contains("status 0") }.count >= 3
        }
        #expect(exited, "hook exits not recorded: \((try? InotifyTests.events(bench.catalog, kind: "hook-exit")) ?? [])")
        let starts = try InotifyTests.events(bench.catalog, kind: "hook-start")
        for hook in ["on_stall", "on_incomplete", "on_complete"] {
            #expect(starts.contains { $0.hasPrefix("\(hook) started") }, "\(hook): \(starts)")
        }
        bench.expectDaemonRunning(daemon)
        await bench.stopAll()
    }

    /// The plate's store path is taken by a plain file, so its wells cannot be written: on_failure reports each
    /// well once (first attempt; the automatic retries in between stay quiet), and once the path is free
    /// `platedrop retry` writes the plate.
    @Test func wellsThatFailToWriteRaiseOnFailureOnceEachWithTheReason() async throws {
        let bench = try FaultBench(prefix: "onfailure")
        let hooks = try HookRecorder(in: bench.work)
        bench.config.onFailure = hooks.command("failure")
        let store = bench.output + "/Blocked.ome.zarr"
        try Data("not a plate".utf8).write(to: URL(fileURLWithPath: store))
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        try await generateExport(OutputAndSignalTests.small, into: bench.faultyRoot + "/Blocked")
        for well in ["A1", "C4"] {
            #expect(try await bench.waitForWell("Blocked", well: well, state: "failed") != nil, "\(well) did not fail:\n\(daemon.log)")
        }
        // The two wells may become ready, and fail, in one write or in two: each is reported once, first attempt.
        var runs: [HookRecorder.Run] = []
        var reported: [JSONValue] = []
        _ = try await eventually(seconds: 20) {
            runs = try hooks.runs("failure")
            reported = runs.flatMap { $0.summary["wells"]?.arrayValue ?? [] }
            return reported.count >= 2
        }
        #expect(reported.compactMap { $0["well"]?.stringValue }.sorted() == ["A1", "C4"], "\(runs.map(\.summary))")
        for well in reported {
            #expect(well["attempts"] == 1 && well["retrying"] == true && !(well["reason"]?.stringValue ?? "").isEmpty, "\(well)")
        }
        for run in runs {
            let summary = run.summary
            #expect(run.arguments == ["failure"])
            #expect(summary["event"] == "failure" && summary["cause"] == "well-failed" && summary["plate"] == "Blocked"
                    && summary["root"] == "faulty" && summary["store"]?.stringValue == store, "\(summary)")
        }
        let raised = runs.count

        try FileManager.default.removeItem(atPath: store)
        #expect(try await bench.cli(["retry", "Blocked"]).exitCode == 0)
        #expect(try await bench.waitForPlate("Blocked"), "not written once the path was free:\n\(daemon.log)")
        #expect(Set(PlateStore(root: store).listedWells) == ["A/1", "C/4"])
        #expect(try hooks.runs("failure").count == raised, "on_failure ran again without a new failure")
        bench.expectDaemonRunning(daemon)
        await bench.stopAll()
    }
}
