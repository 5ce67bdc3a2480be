import Foundation

/// One finished run of a program: its exit status and what it printed.
struct ScriptRun {
    /// The checkout this test file belongs to, where the scripts and the shipped files live.
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    let status: Int32
    let stdout: String
    let stderr: String

    /// Runs `program` (a path relative to the repository root, or absolute) with `arguments` and the
    /// test's environment plus `environment`. Output goes through files, so neither stream can fill a
    /// pipe and stall the program.
    init(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let scratch = try TemporaryDirectory()
        let outPath = scratch.file("stdout"), errPath = scratch.file("stderr")
        try Data().write(to: URL(fileURLWithPath: outPath))
        try Data().write(to: URL(fileURLWithPath: errPath))

        let process = Process()
        process.executableURL = URL(
            fileURLWithPath: program.hasPrefix("/") ? program : Self.repositoryRoot + "/" + program)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        try process.run()
        process.waitUntilExit()

        status = process.terminationStatus
        stdout = try String(contentsOfFile: outPath, encoding: .utf8)
        stderr = try String(contentsOfFile: errPath, encoding: .utf8)
    }

    /// Everything the program printed, for failure messages.
    var output: String {
        "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)"
    }
}
