import Foundation
import PlateDropTestSupport
import Testing

/// The real `platedrop` executable, run as a child process; optionally as the unprivileged `nobody`
/// (uid/gid 65534) so permission faults mean something while the tests run as root.
struct FaultBinary: Sendable {
    let path: String

    /// `$PLATEDROP_BIN`, else the `platedrop` beside the test bundle, else `.build/debug/platedrop`.
    static func located() throws -> FaultBinary {
        FaultBinary(path: try PlateDropProgram.located().path)
    }

    /// Who runs the command.
    enum User: Sendable {
        case current
        /// uid/gid 65534 through setpriv, with no supplementary groups.
        case nobody
        /// Inside a new user namespace as its root (`unshare --user --map-root-user`), where per-namespace
        /// limits such as /proc/sys/user/max_inotify_watches can be lowered without touching the host.
        case userNamespace(setup: String)
    }

    static let nobodyID: UInt32 = 65534

    /// argv[0...] for running `arguments` as `user`.
    func commandLine(_ arguments: [String], as user: User) -> [String] {
        switch user {
        case .current:
            return [path] + arguments
        case .nobody:
            return ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] + [path] + arguments
        case let .userNamespace(setup):
            // The shell only runs the fixed setup text and then execs the daemon with "$@": no name from a test
            // input is ever parsed by it.
            return ["/usr/bin/unshare", "--user", "--map-root-user", "--", "/bin/sh", "-c", setup + "\nexec \"$@\"", "sh", path]
                + arguments
        }
    }

    /// Runs `platedrop arguments…` as `user` in `directory` to completion.
    func run(_ arguments: [String], as user: User = .current, directory: String? = nil) async throws -> FaultCommandResult {
        try await PlateDropProgram.run(commandLine: commandLine(arguments, as: user), reporting: arguments, directory: directory)
    }

    /// Starts `platedrop serve arguments…` in the background; its output goes to `logPath`.
    func startDaemon(_ arguments: [String], logPath: String, as user: User = .current,
                     directory: String? = nil) throws -> DaemonUnderTest {
        try DaemonUnderTest(commandLine: commandLine(["serve"] + arguments, as: user), logPath: logPath, directory: directory)
    }
}

/// What one run of `platedrop` produced.
typealias FaultCommandResult = ProgramRun
