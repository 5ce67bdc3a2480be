import Foundation
import Testing
@testable import Watch

extension FolderWatcherTests {
    @Test func treeCreatedLikeCpRIsReportedCompletely() async throws {
        let folder = try TemporaryFolder()
        let (watcher, recorder) = try Self.startWatching(folder.path)
        defer { watcher.stop() }
        #expect(await recorder.wait { $0.scansFinished == 1 })

        // Folders and files as fast as cp -r makes them: most files exist before their folder's watch does.
        var expected: Set<String> = []
        for tree in 1...3 {
            var folderPath = "copy\(tree)"
            for level in 1...6 {
                folderPath += "/level\(level)"
                try FileWriter.makeFolder(folder.file(folderPath))
                for index in 1...3 {
                    let name = "\(folderPath)/f\(index).tif"
                    try FileWriter.write(folder.file(name), size: 128)
                    expected.insert(name)
                }
            }
        }
        try FileWriter.makeFolder(folder.file("deep/a/b/c/d/e/f/g"))
        try FileWriter.write(folder.file("deep/a/b/c/d/e/f/g/bottom.tif"), size: 128)
        expected.insert("deep/a/b/c/d/e/f/g/bottom.tif")

        #expect(await recorder.wait { Set($0.stableFingerprints.keys) == expected })
        #expect(recorder.events.stableFingerprints.values.allSatisfy { $0.count == 1 })
    }

    @Test func burstOfTenThousandFilesIsReportedOnceEach() async throws {
        let folder = try TemporaryFolder()
        let (watcher, recorder) = try Self.startWatching(folder.path, quietPeriod: .milliseconds(500))
        defer { watcher.stop() }
        #expect(await recorder.wait { $0.scansFinished == 1 })

        // Three events per file: far more than the 16,384 the kernel queues, so the queue overflows unless
        // the reader keeps up; either way every file must come out exactly once.
        let count = 10_000
        try FileWriter.makeFolder(folder.file("burst"))
        for index in 0..<count {
            try FileWriter.write(folder.file("burst/\(index).tif"), size: 16)
        }
        #expect(await recorder.wait(timeout: .seconds(60)) { $0.stableFingerprints.count == count })
        await recorder.settle(for: .milliseconds(800))

        let stable = recorder.events.stableFingerprints
        #expect(stable.count == count)
        #expect(stable.values.allSatisfy { $0.count == 1 })
        #expect(Set(stable.keys) == Set((0..<count).map { "burst/\($0).tif" }))
    }

    @Test func movedFolderIsResyncedAndReportedUnderItsNewName() async throws {
        let folder = try TemporaryFolder()
        try FileWriter.makeFolder(folder.file("run1/sub"))
        try FileWriter.write(folder.file("run1/sub/a.tif"), size: 64)
        let (watcher, recorder) = try Self.startWatching(folder.path)
        defer { watcher.stop() }
        #expect(await recorder.wait { $0.stableFingerprints["run1/sub/a.tif"] != nil })

        try FileWriter.rename(folder.file("run1"), to: folder.file("run2"))
        #expect(await recorder.wait { $0.stableFingerprints["run2/sub/a.tif"] != nil && $0.vanishedPaths == ["run1/sub/a.tif"] })
        // Written after the move: the library would report it under run1/ had the watches not been rebuilt.
        try FileWriter.write(folder.file("run2/sub/b.tif"), size: 64)
        #expect(await recorder.wait { $0.stableFingerprints["run2/sub/b.tif"] != nil })

        let states = recorder.events.states
        #expect(states.contains(.resyncing(reason: "folder \(folder.path)/run1 was moved")))
        #expect(states.last == .watching)
        #expect(recorder.events.stableFingerprints["run1/sub/b.tif"] == nil)
    }

    @Test func deletedAndRecreatedRootIsPickedUpAgain() async throws {
        let folder = try TemporaryFolder()
        let rootPath = folder.file("exports")
        try FileWriter.makeFolder(rootPath)
        try FileWriter.write(rootPath + "/old.tif", size: 64)
        let (watcher, recorder) = try Self.startWatching(rootPath, pollInterval: .milliseconds(500))
        defer { watcher.stop() }
        #expect(await recorder.wait { $0.stableFingerprints["old.tif"] != nil })

        try FileWriter.remove(rootPath)
        #expect(await recorder.wait { $0.states.contains { if case .missing = $0 { true } else { false } } })
        #expect(recorder.events.vanishedPaths == ["old.tif"])

        try FileWriter.makeFolder(rootPath)
        #expect(await recorder.wait { $0.states.last == .watching })
        try FileWriter.write(rootPath + "/new.tif", size: 64)
        #expect(await recorder.wait { $0.stableFingerprints["new.tif"] != nil })
        #expect(recorder.events.states.first == .watching)
    }
}
