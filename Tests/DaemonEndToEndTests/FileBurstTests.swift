import Foundation
import Testing
import TIFF

extension DaemonEndToEndSuite {
    @Suite("a burst of files larger than the inotify queue")
    struct FileBurstTests {
        static let filesPerFolder = 500

        /// 10,000 files, or more on a machine whose queue is larger: each file brings at least two events
        /// (create, close-write), so the burst always overflows the queue.
        static func fileCount() throws -> Int {
            let text = try String(contentsOfFile: "/proc/sys/fs/inotify/max_queued_events", encoding: .utf8)
            let queueLimit = try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines)))
            return max(10_000, queueLimit / 2 + 1)
        }

        /// Small TIFFs dropped into watched folders while the daemon is frozen (SIGSTOP), so the kernel's
        /// inotify queue overflows and events are lost; once thawed the daemon must rescan and catalogue every
        /// file. Their names match no instrument, so they are recorded as rejected, with the reason, rather
        /// than written into a plate.
        @Test func everyFileOfTheBurstIsCatalogued() async throws {
            let fileCount = try Self.fileCount()
            let workspace = try DaemonWorkspace()
            let folders = (0..<((fileCount + Self.filesPerFolder - 1) / Self.filesPerFolder)).map { "burst/batch-\($0)" }
            for folder in folders {
                try FileManager.default.createDirectory(atPath: workspace.watched + "/" + folder, withIntermediateDirectories: true)
            }
            let daemon = try workspace.startDaemon()
            try await workspace.awaitWatching(daemon)
            let template = workspace.path + "/template.tif"
            try TIFFWriter.write(path: template, width: 16, height: 16, sampleType: .uint8, pages: [(0..<256).map { UInt8($0) }])
            let bytes = try Data(contentsOf: URL(fileURLWithPath: template))

            daemon.suspend()
            let paths = (0..<fileCount).map { "\(folders[$0 / Self.filesPerFolder])/snapshot-\($0).tif" }
            for path in paths {
                try bytes.write(to: URL(fileURLWithPath: workspace.watched + "/" + path))
            }
            daemon.resume()

            let inspector = try CatalogueInspector(path: workspace.catalogue)
            try await Deadline.poll(for: "all \(fileCount) files of the burst in the catalogue", daemon: daemon) {
                try inspector.fileCount(under: "burst/") == fileCount ? true : nil
            }
            let overflows = try inspector.events(kind: .rootState).filter { $0.message.contains("overflow") }
            #expect(!overflows.isEmpty, "the inotify queue never overflowed, so its recovery was not exercised:\n\(daemon.log)")
            let files = try await workspace.command(["files", "--json", "--limit", String(2 * fileCount)])
            try #require(files.exitCode == 0, "\(files.transcript)")
            let listed = Set((try files.json().arrayValue ?? []).compactMap { $0["path"]?.stringValue })
            let missing = paths.filter { !listed.contains($0) }
            #expect(missing.isEmpty, "\(missing.count) files not listed by platedrop files, e.g. \(missing.prefix(5))")
            try await workspace.stop(daemon)
        }
    }
}
