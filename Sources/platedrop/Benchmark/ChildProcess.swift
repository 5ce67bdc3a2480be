import Foundation

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
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        posix_spawn_file_actions_addopen(&fileActions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&fileActions, STDOUT_FILENO, STDERR_FILENO)
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &fileActions, nil, argv, envp)
        guard spawned == 0 else { throw BenchmarkError.spawnFailed(command: arguments[0], code: spawned) }
        return pid
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
