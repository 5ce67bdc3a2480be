/// Failures that stop a whole ingest (per-file problems are reported as `FileIssue`s instead).
public enum IngestError: Error, CustomStringConvertible, Sendable, Equatable {
    case exportNotFound(path: String)
    case layoutNotRecognised(path: String, detail: String)
    case outputExists(path: String)
    case outputUnwritable(path: String, detail: String)
    case plateBusy(path: String, holder: String)

    public var description: String {
        switch self {
        case let .exportNotFound(path):
            "\(path): export folder not found or not a directory"
        case let .layoutNotRecognised(path, detail):
            "\(path): \(detail)"
        case let .outputExists(path):
            "\(path): plate store already exists; remove it or pass --overwrite"
        case let .outputUnwritable(path, detail):
            "\(path): cannot write the plate store: \(detail)"
        case let .plateBusy(path, holder):
            "\(path): another PlateDrop process (\(holder)) is writing this plate store; try again once it is done"
        }
    }
}
