import Zarr

/// What one finished run of the `platedrop` binary produced.
struct CommandOutput: Sendable {
    let arguments: [String]
    let exitCode: Int32
    let standardOutput: String
    let standardError: String

    /// The command and everything it printed, for failure messages.
    var transcript: String {
        "platedrop \(arguments.joined(separator: " ")) → exit \(exitCode)\n--- stdout\n\(standardOutput)\n--- stderr\n\(standardError)"
    }

    /// Standard output parsed as JSON (for `--json` commands).
    func json() throws -> JSONValue {
        try JSONValue(parsing: standardOutput, source: "stdout of platedrop \(arguments.joined(separator: " "))")
    }
}
