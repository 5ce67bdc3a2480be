import Foundation
import PlateDropTestSupport
import SampleExports
import Testing

/// SIGKILL at random moments of a plate write: while TIFFs are read, chunks and shards written, metadata
/// replaced, the catalogue committed. Heavy wells (1024² planes, several pyramid levels) keep each window
/// wide; the kill moment is drawn uniformly over the time an uninterrupted run takes.
@Suite("crash: SIGKILL at random points, then restart", .serialized)
struct CrashTests {
    /// 10 trials by default, 100 in the soak (PLATEDROP_SOAK=1); PLATEDROP_CRASH_TRIALS overrides both.
    static var trials: Int {
        ProcessInfo.processInfo.environment["PLATEDROP_CRASH_TRIALS"].flatMap(Int.init) ?? (soakEnabled ? 100 : 10)
    }

    static let spec = ExportSpec(
        layout: .imageXpress, plateName: "Crash",
        wells: [(0, 0), (0, 1), (2, 4), (3, 5)].map { WellIndex(row: $0.0, column: $0.1) },
        fields: 2, channels: 2, width: 1024, height: 1024, seed: 11)

    @Test func afterAKillAtARandomPointTheRestartedDaemonWritesTheSamePlateAndLeavesNoTempFiles() async throws {
        let bench = try FaultBench(prefix: "crash")
        bench.config.output = ["pyramid_smallest_side = 64"]
        try await generateExport(Self.spec, into: bench.faultyRoot + "/Crash")
        try bench.deliverHealthyPlate()
        // Older than the quiet period when first seen: stable at once, so the write starts with the daemon.
        try await Task.sleep(for: .milliseconds(1300))
        let watched = bench.work.path + "/watch"
        let sourceBefore = await snapshot(watched)
        let stores = [bench.output + "/Crash.ome.zarr", bench.healthyOutput + "/Healthy.ome.zarr"]

        // The uninterrupted run everything is compared with.
        let started = Date()
        let reference = try bench.startDaemon()
        let markers = stores.map { $0 + ".done" }
        let done = await eventually(seconds: 180, every: 0.05) { markers.allSatisfy(FileManager.default.fileExists(atPath:)) }
        let window = Date().timeIntervalSince(started)
        try #require(done, "reference run: plates not finalized:\n\(reference.log)")
        for plate in ["Crash", "Healthy"] {
            let finalized = try await bench.waitForPlate(plate, seconds: 30)
            try #require(finalized, "reference run: \(plate) not finalized in the catalogue:\n\(reference.log)")
        }
        #expect(await reference.stop()?.status == 0)
        var expected: [[String: [UInt8]]] = []
        for store in stores { expected.append(await PlateStore.contents(of: store)) }
        try #require(expected.allSatisfy { !$0.isEmpty })

        let seed = ProcessInfo.processInfo.environment["PLATEDROP_CRASH_SEED"].flatMap(UInt64.init)
            ?? UInt64.random(in: 1...UInt64(UInt32.max))
        var random = SeededRandom(seed: seed)
        var killedWhileStaging = 0
        for trial in 1...Self.trials {
            try Self.reset(bench)
            let delay = Double.random(in: 0.05...max(0.1, window), using: &random)
            let context = "trial \(trial)/\(Self.trials), seed \(seed), kill after \(String(format: "%.3f", delay)) s of \(String(format: "%.2f", window)) s"
            let victim = try bench.startDaemon()
            try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            await victim.crash()
            try #require(victim.end?.bySignal == true, "\(context): daemon had already exited (\(victim.end.map { "\($0)" } ?? "?")):\n\(victim.log)")
            if FileManager.default.fileExists(atPath: bench.output + "/.Crash.ome.zarr.staging") { killedWhileStaging += 1 }
            // A quarter of the trials also kill the restarted daemon once, during its recovery.
            if Bool.random(using: &random) && Bool.random(using: &random) == false {
                let again = try bench.startDaemon()
                try await Task.sleep(for: .milliseconds(Int(Double.random(in: 0.05...max(0.1, window / 2), using: &random) * 1000)))
                await again.crash()
            }

            let restarted = Date()
            let survivor = try bench.startDaemon()
            _ = await eventually(seconds: 180, every: 0.1) { markers.allSatisfy(FileManager.default.fileExists(atPath:)) }
            for plate in ["Crash", "Healthy"] {
                let finalized = try await bench.waitForPlate(plate, seconds: 180)
                try #require(finalized, "\(context): \(plate) not finalized after restart:\n\(survivor.log)")
            }
            print("\(context): restart settled in \(String(format: "%.2f", Date().timeIntervalSince(restarted))) s")
            // Settled: nothing left to do once the plates are final.
            let wells = try await bench.wells(plate: "Crash")
            #expect(wells.count == Self.spec.wells.count && wells.allSatisfy { $0["state"]?.stringValue == "written" },
                    "\(context): wells \(wells.map { "\(FaultBench.label(of: $0)) \($0["state"]?.stringValue ?? "?")" })")
            let rejected = try await bench.files(state: "rejected")
            #expect(rejected.isEmpty, "\(context): files rejected after the crash: \(rejected)")
            #expect(await survivor.stop()?.status == 0, "\(context): SIGTERM after settling")
            for (index, store) in stores.enumerated() {
                let found = await PlateStore.contents(of: store)
                let differing = Set(found.keys).union(expected[index].keys).filter { found[$0] != expected[index][$0] }.sorted()
                #expect(differing.isEmpty, "\(context): \(store) differs from the uninterrupted run in \(differing.prefix(10))")
            }
            let leftovers = PlateStore.leftovers(under: bench.work.path + "/out") + PlateStore.leftovers(under: bench.healthyOutput)
            #expect(leftovers.isEmpty, "\(context): left behind after the restart settled: \(leftovers)")
        }
        await bench.expectSourceUnchanged(since: sourceBefore, root: watched)
        print("crash trials: \(Self.trials), seed \(seed), window \(String(format: "%.2f", window)) s, "
              + "\(killedWhileStaging) kill(s) left a staging area behind for the restart to clean")
    }

    /// Fresh outputs and catalogue; the watched folders stay as they are.
    static func reset(_ bench: FaultBench) throws {
        for folder in [bench.output, bench.healthyOutput, bench.work.path + "/state"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
                try FileManager.default.removeItem(atPath: folder + "/" + name)
            }
        }
    }
}

@Suite("crash leftovers")
struct CrashLeftoverTests {
    /// A SIGKILL between a FileStore temp file's creation and its rename leaves `.<name>.tmp-<pid>-<random>` beside
    /// the metadata it was replacing (plate, well or field zarr.json, the done marker). The kill here comes while
    /// the plate is being written; the temp files such a kill leaves in the live store are then added with the
    /// dead pid, since a random kill seldom lands in those few microseconds. After the restart has settled none may remain.
    @Test func tempFilesOfAKilledWriterAreGoneOnceTheRestartHasSettled() async throws {
        let bench = try FaultBench(prefix: "leftovers")
        try await generateExport(SourceFaultTests.heavy, into: bench.faultyRoot + "/Busy")
        try bench.deliverHealthyPlate()
        try await Task.sleep(for: .milliseconds(1300))
        let sourceBefore = await snapshot(bench.work.path + "/watch")
        let victim = try bench.startDaemon()
        let store = bench.output + "/Busy.ome.zarr"
        let firstWellListed = await eventually(seconds: 120, every: 0.02) { !PlateStore(root: store).listedWells.isEmpty }
        try #require(firstWellListed, "no well published:\n\(victim.log)")
        await victim.crash()
        let dead = victim.pid
        let planted = [
            store + "/.zarr.json.tmp-\(dead)-5eed0001",
            store + "/A/.zarr.json.tmp-\(dead)-5eed0002",
            bench.output + "/.Busy.ome.zarr.done.tmp-\(dead)-5eed0003",
        ]
        for path in planted {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data("{\"zarr_format\": 3, \"node_ty".utf8).write(to: URL(fileURLWithPath: path))
        }

        let survivor = try bench.startDaemon()
        #expect(try await bench.waitForPlate("Busy", seconds: 120), "not finalized after restart:\n\(survivor.log)")
        try await bench.expectHealthyPlateWritten()
        try await Task.sleep(for: .seconds(2))
        let leftovers = PlateStore.leftovers(under: bench.work.path + "/out")
        #expect(leftovers.isEmpty, "temp files of the killed daemon (pid \(dead)) still there after the restart settled: \(leftovers)")
        #expect(try await bench.binary.run(["validate", store]).exitCode == 0)
        bench.expectDaemonRunning(survivor)
        await bench.expectSourceUnchanged(since: sourceBefore, root: bench.work.path + "/watch")
        await bench.stopAll()
    }
}
