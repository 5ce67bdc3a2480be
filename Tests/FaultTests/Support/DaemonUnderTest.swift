import Foundation
import PlateDropTestSupport
import Synchronization

/// A `platedrop serve` child process: signalled, awaited, its log read. Killed with SIGKILL when released
/// still running, so a failed test never leaves a daemon behind.
final class DaemonUnderTest: Sendable {
    /// How the process ended.
    struct Ending: Sendable, CustomStringConvertible {
        let status: Int32
        let bySignal: Bool
        var description: String { bySignal ? "killed by signal \(status)" : "exit \(status)" }
    }

    let logPath: String
    /// Where this daemon's output starts in the (shared, appended) log.
    let logOffset: UInt64
    let pid: pid_t
    private final class Box<Value>: Sendable {
        let value: Mutex<Value>
        init(_ value: sending Value) { self.value = Mutex(value) }
    }

    private let process: Box<Process?>
    private let ending = Box<Ending?>(nil)

    init(commandLine: [String], logPath: String, directory: String?) throws {
        self.logPath = logPath
        if !FileManager.default.fileExists(atPath: logPath) {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        logOffset = try handle.seekToEnd()
        let process = PlateDropProgram.process(commandLine: commandLine, standardOutput: handle, standardError: handle,
                                               directory: directory)
        var environment = ProcessInfo.processInfo.environment
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "PLATEDROP_CONFIG"] { environment[name] = nil }
        process.environment = environment
        let ending = self.ending
        process.terminationHandler = { finished in
            ending.value.withLock {
                $0 = Ending(status: finished.terminationStatus, bySignal: finished.terminationReason == .uncaughtSignal)
            }
        }
        try process.run()
        try? handle.close()
        pid = process.processIdentifier
        self.process = Box(process)
    }

    deinit {
        if isRunning { kill(pid, SIGKILL) }
    }

    var isRunning: Bool { ending.value.withLock { $0 == nil } }

    /// How it ended, once it has.
    var end: Ending? { ending.value.withLock { $0 } }

    func signal(_ number: Int32) {
        if isRunning { kill(pid, number) }
    }

    /// Waits up to `seconds` for the process to end.
    @discardableResult
    func waitForExit(seconds: Double) async -> Ending? {
        var patience = Patience(seconds: seconds)
        while !patience.isExhausted() {
            if let end { return end }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return end
    }

    /// SIGKILL and wait: a crash at whatever point the daemon had reached.
    func crash() async {
        signal(SIGKILL)
        await waitForExit(seconds: 30)
    }

    /// SIGTERM and wait up to `seconds`; SIGKILL after that.
    @discardableResult
    func stop(seconds: Double = 60) async -> Ending? {
        signal(SIGTERM)
        if let end = await waitForExit(seconds: seconds) { return end }
        signal(SIGKILL)
        await waitForExit(seconds: 10)
        return nil
    }

    /// Everything this daemon has logged so far.
    var log: String {
        guard let handle = FileHandle(forReadingAtPath: logPath) else { return "" }
        defer { try? handle.close() }
        try? handle.seek(toOffset: logOffset)
        return String(decoding: (try? handle.readToEnd()) ?? Data(), as: UTF8.self)
    }
}
