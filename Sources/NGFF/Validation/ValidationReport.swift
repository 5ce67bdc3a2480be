import Zarr

/// Everything the validator found in one plate.
public struct ValidationReport: Sendable {
    public let platePath: String
    /// The NGFF version the plate declares, when it could be told.
    public let version: NGFFVersion?
    public let wellCount: Int
    public let fieldCount: Int
    public let issues: [ValidationIssue]

    /// Valid when there is no error (warnings allowed).
    public var isValid: Bool { !issues.contains { $0.severity == .error } }

    /// The machine-readable form printed by `platedrop validate --json`.
    public var json: JSONValue {
        [
            "plate": .string(platePath),
            "valid": .bool(isValid),
            "version": version.map { .string($0.rawValue) } ?? .null,
            "wells": JSONValue(wellCount),
            "fields": JSONValue(fieldCount),
            "issues": .array(issues.map { issue in
                ["severity": .string(issue.severity.rawValue), "code": .string(issue.code),
                 "path": .string(issue.path), "message": .string(issue.message)]
            }),
        ]
    }

    /// The readable form printed by `platedrop validate`.
    public var text: String {
        let errors = issues.filter { $0.severity == .error }.count
        let warnings = issues.count - errors
        var lines = ["\(platePath): OME-NGFF \(version?.rawValue ?? "?") plate, \(wellCount) well(s), \(fieldCount) field(s)"]
        lines += issues.map { "  \($0)" }
        lines.append(isValid ? "VALID (\(warnings) warning(s))" : "INVALID: \(errors) error(s), \(warnings) warning(s)")
        return lines.joined(separator: "\n")
    }
}
