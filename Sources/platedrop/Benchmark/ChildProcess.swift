import Foundation
import PlateDropDaemon

/// Starts commands as separate processes: measured ones for `make bench`, long-running ones (the daemon)
/// for the demo.
enum ChildProcess {
    struct Measurement {
        let exitStatus: Int32
        let seconds: Double
        /// User plus system CPU time: unlike wall time, barely affected by other load on the machine.
        let cpuSeconds: Double
        let peakResidentBytes: Int
        /// Bytes the process passed to write calls (`wchar` of /proc/PID/io), when the kernel tells.
        let bytesWritten: Int?
    }

    /// Starts `arguments[0]` with the rest as its arguments, its output appended to `outputPath`.
    static func start(_ arguments: [String], outputPath: String = "/dev/null") throws -> pid_t {
        try ProcessSpawner.start(arguments, outputPath: outputPath)
    }

    /// SIGTERM, as systemd stops the daemon, then waits until the process has exited.
    static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    /// Runs `arguments[0]` with the rest as its arguments, output discarded, and waits for it.
    static func measure(_ arguments: [String]) throws -> Measurement {
        let started = ContinuousClock.now
        return reap(try start(arguments), startedAt: started)
    }

    /// SIGTERM to a process `start` started at `started`, then its measurement once it has exited.
    static func stopMeasured(_ pid: pid_t, startedAt started: ContinuousClock.Instant) -> Measurement {
        kill(pid, SIGTERM)
        return reap(pid, startedAt: started)
    }

    /// Waits for `pid` to exit; its I/O counters are read while it is a zombie, before it is reaped.
    private static func reap(_ pid: pid_t, startedAt started: ContinuousClock.Instant) -> Measurement {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        let written = writeCalls(pid)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        // ru_maxrss is in KiB on Linux.
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
        return Measurement(exitStatus: (status >> 8) & 0xFF, seconds: seconds, cpuSeconds: cpu,
                           peakResidentBytes: usage.ru_maxrss * 1024, bytesWritten: written)
    }

    /// `wchar` of /proc/PID/io: bytes passed to write(2) and friends.
    private static func writeCalls(_ pid: pid_t) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first { $0.hasPrefix("wchar:") }
            .flatMap { Int($0.dropFirst("wchar:".count).trimmingCharacters(in: .whitespaces)) }
    }
}
