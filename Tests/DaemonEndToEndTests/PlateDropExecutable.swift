import Foundation
import Testing

/// The real `platedrop` executable, run as a child process the way a user (or systemd) runs it.
struct PlateDropExecutable: Sendable {
    let path: String

    /// The repository checkout holding this test file.
    static let repositoryRoot: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `PLATEDROP_BIN` if set; else the `platedrop` built beside this test bundle, else the repository's debug build.
    static func located() throws -> PlateDropExecutable {
        if let override = ProcessInfo.processInfo.environment["PLATEDROP_BIN"] {
            try #require(FileManager.default.isExecutableFile(atPath: override), "PLATEDROP_BIN=\(override) is not an executable")
            return PlateDropExecutable(path: override)
        }
        let besideTests = Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent("platedrop").path
        let candidates = [besideTests, repositoryRoot + "/.build/debug/platedrop"].compactMap { $0 }
        let path = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) },
                                "platedrop binary not found at \(candidates.joined(separator: " or ")): run `swift build` first or set PLATEDROP_BIN")
        return PlateDropExecutable(path: path)
    }

    /// Starts `platedrop arguments…` with both output streams appended to `logPath`; the caller waits for it.
    func launch(_ arguments: [String], logPath: String) throws -> Process {
        try #require(FileManager.default.createFile(atPath: logPath, contents: nil), "cannot create \(logPath)")
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        defer { try? log.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `platedrop arguments…` to completion; output goes through files so a chatty child never blocks on a pipe.
    func run(_ arguments: [String]) async throws -> CommandOutput {
        let logs = try ScratchFolder()
        let outputPath = logs.path + "/stdout", errorPath = logs.path + "/stderr"
        let outputHandle = try Self.newLog(at: outputPath), errorHandle = try Self.newLog(at: errorPath)
        defer {
            try? outputHandle.close()
            try? errorHandle.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = outputHandle
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
            }
        }
        return CommandOutput(
            arguments: arguments, exitCode: process.terminationStatus,
            standardOutput: try String(contentsOfFile: outputPath, encoding: .utf8),
            standardError: try String(contentsOfFile: errorPath, encoding: .utf8))
    }

    private static func newLog(at path: String) throws -> FileHandle {
        try #require(FileManager.default.createFile(atPath: path, contents: nil), "cannot create \(path)")
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }
}
