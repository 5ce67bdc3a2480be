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
        let pid = try start(arguments)
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        // ru_maxrss is in KiB on Linux.
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
        return Measurement(exitStatus: (status >> 8) & 0xFF, seconds: seconds, cpuSeconds: cpu,
                           peakResidentBytes: usage.ru_maxrss * 1024)
    }
}
