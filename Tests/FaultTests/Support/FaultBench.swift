import Foundation
import SampleExports
import Testing
import TIFF
import Zarr

/// One test's world: a work folder holding a faulty root (where the fault is injected), a healthy root (whose
/// plate must be written meanwhile), their outputs, the catalogue and the config; the daemon; and the
/// catalogue as the CLI reports it.
final class FaultBench: @unchecked Sendable {
    let work: FaultFolder
    let binary: FaultBinary
    var config: FaultConfig
    let faultyRoot: String
    let healthyRoot: String
    var output: String
    let healthyOutput: String
    var configPath: String { work.path + "/platedrop.toml" }
    var catalog: String { config.catalog }
    private(set) var daemons: [DaemonUnderTest] = []
    var logPath: String { work.path + "/daemon.log" }

    /// The faulty root's output defaults to `work/out/plates`, the healthy one's to `work/healthy-out`.
    init(prefix: String, faultyOutput: String? = nil) throws {
        work = try FaultFolder(prefix: prefix)
        binary = try FaultBinary.located()
        faultyRoot = try work.folder("watch/faulty")
        healthyRoot = try work.folder("watch/healthy")
        output = try faultyOutput ?? work.folder("out/plates")
        healthyOutput = try work.folder("healthy-out")
        try work.folder("state")
        config = FaultConfig(catalog: work.path + "/state/catalog.sqlite")
        config.watches = [
            .init(id: "faulty", path: faultyRoot, output: output),
            .init(id: "healthy", path: healthyRoot, output: healthyOutput),
        ]
    }

    func writeConfig() throws {
        try Data(config.toml.utf8).write(to: URL(fileURLWithPath: configPath))
    }

    /// Writes the config and starts `platedrop serve --config …` (cwd: the work folder).
    @discardableResult
    func startDaemon(as user: FaultBinary.User = .current, extra: [String] = []) throws -> DaemonUnderTest {
        try writeConfig()
        let daemon = try binary.startDaemon(["--config", configPath] + extra, logPath: logPath, as: user, directory: work.path)
        daemons.append(daemon)
        return daemon
    }

    /// Waits until the daemon has opened the catalogue and reports itself running.
    func waitUntilServing(_ daemon: DaemonUnderTest, seconds: Double = 30) async throws {
        var lastAnswer = "no answer yet"
        let up = try await eventually(seconds: seconds) {
            guard daemon.isRunning else { return true }
            let result = try await cli(["status", "--json"])
            lastAnswer = "exit \(result.exitCode): \(result.standardOutput.prefix(400))\(result.standardError.prefix(400))"
            return result.exitCode == 0
                && (try? JSONValue(parsing: result.standardOutput))?["daemon"]?["running"]?.boolValue == true
        }
        let ending = daemon.end.map { "\($0)" } ?? "still starting"
        try #require(up && daemon.isRunning, "daemon did not come up (\(ending)); last status: \(lastAnswer)\n\(daemon.log)")
    }

    // MARK: Catalogue through the CLI

    func cli(_ arguments: [String], as user: FaultBinary.User = .current) async throws -> FaultCommandResult {
        try await binary.run(arguments + ["--catalog", catalog], as: user)
    }

    private func json(_ arguments: [String]) async throws -> JSONValue? {
        let result = try await cli(arguments + ["--json"])
        guard result.exitCode == 0 else { return nil }
        return try? JSONValue(parsing: result.standardOutput)
    }

    func status() async throws -> JSONValue? { try await json(["status"]) }

    func files(state: String? = nil) async throws -> [JSONValue] {
        try await json(["files", "--limit", "100000"] + (state.map { ["--state", $0] } ?? []))?.arrayValue ?? []
    }

    func wells(plate: String) async throws -> [JSONValue] {
        try await json(["wells", "--plate", plate])?.arrayValue ?? []
    }

    func plates() async throws -> [JSONValue] { try await json(["plates"])?.arrayValue ?? [] }

    /// "name state" per plate, for failure messages.
    func platesSummary() async throws -> [String] {
        try await plates().map { "\($0["name"]?.stringValue ?? "") \($0["state"]?.stringValue ?? "")" }
    }

    func plateState(_ name: String) async throws -> String? {
        try await plates().first { $0["name"]?.stringValue == name }?["state"]?.stringValue
    }

    /// The catalogue row of one file (path relative to its root), if any.
    func file(_ relativePath: String) async throws -> JSONValue? {
        try await files().first { $0["path"]?.stringValue == relativePath }
    }

    /// Waits for a file row in `state`; returns it.
    func waitForFile(_ relativePath: String, state: String, seconds: Double = 30) async throws -> JSONValue? {
        var found: JSONValue?
        _ = try await eventually(seconds: seconds, every: 0.4) {
            found = try await file(relativePath)
            return found?["state"]?.stringValue == state
        }
        return found
    }

    /// Waits until `plate` reaches `state`; false on timeout.
    func waitForPlate(_ name: String, state: String = "finalized", seconds: Double = 60) async throws -> Bool {
        try await eventually(seconds: seconds, every: 0.4) { try await plateState(name) == state }
    }

    /// Waits until a well of `plate` is in `state`; returns its row.
    func waitForWell(_ plate: String, well label: String, state: String, seconds: Double = 60) async throws -> JSONValue? {
        var found: JSONValue?
        _ = try await eventually(seconds: seconds, every: 0.4) {
            found = try await wells(plate: plate).first { Self.label(of: $0) == label }
            return found?["state"]?.stringValue == state
        }
        return found
    }

    /// "B3" for a `wells --json` row.
    static func label(of well: JSONValue) -> String {
        if let name = well["well"]?.stringValue { return name.replacingOccurrences(of: "/", with: "") }
        let row = Int(well["row"]?.intValue ?? 0), column = Int(well["column"]?.intValue ?? 0)
        return WellName.of(row: row, column: column)
    }

    /// The recent problems `status --json` lists, as "kind path: message" lines.
    func recentProblems() async throws -> [String] {
        (try await status()?["recentProblems"]?.arrayValue ?? []).map { event in
            "\(event["kind"]?.stringValue ?? "") \(event["path"]?.stringValue ?? ""): \(event["message"]?.stringValue ?? "")"
        }
    }

    // MARK: Exports

    /// A small complete ImageXpress plate (HTD plan, 2 wells × 1 field × 1 channel, 64×48) written straight into
    /// the healthy root; TIFFWriter renames each file into place, so the watcher never sees a partial one.
    @discardableResult
    func deliverHealthyPlate(_ name: String = "Healthy") throws -> ExportSpec {
        let spec = ExportSpec(layout: .imageXpress, plateName: name, wells: [WellIndex(row: 0, column: 0), WellIndex(row: 1, column: 2)],
                              fields: 1, channels: 1, width: 64, height: 48, seed: 7)
        _ = try SampleExportGenerator.generate(spec, into: healthyRoot + "/" + name)
        return spec
    }

    /// The healthy plate is finalized and its store is a valid plate listing both wells: the daemon kept serving.
    func expectHealthyPlateWritten(_ name: String = "Healthy", seconds: Double = 60,
                                   sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let finalized = try await waitForPlate(name, seconds: seconds)
        #expect(finalized, "healthy plate \(name) was not finalized while the fault was in place:\n\(lastLog)",
                sourceLocation: sourceLocation)
        guard finalized else { return }
        let store = healthyOutput + "/" + name + ".ome.zarr"
        let validation = try await binary.run(["validate", store])
        #expect(validation.exitCode == 0, "\(validation.transcript)", sourceLocation: sourceLocation)
        #expect(Set(PlateStore(root: store).listedWells) == ["A/1", "B/3"], sourceLocation: sourceLocation)
        let marker = try Self.doneMarker(ofStore: store)
        #expect(marker?["complete"]?.boolValue == true && marker?["missingWells"]?.arrayValue?.isEmpty == true,
                "done marker of the complete plate \(name): \(String(describing: marker))", sourceLocation: sourceLocation)
    }

    /// The done marker beside the plate store `store`, parsed; nil while there is none.
    static func doneMarker(ofStore store: String) throws -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: store + ".done") else { return nil }
        return try JSONValue(parsing: String(decoding: data, as: UTF8.self))
    }

    /// The newest daemon's log, for failure messages.
    var lastLog: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Every daemon started is still running (the fault did not bring it down).
    func expectDaemonRunning(_ daemon: DaemonUnderTest, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(daemon.isRunning, "the daemon died (\(daemon.end.map { "\($0)" } ?? "")):\n\(daemon.log)",
                sourceLocation: sourceLocation)
    }

    /// The source check every fault case ends with: the watched folder `root` (the faulty root unless given)
    /// is byte for byte as in `before`.
    func expectSourceUnchanged(since before: TreeSnapshot, root: String? = nil,
                               sourceLocation: SourceLocation = #_sourceLocation) async {
        let changed = await snapshot(root ?? faultyRoot).differences(to: before)
        #expect(changed.isEmpty, "the watched folder changed: \(changed)", sourceLocation: sourceLocation)
    }

    /// How every fault case ends: the three checks (a healthy plate is still written, the daemon is alive, the
    /// faulty source is byte for byte as in `sourceBefore`), then every daemon stopped.
    func expectContainedThenStop(_ daemon: DaemonUnderTest, sourceBefore: TreeSnapshot,
                                 sourceLocation: SourceLocation = #_sourceLocation) async throws {
        try await expectHealthyPlateWritten(sourceLocation: sourceLocation)
        expectDaemonRunning(daemon, sourceLocation: sourceLocation)
        await expectSourceUnchanged(since: sourceBefore, sourceLocation: sourceLocation)
        await stopAll()
    }

    func stopAll() async {
        for daemon in daemons where daemon.isRunning { await daemon.stop(seconds: 60) }
    }
}

/// Well names as plates print them.
enum WellName {
    static func of(row: Int, column: Int) -> String {
        let letter = { (index: Int) in String(UnicodeScalar(UInt8(65 + index))) }
        return (row < 26 ? letter(row) : letter(row / 26 - 1) + letter(row % 26)) + String(column + 1)
    }
}
