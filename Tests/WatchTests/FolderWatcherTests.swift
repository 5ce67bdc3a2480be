import Foundation
import Testing
@testable import Watch

/// Real inotify on temporary folders. libinotifytools is process-global, so these run one at a time.
@Suite(.serialized)
struct FolderWatcherTests {
    static let quiet = Duration.milliseconds(400)

    /// A started watcher on `path` with a recorder attached; the caller stops it.
    static func startWatching(
        _ path: String,
        mode: WatchMode = .automatic,
        quietPeriod: Duration = quiet,
        pollInterval: Duration = .seconds(1),
        followSymlinks: Bool = false
    ) throws -> (FolderWatcher, EventRecorder) {
        let root = WatchRoot(
            id: "bench", path: path, mode: mode, quietPeriod: quietPeriod,
            pollInterval: pollInterval, followSymlinks: followSymlinks
        )
        let watcher = try FolderWatcher(roots: [root])
        let recorder = EventRecorder(watcher)
        try watcher.start()
        return (watcher, recorder)
    }

    @Test func fileWrittenInOneGoBecomesStableAfterTheQuietPeriod() async throws {
        let folder = try TemporaryFolder()
        let (watcher, recorder) = try Self.startWatching(folder.path)
        defer { watcher.stop() }
        #expect(await recorder.wait { $0.scansFinished == 1 })

        let writeStarted = ContinuousClock.now
        try FileWriter.write(folder.file("A01_s1_w1.tif"), size: 1000)
        #expect(await recorder.wait { $0.stableFingerprints["A01_s1_w1.tif"] != nil })

        let arrival = try #require(recorder.timedEvents.first { $0.event.relativePath == "A01_s1_w1.tif" })
        #expect(arrival.at - writeStarted >= Self.quiet, "reported before it had been quiet for Q")
        #expect(recorder.events.stableFingerprints["A01_s1_w1.tif"]?.map(\.size) == [1000])
        #expect(recorder.events.states == [.watching])
    }

    @Test func slowAppendIsReportedOnceAfterTheLastWriteWithTheFinalSize() async throws {
        let folder = try TemporaryFolder()
        // Far above the 250 ms between writes, so a writer starved by a busy machine still keeps the file unquiet.
        let quiet = Duration.seconds(3)
        let (watcher, recorder) = try Self.startWatching(folder.path, quietPeriod: quiet)
        defer { watcher.stop() }
        #expect(await recorder.wait { $0.scansFinished == 1 })

        // Reopened for every chunk, as writers that patch headers do: CLOSE_WRITE fires each time.
        let path = folder.file("slow.tif")
        var lastWriteStarted = ContinuousClock.now
        for _ in 0..<6 {
            lastWriteStarted = .now
            try FileWriter.write(path, size: 4096, appending: true)
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(await recorder.wait { $0.stableFingerprints["slow.tif"] != nil })
        await recorder.settle(for: .milliseconds(500))

        #expect(recorder.events.stableFingerprints["slow.tif"]?.map(\.size) == [6 * 4096])
        let arrival = try #require(recorder.timedEvents.first { $0.event.relativePath == "slow.tif" })
        #expect(arrival.at - lastWriteStarted >= quiet)
    }

    @Test func fileRenamedFromATemporaryNameIsReportedOnlyUnderItsFinalName() async throws {
        let folder = try TemporaryFolder()
        let (watcher, recorder) = try Self.startWatching(folder.path)
        defer { watcher.stop() }
        #expect(await recorder.wait { $0.scansFinished == 1 })

        try FileWriter.write(folder.file(".x.tif.partial"), size: 4096)
        try FileWriter.rename(folder.file(".x.tif.partial"), to: folder.file("x.tif"))
        #expect(await recorder.wait { $0.stableFingerprints["x.tif"] != nil })
        await recorder.settle(for: Self.quiet + .milliseconds(300))

        #expect(recorder.events.stableFingerprints["x.tif"]?.map(\.size) == [4096])
        // Renamed long before it could settle: never reported, so its disappearance is not reported either.
        #expect(recorder.events.mentioning(".x.tif.partial").isEmpty)
    }

    @Test func filesPresentBeforeStartAreReportedAndUntouchedOnesAtOnce() async throws {
        let folder = try TemporaryFolder()
        let names = (1...20).map { "plate1/A\($0)/f1.tif" }
        for name in names {
            try FileWriter.makeFolder((folder.file(name) as NSString).deletingLastPathComponent)
            try FileWriter.write(folder.file(name), size: 64)
        }
        // Older than the quiet period: ctime proves nothing has touched them for Q.
        try await Task.sleep(for: Self.quiet + .milliseconds(300))

        let (watcher, recorder) = try Self.startWatching(folder.path)
        defer { watcher.stop() }
        #expect(await recorder.wait { $0.scansFinished == 1 })

        let events = recorder.events
        #expect(Set(events.stableFingerprints.keys) == Set(names))
        #expect(events.stableFingerprints.values.allSatisfy { $0.count == 1 })
        // Stable during the walk itself, before it finished, without waiting another Q.
        let walkEnd = try #require(events.firstIndex { if case .scanFinished = $0 { true } else { false } })
        #expect(events[..<walkEnd].stableFingerprints.count == names.count)
        #expect(events[walkEnd] == .scanFinished(root: "bench", files: 20, seconds: events[walkEnd].scanSeconds))
    }

    @Test func changedFileIsReportedAgainAndDeletedFileVanishes() async throws {
        let folder = try TemporaryFolder()
        let (watcher, recorder) = try Self.startWatching(folder.path)
        defer { watcher.stop() }
        #expect(await recorder.wait { $0.scansFinished == 1 })

        try FileWriter.write(folder.file("a.tif"), size: 2048, byte: 0x41)
        #expect(await recorder.wait { $0.stableFingerprints["a.tif"]?.count == 1 })
        // Same size, new content: only times (and ctime) tell.
        try FileWriter.write(folder.file("a.tif"), size: 2048, byte: 0x42)
        #expect(await recorder.wait { $0.stableFingerprints["a.tif"]?.count == 2 })

        try FileWriter.write(folder.file("short-lived.tif"), size: 10)
        try FileWriter.remove(folder.file("short-lived.tif"))
        try FileWriter.remove(folder.file("a.tif"))
        #expect(await recorder.wait { $0.vanishedPaths == ["a.tif"] })
        await recorder.settle(for: Self.quiet + .milliseconds(300))

        let reports = try #require(recorder.events.stableFingerprints["a.tif"])
        #expect(reports.count == 2)
        #expect(reports[0].size == reports[1].size && reports[0] != reports[1])
        #expect(recorder.events.mentioning("short-lived.tif").isEmpty, "never stable, so neither reported nor vanished")
        #expect(recorder.events.vanishedPaths == ["a.tif"])
    }

    @Test func stopReturnsPromptlyFinishesTheStreamAndFreesTheProcessForAnotherWatcher() async throws {
        let folder = try TemporaryFolder()
        let (watcher, recorder) = try Self.startWatching(folder.path)
        #expect(await recorder.wait { $0.scansFinished == 1 })
        let other = try FolderWatcher(roots: [WatchRoot(id: "other", path: folder.path)])
        #expect(throws: WatchError.anotherWatcherRunning(paths: [folder.path])) { try other.start() }

        let stopStarted = ContinuousClock.now
        watcher.stop()
        #expect(ContinuousClock.now - stopStarted < .seconds(5))
        #expect(await recorder.wait(timeout: .seconds(5)) { _ in recorder.finished })
        #expect(throws: WatchError.alreadyStarted(paths: [folder.path])) { try watcher.start() }

        try other.start()
        other.stop()
    }
}

extension WatchEvent {
    /// The duration a `.scanFinished` carries, so whole events can be compared.
    var scanSeconds: Double {
        if case let .scanFinished(_, _, seconds) = self { seconds } else { 0 }
    }
}
