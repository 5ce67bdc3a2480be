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

    /// Runs `platedrop arguments…` to completion; output goes through files so it never blocks on a pipe.
    func run(_ arguments: [String], as user: User = .current, directory: String? = nil) async throws -> FaultCommandResult {
        let logs = try FaultFolder(prefix: "cmd", keepable: false)
        let outputPath = logs.path + "/stdout", errorPath = logs.path + "/stderr"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let outputHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let errorHandle = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
        defer {
            try? outputHandle.close()
            try? errorHandle.close()
        }
        let argv = commandLine(arguments, as: user)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
            }
        }
        return FaultCommandResult(
            arguments: arguments, exitCode: process.terminationStatus,
            standardOutput: (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
    }

    /// Starts `platedrop serve arguments…` in the background; its output goes to `logPath`.
    func startDaemon(_ arguments: [String], logPath: String, as user: User = .current,
                     directory: String? = nil) throws -> DaemonUnderTest {
        try DaemonUnderTest(commandLine: commandLine(["serve"] + arguments, as: user), logPath: logPath, directory: directory)
    }
}

/// What one run of `platedrop` produced.
struct FaultCommandResult: Sendable {
    let arguments: [String]
    let exitCode: Int32
    let standardOutput: String
    let standardError: String

    var output: String { standardOutput + "\n" + standardError }

    var transcript: String {
        "platedrop \(arguments.joined(separator: " ")) → exit \(exitCode)\n--- stdout\n\(standardOutput)\n--- stderr\n\(standardError)"
    }
}
