import Foundation
import PlateDropTestSupport
import Testing

/// One daemon's world in a scratch folder: the watched folder, the output folder, the catalogue, and a
/// sources folder outside the watched one where exports are generated before being delivered.
struct DaemonWorkspace: Sendable {
    let executable: PlateDropExecutable
    private let folder: TemporaryFolder

    init() throws {
        executable = try PlateDropExecutable.located()
        folder = try TemporaryFolder(prefix: "platedrop-daemon-e2e")
        for path in [watched, output, sources] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
    }

    var path: String { folder.path }
    var watched: String { folder.path + "/watched" }
    var output: String { folder.path + "/plates" }
    var catalogue: String { folder.path + "/catalog.sqlite" }
    var sources: String { folder.path + "/sources" }

    /// Short quiet period and a plate timeout far beyond any test, so only plans and end markers complete plates.
    func serveArguments(quietPeriod: String = "1s") -> [String] {
        ["serve", "--watch", watched, "--out", output, "--catalog", catalogue, "--quiet-period", quietPeriod,
         "--plate-timeout", "30m"]
    }

    /// Starts `platedrop serve` with `arguments` (default: this workspace's folders), logging to a new file.
    func startDaemon(_ arguments: [String]? = nil) throws -> DaemonProcess {
        let earlier = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasPrefix("serve-") }.count
        return try DaemonProcess(executable: executable, arguments: arguments ?? serveArguments(),
                                 logPath: path + "/serve-\(earlier + 1).log")
    }

    /// Polls until the daemon reports itself running with every watched folder watched or polled, so
    /// files delivered from now on arrive while it watches.
    func awaitWatching(_ daemon: DaemonProcess) async throws {
        try await Deadline.poll(for: "the daemon to watch \(watched)", daemon: daemon) { () -> Bool? in
            let status = try await command(["status", "--json"])
            guard status.exitCode == 0, let report = try? status.json(),
                  report["daemon"]?["running"]?.boolValue == true, let roots = report["roots"]?.arrayValue, !roots.isEmpty
            else { return nil }
            let states = roots.compactMap { $0["state"]?.stringValue }
            return states.count == roots.count && states.allSatisfy { $0 == "watching" || $0 == "polling" } ? true : nil
        }
    }

    /// Starts the daemon, delivers `export`'s plan files and well A1 into the watched folder, and returns
    /// once A1 is written: a plate under way, for tests about what happens next.
    func startDaemonWithFirstWell(of export: SourceExport) async throws -> DaemonProcess {
        let daemon = try startDaemon()
        try await awaitWatching(daemon)
        for file in export.planFiles + export.images(inWell: "A1").map(\.relativePath) {
            try export.deliver(file, into: watched + "/" + export.plateName)
        }
        try await awaitWritten("A1", plate: export.plateName, daemon: daemon)
        return daemon
    }

    /// A catalogue command (`status`, `plates`, `wells`, …) against this workspace's catalogue.
    func command(_ arguments: [String]) async throws -> CommandOutput {
        try await executable.run(arguments + ["--catalog", catalogue])
    }

    /// `platedrop validate` on a plate store.
    func validate(plate: String) async throws -> CommandOutput {
        try await executable.run(["validate", storePath(plate: plate), "--json"])
    }

    func storePath(plate: String) -> String { output + "/" + plate + ".ome.zarr" }

    /// The plate's wells by name, or nil while the catalogue cannot answer (daemon still starting).
    func wells(plate: String) async throws -> [String: WellStatus]? {
        let answer = try await command(["wells", "--plate", plate, "--json"])
        guard answer.exitCode == 0 else { return nil }
        return WellStatus.parse(try answer.json(), plate: plate)
    }

    /// Polls until `well` of `plate` is written with at least `generation`; returns its status.
    @discardableResult
    func awaitWritten(_ well: String, plate: String, generation: Int = 1, daemon: DaemonProcess) async throws -> WellStatus {
        try await Deadline.poll(for: "well \(well) of \(plate) written (generation ≥ \(generation))", daemon: daemon) {
            guard let status = try await wells(plate: plate)?[well] else { return nil }
            return status.state == "written" && status.generation >= generation ? status : nil
        }
    }

    /// Polls until each of `wells` of `plate` is written with exactly its first `count` timepoints on disk.
    func awaitTimepoints(_ count: Int, plate: String, wells names: [String], daemon: DaemonProcess) async throws {
        try await Deadline.poll(for: "wells \(names) of \(plate) written with \(count) timepoint(s)", daemon: daemon) { () -> Bool? in
            guard let wells = try await wells(plate: plate) else { return nil }
            return names.allSatisfy { name in
                wells[name]?.state == "written" && wells[name]?.timepoints.keys.sorted() == Array(0..<count)
            } ? true : nil
        }
    }

    /// `platedrop wait PLATE`: exit 0 once the plate is finalized.
    func awaitFinalized(plate: String, daemon: DaemonProcess) async throws {
        let wait = try await command(["wait", plate, "--timeout", "120"])
        try #require(wait.exitCode == 0, "\(wait.transcript)\n--- daemon log\n\(daemon.log)")
    }

    /// Polls until exactly the plates `names` are finalized.
    func awaitFinalized(plates names: [String], daemon: DaemonProcess) async throws {
        try await Deadline.poll(for: "plates \(names) finalized", daemon: daemon) { () -> Bool? in
            let plates = try await command(["plates", "--json"])
            guard plates.exitCode == 0, let list = try? plates.json().arrayValue else { return nil }
            let finalized = list.filter { $0["state"]?.stringValue == "finalized" }.compactMap { $0["name"]?.stringValue }
            return Set(finalized) == Set(names) ? true : nil
        }
    }

    /// Stops the daemon with SIGTERM and expects a clean exit.
    func stop(_ daemon: DaemonProcess) async throws {
        let status = try await daemon.stop()
        #expect(status == 0, "platedrop serve exited with \(status) after SIGTERM\n--- daemon log\n\(daemon.log)")
    }
}
