import Catalog
import Foundation
import SampleExports

/// Scale figures for `make bench`: a 1536-well plate through the daemon, CLI answers over a catalogue of
/// 200,000 files, and the time a restart takes to reconcile them.
struct ScaleBenchmark {
    let workdir: String
    let fileCount: Int

    struct Figures {
        let plateSeconds: Double
        let wells: Int
        let statusMilliseconds: Double
        let plateMilliseconds: Double
        let catalogued: Int
        let reconcileSeconds: Double
    }

    static let spec = ExportSpec(
        layout: .imageXpress, plateName: "Plate1536", rows: 32, columns: 48,
        wells: (0..<32).flatMap { row in (0..<48).map { WellIndex(row: row, column: $0) } },
        fields: 1, channels: 1, width: 256, height: 256, sampleType: .uint16, seed: 3)

    func run() throws -> Figures {
        let (watch, plates, catalog, log) = (workdir + "/watch", workdir + "/plates", workdir + "/catalog.sqlite",
                                             workdir + "/daemon.log")
        try? FileManager.default.removeItem(atPath: workdir)
        try FileManager.default.createDirectory(atPath: plates, withIntermediateDirectories: true)
        _ = try SampleExportGenerator.generate(Self.spec, into: workdir + "/export")
        try makeSidecars(in: watch + "/sidecars")
        let serve = [ExecutablePath.current, "serve", "--watch", watch, "--out", plates, "--catalog", catalog,
                     "--quiet-period", "1s"]

        var daemon = try ChildProcess.start(serve, outputPath: log)
        try waitFor(timeout: 600) { try read(catalog) { try $0.fileCount() } >= fileCount }
        let started = Date()
        try FileManager.default.copyItem(atPath: workdir + "/export", toPath: watch + "/Plate1536")
        try waitFor(timeout: 1200) {
            try read(catalog) { try $0.plates(in: .finalized).count } == 1
        }
        let plateSeconds = Date().timeIntervalSince(started)
        let statusTime = try medianMilliseconds([ExecutablePath.current, "status", "--catalog", catalog])
        let plateTime = try medianMilliseconds([ExecutablePath.current, "plate", Self.spec.plateName, "--catalog", catalog])
        let catalogued = try read(catalog) { try $0.fileCount() }
        ChildProcess.stop(daemon)

        let restart = Date()
        daemon = try ChildProcess.start(serve, outputPath: log + ".restart")
        try waitFor(timeout: 600) {
            (try? String(contentsOfFile: log + ".restart", encoding: .utf8))?.contains("first scan found") == true
        }
        let reconcileSeconds = Date().timeIntervalSince(restart)
        ChildProcess.stop(daemon)
        return Figures(plateSeconds: plateSeconds, wells: Self.spec.wells.count, statusMilliseconds: statusTime,
                       plateMilliseconds: plateTime, catalogued: catalogued, reconcileSeconds: reconcileSeconds)
    }

    /// Sidecar files (catalogued as ignored) that make the catalogue large, in folders of 1000.
    private func makeSidecars(in folder: String) throws {
        for index in 0..<fileCount {
            let directory = folder + String(format: "/%03d", index / 1000)
            if index % 1000 == 0 { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            let descriptor = open(directory + String(format: "/image_%06d.statistics.json", index), O_WRONLY | O_CREAT, 0o644)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: directory]) }
            close(descriptor)
        }
    }

    /// A count read from the daemon's catalogue; 0 until the daemon has created it.
    private func read(_ catalog: String, _ count: (CatalogTransaction) throws -> Int) throws -> Int {
        guard FileManager.default.fileExists(atPath: catalog) else { return 0 }
        return try CatalogReader(path: catalog).read(count)
    }

    private func waitFor(timeout: Double, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? condition()) == true { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw BenchmarkError.runFailed(command: "platedrop serve (scale benchmark timed out; see \(workdir))", status: -1)
    }

    /// Median wall time of five runs of a CLI command, in milliseconds.
    private func medianMilliseconds(_ command: [String]) throws -> Double {
        try (0..<5).map { _ in try ChildProcess.measure(command).seconds * 1000 }.median
    }
}
