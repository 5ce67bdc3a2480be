import Foundation

/// A running `platedrop serve`: stopped with SIGTERM as systemd stops it, or killed with SIGKILL to play a
/// crash. Released while still running (a test that failed early), it is killed, so no daemon outlives its test.
final class DaemonProcess: Sendable {
    let arguments: [String]
    let logPath: String
    private let process: Process

    init(executable: PlateDropExecutable, arguments: [String], logPath: String) throws {
        self.arguments = arguments
        self.logPath = logPath
        process = try executable.launch(arguments, logPath: logPath)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    var pid: Int32 { process.processIdentifier }

    var isRunning: Bool { process.isRunning }

    /// Everything the daemon printed so far (it logs to stderr).
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "(no log at \(logPath))" }

    /// SIGTERM, then the exit status once the daemon has exited.
    func stop() async throws -> Int32 {
        kill(pid, SIGTERM)
        return try await exitStatus()
    }

    /// SIGKILL: no chance to clean up, as in a power cut or an out-of-memory kill.
    func crash() async throws {
        kill(pid, SIGKILL)
        _ = try await exitStatus()
    }

    /// SIGSTOP: the daemon freezes (as when the machine swaps) while the kernel keeps queueing its inotify events.
    func suspend() {
        kill(pid, SIGSTOP)
    }

    /// SIGCONT after `suspend()`.
    func resume() {
        kill(pid, SIGCONT)
    }

    /// Waits until the process has ended; its exit status, or 128 + the signal that ended it.
    func exitStatus(timeout: Duration = .seconds(60)) async throws -> Int32 {
        try await Deadline.poll(for: "pid \(pid) (platedrop \(arguments.joined(separator: " "))) to exit",
                                    daemon: self, timeout: timeout) { process.isRunning ? nil : true }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}
