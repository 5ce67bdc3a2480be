/// One thing wrong with a config file, located as precisely as the file allows.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    public let line: Int?
    public let message: String

    public init(line: Int?, message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
