/// A source file that was not used, and why, in words a person can act on.
public struct FileIssue: Sendable, Hashable, Comparable {
    /// The path relative to the export root.
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public static func < (lhs: FileIssue, rhs: FileIssue) -> Bool { (lhs.path, lhs.reason) < (rhs.path, rhs.reason) }
}
