/// Why the web view could not start.
public enum WebServerError: Error, Sendable, CustomStringConvertible {
    case cannotStart(listen: String, detail: String)

    public var description: String {
        switch self {
        case let .cannotStart(listen, detail): "the web view cannot listen on \(listen): \(detail)"
        }
    }
}
