import Foundation
import PlateDropTestSupport
import Testing

/// The real `platedrop` executable, run as a child process the way a user (or systemd) runs it.
typealias PlateDropExecutable = PlateDropProgram

extension PlateDropExecutable {
    /// Starts `platedrop arguments…` with both output streams appended to `logPath`; the caller waits for it.
    func launch(_ arguments: [String], logPath: String) throws -> Process {
        try #require(FileManager.default.createFile(atPath: logPath, contents: nil), "cannot create \(logPath)")
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        defer { try? log.close() }
        let process = Self.process(commandLine: [path] + arguments, standardOutput: log, standardError: log)
        try process.run()
        return process
    }
}
