import Foundation

/// Starts programs with an argument vector through posix_spawn: no shell ever parses a path or a name.
public enum ProcessSpawner {
    /// Why a program could not be started.
    public struct SpawnError: Error, CustomStringConvertible {
        public let command: String
        public let code: Int32
        public var description: String { "\(command): \(String(cString: strerror(code)))" }
    }

    /// Starts `arguments[0]` with the rest as its arguments and this process's environment; standard output
    /// and error go to `outputPath` (appended) when given, else they are inherited.
    public static func start(_ arguments: [String], outputPath: String? = nil) throws(SpawnError) -> pid_t {
        var fileActions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&fileActions)
        defer { posix_spawn_file_actions_destroy(&fileActions) }
        if let outputPath {
            posix_spawn_file_actions_addopen(&fileActions, STDOUT_FILENO, outputPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
            posix_spawn_file_actions_adddup2(&fileActions, STDOUT_FILENO, STDERR_FILENO)
        }
        let argv = arguments.map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + environment).forEach { free($0) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, arguments[0], &fileActions, nil, argv, environment)
        guard code == 0 else { throw SpawnError(command: arguments[0], code: code) }
        return pid
    }
}
