/// One finding of the HCS validator.
public struct ValidationIssue: Sendable, Hashable, CustomStringConvertible {
    /// Errors make a plate invalid; warnings are worth fixing but every reader copes.
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public let severity: Severity
    /// A stable short name, e.g. `well-missing`, for scripts and tests.
    public let code: String
    /// The node the issue is about, relative to the plate root ("" for the plate itself).
    public let path: String
    public let message: String

    public init(_ severity: Severity, _ code: String, path: String, _ message: String) {
        self.severity = severity
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String {
        "\(severity == .error ? "error" : "warning") [\(code)] \(path.isEmpty ? "/" : path): \(message)"
    }
}
