import Foundation
import SampleExports
import Testing
import TIFF

/// File and plate names chosen to escape the output folder, break a shell or an SQL statement; symbolic
/// links out of the watched tree; broken configs. NUL cannot be tested: POSIX file names cannot contain it
/// (every path crosses the kernel as a NUL-terminated string), so no watched file can carry one.
@Suite("hostile names, symlinks, configs, on_complete, SQL")
struct NameAndSecurityTests {
    /// A name and what must become of it.
    struct Hostile: Sendable {
        /// Raw bytes of the path relative to its root (may be invalid UTF-8).
        let path: [UInt8]
        /// "rejected", "ignored", or "ingested".
        let state: String
        let reasonWords: [String]
    }

    static let longPlate = String(repeating: "L", count: 200)

    /// ImageXpress names in the auto-layout root.
    static let autoNames: [Hostile] = [
        Hostile(path: Array("..._A01_s1_w1.TIF".utf8), state: "ignored", reasonWords: ["hidden"]),
        Hostile(path: Array(" ..._A01_s1_w1.TIF".utf8), state: "rejected", reasonWords: ["cannot be used as a directory name"]),
        Hostile(path: Array("..Sneaky_A01_s1_w1.TIF".utf8), state: "ignored", reasonWords: ["hidden"]),
        Hostile(path: Array("\(longPlate)_A01_s1_w1.TIF".utf8), state: "rejected", reasonWords: ["longer than 128 bytes"]),
        Hostile(path: Array("C:\\Windows\\..\\Up_A01_s1_w1.TIF".utf8), state: "ingested", reasonWords: []),
    ]

    /// Paths for a custom layout whose plate group may span folders.
    static let customPattern = #"(?<plate>.+)_(?<well>[A-P][0-9]{2})_(?<field>[0-9])_(?<channel>[0-9])\.tif"#
    static let customNames: [Hostile] = [
        Hostile(path: Array("up/../down/Evil_A01_1_1.tif".replacingOccurrences(of: "../", with: "dotdot/").utf8), state: "ingested", reasonWords: []),
        Hostile(path: Array("nested/deeper/Evil_B02_1_1.tif".utf8), state: "ingested", reasonWords: []),
        Hostile(path: Array("..._A01_1_1.tif".utf8), state: "ignored", reasonWords: ["hidden"]),
        Hostile(path: Array(" .._A01_1_1.tif".utf8), state: "rejected", reasonWords: ["cannot be used as a directory name"]),
        Hostile(path: Array("x/.._C03_1_1.tif".utf8), state: "ignored", reasonWords: ["hidden"]),
        Hostile(path: Array("\(longPlate)_A01_1_1.tif".utf8), state: "rejected", reasonWords: ["longer than 128 bytes"]),
    ]

    /// Names that are not UTF-8: a file, and a folder (with a TIFF inside); each is recorded as one ignored path.
    static let undecodable: [Hostile] = [
        Hostile(path: Array("Bad".utf8) + [0xFF, 0xFE] + Array("_A01_s1_w1.TIF".utf8), state: "ignored", reasonWords: ["not valid UTF-8"]),
        Hostile(path: Array("odd".utf8) + [0xC3, 0x28], state: "ignored", reasonWords: ["not valid UTF-8"]),
    ]

    static func create(_ path: [UInt8], under root: String, contents: [UInt8]) throws {
        let full = Array(root.utf8) + [UInt8(ascii: "/")] + path
        // Parent folders, byte-exact.
        var index = Array(root.utf8).count + 1
        while let slash = full[index...].firstIndex(of: UInt8(ascii: "/")) {
            _ = TreeSnapshot.withCPath(Array(full[..<slash])) { mkdir($0, 0o755) }
            index = slash + 1
        }
        let descriptor = TreeSnapshot.withCPath(full) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        try #require(descriptor >= 0, "cannot create \(TreeSnapshot.key(path)): \(String(cString: strerror(errno)))")
        _ = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }

    @Test func hostileNamesNeverWriteOutsideTheOutputAndEachIsRecorded() async throws {
        let bench = try FaultBench(prefix: "names")
        bench.config.plateTimeout = "5s"
        let customRoot = try bench.work.folder("watch/custom")
        let customOutput = try bench.work.folder("out/custom-plates")
        bench.config.layouts = [.init(name: "escape", pattern: Self.customPattern)]
        bench.config.watches.append(.init(id: "custom", path: customRoot, output: customOutput, layout: "escape"))
        let tiff = try Self.sampleTIFF(in: bench)
        // Present before the start: the first walk sees them (see undecodableNameArrivingAtRuntimeIsRecordedPromptly).
        try Self.create(Self.undecodable[0].path, under: bench.faultyRoot, contents: tiff)
        try Self.create(Self.undecodable[1].path + Array("/Evil_A01_1_1.tif".utf8), under: customRoot, contents: tiff)
        let before = await snapshot(bench.work.path)
        let tmpBefore = Set(try FileManager.default.contentsOfDirectory(atPath: "/tmp"))
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        for name in Self.autoNames { try Self.create(name.path, under: bench.faultyRoot, contents: tiff) }
        for name in Self.customNames { try Self.create(name.path, under: customRoot, contents: tiff) }
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.work.path + "/watch")

        let settled = await eventually(seconds: 60, every: 0.5) {
            let plates = (try? await bench.plates()) ?? []
            return plates.count >= 4 && plates.allSatisfy { $0["state"]?.stringValue == "finalized" }
        }
        let summary = try await bench.platesSummary()
        #expect(settled, "plates: \(summary)")
        let files = try await bench.files()
        for (root, names) in [("faulty", Self.autoNames + [Self.undecodable[0]]), ("custom", Self.customNames + [Self.undecodable[1]])] {
            for name in names {
                let shown = TreeSnapshot.key(name.path)
                let lossy = String(decoding: name.path, as: UTF8.self)
                let row = files.first { $0["root"]?.stringValue?.hasSuffix(root) == true && $0["path"]?.stringValue == lossy }
                let state = row?["state"]?.stringValue ?? "not catalogued", reason = row?["reason"]?.stringValue ?? ""
                #expect(state == name.state && (name.reasonWords.isEmpty || name.reasonWords.contains { reason.contains($0) }),
                        "\(root) \(shown): \(state) \"\(reason)\"; expected \(name.state) \(name.reasonWords)")
            }
        }
        // Every plate store is a direct child of its root's output folder.
        for plate in try await bench.plates() {
            let store = plate["store"]?.stringValue ?? ""
            let parent = (store as NSString).deletingLastPathComponent
            #expect([bench.output, customOutput, bench.healthyOutput].contains(parent) && store.hasSuffix(".ome.zarr")
                    && !((store as NSString).lastPathComponent.hasPrefix(".")), "plate store outside its output: \(store)")
        }
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: customOutput)).isSuperset(of: ["up_dotdot_down_Evil.ome.zarr", "nested_deeper_Evil.ome.zarr"]))
        // Nothing changed in the work folder outside the outputs, the catalogue and the log.
        let allowed = ["out/plates", "out/custom-plates", "healthy-out", "state", "daemon.log", "platedrop.toml", "watch"]
        let escaped = before.differences(to: await snapshot(bench.work.path)).filter { path in
            !allowed.contains { path == $0 || path.hasPrefix($0 + "/") }
        }
        #expect(escaped.isEmpty, "written outside the output folders: \(escaped)")
        let tmpNew = Set(try FileManager.default.contentsOfDirectory(atPath: "/tmp")).subtracting(tmpBefore)
        // "Up" alone is no sign: other tests' temporary folders end in six random letters ("…faoUpT").
        let hostileTokens = ["Evil", "Up_", "LLLL", "Sneaky", ".ome.zarr"]
        #expect(!tmpNew.contains { name in name.hasPrefix("Up") || hostileTokens.contains { name.contains($0) } }, "\(tmpNew)")
        try await bench.expectHealthyPlateWritten()
        bench.expectDaemonRunning(daemon)
        await bench.expectSourceUnchanged(since: sourceBefore, root: bench.work.path + "/watch")
        await bench.stopAll()
    }

    /// A name that is not UTF-8 arriving while the daemon runs: inotify events for it are dropped ("the walk
    /// reports it"), so it is recorded only by the next full rescan, `rescan_interval` (10 min) later.
    @Test func undecodableNameArrivingAtRuntimeIsRecordedPromptly() async throws {
        let bench = try FaultBench(prefix: "undecodable")
        let tiff = try Self.sampleTIFF(in: bench)
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        try Self.create(Self.undecodable[0].path, under: bench.faultyRoot, contents: tiff)
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)
        try await bench.expectHealthyPlateWritten()
        let lossy = String(decoding: Self.undecodable[0].path, as: UTF8.self)
        let recorded = await eventually(seconds: 30) {
            (try? await bench.file(lossy))?["reason"]?.stringValue?.contains("not valid UTF-8") == true
        }
        #expect(recorded, "a file named \(TreeSnapshot.key(Self.undecodable[0].path)) arrived 30 s ago and is not in the catalogue")
        bench.expectDaemonRunning(daemon)
        await bench.expectSourceUnchanged(since: sourceBefore)
        await bench.stopAll()
    }

    static func sampleTIFF(in bench: FaultBench) throws -> [UInt8] {
        let path = try bench.work.folder("src") + "/sample.tif"
        try TIFFWriter.write(path: path, width: 64, height: 48, sampleType: .uint16, pages: [[UInt8](repeating: 5, count: 64 * 48 * 2)])
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test func symlinksOutOfTheWatchedTreeAreNotFollowed() async throws {
        let bench = try FaultBench(prefix: "symlinks")
        let outside = try bench.work.folder("elsewhere")
        let spec = ExportSpec(layout: .imageXpress, plateName: "Outside", wells: [WellIndex(row: 0, column: 0)], fields: 1, channels: 1,
                              width: 64, height: 48, seed: 1)
        try await generateExport(spec, into: outside + "/Outside")
        let outsideBefore = await snapshot(outside)
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        try FileManager.default.createSymbolicLink(atPath: bench.faultyRoot + "/linked-folder", withDestinationPath: outside + "/Outside")
        try FileManager.default.createSymbolicLink(atPath: bench.faultyRoot + "/Linked_A01_s1_w1.TIF",
                                                   withDestinationPath: outside + "/Outside/Outside_A01_s1_w1.TIF")
        try FileManager.default.createSymbolicLink(atPath: bench.faultyRoot + "/to-root", withDestinationPath: "/")
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)

        for link in ["linked-folder", "Linked_A01_s1_w1.TIF", "to-root"] {
            let row = try await bench.waitForFile(link, state: "ignored", seconds: 30)
            #expect((row?["reason"]?.stringValue ?? "").contains("symbolic link"), "\(link): \(String(describing: row))")
        }
        try await bench.expectHealthyPlateWritten()
        let plates = try await bench.plates().compactMap { $0["name"]?.stringValue }
        #expect(plates == ["Healthy"], "plates made through symbolic links: \(plates)")
        #expect(try await bench.files().allSatisfy { !($0["path"]?.stringValue ?? "").contains("Outside_") })
        #expect(await snapshot(outside).differences(to: outsideBefore).isEmpty)
        bench.expectDaemonRunning(daemon)
        await bench.expectSourceUnchanged(since: sourceBefore)
        await bench.stopAll()
    }

    @Test func brokenConfigIsNamedByLineAndServeRefusesWithTheSameMessage() async throws {
        let bench = try FaultBench(prefix: "config")
        try bench.writeConfig()
        var text = try String(contentsOfFile: bench.configPath, encoding: .utf8)
        text = text.replacingOccurrences(of: "rescan_interval = \"10m\"", with: "rescan_intervall = \"10m\"")
        text = text.replacingOccurrences(of: "quiet_period = \"1s\"\npoll = false\npoll_interval = \"1s\"\n\n[[watch]]\nid = \"healthy\"",
                                         with: "quiet_period = \"soon\"\npoll = false\npoll_interval = \"1s\"\n\n[[watch]]\nid = \"healthy\"")
        text += "level = 99\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: bench.configPath))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let lineOf = { (needle: String) in (lines.firstIndex { $0.contains(needle) } ?? -1) + 1 }
        let expected = [("rescan_intervall", lineOf("rescan_intervall")), ("quiet_period", lineOf("\"soon\"")), ("level", lineOf("level = 99"))]

        let check = try await bench.binary.run(["config", "check", bench.configPath])
        #expect(check.exitCode != 0, "\(check.transcript)")
        for (key, line) in expected {
            #expect(check.output.split(separator: "\n").contains { $0.contains("line \(line)") && $0.contains(key) },
                    "config check does not name \(key) at line \(line):\n\(check.transcript)")
        }
        let daemon = try bench.binary.startDaemon(["--config", bench.configPath], logPath: bench.work.path + "/refused.log")
        let ending = await daemon.waitForExit(seconds: 30)
        #expect(ending.map { !$0.bySignal && $0.status != 0 } == true, "serve with a broken config: \(ending.map { "\($0)" } ?? "still running")")
        let problemLines = check.output.split(separator: "\n").filter { $0.contains("line ") }.map(String.init)
        #expect(!problemLines.isEmpty)
        for line in problemLines {
            #expect(daemon.log.contains(line), "serve does not print \"\(line)\":\n\(daemon.log)")
        }
        #expect(!FileManager.default.fileExists(atPath: bench.catalog), "a catalogue was created for a config that was refused")
    }

    @Test func onCompleteGetsThePlatePathAsOneArgumentWhateverThePlateName() async throws {
        let bench = try FaultBench(prefix: "oncomplete")
        let script = bench.work.path + "/record-argv.sh"
        try Data("""
            #!/bin/sh
            # One file per run, NUL-separated arguments: what the program really received.
            printf '%s\\0' "$@" > "\(bench.work.path)/argv.$$"
            """.utf8).write(to: URL(fileURLWithPath: script))
        chmod(script, 0o755)
        bench.config.onComplete = [script, "--plate"]
        bench.config.endMarker = "*.done"
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        let plate = #"My plate 'q' "dq" $(touch pwned) `touch pwned2` ; rm -rf x & |y"#
        let safe = plate.replacingOccurrences(of: "\"", with: "_").replacingOccurrences(of: "|", with: "_")
        let tiff = try Self.sampleTIFF(in: bench)
        try Self.create(Array("\(plate)_A01_s1_w1.TIF".utf8), under: bench.faultyRoot, contents: tiff)
        try await Task.sleep(for: .seconds(2))
        try Self.create(Array("acquisition.done".utf8), under: bench.faultyRoot, contents: [])
        let sourceBefore = await snapshot(bench.faultyRoot)

        let finalized = try await bench.waitForPlate(safe, seconds: 60)
        let summary = try await bench.platesSummary()
        #expect(finalized, "\(summary)\n\(daemon.log)")
        var runs: [[String]] = []
        _ = await eventually(seconds: 20) {
            runs = ((try? FileManager.default.contentsOfDirectory(atPath: bench.work.path)) ?? []).filter { $0.hasPrefix("argv.") }.map { name in
                let bytes = FileManager.default.contents(atPath: bench.work.path + "/" + name) ?? Data()
                return bytes.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
            }
            return !runs.isEmpty
        }
        #expect(runs == [["--plate", bench.output + "/" + safe + ".ome.zarr"]], "on_complete argv: \(runs)")
        let everything = await snapshot(bench.work.path).entries.keys
        #expect(!everything.contains { $0.hasSuffix("pwned") || $0.hasSuffix("pwned2") }, "a name reached a shell")
        #expect(!FileManager.default.fileExists(atPath: "pwned") && !FileManager.default.fileExists(atPath: "/pwned"))
        let exits = try InotifyTests.events(bench.catalog, kind: "hook-exit")
        #expect(exits.contains { $0.contains("on_complete") && $0.contains("status 0") }, "on_complete exit not recorded: \(exits)")
        bench.expectDaemonRunning(daemon)
        await bench.expectSourceUnchanged(since: sourceBefore)
        await bench.stopAll()
    }

    @Test func sqlInFileAndPlateNamesIsJustText() async throws {
        let bench = try FaultBench(prefix: "sql")
        bench.config.endMarker = "*.done"
        let daemon = try bench.startDaemon()
        try await bench.waitUntilServing(daemon)
        let tiff = try Self.sampleTIFF(in: bench)
        let unknown = "x'; DROP TABLE file;--.tif"
        let plate = "Robert'); DROP TABLE plate;--"
        try Self.create(Array(unknown.utf8), under: bench.faultyRoot, contents: tiff)
        try Self.create(Array("\(plate)_A01_s1_w1.TIF".utf8), under: bench.faultyRoot, contents: tiff)
        try await Task.sleep(for: .seconds(2))
        try Self.create(Array("run.done".utf8), under: bench.faultyRoot, contents: [])
        try bench.deliverHealthyPlate()
        let sourceBefore = await snapshot(bench.faultyRoot)

        let finalized = try await bench.waitForPlate(plate, seconds: 60)
        let summary = try await bench.platesSummary()
        #expect(finalized, "\(summary)\n\(daemon.log)")
        let row = try await bench.waitForFile(unknown, state: "rejected")
        #expect((row?["reason"]?.stringValue ?? "").contains("matches no"), "\(String(describing: row))")
        #expect(FileManager.default.fileExists(atPath: bench.output + "/" + plate + ".ome.zarr"))
        let wells = try await bench.wells(plate: plate)
        #expect(wells.count == 1 && wells[0]["state"]?.stringValue == "written")
        try await bench.expectHealthyPlateWritten()
        #expect(try await bench.files().count >= 5, "the file table lost rows")
        bench.expectDaemonRunning(daemon)
        await bench.expectSourceUnchanged(since: sourceBefore)
        await bench.stopAll()
    }
}
