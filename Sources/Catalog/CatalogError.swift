/// Why the catalogue cannot be used; each message names the file and what to do.
public enum CatalogError: Error, CustomStringConvertible, Sendable, Equatable {
    case cannotOpen(path: String, detail: String)
    case corrupt(path: String, detail: String)
    case locked(path: String, holder: String)
    case database(path: String, detail: String)
    case refused(path: String, TransitionRefused)

    public var description: String {
        switch self {
        case let .cannotOpen(path, detail):
            "\(path): cannot open the catalogue: \(detail)"
        case let .corrupt(path, detail):
            "\(path): the catalogue failed its integrity check (\(detail)); refusing to run rather than guess. "
                + "Restore it from a backup, or move it aside to rebuild it from the watched folders"
        case let .locked(path, holder):
            "\(path): another platedrop daemon (\(holder)) is already using this catalogue; stop it first "
                + "(systemctl stop platedrop) or point this one at another catalogue"
        case let .database(path, detail):
            "\(path): catalogue error: \(detail)"
        case let .refused(path, refusal):
            "\(path): \(refusal)"
        }
    }
}
