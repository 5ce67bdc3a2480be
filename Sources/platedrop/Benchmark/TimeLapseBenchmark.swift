import Foundation
import SampleExports
import Zarr

/// The time-lapse scenario of `make bench`: a 96-well plate (1 field, 2 channels of 1024² uint16) imaged
/// `timepoints` times, dropped into a fresh daemon one timepoint at a time, each once the one before is
/// readable in every well; against one `platedrop ingest` of the finished export.
struct TimeLapseBenchmark {
    let workdir: String
    let timepoints: Int
    let quietPeriod: Double = 1

    struct Figures {
        let daemon: ChildProcess.Measurement
        let batch: ChildProcess.Measurement
        /// Per timepoint: seconds from its last file being stable to it being readable in every well.
        let timepointLatencies: [Double]
        /// Per timepoint and well: seconds from the timepoint's last file being stable to the well holding it.
        let wellLatencies: [Double]
        let rawBytes: Int
    }

    var spec: ExportSpec {
        ExportSpec(layout: .imageXpress, plateName: "TimeLapse", rows: 8, columns: 12,
                   wells: (0..<8).flatMap { row in (0..<12).map { WellIndex(row: row, column: $0) } },
                   fields: 1, channels: 2, timepoints: timepoints, width: 1024, height: 1024, sampleType: .uint16, seed: 11)
    }

    func run() throws -> Figures {
        let export = try prepareExport()
        let batchOutput = workdir + "/batch"
        try? FileManager.default.removeItem(atPath: batchOutput)
        let ingest = [ExecutablePath.current, "ingest", export.root, "--out", batchOutput, "--layout", "imagexpress"]
        let batch = try ChildProcess.measure(ingest)
        guard batch.exitStatus == 0 else {
            throw BenchmarkError.runFailed(command: ingest.joined(separator: " "), status: batch.exitStatus)
        }
        let (daemon, timepointLatencies, wellLatencies) = try serve(export)
        let raw = spec.wells.count * spec.fields * spec.channels * timepoints * spec.width * spec.height * spec.sampleType.byteCount
        return Figures(daemon: daemon, batch: batch, timepointLatencies: timepointLatencies, wellLatencies: wellLatencies,
                       rawBytes: raw)
    }

    /// The daemon's run: the plan first, then each timepoint's files, linked into the watched folder (so no
    /// copying competes with the daemon); the daemon's measurement once the plate is finalized.
    private func serve(_ export: GeneratedExport) throws -> (ChildProcess.Measurement, [Double], [Double]) {
        let daemonRoot = workdir + "/daemon"
        let watch = daemonRoot + "/watch", output = daemonRoot + "/plates"
        try? FileManager.default.removeItem(atPath: daemonRoot)
        for folder in [watch, output] {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        let started = ContinuousClock.now
        let daemon = try ChildProcess.start(
            [ExecutablePath.current, "serve", "--watch", watch, "--out", output, "--catalog", daemonRoot + "/catalog.sqlite",
             "--quiet-period", "\(Int(quietPeriod))s"], outputPath: daemonRoot + "/daemon.log")
        var stopped = false
        defer { if !stopped { ChildProcess.stop(daemon) } }
        for plan in export.planFiles { try link(plan, from: export.root, into: watch) }
        let plate = output + "/" + spec.plateName + ".ome.zarr"
        var timepointLatencies: [Double] = [], wellLatencies: [Double] = []
        for t in 0..<timepoints {
            for image in export.images where image.t == t { try link(image.relativePath, from: export.root, into: watch) }
            let stable = Date().addingTimeInterval(quietPeriod)
            var waiting = Set(spec.wells.map { "\($0.rowLetters)/\($0.column + 1)" })
            let deadline = Date().addingTimeInterval(600)
            while !waiting.isEmpty {
                guard Date() < deadline else {
                    throw BenchmarkError.runFailed(command: "platedrop serve (timepoint \(t + 1) never readable in every well; "
                                                   + "see \(daemonRoot)/daemon.log)", status: -1)
                }
                for well in waiting where Self.timeExtent(plate + "/" + well + "/0/0") > t {
                    waiting.remove(well)
                    wellLatencies.append(Date().timeIntervalSince(stable))
                }
                Thread.sleep(forTimeInterval: 0.02)
            }
            timepointLatencies.append(Date().timeIntervalSince(stable))
        }
        let measurement = ChildProcess.stopMeasured(daemon, startedAt: started)
        stopped = true
        return (measurement, timepointLatencies, wellLatencies)
    }

    /// The t extent of the level array at `path` (0 before it exists or while it has no t axis).
    private static func timeExtent(_ path: String) -> Int {
        guard let data = FileManager.default.contents(atPath: path + "/zarr.json"),
              let document = try? JSONValue(parsing: [UInt8](data)),
              document["dimension_names"]?.arrayValue?.first?.stringValue == "t",
              let extent = document["shape"]?.arrayValue?.first?.intValue else { return 0 }
        return Int(extent)
    }

    private func link(_ relativePath: String, from root: String, into watch: String) throws {
        let target = watch + "/" + relativePath
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        guard Foundation.link(root + "/" + relativePath, target) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
        }
    }

    /// Generates the export once per timepoint count; a stamp file marks a finished generation.
    private func prepareExport() throws -> GeneratedExport {
        let export = workdir + "/export-\(timepoints)t"
        let stamp = export + ".complete"
        if !FileManager.default.fileExists(atPath: stamp) {
            try? FileManager.default.removeItem(atPath: export)
            print("time-lapse: generating the export in \(export) …")
            _ = try SampleExportGenerator.generate(spec, into: export)
            guard FileManager.default.createFile(atPath: stamp, contents: Data()) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: stamp])
            }
        }
        return SampleExportGenerator.listing(spec, root: export)
    }
}
