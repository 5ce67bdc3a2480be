import Foundation
import Testing
@testable import Watch

extension FolderWatcherTests {
    /// The inotify thread is held back while a burst overflows the kernel queue (left to itself, the reader
    /// keeps up with 10,000 files); the resync must then find every file the dropped events named.
    @Test func overflowedQueueIsRecoveredByAResyncThatFindsEveryFile() async throws {
        let maxQueued = try #require(InotifyLimits.maxQueuedEvents)
        try #require(maxQueued <= 65_536, "a burst large enough to overflow this queue would take too long")
        let folder = try TemporaryFolder()
        let harness = EngineHarness(root: WatchRoot(id: "bench", path: folder.path, quietPeriod: .milliseconds(500)))
        defer { harness.stop() }
        // This thread owns the session until the session thread takes over; never both at once.
        nonisolated(unsafe) let session = InotifySession(
            commands: harness.inotifyMailbox, engine: harness.engineMailbox, stopFlag: harness.stopFlag
        )
        session.watchRoot(InotifyRoot(id: "bench", path: folder.path))
        #expect(await harness.recorder.wait { $0.scansFinished == 1 })

        // At least one event per file (the kernel may merge a file's others) and nobody reading: more files
        // than the queue holds overflow it for sure.
        let count = maxQueued + 2_000
        for index in 0..<count {
            try FileWriter.write(folder.file("\(index).tif"), size: 16)
        }
        harness.startThread { session.run() }

        // The overflow notice comes last in the queue: a walk may report every file before it is read.
        let overflow = "the inotify event queue overflowed (fs.inotify.max_queued_events=\(maxQueued)); events were lost"
        let recovered = await harness.recorder.wait(timeout: .seconds(60)) { events in
            events.stableFingerprints.count == count && events.states.contains(.resyncing(reason: overflow))
                && events.states.last == .watching
        }
        let events = harness.recorder.events
        #expect(recovered, "files reported: \(events.stableFingerprints.count) of \(count); states: \(events.states)")
        #expect(events.stableFingerprints.values.allSatisfy { $0.count == 1 })
    }

    /// ENOSPC cannot be provoked without lowering a machine-wide sysctl, so the inotify side reports it.
    @Test func watchLimitSwitchesTheRootToPolling() async throws {
        let folder = try TemporaryFolder()
        let harness = EngineHarness(root: WatchRoot(id: "bench", path: folder.path, quietPeriod: .milliseconds(300), pollInterval: .seconds(1)))
        defer { harness.stop() }
        harness.engineMailbox.post(.rootWatchFailed(rootID: "bench", failure: .watchLimitReached(maxUserWatches: 8192)))
        try FileWriter.write(folder.file("a.tif"), size: 10)

        #expect(await harness.recorder.wait { $0.stableFingerprints["a.tif"] != nil })
        #expect(harness.recorder.events.states == [.polling(reason: "inotify watch limit reached (fs.inotify.max_user_watches=8192); polling every 1s")])
        let commands = harness.inotifyMailbox.takeAll()
        #expect(commands.count == 1)
        if case let .watchRoot(root) = commands.first {
            #expect(root == InotifyRoot(id: "bench", path: folder.path))
        } else {
            Issue.record("the engine should first have asked for an inotify watch, not \(commands)")
        }
    }
}
