import Foundation
import SampleExports
import Zarr

/// The daemon's latency: from the moment a well's last file has been unchanged for the quiet period (it
/// is stable by definition then) to the moment the plate metadata lists the well.
struct WellLatencyBenchmark {
    let export: GeneratedExport
    let workdir: String
    let quietPeriod: Double = 1

    /// Feeds `wells` one after another to a fresh daemon and returns each well's latency in seconds.
    func run(wells: [WellIndex], plateName: String) throws -> [Double] {
        let watch = workdir + "/watch", output = workdir + "/plates"
        try? FileManager.default.removeItem(atPath: workdir)
        for folder in [watch, output] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let daemon = try ChildProcess.start(
            [ExecutablePath.current, "serve", "--watch", watch, "--out", output, "--catalog", workdir + "/catalog.sqlite",
             "--quiet-period", "\(Int(quietPeriod))s"], outputPath: workdir + "/daemon.log")
        defer { ChildProcess.stop(daemon) }
        for plan in export.planFiles {
            try deliver(plan, to: watch)
        }
        let plateMetadata = output + "/" + plateName + ".ome.zarr/zarr.json"
        return try wells.map { well in
            for image in export.images where image.row == well.row && image.column == well.column {
                try deliver(image.relativePath, to: watch)
            }
            let stable = Date().addingTimeInterval(quietPeriod)
            let path = "\(well.rowLetters)/\(well.column + 1)"
            let deadline = Date().addingTimeInterval(120)
            while Date() < deadline {
                if Self.lists(plateMetadata, wellPath: path) { return Date().timeIntervalSince(stable) }
                Thread.sleep(forTimeInterval: 0.005)
            }
            throw BenchmarkError.runFailed(command: "platedrop serve (well \(path) never listed; see \(workdir)/daemon.log)",
                                           status: -1)
        }
    }

    private func deliver(_ relativePath: String, to watch: String) throws {
        let target = URL(fileURLWithPath: watch + "/" + relativePath)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent("." + target.lastPathComponent + ".partial")
        try FileManager.default.copyItem(atPath: export.root + "/" + relativePath, toPath: temporary.path)
        guard rename(temporary.path, target.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
        }
    }

    private static func lists(_ metadataPath: String, wellPath: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: metadataPath),
              let document = try? JSONValue(parsing: [UInt8](data)),
              let wells = document["attributes"]?["ome"]?["plate"]?["wells"]?.arrayValue else { return false }
        return wells.contains { $0["path"]?.stringValue == wellPath }
    }
}
