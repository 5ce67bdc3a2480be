import Foundation
import GRDB
import SampleExports
import Testing

/// inotify's limits and a watched folder's life: event queue overflow, watch limit, root deleted and
/// recreated, root polled by configuration.
@Suite("inotify: overflow, watch limit, root replaced, polling")
struct InotifyTests {
    /// A plate of many small files: 96 wells × 3 channels (64×48) plus the plan.
    static let burst = ExportSpec(layout: .imageXpress, plateName: "Burst", rows: 8, columns: 12,
                                  wells: (0..<96).map { WellIndex(row: $0 / 12, column: $0 % 12) }, fields: 1, channels: 3,
                                  width: 64, height: 48, seed: 9)

    /// The daemon is stopped (SIGSTOP) while more files arrive than the kernel queues for one inotify instance,
    /// so the queue overflows for real. Lowering fs.inotify.max_queued_events instead would shrink the queue of
    /// every watcher that other tests start meanwhile, since the suites run in parallel.
    @Test func eventQueueOverflowIsRecoveredByAResyncAndNoFileIsLost() async throws {
        let bench = try FaultBench(prefix: "overflow")
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)

        // The folder must be watched before the stop: files in a folder the daemon has not yet watched queue nothing.
        try FaultFolder.createEmptyFiles(count: 1, in: bench.faultyRoot + "/notes")
        let noted = try await bench.waitForFile("notes/note_0.txt", state: "ignored")
        try #require(noted != nil, "the first note was never catalogued:\n\(daemon.log)")

        daemon.signal(SIGSTOP)
        let queueLimit = Int(try String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 16384
        // An empty file queues two events (created, closed after writing): half the limit plus a margin overflows.
        try FaultFolder.createEmptyFiles(count: queueLimit / 2 + 1000, in: bench.faultyRoot + "/notes", from: 1)
        try await generateExport(Self.burst, into: bench.faultyRoot + "/Burst")
        daemon.signal(SIGCONT)

        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)
        #expect(try await bench.waitForPlate("Burst", seconds: 120), "Burst not finalized after the overflow:\n\(daemon.log)")
        let notes = try await bench.files(state: "ignored").filter { $0["path"]?.stringValue?.hasPrefix("notes/") == true }
        #expect(notes.count == queueLimit / 2 + 1001, "notes catalogued after the resync: \(notes.count)")
        let wells = try await bench.wells(plate: "Burst")
        #expect(wells.count == 96 && wells.allSatisfy { $0["state"]?.stringValue == "written" })
        let rootEvents = try Self.events(bench.catalog, kind: "root-state")
        #expect(rootEvents.contains { $0.contains("overflowed") }, "the overflow is not recorded (root-state events: \(rootEvents))")
        let state = try await bench.status()?["roots"]?.arrayValue?.first { $0["id"]?.stringValue == "faulty" }?["state"]?.stringValue
        #expect(state == "watching", "root state after the resync: \(state ?? "none")")
        try await bench.expectContainedThenStop(daemon, sourceBefore: sourceBefore)
    }

    @Test(.enabled(if: runningAsRoot, "needs an unprivileged user namespace"))
    func watchLimitSwitchesTheRootToPollingAndStatusSaysSo() async throws {
        let bench = try FaultBench(prefix: "watch-limit")
        // More folders than watches allowed: 12 nested folders, 4 watches for the daemon's own user namespace
        // (/proc/sys/user/max_inotify_watches there), so the host's limit is never touched.
        let deep = try bench.work.folder("watch/faulty/" + (1...12).map { "level\($0)" }.joined(separator: "/"))
        let setup = "echo 4 > /proc/sys/user/max_inotify_watches"
        let daemon = try bench.startDaemon(as: .userNamespace(setup: setup))
        try await bench.waitUntilServing(daemon)
        let polling = await eventually(seconds: 30) {
            let roots = (try? await bench.status()?["roots"]?.arrayValue) ?? []
            return roots.contains { $0["id"]?.stringValue == "faulty" && $0["state"]?.stringValue == "polling" }
        }
        let roots = try await bench.status()?["roots"]?.arrayValue ?? []
        let faultyReason = roots.first { $0["id"]?.stringValue == "faulty" }?["reason"]?.stringValue ?? ""
        #expect(polling && faultyReason.contains("watch limit"), "status root reason: \(faultyReason)\n\(daemon.log)")
        #expect(try await bench.recentProblems().contains { $0.contains("root-state") && $0.contains("watch limit") })

        let spec = ExportSpec(layout: .imageXpress, plateName: "Deep", wells: [WellIndex(row: 0, column: 0)], fields: 1, channels: 1,
                              width: 64, height: 48, seed: 1)
        try await generateExport(spec, into: deep)
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)
        #expect(try await bench.waitForPlate("Deep", seconds: 60), "a plate deep in the polled tree was not written:\n\(daemon.log)")
        try await bench.expectContainedThenStop(daemon, sourceBefore: sourceBefore)
    }

    @Test func watchedRootDeletedAndRecreatedIsReportedMissingThenServedAgain() async throws {
        let bench = try FaultBench(prefix: "root-gone")
        let first = ExportSpec(layout: .imageXpress, plateName: "Before", wells: [WellIndex(row: 0, column: 0)], fields: 1, channels: 1,
                               width: 64, height: 48, seed: 1)
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        try await generateExport(first, into: bench.faultyRoot + "/Before")
        #expect(try await bench.waitForPlate("Before"), "\(daemon.log)")
        let beforeStore = await PlateStore.contents(of: bench.output + "/Before.ome.zarr")

        try FileManager.default.removeItem(atPath: bench.faultyRoot)
        let missing = await eventually(seconds: 30) {
            let roots = (try? await bench.status()?["roots"]?.arrayValue) ?? []
            return roots.contains { $0["id"]?.stringValue == "faulty" && $0["state"]?.stringValue == "missing" }
        }
        #expect(missing, "status never said the root is missing:\n\(daemon.log)")
        #expect(try await bench.recentProblems().contains { $0.contains("root-state") && $0.contains("missing") })
        let vanished = await eventually(seconds: 30) {
            (try? await bench.files(state: "vanished"))?.contains { $0["path"]?.stringValue == "Before/Before_A01_s1_w1.TIF" } == true
        }
        #expect(vanished, "the files of the deleted root are not recorded as vanished")

        try FileManager.default.createDirectory(atPath: bench.faultyRoot, withIntermediateDirectories: true)
        let second = ExportSpec(layout: .imageXpress, plateName: "After", wells: [WellIndex(row: 1, column: 1)], fields: 1, channels: 1,
                                width: 64, height: 48, seed: 2)
        try await generateExport(second, into: bench.faultyRoot + "/After")
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)
        #expect(try await bench.waitForPlate("After", seconds: 60), "the recreated root is not served:\n\(daemon.log)")
        let state = try await bench.status()?["roots"]?.arrayValue?.first { $0["id"]?.stringValue == "faulty" }?["state"]?.stringValue
        #expect(state == "watching", "root state after it came back: \(state ?? "none")")
        #expect(await PlateStore.contents(of: bench.output + "/Before.ome.zarr") == beforeStore,
                "the plate of the deleted folder changed")
        try await bench.expectContainedThenStop(daemon, sourceBefore: sourceBefore)
    }

    @Test func rootConfiguredAsPolledIsPolledAndStatusSaysSo() async throws {
        let bench = try FaultBench(prefix: "polled")
        bench.config.watches[0].poll = true
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        let spec = ExportSpec(layout: .imageXpress, plateName: "Polled", wells: [WellIndex(row: 0, column: 0), WellIndex(row: 0, column: 1)],
                              fields: 1, channels: 2, width: 64, height: 48, seed: 1)
        try await generateExport(spec, into: bench.faultyRoot + "/Polled")
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)
        #expect(try await bench.waitForPlate("Polled", seconds: 60), "\(daemon.log)")
        let roots = try await bench.status()?["roots"]?.arrayValue ?? []
        let faulty = roots.first { $0["id"]?.stringValue == "faulty" }
        let reason = faulty?["reason"]?.stringValue ?? ""
        #expect(faulty?["state"]?.stringValue == "polling" && reason.contains("configured"), "status root reason: \(reason)")
        let healthy = roots.first { $0["id"]?.stringValue == "healthy" }
        #expect(healthy?["state"]?.stringValue == "watching" && healthy?["reason"] == .null)
        try await bench.expectContainedThenStop(daemon, sourceBefore: sourceBefore)
    }

    /// Messages of the catalogue's events of one kind, oldest first.
    static func events(_ catalog: String, kind: String) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: catalog, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(db, sql: "SELECT message FROM event WHERE kind = ? ORDER BY id", arguments: [kind])
        }
    }
}
