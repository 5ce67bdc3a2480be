import FileLocks

/// Guarantees one daemon per catalogue: an exclusive lock on `<catalogue>.lock`, held until the process
/// exits.
public final class CatalogLock: Sendable {
    private let lock: ExclusiveFileLock
    public var path: String { lock.path }

    /// Takes the lock or throws `CatalogError.locked` naming the pid that holds it.
    public init(catalogPath: String) throws(CatalogError) {
        do throws(ExclusiveFileLock.Failure) {
            lock = try ExclusiveFileLock(path: catalogPath + ".lock", mode: 0o660)
        } catch {
            switch error {
            case let .held(holder): throw .locked(path: catalogPath, holder: holder)
            case let .cannotOpen(detail): throw .cannotOpen(path: catalogPath + ".lock", detail: detail)
            }
        }
    }
}
