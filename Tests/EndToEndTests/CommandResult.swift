/// What one run of the `platedrop` binary produced.
struct CommandResult: Sendable {
    let arguments: [String]
    let exitCode: Int32
    let standardOutput: String
    let standardError: String

    /// Both streams: messages about input files may go to either.
    var output: String { standardOutput + "\n" + standardError }

    /// The command and everything it printed, for failure messages.
    var transcript: String {
        "platedrop \(arguments.joined(separator: " ")) → exit \(exitCode)\n--- stdout\n\(standardOutput)\n--- stderr\n\(standardError)"
    }

    /// The output lines that mention `fileName`, where the reason for that file is expected.
    func lines(mentioning fileName: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.contains(fileName) }
    }
}
