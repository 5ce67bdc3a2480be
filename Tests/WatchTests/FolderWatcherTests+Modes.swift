import Foundation
import Glibc
import Testing
@testable import Watch

extension FolderWatcherTests {
    @Test func polledRootReportsFilesWithoutInotify() async throws {
        let folder = try TemporaryFolder()
        let (watcher, recorder) = try Self.startWatching(folder.path, mode: .polling, pollInterval: .milliseconds(500))
        defer { watcher.stop() }
        #expect(await recorder.wait { $0.scansFinished >= 1 })
        #expect(recorder.events.states == [.polling(reason: "polling configured; polling every 0.5s")])
        #expect(InotifyDescriptor.openDescriptors().isEmpty, "a polled root must not open inotify")

        try FileWriter.makeFolder(folder.file("sub"))
        try FileWriter.write(folder.file("sub/p.tif"), size: 300)
        #expect(await recorder.wait { $0.stableFingerprints["sub/p.tif"]?.map(\.size) == [300] })
        try FileWriter.remove(folder.file("sub/p.tif"))
        #expect(await recorder.wait { $0.vanishedPaths == ["sub/p.tif"] })
    }

    @Test func symlinksAndSpecialFilesAreSkippedOnceAndNotFollowed() async throws {
        let folder = try TemporaryFolder()
        let outside = try TemporaryFolder()
        try FileWriter.write(outside.file("target.tif"), size: 64)
        try FileWriter.makeFolder(outside.file("dir"))
        try FileWriter.write(outside.file("dir/inside.tif"), size: 64)
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.tif"), withDestinationPath: outside.file("target.tif"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("linkdir"), withDestinationPath: outside.file("dir"))
        #expect(mkfifo(folder.file("pipe"), 0o600) == 0)
        try FileWriter.write(folder.file("real.tif"), size: 64)

        let (watcher, recorder) = try Self.startWatching(folder.path)
        defer { watcher.stop() }
        #expect(await recorder.wait { $0.scansFinished == 1 && $0.stableFingerprints["real.tif"] != nil })
        try FileManager.default.createSymbolicLink(atPath: folder.file("late-link.tif"), withDestinationPath: outside.file("target.tif"))
        #expect(await recorder.wait { $0.skippedPaths.contains("late-link.tif") })

        // A rescan walks everything again; skipped names and unchanged files are not reported twice.
        watcher.requestRescan(root: nil)
        #expect(await recorder.wait { $0.scansFinished == 2 })

        let events = recorder.events
        #expect(events.skippedPaths.sorted() == ["late-link.tif", "link.tif", "linkdir", "pipe"])
        #expect(events.contains(.skipped(root: "bench", relativePath: "link.tif", reason: "symbolic link, not followed (followSymlinks is off)")))
        #expect(events.contains(.skipped(root: "bench", relativePath: "pipe", reason: "not a regular file (named pipe)")))
        #expect(Array(events.stableFingerprints.keys) == ["real.tif"])
        #expect(events.states == [.watching, .resyncing(reason: "rescan requested"), .watching])
    }

    @Test func inotifyDescriptorIsClosedOnExec() async throws {
        let folder = try TemporaryFolder()
        let (watcher, recorder) = try Self.startWatching(folder.path)
        defer { watcher.stop() }
        #expect(await recorder.wait { $0.states == [.watching] })

        let descriptors = InotifyDescriptor.openDescriptors()
        #expect(!descriptors.isEmpty)
        #expect(descriptors.allSatisfy { fcntl($0, F_GETFD) & FD_CLOEXEC != 0 })
    }
}

extension FolderWatcherTests {
    @Test func rootMissingAtStartIsWatchedOnceItAppears() async throws {
        let folder = try TemporaryFolder()
        let rootPath = folder.file("not-yet")
        let (watcher, recorder) = try Self.startWatching(rootPath, pollInterval: .milliseconds(500))
        defer { watcher.stop() }
        #expect(await recorder.wait { !$0.states.isEmpty })
        #expect(recorder.events.states == [.missing(reason: "\(rootPath) does not exist; looking again every 0.5s")])

        try FileWriter.makeFolder(rootPath + "/plate")
        try FileWriter.write(rootPath + "/plate/a.tif", size: 10)
        #expect(await recorder.wait { $0.stableFingerprints["plate/a.tif"] != nil })
        try FileWriter.write(rootPath + "/plate/b.tif", size: 10)
        #expect(await recorder.wait { $0.stableFingerprints["plate/b.tif"] != nil })
        #expect(recorder.events.states.last == .watching)
    }

    @Test func followedSymlinksAreWalkedAndWatchedUnderTheirLinkNames() async throws {
        let folder = try TemporaryFolder()
        let outside = try TemporaryFolder()
        try FileWriter.write(outside.file("target.tif"), size: 64)
        try FileWriter.makeFolder(outside.file("dir"))
        try FileWriter.write(outside.file("dir/inside.tif"), size: 64)
        try FileManager.default.createSymbolicLink(atPath: folder.file("link.tif"), withDestinationPath: outside.file("target.tif"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("linkdir"), withDestinationPath: outside.file("dir"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("loop"), withDestinationPath: folder.path)

        let (watcher, recorder) = try Self.startWatching(folder.path, followSymlinks: true)
        defer { watcher.stop() }
        #expect(await recorder.wait { Set($0.stableFingerprints.keys) == ["link.tif", "linkdir/inside.tif"] })
        #expect(recorder.events.skippedPaths == ["loop"])

        // Written into the link's target after the start: seen through the watch added for the link.
        try FileWriter.write(outside.file("dir/later.tif"), size: 64)
        #expect(await recorder.wait { $0.stableFingerprints["linkdir/later.tif"] != nil })
    }
}
