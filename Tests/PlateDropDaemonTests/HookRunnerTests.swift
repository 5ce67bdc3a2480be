import Catalog
import Config
import Foundation
@testable import PlateDropDaemon
import PlateDropTestSupport
import Testing
import Zarr

/// Hooks start without a shell, read their summary on standard input, and never block or break the daemon.
@Suite struct HookRunnerTests {
    /// A hook that records its arguments (one per line) and its standard input into `folder`.
    static func recordingHook(in folder: String) throws -> [String] {
        ["/bin/sh", "-c", "printf '%s\\n' \"$@\" > \"\(folder)/argv\"; cat > \"\(folder)/stdin.tmp\"; mv \"\(folder)/stdin.tmp\" \"\(folder)/stdin\"",
         "hook"]
    }

    @Test func aHookGetsItsWordsThePlatePathAndTheSummaryOnStandardInput() async throws {
        let bench = try DaemonBench()
        var hooks = HookRunner(settings: DaemonSettings(onComplete: try Self.recordingHook(in: bench.directory) + ["--plate"]))
        let summary: JSONValue = ["event": "complete", "plate": "P", "wells": ["A1"]]
        let line = try bench.catalog.write { transaction in
            try hooks.run(.onComplete, summary: summary, appending: ["/plates/P.ome.zarr"], in: transaction)
        }
        #expect(line?.hasPrefix("on_complete started (pid ") == true, "\(String(describing: line))")
        let received = await Patience.wait(seconds: 20) { FileManager.default.fileExists(atPath: bench.directory + "/stdin") }
        try #require(received)
        let argv = try String(contentsOfFile: bench.directory + "/argv", encoding: .utf8)
        #expect(argv == "--plate\n/plates/P.ome.zarr\n")
        let input = try JSONValue(parsing: try String(contentsOfFile: bench.directory + "/stdin", encoding: .utf8))
        #expect(input == summary)
    }

    @Test func aHookThatNeverReadsItsInputDoesNotBlockTheLoop() throws {
        let bench = try DaemonBench()
        var hooks = HookRunner(settings: DaemonSettings(onFailure: ["/bin/sleep", "0"]))
        // Larger than a pipe's default 64 KiB: the pipe is resized to hold it, and nothing waits for a reader.
        let summary: JSONValue = ["event": "failure", "padding": .string(String(repeating: "x", count: 200_000))]
        let started = ContinuousClock.now
        let line = try bench.catalog.write { transaction in try hooks.run(.onFailure, summary: summary, in: transaction) }
        #expect(line?.hasPrefix("on_failure started") == true, "\(String(describing: line))")
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func aHookThatCannotStartIsRecordedAndNothingThrows() throws {
        let bench = try DaemonBench()
        var hooks = HookRunner(settings: DaemonSettings(onStall: [bench.directory + "/no-such-hook"]))
        let line = try bench.catalog.write { transaction in
            try hooks.run(.onStall, summary: ["event": "stall"], in: transaction)
        }
        #expect(line?.contains("on_stall could not start") == true, "\(String(describing: line))")
        let problems = try bench.catalog.read { transaction in try transaction.overview(problemLimit: 5).problems }
        #expect(problems.contains { $0.kind == EventKind.hookStart.rawValue && $0.level == .error && $0.message.contains("no-such-hook") })
    }

    @Test func anUnsetHookRunsNothing() throws {
        let bench = try DaemonBench()
        var hooks = HookRunner(settings: DaemonSettings())
        let line = try bench.catalog.write { transaction in try hooks.run(.onIncomplete, summary: ["event": "incomplete"], in: transaction) }
        #expect(line == nil)
    }
}
