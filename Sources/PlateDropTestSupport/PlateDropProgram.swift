import Foundation

/// The built `platedrop` executable, run as a child process the way a user runs it; shared by the suites
/// that drive the real binary (end-to-end, daemon, faults).
public struct PlateDropProgram: Sendable {
    public let path: String

    /// Why no executable was found.
    public struct NotFound: Error, CustomStringConvertible {
        public let description: String
    }

    /// The repository checkout holding this file (Sources/PlateDropTestSupport/…).
    public static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    public init(path: String) {
        self.path = path
    }

    /// `PLATEDROP_BIN` if set; else the `platedrop` built beside the test bundle, else the repository's debug
    /// build (the Makefile builds it before `swift test`).
    public static func located() throws -> PlateDropProgram {
        let manager = FileManager.default
        if let override = ProcessInfo.processInfo.environment["PLATEDROP_BIN"] {
            guard manager.isExecutableFile(atPath: override) else {
                throw NotFound(description: "PLATEDROP_BIN=\(override) is not an executable")
            }
            return PlateDropProgram(path: override)
        }
        let besideTests = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("platedrop").path
        let candidates = [besideTests, repositoryRoot + "/.build/debug/platedrop"].compactMap { $0 }
        guard let path = candidates.first(where: manager.isExecutableFile(atPath:)) else {
            throw NotFound(description: "platedrop binary not found at \(candidates.joined(separator: " or ")): "
                           + "run `swift build` first or set PLATEDROP_BIN")
        }
        return PlateDropProgram(path: path)
    }

    /// Runs `platedrop arguments…` to completion; output goes through files so a chatty child never blocks on a pipe.
    public func run(_ arguments: [String]) async throws -> ProgramRun {
        try await Self.run(commandLine: [path] + arguments, reporting: arguments)
    }

    /// Runs `commandLine` (argv, the executable first) to completion in `directory`, for callers that wrap the
    /// binary (another user, a namespace); the result names `arguments`, the platedrop part. Output that is
    /// not UTF-8 (hostile file names echoed back) is decoded with replacement characters.
    public static func run(commandLine: [String], reporting arguments: [String],
                           directory: String? = nil) async throws -> ProgramRun {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("platedrop-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: logs) }
        let outputURL = logs.appendingPathComponent("stdout"), errorURL = logs.appendingPathComponent("stderr")
        let outputHandle = try newLog(at: outputURL), errorHandle = try newLog(at: errorURL)
        defer {
            try? outputHandle.close()
            try? errorHandle.close()
        }
        let process = Self.process(commandLine: commandLine, standardOutput: outputHandle, standardError: errorHandle,
                                   directory: directory)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
            }
        }
        return ProgramRun(
            arguments: arguments, exitCode: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }

    /// A child for `commandLine` (argv, the executable first) in `directory`, reading /dev/null and writing
    /// to the given handles; not started.
    public static func process(commandLine: [String], standardOutput: FileHandle, standardError: FileHandle,
                               directory: String? = nil) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: commandLine[0])
        process.arguments = Array(commandLine.dropFirst())
        process.standardOutput = standardOutput
        process.standardError = standardError
        process.standardInput = FileHandle.nullDevice
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        return process
    }

    private static func newLog(at url: URL) throws -> FileHandle {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        return try FileHandle(forWritingTo: url)
    }
}

/// What one finished run of the `platedrop` binary produced.
public struct ProgramRun: Sendable {
    public let arguments: [String]
    public let exitCode: Int32
    public let standardOutput: String
    public let standardError: String

    /// Both streams: messages about input files may go to either.
    public var output: String { standardOutput + "\n" + standardError }

    /// The command and everything it printed, for failure messages.
    public var transcript: String {
        "platedrop \(arguments.joined(separator: " ")) → exit \(exitCode)\n--- stdout\n\(standardOutput)\n--- stderr\n\(standardError)"
    }
}
