/// A config file that cannot be used: every problem found, each with its line where known.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let problems: [ConfigProblem]

    public init(path: String, problems: [ConfigProblem]) {
        self.path = path
        self.problems = problems
    }

    public var description: String {
        (["\(path): \(problems.count) problem\(problems.count == 1 ? "" : "s")"] + problems.map { "  \(path): \($0)" })
            .joined(separator: "\n")
    }
}
