/// Everything that can go wrong naming files or reading plan files; each case names the file and
/// what was expected versus found.
public enum LayoutError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be read at all.
    case unreadable(path: String, found: String)
    /// The plan file is truncated, malformed or contradicts itself.
    case malformedPlan(path: String, expected: String, found: String)
    /// The layout does not read this kind of plan file.
    case unsupportedPlan(path: String, layout: String, expected: String)
    /// A custom layout's pattern cannot be used.
    case invalidPattern(layout: String, pattern: String, expected: String, found: String)
    /// `--layout auto` could not tell which instrument wrote the export.
    case layoutNotDetected(exportRoot: String, expected: String, found: String)

    /// A message that names the file and what to do.
    public var description: String {
        switch self {
        case let .unreadable(path, found):
            return "Cannot read \(path): \(found). Check that the file exists and that PlateDrop may read it."
        case let .malformedPlan(path, expected, found):
            return "Plan file \(path) is malformed: expected \(expected), found \(found). "
                + "If the instrument may still be writing it, wait for the run to end; otherwise re-export the plan."
        case let .unsupportedPlan(path, layout, expected):
            return "The \(layout) layout cannot read \(path): it reads \(expected). Choose the matching --layout."
        case let .invalidPattern(layout, pattern, expected, found):
            return "Custom layout \"\(layout)\" has an unusable pattern \(pattern): expected \(expected), found \(found)."
        case let .layoutNotDetected(exportRoot, expected, found):
            return "Cannot tell which instrument wrote \(exportRoot): expected \(expected); found \(found). "
                + "Name the layout with --layout (\(LayoutCatalog.builtInNames.joined(separator: ", ")), or a custom pattern)."
        }
    }
}
