import Catalog
import Config
import FileIdentity
import Foundation
@testable import PlateDropDaemon
import TIFF
import Testing
import Watch

/// A watched folder, its output folder and a catalogue in a temporary directory: the daemon's steps
/// (intake, planning, finalizing) run against them directly, without the watcher or the loop.
struct DaemonBench {
    let directory: String
    let catalog: Catalog
    let root: DaemonConfiguration.Root

    init(quietPeriod: Duration = .seconds(30), layout: String = "imagexpress") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("daemon-\(UUID().uuidString)").path
        let watched = directory + "/watched"
        try FileManager.default.createDirectory(atPath: watched, withIntermediateDirectories: true)
        let settings = WatchSettings(id: "lab", path: watched, layout: layout, output: directory + "/plates",
                                     quietPeriod: quietPeriod)
        root = try #require(try DaemonConfiguration(config: PlateDropConfig(watches: [settings])).roots.first)
        catalog = try Catalog(path: directory + "/catalog.sqlite")
        let record = RootRecord(id: "lab", path: root.settings.path, layout: root.layout.name, output: root.settings.output,
                                state: .starting, updatedAt: 0)
        try catalog.write { transaction in try transaction.startDaemon(pid: 1, roots: [record], at: 0) }
    }

    var roots: [String: DaemonConfiguration.Root] { ["lab": root] }

    /// Writes a small TIFF at `relativePath` of the watched folder; `size` stands in for its fingerprint.
    func deliverImage(_ relativePath: String) throws {
        try FileManager.default.createDirectory(atPath: root.settings.path + "/" + (relativePath as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try TIFFWriter.write(path: root.settings.path + "/" + relativePath, width: 8, height: 4, sampleType: .uint8,
                             pages: [[UInt8](repeating: 7, count: 32)])
    }

    /// The watcher's report that `relativePath` is stable, with a fingerprint told apart by `version`.
    func stable(_ relativePath: String, version: Int64 = 1) -> WatchEvent {
        .stable(root: "lab", relativePath: relativePath,
                fingerprint: FileFingerprint(size: version, modificationNanoseconds: version, changeNanoseconds: version,
                                             inode: 1))
    }

    /// The watcher's report that `relativePath` is stable with its real fingerprint, as the writer checks it.
    func actuallyStable(_ relativePath: String) throws -> WatchEvent {
        .stable(root: "lab", relativePath: relativePath,
                fingerprint: try #require(FileFingerprint.current(path: root.settings.path + "/" + relativePath)))
    }

    func plate(_ name: String) throws -> PlateRecord? {
        try catalog.read { transaction in try transaction.plate(named: name) }
    }

    func wells(of plate: PlateRecord) throws -> [WellRecord] {
        try catalog.read { transaction in try transaction.wells(plate: plate.id!) }
    }
}
